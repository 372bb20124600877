package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.internal.env.GoBool;
import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/cli.md} against the CLI's own {@code --help}: the help of every command is embedded
 * verbatim (regenerate with {@code mvn -pl tbot-otel-cli -am test -Dtest=CliDocsTest
 * -Dtbot.otel.updateDocs=true}), and the hand-written reference tables name exactly the flags,
 * environment variables and YAML keys the help names, with the right subcommands; so does
 * {@code docs/attributes.md}'s list of the YAML keys read.
 */
class CliDocsTest {

  static final Path DOC = Paths.get("..", "docs", "cli.md");
  static final String UPDATE = "tbot.otel.updateDocs";
  static final String FIX = "; update docs/cli.md (the help blocks: mvn -pl tbot-otel-cli -am test -Dtest=CliDocsTest -D"
      + UPDATE + "=true)";

  // Read by the proxy selector for http:// endpoints; the help names only the https one.
  static final Set<String> ENV_BEYOND_HELP = Set.of("HTTP_PROXY");

  static Map<String, String> helps = new LinkedHashMap<>();
  static String doc;

  @BeforeAll
  static void readHelpAndDoc() throws IOException {
    Cli.Result root = Cli.run(Map.of(), "--help");
    assertEquals(0, root.exitCode(), root.stderr());
    helps.put("tbot-otel", root.stdout());
    for (String sub : subcommands(root.stdout())) {
      Cli.Result r = Cli.run(Map.of(), sub, "--help");
      assertEquals(0, r.exitCode(), r.stderr());
      helps.put(sub, r.stdout());
    }
    doc = Files.readString(DOC, StandardCharsets.UTF_8);
    if (Boolean.getBoolean(UPDATE)) {
      doc = withHelpBlocks(doc);
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyLineOfTheEnvironmentFooterFitsTheHelpsWidth() {
    // picocli wraps a longer line mid-phrase, and its rest starts at column 0, under the names.
    for (String line : String.format(HelpText.ENVIRONMENT).lines().toList()) {
      assertTrue(line.length() < 80, "help footer line over 79 columns: '" + line + "'");
    }
  }

  @Test
  void everySubcommandsHelpSaysItsExitStatusInLinesThatFit() {
    for (String sub : List.of("start", "preview", "exec")) {
      assertTrue(helps.get(sub).lines().anyMatch(l -> l.startsWith("Exit status: ")),
          sub + "'s help does not say its exit status:\n" + helps.get(sub));
    }
    for (String footer : List.of(StartCommand.FOOTER, PreviewCommand.FOOTER, ExecCommand.FOOTER)) {
      for (String line : String.format(footer).lines().toList()) {
        assertTrue(line.length() < 80, "help footer line over 79 columns: '" + line + "'");
      }
    }
  }

  /** Every command reports tbot's version as unknown without the flag (not this tool's own): its help says so. */
  @Test
  void theTbotVersionHelpSaysTheDefaultIsUnknown() {
    for (String command : List.of("start", "preview", "exec")) {
      String help = helps.get(command);
      int at = help.indexOf("      --tbot-version=VERSION ");
      String flag = help.substring(at, help.indexOf("\n  -", at)).replaceAll("\\s+", " ");
      assertTrue(flag.contains(" Default: unknown,"), command + " reports unknown without the flag, but: " + flag);
    }
  }

  @Test
  void everyCommandsHelpIsEmbeddedVerbatim() {
    for (Map.Entry<String, String> e : helps.entrySet()) {
      String block = block(doc, e.getKey());
      assertTrue(block != null, "no <!-- help:" + e.getKey() + " --> block" + FIX);
      assertEquals(e.getValue(), block, "the help of '" + e.getKey() + "' changed" + FIX);
    }
    Matcher m = Pattern.compile("<!-- help:([\\w-]+) -->").matcher(doc);
    while (m.find()) {
      assertTrue(helps.containsKey(m.group(1)), "help block for a command that does not exist: " + m.group(1));
    }
  }

  @Test
  void theSubcommandTableListsEveryCommand() {
    Set<String> documented = firstColumn(section("Subcommands"), Pattern.compile("`tbot-otel ([a-z]+)`"));
    Set<String> actual = new TreeSet<>(helps.keySet());
    actual.remove("tbot-otel");
    assertEquals(actual, documented, "the Subcommands table");
  }

  @Test
  void theFlagTableMatchesTheHelpSubcommandBySubcommand() {
    Map<String, Set<String>> fromHelp = new TreeMap<>();
    helps.forEach((command, help) -> {
      for (String flag : options(help)) {
        fromHelp.computeIfAbsent(flag, k -> new TreeSet<>()).add(command);
      }
    });
    Map<String, Set<String>> fromDoc = new TreeMap<>();
    for (String row : rows(section("Flags"))) {
      String[] cells = row.split("\\|");
      Set<String> commands = new TreeSet<>();
      for (String c : cells[2].split(",")) {
        commands.add(c.trim());
      }
      Matcher m = Pattern.compile("`(-{1,2}[a-zA-Z][a-z0-9-]*)").matcher(cells[1]);
      while (m.find()) {
        fromDoc.put(m.group(1), commands);
      }
    }
    assertFalse(fromHelp.isEmpty());
    assertEquals(fromHelp, fromDoc, "the Flags table: flag -> the commands that take it");
  }

  @Test
  void theEnvironmentTableMatchesTheHelp() {
    Set<String> fromHelp = new TreeSet<>();
    helps.values().forEach(h -> fromHelp.addAll(environment(h)));
    Set<String> fromDoc = firstColumn(section("Environment variables"), Pattern.compile("`([A-Z_][A-Z0-9_]*)`"));
    assertFalse(fromHelp.isEmpty(), "the help lists no environment variables");
    Set<String> missing = new TreeSet<>(fromHelp);
    missing.removeAll(fromDoc);
    assertEquals(Set.of(), missing, "variables the help names but docs/cli.md does not");
    Set<String> extra = new TreeSet<>(fromDoc);
    extra.removeAll(fromHelp);
    extra.removeAll(ENV_BEYOND_HELP);
    assertEquals(Set.of(), extra, "variables docs/cli.md names but the help does not");
  }

  /**
   * The table's spellings of {@code TELEPORT_ANONYMOUS_TELEMETRY} are the ones the code reads: its
   * yes values exactly Go's true ones, every value it names after them a no to {@link Consent}
   * (any value but a true one, empty or spaces is), and start's help says so.
   */
  @Test
  void theEnvironmentTablesTeleportSpellingsAreConsents() {
    String cell = rows(section("Environment variables")).stream()
        .filter(r -> r.split("\\|")[1].contains("`" + Consent.ENV_TELEPORT + "`"))
        .findFirst().orElseThrow().split("\\|")[2];
    int yes = cell.indexOf(" yes (");
    int no = cell.indexOf("); any other value but empty or blanks no: ", yes);
    assertTrue(yes > 0 && no > yes, "the row reads: YES yes (...); any other value but empty or blanks no: ...: " + cell);
    assertEquals(GoBool.TRUE, backticked(cell.substring(0, yes)), "the yes values in docs/cli.md's table");
    // The values the row names (short words), not its quoted reasons and flags.
    Set<String> noInDoc = new TreeSet<>(backticked(cell.substring(no)));
    noInDoc.removeIf(v -> v.contains(" ") || v.startsWith("-") || v.equals("preview"));
    assertTrue(noInDoc.containsAll(List.of("0", "disabled", "yes")), noInDoc.toString());
    noInDoc.forEach(v -> assertTrue(Consent.saysNo(Consent.ENV_TELEPORT, v), "docs/cli.md says " + v + " is a no"));
    for (String unset : List.of("", " ")) {
      assertFalse(Consent.saysNo(Consent.ENV_TELEPORT, unset), "'" + unset + "' is as unset");
    }
    Matcher help = Pattern.compile(Consent.ENV_TELEPORT + " +(.+?) opts in; other values opt out,\\s+but for empty or blanks,")
        .matcher(helps.get("start"));
    assertTrue(help.find(), "start's help says any other value opts out");
    assertTrue(GoBool.TRUE.containsAll(List.of(help.group(1).split(", | or "))), "the help's yes values: " + help.group(1));
  }

  private static Set<String> backticked(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("`([^`]+)`").matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void theYamlTableMatchesTheHelp() {
    Set<String> fromHelp = new TreeSet<>();
    helps.values().forEach(h -> fromHelp.addAll(yamlKeys(h)));
    Set<String> fromDoc = firstColumn(section("YAML keys"), Pattern.compile("`([a-z_]+(?:\\.[a-z_]+)?)`"));
    assertFalse(fromHelp.isEmpty(), "the help lists no YAML keys");
    assertEquals(fromHelp, fromDoc, "the YAML keys table");
  }

  /**
   * docs/attributes.md's sentence on what is read from tbot's YAML names the keys the help names:
   * {@code version} was missing from it, and nothing compared the two.
   */
  @Test
  void theCataloguesListOfYamlKeysReadIsTheHelps() throws IOException {
    String attributes = Files.readString(Paths.get("..", "docs", "attributes.md"), StandardCharsets.UTF_8)
        .replaceAll("\\s+", " "); // lines wrap anywhere
    String opening = "From tbot's YAML only these are read:";
    int at = attributes.indexOf(opening);
    assertTrue(at >= 0, "docs/attributes.md no longer says '" + opening + "'");
    int end = attributes.indexOf("which is only counted.", at);
    assertTrue(end >= 0, "docs/attributes.md: the sentence after '" + opening + "' no longer ends as it did");
    Set<String> fromDoc = new TreeSet<>();
    Matcher m = Pattern.compile("`([a-z_]+(?:\\.[a-z_]+)?):?`").matcher(attributes.substring(at, end));
    while (m.find()) {
      fromDoc.add(m.group(1));
    }
    fromDoc.removeAll(helps.keySet()); // "under `exec`": a command, not a key
    Set<String> fromHelp = new TreeSet<>();
    helps.values().forEach(h -> fromHelp.addAll(yamlKeys(h)));
    assertEquals(fromHelp, fromDoc, "docs/attributes.md's YAML keys read, against the help's");
  }

  @Test
  void theFlagTablesDefaultsAreTheHelps() {
    Map<String, String> fromHelp = new TreeMap<>();
    helps.values().forEach(h -> fromHelp.putAll(defaults(h)));
    assertFalse(fromHelp.isEmpty(), "the help shows no default");
    fromHelp.put("--anonymous-analytics-endpoint", AnonymousAnalytics.DEFAULT_ENDPOINT); // the help gives none
    Map<String, String> fromDoc = new TreeMap<>();
    for (String row : rows(section("Flags"))) {
      String[] cells = row.split("\\|");
      Matcher m = Pattern.compile("`(--[a-z][a-z0-9-]*)").matcher(cells[1]);
      while (m.find()) {
        if (fromHelp.containsKey(m.group(1))) {
          fromDoc.put(m.group(1), cells[3].trim());
        }
      }
    }
    Map<String, String> expected = new TreeMap<>();
    fromHelp.forEach((flag, value) -> expected.put(flag, "`" + value + "`"));
    assertEquals(expected, fromDoc, "the Flags table's default column");
  }

  @Test
  void theVersionSampleIsWhatTheJarPrints() throws Exception {
    Matcher m = Pattern.compile("```text\\n(tbot-otel [^\\n]*\\n[^\\n]*)\\n```").matcher(section("Subcommands"));
    assertTrue(m.find(), "docs/cli.md shows --version's output");
    // VersionIT holds the jar's --version to the same two lines.
    assertEquals("tbot-otel " + VersionIT.projectVersion() + "\nevent " + EventSchema.EVENT_NAME + " schema "
        + EventSchema.VERSION, m.group(1), "docs/cli.md's --version sample (Subcommands)");
  }

  // ---- help text parsing

  /** Each option's {@code Default:}, by its long name. */
  static Map<String, String> defaults(String help) {
    Map<String, String> out = new TreeMap<>();
    Pattern option = Pattern.compile("^ {2,6}(?:-[a-zA-Z], )?(--(?:\\[no-\\])?[a-z][a-z0-9-]*)");
    Pattern dflt = Pattern.compile("^\\s+Default: (.+)$");
    String current = null;
    for (String l : help.split("\n")) {
      Matcher o = option.matcher(l);
      Matcher d = dflt.matcher(l);
      if (o.find()) {
        current = o.group(1);
      } else if (d.find() && current != null) {
        out.put(current, d.group(1).trim());
      }
    }
    return out;
  }

  static List<String> subcommands(String rootHelp) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : rootHelp.split("\n")) {
      if (line.startsWith("Commands:")) {
        in = true;
      } else if (in) {
        Matcher m = Pattern.compile("^  ([a-z]+)\\s").matcher(line);
        if (m.find() && !m.group(1).equals("help")) {
          out.add(m.group(1));
        }
      }
    }
    return out;
  }

  /** Option names from the option list: {@code -c}, {@code --config}, both forms of negatables. */
  static Set<String> options(String help) {
    Set<String> out = new TreeSet<>();
    Pattern line = Pattern.compile("^ {2,6}(?:(-[a-zA-Z]), )?(--(\\[no-\\])?([a-z][a-z0-9-]*))");
    for (String l : help.split("\n")) {
      Matcher m = line.matcher(l);
      if (m.find()) {
        if (m.group(1) != null) {
          out.add(m.group(1));
        }
        out.add("--" + m.group(4));
        if (m.group(3) != null) {
          out.add("--no-" + m.group(4));
        }
      }
    }
    return out;
  }

  static Set<String> environment(String help) {
    Set<String> out = new TreeSet<>();
    int at = help.indexOf("Environment:");
    if (at < 0) {
      return out;
    }
    for (String l : help.substring(at).split("\n")) {
      Matcher m = Pattern.compile("^  ([A-Z_][A-Z0-9_]*(?:, [A-Z_][A-Z0-9_]*)*)").matcher(l);
      if (m.find()) {
        for (String name : m.group(1).split(", ")) {
          out.add(name);
        }
      }
    }
    return out;
  }

  static Set<String> yamlKeys(String help) {
    Set<String> out = new TreeSet<>();
    int at = help.indexOf("YAML keys read from -c:");
    if (at < 0) {
      return out;
    }
    String list = help.substring(at + "YAML keys read from -c:".length()).replace('\n', ' ');
    list = list.substring(0, list.indexOf(". ") < 0 ? list.length() : list.indexOf(". "));
    Matcher m = Pattern.compile("([a-z_]+(?:\\.[a-z_]+)?)(?: \\(v\\d\\))?").matcher(list);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * The page names the KINDs that add an output of a kind, by name and alias, as TbotCommand counts
   * them, and only KINDs that write none where it says a KIND writes none.
   */
  @Test
  void theKindsThePageNamesAreTheOnesExecCounts() {
    String text = doc.replaceAll("\\s+", " ");
    Matcher withKind = Pattern.compile("`tbot start ([a-z0-9/|-]+) \\.\\.\\. --destination DIR` adds one output of that kind")
        .matcher(text);
    assertTrue(withKind.find(), "docs/cli.md's line of the KINDs that add an output of a kind");
    assertEquals(new TreeSet<>(TbotCommand.outputKinds().keySet()), new TreeSet<>(List.of(withKind.group(1).split("\\|"))),
        "docs/cli.md's KINDs with an output of a kind, against TbotCommand.OUTPUT_KINDS");
    int none = text.indexOf("on a KIND that writes none (");
    assertTrue(none >= 0, "docs/cli.md names the KINDs that write none");
    Matcher kind = Pattern.compile("`([^`]+)`").matcher(text.substring(none, text.indexOf("); and", none)));
    List<String> named = new ArrayList<>();
    while (kind.find()) {
      named.add(kind.group(1));
    }
    assertTrue(named.size() >= 3 && TbotCommand.kindsWithoutOutput().containsAll(named),
        "docs/cli.md's KINDs that write none, against TbotCommand.KINDS_WITHOUT_OUTPUT: " + named);
  }

  // ---- docs/cli.md parsing

  /** The text of the {@code ## title} section, up to the next {@code ## }. */
  static String section(String title) {
    int at = doc.indexOf("\n## " + title + "\n");
    assertTrue(at >= 0, "docs/cli.md has no '## " + title + "' section");
    int end = doc.indexOf("\n## ", at + 4);
    return doc.substring(at, end < 0 ? doc.length() : end);
  }

  /** The body rows of the section's Markdown tables (not the header or the separator). */
  static List<String> rows(String section) {
    List<String> out = new ArrayList<>();
    String previous = "";
    for (String l : section.split("\n")) {
      if (l.startsWith("|") && !l.startsWith("|---") && previous.startsWith("|")) {
        out.add(l);
      }
      previous = l;
    }
    return out;
  }

  static Set<String> firstColumn(String section, Pattern name) {
    Set<String> out = new TreeSet<>();
    for (String row : rows(section)) {
      Matcher m = name.matcher(row.split("\\|")[1]);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  static String block(String text, String command) {
    String open = "<!-- help:" + command + " -->\n```text\n";
    int at = text.indexOf(open);
    int end = text.indexOf("```\n<!-- /help:" + command + " -->", at);
    return at < 0 || end < 0 ? null : text.substring(at + open.length(), end);
  }

  static String withHelpBlocks(String text) {
    StringBuilder generated = new StringBuilder();
    for (Map.Entry<String, String> e : helps.entrySet()) {
      String open = "<!-- help:" + e.getKey() + " -->\n```text\n";
      String close = "```\n<!-- /help:" + e.getKey() + " -->";
      int at = text.indexOf(open);
      int end = text.indexOf(close, at);
      if (at >= 0 && end >= 0) {
        text = text.substring(0, at + open.length()) + e.getValue() + text.substring(end);
      } else {
        generated.append("\n### `").append(e.getKey()).append(" --help`\n\n")
            .append(open).append(e.getValue()).append(close).append('\n');
      }
    }
    return text + generated;
  }
}
