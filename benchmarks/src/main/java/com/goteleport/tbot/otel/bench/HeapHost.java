package com.goteleport.tbot.otel.bench;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The host of the heap benchmark ({@link HeapReport}), run in a child JVM: builds telemetry,
 * records {@code tbot.start}, closes, and returns from {@code main}.
 *
 * <p>Arguments: {@code alloc|limit absent|off|on|naive ENDPOINT [BALLAST_KIB|second]}. {@code on}
 * and {@code off} are tbot-otel with and without consent, {@code naive} is {@link NaiveHost}'s SDK
 * setup, {@code absent} touches no telemetry class. tbot-otel gets the longest exit timeout (10 s),
 * as {@code naive}'s {@code close()} waits up to 10 s: the heap, not the budget, decides whether a
 * send ends {@code DELIVERED}.
 *
 * <p>{@code limit} prints {@code LIMIT delivery=...} and nothing else: the JVM's {@code -Xmx} is
 * the experiment, and {@code BALLAST_KIB} of the host's own live data held from before the start
 * call to after {@code close()}.
 *
 * <p>{@code alloc} prints {@code ALLOC} with the bytes the host's thread allocated in the start call
 * (build and record) and in the record call alone, and the bytes every Java thread allocated from
 * the start call to {@code close()}'s return, threads that {@code close()} left running followed
 * until they end (at most 3 s), as {@code com.sun.management.ThreadMXBean} counts them; a sampling
 * thread of its own, not counted, reads the counters every ~0.1 ms so that a thread's bytes are
 * known when it ends. {@code alloc ... second} measures a second send in the JVM, after a first
 * one's threads ended: what each send allocates once classes are loaded and initialised.
 */
public final class HeapHost {

  private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(3);

  private HeapHost() {}

  /** The telemetry under test, built by the constructor of each implementation. */
  interface Telemetry {
    void record();

    void close();

