package com.goteleport.tbot.otel.cli;

import java.util.List;
import java.util.Locale;

/**
 * The options of pattern matching a shell string may set for itself, for {@link ShellGlob} and
 * {@link StringReadings#namesTbot}: bash's {@code shopt -s nocaseglob} and zsh's {@code
 * NO_CASE_GLOB} (case ignored: {@code TB?T}), zsh's {@code EXTENDED_GLOB} ({@code tbo#t}, {@code
 * tb^x}, {@code (#i)TBOT}) and {@code BRACE_CCL} ({@code tb{o}t}). Read wherever the string names
 * one as a word of its own, as zsh spells them (case, {@code _} and {@code -} ignored, {@code no} in
 * front or not), quoted or not: a word that only names one (a comment, a value, {@code setopt
 * caseglob}) reads more patterns as tbot's, which errs toward naming it. ksh93's {@code ~(i)} and
 * zsh's {@code (#i)} ignore case in a pattern whatever is set.
 *
 * @param noCase whether a pattern may match a file name in either case (bash's and zsh's {@code
 *     nocaseglob})
 * @param zshExtended whether zsh's {@code #}, {@code ##}, {@code ^}, {@code ~} and {@code (#...)} may
 *     be a pattern's
 * @param braceClasses whether a brace with no {@code ,} may be a set of characters ({@code {o}},
 *     {@code {a-z}})
 */
record GlobOptions(boolean noCase, boolean zshExtended, boolean braceClasses) {

  static final GlobOptions NONE = new GlobOptions(false, false, false);

  /** The options the words of a command line may set: {@link #of(String)} of them joined. */
  static GlobOptions of(List<String> line) {
    return of(String.join(" ", line));
  }

  /**
   * The options {@code string} may set: named in it as written, with its {@code \}-newlines dropped,
   * its {@code $'...'} decoded and its expansions read as giving nothing ({@code nocase${X}glob}),
   * each; all of them where zsh's {@code setopt -m} sets them by a pattern of their names.
   */
  static GlobOptions of(String string) {
    if (setsByPattern(string)) {
      return new GlobOptions(true, true, true);
    }
    String joined = string.replace("\\\n", "");
    return named(string).or(named(AnsiCQuotes.decoded(joined))).or(named(StringReadings.expansionsEmptied(joined)));
  }

  // Whether string has zsh's setopt -m or unsetopt -m (among setopt's options): their words are
  // patterns of options' names (setopt -m 'ext*'). A scan, each character once or twice.
  private static boolean setsByPattern(String string) {
    for (int at = string.indexOf("setopt"), k = 0; at >= 0; at = string.indexOf("setopt", Math.max(at + 1, k))) {
      k = at + 6;
      while (k < string.length() && Character.isWhitespace(string.charAt(k))) {
        k++;
        if (k < string.length() && string.charAt(k) == '-') {
          for (k++; k < string.length() && Character.isLetter(string.charAt(k)); k++) {
            if (string.charAt(k) == 'm') {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  // The options named in text as written.
  private static GlobOptions named(String string) {
    StringBuilder names = new StringBuilder(string.length());
    for (int k = 0; k < string.length(); k++) {
      char c = string.charAt(k);
      if ("_-'\"\\".indexOf(c) < 0) { // zsh's spellings (EXTENDED_GLOB, --extended-glob), and quotes a name may be spliced from
        names.append(c);
      }
    }
    String text = names.toString().toLowerCase(Locale.ROOT);
    return new GlobOptions(names(text, "caseglob"), names(text, "extendedglob"), names(text, "braceccl"));
  }

  // Whether text holds option as a word of its own, or with zsh's "no" in front: not inside another
  // name (USE_LOWERCASE_GLOBALS, EXTENDED_GLOBAL_CACHE: a helper's audit of realistic strings).
  private static boolean names(String text, String option) {
    for (int at = text.indexOf(option); at >= 0; at = text.indexOf(option, at + 1)) {
      int from = at >= 2 && text.startsWith("no", at - 2) ? at - 2 : at;
      int end = at + option.length();
      if (!(from > 0 && isNameChar(text.charAt(from - 1))) && !(end < text.length() && isNameChar(text.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNameChar(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  /** The options either of this and {@code other} sets. */
  GlobOptions or(GlobOptions other) {
    return new GlobOptions(noCase || other.noCase, zshExtended || other.zshExtended, braceClasses || other.braceClasses);
  }
}
