package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A program that runs the command in its arguments ({@code env}, {@code timeout 60}, {@code sudo},
 * {@code gosu}, {@code dumb-init} ...), as exec sees it: where tbot's own command line starts in
 * it, and whether it runs that line as given, or nothing. A command line that does not start with
 * one is tbot's, or another program's, as it is. What it changes in the environment tbot gets is
 * {@link LauncherEnvironment}'s, the directory it runs tbot in {@link LauncherDirectory}'s; each
 * reads the launchers by {@link LauncherChain}.
 */
final class Launcher {

  private Launcher() {}

  /**
   * tbot's own command line in {@code command}: all of it when it runs tbot; a launcher's (or any
   * other program's) arguments from the one that names tbot (the last of a run of such names:
   * {@code gosu tbot tbot start} runs the program tbot as the user tbot); otherwise {@code command}
   * as it is. A {@code --} right after a tbot named behind a program that is not a launcher ({@link
   * #tbotBehindOtherProgram}) ends that program's options ({@code ./run.sh tbot -- start -c
   * tbot.yaml}): tbot gets what follows. A launcher passes it on to tbot ({@code nice tbot
   * -- start}), as it is kept here, also one right in front of tbot behind another program ({@code
   * xargs nice tbot -- start}), and so does xargs ({@code xargs tbot -- start}): tbot then refuses
   * any flag after it, and such a line counts nothing.
   */
  static List<String> tbotLine(List<String> command) {
    command = LauncherChain.unfolded(command);
    int at = LauncherChain.tbotAt(command);
    int dashes = runuserDashes(command, at);
    if (dashes > at) {
      // runuser -u's getopt took it as its own (runuser -u bot tbot -- start runs tbot start).
      List<String> line = new ArrayList<>(command.subList(at, command.size()));
      line.remove(dashes - at);
      return line;
    }
    // Not where a '--' right in front of tbot ended that program's options (su -- tbot -- start).
    if (at > 0 && at + 1 < command.size() && command.get(at + 1).equals("--") && tbotBehindOtherProgram(command)
        && !command.get(at - 1).equals("--")
        && !LauncherChain.LAUNCHERS.contains(ProgramName.launcherName(command.get(at - 1)))
        && LauncherChain.commandAtPastSu(command) != at) {
      List<String> line = new ArrayList<>(command.size() - at - 1);
      line.add(command.get(at));
      line.addAll(command.subList(at + 2, command.size()));
      return line;
    }
    return at < 0 ? command : command.subList(at, command.size());
  }

  /**
   * Whether {@code command} names tbot behind a program that is not a launcher ({@code xargs tbot
   * ...}, {@code htpasswd -b FILE tbot PASSWORD}): that tbot may be a value of the program's, a
   * user's name, and the words after it other values. What counts is the program right in front of
   * tbot once the launchers are peeled off, each with its options and operands ({@code sudo
   * htpasswd ...}, {@code nice -n 5 rabbitmqctl ...}, or the program of {@code env -S}'s string);
   * where a launcher's arguments cannot be told from its command, that word is taken for another
   * program.
   */
  static boolean tbotBehindOtherProgram(List<String> command) {
    command = LauncherChain.unfolded(command);
    int at = LauncherChain.tbotAt(command);
    if (at <= 0) {
      return false;
    }
    int p = 0;
    while (p < at) {
      String name = ProgramName.launcherName(command.get(p));
      if (LauncherChain.suString(command, p)) {
        p += 2;
        continue;
      }
      if (!LauncherChain.isLauncher(command, p)) {
        return true;
      }
      p = LauncherChain.commandOf(name, command, p + 1);
      if (p < 0) {
        return true; // env -S's string runs a program of its own
      }
    }
    return p > at; // tbot itself read as a launcher's argument: its command is something else
  }

  /**
   * Whether a {@code runuser -u} among the launchers in front of the program {@code command} runs
   * does not run that line as given: it refuses it (-l, -c, an option it does not know ...), prints
   * its help, or takes an option after its command (its getopt permutes), which tbot then does not
   * get. exec records nothing for such a line.
   */
  static boolean runuserChangesTheLine(List<String> command) {
    command = LauncherChain.unfolded(command);
    int p = 0;
    while (p >= 0 && p < command.size()) {
      String name = ProgramName.launcherName(command.get(p));
      if (RunUser.is(name)) {
        RunUser runuser = RunUser.read(command, p + 1);
        if (runuser == null || !runuser.runsAsGiven()) {
          return runuser != null;
        }
      } else if (!LauncherChain.LAUNCHERS.contains(name) && !name.equals("xargs")) {
        return false;
      }
      p = LauncherChain.commandOf(name, command, p + 1);
    }
    return false;
  }