    String delivery();
  }

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    String mode = args[1];
    String endpoint = args[2];
    if (kind.equals("limit")) {
      // The host's own live data, held through the send: 64 KiB arrays, below G1's humongous size.
      byte[][] ballast = new byte[args.length > 3 ? Integer.parseInt(args[3]) / 64 : 0][];
      for (int i = 0; i < ballast.length; i++) {
        ballast[i] = new byte[64 * 1024];
      }
      Telemetry telemetry = mode.equals("absent") ? null : build(mode, endpoint);
      if (telemetry != null) {
        telemetry.record();
        telemetry.close();
      }
      System.out.println("LIMIT delivery=" + (telemetry == null ? "-" : telemetry.delivery()));
      Reference.reachabilityFence(ballast);
      return;
    }
    alloc(mode, endpoint, args.length > 3 && args[3].equals("second"));
  }

  private static Telemetry build(String mode, String endpoint) {
    // Separate classes, so that a host loads only the telemetry it uses (the naive class path has no
    // tbot-otel, tbot-otel's has no okhttp).
    return mode.equals("naive") ? new Naive(endpoint) : new Tbot(mode.equals("on"), endpoint);
  }

  private static void alloc(String mode, String endpoint, boolean second) throws InterruptedException {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (second) {
      // A first send, whose threads end before the measured one starts: what is left is per send.
      Set<Long> before = new HashSet<>();
      for (long id : threads.getAllThreadIds()) {
        before.add(id);
      }
      Telemetry first = build(mode, endpoint);
      first.record();
      first.close();
      long deadline = System.nanoTime() + LINGER_NANOS;
      while (started(threads, before, -1) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }
    // The bean's first use loads and allocates; not the host's.
    threads.getCurrentThreadAllocatedBytes();
    threads.getThreadAllocatedBytes(threads.getAllThreadIds());
    Sampler sampler = new Sampler(threads);
    sampler.start();
    sampler.firstSample.await();
    long[] ids = threads.getAllThreadIds();
    long[] before = threads.getThreadAllocatedBytes(ids);
    Set<Long> existing = new HashSet<>();
    Map<Long, Long> base = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      existing.add(ids[i]);
      base.put(ids[i], Math.max(0, before[i]));
    }
    long main = Thread.currentThread().getId();

    long m0 = threads.getCurrentThreadAllocatedBytes();
    Telemetry telemetry = build(mode, endpoint);
    long m1 = threads.getCurrentThreadAllocatedBytes();
    telemetry.record();
    long m2 = threads.getCurrentThreadAllocatedBytes();
    telemetry.close();
    long m3 = threads.getCurrentThreadAllocatedBytes();

    long deadline = System.nanoTime() + LINGER_NANOS;
    int lingering;
    while ((lingering = started(threads, existing, sampler.getId())) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    sampler.stop = true;
    sampler.join();

    long all = m3 - m0;
    Map<String, Long> byNewThread = new TreeMap<>();
    for (Map.Entry<Long, Long> e : sampler.last.entrySet()) {
      long id = e.getKey();
      if (id == main || id == sampler.getId()) {
        continue;
      }
      long bytes = e.getValue() - base.getOrDefault(id, 0L);
      all += bytes;
      if (!existing.contains(id)) {
        byNewThread.merge(sampler.names.get(id).replace(' ', '_').replace(',', '_'), bytes, Long::sum);
      }
    }
    StringBuilder perThread = new StringBuilder();
    byNewThread.forEach((name, bytes) -> perThread.append(perThread.length() == 0 ? "" : ",")
        .append(name).append(':').append(bytes));
    System.out.println("ALLOC start_call=" + (m2 - m0) + " record_call=" + (m2 - m1) + " all_threads=" + all
        + " lingering=" + lingering + " delivery=" + telemetry.delivery() + " threads="
        + (perThread.length() == 0 ? "-" : perThread));
  }

  /** Threads alive now that were not before the start call, the sampler aside. */
  private static int started(java.lang.management.ThreadMXBean threads, Set<Long> existing, long sampler) {
    int n = 0;
    for (long id : threads.getAllThreadIds()) {
      if (!existing.contains(id) && id != sampler) {
        n++;
      }
    }
    return n;
  }

  /** Reads every live thread's allocation counter until stopped: its last reading of each thread. */
  private static final class Sampler extends Thread {
    final com.sun.management.ThreadMXBean threads;
    final Map<Long, Long> last = new ConcurrentHashMap<>();
    final Map<Long, String> names = new ConcurrentHashMap<>();
    final CountDownLatch firstSample = new CountDownLatch(1);
    volatile boolean stop;

    Sampler(com.sun.management.ThreadMXBean threads) {
      super("heap-sampler");
      setDaemon(true);
      this.threads = threads;
    }

    @Override
    public void run() {
      while (true) {
        boolean finalPass = stop; // one full sample after stop is seen
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
          if (bytes[i] >= 0) { // -1: the thread ended between the two calls
            last.put(ids[i], bytes[i]);
            if (!names.containsKey(ids[i])) {
              java.lang.management.ThreadInfo info = threads.getThreadInfo(ids[i]);
              names.put(ids[i], info == null ? "thread-" + ids[i] : info.getThreadName());
            }
          }
        }
        firstSample.countDown();
        if (finalPass) {
          return;
        }
        LockSupport.parkNanos(100_000);
      }
    }
  }

  /** tbot-otel as an agent embeds it. */
  private static final class Tbot implements Telemetry {
    private final AnonymousAnalytics analytics;
    private final StartEvent event;

    Tbot(boolean consent, String endpoint) {
      analytics = AnonymousAnalytics.builder()
          .setConsent(Consent.resolve(consent, null, System.getenv()))
          .setEndpoint(URI.create(endpoint))
          .setExitTimeout(Duration.ofMillis(AnonymousAnalytics.MAX_EXIT_TIMEOUT_MILLIS))
          .setEnvironment(System.getenv())
          .build();
      event = TbotHost.event();
    }

    @Override
    public void record() {
      analytics.recordStart(event);
    }

    @Override
    public void close() {
      analytics.close();
    }

    @Override
    public String delivery() {
      return analytics.delivery().name();
    }
  }

  /** The naive baseline: {@link NaiveHost}'s SDK setup. */
  private static final class Naive implements Telemetry {
    private final OpenTelemetrySdk sdk;

    Naive(String endpoint) {
      sdk = NaiveHost.build(endpoint);
    }

    @Override
    public void record() {
      NaiveHost.emit(sdk);
    }

    @Override
    public void close() {
      sdk.close();
    }

    @Override
    public String delivery() {
      return "-"; // the SDK does not tell; HeapReport counts the collector's requests
    }
  }
}
