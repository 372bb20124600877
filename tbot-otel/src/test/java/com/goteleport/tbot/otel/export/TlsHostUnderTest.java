package com.goteleport.tbot.otel.export;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;

/**
 * A library host that makes TLS connections of its own, run in a child JVM by {@link
 * HostTlsSettingsTest}. Arguments: {@code ENDPOINT HOST_URL [TRUST_STORE]}: records the start to
 * ENDPOINT, then, once that send is over, sets {@code javax.net.ssl.trustStore} to TRUST_STORE if given (as a
 * host configuring TLS after starting telemetry does), makes its own request to HOST_URL and closes.
 * Prints {@code host=STATUS|EXCEPTION delivery=DELIVERY}.
 */
public final class TlsHostUnderTest {

  private TlsHostUnderTest() {}

  public static void main(String[] args) throws Exception {
    AnonymousAnalytics analytics =
        AnonymousAnalytics.builder()
            .setConsent(Consent.resolve(true, null, Map.of()))
            .setEndpoint(URI.create(args[0]))
            .setExitTimeout(Duration.ofSeconds(10)) // a cold handshake on a loaded machine: not the budget under test
            .build();
    analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
    // Telemetry's TLS is over (sent or refused) before the host configures its own.
    for (int i = 0; i < 200 && analytics.delivery() == Delivery.PENDING; i++) { // 10 s at most
      Thread.sleep(50);
    }
    if (args.length > 2) {
      System.setProperty("javax.net.ssl.trustStore", args[2]);
    }
    String host;
    try {
      HttpsURLConnection c = (HttpsURLConnection) new URL(args[1]).openConnection();
      c.setConnectTimeout(5000);
      c.setReadTimeout(5000);
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.getOutputStream().close();
      host = Integer.toString(c.getResponseCode());
    } catch (Exception e) {
      host = e.getClass().getSimpleName();
    }
    analytics.close();
    System.out.println("host=" + host + " delivery=" + analytics.delivery());
  }
}
