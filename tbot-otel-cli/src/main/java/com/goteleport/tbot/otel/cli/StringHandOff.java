package com.goteleport.tbot.otel.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Programs that hand a {@code -c} string to a shell, as their options give it (util-linux's getopt
 * and flock.c): {@code su USER -c STRING} (and runuser without {@code -u}, which is su) runs it in
 * the user's shell; {@code flock FILE -c STRING} and {@code script -c STRING} in {@code $SHELL}, or
 * sh. {@link ShellString} reads the string.
 */
final class StringHandOff {

  // Programs that give their command the target user's SHELL (sudo -u nobody env shows
  // /usr/sbin/nologin); which shell that is, exec does not know: it reads no string there.
  private static final Set<String> USER_SWITCHERS = Set.of("sudo", "doas", "su", "runuser");
  private static final String UNKNOWN_SHELL = "(the target user's shell)";
  private static final String PASSWD = "etc/passwd"; // under SystemFiles' root
  // Large sites' files are a few MiB; one larger is not read (bash assumed, as for a user not in it).
  private static final int PASSWD_MAX_BYTES = 16 << 20;
  // Login shells that run no -c string (an account without a shell).
  private static final Set<String> NO_STRING_SHELLS = Set.of("nologin", "false");

  private static final Set<String> SU = Set.of("su", "runuser");
  private static final String FLOCK = "flock";
  private static final String SCRIPT = "script";

  // The options of su and flock that take a value, short and long (util-linux).
  private static final String SU_SHORT_VALUES = "cgGsw";
  private static final List<String> SU_LONG_VALUES =
      List.of("command", "session-command", "shell", "group", "supp-group", "whitelist-environment");
  // flock's -c is no option: only right after FILE does it take the string (flock.c).
  private static final String FLOCK_SHORT_VALUES = "wE";
  private static final List<String> FLOCK_LONG_VALUES = List.of("timeout", "wait", "conflict-exit-code");

  // util-linux script's options (2.38): those that take a value, and all its long ones, which its
  // getopt_long takes by a unique prefix. -t and --timing take one only attached (-tFILE, --timing=FILE).
  private static final String SCRIPT_SHORT_VALUES = "IOBTmcEo";
  private static final List<String> SCRIPT_LONG = List.of("log-in", "log-out", "log-io", "log-timing", "timing",
      "logging-format", "append", "command", "return", "flush", "force", "echo", "output-limit", "quiet", "help",
      "version");
  private static final List<String> SCRIPT_LONG_VALUES =
      List.of("log-in", "log-out", "log-io", "log-timing", "logging-format", "command", "echo", "output-limit");

  private StringHandOff() {}

  /** Whether {@code name} hands a -c string to a shell: su, runuser, flock or script. */
  static boolean is(String name) {
    return SU.contains(name) || name.equals(FLOCK) || name.equals(SCRIPT);
  }

  /** Whether {@code name} is su, or runuser, which is su without {@code -u}. */
  static boolean isSu(String name) {
    return SU.contains(name);
  }

  /** Whether {@code name} is util-linux's script. */
  static boolean isScript(String name) {
    return name.equals(SCRIPT);
  }

  /** The string that {@code name}, one {@link #is} takes, hands on, from its arguments at {@code from}. */
  @Nullable
  static ShellOptions.Found read(String name, List<String> line, int from) {
    return name.equals(SCRIPT) ? script(line, from) : SU.contains(name) ? su(line, from) : flock(line, from);
  }

  /**
   * The name of the shell that {@code name}, with its arguments at {@code from} in {@code line}, runs
   * its string in: su's, the target user's login shell ({@link #suShell}); flock's and script's
   * {@code $SHELL}, as a {@code NAME=VALUE} word in front of them ({@code before}) sets it (the
   * last), or exec's; sh where it is unset or empty.
   */
  static String shell(String name, Map<String, String> env, List<String> before, List<String> line, int from) {
    if (SU.contains(name)) {
      return suShell(suLine(line, from), env, before);
    }
    String shell = shellVariable(env, before);
    return shell == null || shell.isEmpty() ? "sh" : ProgramName.launcherName(shell);
  }

