package com.goteleport.tbot.otel.cli;

import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The characters a shell string may set {@code IFS} to, for {@link StringReadings#namesTbot}: the
 * shell splits an expansion's value at them, so a string that sets it splits a parameter's word
 * there too ({@code IFS=-; ${X:-tbot-start}} runs tbot), not only at blanks.
 */
final class AssignedIfs {

  // A value longer than this is not read: it may hold any character. IFS is a few.
  private static final int VALUE_CHARS = 256;
  // More different values than this are read as one that may hold any character.
  private static final int VALUES = 4;
  private static final AssignedIfs ANY = new AssignedIfs(new BitSet(), true, "");
  // Any but a pattern's characters: a value that splits at - only leaves tb[o]t whole
  // (IFS=$SEP; ${X:-tb[o]t-start}), where ANY takes the pattern apart.
  private static final AssignedIfs ANY_BUT_PATTERNS = new AssignedIfs(new BitSet(), true, "[]*?!^(){}|@+,~#");

  private final BitSet chars;
  private final boolean any;
  private final String kept; // for any: the characters it does not split at

  private AssignedIfs(BitSet chars, boolean any, String kept) {
    this.chars = chars;
    this.any = any;
    this.kept = kept;
  }

  /**
   * What {@code string} sets {@code IFS} to, each assignment on its own (splitting at more
   * characters than one sets may cut tbot's name apart): the characters of a value written out
   * ({@code IFS=-}, {@code export IFS=_}, {@code ${IFS:=-}}, {@code IFS[0]=-}); any character but a
   * letter or digit where it is not (a value, {@code IFS=$OLD}; a name another command sets, {@code
   * for IFS in -}, {@code read IFS}, {@code printf -v IFS}), and so for all past {@link #VALUES}
   * different ones; none where it sets none, only to nothing ({@code while IFS= read}, which
   * splits nothing) or back to what it saved ({@code IFS=$OLDIFS} after {@code OLDIFS=$IFS}); any
   * is read twice, splitting at a pattern's characters and not. A
   * {@code $'...'} is sh's {@code $} and quoted text (the shells that decode it are read in the
   * string's decoded spelling).
   */
  static List<AssignedIfs> of(String string) {
    Set<AssignedIfs> all = new LinkedHashSet<>();
    Set<String> saved = savedNames(string);
    for (int at = string.indexOf("IFS"); at >= 0; at = string.indexOf("IFS", at + 3)) {
      char before = at > 0 ? string.charAt(at - 1) : ' ';
      int after = at + 3;
      if (isNameChar(before) || after < string.length() && isNameChar(string.charAt(after))) {
        continue; // a longer name: OLDIFS, IFS_SAVED
      }
      boolean braced = before == '{' && at > 1 && string.charAt(at - 2) == '$';
      if (before == '$' || before == '#' && at > 2 && string.startsWith("${", at - 3)) {
        continue; // a read: $IFS, ${#IFS}
      }
      int value = valueAt(string, after, braced);
      BitSet chars = new BitSet();
      if (value >= 0 && restoresSaved(string, value, saved)) {
        continue; // IFS=$OLDIFS after OLDIFS=$IFS: the IFS it had
      }
      // No value: ${IFS} and ${IFS:-x} read it (nothing), read IFS and for IFS in set it (any).
      if (value < 0 ? !braced : readValue(string, value, braced, chars)) {
        all.add(ANY);
      } else if (!chars.isEmpty()) {
        all.add(new AssignedIfs(chars, false, ""));
      }
      if (all.size() > VALUES) {
        return List.of(ANY, ANY_BUT_PATTERNS);
      }
    }
    if (all.contains(ANY)) {
      all.add(ANY_BUT_PATTERNS);
    }
    return List.copyOf(all);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AssignedIfs && ((AssignedIfs) o).any == any && ((AssignedIfs) o).chars.equals(chars)
        && ((AssignedIfs) o).kept.equals(kept);
  }

  @Override
  public int hashCode() {
    return (chars.hashCode() * 31 + (any ? 1 : 0)) * 31 + kept.hashCode();
  }

  // Where the value assigned after the name at from starts (past =, +=, :=, an element's [...]=),
  // or -1 for none.
  private static int valueAt(String string, int from, boolean braced) {
    int k = from;
    if (!braced && k < string.length() && string.charAt(k) == '[') {
      int close = k;
      while (close < string.length() && close - k <= VALUE_CHARS && string.charAt(close) != ']') {
        close++;
      }
      k = close < string.length() && string.charAt(close) == ']' ? close + 1 : string.length();
    }
    if (braced && k < string.length() && string.charAt(k) == ':') {
      k++;
    }
    if (!braced && k < string.length() && string.charAt(k) == '+') {
      k++;
    }
    return k < string.length() && string.charAt(k) == '=' ? k + 1 : -1;
  }

  // Adds the value's characters at from to chars; whether it may hold any (an expansion, or too long to read).
  private static boolean readValue(String string, int from, boolean braced, BitSet chars) {
    char quote = 0;
    for (int k = from; k < string.length(); k++) {
      char c = string.charAt(k);
      if (quote == 0 && (" \t\n;&|<>()".indexOf(c) >= 0 || braced && c == '}')) {
        return false;
      }
      if (k - from > VALUE_CHARS) {
        return true;
      }
      if (quote == 0 && c == '$' && k + 1 < string.length() && string.charAt(k + 1) == '\'') {
        chars.set('$'); // sh's $, then a quote
      } else if (quote != '\'' && (c == '$' || c == '`')) {
        return true; // a value: any character may be in it
      } else if (c == '\'' && quote != '"' || c == '"' && quote != '\'') {
        quote = quote == 0 ? c : 0;
      } else if (c == '\\' && quote != '\'' && k + 1 < string.length()) {
        if (quote == '"' && "$`\"\\\n".indexOf(string.charAt(k + 1)) < 0) {
          chars.set('\\'); // kept in double quotes before any other character
        }
        chars.set(string.charAt(++k));
      } else {
        chars.set(c);
      }
    }
    return false;
  }

  // A value $NAME, ${NAME} (quoted or not) where the string saved IFS in NAME (NAME=$IFS).
  private static final Pattern SAVED = Pattern.compile("\"?\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?\"?(?=[\\s;&|)]|$)");

  // NAME=$IFS, NAME="${IFS}": a name the string saves IFS in.
  private static final Pattern SAVES =
      Pattern.compile("(?<![A-Za-z0-9_$])([A-Za-z_][A-Za-z0-9_]*)=\"?\\$\\{?IFS\\}?\"?(?![A-Za-z0-9_])");

  private static boolean restoresSaved(String string, int value, Set<String> saved) {
    if (saved.isEmpty()) {
      return false;
    }
    Matcher m = SAVED.matcher(string).region(value, Math.min(string.length(), value + VALUE_CHARS));
    return m.lookingAt() && saved.contains(m.group(1));
  }

  private static Set<String> savedNames(String string) {
    Set<String> names = new HashSet<>();
    Matcher m = SAVES.matcher(string);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static boolean isNameChar(char c) {
    return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  /** Whether {@code c} may be one of the characters set: any but a letter or digit for a value. */
  boolean splitsAt(char c) {
    return any ? !Character.isLetterOrDigit(c) && kept.indexOf(c) < 0 : chars.get(c);
  }

  /**
   * {@code word} (a parameter's word) with a blank for each character it splits at: the fields the
   * shell makes of the word's value, joined to the text around it as the shell joins its first and
   * last ({@code IFS=-; t${X:-bot-start}} runs tbot).
   */
  String blanked(String word) {
    StringBuilder out = new StringBuilder(word);
    for (int k = 0; k < out.length(); k++) {
      int end = kept.isEmpty() || out.charAt(k) != '[' ? -1 : bracketEnd(word, k);
      if (end > 0) {
        k = end; // any but a pattern's: a bracket expression stays whole, tb[[:alpha:]]t, tb[n-p]t
      } else if (splitsAt(out.charAt(k))) {
        out.setCharAt(k, ' ');
      }
    }
    return out.toString();
  }

  // The ] that closes the bracket expression at open (its classes' and elements' ]s inside), within
  // a few characters, or -1.
  private static int bracketEnd(String word, int open) {
    int k = open + 1;
    k += k < word.length() && (word.charAt(k) == '!' || word.charAt(k) == '^') ? 1 : 0;
    k += k < word.length() && word.charAt(k) == ']' ? 1 : 0;
    for (; k < word.length() && k - open <= 64; k++) {
      char c = word.charAt(k);
      if (c == ']') {
        return k;
      }
      if (c == '[' && k + 1 < word.length() && ":=.".indexOf(word.charAt(k + 1)) >= 0) {
        int close = word.substring(k + 2, Math.min(word.length(), open + 66)).indexOf(word.charAt(k + 1) + "]");
        if (close < 0) {
          return -1;
        }
        k += 2 + close + 1;
      }
    }
    return -1;
  }
}
