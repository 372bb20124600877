package com.goteleport.tbot.otel.export;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A library host, run in a child JVM by {@link LibraryBoundsTest}: for each endpoint given, builds
 * {@link AnonymousAnalytics} with consent and default settings (no debug), times {@code
 * recordStart} and {@code close}, and prints one line per endpoint on stdout. Ends by returning
 * from {@code main}, so a non-daemon thread would keep the process alive.
 */
public final class HostUnderTest {

  private HostUnderTest() {}

  public static void main(String[] args) throws Exception {
    long budgetMillis = Long.parseLong(args[0]);
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    for (int i = 1; i < args.length; i++) {
      AnonymousAnalytics analytics =
          AnonymousAnalytics.builder()
              .setConsent(Consent.resolve(true, null, Map.of()))
              .setEndpoint(URI.create(args[i]))
              .setExitTimeout(Duration.ofMillis(budgetMillis))
              .build();
      long t0 = System.nanoTime();
      analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
      long t1 = System.nanoTime();
      analytics.close();
      long t2 = System.nanoTime();
      System.out.println("start_ms=" + (t1 - t0) / 1_000_000 + " close_ms=" + (t2 - t1) / 1_000_000
          + " delivery=" + analytics.delivery());
    }
    String nonDaemon = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
        .map(Thread::getName)
        .collect(Collectors.joining(","));
    System.out.println("non_daemon=[" + nonDaemon + "]");
  }
}
