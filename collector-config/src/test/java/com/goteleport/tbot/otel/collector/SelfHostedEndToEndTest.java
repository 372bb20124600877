package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.EventSchema;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

/**
 * self-hosted.yaml on 127.0.0.1: real tbot-otel CLI runs (and a burst of concurrent clients) land in
 * the events file, and the Prometheus endpoint counts them exactly, per version, join_type,
 * run_mode and helper.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SelfHostedEndToEndTest {

  private static final Pattern SERIES = Pattern.compile("^tbot_starts_total\\{(.*)\\} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** PyPI's jq, pinned (libjq 1.8.2 built into the wheel). */
  private static final String JQ_VERSION = "1.13.0";

  /** The python of pypi-env.sh's environment with PyPI's jq: CI's machine has no jq binary. */
  private static String jqPython;

  /**
   * A first build takes minutes, and a first jq install seconds: done here, where the class's
   * {@code @Timeout} does not apply.
   */
  @BeforeAll
  static void buildCollectorAndInstallJq() throws Exception {
    Collector.binary();
    Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve("jq"));
    jqPython = ClickHouseViewsTest.lastLine(ClickHouseViewsTest.run(
        List.of("bash", Collector.config("pypi-env.sh").toString(), "jq", JQ_VERSION), dir,
        TimeUnit.MINUTES.toSeconds(5), Map.of()));
  }

  @Test
  void startsAreWrittenAndCountedByVersionJoinTypeRunModeAndHelper() throws Exception {
    Path events = Edges.eventsFile("e2e-self-hosted");
    int port = Collector.freePort();
    int prom = Collector.freePort();
    try (Collector c = Edges.selfHosted("self-hosted", port, prom, events)) {
      long before = System.currentTimeMillis() * 1_000_000L;
      String endpoint = "http://127.0.0.1:" + port + "/v1/logs";
      Path yaml = TbotCli.minimalConfig();
      Map<String, String> gha =
          Map.of("_TBOT_TELEMETRY_HELPER", "gha:teleport-actions/auth", "_TBOT_TELEMETRY_HELPER_VERSION", "v2.0.1");
      // Two one-shot GitHub Action runs of 18.1.0, one continuous kubernetes bot of 17.0.3.
      for (int i = 0; i < 2; i++) {
        runStart(gha, endpoint, yaml, "--oneshot", "--join-method", "github", "--tbot-version", "18.1.0");
      }
      runStart(Map.of(), endpoint, yaml, "--join-method", "kubernetes", "--tbot-version", "17.0.3");

      // A burst of 40 concurrent clients: every start must be counted (no delta lost to ordering).
      burst(port, 40, "16.0.0");

      Map<String, Long> expected = new TreeMap<>();
      expected.put("18.1.0|github|one-shot|gha:teleport-actions/auth", 2L);
      expected.put("17.0.3|kubernetes|continuous|none", 1L);
      expected.put("16.0.0|token|one-shot|none", 40L);

      Map<String, Long> counts = Map.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline) {
        counts = scrape(prom);
        if (counts.equals(expected)) {
          break;
        }
        Thread.sleep(200);
      }
      assertEquals(expected, counts, "tbot_starts_total by version|join_type|run_mode|helper");
      assertNoDeltaOutOfOrder(c);
      // What a Prometheus user reads about the metric is the config's description.
      String description = AllowlistDriftTest.at(AllowlistDriftTest.load("self-hosted.yaml"),
          "connectors", "count/tbot_starts", "logs", "tbot.starts", "description");
      assertTrue(metrics(prom).lines().anyMatch(("# HELP tbot_starts_total " + description)::equals),
          "the HELP line of tbot_starts_total");

      Sink file = new Sink(events);
      long records = 0;
      deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline && (records = file.size()) < 43) {
        Thread.sleep(200);
      }
      assertEquals(43, records, "events file: " + events);
      long after = System.currentTimeMillis() * 1_000_000L;
      Set<Long> times = new HashSet<>();
      for (Sink.Exported e : file.records()) {
        assertEquals(EventSchema.EVENT_NAME, e.record().getEventName());
        assertEquals(0, e.resource().getAttributesCount());
        assertTrue(EventSchema.attributeKeys().containsAll(e.attributes().keySet()), e.attributes().toString());
        // Unlike Teleport's edge, the time itself (Now() as the batch leaves, not its hour): the counters take
        // their deltas' times from the records, and deltatocumulative drops one not newer than the last.
        long t = e.record().getTimeUnixNano();
        assertEquals(t, e.record().getObservedTimeUnixNano(), "time and observed time equal");
        assertTrue(t >= before - 1_000_000_000L && t <= after,
            "the receipt time " + Instant.ofEpochSecond(0, t) + ", between " + Instant.ofEpochSecond(0, before)
                + " and " + Instant.ofEpochSecond(0, after));
        times.add(t);
      }
      assertTrue(times.size() > 1, "the requests' receipt times are distinct, not one hour: " + times);

      // self-hosting.md's exact counts from the events file: one line per UTC day and version.
      Map<String, Long> perDayAndVersion = new TreeMap<>();
      Map<String, Long> perVersion = new TreeMap<>();
      for (Sink.Exported e : file.records()) {
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(0, e.record().getTimeUnixNano()), ZoneOffset.UTC);
        perDayAndVersion.merge(day + "\t" + e.attr("version"), 1L, Long::sum);
        perVersion.merge(e.attr("version"), 1L, Long::sum);
      }
      assertEquals(Map.of("18.1.0", 2L, "17.0.3", 1L, "16.0.0", 40L), perVersion, "starts per version in the file");
      List<String> expectedLines = new ArrayList<>();
      perDayAndVersion.forEach((line, n) -> expectedLines.add(String.format("%7d %s", n, line)));
      assertEquals(expectedLines, selfHostingsDailyCounts(events),
          "self-hosting.md's jq line: starts per UTC day and version");
      assertTrue(c.healthy(), c.logTail());
    }
  }

  /**
   * docs/self-hosting.md's exact counts, starts per UTC day and version, as a self-hoster gets them
   * from the events file: the page's jq program (run by PyPI's jq, libjq) over the files its glob
   * names beside {@code events}, then its {@code sort | uniq -c}, done here as coreutils do it in
   * the C locale.
   */
  private static List<String> selfHostingsDailyCounts(Path events) throws Exception {
    String doc = EnvironmentDocsTest.read("docs/self-hosting.md");
    Matcher line = Pattern.compile("```sh\\n\\s*jq -r '([^']*)' \\\\\\n\\s*(\\S+) \\| sort \\| uniq -c\\n\\s*```")
        .matcher(doc);
    assertTrue(line.find(), "self-hosting.md shows a jq line: jq -r '...' \\ FILES | sort | uniq -c");
    Path glob = Path.of(line.group(2));
    assertTrue(doc.contains("TBOT_OTEL_EVENTS_FILE=" + glob.getParent() + "/" + events.getFileName()),
        "the jq line reads the directory of step 2's events file: " + glob);
    PathMatcher names = FileSystems.getDefault().getPathMatcher("glob:" + glob.getFileName());
    assertTrue(names.matches(events.getFileName()), glob + " names the events file");
    // lumberjack's backup names, as the file exporter rotates: name-<time>.jsonl
    assertTrue(names.matches(Path.of("tbot-events-2026-12-04T10-00-00.000.jsonl")), glob + " names the rotated files");
    Path dir = Collector.BUILD_DIR.resolve("jq");
    Path program = dir.resolve("self-hosting-step-4.jq");
    Files.writeString(program, line.group(1));
    List<String> cmd = new ArrayList<>(List.of(jqPython, Collector.resource("jq_program.py").toString(), program.toString()));
    try (Stream<Path> files = Files.list(events.getParent())) {
      files.filter(p -> names.matches(p.getFileName())).sorted().forEach(p -> cmd.add(p.toString()));
    }
    assertEquals(4, cmd.size(), "one events file, no rotated one: " + cmd);
    List<String> sorted = ClickHouseViewsTest.run(cmd, dir, 60, Map.of()).lines().sorted().collect(Collectors.toList());
    List<String> counted = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      int j = i + 1;
      while (j < sorted.size() && sorted.get(j).equals(sorted.get(i))) {
        j++;
      }
      counted.add(String.format("%7d %s", j - i, sorted.get(i)));
      i = j;
    }
    return counted;
  }

  /**
   * The counters do not lean on the clock's resolution: a batch reaches them as one delta per label
   * set, whatever number of requests it merged. deltatocumulative drops a delta not newer than the
   * last of its series, so deltas of one batch stamped within one tick of a coarse clock (a
   * millisecond here, as an overlay stamps them; microseconds on some systems) would all but one
   * be dropped. Five bursts of 40 concurrent starts with one label set, each counted.
   */
  @Test
  void countsDoNotDependOnTheClocksResolution() throws Exception {
    Path events = Edges.eventsFile("e2e-self-hosted-coarse-clock");
    Path overlay = events.getParent().getParent().resolve("millisecond-stamp-overlay.yaml");
    Files.createDirectories(overlay.getParent());
    Files.writeString(overlay, new Yaml().dump(Map.of("processors", Map.of("transform/stamp",
        Map.of("log_statements", List.of(Map.of("context", "log", "statements", List.of(
            "set(log.observed_time, TruncateTime(Now(), Duration(\"1ms\")))",
            AllowlistDriftTest.COPY_STAMP))))))));
    int port = Collector.freePort();
    int prom = Collector.freePort();
    try (Collector c = Edges.selfHosted("self-hosted-coarse-clock", port, prom, events, overlay)) {
      int bursts = 5;
      for (int i = 0; i < bursts; i++) {
        burst(port, 40, "16.0.0");
      }
      Map<String, Long> expected = Map.of("16.0.0|token|one-shot|none", 40L * bursts);
      Map<String, Long> counts = Map.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline && !(counts = scrape(prom)).equals(expected)) {
        Thread.sleep(200);
      }
      assertEquals(expected, counts, "tbot_starts_total, stamped to the millisecond");
      assertNoDeltaOutOfOrder(c);
    }
  }

  /** {@code n} concurrent clients, each one start of {@code version} with join_type token; each must get 200. */
  private static void burst(int port, int n, String version) throws Exception {
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> {
        try {
          LogRecord start = Otlp.validStart(version).setAttributes(2, Otlp.str("join_type", "token")).build();
          return Otlp.postLogs(port, Otlp.request(start)).statusCode();
        } catch (Exception e) {
          return -1;
        }
      }));
    }
    for (CompletableFuture<Integer> call : calls) {
      assertEquals(200, call.get(30, TimeUnit.SECONDS));
    }
  }

  /** deltatocumulative dropped no delta as out of order: the series appears at the first it drops. */
  private static void assertNoDeltaOutOfOrder(Collector c) throws Exception {
    List<String> dropped = c.ownMetrics().lines()
        .filter(l -> l.startsWith("otelcol_deltatocumulative_datapoints") && l.contains("ErrOutOfOrder"))
        .collect(Collectors.toList());
    assertEquals(List.of(), dropped, "deltas dropped as out of order");
  }

  /**
   * docs/self-hosting.md as a self-hoster follows it: step 3's {@code start} line, run as written
   * (its endpoint on this collector's port, its config from the repository's root), lands in the
   * events file with {@code preview}'s attributes and the scope step 4 names, and step 4's counter
   * line, as {@code curl | grep} prints it, is the page's sample ({@code ...} standing for what it
   * leaves out): the labels' names, order and values, and the count.
   */
  @Test
  void selfHostingsStartLineArrivesAsItsVerifyStepShows() throws Exception {
    String doc = EnvironmentDocsTest.read("docs/self-hosting.md");
    String step3 = doc.substring(doc.indexOf("\n## 3. "), doc.indexOf("\n## 4. "));
    Matcher block = Pattern.compile("```sh\\n(java -jar \\S*tbot-otel\\.jar start [^`]*)```").matcher(step3);
    assertTrue(block.find(), "self-hosting.md's step 3 shows a start line");
    List<String> args = new ArrayList<>(List.of(block.group(1).replace("\\\n", " ").strip().split("\\s+")));
    args = new ArrayList<>(args.subList(3, args.size())); // after java -jar .../tbot-otel.jar
    Matcher sample = Pattern.compile("(?m)^\\s*# (tbot_starts_total\\{.*)$").matcher(doc.substring(doc.indexOf("\n## 4. ")));
    assertTrue(sample.find(), "self-hosting.md's step 4 shows a tbot_starts_total line");
    StringBuilder expected = new StringBuilder("^");
    for (String known : sample.group(1).split("\\.\\.\\.", -1)) {
      expected.append(expected.length() > 1 ? ".*?" : "").append(Pattern.quote(known));
    }
    Pattern counted = Pattern.compile(expected.append("$").toString());

    Path events = Edges.eventsFile("e2e-self-hosting-doc");
    int port = Collector.freePort();
    int prom = Collector.freePort();
    try (Collector c = Edges.selfHosted("self-hosting-doc", port, prom, events)) {
      String documented = "http://127.0.0.1:4318/v1/logs";
      assertTrue(args.contains(documented), "step 3's endpoint is step 2's listener: " + args);
      args.replaceAll(a -> a.equals(documented) ? "http://127.0.0.1:" + port + "/v1/logs" : a);
      int config = args.indexOf("-c") + 1;
      assertTrue(config > 0, "step 3 gives a config: " + args);
      args.set(config, EnvironmentDocsTest.root().resolve(args.get(config)).toString());
      Map<String, Object> shown = TbotCli.previewAttributes(Map.of(), args.subList(1, args.size()));
      // The pipeline is under test, not the exit budget: a loaded machine may need more than 500 ms.
      args.addAll(List.of("--anonymous-analytics-exit-timeout", "10s"));
      TbotCli.Result r = TbotCli.run(Map.of(), args);
      assertEquals(0, r.exitCode(), "tbot-otel " + args + ":\n" + r.stderr());

      Sink file = new Sink(events);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline && file.size() < 1) {
        Thread.sleep(200);
      }
      List<Sink.Exported> records = file.records();
      assertEquals(1, records.size(), "events file: " + events);
      assertEquals(0, records.get(0).resource().getAttributesCount(), "resource is empty");
      assertEquals(EventSchema.SCOPE_NAME + " " + EventSchema.VERSION,
          records.get(0).scope().getName() + " " + records.get(0).scope().getVersion(), "the scope");
      assertEquals(shown, records.get(0).attributes(), "the attributes are those of preview");

      List<String> series = List.of();
      deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline) {
        series = metrics(prom).lines().filter(l -> l.startsWith("tbot_starts_total")).collect(Collectors.toList());
        if (!series.isEmpty()) {
          break;
        }
        Thread.sleep(200);
      }
      assertEquals(1, series.size(), "one series: " + series);
      assertTrue(counted.matcher(series.get(0)).matches(),
          "self-hosting.md shows " + sample.group(1) + "\nthe collector serves " + series.get(0));
    }
  }

  @Test
  void recordsOutsideScopeLogsAndEntityReferencesNeverReachTheFile() throws Exception {
    Path events = Edges.eventsFile("e2e-self-hosted-hidden");
    int port = Collector.freePort();
    try (Collector c = Edges.selfHosted("self-hosted-hidden", port, Collector.freePort(), events)) {
      HttpResponse<String> r =
          Otlp.post(port, "/v1/logs", Otlp.jsonWithDeprecatedScopeLogs("18.3.0"), "application/json", null);
      assertEquals(200, r.statusCode(), r.body());
      Sink file = new Sink(events);
      // The valid record and anything else from the request are written on the same line.
      List<Sink.Exported> got = file.awaitAfter(0, e -> "18.3.0".equals(e.attr("version")), Duration.ofSeconds(10));
      assertEquals(1, got.size(), file.text());
      Sink.assertScrubbed(got.get(0));
      for (String leak : List.of("deprecatedScopeLogs", "user.login", "evil.scope", "alice", "203.0.113.7", "build-42")) {
        assertFalse(file.text().contains(leak), leak + " in the events file: " + file.text());
      }
      assertTrue(c.healthy(), c.logTail());
    }
  }

  @Test
  void aCollectorThatCannotMakeTheEventsFilesDirectoryDoesNotStart() throws Exception {
    // Rotation's writer would make the directory itself, but only at the first event: failing at
    // start (create_directory) shows a wrong TBOT_OTEL_EVENTS_FILE at once, not as events lost.
    Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve("e2e-self-hosted-blocked"));
    Path blocker = dir.resolve("a-file");
    Files.writeString(blocker, "not a directory");
    Path events = blocker.resolve("events").resolve("tbot-events.jsonl");
    AssertionError refused = assertThrows(AssertionError.class,
        () -> Edges.selfHosted("self-hosted-blocked", Collector.freePort(), Collector.freePort(), events).close());
    assertTrue(refused.getMessage().contains("collector exited with"), refused.getMessage());
    assertTrue(refused.getMessage().contains("not a directory"), refused.getMessage());
  }

  @Test
  void aCollectorThatCannotWriteTheEventsFileStartsCountsAndLosesTheEventsAsSelfHostingSays() throws Exception {
    // create_directory checks only that the directory can be made, not that the file can be: one
    // that cannot (for a non-root collector, a directory made with sudo; here, where tests may run
    // as root, /proc, where no one creates files) is found at the first event. Health is 200, the
    // client gets 200 and the counter counts, while the event is lost: self-hosting.md must say so.
    // (A directory in the file's place is no such case: rotation renames it aside.)
    Path events = Path.of("/proc/tbot-events.jsonl");
    assertTrue(Files.isDirectory(Path.of("/proc/self")), "Linux's /proc, where the collector is tested");
    int port = Collector.freePort();
    int prom = Collector.freePort();
    try (Collector c = Edges.selfHosted("self-hosted-unwritable", port, prom, events)) {
      assertTrue(c.healthy(), c.logTail());
      assertEquals(200, Otlp.postLogs(port, Otlp.request(Otlp.validStart("18.1.0").build())).statusCode());
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline && !c.logText().contains("Exporting failed")) {
        Thread.sleep(200);
      }
      assertTrue(c.logText().contains("Exporting failed"), c.logTail());
      while (System.nanoTime() < deadline && scrape(prom).isEmpty()) {
        Thread.sleep(200);
      }
      assertEquals(1L, scrape(prom).values().stream().mapToLong(Long::longValue).sum(), "counted");
      assertFalse(Files.exists(events), "nothing written");
      assertTrue(c.healthy(), c.logTail());
      // The one metric that shows it, which troubleshooting step 3 names and greps for.
      QuotedMetrics.assertServedOnFailure(c, "self-hosted.yaml");
      String own = c.ownMetrics();
      assertTrue(QuotedMetrics.value(own, "otelcol_exporter_send_failed_log_records", Map.of("exporter", "file/events")) >= 1,
          own);
      Pattern shown = troubleshootingsGrep(EnvironmentDocsTest.read("docs/self-hosting.md"));
      assertTrue(own.lines().anyMatch(l -> shown.matcher(l).find()
              && l.startsWith("otelcol_exporter_send_failed_log_records{") && l.contains("exporter=\"file/events\"")),
          "step 3's grep " + shown + " shows the failed writes:\n" + own);
    }
    String page = EnvironmentDocsTest.read("docs/self-hosting.md").replaceAll("\\s+", " ");
    assertTrue(page.contains("one that cannot write the file starts, answers 200 and counts, but loses every event"),
        "self-hosting.md warns of an events file the collector cannot write");
    assertTrue(page.contains("`Exporting failed`"), "self-hosting.md names the log line that shows it");
  }

  @Test
  void aStartAsGosSdkSendsItIsStoredAndCountedAnonymously() throws Exception {
    // A Go tbot's start (the RFD has tbot send it), with the Go SDK's resource filled from the host's
    // OTEL_* variables: written without it, and counted without a label from it (the Prometheus
    // exporter would make job and instance labels and a target_info series of a resource's
    // service.* and other attributes).
    Path events = Edges.eventsFile("e2e-self-hosted-go");
    int port = Collector.freePort();
    int prom = Collector.freePort();
    try (Collector c = Edges.selfHosted("self-hosted-go", port, prom, events)) {
      long now = System.currentTimeMillis() * 1_000_000L;
      assertEquals(200, Otlp.postLogs(port, GoSdk.request(GoSdk.defaultResource(GoSdk.HOST_ENVIRONMENT),
          GoSdk.scope(EventSchema.SCOPE_NAME, EventSchema.VERSION), GoSdk.start("18.1.0", now).build())).statusCode());
      Sink file = new Sink(events);
      List<Sink.Exported> got = file.awaitAfter(0, e -> "18.1.0".equals(e.attr("version")), Duration.ofSeconds(10));
      assertEquals(1, got.size(), file.text());
      Sink.assertScrubbed(got.get(0));
      assertEquals(GoSdk.startAttributes("18.1.0"), got.get(0).attributes());
      Map<String, Long> counts = Map.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline && (counts = scrape(prom)).isEmpty()) {
        Thread.sleep(200);
      }
      assertEquals(Map.of("18.1.0|github|one-shot|none", 1L), counts, "tbot_starts_total");
      String exposed = metrics(prom);
      for (String leak : GoSdk.RESOURCE_TEXT) {
        assertFalse(file.text().contains(leak), leak + " in the events file: " + file.text());
        assertFalse(exposed.contains(leak), leak + " in the metrics: " + exposed);
      }
      assertFalse(exposed.contains("target_info"), exposed);
      assertTrue(c.healthy(), c.logTail());
    }
  }

  @Test
  void destinationKindsOverTheTotalAreZeroedAsTbotOtelZeroesThem() throws Exception {
    // The edge's rule (Attribute.partOf), on the self-hosted pipeline: kinds that, clamped, add up
    // to more than the total are stored as 0, as tbot-otel sends them; consistent ones unchanged.
    Path events = Edges.eventsFile("e2e-self-hosted-parts");
    int port = Collector.freePort();
    try (Collector c = Edges.selfHosted("self-hosted-parts", port, Collector.freePort(), events)) {
      long[][] cases = {{0, 1000, 1000, 1000}, {2, 1, 1, 1}, {3, 1, 1, 1}, {5000, 1001, 0, 2}, {7, 2000, -3, 0}};
      List<LogRecord> records = new ArrayList<>();
      Map<String, Map<String, Object>> expected = new TreeMap<>();
      for (int i = 0; i < cases.length; i++) {
        records.add(Otlp.startWithDestinations("18.4." + i, cases[i]).build());
        expected.put("18.4." + i, Otlp.attributesAsTbotOtelSends("18.4." + i, cases[i]));
      }
      Sink file = new Sink(events);
      List<Sink.Exported> got = file.arrivalsAfter(
          () -> assertEquals(200, Otlp.postLogs(port, Otlp.request(records.toArray(new LogRecord[0]))).statusCode()),
          "18.5.0",
          marker -> assertEquals(200, Otlp.postLogs(port, Otlp.request(Otlp.validStart(marker).build())).statusCode()),
          Duration.ofSeconds(10));
      Map<String, Map<String, Object>> arrived = new TreeMap<>();
      got.forEach(e -> arrived.put(e.attr("version"), e.attributes()));
      assertEquals(expected, arrived, "what tbot-otel would send for each");
      assertTrue(c.healthy(), c.logTail());
    }
  }

  @Test
  void everyJoinMethodOfTheSchemaIsStoredAndCountedAndAMadeUpOneBecomesUnknown() throws Exception {
    Path events = Edges.eventsFile("e2e-self-hosted-join");
    int port = Collector.freePort();
    int prom = Collector.freePort();
    try (Collector c = Edges.selfHosted("self-hosted-join", port, prom, events)) {
      Map<String, String> expected = new TreeMap<>();
      // generic_oidc (schema 1.1.0) from a tbot config's onboarding.join_method, through the real CLI.
      runStart(Map.of(), "http://127.0.0.1:" + port + "/v1/logs",
          TbotCli.joinMethodConfig("generic_oidc"), "--oneshot", "--tbot-version", "18.7.99");
      expected.put("18.7.99", "generic_oidc");
      List<LogRecord> records = Otlp.startPerJoinMethod("18.7.", expected);
      for (LogRecord r : records) { // one a request: the receiver takes bodies of at most 4 KiB
        assertEquals(200, Otlp.postLogs(port, Otlp.request(r)).statusCode());
      }

      Sink file = new Sink(events);
      assertEquals(expected, file.joinTypesByVersion(0, expected.keySet(), Duration.ofSeconds(10)),
          "join_type in the events file, by version: the schema's values kept, others unknown");
      Map<String, Long> counted = new TreeMap<>();
      expected.forEach((version, joinType) -> counted.put(version + "|" + joinType + "|one-shot|none", 1L));
      Map<String, Long> counts = Map.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline && !(counts = scrape(prom)).equals(counted)) {
        Thread.sleep(200);
      }
      assertEquals(counted, counts, "tbot_starts_total by version|join_type|run_mode|helper");
      assertTrue(c.healthy(), c.logTail());
    }
  }

  /**
   * A fresh events file, target/DIR/new/tbot-events.jsonl, whose directory is not there yet either:
   * self-hosting.md promises the collector creates it.
   */
  @Test
  void aClientThatFillsTheLabelSetsLeavesNewOnesUncountedAndTheAlertSaysSo() throws Exception {
    // self-hosting.md: a client that sends max_streams distinct label sets (in about a second)
    // leaves a new genuine one uncounted until old ones go stale; the events file still has it, and
    // the collector's own otelcol_deltatocumulative_datapoints{error="limit"} counts the refusals.
    int streams = AllowlistDriftTest.at(AllowlistDriftTest.load("self-hosted.yaml"),
        "processors", "deltatocumulative", "max_streams");
    Path events = Edges.eventsFile("e2e-self-hosted-streams");
    int port = Collector.freePort();
    int prom = Collector.freePort();
    try (Collector c = Edges.selfHosted("self-hosted-streams", port, prom, events)) {
      List<LogRecord> batch = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        batch.add(Otlp.validStart("1." + i / 1000 + "." + i % 1000).build());
        if (batch.size() == 10 || i == streams - 1) {
          assertEquals(200, Otlp.postLogs(port, Otlp.request(batch.toArray(new LogRecord[0]))).statusCode());
          batch.clear();
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline && scrape(prom).size() < streams) {
        Thread.sleep(200);
      }
      assertEquals(streams, scrape(prom).size(), "label sets counted");
      assertEquals(200, Otlp.postLogs(port, Otlp.request(Otlp.validStart("5.0.0").build())).statusCode());
      String refusals = "otelcol_deltatocumulative_datapoints{error=\"limit\"}";
      deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline && !c.ownMetrics().contains(refusals)) {
        Thread.sleep(200);
      }
      assertTrue(c.ownMetrics().contains(refusals), "the collector's own metrics name " + refusals);
      assertFalse(scrape(prom).keySet().stream().anyMatch(k -> k.startsWith("5.0.0|")), "a new label set counted");
      Sink file = new Sink(events);
      deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline && file.records().stream().noneMatch(e -> "5.0.0".equals(e.attr("version")))) {
        Thread.sleep(200);
      }
      assertTrue(file.records().stream().anyMatch(e -> "5.0.0".equals(e.attr("version"))), "the events file has it");
      String page = EnvironmentDocsTest.read("docs/self-hosting.md");
      assertTrue(page.contains("`" + refusals + "`"), "self-hosting.md names the alert's metric " + refusals);

      // With the limit reached, a record of another event (filter/tbot_start_only drops it) and one
      // without a required attribute (filter/complete drops it): every own metric the page quotes.
      LogRecord otherEvent = Otlp.validStart("5.0.1").setEventName("tbot.stop").build();
      LogRecord incomplete = LogRecord.newBuilder().setEventName(EventSchema.EVENT_NAME)
          .addAttributes(Otlp.str("run_mode", "one-shot")).build();
      assertEquals(200, Otlp.postLogs(port, Otlp.request(otherEvent, incomplete)).statusCode());
      QuotedMetrics.assertServed(c, "self-hosted.yaml");
      troubleshootingsDropStepAddsUp(c, page);
    }
  }

  /**
   * self-hosting.md's troubleshooting step 3, on a collector that took records of each kind: its
   * grep shows every metric the step names, and the records received (accepted, "dropped ones
   * too") are those its two filters dropped plus those written to the file.
   */
  private static void troubleshootingsDropStepAddsUp(Collector c, String page) throws Exception {
    int from = page.indexOf("3. **Did the collector drop it?**");
    int to = page.indexOf("\n## Behind TLS");
    int first = (int) page.substring(0, from).lines().count() + 1;
    int last = (int) page.substring(0, to).lines().count();
    Pattern shown = troubleshootingsGrep(page);
    String filtered = "otelcol_processor_filter_logs_filtered";
    double accepted;
    double droppedAndWritten;
    String own;
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      own = c.ownMetrics();
      accepted = QuotedMetrics.value(own, "otelcol_receiver_accepted_log_records", Map.of());
      droppedAndWritten = QuotedMetrics.value(own, filtered, Map.of("filter", "filter/tbot_start_only"))
          + QuotedMetrics.value(own, filtered, Map.of("filter", "filter/complete"))
          + QuotedMetrics.value(own, "otelcol_exporter_sent_log_records", Map.of("exporter", "file/events"));
      if (accepted == droppedAndWritten || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(200); // the file exporter counts a record once written
    }
    assertTrue(accepted > 0, "records accepted:\n" + own);
    assertEquals(accepted, droppedAndWritten, "accepted = filtered by both filters + written to the file:\n" + own);
    List<QuotedMetrics.Quote> named = QuotedMetrics.quotes("docs/self-hosting.md", page).stream()
        .filter(q -> q.line() >= first && q.line() <= last).collect(Collectors.toList());
    // Failed writes show on a collector that cannot write the file: the test of that checks them.
    named.removeIf(q -> QuotedMetrics.ON_FAILURE.contains(q.name()));
    assertTrue(named.size() >= 4, "step 3 names the received, refused, filtered and written records: " + named);
    for (QuotedMetrics.Quote q : named) {
      Pattern series = Pattern.compile("^" + Pattern.quote(q.name()) + "[{ ]");
      assertTrue(own.lines().anyMatch(l -> shown.matcher(l).find() && series.matcher(l).find()),
          "step 3's grep " + shown + " shows " + q);
    }
  }

  /** The pattern of self-hosting.md's troubleshooting step 3's {@code grep -E}. */
  private static Pattern troubleshootingsGrep(String page) {
    int from = page.indexOf("3. **Did the collector drop it?**");
    int to = page.indexOf("\n## Behind TLS");
    assertTrue(from >= 0 && to > from, "self-hosting.md's troubleshooting step 3, before the TLS section");
    Matcher grep = Pattern.compile("grep -E '([^']+)'").matcher(page.substring(from, to));
    assertTrue(grep.find(), "step 3 greps the collector's metrics: " + page.substring(from, to));
    return Pattern.compile(grep.group(1));
  }

  private static void runStart(Map<String, String> env, String endpoint, Path yaml, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("start", "--anonymous-analytics",
        "--anonymous-analytics-endpoint", endpoint, "-c", yaml.toString(),
        // the pipeline is under test, not the exit budget: a loaded machine may need more than 500 ms
        "--anonymous-analytics-exit-timeout", "10s"));
    args.addAll(List.of(extra));
    TbotCli.Result r = TbotCli.run(env, args);
    assertEquals(0, r.exitCode(), "tbot-otel " + args + ":\n" + r.stderr());
  }

  /** The Prometheus endpoint's text. */
  private static String metrics(int port) throws Exception {
    HttpResponse<String> r =
        Collector.HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return r.body();
  }

  /** tbot_starts_total series as "version|join_type|run_mode|helper" to value. */
  static Map<String, Long> scrape(int port) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    for (String line : metrics(port).split("\n")) {
      Matcher m = SERIES.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      String key = labels.get("version") + "|" + labels.get("join_type") + "|" + labels.get("run_mode") + "|"
          + labels.get("helper");
      out.merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
    }
    return out;
  }
}
