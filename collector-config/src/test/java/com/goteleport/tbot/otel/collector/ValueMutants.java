package com.goteleport.tbot.otel.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value mutants of one leaf line of a collector config, as PIT's mutators are of Java code:
 * what {@link ConfigMutation} runs besides deleting the line. Only the value is changed (after
 * {@code key: } or {@code - }), never a key:
 *
 * <ul>
 *   <li>an OTTL comparison or connective: {@code ==} and {@code !=} swapped, {@code >} and
 *       {@code >=} (and {@code <}, {@code <=}) swapped, {@code and} and {@code or} swapped,
 *       {@code not} removed;
 *   <li>{@code true} and {@code false} swapped;
 *   <li>a number plus one: a bare one (a size, a limit, a duration's {@code 5} in {@code 5s}, an
 *       OTTL constant), a quoted duration, and a bound of a regular expression's quantifier
 *       ({@code {1,64}}); digits elsewhere in a quoted string are text, not numbers;
 *   <li>a regular expression's leading {@code ^} or trailing {@code $} removed;
 *   <li>each element of a list ({@code [a, b, c]}, YAML's or OTTL's) removed in turn.
 * </ul>
 *
 * Text inside {@code ${...}} (an environment variable and its default) is left alone, and so is a
 * {@code description} (prose).
 */
final class ValueMutants {

  /** One mutant: the whole mutated line (null: the line deleted) and what changed, for the report. */
  record Mutant(String line, String change) {}

  private static final String[][] OPERATORS = {
      {" == ", " != "}, {" != ", " == "}, {" > ", " >= "}, {" >= ", " > "}, {" < ", " <= "}, {" <= ", " < "},
      {" and ", " or "}, {" or ", " and "}};

