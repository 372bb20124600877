package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.logging.LogManager;

/**
 * Run in a child JVM by {@link HostJulSetupTest}: a host that sets up {@code java.util.logging} in
 * code, as some do at start-up instead of with {@code -D}, only after tbot-otel has run: with
 * {@code denied}, {@code recordStart} and {@code close} without consent; with {@code granted}, a
 * send to ENDPOINT. Prints the {@code LogManager} the host then gets. Arguments: {@code
 * denied|granted ENDPOINT}.
 */
public final class HostJulSetupProbe {

  private HostJulSetupProbe() {}

  /** The host's own manager, named by {@code java.util.logging.manager}. */
  public static final class HostLogManager extends LogManager {
    public HostLogManager() {}
  }

  public static void main(String[] args) {
    Consent consent = args[0].equals("granted") ? Consent.resolve(true, null, Map.of()) : Consent.denied();
    try (AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(consent)
        .setEndpoint(URI.create(args[1]))
        .setEnvironment(Map.of())
        // The longest, not the default 500 ms: on a loaded machine a cold child JVM missed it (JDK 25,
        // 1 in 2 runs beside two busy loops), and what is tested here is JUL's set-up, not the budget.
        .setExitTimeout(Duration.ofSeconds(10))
        .build()) {
      analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
    }
    System.setProperty("java.util.logging.manager", HostLogManager.class.getName());
    System.out.println("log_manager=" + LogManager.getLogManager().getClass().getName());
  }
}
