package com.goteleport.tbot.otel.collector;

import java.util.ArrayList;
import java.util.List;

/**
 * The regular-expression mutants of one leaf line of a collector config: what {@link ConfigMutation}
 * runs besides deleting the line and changing its numbers ({@link ValueMutants}). In each quoted
 * string of the value that has an alternation or a character class:
 *
 * <ul>
 *   <li>each alternative of each alternation removed in turn ({@code (a|b|c)} to {@code (b|c)},
 *       {@code (a|c)}, {@code (a|b)}; at the top level too);
 *   <li>each item of a character class removed in turn, a range ({@code a-z}) or a character; in a
 *       class of more than five items its ranges only, so the pod names' alphabets, spelled letter
 *       by letter, do not add a mutant per letter.
 * </ul>
 *
 * The text is the OTTL string as the YAML has it: a regular expression's escape is {@code \\}
 * followed by the character, {@code \"} a quote.
 */
final class RegexMutants {

  /** Above this many items, a class loses only its ranges. */
  private static final int SMALL_CLASS = 5;

  private final String line;
  private final int valueAt;
  private final String value;
  private final List<ValueMutants.Mutant> mutants = new ArrayList<>();

  private RegexMutants(String line, int valueAt) {
    this.line = line;
    this.valueAt = valueAt;
    this.value = line.substring(valueAt);
  }

  /** The regular-expression mutants of {@code line}; none if it has no value or no such string. */
  static List<ValueMutants.Mutant> of(String line) {
    int at = ValueMutants.valueAt(line);
    if (at < 0) {
      return List.of();
    }
    RegexMutants m = new RegexMutants(line, at);
    for (int[] q : m.strings()) {
      m.regex(q[0], q[1]);
    }
    return List.copyOf(m.mutants);
  }

