package com.goteleport.tbot.otel.cli;

import java.util.List;
import javax.annotation.Nullable;

/**
 * Debian's start-stop-daemon, as its getopt_long reads it: it runs its {@code --exec} (or {@code
 * --startas}) PROGRAM with the arguments after its '--', in its {@code --chdir} and {@code
 * --chroot}. One grammar for {@link Launcher}, which reads those for tbot, and {@link ShellString},
 * which reads the string of a shell it runs ({@code start-stop-daemon --exec /bin/sh -- -c STRING}).
 */
final class StartStopDaemon {

  static final String NAME = "start-stop-daemon";

  // Its short options that take a value, and its long ones.
  static final String SHORT_VALUES = "pxnugsRaNPIkcrdO";
  private static final List<String> LONG_VALUES = List.of("pidfile", "exec", "name", "user", "group", "signal",
      "retry", "startas", "nicelevel", "procsched", "iosched", "umask", "chuid", "chroot", "chdir", "output",
      "notify-timeout");

  private StartStopDaemon() {}

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
   * The program start-stop-daemon runs, named by its only {@code --exec}/{@code -x} or {@code
   * --startas}/{@code -a} among its options: where that word is ({@code at}), the text in front of
   * the path in it ({@code --exec=}, or a cluster's {@code -Sx}), and its '--'.
   */
  record Program(int at, String prefix, String path, int dashesAt) {}

  /**
   * start-stop-daemon's program, from its options at {@code from}, when it is a shell of sh's kind
   * and a '--' gives it arguments; {@code null} otherwise, or where two options name one (--exec
   * matches, --startas runs).
   */
  @Nullable
  static Program shell(List<String> line, int from) {
    int at = -1;
    String prefix = "";
    int count = 0;
    int i = from;
    for (; i < line.size() && !line.get(i).equals("--"); i++) {
      String arg = line.get(i);
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = arg.substring(2, eq < 0 ? arg.length() : eq);
        if (name.equals("exec") || name.equals("startas")) {
          count++;
          at = eq >= 0 ? i : i + 1;
          prefix = eq >= 0 ? arg.substring(0, eq + 1) : "";
        }
        i += takesValue(name) && eq < 0 ? 1 : 0;
      } else if (arg.startsWith("-") && arg.length() > 1) {
        for (int k = 1; k < arg.length(); k++) {
          char letter = arg.charAt(k);
          if (SHORT_VALUES.indexOf(letter) >= 0) {
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
    return ShellOptions.isSh(ProgramName.launcherName(path)) ? new Program(at, prefix, path, i) : null;
  }
}
