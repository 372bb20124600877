package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * The words a shell word's brace expansions give, for {@link StringReadings#namesTbot}: bash, ksh,
 * mksh and zsh expand {@code {a,b}} and {@code {a..c}} in a word before its parameters and
 * patterns, so a choice, joined with the text around it, other braces and sequences, may make
 * tbot's name or a pattern that matches it ({@code {t,}bot}, {@code tb{o,x}{t,}}, {@code
 * {t..t}{b..b}ot}, {@code tb{o{t,x},y}}, {@code tb{[[:alpha:]],x}t}, {@code tb{$(:)ot,x}}). An
 * expansion in such a word is read as giving nothing (a value names no tbot); quotes are not
 * read (a quoted brace is expanded too, which errs toward naming tbot). A parameter's default is
 * its word as the reading gives it (split at what the string sets {@code IFS} to: ksh's {@code
 * IFS=-; ${X:-tb{o,x}t-start}}), and each of its words on its own too, as zsh gives them ({@code
 * ${X:-tb{o,}t}-c}).
 */
final class BraceWords {

  // More words from one shell word, or braces deeper, than this are not made: such a word may
  // name tbot. A command's word has a few.
  static final int WORDS = 128;
  static final int DEPTH = 8;
  // Nor more characters than this many per character of the text a reading gives, past a floor.
  private static final int CHARS_PER_CHAR = 8;
  private static final int CHARS_FLOOR = 1 << 16;

  // {x..y} and {x..y..step}: bash's sequences of integers, or of characters between two letters.
  private static final Pattern SEQUENCE =
      Pattern.compile("(-?[0-9]{1,18}|[A-Za-z])\\.\\.(-?[0-9]{1,18}|[A-Za-z])(?:\\.\\.(-?[0-9]{1,18}))?");

  // The longest {x..y..step} read: two longs and a step.
  private static final int SEQUENCE_CHARS = 64;

  private final String word;
  private final UnaryOperator<String> wordAs;
  private boolean emptied = true; // an expansion gives nothing; else it is text, code the shell reads too
  private final Set<String> defaultsWords = new LinkedHashSet<>(); // a default's own words: zsh's
  private final int[] close; // where the { at each index closes; -1 for none (and for any other character)
  private final boolean[] comma; // whether a , of its own is in the { at each index
  private long left;

  private BraceWords(String word, UnaryOperator<String> wordAs, long left) {
    this.word = word;
    this.wordAs = wordAs;
    this.left = left;
    close = new int[word.length()];
    comma = new boolean[word.length()];
    Arrays.fill(close, -1);
    int[] open = new int[word.length()];
    int depth = 0;
    for (int k = 0; k < word.length(); k++) {
      char c = word.charAt(k);
      if (c == '{') {
        open[depth++] = k;
      } else if (c == '}' && depth > 0) {
        close[open[--depth]] = k;
      } else if (c == ',' && depth > 0) {
        comma[open[depth - 1]] = true;
      }
    }
  }

  /**
   * The words the shell words of {@code text} (split at blanks and operators) with a brace
   * expansion give, each such shell word read once for each way {@code wordAs} gives it ({@code
   * seen}): whole, its expansions read as
   * giving nothing and as text; past {@link #WORDS} words or {@link #DEPTH} braces deep, each brace
   * on its own with the text around it. Null past a few characters per character of {@code text}:
   * such a text may name tbot. A parameter's default's words are given as {@code wordAs} makes them.
   */
  @Nullable
  static List<String> of(String text, Set<String> seen, UnaryOperator<String> wordAs) {
    List<String> words = new ArrayList<>();
    long left = Math.max(CHARS_FLOOR, (long) CHARS_PER_CHAR * text.length());
    int from = 0;
    int parens = 0; // a | inside a pattern's group is not a pipe: tb@(o|{x,y})t
    for (int k = 0; k <= text.length(); k++) {
      char c = k < text.length() ? text.charAt(k) : ' ';
      parens = c == '(' ? parens + 1 : c == ')' ? Math.max(0, parens - 1) : parens;
      if (" \t\n\r\u000B\f;&<>".indexOf(c) < 0 && (c != '|' || parens > 0)) {
        continue;
      }
      String shellWord = text.substring(from, k);
      from = k + 1;
      // Each once; again for an IFS only where it splits the word (its words then differ).
      if (shellWord.indexOf('{') < 0 || shellWord.indexOf('}') < 0 || !seen.add("{" + wordAs.apply(shellWord))) {
        continue;
      }
      BraceWords braces = new BraceWords(shellWord, wordAs, left);
      if (!braces.expands()) {
        continue;
      }
      // Expansions read as giving nothing (tb{$(:)ot,x}), and as text (echo $(tb{o,x}t start));
      // past the bounds, each brace on its own with the text around it.
      Set<String> made = braces.words(0, shellWord.length(), 0);
      braces.emptied = false;
      Set<String> asText = made == null ? null : braces.words(0, shellWord.length(), 0);
      if (asText == null) {
        braces.left = left;
        made = braces.eachBrace();
        if (made == null) {
          return null;
        }
      } else {
        made.addAll(asText);
      }
      left = braces.left;
      words.addAll(made);
      words.addAll(braces.defaultsWords);
    }
    return words;
  }