  /** A mapping's key and the space after its colon. */
  private static final Pattern KEY = Pattern.compile("^[^:\"\\[{]+: ");
  private static final Pattern NOT = Pattern.compile("(?<![A-Za-z0-9_.])not ");
  private static final Pattern BOOLEAN = Pattern.compile("(?<![A-Za-z0-9_])(true|false)(?![A-Za-z0-9_])");
  /** A number that is not part of a word, a version or an address. */
  private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z0-9_.])[0-9]{1,18}(?![0-9.])");

  private static final char OUTSIDE = 'o';
  private static final char QUOTED = 'q';
  private static final char CHAR_CLASS = 'c';
  private static final char ENV = 'e';

  private final String line;
  private final int valueAt;
  private final String value;
  private final char[] where;
  private final List<Mutant> mutants = new ArrayList<>();

  private ValueMutants(String line, int valueAt) {
    this.line = line;
    this.valueAt = valueAt;
    this.value = line.substring(valueAt);
    this.where = contexts(value);
  }

  /** The value mutants of {@code line}; none if it has no value (a key with children). */
  static List<Mutant> of(String line) {
    int at = valueAt(line);
    if (at < 0) {
      return List.of();
    }
    ValueMutants m = new ValueMutants(line, at);
    m.operators();
    m.booleans();
    m.numbers();
    m.anchors();
    m.lists();
    return List.copyOf(m.mutants);
  }

  /**
   * Where {@code line}'s value starts (after {@code key: } or {@code - }); -1 if it has none (a key
   * with children) or it is a {@code description} (prose).
   */
  static int valueAt(String line) {
    String text = line.stripLeading();
    int indent = line.length() - text.length();
    if (text.startsWith("description: ")) {
      return -1;
    }
    if (text.startsWith("- ")) {
      return indent + 2;
    }
    Matcher key = KEY.matcher(text);
    return key.find() ? indent + key.end() : -1;
  }

  private void operators() {
    for (String[] op : OPERATORS) {
      for (int i = value.indexOf(op[0]); i >= 0; i = value.indexOf(op[0], i + 1)) {
        if (where[i] == OUTSIDE) {
          replace(i, i + op[0].length(), op[1]);
        }
      }
    }
    Matcher not = NOT.matcher(value);
    while (not.find()) {
      if (where[not.start()] == OUTSIDE) {
        replace(not.start(), not.end(), "");
      }
    }
  }

  private void booleans() {
    Matcher b = BOOLEAN.matcher(value);
    while (b.find()) {
      if (where[b.start()] == OUTSIDE) {
        replace(b.start(), b.end(), b.group(1).equals("true") ? "false" : "true");
      }
    }
  }

  private void numbers() {
    Matcher n = NUMBER.matcher(value);
    while (n.find()) {
      int s = n.start();
      int e = n.end();
      boolean mutate = switch (where[s]) {
        case OUTSIDE -> true;
        // a quantifier's bound, {m}, {m,} or {m,n}
        case QUOTED -> e < value.length()
            && (value.charAt(s - 1) == '{' || value.charAt(s - 1) == ',' && quantifierBefore(s - 1))
            && (value.charAt(e) == '}' || value.charAt(e) == ',')
            // a quoted duration, "1h"
            || value.charAt(s - 1) == '"' && value.substring(e).matches("(?s)(ns|us|ms|s|m|h)\".*");
        default -> false;
      };
      if (mutate) {
        replace(s, e, Long.toString(Long.parseLong(n.group()) + 1));
      }
    }
  }

  /** Whether the comma at {@code comma} follows {@code {digits}}. */
  private boolean quantifierBefore(int comma) {
    int i = comma - 1;
    while (i >= 0 && Character.isDigit(value.charAt(i))) {
      i--;
    }
    return i < comma - 1 && i >= 0 && value.charAt(i) == '{';
  }

  private void anchors() {
    for (int i = 0; i < value.length(); i++) {
      if (where[i] != QUOTED) {
        continue;
      }
      if (value.charAt(i) == '^' && value.charAt(i - 1) == '"') {
        replace(i, i + 1, "");
      }
      if (value.charAt(i) == '$' && i + 1 < value.length() && value.charAt(i + 1) == '"'
          && value.charAt(i - 1) != '\\') {
        replace(i, i + 1, "");
      }
    }
  }

  /**
   * Removes each element of each list literal, a {@code [} at the value's start or after
   * {@code (}, {@code ,} or {@code :} (not an index, {@code log.attributes["k"]}).
   */
  private void lists() {
    for (int open = 0; open < value.length(); open++) {
      if (where[open] != OUTSIDE || value.charAt(open) != '[' || !opensList(open)) {
        continue;
      }
      List<Integer> commas = new ArrayList<>();
      int depth = 0;
      int close = -1;
      for (int i = open; i < value.length() && close < 0; i++) {
        if (where[i] != OUTSIDE) {
          continue;
        }
        char c = value.charAt(i);
        if (c == '[' || c == '(' || c == '{') {
          depth++;
        } else if (c == ']' || c == ')' || c == '}') {
          depth--;
          if (depth == 0) {
            close = i;
          }
        } else if (c == ',' && depth == 1) {
          commas.add(i);
        }
      }
      if (close < 0 || value.substring(open + 1, close).isBlank()) {
        continue;
      }
      List<String> elements = new ArrayList<>();
      int from = open + 1;
      for (int comma : commas) {
        elements.add(value.substring(from, comma).strip());
        from = comma + 1;
      }
      elements.add(value.substring(from, close).strip());
      for (int k = 0; k < elements.size(); k++) {
        List<String> rest = new ArrayList<>(elements);
        String removed = rest.remove(k);
        mutants.add(new Mutant(line.substring(0, valueAt) + value.substring(0, open + 1) + String.join(", ", rest)
            + value.substring(close), line.strip() + " | " + removed + " removed"));
      }
    }
  }

  private boolean opensList(int open) {
    int i = open - 1;
    while (i >= 0 && value.charAt(i) == ' ') {
      i--;
    }
    return i < 0 || "(,:".indexOf(value.charAt(i)) >= 0;
  }

  private void replace(int start, int end, String with) {
    String old = value.substring(start, end);
    int occurrence = 1;
    for (int i = value.indexOf(old); i >= 0 && i < start; i = value.indexOf(old, i + 1)) {
      occurrence++;
    }
    String change = "\"" + old.strip() + "\" -> \"" + with.strip() + "\"" + (occurrence > 1 ? " #" + occurrence : "");
    mutants.add(new Mutant(line.substring(0, valueAt) + value.substring(0, start) + with + value.substring(end),
        line.strip() + " | " + change));
  }

  /** Per character: outside quotes, quoted, in a regular expression's character class, or in ${...}. */
  private static char[] contexts(String v) {
    char[] w = new char[v.length()];
    boolean quoted = false;
    boolean charClass = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!quoted && v.startsWith("${", i)) {
        int end = v.indexOf('}', i);
        end = end < 0 ? v.length() - 1 : end;
        for (int k = i; k <= end; k++) {
          w[k] = ENV;
        }
        i = end;
        continue;
      }
      boolean escaped = i > 0 && v.charAt(i - 1) == '\\' && !(i > 1 && v.charAt(i - 2) == '\\');
      if (c == '"' && !escaped) {
        quoted = !quoted;
        charClass = false;
        w[i] = QUOTED;
        continue;
      }
      if (quoted && c == '[' && !escaped) {
        charClass = true;
      }
      w[i] = !quoted ? OUTSIDE : charClass ? CHAR_CLASS : QUOTED;
      if (quoted && c == ']' && charClass && !escaped) {
        charClass = false;
      }
    }
    return w;
  }
}
