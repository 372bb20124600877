package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * A command string a shell runs: {@code sh -c STRING} (any cluster with {@code c}, for the shells
 * below, {@code busybox sh} too), and {@code su USER -c STRING} and {@code flock FILE -c STRING},
 * which hand it to a shell. A container's entrypoint is often {@code sh -c 'tbot start -c
 * /etc/tbot.yaml'}: its tbot reads that config's no, which a wrapper's line does not show. exec
 * reads such a string only when it is one plain command, as if its words followed directly; a
 * string that names tbot otherwise records nothing, as {@code env -S}'s does (see {@link
 * Launcher#tbotInSplitString}): which config, and which no, that tbot reads is unknown.
 */
final class ShellString {

  // Shells with POSIX sh's -c, by the name a launcher is known by (bash.exe runs bash). yash and
  // posh read no startup file for -c, nor $ENV, and quote plain words as sh does (ShellStringTest).
  private static final Set<String> SHELLS =
      Set.of("sh", "bash", "rbash", "dash", "ash", "hush", "ksh", "mksh", "zsh", "yash", "posh");

  // Shells whose -c string exec reads by rules of their own (bsd-csh is Debian's csh): their plain
  // words are sh's but for fish's %self (its PID) and its NAME=VALUE in front of exec, which it does
  // not pass on, and csh's NAME=VALUE, which it runs as a command, and \-newline in double quotes,
  // which it keeps (checked against fish 3.6, tcsh 6.24 and bsd-csh: ShellStringTest).
  private static final String FISH = "fish";
  private static final Set<String> CSH = Set.of("csh", "tcsh", "bsd-csh");
  // Their keywords, where a simple command's name would be: fish's and, or and not run the command
  // after them or not by the last status.
  private static final Set<String> FISH_RESERVED = Set.of("and", "or", "not", "!", "begin", "end", "if", "else",
      "switch", "case", "while", "for", "function", "return", "break", "continue");
  private static final Set<String> CSH_RESERVED = Set.of("if", "then", "else", "endif", "foreach", "while", "end",
      "switch", "case", "breaksw", "endsw", "default", "repeat", "goto", "onintr");

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

  // Hand a -c string to a shell: the user's (su, runuser), or $SHELL or sh (flock, script).
  private static final Set<String> SU = Set.of("su", "runuser");
  private static final String FLOCK = "flock";
  private static final String SCRIPT = "script";

  // Debian's start-stop-daemon runs its --exec (or --startas) PROGRAM with the arguments after its
  // '--': a shell there runs its -c string (start-stop-daemon --exec /bin/sh -- -c STRING). Its
  // short options that take a value, and its long ones (--start alone takes none of --startas's).
  private static final String DAEMON = "start-stop-daemon";
  private static final String DAEMON_SHORT_VALUES = "pxnugsRaNPIkcrdO";
  private static final List<String> DAEMON_LONG_VALUES = List.of("pidfile", "exec", "name", "user", "group", "signal",
      "retry", "startas", "nicelevel", "procsched", "iosched", "umask", "chuid", "chroot", "chdir", "output",
      "notify-timeout");

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

  // A shell's -o values that change nothing tbot gets: any other (noexec, an interactive one) is
  // not read.
  private static final Set<String> PLAIN_SET_OPTIONS = Set.of("errexit", "nounset", "xtrace", "verbose", "pipefail",
      "noglob", "allexport", "posix", "noclobber", "errtrace", "functrace");
  // Option letters that change nothing tbot gets; with any other (-l and -i read startup files that
  // may set anything, -n runs nothing, -r restricts) the string is not read.
  private static final String PLAIN_LETTERS = "ceuxvfahbmBCEHPTp";
  private static final Set<String> PLAIN_LONG = Set.of("norc", "noprofile", "posix", "noediting", "verbose");

  // Characters of a string that is one plain command: anything else (expansions, redirections,
  // operators, globs, escapes, comments, control characters) makes it a script, not a line.
  private static final String SPECIAL = "$`\\;&|<>()*?[]{}~#!^";

