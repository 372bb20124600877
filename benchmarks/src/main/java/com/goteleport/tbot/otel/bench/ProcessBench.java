package com.goteleport.tbot.otel.bench;

import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.export.LoopbackServer;
import com.goteleport.tbot.otel.export.SelfSignedTls;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The whole-process benchmark: runs a stand-in agent ({@link TbotHost}, {@link NaiveHost}) many
 * times in child JVMs against loopback collectors (healthy over HTTP and over TLS, and every fault
 * of the matrix), rounds interleaved so drift hits every scenario alike, and prints a Markdown
 * report: wall time, exit latency (main's end to the process being gone), max RSS, requests and
 * bytes on the wire, each as a median with its spread, and the difference to a baseline with
 * telemetry code absent. Hosts that make a TLS connection of their own ({@link HostTls}), as tbot
 * does, give telemetry's marginal cost once the host has paid for JSSE. The {@code CDS} scenarios
 * run the tbot-otel hosts with an AppCDS archive that a training run of each scenario wrote first
 * ({@code -XX:ArchiveClassesAtExit}), and compare with a baseline that has one too.
 *
 * <p>Every child JVM, baselines and naive hosts included, gets the same {@code
 * -Djavax.net.ssl.trustStore}: the JDK's roots plus the loopback servers' self-signed certificate,
 * written once per run, so that baselines stay comparable ({@link Fault#UNTRUSTED_TLS}'s server
 * has a certificate of its own, which that store does not hold).
 *
 * <p>Run with {@code benchmarks/run-process-bench.sh}; options:
 *
 * <ul>
 *   <li>{@code --runs N} (default 15);
 *   <li>{@code --naive-fault-runs N} (default 3; each naive fault run can take 10 s);
 *   <li>{@code --budget-ms MS} (default 500);
 *   <li>{@code --faults A,B} (default all of {@link Fault});
 *   <li>{@code --scenarios REGEX}: only the scenarios whose name it finds a match in, plus the
 *       baselines they are compared with (e.g. {@code 'TLS|absent'}, or {@code '^(?!CDS)'} for all
 *       but the CDS ones; default all);
 *   <li>{@code --host-classpath thin|shaded} (default thin): tbot-otel's plain jar and its runtime
 *       dependencies, as an embedding agent ships them, or the shaded CLI jar;
 *   <li>{@code --jar PATH}: another tbot-otel jar for that class path (default {@code
 *       tbot-otel/target/tbot-otel-0.1.0.jar}, or {@code tbot-otel/target/tbot-otel.jar} if shaded).
 * </ul>
 */
public final class ProcessBench {

  private static final List<String> OPTIONS =
      List.of("runs", "naive-fault-runs", "budget-ms", "faults", "scenarios", "host-classpath", "jar");

  /** tbot-otel's runtime dependencies (picocli, for the CLI only, left out), by artifact id. */
  private static final List<String> THIN_DEPENDENCIES = List.of("opentelemetry-api", "opentelemetry-context",
      "opentelemetry-common", "opentelemetry-sdk-common", "opentelemetry-sdk-logs", "opentelemetry-exporter-otlp",
      "opentelemetry-exporter-otlp-common", "opentelemetry-exporter-common", "snakeyaml");

  private static final String ABSENT_1S = "absent, work 1 s";
  private static final String ABSENT_0 = "absent, work 0";
  private static final String TLS_HOST_ABSENT = "TLS host absent, work 1 s";
  private static final String TLS_HOST_ABSENT_0 = "TLS host absent, work 0";
  private static final String CDS_ABSENT_0 = "CDS absent, work 0";
  private static final String JAR_ABSENT_0 = "jar host absent, work 0";
  private static final String CDS_TLS_HOST_ABSENT = "CDS TLS host absent, work 1 s";
  private static final String CDS_TLS_HOST_ABSENT_0 = "CDS TLS host absent, work 0";

  private final HostClasspath tbotClasspath;
  private final List<String> jarClasspath; // tbotClasspath with the benchmark jar for its classes (CDS, jar host)
  private final List<String> naiveClasspath;
  private final List<String> naiveJdkClasspath;
  private final long budgetMillis;
  private final List<AutoCloseable> open = new ArrayList<>();
  private Path trustStore;
  private String hostTlsUrl;

  private ProcessBench(HostClasspath tbotClasspath, List<String> jarClasspath, List<String> naiveClasspath,
      List<String> naiveJdkClasspath, long budgetMillis) {
    this.tbotClasspath = tbotClasspath;
    this.jarClasspath = jarClasspath;
    this.naiveClasspath = naiveClasspath;
    this.naiveJdkClasspath = naiveJdkClasspath;
    this.budgetMillis = budgetMillis;
  }

  /** The class path tbot-otel hosts run with, and how the report names it. */
  record HostClasspath(String description, List<String> entries) {}

  /** One child run's figures. */
  record Run(double wallMs, double exitMs, long maxRssKb, double cpuMs, double startCallMs, double closeMs) {}

  /**
   * Where a host sends telemetry: the URL, extra environment, the collector counting it if any, and
   * the trust store its JVM gets.
   */
  record Target(String url, Map<String, String> env, Collector counted, Path trustStore) {}

  /** A healthy collector: the HTTP requests it read, and every byte clients sent it on the wire. */
  record Collector(LoopbackServer server, LongSupplier wireBytesIn) {}

  /** A scenario: how to launch, against what, and what to compare it with. */
  static final class Scenario {
    final String name;
    final String host; // absent|off|on|naive|naive-jdk
    final long workMillis;
    final int runs;
    boolean hostTls; // the host makes its own TLS connection right after the start call
    boolean cds; // runs with an AppCDS archive made by a training run of this very scenario
    boolean hostJar; // the host's own classes come from a jar, as a shipped agent's do
    Path archive;
    String baseline;
    Callable<Target> opener; // null: an address nothing listens on
    boolean warmUp = true;
    Target target;
    final List<Run> results = new ArrayList<>();

    Scenario(String name, String host, long workMillis, int runs) {
      this.name = name;
      this.host = host;
      this.workMillis = workMillis;
      this.runs = runs;
    }

    Scenario vs(String baselineName) {
      this.baseline = baselineName;
      return this;
    }

    Scenario to(Callable<Target> targetOpener) {
      this.opener = targetOpener;
      return this;
    }

    Scenario withHostTls() {
      this.hostTls = true;
      return this;
    }

    Scenario withCds() {
      this.cds = true;
      return this;
    }

    Scenario withHostJar() {
      this.hostJar = true;
      return this;
    }

    Scenario withoutWarmUp() {
      this.warmUp = false;
      return this;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchOptions.parse(args, OPTIONS);
    int runs = Integer.parseInt(opts.getOrDefault("runs", "15"));
    int naiveFaultRuns = Integer.parseInt(opts.getOrDefault("naive-fault-runs", "3"));
    long budget = Long.parseLong(opts.getOrDefault("budget-ms", "500"));
    List<Fault> faults = opts.containsKey("faults")
        ? Arrays.stream(opts.get("faults").split(",")).map(Fault::valueOf).collect(Collectors.toList())
        : List.of(Fault.values());
    Pattern filter = Pattern.compile(opts.getOrDefault("scenarios", ""));

    String cp = System.getProperty("java.class.path");
    List<String> entries = Arrays.asList(cp.split(File.pathSeparator));
    String benchClasses = entries.stream().filter(e -> e.endsWith("benchmarks/target/classes")).findFirst()
        .orElseThrow(() -> new IllegalStateException("benchmarks/target/classes not on the class path"));
    HostClasspath tbot = hostClasspath(opts.getOrDefault("host-classpath", "thin"), opts.get("jar"), entries,
        benchClasses);
    List<String> naive = naiveClasspath(entries, benchClasses);
    ProcessBench bench = new ProcessBench(tbot, jarClasspath(tbot.entries(), benchClasses), naive,
        naiveJdkClasspath(naive, benchClasses), budget);
    List<Scenario> scenarios = select(bench.define(runs, naiveFaultRuns, faults), filter);
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("no scenario matches --scenarios " + filter);
    }
    bench.run(scenarios, runs);
  }

  /** The naive host's class path: the OpenTelemetry SDK and exporter with their defaults, nothing of tbot-otel. */
  static List<String> naiveClasspath(List<String> benchClasspath, String benchClasses) {
    return benchClasspath.stream()
        .filter(e -> !e.contains("tbot-otel") || e.equals(benchClasses))
        .filter(e -> !e.contains("jmh") && !e.contains("jopt") && !e.contains("commons-math"))
        .collect(Collectors.toList());
  }

  /**
   * The naive host's class path with the exporter's JDK {@code HttpClient} sender in place of okhttp
   * and what only okhttp needs (okio, Kotlin), so that the exporter finds exactly one sender.
   */
  static List<String> naiveJdkClasspath(List<String> naive, String benchClasses) {
    Path dir = Paths.get(benchClasses).resolveSibling("sender-jdk");
    List<String> cp = naive.stream()
        .filter(e -> !Paths.get(e).getFileName().toString()
            .matches("(opentelemetry-exporter-sender-okhttp|okhttp|okio|kotlin|annotations)-.*\\.jar"))
        .collect(Collectors.toList());
    if (cp.size() != naive.size() - 5) {
      throw new IllegalStateException("expected okhttp's five jars out, got " + cp);
    }
    cp.add(builtJar(dir, "opentelemetry-exporter-sender-jdk-"));
    return cp;
  }

  /**
   * The host class path with the benchmark module's jar in place of its classes directory: CDS
   * archives no class loaded from a directory, and a shipped agent's classes come from a jar.
   */
  static List<String> jarClasspath(List<String> hostClasspath, String benchClasses) {
    String jar = builtJar(Paths.get(benchClasses).getParent(), "tbot-otel-benchmarks-");
    return hostClasspath.stream().map(e -> e.equals(benchClasses) ? jar : e).collect(Collectors.toList());
  }

  /** The one jar in {@code dir} whose name starts with {@code prefix}, as an absolute path. */
  private static String builtJar(Path dir, String prefix) {
    try (var files = Files.list(dir)) {
      List<Path> jars = files.filter(f -> f.getFileName().toString().startsWith(prefix)
          && f.getFileName().toString().endsWith(".jar")).collect(Collectors.toList());
      if (jars.size() != 1) {
        throw new IllegalStateException("expected one " + prefix + "*.jar in " + dir + ", found " + jars
            + ": build with mvn package -pl benchmarks -am");
      }
      return jars.get(0).toAbsolutePath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(dir + " is missing: build with mvn package -pl benchmarks -am", e);
    }
  }

  /**
   * {@code thin}: what an agent embedding the library ships, tbot-otel's plain jar and its runtime
   * dependencies, taken from this benchmark's own class path; {@code shaded}: the CLI jar.
   */
  static HostClasspath hostClasspath(String kind, String jarOption, List<String> benchClasspath,
      String benchClasses) {
    List<String> cp = new ArrayList<>();
    String description;
    switch (kind) {
      case "thin": {
        cp.add(Paths.get(jarOption != null ? jarOption : "tbot-otel/target/tbot-otel-0.1.0.jar")
            .toAbsolutePath().toString());
        for (String artifact : THIN_DEPENDENCIES) {
          Pattern jar = Pattern.compile(Pattern.quote(artifact) + "-\\d.*\\.jar");
          List<String> found = benchClasspath.stream()
              .filter(e -> jar.matcher(Paths.get(e).getFileName().toString()).matches())
              .collect(Collectors.toList());
          if (found.size() != 1) {
            throw new IllegalStateException("expected one " + artifact + " jar on the class path, found " + found);
          }
          cp.addAll(found);
        }
        description = "thin (no picocli)";
        break;
      }
      case "shaded":
        cp.add(Paths.get(jarOption != null ? jarOption : "tbot-otel/target/tbot-otel.jar").toAbsolutePath().toString());
        description = "shaded (the CLI jar, picocli included)";
        break;
      default:
        throw new IllegalArgumentException("--host-classpath thin|shaded, not " + kind);
    }
    String jars = cp.stream().map(e -> Paths.get(e).getFileName().toString()).collect(Collectors.joining(", "));
    cp.add(benchClasses);
    return new HostClasspath(description + ": " + jars + " + benchmark classes", cp);
  }

  private List<Scenario> define(int runs, int naiveFaultRuns, List<Fault> faults) {
    List<Scenario> s = new ArrayList<>();
    // Hosts that keep working 1 s after start.
    s.add(new Scenario(ABSENT_1S, "absent", 1000, runs));
    s.add(new Scenario("consent off, work 1 s", "off", 1000, runs).vs(ABSENT_1S));
    s.add(new Scenario("healthy, work 1 s", "on", 1000, runs).vs(ABSENT_1S).to(this::httpCollector));
    s.add(new Scenario("NAIVE healthy, work 1 s", "naive", 1000, runs).vs(ABSENT_1S).to(this::httpCollector));
    s.add(new Scenario("NAIVE JDK sender healthy, work 1 s", "naive-jdk", 1000, runs).vs(ABSENT_1S)
        .to(this::httpCollector));
    s.add(new Scenario("healthy TLS, work 1 s", "on", 1000, runs).vs(ABSENT_1S).to(this::tlsCollector));
    s.add(new Scenario("NAIVE healthy TLS, work 1 s", "naive", 1000, runs).vs(ABSENT_1S).to(this::tlsCollector));
    // Hosts that exit at once: the worst case for exit latency.
    s.add(new Scenario(ABSENT_0, "absent", 0, runs));
    s.add(new Scenario("consent off, work 0", "off", 0, runs).vs(ABSENT_0));
    s.add(new Scenario("healthy, work 0", "on", 0, runs).vs(ABSENT_0).to(this::httpCollector));
    s.add(new Scenario("NAIVE healthy, work 0", "naive", 0, runs).vs(ABSENT_0).to(this::httpCollector));
    s.add(new Scenario("NAIVE JDK sender healthy, work 0", "naive-jdk", 0, runs).vs(ABSENT_0)
        .to(this::httpCollector));
    s.add(new Scenario("healthy TLS, work 0", "on", 0, runs).vs(ABSENT_0).to(this::tlsCollector));
    s.add(new Scenario("NAIVE healthy TLS, work 0", "naive", 0, runs).vs(ABSENT_0).to(this::tlsCollector));
    // Hosts with TLS of their own, as tbot: telemetry's marginal cost once JSSE is paid for. Their
    // baseline is compared with the plain one, which shows what the host's own TLS costs.
    s.add(new Scenario(TLS_HOST_ABSENT, "absent", 1000, runs).withHostTls().vs(ABSENT_1S));
    s.add(new Scenario("TLS host consent off, work 1 s", "off", 1000, runs).withHostTls().vs(TLS_HOST_ABSENT));
    s.add(new Scenario("TLS host, healthy TLS, work 1 s", "on", 1000, runs).withHostTls().vs(TLS_HOST_ABSENT)
        .to(this::tlsCollector));
    s.add(new Scenario("NAIVE TLS host, healthy TLS, work 1 s", "naive", 1000, runs).withHostTls()
        .vs(TLS_HOST_ABSENT).to(this::tlsCollector));
    // A one-shot tbot: joins over TLS, then exits at once.
    s.add(new Scenario(TLS_HOST_ABSENT_0, "absent", 0, runs).withHostTls().vs(ABSENT_0));
    s.add(new Scenario("TLS host, healthy TLS, work 0", "on", 0, runs).withHostTls().vs(TLS_HOST_ABSENT_0)
        .to(this::tlsCollector));
    // A host whose own classes come from a jar, as a shipped agent's do: the JVM has opened a jar
    // before tbot-otel's, so consent off costs only tbot-otel's own classes, not the first jar's set-up.
    s.add(new Scenario(JAR_ABSENT_0, "absent", 0, runs).withHostJar().vs(ABSENT_0));
    s.add(new Scenario("jar host consent off, work 0", "off", 0, runs).withHostJar().vs(JAR_ABSENT_0));
    // The same hosts with an AppCDS archive (-XX:SharedArchiveFile) made by a training run of the
    // scenario itself, as a deployer makes one when building an image: how much of telemetry's
    // cost, and of the host's, is loading classes.
    s.add(new Scenario(CDS_ABSENT_0, "absent", 0, runs).withCds().vs(ABSENT_0));
    s.add(new Scenario("CDS consent off, work 0", "off", 0, runs).withCds().vs(CDS_ABSENT_0));
    s.add(new Scenario("CDS healthy, work 0", "on", 0, runs).withCds().vs(CDS_ABSENT_0).to(this::httpCollector));
    s.add(new Scenario("CDS healthy TLS, work 0", "on", 0, runs).withCds().vs(CDS_ABSENT_0)
        .to(this::tlsCollector));
    s.add(new Scenario(CDS_TLS_HOST_ABSENT_0, "absent", 0, runs).withHostTls().withCds().vs(CDS_ABSENT_0));
    s.add(new Scenario("CDS TLS host, healthy TLS, work 0", "on", 0, runs).withHostTls().withCds()
        .vs(CDS_TLS_HOST_ABSENT_0).to(this::tlsCollector));
    s.add(new Scenario(CDS_TLS_HOST_ABSENT, "absent", 1000, runs).withHostTls().withCds().vs(TLS_HOST_ABSENT));
    s.add(new Scenario("CDS TLS host, healthy TLS, work 1 s", "on", 1000, runs).withHostTls().withCds()
        .vs(CDS_TLS_HOST_ABSENT).to(this::tlsCollector));
    for (Fault fault : faults) {
      s.add(new Scenario(fault.name(), "on", 0, runs).vs(ABSENT_0).to(() -> fault(fault)));
    }
    for (Fault fault : List.of(Fault.CONNECTION_REFUSED, Fault.NEVER_ANSWERS)) {
      if (naiveFaultRuns > 0 && faults.contains(fault)) {
        // Not warmed up: up to 10 s a run, and the naive healthy scenarios load the same files.
        s.add(new Scenario("NAIVE " + fault.name(), "naive", 0, naiveFaultRuns).vs(ABSENT_0)
            .to(() -> fault(fault)).withoutWarmUp());
      }
    }
    return s;
  }

  /** The scenarios whose name {@code filter} finds a match in, and the baselines they need. */
  static List<Scenario> select(List<Scenario> all, Pattern filter) {
    Map<String, Scenario> byName = new LinkedHashMap<>();
    all.forEach(s -> byName.put(s.name, s));
    Deque<String> todo = all.stream().map(s -> s.name).filter(n -> filter.matcher(n).find())
        .collect(Collectors.toCollection(ArrayDeque::new));
    Set<String> keep = new HashSet<>();
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (keep.add(name) && byName.get(name).baseline != null) {
        todo.push(byName.get(name).baseline);
      }
    }
    return all.stream().filter(s -> keep.contains(s.name)).collect(Collectors.toList());
  }

  private Target nowhere() throws IOException {
    return new Target("http://127.0.0.1:" + Fault.closedPort() + "/v1/logs", Map.of(), null, trustStore);
  }

  private Target httpCollector() {
    LoopbackServer server = LoopbackServer.start(LoopbackServer.ok());
    open.add(server);
    return new Target(server.url(), Map.of(), new Collector(server, server::bytesIn), trustStore);
  }

  private Target tlsCollector() {
    WireCountingTls tls = new WireCountingTls(SelfSignedTls.known().serverContext());
    LoopbackServer server = LoopbackServer.start(tls, LoopbackServer.ok());
    open.add(server);
    return new Target(server.url("https"), Map.of(), new Collector(server, tls::bytesIn), trustStore);
  }

  private Target fault(Fault fault) {
    Fault.Setup setup = fault.open();
    open.add(setup);
    return new Target(setup.endpoint(), setup.env(), null,
        trustStore);
  }

  private Target open(Scenario s) throws Exception {
    return s.opener == null ? nowhere() : s.opener.call();
  }

  private void run(List<Scenario> scenarios, int runs) throws Exception {
    Path tmp = Files.createTempDirectory("process-bench");
    try {
      trustStore = SelfSignedTls.writeTrustStore(tmp);
      // The hosts' own TLS peer: it only answers, it is never counted.
      LoopbackServer hostTlsServer = LoopbackServer.start(SelfSignedTls.known().serverSocketFactory(), LoopbackServer.ok());
      open.add(hostTlsServer);
      hostTlsUrl = "https://127.0.0.1:" + hostTlsServer.port() + "/join";
      for (Scenario s : scenarios) {
        s.target = open(s);
      }
      for (Scenario s : scenarios) {
        if (s.cds) {
          s.archive = tmp.resolve("cds-" + scenarios.indexOf(s) + ".jsa");
          launch(s, "-XX:ArchiveClassesAtExit=" + s.archive);
          if (!Files.isRegularFile(s.archive)) {
            throw new IllegalStateException(s.name + ": the training run wrote no CDS archive");
          }
        }
      }
      // Warm the page cache and the CDS archive before measuring.
      for (Scenario s : scenarios) {
        if (s.warmUp) {
          launch(s);
        }
      }
      // Fresh counted collectors, so the request and byte counts cover measured runs only.
      for (Scenario s : scenarios) {
        if (s.target.counted() != null) {
          s.target.counted().server().close();
          s.target = open(s);
        }
      }
      int maxRuns = scenarios.stream().mapToInt(s -> s.runs).max().orElse(0);
      for (int round = 0; round < maxRuns; round++) {
        System.err.printf(Locale.ROOT, "round %d/%d%n", round + 1, maxRuns);
        for (Scenario s : scenarios) {
          if (round < s.runs) {
            s.results.add(launch(s));
          }
        }
      }
      report(scenarios, runs);
    } finally {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing
        }
      }
      try (var files = Files.list(tmp)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(tmp);
    }
  }

  private Run launch(Scenario s) throws IOException, InterruptedException {
    // -Xshare:on: a JVM that cannot map the archive fails rather than silently running without.
    return s.cds ? launch(s, "-Xshare:on", "-XX:SharedArchiveFile=" + s.archive) : launch(s, new String[0]);
  }

  private Run launch(Scenario s, String... jvmOptions) throws IOException, InterruptedException {
    Path timeOut = Files.createTempFile("bench-time", ".txt");
    Path stdout = Files.createTempFile("bench-out", ".txt");
    Path stderr = Files.createTempFile("bench-err", ".txt");
    try {
      List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", timeOut.toString()));
      cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(Arrays.asList(jvmOptions));
      cmd.add("-Djavax.net.ssl.trustStore=" + s.target.trustStore());
      cmd.add("-cp");
      if (s.host.startsWith("naive")) {
        cmd.add(String.join(File.pathSeparator, s.host.equals("naive") ? naiveClasspath : naiveJdkClasspath));
        cmd.addAll(List.of(NaiveHost.class.getName(), "naive", s.target.url(), Long.toString(s.workMillis)));
      } else {
        cmd.add(String.join(File.pathSeparator, s.cds || s.hostJar ? jarClasspath : tbotClasspath.entries()));
        cmd.addAll(List.of(TbotHost.class.getName(), s.host, s.target.url(), Long.toString(s.workMillis),
            Long.toString(budgetMillis)));
      }
      if (s.hostTls) {
        cmd.add(hostTlsUrl);
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      pb.environment().clear();
      pb.environment().put("PATH", "/usr/bin:/bin");
      pb.environment().put("LANG", "C.UTF-8");
      pb.environment().putAll(s.target.env());
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
      // max RSS in KiB, then user and system CPU seconds (10 ms resolution)
      String[] usage = timeLines[timeLines.length - 1].trim().split(" ");
      long rss = Long.parseLong(usage[0]);
      double cpu = (Double.parseDouble(usage[1]) + Double.parseDouble(usage[2])) * 1000;
      return new Run(wall, exit, rss, cpu, Long.parseLong(kv.get("start_call_ns")) / 1e6,
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
    md.append(String.format(Locale.ROOT, "Host class path: %s. Every child JVM: -Djavax.net.ssl.trustStore = "
        + "the JDK's roots + the loopback certificate.%n%n",
        tbotClasspath.description()));
    md.append(String.format(Locale.ROOT, "Exit budget %d ms; %d runs per scenario unless noted; "
        + "median [min-max]; extra = median minus the baseline's median. bytes in/request: the HTTP "
        + "request (head + body; decrypted over TLS); wire bytes in/start: all a client sent, TLS "
        + "handshake and records included. extra wall, mean ± 95 %%: the difference of the means with "
        + "its 95 %% confidence interval (Welch). CPU: user + system time of the whole JVM.%n%n", budgetMillis, runs));
    md.append("| scenario | runs | baseline | wall ms | extra wall ms | extra wall, mean ± 95 % | exit latency ms "
        + "| max RSS MiB | extra RSS MiB | CPU ms | extra CPU ms | start call ms | close ms | requests/start "
        + "| bytes in/request | wire bytes in/start |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Scenario s : scenarios) {
      List<Run> r = s.results;
      double wall = median(r, Run::wallMs);
      double rss = median(r, x -> x.maxRssKb() / 1024.0);
      String extraWall = "-";
      String extraWallMean = "-";
      String extraRss = "-";
      String extraCpu = "-";
      if (s.baseline != null) {
        Scenario b = byName.get(s.baseline);
        extraWall = fmt(wall - median(b.results, Run::wallMs));
        extraWallMean = meanDifference(r, b.results, Run::wallMs);
        extraRss = fmt(rss - median(b.results, x -> x.maxRssKb() / 1024.0));
        extraCpu = fmt(median(r, Run::cpuMs) - median(b.results, Run::cpuMs));
      }
      String requests = "-";
      String bytes = "-";
      String wire = "-";
      Collector c = s.target.counted();
      if (c != null) {
        int n = c.server().requests().size();
        requests = fmt((double) n / r.size()) + (n % r.size() == 0 ? "" : " (" + n + " of " + r.size() + ")");
        bytes = n == 0 ? "-" : fmt((double) c.server().bytesIn() / n);
        wire = fmt((double) c.wireBytesIn().getAsLong() / r.size());
      }
      md.append(String.format(Locale.ROOT,
          "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          s.name, r.size(), s.baseline == null ? "-" : s.baseline, spread(r, Run::wallMs), extraWall,
          extraWallMean, spread(r, Run::exitMs), spread(r, x -> x.maxRssKb() / 1024.0), extraRss,
          spread(r, Run::cpuMs), extraCpu, spread(r, Run::startCallMs), spread(r, Run::closeMs), requests,
          bytes, wire));
    }
    System.out.println(md);
  }

  interface Metric {
    double of(Run r);
  }

  /** Mean of {@code runs} minus mean of {@code baseline}, ± the 95 % half-width (Welch, normal approximation). */
  static String meanDifference(List<Run> runs, List<Run> baseline, Metric m) {
    if (runs.size() < 2 || baseline.size() < 2) {
      return "-";
    }
    double[] a = runs.stream().mapToDouble(m::of).toArray();
    double[] b = baseline.stream().mapToDouble(m::of).toArray();
    double halfWidth = 1.96 * Math.sqrt(variance(a) / a.length + variance(b) / b.length);
    return fmt(mean(a) - mean(b)) + " ± " + fmt(halfWidth);
  }

  private static double mean(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  private static double variance(double[] v) {
    double mean = mean(v);
    double sum = 0;
    for (double x : v) {
      sum += (x - mean) * (x - mean);
    }
    return sum / (v.length - 1);
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
