package com.goteleport.tbot.otel.cli;

import java.util.List;
import java.util.Locale;

/**
 * The options of pattern matching a shell string may set for itself, for {@link ShellGlob} and
 * {@link StringReadings#namesTbot}: bash's {@code shopt -s nocaseglob} and zsh's {@code
 * NO_CASE_GLOB} (case ignored: {@code TB?T}), zsh's {@code EXTENDED_GLOB} ({@code tbo#t}, {@code
 * tb^x}, {@code (#i)TBOT}) and {@code BRACE_CCL} ({@code tb{o}t}). Read wherever the string names
 * one, as zsh spells them (case, {@code _} and {@code -} ignored), quoted or not: a word that only names one
 * (a comment, a value, {@code setopt caseglob}) reads more patterns as tbot's, which errs toward
 * naming it. ksh93's {@code ~(i)} and zsh's {@code (#i)} ignore case in a pattern whatever is set.
 */
final class GlobOptions {

  static final GlobOptions NONE = new GlobOptions(false, false, false);

  private final boolean noCase;
  private final boolean zshExtended;
  private final boolean braceClasses;

  private GlobOptions(boolean noCase, boolean zshExtended, boolean braceClasses) {
    this.noCase = noCase;
    this.zshExtended = zshExtended;
    this.braceClasses = braceClasses;
  }

  /** The options the words of a command line may set: {@link #of(String)} of them joined. */
  static GlobOptions of(List<String> line) {
    return of(String.join(" ", line));
  }

  /** The options {@code string} may set. */
  static GlobOptions of(String string) {
    StringBuilder names = new StringBuilder(string.length());
    for (int k = 0; k < string.length(); k++) {
      char c = string.charAt(k);
      if ("_-'\"\\".indexOf(c) < 0) { // zsh's spellings (EXTENDED_GLOB, --extended-glob), and quotes a name may be spliced from
        names.append(c);
      }
    }
    String text = names.toString().toLowerCase(Locale.ROOT);
    return new GlobOptions(text.contains("caseglob"), text.contains("extendedglob"), text.contains("braceccl"));
  }

  /** The options either of this and {@code other} sets. */
  GlobOptions or(GlobOptions other) {
    return new GlobOptions(noCase || other.noCase, zshExtended || other.zshExtended, braceClasses || other.braceClasses);
  }

  /** Whether a pattern may match a file name in either case (bash's and zsh's {@code nocaseglob}). */
  boolean noCase() {
    return noCase;
  }

  /** Whether zsh's {@code #}, {@code ##}, {@code ^}, {@code ~} and {@code (#...)} may be a pattern's. */
  boolean zshExtended() {
    return zshExtended;
  }

  /** Whether a brace with no {@code ,} may be a set of characters ({@code {o}}, {@code {a-z}}). */
  boolean braceClasses() {
    return braceClasses;
  }
}
