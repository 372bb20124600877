package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The shells whose {@code -c} string exec reads ({@link ShellString}), by the name a launcher is
 * known by, and their own options up to that string: sh's kind, fish's and csh's (tcsh's), each
 * read as that shell reads them. Options that may change what tbot gets before the string runs (a
 * startup file, {@code -n}, a restricted shell) leave the string not plain.
 */
final class ShellOptions {

  // Shells with POSIX sh's -c (bash.exe runs bash). yash and posh read no startup file for -c, nor
  // $ENV, and quote plain words as sh does (ShellStringTest).
  private static final Set<String> SH = Set.of("sh", "bash", "rbash", "dash", "ash", "hush", "ksh", "mksh", "zsh",
      "yash", "posh");
  // Shells whose -c string is read by rules of their own (bsd-csh is Debian's csh; checked against
  // fish 3.6, tcsh 6.24 and bsd-csh: ShellStringTest).
  private static final String FISH = "fish";
  private static final Set<String> CSH = Set.of("csh", "tcsh", "bsd-csh");
  // zsh reads ~/.zshenv ($ZDOTDIR's) for every -c unless its RCS option is off (-f, --no-rcs, +o
  // rcs ...; zsh's option names ignore case, '_' and a long option's '-'). /etc/zshenv it reads even
  // then: a system file, as sudoers is.
  private static final String ZSH = "zsh";
  private static final String RCS = "rcs";
  private static final String NO_RCS = "norcs";

  // A shell's -o values that change nothing tbot gets: any other (noexec, an interactive one) is
  // not read.
  private static final Set<String> PLAIN_SET_OPTIONS = Set.of("errexit", "nounset", "xtrace", "verbose", "pipefail",
      "noglob", "allexport", "posix", "noclobber", "errtrace", "functrace");
  // Option letters that change nothing tbot gets; with any other (-l and -i read startup files that
  // may set anything, -n runs nothing, -r restricts) the string is not read.
  private static final String PLAIN_LETTERS = "ceuxvfahbmBCEHPTp";
  private static final Set<String> PLAIN_LONG = Set.of("norc", "noprofile", "posix", "noediting", "verbose");

  // fish's options (fish.cpp): those that take a value, those that change nothing tbot gets, and its
  // long ones, taken by a unique prefix. Its options stop at the first operand.
  private static final String FISH_SHORT_VALUES = "cCpdfDo";
  private static final String FISH_PLAIN_LETTERS = "cPNpdDo";
  private static final List<String> FISH_LONG = List.of("command", "init-command", "features", "debug",
      "debug-output", "debug-stack-frames", "interactive", "login", "no-config", "no-execute", "print-rusage-self",
      "print-debug-categories", "profile", "profile-startup", "private", "help", "version");
  private static final Set<String> FISH_LONG_VALUES = Set.of("command", "init-command", "features", "debug",
      "debug-output", "debug-stack-frames", "profile", "profile-startup");
  private static final Set<String> FISH_PLAIN_LONG = Set.of("command", "debug", "debug-output",
      "debug-stack-frames", "no-config", "print-rusage-self", "profile", "profile-startup", "private");
  // csh's and tcsh's option letters that change nothing tbot gets (-f skips ~/.tcshrc; -b ends the
  // options, after which -c is a script's name).
  private static final String CSH_PLAIN_LETTERS = "cefFqvxVX";

  private ShellOptions() {}

  /**
   * A string, and whether its shell runs it as it is (with no startup file, no -n); or, {@code
   * runsNothing}, none at all: a csh whose last -c has no string after it runs nothing (its string
   * then "", not plain).
   */
  record Found(String string, boolean plain, boolean runsNothing) {

    Found(String string, boolean plain) {
      this(string, plain, false);
    }

    /** What {@link #read} gives for a csh whose -c has no string after it: it runs nothing. */
    static Found nothing() {
      return new Found("", false, true);
    }
  }

