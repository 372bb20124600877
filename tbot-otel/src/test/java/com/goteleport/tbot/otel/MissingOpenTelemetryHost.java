package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.OtlpJson;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a child JVM without the OpenTelemetry jars by {@link MissingOpenTelemetryTest}: a host
 * that left out dependencies it took for optional. Sends with consent to ENDPOINT, with debug when
 * the second argument is {@code debug}, and prints the delivery; with {@code preview}, asks {@link
 * OtlpJson} for the request instead and prints what it threw. Arguments: {@code ENDPOINT
 * [debug|preview]}.
 */
public final class MissingOpenTelemetryHost {

  private MissingOpenTelemetryHost() {}

  public static void main(String[] args) {
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> System.out.println("uncaught in " + t.getName() + ": " + e));
    if (args.length > 1 && args[1].equals("preview")) {
      try {
        System.out.println(OtlpJson.exportRequest(StartEvent.builder().setVersion("18.1.0").build()));
      } catch (Throwable t) { // what a host that shows a preview must be ready for
        System.out.println(t);
      }
      return;
    }
    AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(URI.create(args[0]))
        .setExitTimeout(Duration.ofSeconds(5))
        .setEnvironment(Map.of())
        .setDebug(args.length > 1 && args[1].equals("debug"))
        .build();
    analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
    analytics.close();
    System.out.println("delivery " + analytics.delivery());
  }
}
