package com.goteleport.tbot.otel.export;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a child JVM by {@link OpenTelemetryVersionsTest}, on a class path whose OpenTelemetry is
 * one release a host pinned: sends once to ENDPOINT with consent ({@code yes}) or without
 * ({@code no}), in debug mode with {@code debug}, and prints the delivery, or what was thrown into
 * it or left uncaught; with {@code preview}, renders the event as {@link OtlpJson} does instead.
 * Arguments: {@code ENDPOINT yes|no|preview [debug]}.
 */
public final class OpenTelemetryVersionHost {

  private OpenTelemetryVersionHost() {}

  public static void main(String[] args) {
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> System.out.println("uncaught in " + t.getName() + ": " + e));
    if (args[1].equals("preview")) {
      try {
        OtlpJson.exportRequest(StartEvent.builder().setVersion("18.1.0").build());
        System.out.println("preview rendered");
      } catch (Throwable t) {
        System.out.println("preview threw " + t);
      }
      return;
    }
    try (AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(args[1].equals("yes") ? Consent.resolve(true, null, Map.of()) : Consent.denied())
        .setEndpoint(URI.create(args[0]))
        .setExitTimeout(Duration.ofSeconds(5))
        .setEnvironment(Map.of())
        .setDebug(args.length > 2 && args[2].equals("debug"))
        .build()) {
      analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
      analytics.close();
      System.out.println("delivery " + analytics.delivery());
    } catch (Throwable t) {
      System.out.println("thrown into the host: " + t);
    }
  }
}
