package com.goteleport.tbot.otel.bench;

import com.goteleport.tbot.otel.export.LoopbackServer;
import com.goteleport.tbot.otel.export.SelfSignedTls;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The heap benchmark: what a send allocates, and the smallest heap a host can give it. For tbot-otel
 * over HTTP and over TLS, the naive SDK setup ({@link NaiveHost}) over HTTP, tbot-otel without
 * consent and a host without telemetry, in one run, each in fresh child JVMs ({@link HeapHost})
 * against loopback collectors:
 *
 * <ul>
 *   <li>bytes the host's thread allocates in the start call (build and record), and in the record
 *       call alone;
 *   <li>bytes every Java thread allocates from the start call to {@code close()}'s return and until
 *       the threads telemetry started end;
 *   <li>the smallest {@code -Xmx}, in MiB, at which the host ends as it should: the event delivered
 *       (the collector read one request; tbot-otel reports {@code DELIVERED}; hosts without a
 *       send: no request), exit status 0, nothing on stderr;
 *   <li>the most live data of its own (0.5 MiB steps) a host can hold through the send in {@code
 *       -Xmx<max-heap-mib>m} and still end so; the difference to the host without telemetry is the
 *       send's extra live heap at its peak.
 * </ul>
 *
 * <p>Both limits are searched over child JVMs, one per probe (doubling, then bisecting, bounded by
 * {@code --max-heap-mib}), and the report says how the host ended one step past each limit.
 *
 * <p>Every child JVM gets {@code -Djavax.net.ssl.trustStore}: the JDK's roots plus the loopback
 * certificate, as in {@link ProcessBench}. tbot-otel hosts run on the thin class path (tbot-otel's
 * jar and its runtime dependencies, no picocli).
 *
 * <p>Run with {@code benchmarks/run-heap.sh}; options {@code --runs N} (default 5) and {@code
 * --max-heap-mib N} (default 64). Prints a Markdown report on stdout, progress on stderr.
 */
public final class HeapReport {

  private static final List<String> OPTIONS = List.of("runs", "max-heap-mib");

  /** One host under test. */
  static final class Scenario {
    final String name;
    final String mode; // absent|off|on|naive (HeapHost)
    final boolean tls;
    final boolean sends;
    boolean second; // alloc only: the JVM's second send
    final List<Alloc> allocs = new ArrayList<>();
    final List<Integer> smallestXmx = new ArrayList<>();
    final Map<String, Integer> belowXmx = new TreeMap<>(); // what happens 1 MiB below, and how often
    final List<Double> ballastMib = new ArrayList<>();
    final Map<String, Integer> pastBallast = new TreeMap<>(); // what happens 0.5 MiB above
    List<String> classpath;
    LoopbackServer collector;

    Scenario(String name, String mode, boolean tls) {
      this.name = name;
      this.mode = mode;
      this.tls = tls;
      this.sends = mode.equals("on") || mode.equals("naive");
    }
  }

  /** One {@code alloc} run's figures, in bytes. */
  record Alloc(long startCall, long recordCall, long allThreads, int lingering, Map<String, Long> byThread) {}

  /** A child's end: exit status, stdout, stderr, and the requests its collector read meanwhile. */
  record Child(int status, String out, String err, int requests) {}

  /** A search's result and how the host ended at the failing bound next to it ("-": not run). */
  record Bound<T>(T value, String pastIt) {}

  private static final Pattern THREAD = Pattern.compile("thread \"([^\"]+)\"");

  private final Path trustStore;
  private final int maxHeapMib;

