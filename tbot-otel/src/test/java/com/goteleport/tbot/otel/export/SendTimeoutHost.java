package com.goteleport.tbot.otel.export;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A library host, run in a child JVM by {@link SilentCollectorTest}: sends with consent and a 2 s
 * send timeout, works until the send has ended (7 s at most), prints the delivery then on stdout,
 * and closes. The send timeout counts from the send's start: a shorter one may end before a cold
 * JVM on a loaded machine has written its request, and the collector's hang would not be met. The
 * 7 s, by the clock from before the send's start, stay under the default 10 s: a send timeout not
 * applied leaves the delivery PENDING here, where the default's TIMED_OUT would look alike.
 */
public final class SendTimeoutHost {

  private SendTimeoutHost() {}

  public static void main(String[] args) throws Exception {
    AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(URI.create(args[0]))
        .setSendTimeout(Duration.ofSeconds(2))
        .setEnvironment(Map.of())
        .build();
    long end = System.nanoTime() + Duration.ofSeconds(7).toNanos();
    analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
    while (analytics.delivery() == Delivery.PENDING && System.nanoTime() - end < 0) {
      Thread.sleep(10);
    }
    System.out.println("delivery=" + analytics.delivery()); // before close: the send timeout ended it
    analytics.close();
  }
}
