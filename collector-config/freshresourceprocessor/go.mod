module github.com/gravitational/tbot-otel/freshresourceprocessor

go 1.25.0

require (
	go.opentelemetry.io/collector/component v1.61.0
	go.opentelemetry.io/collector/consumer v1.61.0
	go.opentelemetry.io/collector/pdata v1.61.0
	go.opentelemetry.io/collector/processor v1.61.0
	go.opentelemetry.io/collector/processor/processorhelper v0.155.0
)
