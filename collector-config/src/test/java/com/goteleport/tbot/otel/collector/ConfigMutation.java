package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Mutation testing of the shipped collector configs, as PIT is of the Java code (docs/testing.md):
 * each leaf line of a config's receivers, processors, connectors, exporters, extensions and
 * service is deleted in turn, its value changed in each of the ways {@link ValueMutants}
 * knows, and its regular expressions' alternatives and class items removed ({@link RegexMutants}),
 * in a copy of this module, and the tests that guard that config run against it. A mutant
 * no test notices is behaviour no test pins. Not part of the default run (the class name does not
 * end in Test; hours for everything, most of it the Kafka runs); run it explicitly, for all three
 * configs or for some, for all sections or for some, with all operators or some:
 *
 * <pre>
 *   mvn -B -pl collector-config -am verify -Dtest=ConfigMutation -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
 *   ... -Dconfig.mutation.files=self-hosted.yaml -Dconfig.mutation.sections=exporters
 *   ... -Dconfig.mutation.operators=values,regex
 *   ... -Dconfig.mutation.own=true
 * </pre>
 *
 * The last skips the lines the config shares with another (changed in all at once, so a run of
 * one config has judged them for all).
 *
 * The mutants run in a child JVM whose {@code collector.config.dir} is the copy, so the shipped
 * files are never touched. Each runs the static tests first and the config's end-to-end tests (a
 * real collector) only if those pass. Results: stdout and target/config-mutation-report.txt. The
 * test fails if the unmutated copy fails its tests, or if a mutant survives that is not among the
 * known ones below.
 */
class ConfigMutation {

  /**
   * The static tests, run on every mutant first: those that judge a config without a collector
   * serving it (ConfigValidationTest runs the binary's {@code validate} alone), each in seconds.
   * ConfigMutationListsTest holds every test of this package that names a config to this list, an
   * end-to-end list or {@link #NOT_RUN}.
   */
  static final String STATIC = "AllowlistDriftTest,ConfigValidationTest,EnvironmentDocsTest,"
      + "SelfHostingDocsTest,ScalingDocsTest,EdgeDocsTest,SecondImplementationDocTest,ConformanceCasesCollectorTest";

  /** Tests of this package that name a config but judge no mutant, each with why. */
  static final Map<String, String> NOT_RUN = Map.of(
      "QuotedMetricsTest",
      "reads the docs and the tests' sources, not a config: the end-to-end tests serve the quotes",
      "SelfHostedTlsTest",
      "serves self-hosted.yaml over TLS for tbot-otel's trust store and hints: SelfHostedEndToEndTest judges the config",
      "GoHelperScreenTest",
      "compares docs/conformance/go/helper.go with the screen generated anew: it tells every changed screen apart,"
          + " whether a value pins the change or not, which is what a mutant asks");

  private static final String SECTIONS = "receivers,processors,connectors,exporters,extensions,service";

  /**
   * Deleting each line, changing its value ({@link ValueMutants}), and removing each alternative
   * and character-class item of its regular expressions ({@link RegexMutants}).
   */
  private static final String OPERATORS = "delete,values,regex";

  /** Each config and the end-to-end tests that run it. */
  static final Map<String, String> END_TO_END = Map.of(
      "teleport-ingest.yaml", "IngestEndToEndTest,FailClosedTest,ScrubLayersTest,RandomRequestsTest,ScreenDifferentialTest",
      "self-hosted.yaml", "SelfHostedEndToEndTest,FailClosedTest,RandomRequestsTest,ScreenDifferentialTest",
      "warehouse.yaml", "KafkaEndToEndTest,KafkaSecurityTest");

