package com.goteleport.tbot.otel.export;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A library host, run in a child JVM by {@link SilentCollectorTest}: sends with consent and a 300 ms
 * send timeout, works for a second (well past it), closes, and prints the delivery on stdout.
 */
public final class SendTimeoutHost {

  private SendTimeoutHost() {}

  public static void main(String[] args) throws Exception {
    AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(URI.create(args[0]))
        .setSendTimeout(Duration.ofMillis(300))
        .setEnvironment(Map.of())
        .build();
    analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
    Thread.sleep(1000);
    analytics.close();
    System.out.println("delivery=" + analytics.delivery());
  }
}
