package com.goteleport.tbot.otel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
  private static final Map<String, String> RELEASED_RULES = Map.ofEntries(
      Map.entry("1.0.0", "4c1a464026efc11fa7f5caee7038ea7e784f6994e469fb0a176eb3e6c7414c9f"),
      Map.entry("1.1.0", "fd29a13b57c8841581c813b9e691e95bbeafd1512884fffdb9a3e94d90589be1"),
      Map.entry("1.1.1", "cd33ceb6041ed588504a48ae45887a0f53eb1125e36de5e170cc152730db72f6"),
      // a stricter helper screen only (each of these eight), which the wire rules do not spell out
      Map.entry("1.1.2", "cd33ceb6041ed588504a48ae45887a0f53eb1125e36de5e170cc152730db72f6"),
      Map.entry("1.1.3", "cd33ceb6041ed588504a48ae45887a0f53eb1125e36de5e170cc152730db72f6"),
      Map.entry("1.1.4", "cd33ceb6041ed588504a48ae45887a0f53eb1125e36de5e170cc152730db72f6"),
      Map.entry("1.1.5", "cd33ceb6041ed588504a48ae45887a0f53eb1125e36de5e170cc152730db72f6"),
      Map.entry("1.1.6", "cd33ceb6041ed588504a48ae45887a0f53eb1125e36de5e170cc152730db72f6"),
      Map.entry("1.1.7", "cd33ceb6041ed588504a48ae45887a0f53eb1125e36de5e170cc152730db72f6"),
      Map.entry("1.1.8", "cd33ceb6041ed588504a48ae45887a0f53eb1125e36de5e170cc152730db72f6"),
      Map.entry("1.1.9", "cd33ceb6041ed588504a48ae45887a0f53eb1125e36de5e170cc152730db72f6"));

  @Test
  void theWireRulesChangeOnlyWithTheVersion() {
    assertEquals(new TreeSet<>(EventSchema.VERSIONS), new TreeSet<>(RELEASED_RULES.keySet()),
        "every released version has its rules' digest here");
    assertEquals(RELEASED_RULES.get(EventSchema.VERSION), digest(wireRules()),
        () -> "the event's rules differ from what " + EventSchema.VERSION + " allowed: bump EventSchema.VERSION, "
            + "add the version to docs/attributes.md's history and its digest, " + digest(wireRules())
            + ", to RELEASED_RULES; the rules:\n" + wireRules());
  }

  /**
   * The wire rules of the newest released version, as {@link #wireRules()} wrote them, after a line
   * {@code version X.Y.Z}. A digest says that rules changed; this text says how, so that the
   * version can be checked to grow as docs/attributes.md's "Versions" asks.
   */
  static final String RELEASED_WIRE_RULES = "released-wire-rules.txt";

  /** Bump sizes, smallest first: the index is the size. */
  static final List<String> BUMPS = List.of("none", "patch", "minor", "major");

  @Test
  void theVersionGrowsAsMuchAsTheChangeNeeds() throws IOException {
    List<String> lines = released();
    String released = lines.get(0).substring("version ".length());
    String rules = String.join("\n", lines.subList(1, lines.size())) + "\n";
    assertEquals(RELEASED_RULES.get(released), digest(rules), RELEASED_WIRE_RULES + " holds " + released + "'s rules");
    if (released.equals(EventSchema.VERSION)) {
      return; // theWireRulesChangeOnlyWithTheVersion holds them equal
    }
    assertEquals(EventSchema.VERSIONS.get(1), released, RELEASED_WIRE_RULES + " holds the rules of the version before "
        + EventSchema.VERSION + ": its first line 'version " + EventSchema.VERSIONS.get(1) + "', then that version's rules"
        + " as theWireRulesChangeOnlyWithTheVersion prints them (docs/testing.md, Changing the event schema)");
    List<String> why = new ArrayList<>();
    int needed = bumpNeeded(rules, wireRules(), why);
    int made = bump(released, EventSchema.VERSION);
    assertTrue(made >= needed, "EventSchema.VERSION " + EventSchema.VERSION + " is a " + BUMPS.get(made) + " bump of "
        + released + ", but the change needs a " + BUMPS.get(needed) + " one (docs/attributes.md, Versions): " + why);
  }

  @Test
  void aBumpTooSmallForTheChangeIsDetected() throws IOException {
    List<String> lines = released();
    String rules = String.join("\n", lines.subList(1, lines.size())) + "\n";
    String optional = "extra type=INT required=false values=[] pattern=null maxLength=0 maxValue=1000 fallback=null"
        + " partOf=null\n";
    Map<String, Integer> changes = Map.of(
        rules, 0,
        rules + optional, 2, // an optional attribute added
        rules + optional.replace("required=false", "required=true"), 3, // a required one
        rules.replace("[one-shot, continuous]", "[one-shot, continuous, daemon]"), 3, // required, no fallback: dropped
        rules.replace(", tpm, unknown]", ", tpm, unknown, new_method]"), 2, // a value added: older ones store unknown
        rules.replace("[one-shot, continuous]", "[one-shot]"), 1, // a value removed: stricter
        rules.replace("maxLength=64", "maxLength=48"), 1, // a bound changed
        rules.replace("fallback=unknown", "fallback=none"), 3, // a meaning changed
        rules.replace(" partOf=destinations_configured\n", " partOf=null\n"), 3,
        rules.lines().filter(l -> !l.startsWith("helper ")).collect(Collectors.joining("\n", "", "\n")), 3);
    changes.forEach((changed, size) ->
        assertEquals(BUMPS.get(size), BUMPS.get(bumpNeeded(rules, changed, new ArrayList<>())), changed));
    assertEquals(3, bump("1.1.3", "2.0.0"));
    assertEquals(2, bump("1.1.3", "1.2.0"));
    assertEquals(1, bump("1.1.3", "1.1.4"));
  }

  private static List<String> released() throws IOException {
    try (InputStream in = SchemaCatalogTest.class.getResourceAsStream(RELEASED_WIRE_RULES)) {
      assertTrue(in != null, "missing test resource " + RELEASED_WIRE_RULES);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static final Pattern RULE = Pattern.compile(
      "(\\S+) type=(\\S+) required=(\\S+) values=\\[(.*?)\\] pattern=(.*)"
      + " maxLength=(\\d+) maxValue=(\\d+) fallback=(\\S+) partOf=(\\S+)");

  /** Each attribute's rule fields, by key, from a {@link #wireRules()} text (its first line is the event's). */
  private static Map<String, List<String>> parse(String rules) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    rules.lines().skip(1).forEach(line -> {
      Matcher m = RULE.matcher(line);
      assertTrue(m.matches(), "a wire rule: " + line);
      List<String> fields = new ArrayList<>();
      for (int i = 2; i <= m.groupCount(); i++) {
        fields.add(m.group(i));
      }
      out.put(m.group(1), fields);
    });
    return out;
  }

  /**
   * The bump a change of the wire rules needs, as docs/attributes.md's "Versions" has it: major for
   * what a collector must change for (the event, an attribute removed, a required one added, a
   * type, presence, fallback or whole changed, a value a required attribute without a fallback
   * gains), minor for what it may newly see (an optional attribute, an allowed value), patch for a
   * rule made stricter (a value removed; a pattern or bound changed, which this cannot tell looser:
   * such a change needs at least a patch). Why, in {@code why}.
   */
  static int bumpNeeded(String before, String after, List<String> why) {
    int needed = 0;
    if (!before.lines().findFirst().equals(after.lines().findFirst())) {
      why.add("the event's name or scope");
      needed = 3;
    }
    Map<String, List<String>> was = parse(before);
    Map<String, List<String>> is = parse(after);
    for (String key : was.keySet()) {
      if (!is.containsKey(key)) {
        why.add(key + " removed");
        needed = 3;
      }
    }
    for (Map.Entry<String, List<String>> e : is.entrySet()) {
      List<String> old = was.get(e.getKey());
      List<String> now = e.getValue();
      if (old == null) {
        boolean required = now.get(1).equals("true");
        why.add(e.getKey() + " added" + (required ? " as required" : ", optional"));
        needed = Math.max(needed, required ? 3 : 2);
        continue;
      }
      // type, required, values, pattern, maxLength, maxValue, fallback, partOf
      for (int i : new int[] {0, 1, 6, 7}) {
        if (!old.get(i).equals(now.get(i))) {
          why.add(e.getKey() + "'s " + List.of("type", "required", "", "", "", "", "fallback", "partOf").get(i));
          needed = 3;
        }
      }
      List<String> oldValues = List.of(old.get(2).split(", "));
      List<String> newValues = List.of(now.get(2).split(", "));
      if (!oldValues.containsAll(newValues)) {
        // An older collector stores the fallback or removes an optional attribute; a required one
        // without a fallback it removes, and then drops the record.
        boolean dropped = now.get(1).equals("true") && now.get(6).equals("null");
        why.add(e.getKey() + " gains values" + (dropped ? ", which an older collector drops the record for" : ""));
        needed = Math.max(needed, dropped ? 3 : 2);
      }
      if (!newValues.containsAll(oldValues)) {
        why.add(e.getKey() + " loses values");
        needed = Math.max(needed, 1);
      }
      for (int i : new int[] {3, 4, 5}) {
        if (!old.get(i).equals(now.get(i))) {
          why.add(e.getKey() + "'s " + List.of("", "", "", "pattern", "maxLength", "maxValue").get(i));
          needed = Math.max(needed, 1);
        }
      }
    }
    return needed;
  }

  /** The size of the bump from {@code from} to {@code to}: 3 major, 2 minor, 1 patch, 0 none. */
  static int bump(String from, String to) {
    String[] a = from.split("\\.");
    String[] b = to.split("\\.");
    for (int i = 0; i < 3; i++) {
      if (!a[i].equals(b[i])) {
        return 3 - i;
      }
    }
    return 0;
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