  // Characters that make an argument more than one word, or shell code: a string that may be run.
  private static final String STRING_BREAKS = " \t\n\r;&|<>()`$";

  // Words that make a string no simple command where its command should be.
  private static final Set<String> RESERVED = Set.of("if", "then", "else", "elif", "fi", "case", "esac", "for",
      "select", "while", "until", "do", "done", "function", "in", "coproc");

  // Builtins that run their words as shell code (eval 'tbot start -c no.yaml', trap 'tbot ...' EXIT,
  // eval DO_NOT_TRACK=1 tbot start), and those that run the builtin named after them (command eval
  // ..., builtin eval ..., bash's time eval ...): their tbot, and what it gets, is not the line read.
  private static final Set<String> CODE_BUILTINS = Set.of("eval", "trap", ".", "source", "fc");
  private static final Set<String> BUILTIN_PREFIXES = Set.of("command", "builtin", "time");

  // bash sources $BASH_ENV before any -c string (not as sh, not in posix mode: not told apart here),
  // and bash, also as sh, defines the functions exported as BASH_FUNC_NAME%% (tbot, exec ...): code
  // from exec's environment that may export a no or another config.
  private static final String BASH_ENV = "BASH_ENV";
  private static final String EXPORTED_FUNCTION = "BASH_FUNC_";
  // bash, also as sh, turns on the options SHELLOPTS lists (keyword: tbot start DO_NOT_TRACK=1
  // sets it for tbot, not as its argument).
  private static final String SHELLOPTS = "SHELLOPTS";

  // Passes over strings within strings (sh -c "sh -c '...'"): the last only finds none left, so seven are read.
  private static final int NESTING = 8;

  private ShellString() {}

  /**
   * The command line exec reads for {@code command}: {@code command} itself, or where a shell runs
   * a {@code -c} string that is one plain command, the programs in front of that shell followed by
   * the string's command ({@code sudo sh -c 'exec tbot start'} is read as {@code sudo tbot start};
   * its {@code NAME=VALUE} words as {@code env NAME=VALUE}, which sets them as the shell does; behind
   * su, as behind su). {@code null} where a string that names tbot is not read: not one plain
   * command, or a shell that may change what tbot gets before running it ({@code bash -l}, or bash
   * with {@code BASH_ENV} in {@code env}, exec's environment, or set in front of it).
   */
  @Nullable
  static List<String> commandLine(List<String> command, Map<String, String> env) {
    Read read = new Read(command, 0);
    for (int depth = 0; depth < NESTING; depth++) {
      Read next = readOnce(read.line(), read.from(), env);
      if (next == null || next.line() == read.line()) {
        return next == null ? null : next.line();
      }
      read = next;
    }
    return null; // still a string in a string: not read
  }

  /** A line, and where its words not yet read start: those in front of a string read are not read again. */
  private record Read(List<String> line, int from) {}

