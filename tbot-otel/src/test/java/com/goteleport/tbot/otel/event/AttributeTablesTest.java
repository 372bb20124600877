package com.goteleport.tbot.otel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written "attribute | example | why" tables of README.md and docs/privacy.md name
 * exactly the schema's attributes ({@link Attribute}), in its order, each with its example, and
 * mark as optional exactly the optional ones. A row may abbreviate a key that shares the row's
 * first key's prefix: {@code `destinations_configured` and `_database_access`}. And the prose that
 * counts them ("the nine attributes", "the three per-kind counts") counts as many as the schema has.
 */
class AttributeTablesTest {

  static final String HEADER = "| attribute | example | why |";
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** What is wrong with the one attribute table of {@code markdown}; empty when it matches the schema. */
  static List<String> problems(String markdown) {
    List<String> problems = new ArrayList<>();
    List<String> lines = markdown.lines().toList();
    int header = lines.indexOf(HEADER);
    if (header < 0 || lines.lastIndexOf(HEADER) != header) {
      return List.of("not exactly one table headed " + HEADER);
    }
    List<String> keys = new ArrayList<>();
    for (String row : lines.subList(header + 2, lines.size())) {
      if (!row.startsWith("|")) {
        break;
      }
      String[] cells = row.split("\\|");
      List<String> rowKeys = keys(cells[1]);
      List<String> examples = new ArrayList<>();
      for (String key : rowKeys) {
        Attribute a = Attribute.forKey(key);
        if (a == null) {
          problems.add("not a schema attribute: " + key + " in " + row);
          continue;
        }
        if (a.required() == cells[1].contains("(optional)")) {
          problems.add(key + (a.required() ? " is required" : " is optional") + ", the row says otherwise: " + row);
        }
        examples.add(a.example());
      }
      if (!codes(cells[2]).equals(examples)) {
        problems.add("examples " + codes(cells[2]) + " are not the schema's " + examples + ": " + row);
      }
      keys.addAll(rowKeys);
    }
    if (!keys.equals(EventSchema.attributeKeys())) {
      problems.add("the table names " + keys + ", the schema " + EventSchema.attributeKeys());
    }
    return problems;
  }

  /** The keys a cell names, abbreviations expanded. */
  static List<String> keys(String cell) {
    List<String> keys = new ArrayList<>();
    String first = null;
    for (String code : codes(cell)) {
      if (!code.startsWith("_") || first == null) {
        first = first == null ? code : first;
        keys.add(code);
        continue;
      }
      // The longest prefix of the row's first key, cut at an underscore, that makes a schema key.
      String expanded = first + code;
      for (String prefix = first; prefix.contains("_"); prefix = prefix.substring(0, prefix.lastIndexOf('_'))) {
        if (Attribute.forKey(prefix + code) != null) {
          expanded = prefix + code;
          break;
        }
      }
      keys.add(expanded);
    }
    return keys;
  }

