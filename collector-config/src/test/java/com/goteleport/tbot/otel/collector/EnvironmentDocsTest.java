package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The environment variables each collector config reads, {@code ${env:NAME:-default}} in its
 * values, are documented exactly: the table for the file (collector-config/README.md, or
 * docs/self-hosting.md for self-hosted.yaml) and the file's own header comment list the same names
 * with the same defaults. The YAML is the single source; the documents are checked against it.
 *
 * <p>A table is headed {@code | variable | default | ... |}; a row names one variable in a code span,
 * and its default cell starts with the default in a code span, with {@code empty} for an empty
 * default ({@code :-}), or with {@code none} when there is no default. A header comment lists,
 * after {@code Environment (defaults in brackets):}, one {@code NAME [default]} per line, with
 * {@code [empty...]} for an empty default and {@code (required)} for none.
 */
class EnvironmentDocsTest {

  /** A config file, and the document and heading under which its table is. */
  record Documented(String config, String doc, String heading) {}

  static final List<Documented> CONFIGS = List.of(
      new Documented("teleport-ingest.yaml", "collector-config/README.md", "### `teleport-ingest.yaml`"),
      new Documented("warehouse.yaml", "collector-config/README.md", "### `warehouse.yaml`"),
      new Documented("overlays/kafka-security.yaml", "collector-config/README.md", "### `overlays/kafka-security.yaml`"),
      new Documented("overlays/otlp-tls.yaml", "collector-config/README.md", "### `overlays/otlp-tls.yaml`"),
      new Documented("self-hosted.yaml", "docs/self-hosting.md", "## 2. Run it"));

  static final String TABLE_HEADER = "| variable | default |";
  static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
  static final Pattern CODE = Pattern.compile("^`([^`]*)`");
  static final String HEADER_COMMENT = "# Environment (defaults in brackets):";
  static final Pattern HEADER_LINE =
      Pattern.compile("^#\\s+([A-Z][A-Z0-9_]*)\\s+(?:\\[([^\\]]*)]|\\((required)\\))");

  static Path root() {
    return Collector.CONFIG_DIR.getParent();
  }

  static String read(String relativeToRoot) throws IOException {
    return Files.readString(root().resolve(relativeToRoot), StandardCharsets.UTF_8);
  }

