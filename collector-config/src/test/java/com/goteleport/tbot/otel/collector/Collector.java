package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The otelcol-tbot binary and running instances of it. {@link #binary()} builds the collector with
 * {@code build-collector.sh} (cached outside the repository) once per JVM and never skips: a failed
 * build fails the calling test with the tail of the build log.
 */
final class Collector implements AutoCloseable {

  /** The collector-config directory (the module's basedir). */
  static final Path CONFIG_DIR =
      Path.of(System.getProperty("collector.config.dir", ".")).toAbsolutePath().normalize();

  /** The module's target directory, for logs and scratch files. */
  static final Path BUILD_DIR =
      Path.of(System.getProperty("collector.build.dir", CONFIG_DIR.resolve("target").toString()))
          .toAbsolutePath();

  /** A cold build (builder install, module downloads, compile) takes ~10 minutes on 2 cores. */
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(45);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .proxy(HttpClient.Builder.NO_PROXY)
          .build();

  private static Path binary;

  private final String name;
  private final Process process;
  private final Path log;
  private final int healthPort;
  private final Map<String, String> env;

  private Collector(String name, Process process, Path log, int healthPort, Map<String, String> env) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.healthPort = healthPort;
    this.env = Map.copyOf(env);
  }

  /** The collector binary, built on first use. */
  static synchronized Path binary() {
    if (binary != null) {
      return binary;
    }
    try {
      Files.createDirectories(BUILD_DIR);
      Path out = BUILD_DIR.resolve("collector-build.out");
      Path log = BUILD_DIR.resolve("collector-build.log");
      ProcessBuilder pb =
          new ProcessBuilder("bash", CONFIG_DIR.resolve("build-collector.sh").toString())
              .directory(CONFIG_DIR.toFile())
              .redirectOutput(out.toFile())
              .redirectError(log.toFile());
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        fail("build-collector.sh did not finish within " + BUILD_TIMEOUT + "; log " + log + ":\n" + tail(log, 40));
      }
      if (p.exitValue() != 0) {
        fail("build-collector.sh failed (exit " + p.exitValue() + "); log " + log + ":\n" + tail(log, 40));
      }
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
      Path path = Path.of(last);
      if (last.isEmpty() || !Files.isExecutable(path)) {
        fail("build-collector.sh printed no executable path (last line '" + last + "'); log:\n" + tail(log, 40));
      }
      binary = path;
      return binary;
    } catch (IOException e) {
      throw new AssertionError("cannot run build-collector.sh: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while building the collector", e);
    }
  }

  /** A configuration file in collector-config/. */
  static Path config(String fileName) {
    return CONFIG_DIR.resolve(fileName);
  }

  /** A test resource next to this class, as a file path. */
  static Path resource(String fileName) {
    try {
      return Path.of(Collector.class.getResource(fileName).toURI());
    } catch (Exception e) {
      throw new AssertionError("missing test resource " + fileName, e);
    }
  }

  /**
   * A TCP port on 127.0.0.1 that was free a moment ago, never the same twice in this JVM. The ports
   * come from outside the kernel's ephemeral range: a port the kernel handed out with {@code bind(0)}
   * and that was closed again can be taken at once by any outgoing connection of the machine (Kafka
   * clients, the collectors' own), and a collector given it then fails to bind. Outside the range only
   * another listener can take it, and each forked test JVM starts at its own offset.
   */
  static synchronized int freePort() {
    for (int tries = 0; tries < PORTS.span; tries++) {
      int port = PORTS.next();
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        return port;
      } catch (IOException taken) {
        // another listener has it: try the next one
      }
    }
    throw new AssertionError("no free port on 127.0.0.1 in " + PORTS);
  }

  private static final PortRange PORTS = PortRange.outsideEphemeral();

  /** Hands out the ports of [first, first + span) in turn, from an offset chosen per JVM. */
  private static final class PortRange {
    final int first;
    final int span;
    private int offset;

    private PortRange(int first, int span, int offset) {
      this.first = first;
      this.span = span;
      this.offset = offset;
    }

    /**
     * Up to 10,000 ports just below the kernel's ephemeral range, or above it if too few are below
     * (Linux's default range, 32768 to 60999, if unreadable).
     */
    static PortRange outsideEphemeral() {
      int low = 32768;
      int high = 60999;
      try {
        // Not Files.readString: /proc files report size 0, and JDK 17 then returns one character.
        List<String> lines = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        String[] range = lines.get(0).trim().split("\\s+");
        low = Integer.parseInt(range[0]);
        high = Integer.parseInt(range[1]);
      } catch (IOException | RuntimeException e) {
        // not Linux: keep the default
      }
      int first = Math.max(1024, low - 10_000);
      int span = low - first;
      if (span < 1_000 && 65_535 - high > span) {
        first = high + 1;
        span = 65_536 - first;
      }
      if (span < 1) {
        throw new AssertionError("the kernel lends every port (ip_local_port_range " + low + " " + high + ")");
      }
      return new PortRange(first, span, (int) (ProcessHandle.current().pid() % span));
    }

    int next() {
      int port = first + offset;
      offset = (offset + 1) % span;
      return port;
    }

    @Override
    public String toString() {
      return "[" + first + ", " + (first + span) + ")";
    }
  }

  /**
   * The environment a collector runs with: this JVM's minus anything TBOT_OTEL_* or OTEL_*, plus
   * {@code extra}.
   */
  static Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>();
    System.getenv().forEach((k, v) -> {
      if (!k.startsWith("TBOT_OTEL_") && !k.startsWith("OTEL_")) {
        env.put(k, v);
      }
    });
    env.putAll(extra);
    return env;
  }

  /** What `validate` printed and returned. */
  record Validation(int exitCode, String output) {}

  /** Runs {@code otelcol-tbot validate --config c1 --config c2 ...}. */
  static Validation validate(Map<String, String> env, Path... configs) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(binary().toString(), "validate"));
    for (Path c : configs) {
      cmd.add("--config");
      cmd.add(c.toString());
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(environment(env));
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("validate did not finish in 60 s");
    }
    return new Validation(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /**
   * Starts the collector with the given configs and environment and waits until its health check
   * answers 200. Every config here reads TBOT_OTEL_HEALTH_ENDPOINT and TBOT_OTEL_TELEMETRY_PORT:
   * both get free loopback ports here. Its output goes to target/collector-logs/NAME.log.
   */
  static Collector start(String name, Map<String, String> env, Path... configs) throws Exception {
    return start(List.of(), name, env, configs);
  }

  /** As {@link #start(String, Map, Path...)}, run through {@code launcher} (e.g. taskset). */
  static Collector start(List<String> launcher, String name, Map<String, String> extraEnv, Path... configs)
      throws Exception {
    int healthPort = freePort();
    Map<String, String> env = new LinkedHashMap<>(extraEnv);
    env.put("TBOT_OTEL_HEALTH_ENDPOINT", "127.0.0.1:" + healthPort);
    env.put("TBOT_OTEL_TELEMETRY_PORT", String.valueOf(freePort()));
    List<String> cmd = new ArrayList<>(launcher);
    cmd.add(binary().toString());
    for (Path c : configs) {
      cmd.add("--config");
      cmd.add(c.toString());
    }
    Path logDir = Files.createDirectories(BUILD_DIR.resolve("collector-logs"));
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(BUILD_DIR.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment(env));
    Process p = pb.start();
    p.getOutputStream().close();
    Collector c = new Collector(name, p, log, healthPort, env);
    try {
      c.awaitHealthy();
    } catch (Throwable t) {
      c.close();
      throw t;
    }
    return c;
  }

  private void awaitHealthy() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail(name + " collector exited with " + process.exitValue() + ":\n" + tail(log, 30));
      }
      if (healthy()) {
        return;
      }
      Thread.sleep(100);
    }
    fail(name + " collector not healthy within " + START_TIMEOUT + ":\n" + tail(log, 30));
  }

  /** Whether the process runs and its health check answers 200. */
  boolean healthy() {
    if (!process.isAlive()) {
      return false;
    }
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/health"))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The value of {@code key} among the variables given to {@link #start}; null if not given. */
  String env(String key) {
    return env.get(key);
  }

  /**
   * The sum of every series of the collector's own metric {@code name} (with or without the
   * {@code _total} suffix), scraped from its telemetry port (the variable TBOT_OTEL_TELEMETRY_PORT
   * given to {@link #start}); 0 while the metric has no series yet.
   */
  double telemetry(String name) throws IOException, InterruptedException {
    Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(?:_total)?(?:\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE)
        .matcher(ownMetrics());
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  /**
   * The collector's own metrics, in the Prometheus text format, from its telemetry port (the
   * variable TBOT_OTEL_TELEMETRY_PORT given to {@link #start}).
   */
  String ownMetrics() throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env("TBOT_OTEL_TELEMETRY_PORT") + "/metrics"))
            .timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  /** The collector's process id. */
  long pid() {
    return process.pid();
  }

  /** The CPU time the collector has used, utime + stime, in seconds (100 clock ticks a second). */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
  }

  /** This collector's whole log so far. */
  String logText() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static final Pattern STACK_FRAME = Pattern.compile("\t\\S+\\.go:\\d+");

  /**
   * The lines of its log that are frames of a stack trace its logger (zap) added ({@code
   * \tpath/file.go:118}): none from the shipped configs, which log an error as one line
   * ({@code disable_stacktrace}).
   */
  List<String> stackFrames() throws IOException {
    return logText().lines().filter(line -> STACK_FRAME.matcher(line).matches()).toList();
  }

  /** The last lines of this collector's log, for failure messages. */
  String logTail() {
    return tail(log, 30);
  }

  /** Deletes {@code dir} and everything in it, if it exists (scratch directories under target/). */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /**
   * Waits until every exporter's sending queue is empty, and fails with the log's tail if that takes
   * longer than {@code timeout}. A queue frees a request's share only when its export has ended,
   * retries and backoffs included (exporterhelper's memory queue), so after this the collector sends
   * nothing more of what it accepted before, however late a retry would have come. A collector
   * that serves no queue size fails: without it, an empty queue could not be told from none.
   */
  void awaitQueuesDrained(Duration timeout) throws Exception {
    String metric = "otelcol_exporter_queue_size";
    if (!Pattern.compile("^" + metric + "\\{", Pattern.MULTILINE).matcher(ownMetrics()).find()) {
      fail(name + " serves no " + metric + ":\n" + ownMetrics());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    double size = telemetry(metric);
    while (size > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      size = telemetry(metric);
    }
    if (size > 0) {
      fail(name + ": exporter queues still hold " + size + " after " + timeout + ":\n" + logTail());
    }
  }

  /**
   * Stops the collector as {@link #close} does and returns its exit status: 0 after a graceful
   * shutdown, in which every component was shut down (a file exporter writes out its buffer); a
   * collector that had to be killed returns 137; -1 if it still runs 5 s after the kill.
   */
  int stop() {
    close();
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** Stops the collector: SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() {
    stop(process, 10);
  }

  /** Stops a child process: SIGTERM, then SIGKILL if it still runs after {@code graceSeconds}. */
  static void stop(Process process, long graceSeconds) {
    process.destroy();
    try {
      if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
