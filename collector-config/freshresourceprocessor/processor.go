// Package freshresourceprocessor moves every log record's scopes onto a resource built anew, with
// the incoming resource's attributes and nothing else.
//
// A resource carries fields no OTTL path reaches in this collector version, such as its entity
// references (entityRefs: types and id/description keys, free text a client chooses). The edge's
// transform/scrub empties what OTTL can; this processor leaves a client no field beyond it. tbot
// sends none of these fields, so its events are unchanged. Records a producer put in the
// deprecated instrumentation_library_logs field (which the Kafka receiver does not migrate) are
// left behind too: only the current scope logs are moved.
package freshresourceprocessor

import (
	"context"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processorhelper"
)

var componentType = component.MustNewType("freshresource")

// Config has no options: the processor does one thing.
type Config struct{}

// NewFactory returns the factory of the freshresource processor (logs only).
func NewFactory() processor.Factory {
	return processor.NewFactory(
		componentType,
		func() component.Config { return &Config{} },
		processor.WithLogs(createLogs, component.StabilityLevelDevelopment))
}

func createLogs(ctx context.Context, set processor.Settings, cfg component.Config, next consumer.Logs) (processor.Logs, error) {
	return processorhelper.NewLogs(ctx, set, cfg, next, rebuild,
		processorhelper.WithCapabilities(consumer.Capabilities{MutatesData: true}))
}

// rebuild returns the same records under resources that hold only the incoming attributes (and
// their dropped count) and the schema URL, which transform/scrub bounds.
func rebuild(_ context.Context, in plog.Logs) (plog.Logs, error) {
	out := plog.NewLogs()
	for i := 0; i < in.ResourceLogs().Len(); i++ {
		from := in.ResourceLogs().At(i)
		to := out.ResourceLogs().AppendEmpty()
		from.Resource().Attributes().CopyTo(to.Resource().Attributes())
		to.Resource().SetDroppedAttributesCount(from.Resource().DroppedAttributesCount())
		to.SetSchemaUrl(from.SchemaUrl())
		from.ScopeLogs().MoveAndAppendTo(to.ScopeLogs())
	}
	return out, nil
}