  /**
   * The shell su runs its string in (util-linux su-common.c): the user's login shell from the
   * password database (/bin/sh where its field is empty); {@code -s SHELL}'s, or with {@code -m},
   * {@code -p} or {@code --preserve-environment} {@code $SHELL}'s (set empty: "", which su fails to
   * run), unless the caller is not root and the login shell is not in /etc/shells: so a login shell
   * that reads start-up files (zsh's ~/.zshenv, fish's config.fish, tcsh's ~/.tcshrc: any may export
   * a no) is the answer whatever the options; one that runs no string (nologin) is not, as no other
   * shell then runs tbot. bash where the user is not found in the file (in LDAP, say) or it cannot
   * be read.
   */
  private static String suShell(SuLine su, Map<String, String> env, List<String> before) {
    String login = loginShell(su.user() == null ? "root" : su.user());
    // nologin and false run no string: su runs -s's (or $SHELL's) shell instead, or for a caller
    // not root that login shell, and then no tbot.
    boolean none = login != null && NO_STRING_SHELLS.contains(ProgramName.launcherName(login));
    if (login != null && !none && !ShellOptions.readsNoStartupFile(ProgramName.launcherName(login))) {
      return ProgramName.launcherName(login);
    }
    String preserved = su.preserve() ? shellVariable(env, before) : null;
    // An empty $SHELL is kept too: su fails to execute "" (no /bin/sh there, unlike flock).
    String chosen = su.shell() != null ? su.shell() : preserved != null ? preserved : login;
    return chosen == null ? "bash" : ProgramName.launcherName(chosen);
  }

  /**
   * The name of the shell {@code sudo -s} runs its command in: the caller's {@code $SHELL}, as a
   * {@code NAME=VALUE} word in front of sudo ({@code before}) sets it, or exec's; where unset or
   * empty, the caller's login shell in the password database; {@code null} where that is unknown.
   */
  @Nullable
  static String sudoShell(Map<String, String> env, List<String> before) {
    String shell = shellVariable(env, before);
    if (shell == null || shell.isEmpty()) {
      try {
        shell = loginShell(System.getProperty("user.name", ""));
      } catch (SecurityException e) {
        shell = null;
      }
    }
    return shell == null ? null : ProgramName.launcherName(shell);
  }

  /**
   * {@code user}'s login shell in the password database (/bin/sh for an empty field), or {@code
   * null} if not found there or the file cannot be read whole.
   */
  @Nullable
  private static String loginShell(String user) {
    String text = SystemFiles.read(SystemFiles.get(PASSWD), PASSWD_MAX_BYTES);
    if (text == null) {
      return null;
    }
    for (String entry : text.split("\n", -1)) {
      // As glibc's files backend: a line's leading blanks (isspace) are skipped (" zed:..." is zed's).
      int start = 0;
      while (start < entry.length() && " \t\n\u000b\f\r".indexOf(entry.charAt(start)) >= 0) {
        start++;
      }
      String[] fields = entry.substring(start).split(":", -1);
      if (fields.length == 7 && fields[0].equals(user)) {
        return fields[6].isEmpty() ? "/bin/sh" : fields[6];
      }
    }
    return null;
  }

  /**
   * $SHELL as a program at the end of {@code before} gets it: the last {@code SHELL=} there, or
   * exec's; behind sudo, doas, su or runuser the target user's, which exec does not know ({@link
   * #UNKNOWN_SHELL}), unless a {@code SHELL=} after them sets it.
   */
  @Nullable
  private static String shellVariable(Map<String, String> env, List<String> before) {
    String shell = env.get("SHELL");
    for (String word : before) {
      if (word.startsWith("SHELL=")) {
        shell = word.substring("SHELL=".length());
      } else if (USER_SWITCHERS.contains(ProgramName.launcherName(word))) {
        shell = UNKNOWN_SHELL;
      }
    }
    return shell;
  }

  /**
   * Whether util-linux script, with its arguments at {@code from}, runs nothing, and exits 0: its
   * -V, --version, -h or --help anywhere among its options (its getopt permutes them) prints and
   * exits; with SHELL set empty it fails to run it (script.c takes /bin/sh only where SHELL is unset;
   * flock takes it where empty too). Checked: script 2.38.1.
   */
  static boolean scriptRunsNothing(List<String> line, int from, Map<String, String> env, List<String> before) {
    String shell = shellVariable(env, before);
    return shell != null && shell.isEmpty() || scriptHas(line, from, "Vh", List.of("help", "version"));
  }