  /** Whether exec reads the -c string of the shell {@code name}: sh's kind, fish, csh or tcsh. */
  static boolean reads(String name) {
    return SH.contains(name) || name.equals(FISH) || CSH.contains(name);
  }

  /**
   * Whether the shell {@code name} runs a {@code -c} string with no startup file of its own given no
   * option: sh's kind but zsh (its ~/.zshenv, unless -f), not fish (its config and universal
   * variables, unless -N) nor csh (its .cshrc, unless -f). script, flock and su give none.
   */
  static boolean readsNoStartupFile(String name) {
    return SH.contains(name) && !name.equals(ZSH);
  }

  /** Whether {@code name} is a shell with POSIX sh's {@code -c}, read by {@link #sh}. */
  static boolean isSh(String name) {
    return SH.contains(name);
  }

  /** Whether {@code name} is fish, whose string is read by rules of its own. */
  static boolean isFish(String name) {
    return name.equals(FISH);
  }

  /** Whether {@code name} is csh or tcsh. */
  static boolean isCsh(String name) {
    return CSH.contains(name);
  }

  /** The {@code -c} string of {@code shell}, one {@link #reads} takes, after its options at {@code from}. */
  @Nullable
  static Found read(String shell, List<String> line, int from) {
    return isFish(shell) ? fish(line, from) : isCsh(shell) ? csh(line, from) : sh(line, from, shell.equals(ZSH));
  }

  /** {@link #sh}'s for a shell of sh's kind that is not zsh (su's user's shell). */
  @Nullable
  static Found sh(List<String> line, int from) {
    return sh(line, from, false);
  }

  /**
   * A shell's {@code -c} string after its options at {@code from}: the first operand, if any cluster
   * has {@code c}; {@code null} if none does, or it is missing. zsh's is plain only with its RCS
   * option off by then.
   */
  @Nullable
  private static Found sh(List<String> line, int from, boolean zsh) {
    boolean c = false;
    boolean plain = true;
    boolean rcs = true;
    int i = from;
    while (i < line.size()) {
      String arg = line.get(i);
      if (arg.equals("--") || arg.equals("-")) {
        i++;
        break;
      }
      String zshName = zsh ? zshOption(arg.substring(arg.startsWith("--") ? 2 : 0)) : "";
      if (arg.startsWith("--") && (zshName.equals(RCS) || zshName.equals(NO_RCS))) {
        rcs = zshName.equals(RCS);
      } else if (arg.startsWith("--")) {
        boolean known = PLAIN_LONG.contains(arg.substring(2));
        plain &= known; // --login, --rcfile FILE ...: not read
        if (!known && i + 1 < line.size() && !line.get(i + 1).startsWith("-")) {
          // Its value, maybe (bash's --rcfile FILE, --init-file FILE): a -c after it is still the shell's.
          i++;
        }
      } else if ((arg.startsWith("-") || arg.startsWith("+")) && arg.length() > 1) {
        for (int k = 1; k < arg.length(); k++) {
          char letter = arg.charAt(k);
          String name =
              (letter == 'o' || letter == 'O') && zsh && i + 1 < line.size() ? zshOption(line.get(i + 1)) : "";
          if (name.equals(RCS) || name.equals(NO_RCS)) {
            i++;
            rcs = name.equals(RCS) == (arg.charAt(0) == '-'); // +o rcs turns it off
          } else if (letter == 'o' || letter == 'O') {
            // -o NAME, one per cluster's o; bash's -O shopt_name is not read
            i++;
            plain &= letter == 'o' && i < line.size() && PLAIN_SET_OPTIONS.contains(line.get(i));
          } else {
            rcs = zsh && letter == 'f' ? arg.charAt(0) == '+' : rcs; // zsh's -f is NO_RCS
            c |= letter == 'c' && arg.charAt(0) == '-';
            plain &= PLAIN_LETTERS.indexOf(letter) >= 0;
          }
        }
      } else {
        break;
      }
      i++;
    }
    return c && i < line.size() ? new Found(line.get(i), plain && !(zsh && rcs)) : null;
  }

