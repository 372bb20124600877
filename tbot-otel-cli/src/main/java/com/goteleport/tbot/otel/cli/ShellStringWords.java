package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The words of a shell's {@code -c} string when it is one plain command, as that shell splits them
 * (sh's kind, fish, csh): plain, single- or double-quoted words, and in sh's kind the output
 * redirections it may end in, which are none of them. Anything else (expansions, operators, globs,
 * another redirection) makes the string a script: no words. {@link ShellString} reads these in the
 * string's place.
 */
final class ShellStringWords {

  // Characters of a string that is one plain command: anything else (expansions, redirections but
  // the trailing output ones below, operators, globs, escapes, comments, control characters) makes
  // it a script, not a line.
  private static final String SPECIAL = "$`\\;&|<>()*?[]{}~#!^";

  // A string of sh's kind may end in output redirections of plain shapes, on stdout and stderr only
  // (> and >> to a plain word, 2>&1, >&2): they move where tbot writes, not what it reads. Any other
  // fd may be tbot's input (0>, <) or an argument (dash and zsh read 12>log as 12 and >log). rbash
  // refuses output redirections: it runs no tbot there.
  private static final String RESTRICTED_BASH = "rbash";

  private ShellStringWords() {}

  /**
   * The words of {@code string} when it is one plain command: words of plain characters, single-
   * or double-quoted parts without expansions, separated by blanks; {@code null} otherwise. Blank
   * lines around it and {@code \}-newline continuations, which YAML's block scalars bring into a
   * container's {@code args}, are a shell's blanks too. In sh's kind it may end in output
   * redirections ({@link #redirection}) to plain words, which are not among its words.
   */
  @Nullable
  static List<String> plainWords(String string, String shell) {
    boolean fish = ShellOptions.isFish(shell);
    boolean csh = ShellOptions.isCsh(shell);
    boolean redirects = !fish && !csh && !shell.equals(RESTRICTED_BASH); // their syntax is their own
    boolean redirected = false; // only redirections may follow
    boolean target = false; // the word read is a redirection's target
    if (csh && string.contains("\\\n")) {
      return null; // csh splits a word there, in double quotes keeps the line break: not sh's
    }
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean lineEnded = false; // a line with words has ended: another command may follow
    int quotedFrom = -1; // where the word's first quote is: a quoted name is no assignment's
    boolean firstQuoted = false; // the word's first character was quoted: a quoted '=' is no zsh expansion
    char quote = 0;
    for (int k = 0; k < string.length(); k++) {
      char ch = string.charAt(k);
      if (ch == '\\' && quote != '\'' && k + 1 < string.length() && string.charAt(k + 1) == '\n') {
        k++; // a continuation: the shell removes both
        continue;
      }
      if (fish && ch == '%') {
        return null; // fish expands %self to its PID
      }
      boolean newline = ch == '\n' && quote == 0;
      if (lineEnded && ch != ' ' && ch != '\t' && ch != '\n') {
        return null; // a second command
      }
      int redirection = redirects && quote == 0 && !inWord ? redirection(string, k) : 0;
      if (redirection < 0 || redirection > 0 && (target || words.isEmpty())) {
        return null; // another shape, one without its target, or one in front of the command
      }
      if (redirection > 0) {
        k += redirection - 1;
        redirected = true;
        target = string.charAt(k) == '>'; // > and >> take a word; 2>&1 is whole
        continue;
      }
      if (!newline && (ch < ' ' && ch != '\t' || ch == 0x7f || SPECIAL.indexOf(ch) >= 0)) {
        return null;
      }
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else {
          firstQuoted |= word.length() == 0;
          word.append(ch);
        }
      } else if (ch == '\'' || ch == '"') {
        quotedFrom = inWord && quotedFrom >= 0 ? quotedFrom : word.length();
        quote = ch;
        inWord = true;
      } else if (ch == ' ' || ch == '\t' || newline) {
        if (inWord) {
          String read = plain(word, quotedFrom, firstQuoted);
          if (read == null || !added(read, words, redirected, target)) {
            return null;
          }
          target = false;
          word.setLength(0);
          inWord = false;
          quotedFrom = -1;
          firstQuoted = false;
        }
        lineEnded |= newline && !words.isEmpty();
      } else {
        word.append(ch);
        inWord = true;
      }
    }
    if (quote != 0) {
      return null; // the shell refuses it
    }
    if (inWord) {
      String read = plain(word, quotedFrom, firstQuoted);
      if (read == null || !added(read, words, redirected, target)) {
        return null;
      }
      target = false;
    }
    return target ? null : words; // a > without its word: the shell refuses it
  }

  /**
   * Adds a word read to the command's {@code words}, or takes it as a redirection's {@code target};
   * {@code false} for a word after a redirection that is none's target (the shell passes it on,
   * in that order: not read), or an empty target (which the shell cannot open).
   */
  private static boolean added(String read, List<String> words, boolean redirected, boolean target) {
    if (target) {
      return !read.isEmpty();
    }
    if (redirected) {
      return false;
    }
    words.add(read);
    return true;
  }

  /**
   * The length of the output redirection that starts a word at {@code k}: {@code >} or {@code >>},
   * bare or on fd 1 or 2 ({@code 2>>}), whose target word follows; or fd 1 or 2 onto the other
   * ({@code 2>&1}, {@code >&2}). 0 where none starts (a word, maybe of digits); -1 for one of
   * another shape: on another fd ({@code 0>}, {@code 3>}), a dup onto another or closing one
   * ({@code >&0}, {@code >&-}), or bash's {@code >&FILE}.
   */
  private static int redirection(String string, int k) {
    int at = k;
    char ch = string.charAt(at);
    boolean fd = ch >= '0' && ch <= '9' && at + 1 < string.length() && string.charAt(at + 1) == '>';
    if (fd && ch != '1' && ch != '2') {
      return -1;
    }
    if (!fd && ch != '>') {
      return 0;
    }
    at += fd ? 2 : 1; // past the '>'
    if (at < string.length() && string.charAt(at) == '>') {
      return at + 1 - k;
    }
    if (at < string.length() && string.charAt(at) == '&') {
      char onto = at + 1 < string.length() ? string.charAt(at + 1) : 0;
      return onto == '1' || onto == '2' ? at + 2 - k : -1;
    }
    return at - k;
  }

  /**
   * A word as read, or {@code null} for one that looks like {@code NAME=VALUE} with its name quoted,
   * which the shell takes for a word, not an assignment: too rare to be worth telling apart; or one
   * starting with an unquoted {@code =} ({@code firstQuoted}: its first character was quoted), even
   * after empty quotes ({@code ''=tbot}), or an assignment's value starting with {@code =}, quoted
   * or not ({@code A==tbot}): zsh expands {@code =tbot} to a program's path.
   */
  @Nullable
  private static String plain(StringBuilder word, int quotedFrom, boolean firstQuoted) {
    if (word.length() > 0 && word.charAt(0) == '=' && !firstQuoted) {
      return null; // zsh expands =tbot to tbot's path
    }
    int eq = word.indexOf("=");
    if (eq >= 0 && eq + 1 < word.length() && word.charAt(eq + 1) == '=' && isAssignment(word.toString())) {
      return null; // A==tbot: zsh sets A to tbot's path
    }
    return quotedFrom >= 0 && eq >= 0 && quotedFrom <= eq && isAssignment(word.toString()) ? null : word.toString();
  }

  /** Whether a word is {@code NAME=VALUE} as a shell sets it (its name unquoted: no quote before '='). */
  static boolean isAssignment(String word) {
    int eq = word.indexOf('=');
    if (eq <= 0) {
      return false;
    }
    for (int k = 0; k < eq; k++) {
      char ch = word.charAt(k);
      boolean letter = ch == '_' || ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z';
      if (!letter && !(k > 0 && ch >= '0' && ch <= '9')) {
        return false;
      }
    }
    return true;
  }
}