  /**
   * Every {@code ${env:...}} in the config's values (comments are not read), name to default
   * (empty for none). A value with any other {@code ${...}} reference, or one name with two
   * defaults, fails.
   */
  static Map<String, Optional<String>> references(String yamlText) {
    Map<String, Optional<String>> refs = new TreeMap<>();
    List<String> scalars = new ArrayList<>();
    scalars(new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText), scalars);
    for (String value : scalars) {
      Matcher m = ENV.matcher(value);
      while (m.find()) {
        Optional<String> dflt = m.group(2) == null ? Optional.empty() : Optional.of(m.group(3));
        Optional<String> before = refs.putIfAbsent(m.group(1), dflt);
        assertTrue(before == null || before.equals(dflt), m.group(1) + " has two defaults: " + before + ", " + dflt);
      }
      assertTrue(!ENV.matcher(value).replaceAll("").contains("${"), "a reference other than ${env:NAME[:-default]}: " + value);
    }
    return refs;
  }

  private static void scalars(Object node, List<String> out) {
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        scalars(k, out);
        scalars(v, out);
      });
    } else if (node instanceof Collection<?> c) {
      c.forEach(x -> scalars(x, out));
    } else if (node instanceof String s) {
      out.add(s);
    }
  }

  /** The variables table that follows {@code heading} in {@code markdown}, name to default. */
  static Map<String, Optional<String>> table(String markdown, String heading) {
    List<String> lines = markdown.lines().toList();
    int at = lines.indexOf(heading);
    assertTrue(at >= 0 && lines.lastIndexOf(heading) == at, "not exactly one heading " + heading);
    int header = at + 1;
    while (header < lines.size() && !lines.get(header).startsWith(TABLE_HEADER)) {
      assertTrue(!lines.get(header).startsWith("#"), "no variables table under " + heading);
      header++;
    }
    assertTrue(header < lines.size(), "no variables table under " + heading);
    Map<String, Optional<String>> rows = new TreeMap<>();
    for (String row : lines.subList(header + 2, lines.size())) {
      if (!row.startsWith("|")) {
        break;
      }
      String[] cells = row.split("\\|");
      Matcher name = Pattern.compile("^`([A-Z][A-Z0-9_]*)`$").matcher(cells[1].trim());
      assertTrue(name.find(), "one variable, in a code span, per row: " + row);
      String cell = cells[2].trim();
      Matcher code = CODE.matcher(cell);
      Optional<String> dflt;
      if (code.find()) {
        dflt = Optional.of(code.group(1));
      } else if (cell.startsWith("empty")) {
        dflt = Optional.of("");
      } else {
        assertTrue(cell.startsWith("none"), "a default cell is `value`, empty or none: " + row);
        dflt = Optional.empty();
      }
      assertTrue(rows.put(name.group(1), dflt) == null, name.group(1) + " twice under " + heading);
    }
    return rows;
  }

  /** The {@code NAME [default]} list of a config's header comment, name to default. */
  static Map<String, Optional<String>> headerComment(String yamlText) {
    List<String> lines = yamlText.lines().toList();
    int at = lines.indexOf(HEADER_COMMENT);
    assertTrue(at >= 0, "the header comment has no '" + HEADER_COMMENT + "'");
    Map<String, Optional<String>> listed = new TreeMap<>();
    for (String line : lines.subList(at + 1, lines.size())) {
      if (!line.startsWith("#")) {
        break;
      }
      Matcher m = HEADER_LINE.matcher(line);
      if (m.find()) { // other lines continue the previous one's description
        Optional<String> dflt = m.group(3) != null ? Optional.empty()
            : Optional.of(m.group(2).startsWith("empty") ? "" : m.group(2));
        assertTrue(listed.put(m.group(1), dflt) == null, m.group(1) + " twice in the header comment");
      }
    }
    return listed;
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "warehouse.yaml", "overlays/kafka-security.yaml", "overlays/otlp-tls.yaml",
      "self-hosted.yaml"})
  void theTableListsExactlyTheVariablesTheConfigReadsWithTheirDefaults(String config) throws IOException {
    Documented d = CONFIGS.stream().filter(c -> c.config().equals(config)).findFirst().orElseThrow();
    Map<String, Optional<String>> refs = references(read("collector-config/" + config));
    assertTrue(!refs.isEmpty(), config + " reads no variable");
    assertEquals(refs, table(read(d.doc()), d.heading()), d.doc() + " under " + d.heading() + " vs " + config);
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "warehouse.yaml", "overlays/kafka-security.yaml", "overlays/otlp-tls.yaml",
      "self-hosted.yaml"})
  void theHeaderCommentListsExactlyTheVariablesTheConfigReads(String config) throws IOException {
    String text = read("collector-config/" + config);
    assertEquals(references(text), headerComment(text), config + "'s header comment");
  }

  /** Every config that reads a variable is checked, and no document has a variables table that is not. */
  @Test
  void everyConfigAndEveryVariablesTableIsChecked() throws IOException {
    List<String> configs = new ArrayList<>();
    try (var files = Files.walk(Collector.CONFIG_DIR, 2)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String name = Collector.CONFIG_DIR.relativize(p).toString();
        if (!name.equals("builder-config.yaml") && ENV.matcher(Files.readString(p)).find()) {
          configs.add(name);
        }
      }
    }
    assertEquals(configs.stream().sorted().toList(), CONFIGS.stream().map(Documented::config).sorted().toList());
    Map<String, Long> tables = new TreeMap<>();
    CONFIGS.forEach(c -> tables.merge(c.doc(), 1L, Long::sum));
    for (Map.Entry<String, Long> doc : tables.entrySet()) {
      assertEquals(doc.getValue(), read(doc.getKey()).lines().filter(l -> l.startsWith(TABLE_HEADER)).count(),
          "variables tables in " + doc.getKey());
    }
  }

  /** The checks fail when a document and its config part: a variable left out, added, or another default. */
  @Test
  void aDriftedTableOrHeaderCommentIsDetected() throws IOException {
    String readme = read("collector-config/README.md");
    String ingest = read("collector-config/teleport-ingest.yaml");
    String heading = "### `teleport-ingest.yaml`";
    Map<String, Optional<String>> refs = references(ingest);
    assertEquals(refs, table(readme, heading));

    // A variable missing from the table.
    String missing = readme.replaceFirst("(?m)^\\| `TBOT_OTEL_KAFKA_TOPIC` \\|.*\\n", "");
    assertNotEquals(readme, missing);
    assertNotEquals(refs, table(missing, heading));
    // Another default in the table.
    String otherDefault = readme.replaceFirst("\\| `TBOT_OTEL_KAFKA_TOPIC` \\| `tbot-starts` \\|", "| `TBOT_OTEL_KAFKA_TOPIC` | `tbot-start` |");
    assertNotEquals(readme, otherDefault);
    assertNotEquals(refs, table(otherDefault, heading));
    // The config reads a new variable, or another default.
    String newVariable = ingest.replace("client_id: tbot-otel-ingest", "client_id: ${env:TBOT_OTEL_KAFKA_CLIENT_ID:-tbot-otel-ingest}");
    assertNotEquals(ingest, newVariable);
    assertNotEquals(references(newVariable), table(readme, heading));
    assertNotEquals(references(newVariable), headerComment(newVariable));
    String newDefault = ingest.replace("${env:TBOT_OTEL_KAFKA_TOPIC:-tbot-starts}", "${env:TBOT_OTEL_KAFKA_TOPIC:-tbot-start}");
    assertNotEquals(ingest, newDefault);
    assertNotEquals(references(newDefault), table(readme, heading));
    assertNotEquals(references(newDefault), headerComment(newDefault));
    // A default made required.
    String required = ingest.replace("${env:TBOT_OTEL_KAFKA_TOPIC:-tbot-starts}", "${env:TBOT_OTEL_KAFKA_TOPIC}");
    assertNotEquals(references(required), table(readme, heading));
    assertNotEquals(references(required), headerComment(required));
    // A comment mentioning a variable is no reference.
    assertEquals(refs, references(ingest + "\n# ${env:TBOT_OTEL_NOT_READ:-x}\n"));
  }
}
