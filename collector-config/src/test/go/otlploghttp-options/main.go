// Command otlploghttp-options sends one tbot.start record with otlploghttp set up as
// docs/attributes.md's "For a second implementation" says (compression, retry, timeout, redirects),
// to the endpoint given as its first argument, with the scope version its second; a third,
// "defaults", leaves compression, retries and the HTTP client to the exporter. GoExporterOptionsTest runs it against loopback
// receivers and reads what arrives.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"time"

	"go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploghttp"
	"go.opentelemetry.io/otel/log"
	sdklog "go.opentelemetry.io/otel/sdk/log"
)

func main() {
	ctx := context.Background()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	options := []otlploghttp.Option{
		otlploghttp.WithEndpointURL(os.Args[1]),
		otlploghttp.WithHeaders(map[string]string{}),
		otlploghttp.WithCompression(otlploghttp.GzipCompression),
		otlploghttp.WithRetry(otlploghttp.RetryConfig{Enabled: false}),
		otlploghttp.WithTimeout(2 * time.Second),
		otlploghttp.WithHTTPClient(client),
	}
	if len(os.Args) > 3 && os.Args[3] == "defaults" {
		// The exporter's own compression and client, which the test shows differ (bounded in time).
		options = []otlploghttp.Option{
			otlploghttp.WithEndpointURL(os.Args[1]),
			otlploghttp.WithHeaders(map[string]string{}),
			otlploghttp.WithTimeout(2 * time.Second),
		}
	}
	exporter, err := otlploghttp.New(ctx, options...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	provider := sdklog.NewLoggerProvider(sdklog.WithProcessor(sdklog.NewSimpleProcessor(exporter)))
	logger := provider.Logger("tbot.anonymous_analytics", log.WithInstrumentationVersion(os.Args[2]))
	var r log.Record
	r.SetEventName("tbot.start")
	r.SetSeverity(log.SeverityInfo)
	r.AddAttributes(
		log.String("join_type", "github"),
		log.String("run_mode", "one-shot"),
		log.String("version", "18.1.0"),
		log.Int("destinations_configured", 0),
		log.Int("destinations_configured_application_access", 0),
		log.Int("destinations_configured_database_access", 0),
		log.Int("destinations_configured_kubernetes_access", 0),
	)
	start := time.Now()
	logger.Emit(ctx, r) // the simple processor exports here, at once
	shutdown, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	_ = provider.Shutdown(shutdown)
	fmt.Printf("sent in %d ms\n", time.Since(start).Milliseconds())
}