  /** Each double-quoted string outside {@code ${...}}: the index after its opening quote and its closing quote's. */
  private List<int[]> strings() {
    List<int[]> strings = new ArrayList<>();
    int open = -1;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (open < 0 && value.startsWith("${", i)) {
        int end = value.indexOf('}', i);
        i = end < 0 ? value.length() : end;
      } else if (open >= 0 && c == '\\') {
        i++; // \\ or \"
      } else if (c == '"') {
        if (open < 0) {
          open = i + 1;
        } else {
          strings.add(new int[] {open, i});
          open = -1;
        }
      }
    }
    return strings;
  }

  /**
   * Parses the regular expression in {@code value[from, to)}, adding the mutants of its
   * alternations and classes; none if a group or a class is left open.
   */
  private void regex(int from, int to) {
    int before = mutants.size();
    List<List<Integer>> bars = new ArrayList<>(); // per open group: where its content starts, then its bars
    bars.add(new ArrayList<>(List.of(from)));
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        i += value.startsWith("\\\\\\\\", i) ? 3 : value.startsWith("\\\\", i) ? 2 : 1;
      } else if (c == '[') {
        i = characterClass(i, to);
        if (i >= to) { // a class left open
          mutants.subList(before, mutants.size()).clear();
          return;
        }
      } else if (c == '(') {
        int content = groupContent(i + 1, to);
        if (content < 0) { // a flag setting, (?i), or no group at all
          int close = value.indexOf(')', i);
          if (close < 0 || close >= to) {
            mutants.subList(before, mutants.size()).clear();
            return;
          }
          List<Integer> group = bars.get(bars.size() - 1);
          if (group.size() == 1 && group.get(0) == i) {
            group.set(0, close + 1); // a leading flag setting stays with every alternative
          }
          i = close;
          continue;
        }
        bars.add(new ArrayList<>(List.of(content)));
        i = content - 1;
      } else if (c == '|') {
        bars.get(bars.size() - 1).add(i);
      } else if (c == ')' && bars.size() > 1) {
        alternatives(bars.remove(bars.size() - 1), i);
      }
    }
    if (bars.size() > 1) { // a group left open
      mutants.subList(before, mutants.size()).clear();
      return;
    }
    alternatives(bars.get(0), to);
  }

  /**
   * Where the content of the group opened before {@code at} starts: after {@code (}, {@code (?:},
   * a flag group's {@code (?i:}, a look-around's {@code (?=}, {@code (?!}, {@code (?<=},
   * {@code (?<!} or a name's {@code (?P<name>}; -1 for {@code (?i)}, which opens nothing.
   */
  private int groupContent(int at, int to) {
    if (!value.startsWith("?", at)) {
      return at;
    }
    int i = at + 1;
    for (String lookAround : new String[] {"=", "!", "<=", "<!"}) {
      if (value.startsWith(lookAround, i)) {
        return i + lookAround.length();
      }
    }
    if (value.startsWith("P<", i) || value.startsWith("<", i)) {
      int name = value.indexOf('>', i);
      return name < 0 || name >= to ? -1 : name + 1;
    }
    while (i < to && (Character.isLetter(value.charAt(i)) || value.charAt(i) == '-')) {
      i++; // flags
    }
    return i < to && value.charAt(i) == ':' ? i + 1 : -1;
  }

  /** Removes each alternative of a group whose content starts at {@code group.get(0)}, bars after, and ends at {@code end}. */
  private void alternatives(List<Integer> group, int end) {
    if (group.size() < 2) {
      return; // no alternation
    }
    List<Integer> bounds = new ArrayList<>(group);
    bounds.add(end);
    for (int k = 0; k + 1 < bounds.size(); k++) {
      int start = k == 0 ? bounds.get(0) : bounds.get(k) + 1;
      String alternative = value.substring(start, bounds.get(k + 1));
      // the alternative and the bar before it (the first: the bar after it)
      int cutFrom = k == 0 ? start : bounds.get(k);
      int cutTo = k == 0 ? bounds.get(1) + 1 : bounds.get(k + 1);
      add(cutFrom, cutTo, "alternative \"" + shortened(alternative) + "\" removed");
    }
  }

  /**
   * Adds the mutants of the class opening at {@code open}; returns the index of its closing
   * bracket ({@code to} or more if it has none).
   */
  private int characterClass(int open, int to) {
    int i = open + 1;
    if (i < to && value.charAt(i) == '^') {
      i++;
    }
    List<int[]> items = new ArrayList<>(); // start, end, whether a range
    boolean first = true;
    while (i < to && (value.charAt(i) != ']' || first)) {
      first = false;
      int start = i;
      i += itemLength(i);
      boolean range = i + 1 < to && value.charAt(i) == '-' && value.charAt(i + 1) != ']';
      if (range) {
        i += 1 + itemLength(i + 1);
      }
      items.add(new int[] {start, i, range ? 1 : 0});
    }
    String whole = value.substring(open, Math.min(i + 1, to));
    if (items.size() > 1) {
      for (int[] item : items) {
        if (items.size() <= SMALL_CLASS || item[2] == 1) {
          add(item[0], item[1], "\"" + value.substring(item[0], item[1]) + "\" removed from " + whole);
        }
      }
    }
    return i;
  }

  /**
   * The length of the class's character at {@code i}: an escaped backslash ({@code \\\\}), an
   * escape ({@code \\.}), a quote ({@code \"}) or one character.
   */
  private int itemLength(int i) {
    return value.startsWith("\\\\\\\\", i) ? 4 : value.startsWith("\\\\", i) ? 3 : value.charAt(i) == '\\' ? 2 : 1;
  }

  /** A long alternative, for the report: its start. */
  private static String shortened(String alternative) {
    return alternative.length() <= 40 ? alternative : alternative.substring(0, 32) + "...";
  }

  private void add(int cutFrom, int cutTo, String what) {
    String change = line.strip() + " | " + what;
    long before = mutants.stream().filter(m -> m.change().equals(change)
        || m.change().startsWith(change + " #")).count();
    mutants.add(new ValueMutants.Mutant(line.substring(0, valueAt) + value.substring(0, cutFrom) + value.substring(cutTo),
        before == 0 ? change : change + " #" + (before + 1)));
  }
}