  // The words each brace with a , or a sequence gives on its own, with the text around it up to a
  // break (the others' braces and commas breaks too); null past the character budget.
  @Nullable
  private Set<String> eachBrace() {
    Set<String> words = new LinkedHashSet<>();
    for (int k = 0; k < word.length(); k++) {
      if (close[k] < 0) {
        continue;
      }
      Set<String> choices = comma[k] ? new LinkedHashSet<>() : sequence(k);
      if (comma[k]) {
        int from = k + 1;
        for (int j = from; j <= close[k]; j++) {
          if (word.charAt(j) == '{' && close[j] > 0) {
            j = close[j];
          } else if (word.charAt(j) == ',' || j == close[k]) {
            choices.add(word.substring(from, j));
            from = j + 1;
          }
        }
      }
      if (choices == null) {
        continue;
      }
      String before = TbotNameMatch.pieceBefore(word, k);
      String after = TbotNameMatch.pieceFrom(word, close[k] + 1);
      for (String choice : choices) {
        String one = before + choice + after;
        left -= one.length();
        if (left < 0) {
          return null;
        }
        words.add(one);
      }
    }
    return words;
  }

  // Whether a brace of the word holds a , or a sequence.
  private boolean expands() {
    for (int k = 0; k < word.length(); k++) {
      if (close[k] > 0 && (comma[k] || sequence(k) != null)) {
        return true;
      }
    }
    return false;
  }

  // The words word[from, to) gives: its braces with a , or a sequence expanded, its expansions
  // emptied; null past the bounds.
  @Nullable
  private Set<String> words(int from, int to, int depth) {
    if (depth > DEPTH) {
      return null;
    }
    Set<String> words = new LinkedHashSet<>(List.of(""));
    StringBuilder run = new StringBuilder();
    for (int k = from; k < to; k++) {
      char c = word.charAt(k);
      char next = k + 1 < to ? word.charAt(k + 1) : '\0';
      if (!emptied && c == '$' && next == '{' && close[k + 1] > 0 && close[k + 1] < to) {
        run.append(word, k, close[k + 1] + 1); // a parameter: text
        k = close[k + 1];
      } else if (!emptied && (c == '$' || c == '`')) {
        run.append(c); // $(tb{o,x}t start): the code in it is brace-expanded when it runs
      } else if (c == '$' && next == '{' && close[k + 1] > 0 && close[k + 1] < to) {
        int start = defaultsWord(k + 2, close[k + 1]);
        if (start >= 0) { // its word, braces and all (zsh and ksh expand them there), or nothing
          Set<String> choices = words(start, close[k + 1], depth + 1);
          if (choices == null || (words = joined(words, run, givenAs(choices))) == null) {
            return null;
          }
          // zsh gives each of them as a word of its own, the text around joined to the first and
          // last only (${X:-tb{o,}t}-c runs tbot): each is read bare too, the first and last so
          // as well, which errs toward naming tbot.
          if (defaultsWords.size() < WORDS) {
            for (String choice : choices) {
              defaultsWords.add(wordAs.apply(choice));
            }
          }
          run.setLength(0);
        }
        k = close[k + 1];
      } else if (c == '$' && next == '(') {
        k = parenEnd(k + 1, to);
      } else if (c == '$' && (Character.isLetter(next) || next == '_')) {
        while (k + 1 < to && (Character.isLetterOrDigit(word.charAt(k + 1)) || word.charAt(k + 1) == '_')) {
          k++;
        }
      } else if (c == '$' && "0123456789@*#?$!-".indexOf(next) >= 0) {
        k++;
      } else if (c == '`') {
        int end = word.indexOf('`', k + 1);
        k = end < 0 || end >= to ? to : end;
      } else if (c == '{' && close[k] > 0 && close[k] < to && (comma[k] || sequence(k) != null)) {
        Set<String> choices = comma[k] ? choices(k, depth + 1) : sequence(k);
        if (choices == null || (words = joined(words, run, choices)) == null) {
          return null;
        }
        run.setLength(0);
        k = close[k];
      } else {
        run.append(c);
      }
    }
    Set<String> all = new LinkedHashSet<>();
    for (String made : words) {
      left -= made.length() + run.length();
      all.add(made + run);
    }
    return left < 0 ? null : all;
  }

  // Each word made so far with run and then each choice; null past the bounds.
  @Nullable
  private Set<String> joined(Set<String> words, CharSequence run, Set<String> choices) {
    Set<String> joined = new LinkedHashSet<>();
    for (String made : words) {
      for (String choice : choices) {
        String one = made + run + choice;
        left -= one.length();
        joined.add(one);
        if (joined.size() > WORDS || left < 0) {
          return null;
        }
      }
    }
    return joined;
  }

  // A default's words as wordAs gives them, and nothing (the parameter's value).
  private Set<String> givenAs(Set<String> words) {
    Set<String> given = new LinkedHashSet<>();
    for (String one : words) {
      given.add(wordAs.apply(one));
    }
    given.add("");
    return given;
  }

