package com.goteleport.tbot.otel.cli;

import java.util.Arrays;
import javax.annotation.Nullable;

/**
 * Whether a word of a shell string may be spliced into tbot's name by expansions whose insides
 * {@link StringReadings} cannot read exactly: a default whose word holds another expansion ({@code
 * ${X-${Y-tb}}ot}), arithmetic or a subshell inside one ({@code ${X-tb}${Y+$((1))}ot}), a quoted or
 * escaped opener or closer ({@code ${X-tb}${Y+'${'}ot}), or braces zsh balances ({@code
 * ${Y:+{x}}}). In such a word a parameter's default or alternative ({@code ${NAME:-WORD}}, {@code
 * ${NAME+WORD}}, {@code ${NAME=WORD}}) gives its word or nothing, each run of its word's text between
 * other expansions as a whole; any other expansion gives nothing, as a value exec does not know names
 * no tbot (cli.md: {@code A=tb; ${A}ot} is a wrapper's); and every other character stays. The word
 * names tbot where some choice makes tbot's file name ({@link ProgramName}) at a path's end. An
 * expansion ends where bash ends it (quotes and escapes read, nested expansions whole); where
 * another shell may end a parameter earlier or later (a quoted closer, a ' in a double-quoted word,
 * zsh's balanced braces), each character between may or may not be in the word; an opener never
 * closed is text, and so are single-quoted text and comments at the top level; a default's word is
 * split at its blanks, and a substitution's text ({@code ${X/#/tb}}) is a word too. The string is read
 * as written and again with its quotes removed, as eval reads it. Errs toward naming tbot (a word's
 * runs are chosen one by one, not together), which is why words with only expansions read exactly
 * are left to StringReadings. About linear in the string's length; past a budget of its scans, the
 * string names tbot.
 */
final class SplicedName {

  // What a character is to a word: dropped (quotes, escapes, an expansion that gives nothing, a
  // parameter's name and operator), kept or not with the rest of its run (a default's text), a
  // separator that ends the word, or kept.
  private static final byte DROPPED = 0;
  private static final byte LITERAL = 1;
  private static final byte CHOSEN = 2;
  private static final byte SEPARATOR = 3;

  // Where a word ends outside an expansion (StringReadings' splits, brace expansion's and zsh's =).
  private static final String SEPARATORS = " \t\n\r;&|<>({,#=`$";

  // How deep defaults inside defaults' words are read; deeper, each character is chosen on its own.
  private static final int DEPTH = 8;

  private final String s;
  private final byte[] kind;
  private final int[] run; // for a CHOSEN character, its run: kept or dropped together
  // +1 where an expansion not read exactly starts, -1 past it: a running sum over the string says
  // whether a character is in one.
  private final int[] unread;
  // Likewise for the characters between an expansion's earliest end and its latest (quotes,
  // escapes and nesting read otherwise, or not at all): in one reading there, in another past it,
  // so each may or may not be in the word.
  private final int[] maybe;
  // And for those between its earliest end and the end read here: a character of the word's text,
  // each kept or not, whatever it is here.
  private final int[] loose;
  private final long budget; // the characters its scans for expansions' ends may read, in all
  private long steps;
  private int runs;
  private boolean substitution; // wordStart's last parameter was a ${NAME/PATTERN/STRING}
  @Nullable private final AssignedIfs ifs; // what the string sets IFS to, which splits a default's word too

  private SplicedName(String s, @Nullable AssignedIfs ifs) {
    this.s = s;
    this.ifs = ifs;
    this.kind = new byte[s.length()];
    this.run = new int[s.length()];
    this.unread = new int[s.length() + 1];
    this.maybe = new int[s.length() + 1];
    this.loose = new int[s.length() + 1];
    this.budget = 32L * s.length() + 4096;
  }

  /** Whether some word of {@code string} with an expansion not read exactly may be tbot's name. */
  static boolean mayNameTbot(String string) {
    return mayNameTbot(string, null);
  }

