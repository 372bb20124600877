package com.goteleport.tbot.otel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The public catalogue {@code docs/attributes.md} carries the code's schema: its generated block
 * must be exactly {@link SchemaCatalog#render()}.
 *
 * <p>To regenerate the block after changing the schema, from the repository root:
 *
 * <pre>mvn -o -pl tbot-otel test -Dtest=SchemaCatalogTest -Dtbot.otel.updateDocs=true</pre>
 */
class SchemaCatalogTest {

  static final String UPDATE_PROPERTY = "tbot.otel.updateDocs";
  static final String REGENERATE =
      "mvn -o -pl tbot-otel test -Dtest=SchemaCatalogTest -D" + UPDATE_PROPERTY + "=true";

  @Test
  void docsAttributesMdHasTheRenderedSchema() throws IOException {
    Path doc = catalogue();
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    String expected = SchemaCatalog.replaceGeneratedBlock(text);
    if (Boolean.getBoolean(UPDATE_PROPERTY) && !expected.equals(text)) {
      Files.writeString(doc, expected, StandardCharsets.UTF_8);
      text = expected;
    }
    assertEquals(expected, text,
        doc + " is out of date with the schema in Attribute/EventSchema; regenerate its block with: " + REGENERATE);
  }

  @Test
  void aChangedBlockIsDetected() throws IOException {
    String text = Files.readString(catalogue(), StandardCharsets.UTF_8);
    String tampered = text.replace("`github`", "`githuv`");
    assertNotEquals(text, tampered, "the catalogue shows the example join type");
    assertNotEquals(tampered, SchemaCatalog.replaceGeneratedBlock(tampered));
    assertEquals(text, SchemaCatalog.replaceGeneratedBlock(tampered), "regeneration restores it");
  }

  @Test
  void renderShowsEveryAttributeAndItsRule() {
    String md = SchemaCatalog.render();
    assertTrue(md.startsWith(SchemaCatalog.BEGIN + "\n") && md.endsWith(SchemaCatalog.END + "\n"), md);
    assertTrue(md.contains("`" + EventSchema.EVENT_NAME + "`"));
    assertTrue(md.contains("`" + EventSchema.SCOPE_NAME + "`"));
    assertTrue(md.contains("`" + EventSchema.VERSION + "`"));
    for (Attribute a : Attribute.values()) {
      assertTrue(md.contains("### `" + a.key() + "`"), a.key());
      assertTrue(md.contains(a.purpose()), a.key());
      assertTrue(md.contains("`" + a.example() + "`"), a.key());
      for (String v : a.allowedValues()) {
        assertTrue(md.contains("`" + v + "`"), v);
      }
      if (a.pattern() != null) {
        assertTrue(md.contains("`" + a.pattern().pattern() + "`"), a.key());
      }
      String bound = a.type() == AttributeType.INT ? "0 to " + Attribute.MAX_COUNT : "at most " + a.maxLength();
      assertTrue(md.contains(bound), a.key());
    }
  }

  @Test
  void tableRowsHaveAsManyCellsAsTheirHeader() {
    int header = -1;
    for (String line : SchemaCatalog.render().split("\n")) {
      if (!line.startsWith("|")) {
        header = -1;
        continue;
      }
      if (header < 0) {
        header = pipes(line);
      }
      assertEquals(header, pipes(line), "a '|' in a value would break the table: " + line);
    }
  }

  @Test
  void replaceKeepsTheHandWrittenTextAndIsIdempotent() {
    String doc = "# Title\n\nIntro.\n\n" + SchemaCatalog.BEGIN + "\nstale\n" + SchemaCatalog.END + "\n\n## After\n";
    String once = SchemaCatalog.replaceGeneratedBlock(doc);
    assertTrue(once.startsWith("# Title\n\nIntro.\n\n" + SchemaCatalog.BEGIN));
    assertTrue(once.endsWith(SchemaCatalog.END + "\n\n## After\n"));
    assertEquals(once, SchemaCatalog.replaceGeneratedBlock(once));
  }

  @Test
  void aBlockAtEitherEndOfTheDocumentIsReplaced() {
    // The block may open the document, and its END line may be the last, without a newline.
    String bare = SchemaCatalog.BEGIN + "\nstale\n" + SchemaCatalog.END;
    assertEquals(SchemaCatalog.render(), SchemaCatalog.replaceGeneratedBlock(bare));
    assertEquals(SchemaCatalog.render(), SchemaCatalog.replaceGeneratedBlock(bare + "\n"));
    assertEquals("# T\n" + SchemaCatalog.render(), SchemaCatalog.replaceGeneratedBlock("# T\n" + bare));
  }

  @Test
  void aDocumentWithoutTheMarkersIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> SchemaCatalog.replaceGeneratedBlock("# no block"));
    assertThrows(IllegalArgumentException.class, () -> SchemaCatalog.replaceGeneratedBlock(SchemaCatalog.BEGIN));
    assertThrows(IllegalArgumentException.class,
        () -> SchemaCatalog.replaceGeneratedBlock(SchemaCatalog.END + "\n" + SchemaCatalog.BEGIN));
  }

  @Test
  void theVersionHistoryOpensWithTheSchemasVersion() throws IOException {
    String text = Files.readString(catalogue(), StandardCharsets.UTF_8);
    int history = text.indexOf("\nHistory (newest first");
    assertTrue(history >= 0, "docs/attributes.md has a version history under ## Versions");
    Matcher entry = Pattern.compile("\n- `([0-9]+\\.[0-9]+\\.[0-9]+)`: ").matcher(text);
    List<String> versions = new ArrayList<>();
    for (int at = history; entry.find(at); at = entry.end()) {
      versions.add(entry.group(1));
    }
    assertEquals(EventSchema.VERSION, versions.isEmpty() ? null : versions.get(0),
        "a schema change bumps EventSchema.VERSION and says what changed, first in the history: " + versions);
    assertEquals("1.0.0", versions.get(versions.size() - 1), "the history goes back to the first version");
    // The collectors keep exactly these versions (AllowlistDriftTest): the code's list is the doc's.
    assertEquals(versions, EventSchema.VERSIONS, "EventSchema.VERSIONS against docs/attributes.md's history");
  }

  // What each released version allowed on the wire, as a digest of wireRules() (below). A released
  // version's entry never changes: a schema whose rules differ from its VERSION's entry needs a new
  // version (docs/attributes.md, "Versions"), with its entry added here.
  private static final Map<String, String> RELEASED_RULES = Map.of(
      "1.0.0", "4c1a464026efc11fa7f5caee7038ea7e784f6994e469fb0a176eb3e6c7414c9f",
      "1.1.0", "fd29a13b57c8841581c813b9e691e95bbeafd1512884fffdb9a3e94d90589be1",
      "1.1.1", "cd33ceb6041ed588504a48ae45887a0f53eb1125e36de5e170cc152730db72f6",
      // a stricter helper screen only (each of these two), which the wire rules do not spell out
      "1.1.2", "cd33ceb6041ed588504a48ae45887a0f53eb1125e36de5e170cc152730db72f6",
      "1.1.3", "cd33ceb6041ed588504a48ae45887a0f53eb1125e36de5e170cc152730db72f6");

  @Test
  void theWireRulesChangeOnlyWithTheVersion() {
    assertEquals(new TreeSet<>(EventSchema.VERSIONS), new TreeSet<>(RELEASED_RULES.keySet()),
        "every released version has its rules' digest here");
    assertEquals(RELEASED_RULES.get(EventSchema.VERSION), digest(wireRules()),
        "the event's rules differ from what " + EventSchema.VERSION + " allowed: bump EventSchema.VERSION, "
            + "add the version to docs/attributes.md's history and its digest to RELEASED_RULES:\n" + wireRules());
  }

  /** Everything of the schema a collector or a client depends on, in one canonical text; no prose. */
  static String wireRules() {
    StringBuilder out = new StringBuilder(EventSchema.EVENT_NAME + " " + EventSchema.SCOPE_NAME + "\n");
    for (Attribute a : Attribute.values()) {
      out.append(a.key()).append(" type=").append(a.type()).append(" required=").append(a.required())
          .append(" values=").append(a.allowedValues())
          .append(" pattern=").append(a.pattern() == null ? null : a.pattern().pattern())
          .append(" maxLength=").append(a.maxLength()).append(" maxValue=").append(a.maxValue())
          .append(" fallback=").append(a.fallback())
          .append(" partOf=").append(a.partOf() == null ? null : a.partOf().key()).append('\n');
    }
    return out.toString();
  }

  static String digest(String text) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code docs/attributes.md}, from the module directory (Maven) or the repository root (IDE). */
  static Path catalogue() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p : new Path[] {cwd.resolveSibling("docs").resolve("attributes.md"), cwd.resolve("docs/attributes.md")}) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new AssertionError("docs/attributes.md not found from " + cwd);
  }

  private static int pipes(String line) {
    int n = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '|' && (i == 0 || line.charAt(i - 1) != '\\')) {
        n++;
      }
    }
    return n;
  }
}
