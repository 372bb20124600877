package com.goteleport.tbot.otel.bench;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.LoopbackServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the host's thread pays to start telemetry, one call at a time ({@code SingleShotTime}: each
 * measured invocation is one start, against a healthy loopback collector, closed before the next).
 * With the defaults below the figures are warm; {@code benchmarks/run-jmh.sh} also runs them cold
 * ({@code -wi 0 -i 1 -f 10}: the first call in a fresh JVM, class loading included).
 *
 * <p>{@code naiveBuildAndEmit} is the naive baseline: the SDK with the OTLP exporter's defaults
 * (okhttp sender), built and used on the host's thread as the getting-started docs show.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 20, batchSize = 1)
@Measurement(iterations = 30, batchSize = 1)
@Fork(3)
public class StartCallBenchmark {

  /** A healthy collector for the whole fork. */
  @State(Scope.Benchmark)
  public static class Collector {
    LoopbackServer server;
    URI endpoint;

    @Setup(Level.Trial)
    public void start() {
      server = LoopbackServer.start(LoopbackServer.ok());
      endpoint = URI.create(server.url());
    }

    @TearDown(Level.Trial)
    public void stop() {
      server.close();
    }
  }

  /** A fresh {@link AnonymousAnalytics} per invocation, closed (delivery waited for) after it. */
  @State(Scope.Thread)
  public static class Analytics {
    AnonymousAnalytics on;
    AnonymousAnalytics off;
    StartEvent event;

    @Setup(Level.Invocation)
    public void build(Collector collector) {
      event = TbotHost.event(); // the host's own work, not the start call's
      on = builder(collector, true).build();
      off = builder(collector, false).build();
    }

    @TearDown(Level.Invocation)
    public void close() {
      on.close();
      off.close();
    }
  }

  /** The naive SDK of the invocation, closed (flushed) after it. */
  @State(Scope.Thread)
  public static class Naive {
    OpenTelemetrySdk sdk;

    @TearDown(Level.Invocation)
    public void close() {
      if (sdk != null) {
        sdk.close();
        sdk = null;
      }
    }
  }

  static AnonymousAnalytics.Builder builder(Collector collector, boolean consent) {
    Consent decided = Consent.resolve(consent, null, Map.of());
    if (decided.granted() != consent) {
      // The process's DO_NOT_TRACK or OTEL_SDK_DISABLED: "on" would measure the "off" path.
      throw new IllegalStateException("run the benchmark without them: " + decided);
    }
    return AnonymousAnalytics.builder()
        .setConsent(decided)
        .setEndpoint(collector.endpoint)
        .setExitTimeout(Duration.ofSeconds(2));
  }

  /** The library's start call: {@code recordStart} with consent (event built by the host beforehand). */
  @Benchmark
  public AnonymousAnalytics recordStart(Analytics a) {
    a.on.recordStart(a.event);
    return a.on;
  }

  /** Building the instance and the start call, with consent. */
  @Benchmark
  public AnonymousAnalytics buildAndRecordStart(Collector collector, Analytics a) {
    AnonymousAnalytics analytics = builder(collector, true).build();
    analytics.recordStart(a.event);
    a.on.close();
    a.on = analytics; // closed by the teardown
    return analytics;
  }

  /** The start call without consent: a consent check and nothing else. */
  @Benchmark
  public AnonymousAnalytics recordStartConsentOff(Analytics a) {
    a.off.recordStart(a.event);
    return a.off;
  }

  /** The naive baseline: SDK, exporter (okhttp) and logger built, and the event emitted, on the host's thread. */
  @Benchmark
  public OpenTelemetrySdk naiveBuildAndEmit(Collector collector, Naive naive) {
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setLoggerProvider(
                SdkLoggerProvider.builder()
                    .addLogRecordProcessor(
                        BatchLogRecordProcessor.builder(
                                OtlpHttpLogRecordExporter.builder()
                                    .setEndpoint(collector.endpoint.toString())
                                    .build())
                            .build())
                    .build())
            .build();
    sdk.getSdkLoggerProvider()
        .get("tbot.anonymous_analytics")
        .logRecordBuilder()
        .setEventName("tbot.start")
        .setSeverity(Severity.INFO)
        .setAttribute(AttributeKey.stringKey("version"), "18.1.0")
        .emit();
    naive.sdk = sdk;
    return sdk;
  }
}
