package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Run by {@link HungLookupTest} in a child JVM whose hosts file is a FIFO no one writes, so the
 * collector's name is looked up for ever: records a start with a 2 s exit timeout, closes it, then
 * closes it again with less time, and prints how long each close took, the delivery, and whether
 * the send's thread still runs a second later.
 */
public final class HungLookupProbe {

  public static void main(String[] args) throws InterruptedException {
    AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(URI.create("http://collector.test:9/v1/logs")).setExitTimeout(Duration.ofSeconds(2)).build();
    a.recordStart(StartEvent.builder().build());
    long start = System.nanoTime();
    a.close();
    long first = System.nanoTime();
    a.close(Duration.ofMillis(300));
    long second = System.nanoTime();
    System.out.println("first close ms " + (first - start) / 1_000_000);
    System.out.println("second close ms " + (second - first) / 1_000_000);
    System.out.println("delivery " + a.delivery());
    // The look-up's own thread stays in it (nothing can stop the resolver); the send's thread, which
    // waited for the connection, ends once the close gave up (an app server's undeploy checks it).
    Thread send = null;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("tbot-otel-analytics")) {
        send = t;
      }
    }
    if (send != null) {
      send.join(1000);
    }
    System.out.println("send thread alive 1 s after close " + (send != null && send.isAlive()));
  }

  private HungLookupProbe() {}
}