  /**
   * {@code line} with its first shell string at or after {@code from} replaced by its command; {@code
   * line} as it is; or {@code null} for a string that names tbot and is not read.
   */
  @Nullable
  private static Read readOnce(List<String> line, int from, Map<String, String> env) {
    Read same = new Read(line, from);
    if (line.isEmpty() || ProgramName.isTbot(line.get(0))) {
      return same;
    }
    boolean suRead = false;
    boolean scriptRead = false; // as su: a script or start-stop-daemon among the first one's
    boolean daemonRead = false; // arguments is none that runs, and is not read again
    for (int i = from; i < line.size(); i++) {
      if (ProgramName.isTbot(line.get(i)) && !(i + 1 < line.size() && handsOn(line.get(i + 1)))) {
        // tbot's own arguments from here (nice tbot start --destination /srv/sh -c no.yaml): a
        // shell's name among them is a value of tbot's. One right after it is not (gosu tbot sh -c).
        return same;
      }
      String name = ProgramName.launcherName(line.get(i));
      if (SU.contains(name) && suRead) {
        // su's options, user and its shell's arguments run to the end of the line, all read once:
        // a su among them is none su runs (and reading each again would take quadratic time).
        continue;
      }
      RunUser runuser = RunUser.is(name) ? RunUser.read(line, i + 1) : null;
      if (runuser != null) {
        // runuser -u runs its command itself, as a launcher does: read from there (its USER, tbot
        // too, is no program). One that does not run it as given records nothing (see TbotCommand).
        if (!runuser.runsAsGiven()) {
          return same;
        }
        i = runuser.commandAt() - 1;
        continue;
      }
      if (SU.contains(name) && RunUser.suRunsNothing(line, i + 1)) {
        return same; // su refuses its options, or prints its help: it runs no string (see TbotCommand)
      }
      if (name.equals(SCRIPT) && scriptRead || name.equals(DAEMON) && daemonRead) {
        continue;
      }
      suRead |= SU.contains(name);
      scriptRead |= name.equals(SCRIPT);
      daemonRead |= name.equals(DAEMON);
      Program daemon = name.equals(DAEMON) ? daemonsProgram(line, i + 1) : null;
      if (daemon != null) {
        Found found = shellOptions(line, daemon.dashesAt() + 1);
        String shell = ProgramName.launcherName(daemon.path());
        if (found == null) {
          continue;
        }
        boolean plain = found.plain() && !runsEnvironmentCode(shell, env, line.subList(0, i));
        Read read =
            commandRead(line, i, false, plain ? plainWords(found.string(), shell) : null, found.string(), daemon, shell);
        if (read != LOOK_ON) {
          return read == AS_IT_IS ? same : read;
        }
        continue;
      }
      int shellAt = i;
      if (name.equals("busybox") && i + 1 < line.size() && SHELLS.contains(ProgramName.launcherName(line.get(i + 1)))) {
        shellAt = i + 1;
      } else if (!reads(name) && !SU.contains(name) && !name.equals(FLOCK) && !name.equals(SCRIPT)) {
        continue;
      }
      boolean direct = reads(ProgramName.launcherName(line.get(shellAt)));
      Found found = !direct ? name.equals(SCRIPT) ? scriptsC(line, shellAt + 1) : valueOfC(line, shellAt + 1, SU.contains(name))
          : name.equals(FISH) ? fishOptions(line, shellAt + 1)
          : CSH.contains(name) ? cshOptions(line, shellAt + 1) : shellOptions(line, shellAt + 1);
      if (found == null) {
        continue; // no string: a script file, or tbot in the arguments, read as any program's
      }
      // su's string runs in the user's shell, maybe bash; flock's and script's in $SHELL, or sh, which
      // may be one exec does not read (fish drops a NAME=VALUE in front of exec, tcsh sets none).
      String shell = direct
          ? ProgramName.launcherName(line.get(shellAt))
          : SU.contains(name) ? "bash" : shellVariable(env, line.subList(0, i));
      boolean plain = found.plain() && reads(shell) && !runsEnvironmentCode(shell, env, line.subList(0, i));
      Read read = commandRead(
          line, i, SU.contains(name), plain ? plainWords(found.string(), shell) : null, found.string(), null, shell);
      if (read != LOOK_ON) {
        return read == AS_IT_IS ? same : read;
      }
    }
    return same;
  }

  // commandRead's answers: look on along the line (a string that runs nothing, or a script that
  // names no tbot, maybe a wrapper of a tbot in its arguments: "$@"); or the line is read as it is
  // (a string that runs no program, or names no tbot where it runs a builtin or a compound command).
  private static final Read LOOK_ON = new Read(List.of(), 0);
  private static final Read AS_IT_IS = new Read(List.of(), 0);