  /**
   * Where the exporters' lines are judged by other tests than the rest: teleport-ingest's Kafka
   * exporter runs only in the Kafka tests, and the warehouse's ClickHouse exporter only in the
   * ClickHouse ones (the others swap each for a file).
   */
  static final Map<String, String> EXPORTERS_END_TO_END = Map.of(
      "teleport-ingest.yaml", "KafkaEndToEndTest,KafkaSecurityTest",
      "warehouse.yaml", "KafkaEndToEndTest,KafkaSecurityTest,ClickHouseTableTest,ClickHouseViewsTest");

  private static final String NANOSECOND =
      "the time bounds moved by a nanosecond: no bounded test can send a time that close to Now()";

  /**
   * Per config, the mutants no bounded test can observe, each with why: a deleted line (its text)
   * that restates the collector's own default, and deletions or changed values (the line, "|" and
   * the change; "*" for the line: wherever that change is made) that only change timing, throughput
   * or batch sizes, apply to an attribute the pipeline has already made required, or leave a
   * regular expression matching the same strings.
   */
  private static final Map<String, Map<String, String>> EQUIVALENT = Map.of(
      "teleport-ingest.yaml", known(
          Map.entry("logs_url_path: /v1/logs", "the OTLP receiver's default path for logs"),
          Map.entry("encoding: otlp_proto", "the Kafka exporter's default"),
          Map.entry("max_message_bytes: 1000000", "the Kafka exporter's default"),
          Map.entry("timeout: 5s", "the exporter's default timeout"),
          Map.entry("num_consumers: 4", "how many produce calls run at once: throughput only (IngestLoad)"),
          Map.entry("num_consumers: 4 | \"4\" -> \"5\"", "how many produce calls run at once: throughput only"),
          Map.entry("max_message_bytes: 1000000 | \"1000000\" -> \"1000001\"",
              "the producer's own cap on a message; the edge's messages of 1,000 events are well under it"),
          Map.entry("timeout: 5s | \"5\" -> \"6\"", "how long a produce call may take: timing"),
          Map.entry("enabled: true", "the sending queue is on by default (the retries' line: ScalingDocsTest)")),
      "self-hosted.yaml", known(
          Map.entry("logs_url_path: /v1/logs", "the OTLP receiver's default path for logs"),
          Map.entry("timeout: 200ms", "the batch processor's default"),
          Map.entry("send_batch_max_size: 2000", "only the size of the batches the counter sees changes, not the counts"),
          Map.entry("timeout: 200ms | \"200\" -> \"201\"", "how long a batch waits to fill: timing"),
          Map.entry("send_batch_size: 1000 | \"1000\" -> \"1001\"", "the size of the batches the counter sees only"),
          Map.entry("send_batch_max_size: 2000 | \"2000\" -> \"2001\"", "the size of the batches the counter sees only"),
          Map.entry("default_value: unknown", "version, join_type and run_mode are required by filter/complete"),
          Map.entry("format: json", "the file exporter's default"),
          Map.entry("flush_interval: 1s", "the file exporter's default"),
          Map.entry("flush_interval: 1s | \"1\" -> \"2\"", "how often the events file is flushed: timing"),
          Map.entry("enabled: false", "resource_to_telemetry_conversion's default (and there are no resource attributes)"),
          Map.entry("enabled: false | \"false\" -> \"true\"",
              "resource attributes as labels: the scrub leaves the counter's resource none")),
      "warehouse.yaml", known(
          Map.entry("encoding: otlp_proto", "the Kafka receiver's default"),
          Map.entry("on_error: false", "the Kafka receiver's default"),
          Map.entry("initial_interval: 1s", "the pace of retries while ClickHouse refuses: timing"),
          Map.entry("max_interval: 30s", "the pace of retries while ClickHouse refuses: timing"),
          Map.entry("randomization_factor: 0.5", "how the Kafka receiver's waits are spread: timing"),
          Map.entry("max_elapsed_time: 0s", "the Kafka receiver's: how long its retries go on (minutes): timing "
              + "(the ClickHouse exporter's, ScalingDocsTest)"),
          Map.entry("error_mode: propagate", "the filter processor's default"),
          Map.entry("enabled: true", "the sending queue is on by default"),
          Map.entry("num_consumers: 2", "how many inserts run at once: throughput and ClickHouse's load only"),
          Map.entry("num_consumers: 2 | \"2\" -> \"3\"", "how many inserts run at once: throughput and ClickHouse's load only"),
          Map.entry("initial_interval: 1s | \"1\" -> \"2\"", "the pace of retries while ClickHouse refuses: timing"),
          Map.entry("max_interval: 30s | \"30\" -> \"31\"", "the pace of retries while ClickHouse refuses: timing"),
          Map.entry("- log.time_unix_nano > UnixNano(Now()) + 3600000000000 | \">\" -> \">=\"", NANOSECOND),
          Map.entry("- log.time_unix_nano > UnixNano(Now()) + 3600000000000 | \"3600000000000\" -> \"3600000000001\"",
              NANOSECOND),
          Map.entry("- log.time_unix_nano < UnixNano(Now()) - 2592000000000000 | \"<\" -> \"<=\"", NANOSECOND),
          Map.entry("- log.time_unix_nano < UnixNano(Now()) - 2592000000000000 | \"2592000000000000\" -> "
              + "\"2592000000000001\"", NANOSECOND)));

