package com.goteleport.tbot.otel.cli;

import java.util.Arrays;

/**
 * Whether a word of a shell string may be spliced into tbot's name by expansions whose insides
 * {@link StringReadings} cannot read exactly: a default whose word holds another expansion ({@code
 * ${X-${Y-tb}}ot}), arithmetic or a subshell inside one ({@code ${X-tb}${Y+$((1))}ot}), a quoted or
 * escaped opener or closer ({@code ${X-tb}${Y+'${'}ot}), or braces zsh balances ({@code
 * ${Y:+{x}}}). In such a word each character of an expansion ({@code ${...}}, {@code $(...)},
 * {@code $[...]}, a backquoted command, {@code $NAME}) may or may not be in the word, as its value,
 * its default or nothing may hold it, and every other character must be; the word names tbot where
 * some choice makes tbot's file name ({@link ProgramName}) at a path's end. Errs toward naming tbot:
 * an expansion's text is not its value, so this over-reads (a default's {@code /etc/tbot.yaml}
 * in such a word names tbot), which is why words with only plain expansions are left to
 * StringReadings. An expansion's end is the latest any shell may take (its first closer, quoted
 * or not, or the one that balances its openers); one not closed runs to the string's end. Linear in
 * the string's length.
 */
final class SplicedName {

  // What a character of the string is to a word: quotes and escapes are dropped, an expansion's
  // characters may be dropped, a separator ends the word, the rest must be in it.
  private static final byte DROPPED = 0;
  private static final byte LITERAL = 1;
  private static final byte EXPANDED = 2;
  private static final byte SEPARATOR = 3;

  // Where a word ends outside an expansion (StringReadings' splits, brace expansion's and zsh's =).
  private static final String SEPARATORS = " \t\n\r;&|<>({,#=`$";

  // What may follow tbot's name in its file name (tbot-18, tbot18.1.0, tbot.exe).
  private static final String SUFFIX = "-_.vV0123456789eExX";

  private SplicedName() {}

  /** Whether some word of {@code string} with an expansion not read exactly may be tbot's name. */
  static boolean mayNameTbot(String string) {
    int n = string.length();
    byte[] kind = new byte[n];
    boolean[] unread = new boolean[n + 1];
    boolean any = false;
    for (int i = 0; i < n; ) {
      char c = string.charAt(i);
      char next = i + 1 < n ? string.charAt(i + 1) : 0;
      int end; // the expansion's last character
      boolean exact;
      if (c == '$' && (next == '{' || next == '(' || next == '[')) {
        char close = next == '{' ? '}' : next == '(' ? ')' : ']';
        end = latestEnd(string, i + 1, next, close);
        exact = string.charAt(end) == close && plain(string, i + 2, end, close);
      } else if (c == '`') {
        int q = string.indexOf('`', i + 1);
        end = q < 0 ? n - 1 : q;
        exact = q >= 0 && plain(string, i + 1, q, '`');
      } else if (c == '$' && (Character.isLetterOrDigit(next) || next == '_' || "@*#?$!-".indexOf(next) >= 0)) {
        end = i + 1;
        while (Character.isLetterOrDigit(next) && end + 1 < n
            && (Character.isLetterOrDigit(string.charAt(end + 1)) || string.charAt(end + 1) == '_')) {
          end++;
        }
        exact = true;
      } else {
        // A closer here may be an expansion's end that another shell takes (a later one was taken
        // above): it may be dropped, as the expansion's characters may.
        kind[i] = c == '\'' || c == '"' || c == '\\' ? DROPPED
            : c == '}' || c == ')' || c == ']' ? EXPANDED
            : SEPARATORS.indexOf(c) >= 0 ? SEPARATOR : LITERAL;
        i++;
        continue;
      }
      end = Math.min(end, n - 1);
      for (int k = i; k <= end; k++) {
        kind[k] = EXPANDED;
        unread[k] = !exact;
      }
      any |= !exact;
      i = end + 1;
    }
    return any && spliced(string, kind, unread);
  }

