package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.internal.export.EventSender;
import com.goteleport.tbot.otel.internal.export.InFlight;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code EventSender.send} is public (for {@code AnonymousAnalytics}, in this package), so a host
 * can reach it, internal package or not: it must not be a way around consent. Called from here, as
 * a host would.
 */
class PublicSendConsentTest {

  @Test
  void theOnlyPublicSendSendsNothingWithoutConsent() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      URI to = URI.create(receiver.url());
      StartEvent event = StartEvent.builder().build();
      Consent no = Consent.resolve(true, null, Map.of(Consent.ENV_DO_NOT_TRACK, "1"));
      for (Consent c : new Consent[] {Consent.denied(), no}) {
        assertEquals(Delivery.NOT_ATTEMPTED,
            EventSender.send(c, event, to, Duration.ofSeconds(5), Map.of(), new InFlight(), null), c.toString());
      }
      assertEquals(0, receiver.requests().size());
      // The same call with a yes sends, so the check above can fail.
      assertEquals(Delivery.DELIVERED, EventSender.send(Consent.resolve(true, null, Map.of()), event, to,
          Duration.ofSeconds(5), Map.of(), new InFlight(), null));
      assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size());
    }
  }
}
