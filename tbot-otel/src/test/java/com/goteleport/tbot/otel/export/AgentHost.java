package com.goteleport.tbot.otel.export;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.RunMode;
import com.goteleport.tbot.otel.event.StartEvent;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Run in a child JVM under the OpenTelemetry Java agent by {@link JavaAgentIT}: a library host as
 * the README's snippet is one, whose own telemetry is the agent's. It records tbot-otel's start
 * (with consent, or with a no) inside a span of its own made through the agent, closes, prints on
 * stdout its span's ids and how the send ended, then logs one SEVERE record of its own on its own
 * JUL logger {@value #HOST_LOGGER}: the agent must capture that one (the positive control), and
 * nothing of tbot-otel's. With {@code fine} the host logs at FINE (its root logger and console
 * handler), as a host being debugged does. Arguments: {@code ENDPOINT yes|no [fine]}.
 */
public final class AgentHost {

  static final String HOST_LOGGER = "host.app";
  static final String HOST_RECORD = "host record";
  static final String TRACER = "host";

  public static void main(String[] args) {
    if (args.length > 2 && args[2].equals("fine")) {
      Logger root = Logger.getLogger("");
      root.setLevel(Level.FINE);
      for (Handler h : root.getHandlers()) {
        h.setLevel(Level.FINE);
      }
    }
    Consent consent = args[1].equals("yes") ? Consent.resolve(true, null, Map.of()) : Consent.denied();
    Span span = GlobalOpenTelemetry.getTracer(TRACER).spanBuilder("s").startSpan();
    AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(consent)
        .setEndpoint(URI.create(args[0]))
        .setExitTimeout(Duration.ofSeconds(10)) // the longest allowed: the agent makes a loaded machine slow
        .setEnvironment(Map.of())
        .build();
    try (Scope ignored = span.makeCurrent()) {
      analytics.recordStart(StartEvent.builder().setRunMode(RunMode.ONE_SHOT).setVersion("18.1.0")
          .setJoinType("github").build());
      analytics.close();
    } finally {
      span.end();
    }
    System.out.println("span " + span.getSpanContext().getTraceId() + " " + span.getSpanContext().getSpanId()
        + " valid " + span.getSpanContext().isValid());
    System.out.println("delivery " + analytics.delivery());
    Logger.getLogger(HOST_LOGGER).log(Level.SEVERE, HOST_RECORD);
  }
}
