package com.goteleport.tbot.otel.cli;

import java.util.Map;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * ksh93's regex dialects in a pattern, for {@link ShellGlob}: after {@code ~(E)}, {@code ~(G)},
 * {@code ~(P)} ... the rest of the pattern is a regex, matched anywhere in the name, not a glob. An
 * extended regex's syntax is mostly Java's; a basic one is read both as one and as an extended one
 * (the readings drop its {@code \}s); POSIX classes are translated. One Java cannot read may match.
 */
final class Ksh93Regex {

  // Each ~(...) option letter ksh93u+m takes as a regex dialect (ERE, BRE, fixed, perl, ...).
  private static final String DIALECTS = "ABEFGPVX";
  // The longest regex read, and the most repeats and |s (each a loop or a choice Java's regex
  // backtracks through: ~(E).*.*.*... seconds of CPU past a few hundred characters, ~(E)(|)(|)...
  // minutes); past them, not told.
  private static final int CHARS = 256;
  private static final int REPEATS = 8;
  private static final int CHOICES = 8;

  private Ksh93Regex() {}

  /** Whether ksh93's {@code ~(options)} makes what follows a regex. */
  static boolean isDialect(String options) {
    return options.chars().anyMatch(o -> DIALECTS.indexOf(o) >= 0);
  }

  /**
   * A Java regex matching a whole name that holds a match of {@code rest}, the regex after {@code
   * ~(options)}; {@code null} where it is past the bounds (not told: it may match).
   */
  @Nullable
  static String anywhere(String options, String rest) {
    if (rest.length() > CHARS || rest.chars().filter(r -> "*+?{".indexOf(r) >= 0).count() > REPEATS
        || rest.chars().filter(r -> r == '|').count() > CHOICES) {
      return null;
    }
    String read = options.indexOf('F') >= 0 ? Pattern.quote(rest)
        : options.indexOf('B') >= 0 || options.indexOf('G') >= 0
            ? "(?:" + posixClasses(basic(rest)) + ")|(?:" + posixClasses(rest) + ")" : posixClasses(rest);
    return "(?:.*(?:" + read + ").*)";
  }

  // A basic regex (BRE) as Java reads an extended one: \( \) \{ \} group and count there, and ( ) { }
  // + ? | are characters.
  private static String basic(String bre) {
    StringBuilder ere = new StringBuilder(bre.length());
    for (int k = 0; k < bre.length(); k++) {
      char c = bre.charAt(k);
      if (c == '\\' && k + 1 < bre.length() && "(){}".indexOf(bre.charAt(k + 1)) >= 0) {
        ere.append(bre.charAt(++k));
      } else if ("(){}+?|".indexOf(c) >= 0) {
        ere.append('\\').append(c);
      } else {
        ere.append(c);
        if (c == '\\' && k + 1 < bre.length()) {
          ere.append(bre.charAt(++k));
        }
      }
    }
    return ere.toString();
  }

  // A regex's POSIX classes ([[:alpha:]]+) as Java's: Java would read [:alpha:] as a set of its letters.
  private static String posixClasses(String regex) {
    String java = regex;
    for (Map.Entry<String, String> each : ShellGlob.CLASSES.entrySet()) {
      java = java.replace("[:" + each.getKey() + ":]", each.getValue());
    }
    return java;
  }
}