  /**
   * As {@link #mayNameTbot(String)}, a default's word split also where {@code ifs} splits it ({@code
   * IFS=-; ${X:-t$(:)bot-start}}).
   */
  static boolean mayNameTbot(String string, @Nullable AssignedIfs ifs) {
    String unquoted = quotesRemoved(string);
    return read(string, ifs) || !unquoted.equals(string) && read(unquoted, ifs);
  }

  private static boolean read(String string, @Nullable AssignedIfs ifs) {
    SplicedName name = new SplicedName(string, ifs);
    // Past its budget (openers not closed, each scanned to the end), a string names tbot.
    return name.mark(0, string.length(), false, 0) && (name.steps > name.budget || name.spliced());
  }

  // The text the shell hands a program once it has removed the string's quotes and escapes: what
  // eval, or a shell given it, reads again (eval '${X-tb}${Y+'\''${'\''}ot').
  static String quotesRemoved(String s) {
    StringBuilder out = new StringBuilder(s.length());
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          out.append(c);
        }
      } else if (c == '\\' && i + 1 < s.length()) {
        char next = s.charAt(++i);
        if (quote == '"' && "$`\"\\\n".indexOf(next) < 0) {
          out.append(c);
        }
        out.append(next);
      } else if (c == '\'' && quote == 0 || c == '"' && quote != '\'') {
        quote = quote == 0 ? c : 0;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  // Marks from..to: the string's top level (chosen false) or a default's word (true). Whether any
  // expansion there is one StringReadings does not read exactly.
  private boolean mark(int from, int to, boolean chosen, int depth) {
    boolean any = false;
    boolean doubleQuoted = false;
    runs++;
    for (int i = from; i < to && steps <= budget; ) {
      char c = s.charAt(i);
      char next = i + 1 < to ? s.charAt(i + 1) : 0;
      // At the top level, single-quoted text and a comment hold no expansion: a '$(' or # ${ there
      // opens none (each would run on to the string's end, the code after it unread).
      boolean wordStarts = i == 0 || " \t\n;&|()".indexOf(s.charAt(i - 1)) >= 0;
      if (!chosen && !doubleQuoted && (c == '\'' || c == '#' && wordStarts)) {
        int close = s.indexOf(c == '#' ? '\n' : '\'', i + 1);
        int stop = close < 0 || close >= to ? to : close;
        kind[i] = DROPPED;
        for (int k = i + 1; k < stop; k++) {
          set(k, c == '#' ? SEPARATOR : LITERAL);
        }
        i = stop + 1;
        continue;
      }
      if (c == '"') {
        doubleQuoted = !doubleQuoted;
      }
      int structural = c == '$' && (next == '{' || next == '(' || next == '[') || c == '`' ? structuralEnd(i, true) : 0;
      if (structural < 0) {
        // Not closed: a shell that takes it for an opener cannot parse the line; one that takes it
        // for text (dash's $[) runs what follows.
        set(i, chosen ? CHOSEN : SEPARATOR);
        i++;
      } else if (c == '$' && (next == '{' || next == '(' || next == '[') || c == '`') {
        char open = c == '`' ? '`' : next;
        char close = open == '{' ? '}' : open == '(' ? ')' : open == '[' ? ']' : '`';
        // Its end as bash reads it (structural). Another shell may end a parameter earlier (a
        // quoted } taken for its end: dash reads a ' in a double-quoted word as text) or later
        // (zsh balances a lone { in its word); $[...] is arithmetic to bash and zsh, text to dash,
        // busybox, ksh and mksh; all read the insides of $(...) and backquotes alike.
        int raw = s.indexOf(close, c == '`' ? i + 1 : i + 2);
        int unquoted = open == '{' ? structuralEnd(i, false) : -1;
        int earliest = open == '{' && unquoted >= 0 ? Math.min(structural, unquoted) : open == '[' ? i + 1 : structural;
        int latest = open == '{' ? Math.max(structural, latestEnd(i + 1, open, close)) : structural;
        int end = Math.min(to - 1, structural);
        boolean exact = raw == latest && earliest == latest && latest < to
            && plain(s, c == '`' ? i + 1 : i + 2, end, close);
        substitution = false;
        int word = open == '{' ? wordStart(i + 2, end) : -1;
        exact &= !substitution;
        for (int k = i; k <= end; k++) {
          kind[k] = DROPPED;
        }
        if (word >= 0 && depth < DEPTH) {
          exact &= !mark(word, end, true, depth + 1);
        } else if (word >= 0) {
          for (int k = word; k < end; k++) {
            kind[k] = CHOSEN;
            run[k] = ++runs;
          }
        }
        if (!exact) {
          unread[i]++;
          unread[Math.min(to, latest + 1)]--;
          // Past its end here, where another reading ends it later: may be in the word or not.
          maybe[end + 1]++;
          maybe[Math.min(to, latest + 1)]--;
          // Before its end here, where another reading ends it earlier: may be text of the word.
          if (earliest < end) {
            loose[earliest + 1]++;
            loose[end + 1]--;
          }
        }
        runs++;
        any |= !exact;
        i = end + 1;
      } else if (c == '$' && (Character.isLetterOrDigit(next) || next == '_' || "@*#?$!-".indexOf(next) >= 0)) {
        kind[i] = DROPPED; // a value: names no tbot
        int k = i + 1;
        do {
          kind[k++] = DROPPED;
        } while ((Character.isLetter(next) || next == '_') && k < to
            && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_'));
        runs++;
        i = k;
      } else if (c == '\\' || c == '\'' || c == '"') {
        kind[i] = DROPPED;
        if (c == '\\' && i + 1 < to) {
          set(i + 1, chosen ? CHOSEN : LITERAL);
          i++;
        }
        i++;
      } else {
        set(i, chosen ? CHOSEN : SEPARATORS.indexOf(c) >= 0 ? SEPARATOR : LITERAL);
        i++;
      }
    }
    runs++;
    return any;
  }

  private void set(int i, byte k) {
    kind[i] = k;
    run[i] = runs;
  }

  // Where the word of the parameter whose name starts at from starts: past its name (or special
  // parameter, or element [...]) and a -, =, + after it or after a colon; -1 where it has none
  // that gives its word (a length, a pattern removed, a substring, a case change, or ?'s error).
  // A substitution's STRING is text it may give (${X/#/tb}ot runs tbot where X is empty).
  private int wordStart(int from, int end) {
    int j = from;
    if (j + 1 < end && s.charAt(j) == '#' && s.charAt(j + 1) != '}' && "-=+:?".indexOf(s.charAt(j + 1)) < 0) {
      return -1; // a length
    }
    if (j + 1 < end && s.charAt(j) == '!' && s.charAt(j + 1) != '}') {
      j++; // an indirection, whose default is as any other's
    }
    if (j < end && "@*#?$!-0123456789".indexOf(s.charAt(j)) >= 0) {
      j++;
    } else {
      while (j < end && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
        j++;
      }
    }
    if (j < end && s.charAt(j) == '[') {
      while (j < end && s.charAt(j) != ']') {
        j++;
      }
      j++;
    }
    if (j < end && s.charAt(j) == '/') {
      j += j + 1 < end && "/#%".indexOf(s.charAt(j + 1)) >= 0 ? 2 : 1;
      while (j < end && s.charAt(j) != '/') {
        j++;
      }
      substitution = j < end;
      return j < end ? j + 1 : -1;
    }
    if (j < end && s.charAt(j) == ':') {
      j++;
    }
    return j < end && "-=+".indexOf(s.charAt(j)) >= 0 ? j + 1 : -1;
  }

  // The end of the expansion at start ($ of ${ or $(, or a backquote) as bash reads it: with
  // quotes, quotes and escapes read, each nested expansion read whole with quotes of its own, a
  // subshell's parentheses balanced; without, quotes and escapes are text (the earliest end another
  // shell may give a parameter). -1 where it is not closed.
  private int structuralEnd(int start, boolean quotes) {
    int n = s.length();
    Closers open = new Closers(s.charAt(start) == '`' ? '`'
        : s.charAt(start + 1) == '{' ? '}' : s.charAt(start + 1) == '(' ? ')' : ']');
    char quote = 0;
    int i = s.charAt(start) == '`' ? start + 1 : start + 2;
    while (i < n) {
      steps++;
      char c = s.charAt(i);
      char next = i + 1 < n ? s.charAt(i + 1) : 0;
      char closer = open.top();
      if (quote == '\'') {
        quote = c == '\'' ? 0 : quote;
        i++;
      } else if (quotes && c == '\\') {
        i += 2;
      } else if (quotes && (quote == 0 && (c == '\'' || c == '"') || quote == '"' && c == '"')) {
        quote = quote == 0 ? c : 0;
        i++;
      } else if (c == '$' && (next == '{' || next == '(') || c == '`' && closer != '`') {
        open.push(c == '`' ? '`' : next == '{' ? '}' : ')', quote);
        quote = 0;
        i += c == '`' ? 1 : 2;
      } else if (quote == 0 && c == closer || c == '`' && closer == '`') {
        if (open.depth() == 0) {
          return i;
        }
        quote = open.pop();
        i++;
      } else if (quote == 0 && closer == ')' && c == '(') {
        open.push(')', quote);
        i++;
      } else {
        i++;
      }
    }
    return -1;
  }

  // The closers of the expansions open around a character, innermost last, each with the quote
  // it was opened in.
  private static final class Closers {
    private char[] closers = new char[8];
    private char[] quotes = new char[8];
    private int depth;

    Closers(char outermost) {
      closers[0] = outermost;
    }

    char top() {
      return closers[depth];
    }

    int depth() {
      return depth;
    }

    void push(char closer, char quote) {
      if (++depth == closers.length) {
        closers = Arrays.copyOf(closers, depth * 2);
        quotes = Arrays.copyOf(quotes, depth * 2);
      }
      closers[depth] = closer;
      quotes[depth] = quote;
    }

    // The quote the innermost was opened in.
    char pop() {
      return quotes[depth--];
    }
  }

  // The latest closer of the expansion whose opener is at open that a shell may take: the first not
  // quoted or escaped, and the one that balances its openers, quotes read or not, other brackets'
  // and backquotes' insides skipped or not. The string's last character where one is not closed.
  private int latestEnd(int open, char opener, char close) {
    int latest = firstUnquoted(open + 1, close);
    for (int rule = 0; rule < 4 && latest >= 0; rule++) {
      int end = balancedEnd(open, opener, close, (rule & 1) != 0, (rule & 2) != 0);
      latest = end < 0 ? -1 : Math.max(latest, end);
    }
    return latest < 0 ? s.length() - 1 : latest;
  }

  private int firstUnquoted(int from, char close) {
    char quote = 0;
    for (int i = from; i < s.length(); i++) {
      steps++;
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

  private int balancedEnd(int open, char opener, char close, boolean quotes, boolean others) {
    int depth = 0;
    int other = 0;
    boolean backquoted = false;
    char quote = 0;
    for (int i = open; i < s.length(); i++) {
      steps++;
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

  // The states a choice of the characters so far may leave, as bits: before tbot's name, at a
  // path's end or within a name; t, tb, tbo taken; then what may follow the name in its file name
  // (tbot-18, tbot_v18, tbot18.1.0, tbot.exe): after tbot, after a separator, after a v, in the
  // digits, then .exe's four characters.
  private static final int AT_PATH_END = 1;
  private static final int IN_NAME = 1 << 1;
  private static final int T = 1 << 2;
  private static final int TB = 1 << 3;
  private static final int TBO = 1 << 4;
  private static final int TBOT = 1 << 5;
  private static final int VERSION_SEPARATOR = 1 << 6;
  private static final int VERSION_V = 1 << 7;
  private static final int VERSION = 1 << 8;
  private static final int DOT = 1 << 9;
  private static final int DOT_E = 1 << 10;
  private static final int DOT_EX = 1 << 11;
  private static final int EXE = 1 << 12;
  private static final int NAMED = TBOT | VERSION | EXE;

  // Whether, in a word with an expansion not read exactly, a choice of its defaults' runs, each kept
  // whole or dropped, leaves tbot's file name at a path's end. Read once, left to right.
  private boolean spliced() {
    int state = AT_PATH_END;
    int before = 0; // the state in front of the run being read, which dropping it keeps
    int current = -1; // that run
    boolean unreadInWord = false;
    int inUnread = 0;
    int inMaybe = 0;
    int inLoose = 0;
    for (int i = 0; i <= s.length(); i++) {
      inUnread += unread[i];
      inMaybe += maybe[i];
      inLoose += loose[i];
      unreadInWord |= inUnread > 0;
      byte k = i < s.length() ? kind[i] : SEPARATOR;
      if (inLoose > 0 && i < s.length()) {
        char c = s.charAt(i);
        k = c == '\'' || c == '"' || c == '\\' ? DROPPED : SEPARATORS.indexOf(c) >= 0 ? SEPARATOR : LITERAL;
      }
      if (k == DROPPED) {
        continue;
      }
      if (current >= 0 && (k != CHOSEN || run[i] != current)) {
        state |= before;
        current = -1;
      }
      boolean may = (inMaybe > 0 || inLoose > 0) && i < s.length();
      if (k == SEPARATOR) {
        if ((state & NAMED) != 0 && unreadInWord) {
          return true;
        }
        state = may ? state | AT_PATH_END : AT_PATH_END;
        unreadInWord = may;
        continue;
      }
      if (k == CHOSEN && current < 0) {
        current = run[i];
        before = state;
      }
      if (k == CHOSEN && (" \t\n".indexOf(s.charAt(i)) >= 0 || ifs != null && ifs.splitsAt(s.charAt(i)))) {
        // A default's word is split at its blanks: ${W-t$(:)bot -c no.yaml} runs tbot.
        if ((state & NAMED) != 0 && unreadInWord) {
          return true;
        }
        state = may ? state | AT_PATH_END : AT_PATH_END;
        continue;
      }
      int next = step(state, Character.toLowerCase(s.charAt(i)));
      state = may ? state | next : next;
    }
    return false;
  }

  private static int step(int state, char c) {
    boolean digit = c >= '0' && c <= '9';
    int next = 0;
    if ((state & (AT_PATH_END | IN_NAME)) != 0) {
      next |= c == '/' || c == '\\' ? AT_PATH_END : IN_NAME;
    }
    next |= (state & AT_PATH_END) != 0 && c == 't' ? T : 0;
    next |= (state & T) != 0 && c == 'b' ? TB : 0;
    next |= (state & TB) != 0 && c == 'o' ? TBO : 0;
    next |= (state & TBO) != 0 && c == 't' ? TBOT : 0;
    if ((state & TBOT) != 0) {
      next |= c == '-' || c == '_' || c == '.' ? VERSION_SEPARATOR : 0;
    }
    if ((state & (TBOT | VERSION_SEPARATOR)) != 0) {
      next |= c == 'v' ? VERSION_V : 0;
    }
    if ((state & (TBOT | VERSION_SEPARATOR | VERSION_V | VERSION)) != 0) {
      next |= digit ? VERSION : 0;
    }
    next |= (state & VERSION) != 0 && c == '.' ? VERSION : 0;
    next |= (state & (TBOT | VERSION)) != 0 && c == '.' ? DOT : 0;
    next |= (state & DOT) != 0 && c == 'e' ? DOT_E : 0;
    next |= (state & DOT_E) != 0 && c == 'x' ? DOT_EX : 0;
    next |= (state & DOT_EX) != 0 && c == 'e' ? EXE : 0;
    return next;
  }
}