  /** A config's known survivors: its own, and those of the lines every config has. */
  @SafeVarargs
  private static Map<String, String> known(Map.Entry<String, String>... own) {
    String oneCharacter = "a word of one character left in the copy cannot hold a letter beside a digit";
    String hostNameMiddle = "the host name rule finds its match anywhere: it can start at the last letter before "
        + "the dot, so the letters between need not match";
    Map<String, String> all = new HashMap<>(Map.of(
        "path: /health", "without it the health check answers on every path, /health included",
        "level: info", "the default log level",
        "level: normal", "the default metrics level",
        "blocked_values: []", "the redaction processor's default: no value patterns",
        "- replace_pattern(log.cache[\"screen_helper\"], \" [A-Za-z0-9]{1,19} \", \"\") | \"1\" -> \"2\"", oneCharacter,
        "* | \"A-Z\" removed from [A-Za-z0-9-]", hostNameMiddle,
        "* | \"a-z\" removed from [A-Za-z0-9-]", hostNameMiddle,
        "- replace_pattern(log.cache[\"screen_helper_base64\"], \"[^A-Za-z0-9/ ]\", \"  \") | \" \" removed from"
            + " [^A-Za-z0-9/ ]", "the copy's only spaces are its two ends' (helper holds none): doubled, each run"
            + " still has a space of its own on either side, and the check reads no space"));
    for (Map.Entry<String, String> e : own) {
      if (all.put(e.getKey(), e.getValue()) != null) {
        throw new IllegalArgumentException("listed twice: " + e.getKey());
      }
    }
    return Map.copyOf(all);
  }

