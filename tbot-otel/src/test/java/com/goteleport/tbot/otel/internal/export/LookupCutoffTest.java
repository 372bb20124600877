package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import com.goteleport.tbot.otel.export.Delivery;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code AnonymousAnalytics.close} reads to give up on a host name look-up that runs too close
 * to the exit ({@link InFlight#lookupSince}). {@code FaultMatrixIT} has a look-up that never ends.
 */
class LookupCutoffTest {

  @Test
  void aLookUpUnderWayIsSeenFromItsStartToItsEnd() {
    InFlight inFlight = new InFlight();
    assertNull(inFlight.lookupSince());
    long before = System.nanoTime();
    inFlight.lookupStarting();
    Long since = inFlight.lookupSince();
    assertTrue(since != null && since - before >= 0 && System.nanoTime() - since >= 0, "since " + since);
    inFlight.lookupEnded();
    assertNull(inFlight.lookupSince());
  }

  @Test
  void aSendLooksUpANameButNotAnIpLiteral() {
    // Each send's look-up is marked and unmarked: none is left marked once the send has ended.
    for (String endpoint : new String[] {"http://collector.example.invalid/v1/logs", "http://127.0.0.1:9/v1/logs",
        "http://[::1]:9/v1/logs"}) {
      InFlight inFlight = new InFlight();
      assertEquals(Delivery.FAILED, EventSender.send(StartEvent.builder().build(), URI.create(endpoint),
          Duration.ofSeconds(2), Map.of(), inFlight, null), endpoint);
      assertNull(inFlight.lookupSince(), endpoint);
    }
  }

  @Test
  void aQuickLookUpPastTheCutoffStillDelivers() throws InterruptedException {
    // An exit timeout under 320 ms puts close past the cut-off at once: a name that resolves at
    // once (localhost) is still sent; only a look-up that runs 20 ms is given up on.
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      String byName = receiver.url().replace("127.0.0.1", "localhost");
      AnonymousAnalytics warmUp = analytics(receiver.url(), Duration.ofSeconds(10)); // a cold SDK takes longer
      warmUp.recordStart(StartEvent.builder().build());
      warmUp.close();
      assertEquals(Delivery.DELIVERED, warmUp.delivery());
      AnonymousAnalytics a = analytics(byName, Duration.ofMillis(300));
      a.recordStart(StartEvent.builder().build());
      a.close();
      assertEquals(Delivery.DELIVERED, a.delivery());
      assertEquals(2, receiver.await(2, Duration.ofSeconds(5)).size());
    }
  }

  private static AnonymousAnalytics analytics(String endpoint, Duration exitTimeout) {
    return AnonymousAnalytics.builder().setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(URI.create(endpoint)).setExitTimeout(exitTimeout).build();
  }
}