  /**
   * {@code text} with each brace that holds no {@code ,}, sequence, blank, {@code [} or other brace,
   * and is no parameter's, written as a bracket ({@code tb{o}t} as {@code tb[o]t}, {@code {a-z}} as
   * {@code [a-z]}): the characters zsh's {@code BRACE_CCL} expands it into, one at a time, as a
   * pattern matches them ({@code !} and {@code ^} last and {@code ]} first, characters there too).
   */
  static String asBrackets(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int k = 0;
    while (k < text.length()) {
      char c = text.charAt(k);
      int end = c == '{' && (k == 0 || text.charAt(k - 1) != '$') ? cclEnd(text, k) : -1;
      if (end < 0) {
        out.append(c);
        k++;
        continue;
      }
      String set = text.substring(k + 1, end);
      int lead = 0;
      while (lead < set.length() && (set.charAt(lead) == '!' || set.charAt(lead) == '^')) {
        lead++;
      }
      String rest = set.substring(lead);
      // A ] first is one of the set's characters; ! and ^ last are too.
      out.append('[').append(rest.indexOf(']') >= 0 ? "]" + rest.replace("]", "") : rest).append(set, 0, lead).append(']');
      k = end + 1;
    }
    return out.toString();
  }

  // The } that ends a brace at open zsh's BRACE_CCL reads as characters, or -1 (the scan stops at
  // the first character such a brace cannot hold: each character is looked at a few times).
  private static int cclEnd(String text, int open) {
    for (int k = open + 1; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c == '}') {
        String set = text.substring(open + 1, k);
        return k > open + 1 && !set.contains("..") ? k : -1;
      }
      if (" \t\n\r\u000B\f,{[;&|<>()".indexOf(c) >= 0) { // quotes and escapes are dropped later: tb{'o'}t
        return -1;
      }
    }
    return -1;
  }

  // Where the word of the parameter whose name starts at from (after its ${) starts, if it has a
  // default's operator (${X:-w}, ${X-w}, ${X:=w}, ${X+w}, ${X:?w}, ${A[0]:-w}); else -1.
  private int defaultsWord(int from, int end) {
    int k = from;
    while (k < end && StringReadings.PARAMETER_NAME_CHARS.indexOf(word.charAt(k)) >= 0) {
      k++;
    }
    if (k < end && word.charAt(k) == '[') {
      int bracket = word.indexOf(']', k);
      k = bracket < 0 || bracket > end ? end : bracket + 1;
    }
    if (k < end && word.charAt(k) == ':') {
      k++;
    }
    return k > from && k < end && "-=+?".indexOf(word.charAt(k)) >= 0 ? k + 1 : -1;
  }

  // The words each choice of the braces at open gives, together.
  @Nullable
  private Set<String> choices(int open, int depth) {
    if (depth > DEPTH) {
      return null;
    }
    Set<String> choices = new LinkedHashSet<>();
    int from = open + 1;
    for (int k = from; k <= close[open]; k++) {
      char c = word.charAt(k);
      if (c == '{' && close[k] > 0) {
        k = close[k];
      } else if (c == ',' || k == close[open]) {
        Set<String> some = words(from, k, depth);
        if (some == null) {
          return null;
        }
        choices.addAll(some);
        if (choices.size() > WORDS) {
          return null;
        }
        from = k + 1;
      }
    }
    return choices;
  }

  // A sequence's words ({1..3}, {a..c}, {c..a}, {1..9..2}); null for braces that hold none, or one
  // of more than WORDS (read as text).
  @Nullable
  private Set<String> sequence(int open) {
    if (close[open] - open > SEQUENCE_CHARS) {
      return null;
    }
    Matcher m = SEQUENCE.matcher(word.substring(open + 1, close[open]));
    if (!m.matches()) {
      return null;
    }
    boolean letters = Character.isLetter(m.group(1).charAt(0));
    if (letters != Character.isLetter(m.group(2).charAt(0))) {
      return null; // a letter and a number: text
    }
    long from;
    long to;
    long step;
    try {
      from = letters ? m.group(1).charAt(0) : Long.parseLong(m.group(1));
      to = letters ? m.group(2).charAt(0) : Long.parseLong(m.group(2));
      step = m.group(3) == null ? 1 : Math.max(1, Math.abs(Long.parseLong(m.group(3))));
    } catch (NumberFormatException e) {
      return null; // past a long: text
    }
    long count = Math.abs(to - from) / step; // 18 digits a number: no overflow
    if (count >= WORDS) {
      return null;
    }
    Set<String> words = new LinkedHashSet<>();
    for (long i = 0; i <= count; i++) {
      long v = from + (from <= to ? i : -i) * step;
      words.add(letters ? String.valueOf((char) v) : String.valueOf(v));
    }
    return words;
  }

  // The ) that closes the ( at open, before to, or to's last character.
  private int parenEnd(int open, int to) {
    int depth = 0;
    for (int k = open; k < to; k++) {
      depth += word.charAt(k) == '(' ? 1 : word.charAt(k) == ')' ? -1 : 0;
      if (depth == 0) {
        return k;
      }
    }
    return to - 1;
  }
}