  /**
   * The line read for a string a shell at {@code i} runs: {@code line}'s words in front of it, su
   * with them ({@code su}), then the string's {@code words} ({@code null} where it is not one plain
   * command), its {@code NAME=VALUE} words as env's; behind start-stop-daemon ({@code daemon}), its
   * options with the string's program in the shell's place, and its other words after its '--'.
   * {@code null} for a string that names tbot and is not read; else {@link #LOOK_ON} or {@link
   * #AS_IT_IS}.
   */
  @Nullable
  private static Read commandRead(List<String> line, int i, boolean su, @Nullable List<String> words, String string,
      @Nullable Program daemon, String shell) {
    if (words == null || words.isEmpty()) {
      return words == null && namesTbot(string) ? null : LOOK_ON;
    }
    List<String> read = new ArrayList<>(line.subList(0, i));
    if (su) {
      read.add(line.get(i)); // its command runs as another user, elsewhere: see Launcher
    }
    int command = 0;
    while (command < words.size() && isAssignment(words.get(command))) {
      command++;
    }
    if (command > 0) {
      read.add("env");
      read.addAll(words.subList(0, command));
    }
    boolean exec = command < words.size() && words.get(command).equals("exec");
    if (command > 0 && (CSH.contains(shell) || exec && shell.equals(FISH))) {
      // csh runs NAME=VALUE as a command; fish does not pass it on to the program exec runs.
      return namesTbot(string) ? null : AS_IT_IS;
    }
    command += exec ? 1 : 0;
    if (command >= words.size()) {
      return AS_IT_IS; // runs no program: the shell's line, as it was
    }
    Set<String> reserved = shell.equals(FISH) ? FISH_RESERVED : CSH.contains(shell) ? CSH_RESERVED : Set.of();
    if (RESERVED.contains(words.get(command)) || reserved.contains(words.get(command))
        || words.get(command).startsWith("-")) {
      return namesTbot(string) ? null : AS_IT_IS; // a compound command, or exec's own options
    }
    if (runsCode(words, command)) {
      return namesTbot(string) ? null : AS_IT_IS;
    }
    int next = read.size();
    if (daemon != null) {
      // start-stop-daemon runs the string's program itself, with the words after it: read from
      // start-stop-daemon again, whose --chdir and --chroot are tbot's.
      List<String> options = new ArrayList<>(line.subList(i, daemon.dashesAt() + 1));
      options.set(daemon.at() - i, daemon.prefix() + words.get(command));
      read.addAll(options);
      read.addAll(words.subList(command + 1, words.size()));
      return new Read(read, next);
    }
    read.addAll(words.subList(command, words.size()));
    return new Read(read, next);
  }

  /**
   * The program start-stop-daemon runs, named by its only {@code --exec}/{@code -x} or {@code
   * --startas}/{@code -a} among its options from {@code from}: where that word is ({@code at}), the
   * text in front of the path in it ({@code --exec=}, or a cluster's {@code -Sx}), and its '--'.
   */
  private record Program(int at, String prefix, String path, int dashesAt) {}

