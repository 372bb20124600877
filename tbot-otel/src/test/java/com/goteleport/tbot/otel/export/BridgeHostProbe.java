package com.goteleport.tbot.otel.export;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Run in a child JVM by {@link HostLoggingBridgesTest}: a host whose logging is set up by the JVM's
 * options and class path (log4j's JUL LogManager, logback, a logging.properties). With {@code
 * bridge} it routes JUL to SLF4J as applications do ({@code SLF4JBridgeHandler}, called
 * reflectively: the bridge is on the child's class path only). It logs a record of its own, sends
 * once to ENDPOINT (in debug mode with {@code debug}), prints the delivery on stdout, then logs two
 * more: one of its own and one on the SDK's exporter logger, as a host using OpenTelemetry itself
 * would. Arguments: {@code ENDPOINT [debug] [bridge]}.
 */
public final class BridgeHostProbe {

  public static void main(String[] args) throws Exception {
    List<String> flags = List.of(args).subList(1, args.length);
    if (flags.contains("bridge")) {
      Class<?> bridge = Class.forName("org.slf4j.bridge.SLF4JBridgeHandler");
      bridge.getMethod("removeHandlersForRootLogger").invoke(null);
      bridge.getMethod("install").invoke(null);
    }
    Logger.getLogger("host.app").warning("host record before");
    AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(URI.create(args[0]))
        .setExitTimeout(Duration.ofSeconds(10))
        .setDebug(flags.contains("debug"))
        .build();
    analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
    analytics.close();
    System.out.println("delivery " + analytics.delivery());
    Logger.getLogger("host.app").warning("host record after");
    Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter").severe("host record on the SDK's logger");
  }
}
