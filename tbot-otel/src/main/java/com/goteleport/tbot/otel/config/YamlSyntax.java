package com.goteleport.tbot.otel.config;

import java.util.Set;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.parser.ParserException;
import org.yaml.snakeyaml.scanner.ScannerException;

/**
 * The commonest slips in a hand-written config, in the file's terms with their fix, where snakeyaml
 * speaks of its parser's tokens ({@code expected <block end>, but found '?'}) and may name a line
 * past the file's end: a tab or a line out of its indentation, a quote or bracket never closed, a
 * key given twice. Anything else is left to snakeyaml's words.
 */
final class YamlSyntax {

  // The keys TbotConfigReader reads: a duplicate of one is named. Any other key may be a value
  // pasted in the wrong place (hunter2: 1), so it is not.
  private static final Set<String> KEYS_READ = Set.of("version", "anonymous_analytics",
      "anonymous_analytics_endpoint", "oneshot", "onboarding", "join_method", "join_uri", "outputs", "services",
      "destinations", "type", "destination", "database", "kubernetes_cluster", "app", "service", "username");

  private YamlSyntax() {}

  /** A problem, the line (from 1, or 0 for none) to name with it, and its fix: one clause of a message. */
  static final class Plain {
    final int line;
    final String text;

    Plain(int line, String text) {
      this.line = line;
      this.text = text;
    }
  }

  /** {@code e} in plain words, or {@code null} where it is none of the slips known here. */
  @Nullable
  static Plain of(MarkedYAMLException e) {
    String problem = String.valueOf(e.getProblem());
    String context = String.valueOf(e.getContext());
    Mark at = e.getProblemMark();
    Mark from = e.getContextMark();
    if (at == null) {
      return null;
    }
    int line = at.getLine() + 1;
    if (problem.contains("(TAB)")) {
      // snakeyaml's "found character '\t(TAB)' that cannot start any token"
      return new Plain(line,
          "a tab in a line's indentation, where YAML takes spaces only; replace the tab with spaces");
    }
    if (e instanceof DuplicateKeyException && problem.startsWith("found duplicate key ")) {
      String key = problem.substring("found duplicate key ".length());
      String named = KEYS_READ.contains(key) ? "the key '" + key + "'" : "a key";
      return new Plain(line, named + " is given twice in one mapping, which tbot refuses; keep one of them");
    }
    if (e instanceof ScannerException && problem.equals("found unexpected end of stream")
        && context.startsWith("while scanning a quoted scalar") && from != null) {
      return new Plain(from.getLine() + 1,
          "a quoted value starts here and is never closed; end it with the same quote it starts with");
    }
    if (e instanceof ParserException && problem.startsWith("expected <block end>, but found ")) {
      return new Plain(line, "this line is not indented to match the lines above it"
          + (from == null ? "" : " (from line " + (from.getLine() + 1) + ")")
          + "; line a key up with the other keys of its mapping, and a list item's '-' with the others");
    }
    if (e instanceof ParserException && problem.contains("<stream end>") && context.startsWith("while parsing a flow")) {
      // At the file's end, which may be a line past its last: no line to name.
      return new Plain(0, "the file ends inside a [ ] list or { } mapping; close it with ] or }");
    }
    if (e instanceof ScannerException && problem.equals("mapping values are not allowed here")) {
      return new Plain(line, "a ': ' where no key can start: the line is indented under a plain value,"
          + " or a value holds ': '; check the indentation, or quote the value");
    }
    return null;
  }
}
