package com.goteleport.tbot.otel.bench;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.net.URI;

/**
 * The naive baseline: what a developer writes from the OpenTelemetry getting-started docs. The SDK
 * with defaults (default resource, batch processor, OTLP/HTTP exporter with its default okhttp
 * sender, timeouts and retries), built on the host's thread, and {@code close()} at exit, which
 * flushes and waits up to 10 s. {@link ProcessBench} also runs it with the JDK {@code HttpClient}
 * sender on the class path in place of okhttp: the exporter uses whichever sender it finds.
 *
 * <p>Arguments: {@code naive ENDPOINT WORK_MS [HOST_TLS_URL]}; with {@code HOST_TLS_URL}, the host
 * makes its own TLS connection there right after the telemetry start ({@link HostTls}).
 */
public final class NaiveHost {

  private NaiveHost() {}

  public static void main(String[] args) throws Exception {
    String endpoint = args[1];
    long workMillis = Long.parseLong(args[2]);
    URI hostTls = args.length > 3 ? URI.create(args[3]) : null;
    long t0 = System.nanoTime();
    OpenTelemetrySdk sdk = build(endpoint);
    emit(sdk);
    long startCall = System.nanoTime() - t0;
    if (hostTls != null) {
      HostTls.join(hostTls);
    }
    Thread.sleep(workMillis);
    long t1 = System.nanoTime();
    sdk.close();
    HostReport.print(startCall, System.nanoTime() - t1);
  }

  /** The SDK as the getting-started docs build it, exporting to {@code endpoint}. */
  static OpenTelemetrySdk build(String endpoint) {
    return OpenTelemetrySdk.builder()
        .setLoggerProvider(
            SdkLoggerProvider.builder()
                .addLogRecordProcessor(
                    BatchLogRecordProcessor.builder(
                            OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint).build())
                        .build())
                .build())
        .build();
  }

  /** Emits {@code tbot.start} with the attributes {@link TbotHost#event()} has. */
  static void emit(OpenTelemetrySdk sdk) {
    sdk.getSdkLoggerProvider()
        .loggerBuilder("tbot.anonymous_analytics")
        .setInstrumentationVersion("1.0.0")
        .build()
        .logRecordBuilder()
        .setEventName("tbot.start")
        .setSeverity(Severity.INFO)
        .setAttribute(AttributeKey.stringKey("run_mode"), "one-shot")
        .setAttribute(AttributeKey.stringKey("version"), "18.1.0")
        .setAttribute(AttributeKey.stringKey("join_type"), "github")
        .setAttribute(AttributeKey.longKey("destinations_configured"), 3L)
        .setAttribute(AttributeKey.longKey("destinations_configured_database_access"), 1L)
        .setAttribute(AttributeKey.longKey("destinations_configured_kubernetes_access"), 1L)
        .setAttribute(AttributeKey.longKey("destinations_configured_application_access"), 0L)
        .emit();
  }
}
