package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a child JVM by DebugScopeTest: a failing send from an instance built with debug, a marker
 * line, then the same from an instance built without it, then the first instance's setting again.
 */
public final class DebugScopeProbe {
  public static void main(String[] args) throws Exception {
    int refused = com.goteleport.tbot.otel.export.Fault.closedPort(); // refused; held, so no one else listens there
    URI endpoint = URI.create("http://127.0.0.1:" + refused + "/v1/logs");
    send(endpoint, true);
    System.err.println("--- marker: an instance without debug follows");
    send(endpoint, false);
    System.err.println("--- marker: an instance with debug follows");
    send(endpoint, true);
  }

  private static void send(URI endpoint, boolean debug) {
    try (AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(endpoint)
        // The longest exit wait: the refusal's debug line is what is checked, and it ends the wait at once.
        .setExitTimeout(Duration.ofSeconds(10))
        .setEnvironment(Map.of())
        .setDebug(debug)
        .build()) {
      analytics.recordStart(StartEvent.builder().build());
    }
  }
}
