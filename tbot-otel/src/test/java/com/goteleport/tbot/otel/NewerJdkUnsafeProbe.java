package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a child JVM by {@link NewerJdkUnsafeTest}: a host that sends to ENDPOINT, on a JVM that
 * says it is Java 25 ({@code as-25}: {@code java.specification.version}, set before anything reads
 * it, as OpenTelemetry's encoder choice does) or as it is ({@code as-is}). Prints the delivery.
 * Arguments: {@code ENDPOINT as-25|as-is}.
 */
public final class NewerJdkUnsafeProbe {

  private NewerJdkUnsafeProbe() {}

  public static void main(String[] args) {
    if (args[1].equals("as-25")) {
      System.setProperty("java.specification.version", "25");
    }
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
  }
}
