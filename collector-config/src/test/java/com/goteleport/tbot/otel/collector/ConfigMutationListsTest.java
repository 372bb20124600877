package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ConfigMutation (opt-in, so nothing else runs it) judges a mutant only by the tests it lists: every
 * test class of this package whose source names a shipped config ({@code teleport-ingest.yaml},
 * {@code self-hosted.yaml}, {@code warehouse.yaml}, or {@code WarehouseConfig}) is in its static
 * list, an end-to-end list, or {@code NOT_RUN} with why, and every listed name is a test class of
 * this package (this test, whose examples name configs, aside); docs/testing.md names the static
 * list as it is.
 */
class ConfigMutationListsTest {

  static final String SOURCES = "collector-config/src/test/java/com/goteleport/tbot/otel/collector/";

  private static final Pattern TESTING_MD_STATIC = Pattern.compile("runs the config's static tests \\(([^)]*)\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

  @Test
  void everyTestThatNamesAConfigIsOneConfigMutationRunsOrLeavesOutWithWhy() throws IOException {
    Map<String, String> sources = testSources();
    assertTrue(sources.keySet().containsAll(List.of("AllowlistDriftTest", "KafkaEndToEndTest")),
        sources.keySet()::toString);
    assertEquals(List.of(), problems(sources, listed()));
  }

  @Test
  void testingMdNamesTheStaticTestsAsTheyAre() throws IOException {
    Matcher m = TESTING_MD_STATIC.matcher(EnvironmentDocsTest.read("docs/testing.md").replaceAll("\\s+", " "));
    assertTrue(m.find(), "docs/testing.md says ConfigMutation " + TESTING_MD_STATIC.pattern());
    Set<String> named = new TreeSet<>();
    Matcher span = CODE_SPAN.matcher(m.group(1));
    while (span.find()) {
      named.add(span.group(1));
    }
    assertEquals(new TreeSet<>(List.of(ConfigMutation.STATIC.split(","))), named,
        "docs/testing.md's static tests of ConfigMutation, against its STATIC");
  }

  @Test
  void aConfigsTestLeftOutAndAListedNameThatIsNoTestAreReported() {
    Map<String, String> sources = Map.of(
        "RunTest", "class A { load(\"warehouse.yaml\"); }",
        "ForgottenTest", "class B { load(\"self-hosted.yaml\"); }",
        "ByWarehouseConfigTest", "class C { WarehouseConfig.clickhouseExporter(); }",
        "NoConfigTest", "class D { }");
    assertEquals(List.of(
        "tests that name a config but ConfigMutation neither runs nor leaves out with why:"
            + " [ByWarehouseConfigTest, ForgottenTest]",
        "names ConfigMutation lists that are no test class here: [GoneTest]"),
        problems(sources, Set.of("RunTest", "GoneTest")));
  }

  /** Every name ConfigMutation runs or leaves out. */
  static Set<String> listed() {
    Set<String> out = new TreeSet<>(List.of(ConfigMutation.STATIC.split(",")));
    Stream.of(ConfigMutation.END_TO_END, ConfigMutation.EXPORTERS_END_TO_END)
        .flatMap(m -> m.values().stream())
        .forEach(tests -> out.addAll(List.of(tests.split(","))));
    out.addAll(ConfigMutation.NOT_RUN.keySet());
    return out;
  }

  static List<String> problems(Map<String, String> sources, Set<String> listed) {
    Set<String> unrun = new TreeSet<>();
    sources.forEach((name, source) -> {
      boolean namesAConfig = source.contains("WarehouseConfig.")
          || ConfigMutation.END_TO_END.keySet().stream().anyMatch(source::contains);
      boolean self = name.equals(ConfigMutationListsTest.class.getSimpleName()); // names them as examples
      if (name.endsWith("Test") && !self && namesAConfig && !listed.contains(name)) {
        unrun.add(name);
      }
    });
    Set<String> unknown = new TreeSet<>(listed);
    unknown.removeAll(sources.keySet());
    List<String> problems = new ArrayList<>();
    if (!unrun.isEmpty()) {
      problems.add("tests that name a config but ConfigMutation neither runs nor leaves out with why: " + unrun);
    }
    if (!unknown.isEmpty()) {
      problems.add("names ConfigMutation lists that are no test class here: " + unknown);
    }
    return problems;
  }

  /** This package's test sources, simple name to text. */
  private static Map<String, String> testSources() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(EnvironmentDocsTest.root().resolve(SOURCES))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        out.put(p.getFileName().toString().replaceFirst("\\.java$", ""), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