  /**
   * start-stop-daemon's program, when it is a shell exec reads and a '--' gives it arguments;
   * {@code null} otherwise, or where two options name one (--exec matches, --startas runs).
   */
  @Nullable
  private static Program daemonsProgram(List<String> line, int from) {
    int at = -1;
    String prefix = "";
    int count = 0;
    int i = from;
    for (; i < line.size() && !line.get(i).equals("--"); i++) {
      String arg = line.get(i);
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = arg.substring(2, eq < 0 ? arg.length() : eq);
        boolean program = name.equals("exec") || name.equals("startas");
        boolean takesValue = !name.equals("start") && !name.isEmpty() && valueOption(name);
        if (program) {
          count++;
          at = eq >= 0 ? i : i + 1;
          prefix = eq >= 0 ? arg.substring(0, eq + 1) : "";
        }
        i += takesValue && eq < 0 ? 1 : 0;
      } else if (arg.startsWith("-") && arg.length() > 1) {
        for (int k = 1; k < arg.length(); k++) {
          char letter = arg.charAt(k);
          if (DAEMON_SHORT_VALUES.indexOf(letter) >= 0) {
            boolean attached = k + 1 < arg.length();
            if (letter == 'x' || letter == 'a') {
              count++;
              at = attached ? i : i + 1;
              prefix = attached ? arg.substring(0, k + 1) : "";
            }
            i += attached ? 0 : 1;
            break;
          }
        }
      }
    }
    if (count != 1 || i >= line.size() || at >= i) {
      return null;
    }
    String path = line.get(at).substring(prefix.length());
    return SHELLS.contains(ProgramName.launcherName(path)) ? new Program(at, prefix, path, i) : null;
  }

  private static boolean valueOption(String name) {
    for (String known : DAEMON_LONG_VALUES) {
      if (known.startsWith(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code shell} runs code from its environment before a -c string, or takes options from
   * it: {@code BASH_ENV} (bash), an exported function or {@code SHELLOPTS} (bash, or sh, which may
   * be bash), in {@code env} or set by a
   * {@code NAME=VALUE} word in front of it ({@code env BASH_ENV=... bash -c}).
   */
  private static boolean runsEnvironmentCode(String shell, Map<String, String> env, List<String> before) {
    boolean bash = shell.equals("bash") || shell.equals("rbash");
    if (!bash && !shell.equals("sh")) {
      return false;
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (runsCode(bash, e.getKey(), e.getValue())) {
        return true;
      }
    }
    for (String word : before) {
      int eq = word.indexOf('=');
      if (eq > 0 && runsCode(bash, word.substring(0, eq), word.substring(eq + 1))) {
        return true;
      }
    }
    return false;
  }

  private static boolean runsCode(boolean bash, String name, String value) {
    return name.startsWith(EXPORTED_FUNCTION) || name.equals(SHELLOPTS) && !value.isEmpty()
        || bash && name.equals(BASH_ENV) && !value.isEmpty();
  }

  /** Whether the command at {@code at} runs its words as shell code, itself or behind command, builtin or time. */
  private static boolean runsCode(List<String> words, int at) {
    int k = at;
    while (k < words.size() && (BUILTIN_PREFIXES.contains(words.get(k)) || k > at && words.get(k).startsWith("-"))) {
      k++; // command -p, time -p: their options
    }
    return k < words.size() && CODE_BUILTINS.contains(words.get(k));
  }

  /** Whether {@code word} names a program that may run a -c string: a shell, su, flock, script or busybox. */
  private static boolean handsOn(String word) {
    String name = ProgramName.launcherName(word);
    return reads(name) || SU.contains(name) || name.equals(FLOCK) || name.equals(SCRIPT) || name.equals("busybox");
  }

  /** Whether exec reads the -c string of the shell {@code name}: sh's kind, fish, csh or tcsh. */
  private static boolean reads(String name) {
    return SHELLS.contains(name) || name.equals(FISH) || CSH.contains(name);
  }

  /** Whether a shell, named by its path, is one whose -c string exec reads. */
  private static boolean readable(@Nullable String shell) {
    return shell != null && SHELLS.contains(ProgramName.launcherName(shell));
  }

  /**
   * The name of the shell flock and script run a string in: {@code $SHELL}, as a {@code NAME=VALUE}
   * word in front of them sets it (the last), or exec's; sh where it is unset or empty.
   */
  private static String shellVariable(Map<String, String> env, List<String> before) {
    String shell = env.get("SHELL");
    for (String word : before) {
      if (word.startsWith("SHELL=")) {
        shell = word.substring("SHELL=".length());
      }
    }
    return shell == null || shell.isEmpty() ? "sh" : ProgramName.launcherName(shell);
  }

  /**
   * fish's {@code -c} string among its options from {@code from}: {@code -cSTRING}, {@code -c
   * STRING} or {@code --command[=]STRING}, in a cluster too; options stop at the first operand or
   * {@code --}. Plain only with one string and options that change nothing tbot gets ({@code -C}
   * runs code first, {@code -i}, {@code -l} ...); {@code null} without one, or for an option fish
   * refuses.
   */
  @Nullable
  private static Found fishOptions(List<String> line, int from) {
    List<String> strings = new ArrayList<>();
    boolean plain = true;
    for (int i = from; i < line.size(); i++) {
      String arg = line.get(i);
      if (arg.equals("--") || !arg.startsWith("-") || arg.equals("-")) {
        break;
      }
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = arg.substring(2, eq < 0 ? arg.length() : eq);
        String full = uniquePrefix(FISH_LONG, name);
        if (full == null) {
          return null; // fish refuses it
        }
        String value = !FISH_LONG_VALUES.contains(full) ? null
            : eq >= 0 ? arg.substring(eq + 1) : i + 1 < line.size() ? line.get(++i) : null;
        if (full.equals("command") && value != null) {
          strings.add(value);
        }
        plain &= FISH_PLAIN_LONG.contains(full);
        continue;
      }
      for (int k = 1; k < arg.length(); k++) {
        char letter = arg.charAt(k);
        plain &= FISH_PLAIN_LETTERS.indexOf(letter) >= 0;
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
    return strings.isEmpty() ? null : new Found(String.join("\n", strings), plain && strings.size() == 1);
  }

  /** The one of {@code names} that {@code name} is, or is a prefix of alone (as getopt_long takes it). */
  @Nullable
  private static String uniquePrefix(List<String> names, String name) {
    String found = null;
    for (String known : names) {
      if (known.equals(name)) {
        return known;
      }
      if (!name.isEmpty() && known.startsWith(name)) {
        if (found != null) {
          return null; // ambiguous
        }
        found = known;
      }
    }
    return found;
  }

  /**
   * csh's and tcsh's {@code -c} string: the word right after the cluster with {@code c}, whatever
   * its shape (tcsh -c -f runs -f); they read option clusters on after it, up to the first other
   * word. Plain only with one, and letters that change nothing tbot gets ({@code -f}, {@code -e},
   * {@code -x} ...; not {@code -i}, {@code -l}, {@code -m}, {@code -n}, {@code -b} ...).
   */
  @Nullable
  private static Found cshOptions(List<String> line, int from) {
    List<String> strings = new ArrayList<>();
    boolean plain = true;
    int i = from;
    while (i < line.size() && line.get(i).startsWith("-") && line.get(i).length() > 1) {
      String arg = line.get(i++);
      for (int k = 1; k < arg.length(); k++) {
        char letter = arg.charAt(k);
        plain &= CSH_PLAIN_LETTERS.indexOf(letter) >= 0;
        if (letter == 'c' && i < line.size()) {
          strings.add(line.get(i++));
        }
      }
      if (arg.indexOf('b') > 0) {
        break; // -b ends its options
      }
    }
    return strings.isEmpty() ? null : new Found(String.join("\n", strings), plain && strings.size() == 1);
  }

  /**
   * util-linux script's {@code -c}/{@code --command} string among its options from {@code from}
   * (the last given; its getopt permutes them, so they may follow its FILE), {@code null} if none,
   * or if an option is ambiguous, which script refuses.
   */
  @Nullable
  private static Found scriptsC(List<String> line, int from) {
    String string = null;
    for (int i = from; i < line.size(); i++) {
      String arg = line.get(i);
      if (arg.equals("--")) {
        break; // FILE after it, -c too
      }
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = arg.substring(2, eq < 0 ? arg.length() : eq);
        String full = null;
        int matches = 0;
        for (String known : SCRIPT_LONG) {
          if (known.equals(name)) {
            full = known;
            matches = 1;
            break;
          }
          if (!name.isEmpty() && known.startsWith(name)) {
            full = known;
            matches++;
          }
        }
        if (matches != 1) {
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
    return string == null ? null : new Found(string, true);
  }

  /** A string, and whether its shell runs it as it is (with no startup file, no -n). */
  private record Found(String string, boolean plain) {}

  /**
   * A shell's {@code -c} string after its options at {@code from}: the first operand, if any cluster
   * has {@code c}; {@code null} if none does, or it is missing.
   */
  @Nullable
  private static Found shellOptions(List<String> line, int from) {
    boolean c = false;
    boolean plain = true;
    int i = from;
    while (i < line.size()) {
      String arg = line.get(i);
      if (arg.equals("--") || arg.equals("-")) {
        i++;
        break;
      }
      if (arg.startsWith("--")) {
        boolean known = PLAIN_LONG.contains(arg.substring(2));
        plain &= known; // --login, --rcfile FILE ...: not read
        if (!known && i + 1 < line.size() && !line.get(i + 1).startsWith("-")) {
          // Its value, maybe (bash's --rcfile FILE, --init-file FILE): a -c after it is still the shell's.
          i++;
        }
      } else if ((arg.startsWith("-") || arg.startsWith("+")) && arg.length() > 1) {
        for (int k = 1; k < arg.length(); k++) {
          char letter = arg.charAt(k);
          if (letter == 'o' || letter == 'O') {
            // -o NAME, one per cluster's o; bash's -O shopt_name is not read
            i++;
            plain &= letter == 'o' && i < line.size() && PLAIN_SET_OPTIONS.contains(line.get(i));
          } else {
            c |= letter == 'c' && arg.charAt(0) == '-';
            plain &= PLAIN_LETTERS.indexOf(letter) >= 0;
          }
        }
      } else {
        break;
      }
      i++;
    }
    return c && i < line.size() ? new Found(line.get(i), plain) : null;
  }

  /**
   * The value of {@code -c}/{@code --command} among su's options from {@code from} (getopt permutes
   * them: {@code su USER -c STRING}), or flock's, which takes it only right after FILE ({@code flock
   * FILE -c STRING}, read by flock itself, not getopt); {@code null} if none. su's {@code -},
   * {@code -l} and {@code --login} run a login shell, whose profile may set anything: not plain; nor
   * is a string su's {@code -s SHELL} runs in a shell exec does not read.
   */
  @Nullable
  private static Found valueOfC(List<String> line, int from, boolean su) {
    String shortValues = su ? SU_SHORT_VALUES : FLOCK_SHORT_VALUES;
    List<String> longValues = su ? SU_LONG_VALUES : FLOCK_LONG_VALUES;
    String string = null;
    boolean plain = true;
    boolean user = false;
    for (int i = from; i < line.size(); i++) {
      String arg = line.get(i);
      if (arg.equals("--") && su && string == null) {
        // After it, su's user (if not given yet), then its shell's own arguments, which su hands on
        // (su bot -- -c STRING): the shell's -c string.
        Found shells = shellOptions(line, i + (user ? 1 : 2));
        return shells == null ? null : new Found(shells.string(), plain && shells.plain());
      }
      if (arg.equals("--")) {
        break;
      }
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = arg.substring(2, eq < 0 ? arg.length() : eq);
        boolean takesValue = false;
        for (String known : longValues) {
          takesValue |= !name.isEmpty() && known.startsWith(name);
        }
        String value = eq >= 0 ? arg.substring(eq + 1) : takesValue && i + 1 < line.size() ? line.get(++i) : null;
        // --session-command runs its string as --command does; a prefix of both (--s) is refused.
        boolean command = "command".startsWith(name) || "session-command".startsWith(name) && name.length() > 1;
        if (su && !name.isEmpty() && command && value != null) {
          string = value;
        }
        // --shell (--sh, a prefix no other of su's long options shares) runs the string in that shell.
        plain &= !(su && name.startsWith("sh") && "shell".startsWith(name) && !readable(value));
        plain &= !(su && !name.isEmpty() && "login".startsWith(name));
      } else if (arg.startsWith("-") && arg.length() > 1) {
        for (int k = 1; k < arg.length(); k++) {
          char letter = arg.charAt(k);
          if (shortValues.indexOf(letter) >= 0) {
            String value = k + 1 < arg.length() ? arg.substring(k + 1) : i + 1 < line.size() ? line.get(++i) : null;
            string = su && letter == 'c' && value != null ? value : string;
            plain &= !(su && letter == 's' && !readable(value));
            break;
          }
          plain &= !(su && letter == 'l');
        }
      } else if (su) {
        plain &= !arg.equals("-"); // the user, the shell's arguments, or su's -
        user |= !arg.equals("-");
      } else {
        // flock's FILE: its options end here, and only -c or --command may follow as its own
        boolean command = i + 2 < line.size() && (line.get(i + 1).equals("-c") || line.get(i + 1).equals("--command"));
        return command ? new Found(line.get(i + 2), true) : null;
      }
    }
    return string == null ? null : new Found(string, plain);
  }

  /**
   * The words of {@code string} when it is one plain command: words of plain characters, single-
   * or double-quoted parts without expansions, separated by blanks; {@code null} otherwise. Blank
   * lines around it and {@code \}-newline continuations, which YAML's block scalars bring into a
   * container's {@code args}, are a shell's blanks too.
   */
  @Nullable
  private static List<String> plainWords(String string, String shell) {
    boolean fish = shell.equals(FISH);
    boolean csh = CSH.contains(shell);
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean lineEnded = false; // a line with words has ended: another command may follow
    int quotedFrom = -1; // where the word's first quote is: a quoted name is no assignment's
    char quote = 0;
    for (int k = 0; k < string.length(); k++) {
      char ch = string.charAt(k);
      if (ch == '\\' && quote != '\'' && k + 1 < string.length() && string.charAt(k + 1) == '\n') {
        if (csh && quote == '"') {
          return null; // csh keeps this line break in the word
        }
        k++; // a continuation: the shell removes both
        continue;
      }
      if (fish && ch == '%') {
        return null; // fish expands %self to its PID
      }
      boolean newline = ch == '\n' && quote == 0;
      if (!newline && (ch < ' ' && ch != '\t' || ch == 0x7f || SPECIAL.indexOf(ch) >= 0)) {
        return null;
      }
      if (lineEnded && ch != ' ' && ch != '\t' && ch != '\n') {
        return null; // a second command
      }
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else {
          word.append(ch);
        }
      } else if (ch == '\'' || ch == '"') {
        quotedFrom = inWord && quotedFrom >= 0 ? quotedFrom : word.length();
        quote = ch;
        inWord = true;
      } else if (ch == ' ' || ch == '\t' || newline) {
        if (inWord) {
          String read = plain(word, quotedFrom);
          if (read == null) {
            return null;
          }
          words.add(read);
          word.setLength(0);
          inWord = false;
          quotedFrom = -1;
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
      String read = plain(word, quotedFrom);
      if (read == null) {
        return null;
      }
      words.add(read);
    }
    return words;
  }

  /**
   * A word as read, or {@code null} for one that looks like {@code NAME=VALUE} with its name quoted,
   * which the shell takes for a word, not an assignment: too rare to be worth telling apart; or one
   * starting with an unquoted {@code =}, which zsh expands to a program's path.
   */
  @Nullable
  private static String plain(StringBuilder word, int quotedFrom) {
    if (word.length() > 0 && word.charAt(0) == '=' && quotedFrom != 0) {
      return null; // zsh expands =tbot to tbot's path
    }
    int eq = word.indexOf("=");
    return quotedFrom >= 0 && eq >= 0 && quotedFrom <= eq && isAssignment(word.toString()) ? null : word.toString();
  }

  /** Whether a word is {@code NAME=VALUE} as a shell sets it (its name unquoted: no quote before '='). */
  private static boolean isAssignment(String word) {
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

  /**
   * Whether an argument of {@code line} (not its program) is a string of more than one word, or of
   * shell code, that names tbot: one its program may run as shell code ({@code fish -c 'tbot start
   * -c tbot.yaml'}, {@code script -c STRING}, {@code watch STRING}, {@code ssh HOST STRING}). A
   * single word naming tbot is looked through as any program's (see {@link Launcher#tbotLine}).
   */
  static boolean tbotInAString(List<String> line) {
    for (int i = 1; i < line.size(); i++) {
      String arg = line.get(i);
      if (!ProgramName.isTbot(arg) && namesTbot(arg) && isString(arg)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code arg} has a blank or a shell's operator or expansion: more than one plain word. */
  private static boolean isString(String arg) {
    for (int k = 0; k < arg.length(); k++) {
      if (STRING_BREAKS.indexOf(arg.charAt(k)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a word of {@code string} names tbot: split at blanks and at the shell's operators and
   * expansions ({@code cd /opt&&tbot start}, {@code $(tbot ...)}) and at {@code =} (zsh's {@code
   * =tbot}), its quotes and escapes dropped.
   */
  static boolean namesTbot(String string) {
    String bare = string.replace("'", "").replace("\"", "").replace("\\", "");
    for (String word : bare.split("[\\s;&|<>()`$=]+")) {
      if (!word.isEmpty() && ProgramName.isTbot(word)) {
        return true;
      }
    }
    return false;
  }
}