  @Test
  void everyLineOfTheShippedConfigsIsPinned() throws Exception {
    // A copy of this module (but its target) beside links to the repository's other entries: the
    // tests read the docs as ../docs from the module.
    Path root = Collector.BUILD_DIR.resolve("config-mutation");
    Collector.deleteTree(root);
    Path copy = Files.createDirectories(root.resolve(Collector.CONFIG_DIR.getFileName()));
    try (Stream<Path> entries = Files.list(Collector.CONFIG_DIR.getParent())) {
      for (Path entry : entries.filter(e -> !e.equals(Collector.CONFIG_DIR)).toList()) {
        Files.createSymbolicLink(root.resolve(entry.getFileName()), entry);
      }
    }
    try (Stream<Path> files = Files.walk(Collector.CONFIG_DIR)) {
      for (Path f : files.filter(f -> !f.startsWith(Collector.CONFIG_DIR.resolve("target"))).toList()) {
        Path to = copy.resolve(Collector.CONFIG_DIR.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    List<String> report = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    // -Dconfig.mutation.files=self-hosted.yaml,... runs only those.
    for (String file : System.getProperty("config.mutation.files", String.join(",", END_TO_END.keySet())).split(",")) {
      Path out = Collector.BUILD_DIR.resolve("config-mutation-" + file + ".log");
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Dcollector.config.dir=" + copy, "-Dcollector.build.dir=" + Collector.BUILD_DIR,
          "-Dtbot.otel.jar=" + System.getProperty("tbot.otel.jar"),
          "-Dtbot.otel.version=" + System.getProperty("tbot.otel.version"), // ConfigValidationTest's
          "-cp", System.getProperty("java.class.path"), ConfigMutation.class.getName(),
          copy.resolve(file).toString(), STATIC, System.getProperty("config.mutation.sections", SECTIONS),
          System.getProperty("config.mutation.operators", OPERATORS),
          Boolean.toString(Boolean.getBoolean("config.mutation.own")));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(Duration.ofMinutes(90).toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(file + ": the mutation run did not end within 90 minutes; log " + out);
      }
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0 || lines.stream().noneMatch(l -> l.startsWith("summary\t"))) {
        unexpected.add(file + ": the mutation run ended with " + p.exitValue() + " before its summary; log " + out);
      }
      for (String line : lines) {
        if (line.startsWith("mutant\t") || line.startsWith("summary\t") || line.startsWith("baseline\t")) {
          String entry = file + "\t" + line;
          report.add(entry);
          System.out.println(entry);
          String[] f = line.split("\t");
          if (f[0].equals("baseline") && !line.equals("baseline\t0\t0")) {
            unexpected.add(entry + " (the unmutated config fails its tests)");
          }
          if (f[0].equals("mutant") && f[2].equals("SURVIVED") && !isKnown(EQUIVALENT.get(file), f[3])) {
            unexpected.add(entry);
          }
        }
      }
    }
    Files.write(Collector.BUILD_DIR.resolve("config-mutation-report.txt"), report, StandardCharsets.UTF_8);
    assertEquals(List.of(), unexpected, "mutants no test noticed");
  }

  /** Whether a survivor is known: its line and change, or its change on any line ("* | change"). */
  private static boolean isKnown(Map<String, String> known, String mutant) {
    int bar = mutant.indexOf(" | ");
    return known.containsKey(mutant) || bar >= 0 && known.containsKey("*" + mutant.substring(bar));
  }

  /**
   * In the child JVM: {@code args} are the config to mutate (in the copy), the static tests
   * (simple names in this package), the top-level sections to mutate, the operators and whether to
   * skip the lines another config shares. Prints a "mutant" line per mutant: the line number,
   * killed-static, killed-e2e or SURVIVED, what changed, the other configs that got the same
   * change and the first test that failed; and a "failed" line per test the unmutated configs fail.
   *
   * <p>A line the other configs must share (the edge's receiver and processors, which
   * AllowlistDriftTest holds equal in self-hosted.yaml and warehouse.yaml) is changed in every
   * config that has it at the same place: changed in one alone, the test that they are equal would
   * kill it without saying whether any behaviour depends on it. Such a mutant is judged by the
   * end-to-end tests of each config changed.
   */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String name = file.getFileName().toString();
    String[] statics = qualified(args[1]);
    List<String> sections = Stream.of(args[2].split(",")).map(n -> n + ":").toList();
    List<String> operators = List.of(args[3].split(","));
    boolean ownOnly = Boolean.parseBoolean(args[4]);
    List<String> original = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> keys = placesOf(original);
    Map<Path, List<String>> others = new LinkedHashMap<>();
    Map<Path, List<String>> othersPlaces = new HashMap<>();
    for (String other : new TreeSet<>(END_TO_END.keySet())) {
      if (!other.equals(name)) {
        Path path = file.resolveSibling(other);
        others.put(path, Files.readAllLines(path, StandardCharsets.UTF_8));
        othersPlaces.put(path, placesOf(others.get(path)));
      }
    }
    Launcher launcher = LauncherFactory.create();
    String[] e2e = qualified(END_TO_END.get(name));
    String[] exportersE2e = qualified(EXPORTERS_END_TO_END.getOrDefault(name, END_TO_END.get(name)));
    String[] allE2e = Stream.concat(Stream.of(e2e), Stream.of(exportersE2e)).distinct().toArray(String[]::new);
    // The baseline's failures in full: a mutant's verdict needs only their first lines, but a
    // baseline that fails here and not in the suite must be diagnosable from the log alone.
    List<String> details = new ArrayList<>();
    List<String> baseline = failed(launcher, details, statics);
    List<String> baselineE2e = failed(launcher, details, allE2e);
    System.out.println("baseline\t" + baseline.size() + "\t" + baselineE2e.size());
    Stream.concat(baseline.stream(), baselineE2e.stream()).forEach(f -> System.out.println("failed\tbaseline\t" + f));
    details.forEach(d -> System.out.println("detail\t" + d));
    int mutants = 0;
    int survivors = 0;
    try {
      boolean inScope = false;
      boolean exporters = false;
      for (int i = 0; i < original.size(); i++) {
        String line = original.get(i);
        String text = line.trim();
        if (!line.startsWith(" ") && !text.isEmpty() && !text.startsWith("#")) {
          inScope = sections.stream().anyMatch(line::startsWith);
          exporters = line.startsWith("exporters:");
          continue;
        }
        if (!inScope || text.isEmpty() || text.startsWith("#") || hasChildren(original, i)) {
          continue;
        }
        // Where each other config has this line at the same place.
        Map<Path, Integer> copiesAt = new LinkedHashMap<>();
        for (Map.Entry<Path, List<String>> other : others.entrySet()) {
          int at = othersPlaces.get(other.getKey()).indexOf(keys.get(i));
          if (at >= 0 && other.getValue().get(at).equals(line)) {
            copiesAt.put(other.getKey(), at);
          }
        }
        if (ownOnly && !copiesAt.isEmpty()) {
          continue;
        }
        List<String> copies = copiesAt.keySet().stream().map(p -> p.getFileName().toString()).toList();
        List<ValueMutants.Mutant> forLine = new ArrayList<>();
        if (operators.contains("delete")) {
          forLine.add(new ValueMutants.Mutant(null, text));
        }
        if (operators.contains("values")) {
          forLine.addAll(ValueMutants.of(line));
        }
        if (operators.contains("regex")) {
          forLine.addAll(RegexMutants.of(line));
        }
        for (ValueMutants.Mutant m : forLine) {
          Files.write(file, mutated(original, i, m), StandardCharsets.UTF_8);
          for (Map.Entry<Path, Integer> copy : copiesAt.entrySet()) {
            Files.write(copy.getKey(), mutated(others.get(copy.getKey()), copy.getValue(), m), StandardCharsets.UTF_8);
          }
          mutants++;
          String verdict = "SURVIVED";
          List<String> by = failed(launcher, statics);
          if (!by.isEmpty()) {
            verdict = "killed-static";
          } else {
            by = failed(launcher, exporters ? exportersE2e : e2e);
            for (int c = 0; by.isEmpty() && c < copies.size(); c++) {
              by = failed(launcher, qualified(END_TO_END.get(copies.get(c))));
            }
            verdict = by.isEmpty() ? verdict : "killed-e2e";
          }
          if (verdict.equals("SURVIVED")) {
            survivors++;
          }
          for (Map.Entry<Path, List<String>> other : others.entrySet()) {
            Files.write(other.getKey(), other.getValue(), StandardCharsets.UTF_8);
          }
          System.out.println("mutant\t" + (i + 1) + "\t" + verdict + "\t" + m.change()
              + (copies.isEmpty() ? "" : "\talso in " + String.join(", ", copies))
              + (by.isEmpty() ? "" : "\tby " + by.get(0).replaceFirst(": .*", "")));
          System.out.flush();
        }
      }
    } finally {
      Files.write(file, original, StandardCharsets.UTF_8);
      for (Map.Entry<Path, List<String>> other : others.entrySet()) {
        Files.write(other.getKey(), other.getValue(), StandardCharsets.UTF_8);
      }
    }
    System.out.println("summary\t" + mutants + "\t" + survivors);
    System.out.flush();
    System.exit(0); // a thread a test left behind must not keep this JVM, and the caller, waiting
  }

