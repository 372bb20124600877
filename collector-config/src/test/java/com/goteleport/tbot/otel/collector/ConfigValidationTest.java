package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every collector configuration in collector-config/ (and each test overlay, merged over its base)
 * passes the built collector's own {@code validate}, which builds every component from its
 * config without starting it. A config that only parses as YAML is not enough. The builder
 * manifest compiles in stock components only.
 */
class ConfigValidationTest {

  /** The pipeline configs: every *.yaml in collector-config/ except the builder manifest. */
  static List<Path> configs() throws Exception {
    try (Stream<Path> files = Files.list(Collector.CONFIG_DIR)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".yaml"))
          .filter(p -> !p.getFileName().toString().equals("builder-config.yaml"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** The shipped overlays, given after a base config: every *.yaml in collector-config/overlays/. */
  static List<Path> overlays() throws Exception {
    try (Stream<Path> files = Files.list(Collector.CONFIG_DIR.resolve("overlays"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
    }
  }

  /** Every shipped YAML: the configs and the overlays. */
  static List<Path> shipped() throws Exception {
    List<Path> all = new java.util.ArrayList<>(configs());
    all.addAll(overlays());
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"teleport-ingest.yaml", "warehouse.yaml"})
  void kafkaSecurityOverlayValidatesOverItsBase(String base) throws Exception {
    Collector.Validation v = Collector.validate(
        Map.of("TBOT_OTEL_KAFKA_USERNAME", "tbot", "TBOT_OTEL_KAFKA_PASSWORD", "secret"),
        Collector.config(base), Collector.config("overlays/kafka-security.yaml"));
    assertEquals(0, v.exitCode(), v.output());
  }

  @Test
  void kafkaSecurityOverlayRequiresCredentials() throws Exception {
    // Without a user name the overlay refuses to start, rather than connecting unauthenticated.
    Collector.Validation v = Collector.validate(Map.of(), Collector.config("teleport-ingest.yaml"),
        Collector.config("overlays/kafka-security.yaml"));
    assertNotEquals(0, v.exitCode(), v.output());
    assertTrue(v.output().contains("username is required"), v.output());
  }

  @Test
  void otlpTlsOverlayValidatesOverSelfHostedWithItsVariables() throws Exception {
    // validate does not read the files (SelfHostedTlsTest serves real ones): any paths do here.
    Collector.Validation v = Collector.validate(
        Map.of("TBOT_OTEL_TLS_CERT_FILE", "/etc/otelcol/tls/server.pem", "TBOT_OTEL_TLS_KEY_FILE", "/etc/otelcol/tls/server-key.pem"),
        Collector.config("self-hosted.yaml"), Collector.config("overlays/otlp-tls.yaml"));
    assertEquals(0, v.exitCode(), v.output());
  }

  @Test
  void otlpTlsOverlayRequiresItsFiles() throws Exception {
    // Without them the overlay refuses to start, rather than serving plain HTTP or no certificate.
    Collector.Validation v = Collector.validate(Map.of(), Collector.config("self-hosted.yaml"),
        Collector.config("overlays/otlp-tls.yaml"));
    assertNotEquals(0, v.exitCode(), v.output());
    assertTrue(v.output().contains("TLS configuration must include both certificate and key"), v.output());
  }

  @Test
  void theThreeDocumentedConfigsExist() throws Exception {
    List<String> names = configs().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
    assertEquals(List.of("self-hosted.yaml", "teleport-ingest.yaml", "warehouse.yaml"), names);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void validatesWithDefaults(Path config) throws Exception {
    // No environment: every ${env:...} default must itself be valid.
    Collector.Validation v = Collector.validate(Map.of(), config);
    assertEquals(0, v.exitCode(), config.getFileName() + " failed validate:\n" + v.output());
  }

  /**
   * Each test overlay (a *-overlay.yaml next to this class), last, over what the tests merge it
   * over: a base config, then overlays. KafkaEndToEndTest's replicas once ran two of them unvalidated.
   */
  static List<List<String>> testOverlays() {
    return List.of(
        List.of("teleport-ingest.yaml", "file-sink-overlay.yaml"),
        List.of("warehouse.yaml", "file-sink-overlay.yaml"),
        List.of("teleport-ingest.yaml", "file-sink-overlay.yaml", "failing-filter-overlay.yaml"),
        List.of("warehouse.yaml", "file-sink-overlay.yaml", "replay-group-overlay.yaml"),
        List.of("warehouse.yaml", "file-sink-overlay.yaml", "replay-group-overlay.yaml",
            "refusing-warehouse-overlay.yaml"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("testOverlays")
  void testOverlayValidatesOverItsBase(List<String> stack) throws Exception {
    Path[] configs = new Path[stack.size()];
    configs[0] = Collector.config(stack.get(0));
    for (int i = 1; i < configs.length; i++) {
      configs[i] = Collector.resource(stack.get(i));
    }
    Collector.Validation v = Collector.validate(
        Map.of("TBOT_OTEL_TEST_SINK", Collector.BUILD_DIR.resolve("validate-sink.json").toString()), configs);
    assertEquals(0, v.exitCode(), stack + " failed validate:\n" + v.output());
  }

  @Test
  void everyTestOverlayIsValidated() throws Exception {
    // A new overlay for a test is validated here too, or this fails: README says all of them are.
    Path dir = Collector.resource("file-sink-overlay.yaml").getParent();
    List<String> present;
    try (Stream<Path> files = Files.list(dir)) {
      present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-overlay.yaml")).sorted()
          .collect(Collectors.toList());
    }
    List<String> validated = testOverlays().stream().map(stack -> stack.get(stack.size() - 1)).distinct().sorted()
        .collect(Collectors.toList());
    assertEquals(present, validated, "test overlays in " + dir + " without a stack in testOverlays()");
  }

  @Test
  void theManifestCompilesInStockComponentsOnly() throws Exception {
    // Every component comes from its module on the proxy: no local module (path:), no replaces, no
    // code of this repository's own. The request rebuild is groupbyattrs, a stock contrib processor.
    Map<String, Object> manifest = AllowlistDriftTest.load("builder-config.yaml");
    assertFalse(manifest.containsKey("replaces"), "replaces in the manifest: " + manifest.get("replaces"));
    List<String> local = new java.util.ArrayList<>();
    List<String> modules = new java.util.ArrayList<>();
    for (String kind : List.of("receivers", "processors", "exporters", "connectors", "extensions", "providers")) {
      List<Map<String, Object>> entries = AllowlistDriftTest.at(manifest, kind);
      for (Map<String, Object> e : entries) {
        modules.add((String) e.get("gomod"));
        if (!e.keySet().equals(java.util.Set.of("gomod"))) {
          local.add(kind + ": " + e);
        }
      }
    }
    assertEquals(List.of(), local, "components built from anything but their module");
    assertTrue(modules.contains(
        "github.com/open-telemetry/opentelemetry-collector-contrib/processor/groupbyattrsprocessor v0.155.0"), modules.toString());
  }

  @Test
  void theCollectorsVersionIsTheProjects() throws Exception {
    // otelcol-tbot --version and its own telemetry report dist.version: written by hand, it must
    // move with the project's (red with 0.0.9 there).
    String project = System.getProperty("tbot.otel.version");
    assertTrue(project != null && !project.isEmpty(), "surefire passes project.version");
    Map<String, Object> dist = AllowlistDriftTest.at(AllowlistDriftTest.load("builder-config.yaml"), "dist");
    assertEquals(project, String.valueOf(dist.get("version")), "builder-config.yaml's dist.version");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void everyKeyIsCommented(Path config) throws Exception {
    // Collector-contrib testdata style: each key is explained by a comment line above it
    // ("The following entry ...") or on its own line.
    List<String> lines = Files.readAllLines(config, StandardCharsets.UTF_8);
    java.util.regex.Pattern key = java.util.regex.Pattern.compile("^\\s*(- )?[A-Za-z_][\\w/.]*:.*");
    String previous = "";
    List<String> bare = new java.util.ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (key.matcher(line).matches() && !previous.trim().startsWith("#") && !line.contains("#")) {
        bare.add((i + 1) + ": " + line);
      }
      if (!line.isBlank()) {
        previous = line;
      }
    }
    assertEquals(List.of(), bare, config.getFileName() + ": keys without a comment");
  }

  @Test
  void validateRejectsABrokenConfig() throws Exception {
    // Proves the check above can fail: an unknown receiver option is refused.
    Path broken = Files.createDirectories(Collector.BUILD_DIR).resolve("broken-overlay.yaml");
    Files.writeString(
        broken,
        "receivers:\n  otlp:\n    protocols:\n      http:\n        no_such_option: true\n",
        StandardCharsets.UTF_8);
    Collector.Validation v = Collector.validate(Map.of(), Collector.config("teleport-ingest.yaml"), broken);
    assertNotEquals(0, v.exitCode(), v.output());
    assertTrue(v.output().contains("no_such_option"), v.output());
  }
}