  // The latest closer of the expansion whose opener is at open that a shell may take: its first
  // closer, quoted or not; the first not quoted or escaped; and the one that balances its openers,
  // quotes read or not, other brackets' and backquotes' insides skipped or not. -1 for none.
  private static int latestEnd(String s, int open, char opener, char close) {
    int latest = s.indexOf(close, open + 1);
    int unquoted = firstUnquoted(s, open + 1, close);
    if (latest < 0 || unquoted < 0) {
      return s.length() - 1;
    }
    latest = Math.max(latest, unquoted);
    for (int rule = 0; rule < 4; rule++) {
      int end = balancedEnd(s, open, opener, close, (rule & 1) != 0, (rule & 2) != 0);
      if (end < 0) {
        return s.length() - 1;
      }
      latest = Math.max(latest, end);
    }
    return latest;
  }

  private static int firstUnquoted(String s, int from, char close) {
    char quote = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quote != '\'') {
        i++;
      } else if ((c == '\'' || c == '"') && (quote == 0 || quote == c)) {
        quote = quote == 0 ? c : 0;
      } else if (quote == 0 && c == close) {
        return i;
      }
    }
    return -1;
  }

  private static int balancedEnd(String s, int open, char opener, char close, boolean quotes, boolean others) {
    int depth = 0;
    int other = 0;
    boolean backquoted = false;
    char quote = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quotes && c == '\\' && quote != '\'') {
        i++;
      } else if (quotes && !backquoted && (c == '\'' || c == '"') && (quote == 0 || quote == c)) {
        quote = quote == 0 ? c : 0;
      } else if (quote != 0) {
        continue;
      } else if (others && c == '`') {
        backquoted = !backquoted;
      } else if (backquoted) {
        continue;
      } else if (c == opener) {
        depth++;
      } else if (c == close && other == 0) {
        if (--depth == 0) {
          return i;
        }
      } else if (others && (c == '(' || c == '{' || c == '[')) {
        other++;
      } else if (others && (c == ')' || c == '}' || c == ']') && other > 0) {
        other--;
      }
    }
    return -1;
  }

  // Whether an expansion's inside, from..end (its closer), is one StringReadings reads exactly: no
  // quote, escape, other expansion or opener inside, and its first closer its end.
  private static boolean plain(String s, int from, int end, char close) {
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (c == close || "$`'\"\\{(".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  // Whether, in a word with an expansion not read exactly, dropping some expansions' characters
  // leaves tbot's file name at the end of a path: t, b, o, t (any case) with nothing that must stay
  // between them, nothing after them but a version's or .exe's, and nothing that must stay before
  // them but a path ending in a separator. Read once, left to right, keeping every state a choice
  // of the characters so far may leave (a set of six).
  private static boolean spliced(String s, byte[] kind, boolean[] unread) {
    boolean atPathEnd = true; // before tbot's name, at a word's start or just past a /
    boolean[] core = new boolean[5]; // core[k]: the first k letters of tbot taken; core[4]: all, then a suffix
    boolean unreadInWord = false;
    for (int i = 0; i <= s.length(); i++) {
      byte k = i < s.length() ? kind[i] : SEPARATOR;
      if (k == DROPPED) {
        continue;
      }
      if (k == SEPARATOR) {
        if (core[4] && unreadInWord) {
          return true;
        }
        atPathEnd = true;
        Arrays.fill(core, false);
        unreadInWord = false;
        continue;
      }
      char c = Character.toLowerCase(s.charAt(i));
      boolean optional = k == EXPANDED;
      unreadInWord |= unread[i];
      boolean[] was = core.clone();
      boolean wasAtPathEnd = atPathEnd;
      // Taken: a character that must stay is always taken; one that may be dropped is taken or not.
      core[1] = (wasAtPathEnd && c == 't') || (optional && was[1]);
      core[2] = (was[1] && c == 'b') || (optional && was[2]);
      core[3] = (was[2] && c == 'o') || (optional && was[3]);
      core[4] = (was[3] && c == 't') || (was[4] && (optional || SUFFIX.indexOf(s.charAt(i)) >= 0));
      atPathEnd = c == '/' || c == '\\' || (optional && wasAtPathEnd);
    }
    return false;
  }
}
