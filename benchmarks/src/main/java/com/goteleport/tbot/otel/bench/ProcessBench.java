package com.goteleport.tbot.otel.bench;

import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.export.LoopbackServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The whole-process benchmark: runs a stand-in agent ({@link TbotHost}, {@link NaiveHost}) many
 * times in child JVMs against loopback collectors (healthy and every fault of the matrix), rounds
 * interleaved so drift hits every scenario alike, and prints a Markdown report: wall time, exit
 * latency (main's end to the process being gone), max RSS, requests and bytes on the wire, each as
 * a median with its spread, and the difference to the baseline with telemetry code absent.
 *
 * <p>Run with {@code benchmarks/run-process-bench.sh}; options: {@code --runs N} (default 15),
 * {@code --naive-fault-runs N} (default 3; each naive fault run can take 10 s), {@code --budget-ms}
 * (default 500), {@code --faults a,b} (default all).
 */
public final class ProcessBench {

  private final Path shadedJar;
  private final String benchClasses;
  private final List<String> naiveClasspath;
  private final long budgetMillis;

  private ProcessBench(Path shadedJar, String benchClasses, List<String> naiveClasspath, long budgetMillis) {
    this.shadedJar = shadedJar;
    this.benchClasses = benchClasses;
    this.naiveClasspath = naiveClasspath;
    this.budgetMillis = budgetMillis;
  }

  /** One child run's figures. */
  record Run(double wallMs, double exitMs, long maxRssKb, double startCallMs, double closeMs) {}

  /** A scenario: how to launch, against what, and what to compare it with. */
  static final class Scenario {
    final String name;
    final String host; // absent|off|on|naive
    final String endpoint;
    final Map<String, String> env;
    final long workMillis;
    final String baseline;
    final LoopbackServer counted;
    final int runs;
    final List<Run> results = new ArrayList<>();

    Scenario(String name, String host, String endpoint, Map<String, String> env, long workMillis,
        String baseline, LoopbackServer counted, int runs) {
      this.name = name;
      this.host = host;
      this.endpoint = endpoint;
      this.env = env;
      this.workMillis = workMillis;
      this.baseline = baseline;
      this.counted = counted;
      this.runs = runs;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int runs = Integer.parseInt(opts.getOrDefault("runs", "15"));
    int naiveFaultRuns = Integer.parseInt(opts.getOrDefault("naive-fault-runs", "3"));
    long budget = Long.parseLong(opts.getOrDefault("budget-ms", "500"));
    List<Fault> faults = opts.containsKey("faults")
        ? Arrays.stream(opts.get("faults").split(",")).map(Fault::valueOf).collect(Collectors.toList())
        : List.of(Fault.values());

    String cp = System.getProperty("java.class.path");
    List<String> entries = Arrays.asList(cp.split(File.pathSeparator));
    String benchClasses = entries.stream().filter(e -> e.endsWith("benchmarks/target/classes")).findFirst()
        .orElseThrow(() -> new IllegalStateException("benchmarks/target/classes not on the class path"));
    Path shaded = Paths.get(opts.getOrDefault("jar", "tbot-otel/target/tbot-otel.jar")).toAbsolutePath();
    // The naive host gets the OpenTelemetry SDK and exporter with their defaults, and nothing of tbot-otel.
    List<String> naive = entries.stream()
        .filter(e -> !e.contains("tbot-otel") || e.equals(benchClasses))
        .filter(e -> !e.contains("jmh") && !e.contains("jopt") && !e.contains("commons-math"))
        .collect(Collectors.toList());
    new ProcessBench(shaded, benchClasses, naive, budget).run(runs, naiveFaultRuns, faults);
  }

  private void run(int runs, int naiveFaultRuns, List<Fault> faults) throws Exception {
    List<AutoCloseable> open = new ArrayList<>();
    List<Scenario> scenarios = new ArrayList<>();
    try {
      LoopbackServer healthyTbot = LoopbackServer.start(LoopbackServer.ok());
      LoopbackServer healthyNaive = LoopbackServer.start(LoopbackServer.ok());
      LoopbackServer healthyTbotShort = LoopbackServer.start(LoopbackServer.ok());
      LoopbackServer healthyNaiveShort = LoopbackServer.start(LoopbackServer.ok());
      open.addAll(List.of(healthyTbot, healthyNaive, healthyTbotShort, healthyNaiveShort));
      String unused = "http://127.0.0.1:" + Fault.closedPort() + "/v1/logs";
      // Hosts that keep working 1 s after start.
      scenarios.add(new Scenario("absent, work 1 s", "absent", unused, Map.of(), 1000, null, null, runs));
      scenarios.add(new Scenario("consent off, work 1 s", "off", unused, Map.of(), 1000, "absent, work 1 s", null, runs));
      scenarios.add(new Scenario("healthy, work 1 s", "on", healthyTbot.url(), Map.of(), 1000, "absent, work 1 s", healthyTbot, runs));
      scenarios.add(new Scenario("NAIVE healthy, work 1 s", "naive", healthyNaive.url(), Map.of(), 1000, "absent, work 1 s", healthyNaive, runs));
      // Hosts that exit at once: the worst case for exit latency.
      scenarios.add(new Scenario("absent, work 0", "absent", unused, Map.of(), 0, null, null, runs));
      scenarios.add(new Scenario("consent off, work 0", "off", unused, Map.of(), 0, "absent, work 0", null, runs));
      scenarios.add(new Scenario("healthy, work 0", "on", healthyTbotShort.url(), Map.of(), 0, "absent, work 0", healthyTbotShort, runs));
      scenarios.add(new Scenario("NAIVE healthy, work 0", "naive", healthyNaiveShort.url(), Map.of(), 0, "absent, work 0", healthyNaiveShort, runs));
      for (Fault fault : faults) {
        Fault.Setup setup = fault.open();
        open.add(setup);
        scenarios.add(new Scenario(fault.name(), "on", setup.endpoint(), setup.env(), 0, "absent, work 0", null, runs));
      }
      for (Fault fault : List.of(Fault.CONNECTION_REFUSED, Fault.NEVER_ANSWERS)) {
        if (naiveFaultRuns > 0 && faults.contains(fault)) {
          Fault.Setup setup = fault.open();
          open.add(setup);
          scenarios.add(new Scenario("NAIVE " + fault.name(), "naive", setup.endpoint(), setup.env(), 0,
              "absent, work 0", null, naiveFaultRuns));
        }
      }
      // Warm the page cache and the CDS archive before measuring.
      for (Scenario s : scenarios.subList(0, 8)) {
        launch(s);
      }
      for (Scenario s : scenarios) {
        if (s.counted != null) {
          s.counted.close();
        }
      }
      // Fresh counted servers, so the request and byte counts cover measured runs only.
      List<Scenario> measured = new ArrayList<>();
      for (Scenario s : scenarios) {
        if (s.counted != null) {
          LoopbackServer fresh = LoopbackServer.start(LoopbackServer.ok());
          open.add(fresh);
          measured.add(new Scenario(s.name, s.host, fresh.url(), s.env, s.workMillis, s.baseline, fresh, s.runs));
        } else {
          measured.add(s);
        }
      }
      int maxRuns = measured.stream().mapToInt(s -> s.runs).max().orElse(0);
      for (int round = 0; round < maxRuns; round++) {
        System.err.printf(Locale.ROOT, "round %d/%d%n", round + 1, maxRuns);
        for (Scenario s : measured) {
          if (round < s.runs) {
            s.results.add(launch(s));
          }
        }
      }
      report(measured, runs);
    } finally {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing
        }
      }
    }
  }

  private Run launch(Scenario s) throws IOException, InterruptedException {
    Path timeOut = Files.createTempFile("bench-time", ".txt");
    Path stdout = Files.createTempFile("bench-out", ".txt");
    Path stderr = Files.createTempFile("bench-err", ".txt");
    try {
      List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", timeOut.toString()));
      cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-cp");
      if (s.host.equals("naive")) {
        cmd.add(String.join(File.pathSeparator, naiveClasspath));
        cmd.addAll(List.of(NaiveHost.class.getName(), "naive", s.endpoint, Long.toString(s.workMillis)));
      } else {
        cmd.add(shadedJar + File.pathSeparator + benchClasses);
        cmd.addAll(List.of(TbotHost.class.getName(), s.host, s.endpoint, Long.toString(s.workMillis),
            Long.toString(budgetMillis)));
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      pb.environment().clear();
      pb.environment().put("PATH", "/usr/bin:/bin");
      pb.environment().put("LANG", "C.UTF-8");
      pb.environment().putAll(s.env);
      long t0 = System.nanoTime();
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException(s.name + ": child did not exit within 60 s");
      }
      Instant end = Instant.now();
      double wall = (System.nanoTime() - t0) / 1e6;
      String out = Files.readString(stdout, StandardCharsets.UTF_8);
      String host = out.lines().filter(l -> l.startsWith("HOST ")).findFirst()
          .orElseThrow(() -> new IllegalStateException(s.name + ": no report; stdout: " + out + " stderr: "
              + readQuietly(stderr)));
      Map<String, String> kv = new LinkedHashMap<>();
      for (String part : host.substring(5).split(" ")) {
        String[] pair = part.split("=", 2);
        kv.put(pair[0], pair[1]);
      }
      long endUs = end.getEpochSecond() * 1_000_000L + end.getNano() / 1_000;
      double exit = (endUs - Long.parseLong(kv.get("main_end_epoch_us"))) / 1e3;
      String[] timeLines = Files.readString(timeOut, StandardCharsets.UTF_8).trim().split("\n");
      long rss = Long.parseLong(timeLines[timeLines.length - 1].trim());
      return new Run(wall, exit, rss, Long.parseLong(kv.get("start_call_ns")) / 1e6,
          Long.parseLong(kv.get("close_ns")) / 1e6);
    } finally {
      Files.deleteIfExists(timeOut);
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private void report(List<Scenario> scenarios, int runs) {
    Map<String, Scenario> byName = new LinkedHashMap<>();
    scenarios.forEach(s -> byName.put(s.name, s));
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "Exit budget %d ms; %d runs per scenario unless noted; "
        + "median [min-max]; extra = median minus the baseline's median.%n%n", budgetMillis, runs));
    md.append("| scenario | runs | wall ms | extra wall ms | exit latency ms | max RSS MiB | extra RSS MiB "
        + "| start call ms | close ms | requests/start | bytes in/start |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Scenario s : scenarios) {
      List<Run> r = s.results;
      double wall = median(r, Run::wallMs);
      double rss = median(r, x -> x.maxRssKb() / 1024.0);
      String extraWall = "-";
      String extraRss = "-";
      if (s.baseline != null) {
        Scenario b = byName.get(s.baseline);
        extraWall = fmt(wall - median(b.results, Run::wallMs));
        extraRss = fmt(rss - median(b.results, x -> x.maxRssKb() / 1024.0));
      }
      String requests = "-";
      String bytes = "-";
      if (s.counted != null) {
        int n = s.counted.requests().size();
        requests = fmt((double) n / r.size());
        bytes = n == 0 ? "-" : fmt((double) s.counted.bytesIn() / n);
      }
      md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          s.name, r.size(), spread(r, Run::wallMs), extraWall, spread(r, Run::exitMs),
          spread(r, x -> x.maxRssKb() / 1024.0), extraRss, spread(r, Run::startCallMs),
          spread(r, Run::closeMs), requests, bytes));
    }
    System.out.println(md);
  }

  interface Metric {
    double of(Run r);
  }

  static double median(List<Run> runs, Metric m) {
    double[] v = runs.stream().mapToDouble(m::of).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static String spread(List<Run> runs, Metric m) {
    double[] v = runs.stream().mapToDouble(m::of).sorted().toArray();
    if (v.length == 0) {
      return "-";
    }
    return fmt(median(runs, m)) + " [" + fmt(v[0]) + "-" + fmt(v[v.length - 1]) + "]";
  }

  static String fmt(double d) {
    return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.1f", d);
  }
}
