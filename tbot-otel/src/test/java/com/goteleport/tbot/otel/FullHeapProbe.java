package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a child JVM with a small heap by {@link FullHeapTest}: a host whose heap is full for a
 * moment, as a host's own peak can make it, while the send is under way. The host installs a
 * default uncaught-exception handler, as hosts that log or alert do, fills the heap right after
 * {@code recordStart} (with {@code connecting}, once the send is connecting), waits for the send's
 * threads, frees the heap and closes (with {@code closing}, closes with the heap full first). It
 * prints the threads whose Throwable reached its handler, and the delivery.
 */
public final class FullHeapProbe {

  // Preallocated: the handler runs with the heap full, so it records without allocating.
  private static final Thread[] uncaught = new Thread[16];
  private static final AtomicInteger uncaughtCount = new AtomicInteger();
  private static Throwable thrown; // into the host's thread, with "before"

  private FullHeapProbe() {}

  public static void main(String[] args) throws Exception {
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      int i = uncaughtCount.getAndIncrement();
      if (i < uncaught.length) {
        uncaught[i] = t;
      }
    });
    boolean late = args.length > 1 && (args[1].equals("again") || args[1].equals("after-close"));
    AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(URI.create(args[0]))
        .setEnvironment(Map.of())
        .setSendTimeout(Duration.ofSeconds(5))
        .setDebug(late) // the lines that say why a late call sent nothing
        .build();
    StartEvent event = StartEvent.builder().setVersion("18.1.0").build();
    if (late) {
      // In debug mode, a second recordStart (or one after close) with the heap full: the line
      // saying why it sent nothing is lost, nothing is thrown into the host.
      if (args[1].equals("again")) {
        analytics.recordStart(event);
      }
      analytics.close();
      recordWithTheHeapFull(analytics, event);
      System.out.println(thrown == null ? "late recordStart threw nothing" : "late recordStart threw " + thrown);
      return;
    }
    if (args.length > 1 && args[1].equals("before")) {
      // The heap is full as the host calls recordStart: the call's own allocations fail.
      recordWithTheHeapFull(analytics, event);
      if (thrown != null) {
        System.out.println("recordStart threw " + thrown);
      }
    } else if (args.length > 1 && args[1].equals("closing")) {
      // The heap is full as the host closes (a host dying of it in its try-with-resources), soon
      // after recordStart: close's first use of a class (Math) needs the heap to load it.
      analytics.recordStart(event);
      Object full = fillTheHeap();
      try {
        analytics.close();
      } catch (Throwable t) {
        thrown = t;
      }
      full = null;
      System.gc();
      System.out.println(thrown == null ? "close threw nothing" : "close threw " + thrown);
    } else {
      analytics.recordStart(event);
      fillWhileSending(args);
    }
    // Started by the send once the heap was free again, if ever: not the case under test, but waited for.
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("tbot-otel")) {
        t.join(20_000);
      }
    }
    try {
      analytics.close();
    } catch (Throwable t) {
      System.out.println("close threw " + t);
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < Math.min(uncaughtCount.get(), uncaught.length); i++) {
      names.append(' ').append(uncaught[i].getName());
    }
    System.out.println("uncaught=" + uncaughtCount.get() + names);
    System.out.println("delivery=" + analytics.delivery());
  }

  /** Calls recordStart with the heap full, keeping what it throws in {@code thrown}; then frees the heap. */
  private static void recordWithTheHeapFull(AnonymousAnalytics analytics, StartEvent event) {
    Object full = fillTheHeap();
    try {
      analytics.recordStart(event);
    } catch (Throwable t) {
      thrown = t;
    }
    full = null;
    System.gc();
  }

  /** Fills the heap while the send is under way, until its threads have ended; then frees it. */
  private static void fillWhileSending(String[] args) throws InterruptedException {
    // With "connecting", the heap is filled only once the connection's thread runs (to a collector
    // that never accepts, so that it is still connecting), else at once.
    int wanted = args.length > 1 && args[1].equals("connecting") ? 2 : 1;
    // Found before the heap is full: with it full, even a string constant's first use fails.
    Thread[] all = new Thread[64];
    Thread[] send = new Thread[64];
    int n = 0;
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (n < wanted && System.nanoTime() - waitUntil < 0) {
      n = 0;
      for (int i = Thread.enumerate(all) - 1; i >= 0; i--) {
        if (all[i].getName().startsWith("tbot-otel")) {
          send[n++] = all[i];
        }
      }
      if (n < wanted) {
        Thread.sleep(1);
      }
    }
    Object full = fillTheHeap();
    for (int i = 0; i < n; i++) {
      send[i].join(20_000); // the connection's thread too, if the send started it by then
    }
    full = null;
    System.gc();
  }

  /** Allocates until even the smallest array fails; returns what it holds. */
  private static Object fillTheHeap() {
    Object[] head = null;
    for (int size = 1 << 20; size >= 8; size /= 2) {
      try {
        while (true) {
          head = new Object[] {new byte[size], head};
        }
      } catch (OutOfMemoryError expected) {
        // the next, smaller size
      }
    }
    return head;
  }
}
