package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Debian's start-stop-daemon, as its getopt_long reads it: with {@code --start} it runs its {@code
 * --startas} (else {@code --exec}) PROGRAM with its words that are no option's and those after its
 * '--', in its {@code --chdir} (/ by default) and {@code --chroot} (checked against dpkg 1.21.22's).
 * One grammar for {@link LauncherChain}, which reads those for tbot, and {@link ShellString}, which
 * reads the string of a shell it runs ({@code start-stop-daemon --exec /bin/sh -- -c STRING}).
 */
final class StartStopDaemon {

  static final String NAME = "start-stop-daemon";

  // Its short options (dpkg 1.21's getopt string: all of them, commands first), and the long name
  // of each; then the long ones that take a value, and those that have no short name.
  private static final String SHORT = "SKTHVpxnugcsardNPIkbCOmRtoqv";
  private static final List<String> SHORT_NAMES = List.of("start", "stop", "status", "help", "version", "pidfile",
      "exec", "name", "user", "group", "chuid", "signal", "startas", "chroot", "chdir", "nicelevel", "procsched",
      "iosched", "umask", "background", "no-close", "output", "make-pidfile", "retry", "test", "oknodo", "quiet",
      "verbose");
  static final String SHORT_VALUES = "pxnugsRaNPIkcrdO";
  private static final List<String> LONG_VALUES = List.of("pid", "ppid", "pidfile", "exec", "name", "user", "group",
      "signal", "retry", "startas", "nicelevel", "procsched", "iosched", "umask", "chuid", "chroot", "chdir",
      "output", "notify-timeout");
  private static final List<String> LONG = longNames();

  // Its matching options: --start needs one (it starts nothing if a process matching them runs).
  private static final Set<String> MATCHING = Set.of("pid", "ppid", "pidfile", "exec", "name", "user");

  private StartStopDaemon() {}

  private static List<String> longNames() {
    List<String> names = new ArrayList<>(SHORT_NAMES);
    names.addAll(List.of("pid", "ppid", "notify-await", "notify-timeout", "remove-pidfile"));
    return List.copyOf(names);
  }

  /** Whether {@code name}, a program's name as a launcher is known by, is start-stop-daemon. */
  static boolean is(String name) {
    return name.equals(NAME);
  }

  /**
   * Whether its long option {@code name} (given without {@code =}) takes a value: --start is an
   * option of its own, not a prefix of --startas, as getopt_long takes an exact name first.
   */
  static boolean takesValue(String name) {
    return !name.equals("start") && GetoptLong.isOneOf(LONG_VALUES, name);
  }

  /**
   * What a start-stop-daemon that starts its program runs, as its getopt_long reads its options
   * (anywhere up to its '--', its other words moved after them): {@code program}, the last {@code
   * --startas} (or {@code -a}), else the last {@code --exec} ({@code -x}), named in the word at
   * {@code at} after its {@code prefix} ({@code --exec=}, a cluster's {@code -Sx}, or none); its
   * {@code arguments}, its words that are no option's and all after its '--' (at {@code
   * dashesAt}, -1 if none), {@code operandsFirst} if some came before it; in {@code chroot} (null
   * if none) and {@code chdir} (/ if none given); and how many options named a program.
   */
  record Start(String program, int at, String prefix, List<String> arguments, int dashesAt, boolean operandsFirst,
      @Nullable String chroot, String chdir, int programs) {}

  /**
   * start-stop-daemon's start, from its options at {@code from} in {@code line}; {@code null} if
   * it starts nothing: no -S/--start (--stop, --status, none), another command with it, -t/--test,
   * -H/--help or -V/--version, or options it refuses (unknown, ambiguous, a missing value, a value
   * given to one that takes none, no program, no matching option).
   */
  @Nullable
  static Start start(List<String> line, int from) {
    String action = null;
    boolean matching = false;
    int programs = 0;
    String[] program = new String[2]; // --exec's, --startas's: the path, and where it is
    int[] at = {-1, -1};
    String[] prefix = {"", ""};
    String chroot = null;
    String chdir = "/";
    List<String> arguments = new ArrayList<>();
    int dashesAt = -1;
    for (int i = from; i < line.size(); i++) {
      String arg = line.get(i);
      if (arg.equals("--")) {
        dashesAt = i;
        break;
      }
      List<String> names = new ArrayList<>(); // the options of this word, and the value of its last
      String value = null;
      int valueAt = i;
      String valuePrefix = "";
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = GetoptLong.match(LONG, arg.substring(2, eq < 0 ? arg.length() : eq));
        if (name == null || eq >= 0 && !LONG_VALUES.contains(name)) {
          return null; // unknown, ambiguous, or given a value it does not take
        }
        names.add(name);
        if (LONG_VALUES.contains(name)) {
          valuePrefix = eq >= 0 ? arg.substring(0, eq + 1) : "";
          valueAt = eq >= 0 ? i : i + 1;
        }
      } else if (arg.startsWith("-") && arg.length() > 1) {
        for (int k = 1; k < arg.length(); k++) {
          int letter = SHORT.indexOf(arg.charAt(k));
          if (letter < 0) {
            return null; // an option it does not know
          }
          names.add(SHORT_NAMES.get(letter));
          if (SHORT_VALUES.indexOf(arg.charAt(k)) >= 0) {
            boolean attached = k + 1 < arg.length();
            valuePrefix = attached ? arg.substring(0, k + 1) : "";
            valueAt = attached ? i : i + 1;
            break;
          }
        }
      } else {
        arguments.add(arg); // getopt moves it after the options: its program's
        continue;
      }
      String last = names.get(names.size() - 1);
      if (LONG_VALUES.contains(last)) {
        if (valueAt >= line.size()) {
          return null; // no value
        }
        value = line.get(valueAt).substring(valuePrefix.length());
        i = valueAt;
      }
      for (String name : names) {
        if (name.equals("start") || name.equals("stop") || name.equals("status")) {
          if (action != null && !action.equals(name)) {
            return null; // "only one command can be specified"
          }
          action = name;
        } else if (name.equals("help") || name.equals("version") || name.equals("test")) {
          return null; // it prints, or only says what it would do, and exits
        }
        matching |= MATCHING.contains(name);
      }
      int which = last.equals("exec") ? 0 : last.equals("startas") ? 1 : -1;
      if (which >= 0) {
        programs++;
        program[which] = value;
        at[which] = valueAt;
        prefix[which] = valuePrefix;
      } else if (last.equals("chroot")) {
        chroot = value;
      } else if (last.equals("chdir")) {
        chdir = value;
      }
    }
    if (!"start".equals(action) || !matching || program[0] == null && program[1] == null) {
      return null;
    }
    boolean operandsFirst = !arguments.isEmpty();
    if (dashesAt >= 0) {
      arguments.addAll(line.subList(dashesAt + 1, line.size()));
    }
    int p = program[1] != null ? 1 : 0;
    return new Start(program[p], at[p], prefix[p], arguments, dashesAt, operandsFirst, chroot, chdir, programs);
  }

  /**
   * The program start-stop-daemon runs, named by its only {@code --exec}/{@code -x} or {@code
   * --startas}/{@code -a} among its options: where that word is ({@code at}), the text in front of
   * the path in it ({@code --exec=}, or a cluster's {@code -Sx}), and its '--'.
   */
  record Program(int at, String prefix, String path, int dashesAt) {}

  /**
   * start-stop-daemon's program, from its options at {@code from}, when it starts one that is a
   * shell of sh's kind and a '--' gives it its arguments, none before it; {@code null} otherwise,
   * or where two options name one (--exec matches, --startas runs).
   */
  @Nullable
  static Program shell(List<String> line, int from) {
    Start start = start(line, from);
    if (start == null || start.programs() != 1 || start.dashesAt() < 0 || start.operandsFirst()) {
      return null;
    }
    return ShellOptions.isSh(ProgramName.launcherName(start.program()))
        ? new Program(start.at(), start.prefix(), start.program(), start.dashesAt())
        : null;
  }
}
