package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Where a shell string's text may become tbot's file name only as the shell expands it, for {@link
 * StringReadings#namesTbot}: a pattern that matches it ({@link #globMatchesTbot}), or text that joins
 * into it around an expansion that gives nothing or around a brace expansion's choice ({@link
 * #joinsIntoTbot}). Each errs toward naming tbot, and reads a long string in linear time.
 */
final class TbotNameMatch {

  private TbotNameMatch() {}

  // The longest [...] a pattern is read with: a longer one is not told (it may match); a glob's
  // set is a few characters.
  private static final int SET_CHARS = 256;

  /**
   * Whether {@code word}'s file name is a pattern ({@code *}, {@code ?}, {@code [...]}) the shell
   * may match against tbot's file, in the directory or an installed one ({@code tbo?}, {@code
   * /usr/local/bin/t[b]ot}, {@code ./tbot*}): one with a letter of its own, outside a bracket or in
   * one with no range ({@code *} or {@code ?*} would name every program, and names none).
   */
  static boolean globMatchesTbot(String word) {
    String name = ProgramName.fileName(word);
    if (name.indexOf('*') < 0 && name.indexOf('?') < 0 && name.indexOf('[') < 0) {
      return false; // no pattern: the check each word of a long string costs
    }
    StringBuilder regex = new StringBuilder();
    boolean pattern = false;
    boolean letter = false;
    int ones = 0; // the characters, ?s and [...]s: each matches one character, and tbot has four
    int closeAt = -1; // the first ] at or after where one was last looked for; name's length for none
    List<String> sets = new ArrayList<>(); // each [...] as a regex
    int longestSet = 0;
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (c == '[' && closeAt < k + 2) {
        closeAt = name.indexOf(']', k + 2) < 0 ? name.length() : name.indexOf(']', k + 2);
      }
      int close = c == '[' && closeAt < name.length() ? closeAt : -1;
      if (c == '*') {
        // ** matches what * does: one .* for a run of them, which would otherwise backtrack
        // through every way to share tbot's four characters among them (200 stars: 20 s).
        if (k == 0 || name.charAt(k - 1) != '*') {
          regex.append(".*");
        }
        pattern = true;
      } else if (c == '?') {
        regex.append('.');
        pattern = true;
        ones++;
      } else if (close > 0) {
        String set = name.substring(k + 1, close);
        boolean not = set.charAt(0) == '!' || set.charAt(0) == '^';
        StringBuilder chars = new StringBuilder(not ? "[^" : "[");
        for (char m : (not ? set.substring(1) : set).toCharArray()) {
          chars.append(Character.isLetterOrDigit(m) || m == '-' ? String.valueOf(m) : "\\" + m);
        }
        sets.add(chars.append(']').toString());
        regex.append(sets.get(sets.size() - 1));
        longestSet = Math.max(longestSet, set.length());
        letter |= set.indexOf('-') < 0 && set.chars().anyMatch(Character::isLetter);
        pattern = true;
        ones++;
        k = close;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
        letter |= Character.isLetter(c);
        ones++;
      }
    }
    if (!pattern || !letter) {
      return false;
    }
    if (longestSet > SET_CHARS) {
      return true; // not told: Java's regex recurses once a character of a set (10 000: a StackOverflowError)
    }
    try {
      if (ones > "tbot".length()) {
        for (String set : sets) {
          Pattern.compile(set); // one not told (it throws) may match
        }
        return false;
      }
      return Pattern.matches(regex.toString(), "tbot");
    } catch (java.util.regex.PatternSyntaxException e) {
      return true; // not told: it may match
    }
  }

  /**
   * Whether the text in front of an expansion ({@code $} or a backquote) and the text after any
   * later {@code )}, {@code }}, {@code ]} or backquote join into tbot's name, as they do where that
   * expansion gives nothing: whatever it holds, others ({@code t${X:+${Y}}bot}, {@code t$(:
   * $(:))bot}) or a quoted or escaped closer ({@code t$(echo ")")bot}, an escaped brace in a pattern), it ends
   * at one of those (zsh's {@code t$X[1]bot} at a {@code ]}); or whether a brace expansion's choice
   * joins the text around it into that name ({@code {t,}bot}, {@code t{b,}ot}, {@code {t..t}bot}:
   * bash and zsh). Errs toward naming tbot: a wrapper's line seldom has a t, tb or tbo right in front
   * of an expansion.
   */
  static boolean joinsIntoTbot(String text) {
    // Each piece in front of an expansion that starts tbot's name is tried with the piece after
    // each later closer, as if every closer ended it: distinct ones, each pair once, and a piece
    // after a closer that no such start can join into the name is not made (a run of ]]] or a
    // `{,,,}` of many choices took minutes, each closer or choice with its whole piece again).
    Joins joins = new Joins(text);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == ')' || c == '}' || c == ']' || c == '`') && joins.afterCloser(i + 1)) {
        return true;
      }
      if (c == '$' || c == '`') {
        joins.expansionAt(i);
      } else if (c == '{') {
        int end = i + 1; // the next brace: a '}' ends this one; a '{' first, none ends it
        while (end < text.length() && text.charAt(end) != '{' && text.charAt(end) != '}') {
          end++;
        }
        if (end == text.length() || text.charAt(end) == '{') {
          continue;
        }
        if (joins.braceJoins(pieceBefore(text, i), new LinkedHashSet<>(braceChoices(text.substring(i + 1, end))),
            end + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  // The characters a file name isTbot takes may hold (TBOT's, in either case): a piece with any other
  // (outside a path it ends) joins into no tbot.
  private static final String NAME_CHARS = "tTbBoOvVeExX0123456789-_.";

  /**
   * {@link #joinsIntoTbot}'s pieces of one text: those in front of an expansion that start tbot's
   * name so far, and what the pieces after closers and braces hold, found once for each run of
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

    /** Whether {@code before}, one of {@code choices} and the piece from {@code at} name tbot. */
    boolean braceJoins(String before, Set<String> choices, int at) {
      if (choices.isEmpty()) {
        return false;
      }
      runFrom(at);
      if (separator >= at) {
        return pathNamesTbot();
      }
      if (other >= at) {
        return false;
      }
      String after = text.substring(at, end);
      boolean beforeJoins = ProgramName.fileName(before).chars().allMatch(ch -> NAME_CHARS.indexOf(ch) >= 0);
      for (String choice : choices) {
        boolean path = choice.indexOf('/') >= 0 || choice.indexOf('\\') >= 0;
        if ((path || beforeJoins && choice.chars().allMatch(ch -> NAME_CHARS.indexOf(ch) >= 0))
            && (tooMuch(before.length() + choice.length() + after.length())
                || ProgramName.isTbot(before + choice + after))) {
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

  // A brace expansion's choices: {a,b}'s words, {a..c}'s letters; none for any other braces.
  private static List<String> braceChoices(String inside) {
    if (inside.indexOf(',') >= 0) {
      return List.of(inside.split(",", -1));
    }
    if (inside.length() == 4 && inside.startsWith("..", 1)) {
      List<String> letters = new ArrayList<>();
      char from = (char) Math.min(inside.charAt(0), inside.charAt(3));
      char to = (char) Math.max(inside.charAt(0), inside.charAt(3));
      for (char l = from; l <= to && letters.size() < 128; l++) {
        letters.add(String.valueOf(l));
      }
      return letters;
    }
    return List.of();
  }

  // The text namesTbot's split leaves in front of index at.
  private static String pieceBefore(String text, int at) {
    int k = at;
    while (k > 0 && !isBreak(text.charAt(k - 1))) {
      k--;
    }
    return text.substring(k, at);
  }


  private static boolean isBreak(char c) {
    return " \t\n\u000B\f\r;&|<>()`$={},#".indexOf(c) >= 0;
  }
}
