package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import javax.annotation.Nullable;

/**
 * Where a shell string's text may become tbot's file name only as the shell expands it, for {@link
 * StringReadings#namesTbot}: a pattern that matches it ({@link #globMatchesTbot}, {@link
 * #patternWords}), or text that joins into it around an expansion that gives nothing ({@link
 * #joinsIntoTbot}; a brace expansion's words are {@link BraceWords}). Each errs toward naming
 * tbot, and reads a long string in linear time.
 */
final class TbotNameMatch {

  private TbotNameMatch() {}

  /**
   * Whether {@code word}'s file name is a pattern ({@code *}, {@code ?}, {@code [...]}, a group) the
   * shell may match against tbot's file, in the directory or an installed one ({@code tbo?}, {@code
   * /usr/local/bin/t[b]ot}, {@code ./tbot*}, {@code tb[[:alpha:]]t}, {@code tb@(o)t}): one with a
   * letter of its own, outside a bracket or in one with no range or class ({@code *} or {@code ?*}
   * would name every program, and names none), with the {@code options} the word's string may set.
   * {@link ShellGlob} reads it.
   */
  static boolean globMatchesTbot(String word, GlobOptions options) {
    String name = fileName(word);
    if (name.indexOf('*') < 0 && name.indexOf('?') < 0 && name.indexOf('[') < 0 && name.indexOf('(') < 0
        && !(options.zshExtended() && (name.indexOf('#') > 0 || name.indexOf('^') >= 0 || name.indexOf('~') > 0))) {
      return false; // no pattern: the check each word of a long string costs
    }
    return ShellGlob.mayMatch(name, "tbot", options);
  }

  // The word's file name: after its last separator outside a group (tb@(o|/x)t is one name).
  private static String fileName(String word) {
    if (word.indexOf('(') < 0) {
      return ProgramName.fileName(word);
    }
    int depth = 0;
    int cut = -1;
    for (int k = 0; k < word.length(); k++) {
      char c = word.charAt(k);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      cut = depth == 0 && (c == '/' || c == '\\') ? k : cut;
    }
    return word.substring(cut + 1);
  }

  /**
   * The words of {@code text} that {@link StringReadings#namesTbot}'s split takes apart but that may
   * be patterns whole: with a group glued to the text in front of it ({@code tb@(o)t}, zsh's {@code
   * tb(o|x)t}, ksh93's {@code tb{1}(o)t} and {@code ~(E)tbo+t}, whose parentheses, braces and
   * {@code |} split), an equivalence class ({@code tb[[=o=]]t}, whose {@code =} splits), or, with
   * zsh's {@link GlobOptions#zshExtended}, a {@code #} in it ({@code tbo#t}; one at a word's start
   * is a comment's). Each runs up to its next break, its groups whole; a group of more than {@link
   * ShellGlob#SET_CHARS} characters, or with a blank, quote or expansion in it, is none.
   */
  static List<String> patternWords(String text, GlobOptions options) {
    List<String> words = new ArrayList<>();
    int from = 0;
    boolean whole = false;
    for (int k = 0; k <= text.length(); k++) {
      char c = k < text.length() ? text.charAt(k) : ' ';
      int open = c == '{' ? kshRepeatOpen(text, k) : -1;
      if (open > 0) {
        int end = groupEnd(text, open, options);
        if (end > 0) {
          whole = true;
          k = end;
          continue;
        }
      }
      if (c == '#' && k > from && options.zshExtended()) {
        whole = true;
        continue;
      }
      if (c == '(') {
        int end = groupEnd(text, k, options);
        // One glued to the text in front, or at a word's start to the text after ((t|x)bot: zsh);
        // not a subshell's ((tbot start)), nor one alone ((x)).
        if (end > 0 && (k > from || end + 1 < text.length() && !isBreak(text.charAt(end + 1)))) {
          whole = true;
          k = end;
          continue;
        }
      }
      if (c == '=' && (text.charAt(k - (k > 0 ? 1 : 0)) == '[' || k + 1 < text.length() && text.charAt(k + 1) == ']')) {
        whole = true;
        continue;
      }
      if (isBreak(c)) {
        if (whole) {
          words.add(text.substring(from, k));
        }
        from = k + 1;
        whole = false;
      }
    }
    return words;
  }

  // Where the ( of ksh93's {n}(...) or {n,m}(...) at open is, or -1.
  private static int kshRepeatOpen(String text, int open) {
    Matcher repeat = ShellGlob.KSH_REPEAT.matcher(text).region(open, text.length());
    return repeat.lookingAt() ? repeat.end() - 1 : -1;
  }

