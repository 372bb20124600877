package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.OtlpJson;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a child JVM by {@link HostOpenTelemetryTest}: a host with OpenTelemetry of its own. With
 * {@code global-first} it sets its global instance before tbot-otel runs; then tbot-otel sends to
 * ENDPOINT ({@code send}) or renders its preview ({@code preview}); then the host sets up its own
 * OpenTelemetry as a host does at start-up: a {@link ContextStorage} wrapper, and (unless set
 * already) its global instance. Prints what the host saw. Arguments: {@code ENDPOINT send|preview
 * [global-first]}.
 */
public final class HostOpenTelemetryProbe {

  static volatile boolean wrapperApplied;

  public static void main(String[] args) {
    boolean globalFirst = args.length > 2 && args[2].equals("global-first");
    OpenTelemetry host = new HostOpenTelemetry();
    if (globalFirst) {
      GlobalOpenTelemetry.set(host);
    }
    if (args[1].equals("send")) {
      try (AnonymousAnalytics analytics = AnonymousAnalytics.builder()
          .setConsent(Consent.resolve(true, null, Map.of()))
          .setEndpoint(URI.create(args[0]))
          // The longest exit wait: the delivery is what is checked, and it ends the wait.
          .setExitTimeout(Duration.ofSeconds(10))
          .setEnvironment(Map.of())
          .build()) {
        analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
        analytics.close();
        System.out.println("delivery " + analytics.delivery());
      }
    } else {
      OtlpJson.exportRequest(StartEvent.builder().setVersion("18.1.0").build());
      System.out.println("previewed");
    }
    // The host's own OpenTelemetry set-up, after tbot-otel's start (which returned at once).
    ContextStorage.addWrapper(storage -> {
      wrapperApplied = true;
      return storage;
    });
    Context.current();
    System.out.println("host context wrapper applied " + wrapperApplied);
    if (!globalFirst) {
      try {
        GlobalOpenTelemetry.set(host);
        System.out.println("host global set");
      } catch (RuntimeException e) {
        System.out.println("host global refused: " + e);
      }
    }
    System.out.println("--- the host's own use of its global instance");
    GlobalOpenTelemetry.get().getLogsBridge();
  }

  /** The host's OpenTelemetry: says when any part of it is used. */
  static final class HostOpenTelemetry implements OpenTelemetry {
    @Override
    public TracerProvider getTracerProvider() {
      System.out.println("host tracer provider used");
      return TracerProvider.noop();
    }

    @Override
    public MeterProvider getMeterProvider() {
      System.out.println("host meter provider used");
      return MeterProvider.noop();
    }

    @Override
    public LoggerProvider getLogsBridge() {
      System.out.println("host logs bridge used");
      return LoggerProvider.noop();
    }

    @Override
    public ContextPropagators getPropagators() {
      return ContextPropagators.noop();
    }
  }
}