  private HeapReport(Path trustStore, int maxHeapMib) {
    this.trustStore = trustStore;
    this.maxHeapMib = maxHeapMib;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchOptions.parse(args, OPTIONS);
    int runs = Integer.parseInt(opts.getOrDefault("runs", "5"));
    int maxHeap = Integer.parseInt(opts.getOrDefault("max-heap-mib", "64"));

    List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    String benchClasses = entries.stream().filter(e -> e.endsWith("benchmarks/target/classes")).findFirst()
        .orElseThrow(() -> new IllegalStateException("benchmarks/target/classes not on the class path"));
    List<String> tbot = ProcessBench.hostClasspath("thin", null, entries, benchClasses).entries();
    List<String> naive = ProcessBench.naiveClasspath(entries, benchClasses);

    List<Scenario> scenarios = List.of(
        new Scenario("tbot-otel, HTTP", "on", false),
        new Scenario("tbot-otel, TLS", "on", true),
        new Scenario("naive, HTTP", "naive", false),
        new Scenario("consent off", "off", false),
        new Scenario("absent", "absent", false),
        secondSend(new Scenario("tbot-otel, HTTP, 2nd send in the JVM", "on", false)),
        secondSend(new Scenario("tbot-otel, TLS, 2nd send in the JVM", "on", true)));
    Path tmp = Files.createTempDirectory("heap-report");
    LoopbackServer http = LoopbackServer.start(LoopbackServer.ok());
    LoopbackServer https = LoopbackServer.start(SelfSignedTls.known().serverSocketFactory(), LoopbackServer.ok());
    try {
      HeapReport report = new HeapReport(SelfSignedTls.writeTrustStore(tmp), maxHeap);
      for (Scenario s : scenarios) {
        s.classpath = s.mode.equals("naive") ? naive : tbot;
        s.collector = s.tls ? https : http;
      }
      long t0 = System.nanoTime();
      // Warm the page cache: the first JVM to read the jars pays for it.
      for (Scenario s : scenarios) {
        if (!s.second) {
          report.launch(s, "limit", null);
        }
      }
      for (int round = 1; round <= runs; round++) {
        System.err.printf(Locale.ROOT, "allocation round %d/%d%n", round, runs);
        for (Scenario s : scenarios) {
          if (!s.mode.equals("absent")) {
            s.allocs.add(report.alloc(s));
          }
        }
      }
      for (int round = 1; round <= runs; round++) {
        System.err.printf(Locale.ROOT, "heap limit round %d/%d%n", round, runs);
        for (Scenario s : scenarios) {
          if (s.second) {
            continue;
          }
          Bound<Integer> xmx = report.smallestHeap(s);
          s.smallestXmx.add(xmx.value());
          s.belowXmx.merge(xmx.pastIt(), 1, Integer::sum);
          Bound<Double> ballast = report.largestBallast(s);
          s.ballastMib.add(ballast.value());
          s.pastBallast.merge(ballast.pastIt(), 1, Integer::sum);
        }
      }
      System.err.printf(Locale.ROOT, "done in %.0f s%n", (System.nanoTime() - t0) / 1e9);
      print(scenarios, runs, maxHeap, tbot);
    } finally {
      http.close();
      https.close();
      try (var files = Files.list(tmp)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(tmp);
    }
  }

  private static Scenario secondSend(Scenario s) {
    s.second = true;
    return s;
  }

  private Alloc alloc(Scenario s) throws IOException, InterruptedException {
    Child c = s.second ? launch(s, "alloc", null, "second") : launch(s, "alloc", null);
    String line = c.out().lines().filter(l -> l.startsWith("ALLOC ")).findFirst().orElse(null);
    if (c.status() != 0 || !c.err().isEmpty() || line == null || !delivered(s, c, line)) {
      throw new IllegalStateException(s.name + ": the allocation run did not end as expected: " + c);
    }
    Map<String, String> kv = new LinkedHashMap<>();
    for (String part : line.substring(6).split(" ")) {
      String[] pair = part.split("=", 2);
      kv.put(pair[0], pair[1]);
    }
    Map<String, Long> byThread = new TreeMap<>();
    if (!kv.get("threads").equals("-")) {
      for (String t : kv.get("threads").split(",")) {
        int colon = t.lastIndexOf(':');
        byThread.put(t.substring(0, colon), Long.parseLong(t.substring(colon + 1)));
      }
    }
    return new Alloc(Long.parseLong(kv.get("start_call")), Long.parseLong(kv.get("record_call")),
        Long.parseLong(kv.get("all_threads")), Integer.parseInt(kv.get("lingering")), byThread);
  }

  /** The smallest {@code -Xmx}, in MiB, at which the host ends as it should; -1: not even at the maximum. */
  private Bound<Integer> smallestHeap(Scenario s) throws IOException, InterruptedException {
    return smallestPassing(4, maxHeapMib, mib -> outcome(s, launch(s, "limit", "-Xmx" + mib + "m")));
  }

  /**
   * The most live data, in 0.5 MiB steps, the host can hold through the send in {@code
   * -Xmx<max-heap-mib>m} and still end as it should: searched as the smallest free gap below the
   * maximum, from 2 MiB up.
   */
  private Bound<Double> largestBallast(Scenario s) throws IOException, InterruptedException {
    int units = 2 * maxHeapMib; // 512 KiB units
    Bound<Integer> gap = smallestPassing(4, units, g -> outcome(s,
        launch(s, "limit", "-Xmx" + maxHeapMib + "m", Integer.toString((units - g) * 512))));
    return new Bound<>(gap.value() < 0 ? -1 : (units - gap.value()) / 2.0, gap.pastIt());
  }

  /** How a host run with a given parameter ended: {@link #PASSES} or what went wrong. */
  interface Probe {
    String run(int value) throws IOException, InterruptedException;
  }

  /**
   * The smallest value in 1..max that passes, taking passing as monotone: doubles from {@code start}
   * until a value passes (at most {@code max}), then bisects; with the outcome at the largest value
   * seen to fail ("-" if none ran). -1 if {@code max} fails.
   */
  static Bound<Integer> smallestPassing(int start, int max, Probe probe) throws IOException, InterruptedException {
    Map<Integer, String> outcomes = new LinkedHashMap<>();
    int fails = 0; // never run, taken as failing (-Xmx0m would mean the default heap)
    int passes = Math.min(start, max);
    while (true) {
      String outcome = probe.run(passes);
      outcomes.put(passes, outcome);
      if (outcome.equals(PASSES)) {
        break;
      }
      if (passes == max) {
        return new Bound<>(-1, outcome);
      }
      fails = passes;
      passes = Math.min(2 * passes, max);
    }
    while (passes - fails > 1) {
      int mid = (fails + passes) / 2;
      String outcome = probe.run(mid);
      outcomes.put(mid, outcome);
      if (outcome.equals(PASSES)) {
        passes = mid;
      } else {
        fails = mid;
      }
    }
    return new Bound<>(passes, outcomes.getOrDefault(fails, "-"));
  }

  private static final String PASSES = "passes";

  /** {@link #PASSES}, or how the host failed: who ran out of memory, or what the send reported. */
  private static String outcome(Scenario s, Child c) {
    String line = c.out().lines().filter(l -> l.startsWith("LIMIT ")).findFirst().orElse(null);
    if (c.status() == 0 && c.err().isEmpty() && line != null && delivered(s, c, line)) {
      return PASSES;
    }
    if (c.out().startsWith("Error occurred during initialization of VM")) {
      return "JVM does not start";
    }
    if (c.err().contains("OutOfMemoryError")) {
      Matcher thread = THREAD.matcher(c.err());
      return "OutOfMemoryError" + (thread.find() ? " in thread " + thread.group(1) : " on stderr");
    }
    if (!c.err().isEmpty()) {
      String first = c.err().lines().findFirst().orElse("");
      return "stderr: " + (first.length() > 60 ? first.substring(0, 60) + "..." : first);
    }
    if (c.status() != 0) {
      return "exit status " + c.status();
    }
    if (line != null && !s.mode.equals("naive") && !line.contains(" delivery=DELIVERED")) {
      return "send " + line.substring(line.indexOf("delivery=") + 9) + ", nothing on stderr";
    }
    return c.requests() + " requests, nothing on stderr";
  }

  /** The send's outcome is what it should be: its request read and reported, or none at all. */
  private static boolean delivered(Scenario s, Child c, String line) {
    if (!s.sends) {
      return c.requests() == 0;
    }
    return c.requests() == (s.second ? 2 : 1) && (s.mode.equals("naive") || line.contains(" delivery=DELIVERED"));
  }

  private Child launch(Scenario s, String kind, String xmx, String... extraArgs)
      throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("heap-out", ".txt");
    Path stderr = Files.createTempFile("heap-err", ".txt");
    try {
      List<String> cmd = new ArrayList<>();
      cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      if (xmx != null) {
        cmd.add(xmx);
      }
      cmd.add("-Djavax.net.ssl.trustStore=" + trustStore);
      cmd.add("-cp");
      cmd.add(String.join(File.pathSeparator, s.classpath));
      cmd.addAll(List.of(HeapHost.class.getName(), kind, s.mode, s.collector.url(s.tls ? "https" : "http")));
      cmd.addAll(Arrays.asList(extraArgs));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      pb.environment().clear();
      pb.environment().put("PATH", "/usr/bin:/bin");
      pb.environment().put("LANG", "C.UTF-8");
      int before = s.collector.requests().size();
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
      }
      int status = p.exitValue();
      return new Child(status, Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8), s.collector.requests().size() - before);
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private static void print(List<Scenario> scenarios, int runs, int maxHeap, List<String> tbotClasspath) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "%d runs each, median [min-max]; fresh JVM per run. tbot-otel's host class "
        + "path: %s.%n%n", runs, tbotClasspath.stream().map(e -> Paths.get(e).getFileName().toString())
        .collect(Collectors.joining(", "))));
    Scenario absent = scenarios.stream().filter(s -> s.mode.equals("absent")).findFirst().orElseThrow();
    double absentBallast = median(absent.ballastMib);
    md.append(String.format(Locale.ROOT, "| host | start call, host's thread KiB | record call KiB "
        + "| all threads, start to close MiB | smallest -Xmx MiB | 1 MiB less | live data held in -Xmx%dm MiB "
        + "| extra live heap MiB | 0.5 MiB more |%n", maxHeap));
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Scenario s : scenarios) {
      if (s.second) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | - | - | - | - | - |%n", s.name,
            spread(s.allocs, a -> a.startCall() / 1024.0, "%.1f"),
            spread(s.allocs, a -> a.recordCall() / 1024.0, "%.1f"),
            spread(s.allocs, a -> a.allThreads() / 1048576.0, "%.2f")));
        continue;
      }
      String xmx = s.smallestXmx.contains(-1) ? "> " + maxHeap
          : spread(s.smallestXmx.stream().map(Integer::doubleValue).collect(Collectors.toList()), "%.0f");
      String alloc = s.allocs.isEmpty() ? "- | - | -" : String.format(Locale.ROOT, "%s | %s | %s",
          spread(s.allocs, a -> a.startCall() / 1024.0, "%.1f"),
          spread(s.allocs, a -> a.recordCall() / 1024.0, "%.1f"),
          spread(s.allocs, a -> a.allThreads() / 1048576.0, "%.2f"));
      String ballast = s.ballastMib.contains(-1.0) ? "< 0.5" : spread(s.ballastMib, "%.1f");
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", s.name, alloc, xmx,
          counts(s.belowXmx), ballast,
          s == absent ? "-" : String.format(Locale.ROOT, "%+.1f", absentBallast - median(s.ballastMib)),
          counts(s.pastBallast)));
    }
    md.append("\nThreads started by the start call, median MiB:\n\n");
    for (Scenario s : scenarios) {
      Map<String, List<Double>> byThread = new TreeMap<>();
      for (Alloc a : s.allocs) {
        Map<String, Long> grouped = new TreeMap<>();
        a.byThread().forEach((name, bytes) -> grouped.merge(group(name), bytes, Long::sum));
        grouped.forEach((name, bytes) -> byThread.computeIfAbsent(name, n -> new ArrayList<>())
            .add(bytes / 1048576.0));
      }
      if (byThread.isEmpty()) {
        continue;
      }
      int lingering = s.allocs.stream().mapToInt(Alloc::lingering).max().orElse(0);
      md.append("- ").append(s.name).append(": ").append(byThread.entrySet().stream()
          .map(e -> e.getKey() + " " + spread(e.getValue(), "%.2f")
              + (e.getValue().size() < s.allocs.size() ? " (" + e.getValue().size() + " of " + s.allocs.size()
                  + " runs)" : ""))
          .collect(Collectors.joining(", ")))
          .append(lingering > 0 ? "; still alive 3 s after close: up to " + lingering + " thread(s)" : "")
          .append('\n');
    }
    System.out.println(md);
  }

  /**
   * okhttp renames its threads as they work ({@code okhttp-dispatch-1}, {@code OkHttp http://...},
   * {@code OkHttp TaskRunner}), so which name a run sees first varies: they are counted together.
   */
  private static String group(String threadName) {
    return threadName.toLowerCase(Locale.ROOT).startsWith("okhttp") || threadName.startsWith("Okio")
        ? "okhttp's threads" : threadName;
  }

  /** {@code outcome (n)} for each outcome of the runs, e.g. {@code send FAILED, nothing on stderr (3)}. */
  private static String counts(Map<String, Integer> outcomes) {
    return outcomes.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining("; "));
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static <T> String spread(List<T> runs, ToDoubleFunction<T> metric, String format) {
    return spread(runs.stream().map(metric::applyAsDouble).collect(Collectors.toList()), format);
  }

  private static String spread(List<Double> values, String format) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format(Locale.ROOT, format + " [" + format + "-" + format + "]", median(values), v[0],
        v[v.length - 1]);
  }
}