  static List<String> codes(String cell) {
    List<String> out = new ArrayList<>();
    Matcher m = CODE.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"README.md", "docs/privacy.md"})
  void theTableNamesExactlyTheSchemasAttributes(String doc) throws IOException {
    assertEquals(List.of(), problems(read(doc)), doc);
  }

  @ParameterizedTest
  @ValueSource(strings = {"README.md", "docs/privacy.md"})
  void aDriftedTableIsDetected(String doc) throws IOException {
    String text = read(doc);
    for (String[] change : new String[][] {
        {"`helper_version`", "`helper_release`"}, // renamed
        {", `_application_access`", ""}, // dropped
        {"`join_type`", "`join_type`, `join_token`"}, // added
        {"`18.1.0`", "`18.2.0`"}, // another example
        {" (optional)", ""}}) { // optional no more
      String drifted = text.replace(change[0], change[1]);
      assertNotEquals(text, drifted, doc + " has " + change[0]);
      assertTrue(!problems(drifted).isEmpty(), doc + ": " + change[0] + " -> " + change[1] + " not detected");
    }
  }

  private static final String NUMBER =
      "(\\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)";

  /** Prose that counts the schema's attributes: "the nine attributes", "the schema's nine keys", "the RFD's nine". */
  private static final List<Pattern> COUNTS_ATTRIBUTES = List.of(
      Pattern.compile("(?i)\\bthe\\s+" + NUMBER + "\\s+attributes\\b"),
      Pattern.compile("(?i)\\bschema's\\s+" + NUMBER + "\\s+keys\\b"),
      Pattern.compile("(?i)\\bRFD's\\s+" + NUMBER + "\\b"));

  /** Prose that counts the per-kind counts (the parts of destinations_configured): "the three kinds". */
  private static final List<Pattern> COUNTS_KINDS = List.of(
      Pattern.compile("(?i)\\bthe\\s+" + NUMBER + "\\s+(?:per-kind\\s+counts|kinds)\\b"));

  /**
   * The files whose prose may count the schema: README.md, docs/ but benchmarks.md (its figures are
   * measurements of their day), collector-config/README.md, the examples' READMEs, and the one
   * Javadoc that counts the kinds.
   */
  static List<String> prose() throws IOException {
    Path root = RepositoryFiles.root();
    List<String> files = new ArrayList<>(List.of("README.md", "collector-config/README.md",
        "tbot-otel/src/main/java/com/goteleport/tbot/otel/event/DestinationCounts.java"));
    for (String dir : List.of("docs", "examples")) {
      try (Stream<Path> paths = Files.walk(root.resolve(dir), 2)) {
        paths.filter(p -> p.toString().endsWith(".md") && !p.endsWith("benchmarks.md"))
            .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().forEach(files::add);
      }
    }
    return files;
  }

  /** The prose in {@code text} that counts the schema's attributes or kinds otherwise than the schema does. */
  static List<String> countProblems(String text, List<String> found) {
    List<String> problems = new ArrayList<>();
    int attributes = Attribute.values().length;
    int kinds = Attribute.DESTINATIONS_CONFIGURED.parts().size();
    for (List<Pattern> patterns : List.of(COUNTS_ATTRIBUTES, COUNTS_KINDS)) {
      int expected = patterns == COUNTS_ATTRIBUTES ? attributes : kinds;
      for (Pattern p : patterns) {
        Matcher m = p.matcher(text);
        while (m.find()) {
          found.add(m.group());
          String n = m.group(1).toLowerCase(java.util.Locale.ROOT);
          int said = n.matches("\\d+") ? Integer.parseInt(n) : List.of("zero", "one", "two", "three", "four", "five",
              "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen").indexOf(n);
          if (said != expected) {
            problems.add("'" + m.group().replaceAll("\\s+", " ") + "', but the schema has " + expected
                + (patterns == COUNTS_ATTRIBUTES ? " attributes (Attribute)" : " per-kind counts (Attribute.parts)"));
          }
        }
      }
    }
    return problems;
  }

  /** A check of a file's text: its problems, each thing it read added to the second argument. */
  private interface ProseCheck {
    List<String> problems(String text, List<String> found);
  }

  /** Runs {@code check} on every file of {@link #prose()}; asserts no problem and at least {@code least} read. */
  private static void assertProse(ProseCheck check, String what, int least) throws IOException {
    List<String> problems = new ArrayList<>();
    List<String> found = new ArrayList<>();
    for (String file : prose()) {
      check.problems(read(file), found).forEach(p -> problems.add(file + ": " + p));
    }
    assertEquals(List.of(), problems, what);
    assertTrue(found.size() >= least, "the check reads what the docs give: " + found);
  }

  @Test
  void theProseCountsTheSchemasAttributesAndKindsAsTheSchemaDoes() throws IOException {
    assertProse(AttributeTablesTest::countProblems, "prose that counts the schema (change the number, or say it"
        + " without one)", 5);
  }

  @Test
  void aCountThatDriftedIsDetected() throws IOException {
    String text = read("docs/attributes.md");
    for (String[] change : new String[][] {
        {"the nine attributes", "the ten attributes"}, {"the three per-kind counts", "the four per-kind\n  counts"},
        {"the three kinds are sent", "the 2 kinds are sent"}}) {
      String drifted = text.replace(change[0], change[1]);
      assertNotEquals(text, drifted, "docs/attributes.md has " + change[0]);
      assertEquals(countProblems(text, new ArrayList<>()).size() + 1, countProblems(drifted, new ArrayList<>()).size(),
          change[0] + " -> " + change[1]);
    }
  }

  /** Prose that gives the scope's version, which is the schema's: "`tbot.anonymous_analytics` `1.1.9`". */
  private static final Pattern SCOPE_VERSION =
      Pattern.compile("`" + Pattern.quote(EventSchema.SCOPE_NAME) + "`\\s+`(\\d+\\.\\d+\\.\\d+)`");

  /** The prose in {@code text} that gives the scope's version as another than the schema's. */
  static List<String> versionProblems(String text, List<String> found) {
    List<String> problems = new ArrayList<>();
    Matcher m = SCOPE_VERSION.matcher(text);
    while (m.find()) {
      found.add(m.group());
      if (!m.group(1).equals(EventSchema.VERSION)) {
        problems.add("'" + m.group().replaceAll("\\s+", " ") + "', but the schema is " + EventSchema.VERSION
            + " (EventSchema.VERSION)");
      }
    }
    return problems;
  }

  @Test
  void theProseGivesTheSchemasVersion() throws IOException {
    assertProse(AttributeTablesTest::versionProblems, "prose that gives the schema's version (change it with"
        + " EventSchema.VERSION)", 2);
    String quoted = "the scope is `" + EventSchema.SCOPE_NAME + "`\n`";
    assertEquals(List.of(), versionProblems(quoted + EventSchema.VERSION + "`.", new ArrayList<>()), "the schema's own");
    assertEquals(1, versionProblems(quoted + "0.0.1`.", new ArrayList<>()).size(), "a drifted version is detected");
  }

  /** A file of the repository. */
  static String read(String name) throws IOException {
    return RepositoryFiles.read(name);
  }
}
