package com.goteleport.tbot.otel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written "attribute | example | why" tables of README.md and docs/privacy.md name
 * exactly the schema's attributes ({@link Attribute}), in its order, each with its example, and
 * mark as optional exactly the optional ones. A row may abbreviate a key that shares the row's
 * first key's prefix: {@code `destinations_configured` and `_database_access`}.
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

  /** A file of the repository, from the module directory (Maven) or the repository root (IDE). */
  static String read(String name) throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(cwd.resolve("tbot-otel")) ? cwd : cwd.getParent();
    return Files.readString(root.resolve(name), StandardCharsets.UTF_8);
  }
}