  /**
   * Whether the program {@code command}'s launchers run is su (or runuser without {@code -u}) given
   * options it refuses, or {@code -h} or {@code -V}: it runs nothing (see {@link RunUser#suRunsNothing}).
   * exec records nothing for such a line.
   */
  static boolean suRunsNothing(List<String> command) {
    command = LauncherChain.unfolded(command);
    int p = 0;
    while (p >= 0 && p < command.size()) {
      String name = ProgramName.launcherName(command.get(p));
      if (name.equals("su") || RunUser.is(name) && RunUser.read(command, p + 1) == null) {
        return RunUser.suRunsNothing(command, p + 1);
      }
      if (!LauncherChain.isLauncher(command, p) && !name.equals("xargs")) {
        return false;
      }
      p = LauncherChain.commandOf(name, command, p + 1);
    }
    return false;
  }

  /**
   * Where the {@code --} is that a {@code runuser -u} in front of tbot (at {@code at}) takes after
   * its command; -1 if none.
   */
  private static int runuserDashes(List<String> command, int at) {
    int p = 0;
    while (at > 0 && p >= 0 && p < at) {
      if (LauncherChain.suString(command, p)) {
        p += 2;
        continue;
      }
      String name = ProgramName.launcherName(command.get(p));
      RunUser runuser = RunUser.is(name) ? RunUser.read(command, p + 1) : null;
      if (runuser != null && runuser.runsAsGiven() && runuser.dashesAt() > at) {
        return runuser.dashesAt();
      }
      if (runuser == null && !LauncherChain.LAUNCHERS.contains(name) && !name.equals("xargs")) {
        return -1;
      }
      p = LauncherChain.commandOf(name, command, p + 1);
    }
    return -1;
  }

  /**
   * Whether the program {@code command}'s launchers run is a start-stop-daemon that starts nothing
   * (see {@link StartStopDaemon#start}): it stops, tests or prints, or refuses its options, and
   * exits, maybe with 0. exec records nothing for such a line.
   */
  static boolean daemonStartsNothing(List<String> command) {
    int p = 0;
    while (p >= 0 && p < command.size()) {
      if (LauncherChain.suString(command, p)) {
        p += 2;
        continue;
      }
      String name = ProgramName.launcherName(command.get(p));
      if (StartStopDaemon.is(name)) {
        return StartStopDaemon.start(command, p + 1) == null;
      }
      if (!LauncherChain.isLauncher(command, p) && !name.equals("xargs")) {
        return false;
      }
      p = LauncherChain.commandOf(name, command, p + 1);
    }
    return false;
  }

  /**
   * Whether a word of an {@code env -S} string in a command that does not name tbot otherwise
   * names tbot ({@code env -S 'tbot start -c tbot.yaml'}): env runs it with its flags in a string
   * exec does not parse, so which config, and which no, tbot reads is unknown. Every env on the
   * line is read, leading, behind launchers or behind any other program ({@code xargs env -S
   * ...}), as any program is looked through to a word naming tbot. Also one in front of a tbot
   * named after it (env runs the string's tbot, with that one among its arguments). A string exec
   * does not split exactly is {@link #splitStringNotExact}'s.
   */
  static boolean tbotInSplitString(List<String> command) {
    return splitStrings(command, false);
  }

  /**
   * Whether an {@code env -S} string on the line (read as {@link #tbotInSplitString} reads them) is
   * one exec does not split exactly, which may name tbot or set a no: one with env's escapes or its
   * {@code ${NAME}} ({@code \_} separates words, {@code \c} ends the string), or a {@code #} (a comment).
   */
  static boolean splitStringNotExact(List<String> command) {
    return splitStrings(command, true);
  }

  // Whether an env -S string on the line names tbot (notExact: is one exec does not split exactly).
  private static boolean splitStrings(List<String> command, boolean notExact) {
    command = LauncherChain.unfolded(command);
    int at = LauncherChain.tbotAt(command);
    for (int i = 0; i < (at < 0 ? command.size() : at); i++) {
      if (!ProgramName.launcherName(command.get(i)).equals("env")) {
        continue;
      }
      List<LauncherChain.Option> options = new ArrayList<>();
      LauncherChain.readOptions("env", command, i + 1, command.size(), options, new ArrayList<>());
      for (LauncherChain.Option o : options) {
        if (o.splitString() != null) {
          if (notExact) {
            if (o.value().indexOf('\\') >= 0 || o.value().indexOf('$') >= 0 || o.value().indexOf('#') >= 0) {
              return true;
            }
            continue;
          }
          // A -S string nested too deep to read may name tbot.
          List<List<String>> readings = new ArrayList<>();
          if (!LauncherChain.splitStringReadings(o.value(), readings)
              || readings.stream().flatMap(List::stream).anyMatch(ProgramName::isTbot)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