  /** A zsh option's name as zsh compares it: lower case, without '_' and '-'. */
  private static String zshOption(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /**
   * fish's {@code -c} string among its options from {@code from}: {@code -cSTRING}, {@code -c
   * STRING} or {@code --command[=]STRING}, in a cluster too; options stop at the first operand or
   * {@code --}. Plain only with one string and options that change nothing tbot gets ({@code -C}
   * runs code first, {@code -i}, {@code -l} ...); {@code null} without one, or for an option fish
   * refuses.
   */
  @Nullable
  private static Found fish(List<String> line, int from) {
    List<String> strings = new ArrayList<>();
    boolean plain = true;
    boolean noConfig = false; // -N, --no-config: no config.fish, conf.d nor universal variables
    for (int i = from; i < line.size(); i++) {
      String arg = line.get(i);
      if (arg.equals("--") || !arg.startsWith("-") || arg.equals("-")) {
        break;
      }
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = arg.substring(2, eq < 0 ? arg.length() : eq);
        String full = GetoptLong.match(FISH_LONG, name);
        if (full == null) {
          return null; // fish refuses it
        }
        String value = !FISH_LONG_VALUES.contains(full) ? null
            : eq >= 0 ? arg.substring(eq + 1) : i + 1 < line.size() ? line.get(++i) : null;
        if (full.equals("command") && value != null) {
          strings.add(value);
        }
        plain &= FISH_PLAIN_LONG.contains(full);
        noConfig |= full.equals("no-config");
        continue;
      }
      for (int k = 1; k < arg.length(); k++) {
        char letter = arg.charAt(k);
        plain &= FISH_PLAIN_LETTERS.indexOf(letter) >= 0;
        noConfig |= letter == 'N';
        if (FISH_SHORT_VALUES.indexOf(letter) >= 0) {
          String value = k + 1 < arg.length() ? arg.substring(k + 1) : i + 1 < line.size() ? line.get(++i) : null;
          if (letter == 'c' && value != null) {
            strings.add(value);
          }
          break;
        }
      }
    }
    // More than one string: each runs in turn, no one plain command.
    return strings.isEmpty() ? null : new Found(String.join("\n", strings), plain && noConfig && strings.size() == 1);
  }

  /**
   * csh's and tcsh's {@code -c} string: the word right after the cluster with {@code c}, whatever
   * its shape (tcsh -c -f runs -f); they read option clusters on after it, up to the first other
   * word. Plain only with one, and letters that change nothing tbot gets ({@code -f}, {@code -e},
   * {@code -x} ...; not {@code -i}, {@code -l}, {@code -m}, {@code -n}, {@code -b} ...).
   */
  @Nullable
  private static Found csh(List<String> line, int from) {
    List<String> strings = new ArrayList<>();
    boolean plain = true;
    boolean f = false; // -f: no .cshrc/.tcshrc
    int i = from;
    while (i < line.size() && line.get(i).startsWith("-") && line.get(i).length() > 1) {
      String arg = line.get(i++);
      for (int k = 1; k < arg.length(); k++) {
        char letter = arg.charAt(k);
        plain &= CSH_PLAIN_LETTERS.indexOf(letter) >= 0;
        f |= letter == 'f';
        if (letter == 'c' && i >= line.size()) {
          return Found.nothing(); // a -c without its string: csh runs none, not even one given before
        }
        if (letter == 'c') {
          strings.add(line.get(i++));
        }
      }
      if (arg.indexOf('b') > 0) {
        break; // -b ends its options
      }
    }
    return strings.isEmpty() ? null : new Found(String.join("\n", strings), plain && f && strings.size() == 1);
  }
}
