package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A library host, run in a child JVM by {@link ProcessOptOutTest}, that resolves consent from a map
 * of its own (a yes) rather than from {@code System.getenv()}, then records and closes. Prints the
 * consent and the delivery.
 */
public final class ProcessOptOutHost {

  private ProcessOptOutHost() {}

  public static void main(String[] args) {
    Consent consent = Consent.resolve(null, null, Map.of(Consent.ENV_TELEPORT, "1"));
    System.out.println("host: " + consent);
    AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(consent)
        .setEndpoint(URI.create(args[0]))
        .setEnvironment(Map.of())
        // The control case must deliver on a busy machine too: consent, not timing, is tested here.
        .setExitTimeout(Duration.ofMillis(AnonymousAnalytics.MAX_EXIT_TIMEOUT_MILLIS))
        .build();
    analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
    analytics.close();
    System.out.println("host: delivery=" + analytics.delivery());
  }
}