  /**
   * Whether util-linux script, with its arguments at {@code from}, returns its command's status:
   * only with -e or --return; without, it exits 0 whatever that is (script 2.38.1: script -q -c
   * 'exit 3' exits 0).
   */
  static boolean scriptReturns(List<String> line, int from) {
    return scriptHas(line, from, "e", List.of("return"));
  }

  /** Whether script's options from {@code from} have one of {@code letters} or of the long {@code names}. */
  private static boolean scriptHas(List<String> line, int from, String letters, List<String> names) {
    for (int i = from; i < line.size(); i++) {
      String arg = line.get(i);
      if (arg.equals("--")) {
        return false;
      }
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String full = GetoptLong.match(SCRIPT_LONG, arg.substring(2, eq < 0 ? arg.length() : eq));
        if (full != null && names.contains(full)) {
          return true;
        }
        i += eq < 0 && full != null && SCRIPT_LONG_VALUES.contains(full) ? 1 : 0;
      } else if (arg.startsWith("-") && arg.length() > 1) {
        for (int k = 1; k < arg.length(); k++) {
          char letter = arg.charAt(k);
          if (letters.indexOf(letter) >= 0) {
            return true;
          }
          if (letter == 't' || SCRIPT_SHORT_VALUES.indexOf(letter) >= 0) {
            i += letter != 't' && k + 1 == arg.length() ? 1 : 0; // its value: the rest, or the next word
            break;
          }
        }
      }
    }
    return false;
  }

  /**
   * The value of su's {@code -c}/{@code --command} among its options from {@code from} (getopt
   * permutes them: {@code su USER -c STRING}); {@code null} if none. Its {@code -}, {@code -l} and
   * {@code --login} run a login shell, whose profile may set anything: not plain; nor is a string
   * its {@code -s SHELL} runs in a shell exec does not read.
   */
  @Nullable
  private static ShellOptions.Found su(List<String> line, int from) {
    SuLine su = suLine(line, from);
    return su.string() == null ? null : new ShellOptions.Found(su.string(), su.plain());
  }

  /**
   * What su's words from {@code from} give: its string, whether that is plain, its user ({@code
   * null}: root), its {@code -s} shell and whether it keeps the environment ({@code -m}, {@code -p},
   * {@code --preserve-environment}).
   */
  private record SuLine(@Nullable String string, boolean plain, @Nullable String user, @Nullable String shell,
      boolean preserve) {}

  private static SuLine suLine(List<String> line, int from) {
    String string = null;
    boolean plain = true;
    String user = null;
    String shell = null;
    boolean preserve = false;
    for (int i = from; i < line.size(); i++) {
      String arg = line.get(i);
      if (arg.equals("--") && string == null) {
        // After it, su's user (if not given yet), then its shell's own arguments, which su hands on
        // (su bot -- -c STRING): the shell's -c string.
        boolean userGiven = user != null;
        user = !userGiven && i + 1 < line.size() ? line.get(i + 1) : user;
        ShellOptions.Found shells = ShellOptions.sh(line, i + (userGiven ? 1 : 2));
        return shells == null ? new SuLine(null, plain, user, shell, preserve)
            : new SuLine(shells.string(), plain && shells.plain(), user, shell, preserve);
      }
      if (arg.equals("--")) {
        user = user == null && i + 1 < line.size() ? line.get(i + 1) : user;
        break;
      }
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = arg.substring(2, eq < 0 ? arg.length() : eq);
        boolean takesValue = GetoptLong.isOneOf(SU_LONG_VALUES, name);
        String value = eq >= 0 ? arg.substring(eq + 1) : takesValue && i + 1 < line.size() ? line.get(++i) : null;
        // --session-command runs its string as --command does; a prefix of both (--s) is refused.
        boolean command = "command".startsWith(name) || "session-command".startsWith(name) && name.length() > 1;
        if (!name.isEmpty() && command && value != null) {
          string = value;
        }
        // --shell (--sh, a prefix no other of su's long options shares) runs the string in that shell.
        boolean shellOption = name.startsWith("sh") && "shell".startsWith(name);
        shell = shellOption && value != null ? value : shell;
        plain &= !(shellOption && !readable(value));
        plain &= !(!name.isEmpty() && "login".startsWith(name));
        preserve |= name.length() > 1 && "preserve-environment".startsWith(name);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        for (int k = 1; k < arg.length(); k++) {
          char letter = arg.charAt(k);
          if (SU_SHORT_VALUES.indexOf(letter) >= 0) {
            String value = k + 1 < arg.length() ? arg.substring(k + 1) : i + 1 < line.size() ? line.get(++i) : null;
            string = letter == 'c' && value != null ? value : string;
            shell = letter == 's' && value != null ? value : shell;
            plain &= !(letter == 's' && !readable(value));
            break;
          }
          plain &= letter != 'l';
          preserve |= letter == 'm' || letter == 'p';
        }
      } else {
        plain &= !arg.equals("-"); // the user, the shell's arguments, or su's -
        user = user == null && !arg.equals("-") ? arg : user;
      }
    }
    return new SuLine(string, plain, user, shell, preserve);
  }

  /**
   * flock's string: it takes {@code -c} or {@code --command} only right after FILE ({@code flock
   * FILE -c STRING}, read by flock itself, not getopt); {@code null} if none.
   */
  @Nullable
  private static ShellOptions.Found flock(List<String> line, int from) {
    for (int i = from; i < line.size(); i++) {
      String arg = line.get(i);
      if (arg.equals("--")) {
        break;
      }
      if (arg.startsWith("--")) {
        i += arg.indexOf('=') < 0 && GetoptLong.isOneOf(FLOCK_LONG_VALUES, arg.substring(2)) ? 1 : 0;
      } else if (arg.startsWith("-") && arg.length() > 1) {
        for (int k = 1; k < arg.length(); k++) {
          if (FLOCK_SHORT_VALUES.indexOf(arg.charAt(k)) >= 0) {
            i += k + 1 == arg.length() ? 1 : 0; // its value is the next argument, or the rest of this one
            break;
          }
        }
      } else {
        // FILE: its options end here, and only -c or --command may follow as its own
        boolean command = i + 2 < line.size() && (line.get(i + 1).equals("-c") || line.get(i + 1).equals("--command"));
        return command ? new ShellOptions.Found(line.get(i + 2), true) : null;
      }
    }
    return null;
  }

  /**
   * util-linux script's {@code -c}/{@code --command} string among its options from {@code from}
   * (the last given; its getopt permutes them, so they may follow its FILE), {@code null} if none,
   * or if an option is ambiguous, which script refuses.
   */
  @Nullable
  private static ShellOptions.Found script(List<String> line, int from) {
    String string = null;
    for (int i = from; i < line.size(); i++) {
      String arg = line.get(i);
      if (arg.equals("--")) {
        break; // FILE after it, -c too
      }
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String full = GetoptLong.match(SCRIPT_LONG, arg.substring(2, eq < 0 ? arg.length() : eq));
        if (full == null) {
          return null; // script refuses an unknown or ambiguous option
        }
        String value = eq >= 0 ? arg.substring(eq + 1)
            : SCRIPT_LONG_VALUES.contains(full) && i + 1 < line.size() ? line.get(++i) : null;
        string = full.equals("command") && value != null ? value : string;
      } else if (arg.startsWith("-") && arg.length() > 1) {
        for (int k = 1; k < arg.length(); k++) {
          char letter = arg.charAt(k);
          if (letter == 't') {
            break; // -t[FILE]: the rest of the cluster is its file
          }
          if (SCRIPT_SHORT_VALUES.indexOf(letter) >= 0) {
            String value = k + 1 < arg.length() ? arg.substring(k + 1) : i + 1 < line.size() ? line.get(++i) : null;
            string = letter == 'c' && value != null ? value : string;
            break;
          }
        }
      }
    }
    return string == null ? null : new ShellOptions.Found(string, true);
  }

  /** Whether a shell, named by its path, is one whose -c string exec reads as sh's, without an option (not zsh). */
  private static boolean readable(@Nullable String shell) {
    return shell != null && ShellOptions.readsNoStartupFile(ProgramName.launcherName(shell));
  }
}
