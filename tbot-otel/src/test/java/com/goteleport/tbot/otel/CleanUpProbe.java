package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Filter;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Run in a child JVM by CloseAfterTheOutcomeTest: a host whose logger for the SDK's provider takes
 * 3 s to have a filter set, as a slow logging bridge might. The send sets tbot-otel's filter on it
 * as it starts and takes it off after the send, in its clean-up. The host closes once the collector
 * has the event, with an exit timeout of 2.5 s, and prints how long close took and the delivery,
 * then the delivery again once the send's thread has ended, and the other loggers still holding the
 * send's filter. With {@code throwing} the logger then
 * throws an Error instead of taking the filter off. With {@code refused} the host's start fails
 * once the send is under way: it says no to the start, then closes.
 */
public final class CleanUpProbe {

  /** Slow to take a filter off; with {@code throwing}, it then throws an Error instead. */
  static final class SlowLogger extends Logger {
    private final boolean throwing;

    SlowLogger(String name, boolean throwing) {
      super(name, null);
      this.throwing = throwing;
    }

    @Override
    public void setFilter(Filter filter) {
      if (filter != null && filter.getClass().getName().contains("tbot")) {
        SEND_UNDER_WAY.countDown();
      } else {
        try {
          Thread.sleep(3000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (throwing) {
          throw new AssertionError("a host logger that fails");
        }
      }
      super.setFilter(filter);
    }
  }

  // Counted down when the send puts its filter on: it has started, and will clean up.
  static final CountDownLatch SEND_UNDER_WAY = new CountDownLatch(1);

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "";
    boolean throwing = mode.equals("throwing");
    LogManager.getLogManager().addLogger(new SlowLogger("io.opentelemetry.sdk.logs.SdkLoggerProvider", throwing));
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      AnonymousAnalytics analytics = AnonymousAnalytics.builder()
          .setConsent(Consent.resolve(true, null, Map.of()))
          .setEndpoint(java.net.URI.create(collector.url()))
          .setExitTimeout(Duration.ofMillis(2500))
          .build();
      if (mode.equals("refused")) {
        CompletableFuture<Boolean> confirmed = new CompletableFuture<>();
        analytics.recordStart(StartEvent.builder().build(), confirmed);
        System.out.println("under way " + SEND_UNDER_WAY.await(20, TimeUnit.SECONDS));
        confirmed.complete(false);
      } else {
        analytics.recordStart(StartEvent.builder().build());
        System.out.println("received " + collector.await(1, Duration.ofSeconds(20)).size());
      }
      Thread.sleep(200); // the answer read, or the no seen
      long start = System.nanoTime();
      analytics.close();
      System.out.println("close " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
      System.out.println("delivery " + analytics.delivery());
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals("tbot-otel-analytics")) {
          t.join(10_000);
        }
      }
      System.out.println("after the clean-up " + analytics.delivery());
      // The send's filters, taken off every SDK logger but one that refused to lose its own.
      List<String> left = new ArrayList<>();
      for (String name : Collections.list(LogManager.getLogManager().getLoggerNames())) {
        Logger logger = LogManager.getLogManager().getLogger(name);
        if (logger != null && !(logger instanceof SlowLogger) && logger.getFilter() != null
            && logger.getFilter().getClass().getName().contains("tbot")) {
          left.add(name);
        }
      }
      System.out.println("filters left " + left);
      System.out.println("requests " + collector.requests().size());
    }
  }
}