  private static List<String> mutated(List<String> lines, int i, ValueMutants.Mutant m) {
    List<String> mutant = new ArrayList<>(lines);
    if (m.line() == null) {
      mutant.remove(i);
    } else {
      mutant.set(i, m.line());
    }
    return mutant;
  }

  /**
   * Per line, where it is: the lines it is nested in, itself, and how many identical lines came
   * before it there (null for a blank line or a comment). Two configs have a line at the same
   * place if its place is equal.
   */
  static List<String> placesOf(List<String> lines) {
    List<String> places = new ArrayList<>();
    List<String> parents = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : lines) {
      String text = line.trim();
      if (text.isEmpty() || text.startsWith("#")) {
        places.add(null);
        continue;
      }
      while (!parents.isEmpty() && indent(parents.get(parents.size() - 1)) >= indent(line)) {
        parents.remove(parents.size() - 1);
      }
      StringBuilder place = new StringBuilder();
      parents.forEach(p -> place.append(p.trim()).append('\n'));
      place.append(text);
      int n = seen.merge(place.toString(), 1, Integer::sum);
      places.add(place + "\n#" + n);
      parents.add(line);
    }
    return places;
  }

  private static String[] qualified(String simpleNames) {
    return Stream.of(simpleNames.split(",")).map(n -> ConfigMutation.class.getPackageName() + "." + n)
        .toArray(String[]::new);
  }

  /** Whether the next line that is not blank or a comment is indented deeper than line {@code i}. */
  private static boolean hasChildren(List<String> lines, int i) {
    int j = i + 1;
    while (j < lines.size() && (lines.get(j).isBlank() || lines.get(j).trim().startsWith("#"))) {
      j++;
    }
    return j < lines.size() && indent(lines.get(j)) > indent(lines.get(i));
  }

  private static int indent(String line) {
    return line.length() - line.stripLeading().length();
  }

  /**
   * The failed tests of {@code classes}, each as its class, method and invocation, and the first
   * line of its failure; a run that started no test counts as failed.
   */
  static List<String> failed(Launcher launcher, String... classes) throws ClassNotFoundException {
    return failed(launcher, null, classes);
  }

  /** As {@link #failed(Launcher, String...)}, adding each failure's whole message, line by line, to {@code details}. */
  private static List<String> failed(Launcher launcher, @Nullable List<String> details, String... classes)
      throws ClassNotFoundException {
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    for (String c : classes) {
      request.selectors(selectClass(Class.forName(c)));
    }
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(request.build(), summary);
    List<String> failed = new ArrayList<>();
    for (TestExecutionSummary.Failure f : summary.getSummary().getFailures()) {
      TestIdentifier t = f.getTestIdentifier();
      String name = t.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
          .map(m -> m.getJavaClass().getSimpleName() + "." + m.getMethodName()).orElse(t.getDisplayName())
          + (t.getDisplayName().startsWith("[") ? " " + t.getDisplayName() : "");
      String message = String.valueOf(f.getException().getMessage()).lines().findFirst().orElse("");
      failed.add(name + ": " + message.substring(0, Math.min(200, message.length())));
      if (details != null) {
        details.add(name + ":");
        String.valueOf(f.getException().getMessage()).lines().limit(200).forEach(l -> details.add("  " + l));
      }
    }
    if (summary.getSummary().getTestsStartedCount() == 0) {
      failed.add("no test started: " + String.join(", ", classes));
    }
    return failed;
  }
}
