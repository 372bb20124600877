package com.goteleport.tbot.otel.export;

import com.goteleport.tbot.otel.event.StartEvent;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends one {@code tbot.start} over OTLP/HTTP protobuf: one POST, no retries, no compression, every
 * timeout inside the caller's budget. Built by hand, never by autoconfigure, so no {@code OTEL_*}
 * variable can change where the event goes or what it carries. Internal: use {@code
 * AnonymousAnalytics}.
 */
public final class EventSender {

  private EventSender() {}

  /**
   * Builds the SDK and exporter, sends the event, waits at most {@code budget} for the answer, and
   * shuts everything down without waiting. Never throws.
   *
   * @param env the environment for proxy settings ({@code HTTPS_PROXY}, {@code NO_PROXY}, ...)
   */
  public static Delivery send(StartEvent event, URI endpoint, Duration budget, Map<String, String> env) {
    long start = System.nanoTime();
    SdkLoggerProvider provider = null;
    try {
      OtlpHttpLogRecordExporter exporter =
          OtlpHttpLogRecordExporter.builder()
              .setEndpoint(endpoint.toString())
              .setTimeout(budget)
              .setConnectTimeout(budget)
              .setRetryPolicy(null)
              .setProxyOptions(ProxyOptions.create(new EnvProxySelector(env, ProxySelector.getDefault())))
              // The exporter's own metrics would otherwise go to GlobalOpenTelemetry.
              .setMeterProvider(MeterProvider.noop())
              .build();
      provider = EventRecorder.provider(SimpleLogRecordProcessor.create(exporter));
      EventRecorder.record(provider, event);
      long left = budget.toNanos() - (System.nanoTime() - start);
      CompletableResultCode result = provider.forceFlush().join(Math.max(left, 0), TimeUnit.NANOSECONDS);
      Delivery delivery =
          !result.isDone() ? Delivery.TIMED_OUT : result.isSuccess() ? Delivery.DELIVERED : Delivery.FAILED;
      Diagnostics.debug(
          "tbot.start to " + endpoint + ": " + delivery + " after "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
      return delivery;
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.debug("tbot.start not sent: " + e);
      return Delivery.FAILED;
    } finally {
      if (provider != null) {
        provider.shutdown(); // not joined: its threads are daemons and the budget is spent
      }
    }
  }
}
