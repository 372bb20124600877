package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Reads the launchers in front of tbot on a command line as each one's getopt does: which words
 * are launchers ({@link #LAUNCHERS}, and runuser given {@code -u}), where each one's command is
 * after its options and operands (the syntax tables below), where tbot is behind them, and their
 * options and {@code NAME=VALUE} words as {@link Step}s, for what they change for tbot. A
 * start-stop-daemon that starts a program is read as a launcher of it ({@link #unfolded}).
 */
final class LauncherChain {

  // coreutils, util-linux, sudo, the container inits and runit's and s6's user switches: each runs
  // the command after its own options with the same arguments. runuser too, given -u (see RunUser),
  // and start-stop-daemon, once its line is rewritten so (see unfolded).
  static final Set<String> LAUNCHERS = Set.of(
      "env", "timeout", "nice", "nohup", "setsid", "stdbuf", "ionice", "chrt", "taskset", "time",
      "sudo", "doas", "su-exec", "gosu", "tini", "dumb-init", "catatonit", "setpriv", "flock", "chpst",
      "s6-setuidgid", "prlimit", "numactl", "setarch", StartStopDaemon.NAME);

  // Programs that run their command in another root, namespace, directory, container or host, met
  // in front of tbot (nice chroot DIR tbot ..., docker run IMAGE tbot ...): behind one, exec cannot
  // find tbot's files. su and runuser without -u run the user's shell, maybe a login one; pkexec
  // runs its command as another user, in that user's home, with an environment of its own (so
  // which config tbot reads, TBOT_CONFIG_PATH's or the default, cannot be told from here).
  static final Set<String> ELSEWHERE_RUNNERS = Set.of("chroot", "nsenter", "unshare", "bwrap",
      "firejail", "proot", "schroot", "fakechroot", "systemd-run", "systemd-nspawn", "su", "runuser", "pkexec",
      "docker", "docker-compose", "podman", "nerdctl", "crictl", "ctr", "kubectl", "oc", "ssh", "incus",
      "lxc", "lxc-attach", "machinectl", "distrobox", "toolbox", "apptainer", "singularity", "nomad", "wsl",
      "arch-chroot", "multipass", "limactl", "pct", "pdsh", "mosh", "autossh", "buildah", "runc", "jexec",
      "lxc-execute");

  /**
   * How a launcher whose options exec does not otherwise read takes its arguments before its
   * command, as its getopt does (each stops at its first non-option): its short and long options
   * known to take a value, and the operands before the command ({@code timeout}'s duration, {@code
   * gosu}'s user), which {@code setarch} takes before its options. A long option may be abbreviated
   * ({@code timeout --sig KILL}), as getopt_long takes a unique prefix. An option listed wrongly
   * would hide the program in front of tbot, so only those sure to take one are (getopt's "x:",
   * not its optional "x::"). xargs, not a launcher, is read too (see {@link #commandAt}). With
   * {@code numbersOnly}, an operand is one only where it is a number: chrt's priority is optional
   * where its policy takes none (util-linux since 2025 runs {@code chrt --other tbot}), and any other
   * word is its command, which a chrt that needs a priority refuses, running nothing.
   */
  private record Syntax(String shortValues, List<String> longValues, int operands, boolean operandsFirst,
      boolean numbersOnly) {
    Syntax(String shortValues, List<String> longValues, int operands) {
      this(shortValues, longValues, operands, false, false);
    }
  }

  private static final Syntax PLAIN = new Syntax("", List.of(), 0);
  private static final Syntax ONE_OPERAND = new Syntax("", List.of(), 1);

  private static final Map<String, Syntax> SYNTAX = Map.ofEntries(
      Map.entry("timeout", new Syntax("ks", List.of("kill-after", "signal"), 1)),
      Map.entry("nice", new Syntax("n", List.of("adjustment"), 0)),
      Map.entry("nohup", PLAIN),
      Map.entry("setsid", PLAIN),
      Map.entry("stdbuf", new Syntax("ioe", List.of("input", "output", "error"), 0)),
      Map.entry("ionice", new Syntax("cnpPu", List.of("class", "classdata", "pid", "pgid", "uid"), 0)),
      Map.entry("chrt", new Syntax("DPT", List.of("sched-runtime", "sched-period", "sched-deadline"), 1, false, true)),
      Map.entry("taskset", ONE_OPERAND),
      Map.entry("time", new Syntax("fo", List.of("format", "output"), 0)),
      Map.entry("su-exec", ONE_OPERAND),
      Map.entry("gosu", ONE_OPERAND),
      Map.entry("tini", new Syntax("pe", List.of(), 0)),
      Map.entry("dumb-init", new Syntax("r", List.of("rewrite"), 0)),
      Map.entry("catatonit", PLAIN),
      Map.entry("setpriv", new Syntax("", List.of("reuid", "regid", "ruid", "euid", "rgid", "egid", "groups",
          "inh-caps", "ambient-caps", "bounding-set", "securebits", "pdeathsig", "selinux-label",
          "apparmor-profile", "landlock-access", "landlock-rule", "seccomp-filter", "ptracer"), 0)),
      Map.entry("flock", new Syntax("wEc", List.of("timeout", "wait", "conflict-exit-code", "command"), 1)),
      Map.entry("chpst", new Syntax("uUbe/nlLmdopfcrt", List.of(), 0)),
      Map.entry("s6-setuidgid", ONE_OPERAND),
      Map.entry("prlimit", new Syntax("po", List.of("pid", "output"), 0)),
      // numactl.c's options with has_arg 1; --shm, --file and their like run no command.
      Map.entry("numactl", new Syntax("iwpPcNCmSfoLMI", List.of("interleave", "weighted-interleave", "preferred",
          "preferred-many", "cpubind", "cpunodebind", "physcpubind", "membind", "shm", "file", "offset", "length",
          "shmmode", "shmid"), 0)),
      Map.entry("setarch", new Syntax("", List.of(), 1, true, false)),
      // GNU findutils' (--max-lines, --replace and --eof take a value only after '=').
      Map.entry("xargs", new Syntax("adEILnPs", List.of("arg-file", "delimiter", "max-args", "max-procs",
          "max-chars", "process-slot-var"), 0)));

  // Short options that take a value (the rest of their cluster, or the next argument): env's -a
  // (--argv0, coreutils 9.6) and BSD's and macOS's -P ALTPATH; sudo's -a TYPE and -c CLASS (BSD
  // auth and login class: sudo's getopt takes their value everywhere, though only BSD's runs them).
  // chpst's (runit) all take one: its -/ ROOT and -e DIR are read too. start-stop-daemon, unfolded,
  // for its --chdir and --chroot.
  private static final Map<String, String> SHORT_VALUES = Map.of("env", "uCSaP", "sudo", "CDghprtTUuRac",
      "doas", "aCu", "chpst", "uUbe/nlLmdopfcrt", StartStopDaemon.NAME, StartStopDaemon.SHORT_VALUES);
  // Launchers that take NAME=VALUE words before their command; doas has none (doas X=1 runs X=1).
  private static final Set<String> ASSIGNERS = Set.of("env", "sudo");
  // Long options that take a value (after '=', or the next argument); a unique prefix will do.
  // start-stop-daemon's are its own (StartStopDaemon.takesValue).
  private static final Map<String, List<String>> LONG_VALUES = Map.of(
      "env", List.of("unset", "chdir", "split-string", "argv0"),
      // Not --login-class: getopt_long takes --login, a prefix of it, exactly, with no value.
      "sudo", List.of("chdir", "chroot", "close-from", "command-timeout", "group", "host", "other-user",
          "prompt", "role", "type", "user", "auth-type"),
      "doas", List.of(),
      "chpst", List.of());

  // Programs that set one variable, given as two words NAME VALUE, for the program after them:
  // execline's export. Read as env NAME=VALUE (see unfolded).
  private static final Set<String> NAME_VALUE_SETTERS = Set.of("export");

  // How deep an env -S string's own -S strings are read (each level in two splits): a deeper one is
  // taken to name tbot, so exec records nothing behind it (Launcher).
  static final int SPLIT_STRING_NESTING = 6;

  // env -S's blanks: space, tab, newline, vertical tab, form feed, carriage return.
  private static final String BLANKS = " \t\n\u000b\f\r";

  private LauncherChain() {}

  /** The launchers from the first to tbot, in order; empty when tbot is the command or not found. */
  static List<Step> chain(List<String> command) {
    int at = tbotAt(command);
    List<Step> steps = new ArrayList<>();
    int p = 0;
    // Past a runuser that is su (no -u), or runs its line otherwise: any after it is not read again.
    boolean runuserRead = false;
    while (at > 0 && p < at) {
      String name = ProgramName.launcherName(command.get(p));
      if (RunUser.is(name) && !runuserRead) {
        RunUser runuser = RunUser.read(command, p + 1);
        if (runuser != null && runuser.runsAsGiven()) {
          // tbot runs in exec's root and directory, with exec's environment: nothing to apply.
          p = runuser.commandAt();
          continue;
        }
        runuserRead = true;
      }
      if (ELSEWHERE_RUNNERS.contains(name)) {
        steps.add(new Step(name, List.of(), List.of()));
      }
      if (!LAUNCHERS.contains(name)) {
        p++; // an argument of the launcher before (timeout's duration, gosu's user), or such a program
        continue;
      }
      List<Option> options = new ArrayList<>();
      List<String> assignments = new ArrayList<>();
      int i = p + 1;
      if (SHORT_VALUES.containsKey(name)) {
        i = readOptions(name, command, i, at, options, assignments);
      }
      steps.add(new Step(name, options, assignments));
      p = i;
    }
    return steps;
  }

  /**
   * Every {@code env} and {@code sudo} on the line, wherever it stands: leading, behind launchers or
   * behind any other program ({@code xargs env ...}, {@code ./run.sh env ...}), which may run it as
   * a launcher does. A word that only looks like one errs toward a no, which is the rule.
   */
  static List<Step> assignerSteps(List<String> command) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < command.size(); i++) {
      String name = ProgramName.launcherName(command.get(i));
      if (ASSIGNERS.contains(name)) {
        List<Option> options = new ArrayList<>();
        List<String> assignments = new ArrayList<>();
        readOptions(name, command, i + 1, command.size(), options, assignments);
        steps.add(new Step(name, options, assignments));
      }
    }
    return steps;
  }

  /** Whether launcher {@code name} takes {@code NAME=VALUE} words before its command: env and sudo. */
  static boolean isAssigner(String name) {
    return ASSIGNERS.contains(name);
  }

  /** Whether {@link #readOptions} reads {@code name}'s options: env, sudo, doas, chpst, start-stop-daemon. */
  static boolean readsOptions(String name) {
    return SHORT_VALUES.containsKey(name);
  }

  /**
   * Reads {@code name}'s options and {@code NAME=VALUE} words from {@code from}, up to its command
   * (or {@code at}, where tbot is); returns where that command is.
   */
  static int readOptions(
      String name, List<String> command, int from, int at, List<Option> options, List<String> assignments) {
    String shortValues = SHORT_VALUES.get(name);
    boolean optionsEnded = false;
    int i = from;
    while (i < at) {
      String arg = command.get(i);
      if (!optionsEnded && arg.equals("--")) {
        optionsEnded = true;
      } else if (!optionsEnded && arg.startsWith("--")) {
        String text = arg.substring(2);
        int eq = text.indexOf('=');
        String longName = eq < 0 ? text : text.substring(0, eq);
        boolean takesValue = StartStopDaemon.is(name)
            ? StartStopDaemon.takesValue(longName)
            : GetoptLong.isOneOf(LONG_VALUES.get(name), longName);
        String value = eq >= 0 ? text.substring(eq + 1) : takesValue && i + 1 < at ? command.get(++i) : null;
        options.add(new Option(arg, "", longName, takesValue ? value : null));
        optionsEnded |= name.equals("env") && takesValue && "split-string".startsWith(longName) && endsOptions(value);
      } else if (!optionsEnded && arg.startsWith("-")) {
        // The letters up to one that takes a value are one Option, not one each: a cluster of 128 KiB
        // made 128 Ki of them, for each launcher reading it (a 32 MiB heap ran out at six).
        int c = 1;
        while (c < arg.length() && shortValues.indexOf(arg.charAt(c)) < 0) {
          c++;
        }
        if (c > 1) {
          options.add(new Option(arg, arg.substring(1, c), null, null));
        }
        if (c < arg.length()) {
          char letter = arg.charAt(c);
          String value = c + 1 < arg.length() ? arg.substring(c + 1) : i + 1 < at ? command.get(++i) : null;
          options.add(new Option(arg, String.valueOf(letter), null, value));
          optionsEnded |= name.equals("env") && letter == 'S' && endsOptions(value);
        }
        if (arg.equals("-")) {
          options.add(new Option(arg, "", null, null)); // env's old spelling of -i
          // and a non-option to env's getopt ("+"), where its options end: a -S, -u or -i after it
          // is a NAME=VALUE or the command (coreutils' env.c)
          optionsEnded |= name.equals("env");
        }
      } else if (arg.indexOf('=') > 0 && ASSIGNERS.contains(name)) {
        assignments.add(arg);
      } else {
        return i;
      }
      i++;
    }
    return at;
  }

  /**
   * Whether env -S's string {@code value} holds a word that is no option (a {@code NAME=VALUE}, a
   * command): env reads its string's words in place of the option, and reads no option after such
   * a word ({@code env -S X=1 -u NAME} runs the command -u).
   */
  private static boolean endsOptions(@Nullable String value) {
    if (value == null) {
      return false;
    }
    List<String> words = List.of(splitWords(value));
    List<String> assignments = new ArrayList<>();
    return readOptions("env", words, 0, words.size(), new ArrayList<>(), assignments) < words.size()
        || !assignments.isEmpty();
  }

  /**
   * Where the program {@code command}'s launchers run is, each peeled off with its options and
   * operands, and xargs too, which runs its command with the arguments after it as given, a
   * {@code --} among them: 0 when the first word is neither, -1 for the program of an {@code env
   * -S} string; past the end when none is named.
   */
  static int commandAt(List<String> command) {
    return commandAt(command, false);
  }

  /**
   * {@link #commandAt}, su's string ({@link #suString}) read as the line it is: {@code su -c 'xargs
   * tbot -- start'} runs tbot as xargs does.
   */
  static int commandAtPastSu(List<String> command) {
    return commandAt(command, true);
  }

  private static int commandAt(List<String> command, boolean pastSu) {
    int p = 0;
    while (p >= 0 && p < command.size()) {
      if (pastSu && suString(command, p)) {
        p += 2;
        continue;
      }
      String name = ProgramName.launcherName(command.get(p));
      if (!isLauncher(command, p) && !name.equals("xargs")) {
        return p;
      }
      p = commandOf(name, command, p + 1);
    }
    return p;
  }

  /**
   * Whether su at {@code p} runs its string, as ShellString reads it ({@code su -- WORDS}): the
   * string's first word is the command, read as any line is.
   */
  static boolean suString(List<String> command, int p) {
    return ProgramName.launcherName(command.get(p)).equals("su") && p + 1 < command.size()
        && command.get(p + 1).equals("--");
  }

  /**
   * Whether the word at {@code p} is a launcher: one of {@link #LAUNCHERS}, or runuser given {@code
   * -u}, which runs its command as sudo -u does (without it runuser is su, a program of its own).
   */
  static boolean isLauncher(List<String> command, int p) {
    return LAUNCHERS.contains(ProgramName.launcherName(command.get(p)))
        || RunUser.is(command.get(p)) && RunUser.read(command, p + 1) != null;
  }

  /**
   * Where the command of launcher {@code name}, whose arguments start at {@code from}, is; -1 for
   * an {@code env -S} whose string names a command, which env runs in front of the rest.
   */
  static int commandOf(String name, List<String> command, int from) {
    if (RunUser.is(name)) {
      RunUser runuser = RunUser.read(command, from);
      // One that does not run its line as given runs no command that can be told (see
      // Launcher.runuserChangesTheLine).
      return runuser == null || !runuser.runsAsGiven() ? -1 : runuser.commandAt();
    }
    if (SHORT_VALUES.containsKey(name)) {
      List<Option> options = new ArrayList<>();
      int at = readOptions(name, command, from, command.size(), options, new ArrayList<>());
      for (Option o : options) {
        if (name.equals("env") && o.splitString() != null) {
          List<String> words = List.of(splitWords(o.value()));
          if (readOptions("env", words, 0, words.size(), new ArrayList<>(), new ArrayList<>()) < words.size()) {
            return -1;
          }
        }
      }
      return at;
    }
    Syntax syntax = SYNTAX.get(name);
    if (syntax == null) {
      return -1; // a launcher whose arguments are not known here: its command cannot be told
    }
    int i = from + (syntax.operandsFirst() ? syntax.operands() : 0);
    while (i < command.size()) {
      String arg = command.get(i++);
      if (arg.equals("--")) {
        break;
      }
      if (arg.startsWith("--")) {
        i += arg.indexOf('=') < 0 && GetoptLong.isOneOf(syntax.longValues(), arg.substring(2)) ? 1 : 0;
      } else if (arg.startsWith("-") && arg.length() > 1) {
        for (int c = 1; c < arg.length(); c++) {
          if (syntax.shortValues().indexOf(arg.charAt(c)) >= 0) {
            i += c + 1 == arg.length() ? 1 : 0; // its value is the next argument, or the rest of this one
            break;
          }
        }
      } else {
        i--; // the first operand, or the command
        break;
      }
    }
    if (syntax.numbersOnly() && i < command.size() && !isNumber(command.get(i))) {
      return i;
    }
    return i + (syntax.operandsFirst() ? 0 : syntax.operands());
  }

  /** Whether {@code word} is digits only, as chrt's {@code isdigit_string} takes a priority ({@link Syntax}). */
  private static boolean isNumber(String word) {
    return !word.isEmpty() && word.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * {@code command} with its start-stop-daemon that starts a program ({@link StartStopDaemon#start})
   * written as a launcher of it: {@code start-stop-daemon [--chroot=ROOT] --chdir=DIR -- PROGRAM
   * ARGUMENTS}, its directory / where none is given; as it is otherwise (one that starts nothing:
   * see {@link Launcher#daemonStartsNothing}). Its options, read anywhere up to its '--' as its
   * getopt_long does, no longer hide its program's words, nor its program attached to one ({@code
   * -Sxtbot}). The one taken is the program the launchers run, else the first behind another
   * program, looked through as any is, but not one among the words of a tbot named before it. Each
   * execline {@code export NAME VALUE} in front of tbot (anywhere on a line that names none) is
   * written as {@code env NAME=VALUE}, which sets the same for its program ({@link #exportsAsEnv}).
   */
  static List<String> unfolded(List<String> command) {
    command = exportsAsEnv(command);
    int p = 0;
    while (p >= 0 && p < command.size()) {
      String name = ProgramName.launcherName(command.get(p));
      if (StartStopDaemon.is(name)) {
        return unfoldedAt(command, p);
      }
      if (ProgramName.isTbot(command.get(p)) || !isLauncher(command, p) && !name.equals("xargs")) {
        break;
      }
      p = commandOf(name, command, p + 1);
    }
    for (int i = 0; i < command.size(); i++) {
      if (ProgramName.isTbot(command.get(i))) {
        return command;
      }
      if (StartStopDaemon.is(ProgramName.launcherName(command.get(i)))) {
        return unfoldedAt(command, i);
      }
    }
    return command;
  }

  /**
   * {@code command} with each {@code export NAME VALUE} before the first word naming tbot written as
   * {@code env NAME=VALUE}: its no, tbot's config and token are then read as env's are. As a word
   * {@code env} anywhere in front of tbot is, one that only looks like it errs toward a no. Not one
   * whose NAME is empty, an option or holds '=' (no variable is set by that name), nor one whose NAME
   * names tbot: that word may be a directory or a file named export ({@code env -C /srv/export tbot
   * start}), and the tbot after it the one run, whose config's no is then read. A VALUE may name
   * tbot ({@code export HOME /var/lib/tbot}).
   */
  private static List<String> exportsAsEnv(List<String> command) {
    List<String> line = new ArrayList<>(command.size());
    int i = 0;
    for (; i < command.size() && !ProgramName.isTbot(command.get(i)); i++) {
      String name = i + 2 < command.size() ? command.get(i + 1) : "";
      if (NAME_VALUE_SETTERS.contains(ProgramName.launcherName(command.get(i))) && !name.isEmpty()
          && !name.startsWith("-") && name.indexOf('=') < 0 && !ProgramName.isTbot(name)) {
        line.add("env");
        line.add(name + "=" + command.get(i + 2));
        i += 2;
      } else {
        line.add(command.get(i));
      }
    }
    if (line.size() == i) {
      return command; // none written
    }
    line.addAll(command.subList(i, command.size()));
    return line;
  }

  private static List<String> unfoldedAt(List<String> command, int daemon) {
    StartStopDaemon.Start start = StartStopDaemon.start(command, daemon + 1);
    if (start == null) {
      return command;
    }
    List<String> line = new ArrayList<>(command.subList(0, daemon + 1));
    if (start.chroot() != null) {
      line.add("--chroot=" + start.chroot());
    }
    line.add("--chdir=" + start.chdir());
    line.add("--");
    line.add(start.program());
    line.addAll(start.arguments());
    return line;
  }

  /**
   * Where tbot's command line starts in {@code command}: 0 for tbot itself, -1 for none. The
   * program the launchers run is the first word after their options and operands ({@code time -p
   * tbot tbot start} runs tbot with the arguments {@code tbot start}). Any other program in front of
   * a word naming tbot is looked through as a launcher is: setpriv, flock or xargs run that tbot,
   * which reads its config's no, and nice in front of them already had it read; there the last of a
   * run of such words is taken ({@code systemd-run --uid tbot tbot start}: the first may be a user).
   * Where the launchers run a program, their own options and operands in front of it are not looked
   * at ({@code sudo -u tbot ./run.sh} runs a wrapper as the user tbot, as {@code sudo -u bot
   * ./run.sh} runs it as bot), but for a start-stop-daemon's, whose {@code -x} names its program
   * (those of the launchers in front of it are not looked at either).
   */
  static int tbotAt(List<String> command) {
    if (command.isEmpty() || ProgramName.isTbot(command.get(0))) {
      return command.isEmpty() ? -1 : 0;
    }
    int run = commandAt(command);
    if (run > 0 && run < command.size() && ProgramName.isTbot(command.get(run))) {
      return run;
    }
    int from = 1;
    if (run > 0 && run < command.size()) {
      // Past the program, or past a start-stop-daemon in front of it, whose own options are looked at.
      from = run + 1;
      for (int d = 0; d < run; d++) {
        if (StartStopDaemon.is(ProgramName.launcherName(command.get(d)))) {
          from = d + 1;
          break;
        }
      }
    }
    for (int i = from; i < command.size(); i++) {
      if (ProgramName.isTbot(command.get(i))) {
        while (i + 1 < command.size() && ProgramName.isTbot(command.get(i + 1))) {
          i++;
        }
        return i;
      }
    }
    return -1;
  }

  /**
   * The words of an {@code env -S} string as env splits them: at blanks and {@code \_} outside
   * quotes, a quoted part kept whole ({@code "X=a b"} is one word, {@code ''} an empty one, {@code
   * \_} a space in double quotes). Exact for a string without any other {@code \}, {@code $} or
   * {@code #}: exec records nothing behind one with them ({@link Launcher#splitStringNotExact}). An
   * unterminated quote, which env refuses, ends its word.
   */
  static String[] splitWords(String string) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null; // null between words
    char quote = 0;
    for (int i = 0; i < string.length(); i++) {
      char c = string.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (quote == '"' && c == '\\' && string.startsWith("_", i + 1)) {
          word.append(' '); // a space, in double quotes
          i++;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (BLANKS.indexOf(c) >= 0 || c == '\\' && string.startsWith("_", i + 1)) {
        i += c == '\\' ? 1 : 0;
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words.toArray(new String[0]);
  }

  /**
   * The word lists env -S's {@code string} may be read as, in {@code out}: split as env splits it
   * ({@link #splitWords}) and, for a no only, inside its quotes too ({@link #splitWordsForANo}), and
   * so every {@code -S} string among its options, which env splits again ({@code -vS"DO_NOT_TRACK=1"}),
   * depth first. False where one is nested deeper than {@link #SPLIT_STRING_NESTING} ({@code out}
   * then holds those above it): it may name tbot, or say no, unread.
   */
  static boolean splitStringReadings(String string, List<List<String>> out) {
    return splitStringReadings(string, 0, out);
  }

  private static boolean splitStringReadings(String string, int depth, List<List<String>> out) {
    if (depth >= SPLIT_STRING_NESTING) {
      return false;
    }
    boolean all = true;
    for (String[] split : List.of(splitWordsForANo(string), splitWords(string))) {
      List<String> words = List.of(split);
      if (out.contains(words)) {
        continue;
      }
      out.add(words);
      List<Option> options = new ArrayList<>();
      readOptions("env", words, 0, words.size(), options, new ArrayList<>());
      for (Option o : options) {
        if (o.splitString() != null) {
          all &= splitStringReadings(o.value(), depth + 1, out);
        }
      }
    }
    return all;
  }

  /**
   * The words of an {@code env -S} string read for a no only: its quotes dropped and split inside
   * them too, so that a word that only looks like a no, quoted inside another, errs toward a no.
   */
  static String[] splitWordsForANo(String string) {
    // env splits at every blank and, outside quotes, at its escape \_ (split here inside them too).
    String words = string.replace("'", "").replace("\"", "").replace("\\_", " ").trim();
    // split would make one empty word of it, taken for a command env runs before the rest.
    return words.isEmpty() ? new String[0] : words.split("[" + BLANKS + "]+");
  }

  /**
   * One launcher in front of tbot: its name, its options (for {@code env}, {@code sudo} and {@code
   * doas}, which exec reads; none for the others) and the {@code NAME=VALUE} words it sets.
   */
  record Step(String name, List<Option> options, List<String> assignments) {
    boolean sets() {
      return ASSIGNERS.contains(name);
    }

    /** Whether this sudo keeps {@code variable} of the caller's environment: -E, or --preserve-env[=LIST]. */
    boolean preserves(String variable) {
      for (Option o : options) {
        if (o.is('E')) {
          return true;
        }
        if (o.isLong("preserve-env")) {
          int eq = o.text().indexOf('=');
          if (eq < 0 || List.of(o.text().substring(eq + 1).split(",")).contains(variable)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /**
   * One option as given: {@code letters} for short ones, the letters of a cluster up to one that
   * takes a value, or that one ("" for a long one), {@code name} for a long one as written (maybe a
   * prefix), and its value, if it takes one. Each is read for whether it is there, wherever in its
   * cluster: {@code -iv} is {@code -i} and {@code -v}.
   */
  record Option(String text, String letters, @Nullable String name, @Nullable String value) {
    boolean is(char c) {
      return letters.indexOf(c) >= 0;
    }

    /** Whether this is the long option {@code full}, or a prefix of it, as getopt_long takes it. */
    boolean isLong(String full) {
      return name != null && !name.isEmpty() && full.startsWith(name);
    }

    /** env's {@code -S}/{@code --split-string} STRING, or {@code null} for another option (or none given). */
    @Nullable
    String splitString() {
      return is('S') || isLong("split-string") ? value : null;
    }
  }
}