  // The index of the ) that closes the group opened at open, or -1 (at a break: with zsh's
  // EXTENDED_GLOB, a # and a , are none, (#i), (#c1,2); nor is ksh93's {1}( in a group).
  private static int groupEnd(String text, int open, GlobOptions options) {
    int depth = 0;
    for (int k = open; k < text.length() && k - open <= ShellGlob.SET_CHARS; k++) {
      char c = text.charAt(k);
      int repeated = c == '{' ? kshRepeatOpen(text, k) : -1;
      if (repeated > 0) {
        k = repeated - 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth == 0) {
          return k;
        }
      } else if (c != '|' && (c != '#' && c != ',' || !options.zshExtended()) && isBreak(c)) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * Whether the text in front of an expansion ({@code $} or a backquote) and the text after any
   * later {@code )}, {@code }}, {@code ]} or backquote join into tbot's name, as they do where that
   * expansion gives nothing: whatever it holds, others ({@code t${X:+${Y}}bot}, {@code t$(:
   * $(:))bot}) or a quoted or escaped closer ({@code t$(echo ")")bot}, an escaped brace in a pattern), it ends
   * at one of those (zsh's {@code t$X[1]bot} at a {@code ]}). Errs toward naming tbot: a wrapper's
   * line seldom has a t, tb or tbo right in front of an expansion.
   */
  static boolean joinsIntoTbot(String text) {
    // Each piece in front of an expansion that starts tbot's name is tried with the piece after
    // each later closer, as if every closer ended it: distinct ones, each pair once, and a piece
    // after a closer that no such start can join into the name is not made (a run of ]]] took
    // minutes, each closer with its whole piece again).
    Joins joins = new Joins(text);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == ')' || c == '}' || c == ']' || c == '`') && joins.afterCloser(i + 1)) {
        return true;
      }
      if (c == '$' || c == '`') {
        joins.expansionAt(i);
      }
    }
    return false;
  }

  // The characters a file name isTbot takes may hold (TBOT's, in either case): a piece with any other
  // (outside a path it ends) joins into no tbot.
  private static final String NAME_CHARS = "tTbBoOvVeExX0123456789-_.";

  /**
   * {@link #joinsIntoTbot}'s pieces of one text: those in front of an expansion that start tbot's
   * name so far, and what the pieces after closers hold, found once for each run of
   * characters between breaks. More than {@link StringReadings#READ_CHARS} characters put together
   * (pieces made to cost that) are taken to name tbot.
   */
  private static final class Joins {
    private final String text;
    private final List<String> starts = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Integer> triedWith = new HashMap<>(); // a piece after: starts tried
    private long left = StringReadings.READ_CHARS;
    // The run last looked at: [from, end), its last path separator and last other character no name holds.
    private int from = -1;
    private int end = -1;
    private int separator;
    private int other;
    @Nullable private Boolean pathNamesTbot; // the run's file name after its last separator, as tbot's

    Joins(String text) {
      this.text = text;
    }

    void expansionAt(int at) {
      String before = ProgramName.fileName(pieceBefore(text, at));
      if (!before.isEmpty() && ProgramName.startsTbot(before) && seen.add(before)) {
        starts.add(before);
      }
    }

    /** Whether a start so far and the piece from {@code at} (after a closer) name tbot. */
    boolean afterCloser(int at) {
      if (starts.isEmpty()) {
        return false;
      }
      runFrom(at);
      if (separator >= at) {
        return pathNamesTbot(); // that file name, whatever is in front of it
      }
      if (other >= at) {
        return false;
      }
      String after = text.substring(at, end);
      int tried = triedWith.getOrDefault(after, 0);
      triedWith.put(after, starts.size());
      for (int k = tried; k < starts.size(); k++) {
        if (tooMuch(starts.get(k).length() + after.length()) || ProgramName.isTbot(starts.get(k) + after)) {
          return true;
        }
      }
      return false;
    }

    // Errs toward naming tbot once the pieces put together pass StringReadings.READ_CHARS.
    private boolean tooMuch(int chars) {
      left -= chars;
      return left < 0;
    }

    private boolean pathNamesTbot() {
      if (pathNamesTbot == null) {
        pathNamesTbot = ProgramName.isTbot(text.substring(separator + 1, end));
      }
      return pathNamesTbot;
    }

    // Finds the run at (up to the next break) once: a later at in it reads the same run on.
    private void runFrom(int at) {
      if (at >= from && at <= end) {
        return;
      }
      from = at;
      end = at;
      separator = -1;
      other = -1;
      pathNamesTbot = null;
      for (; end < text.length() && !isBreak(text.charAt(end)); end++) {
        char ch = text.charAt(end);
        if (ch == '/' || ch == '\\') {
          separator = end;
        } else if (NAME_CHARS.indexOf(ch) < 0) {
          other = end;
        }
      }
    }
  }

  // The text namesTbot's split leaves in front of index at.
  static String pieceBefore(String text, int at) {
    int k = at;
    while (k > 0 && !isBreak(text.charAt(k - 1))) {
      k--;
    }
    return text.substring(k, at);
  }

  // The text namesTbot's split leaves from index at on.
  static String pieceFrom(String text, int at) {
    int k = at;
    while (k < text.length() && !isBreak(text.charAt(k))) {
      k++;
    }
    return text.substring(at, k);
  }

  // Where namesTbot splits a reading's text (StringReadings' WORD_BREAKS).
  static boolean isBreak(char c) {
    return " \t\n\u000B\f\r;&|<>()`$={},#".indexOf(c) >= 0;
  }
}
