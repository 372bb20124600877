package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded command lines of 1 to 4 launchers in front of tbot, for {@link LauncherChainDifferentialTest}:
 * coreutils' env, nice, timeout, stdbuf, nohup, util-linux's setsid, ionice, chrt, taskset, flock,
 * prlimit, script, runuser -u and su, and xargs, each with options in the spellings its getopt takes
 * (clusters, {@code --opt=value}, {@code --opt value}, {@code -ovalue}, abbreviated long ones, {@code
 * --}) and edge cases (env's {@code -}, {@code -u}, {@code -C}, {@code -S STRING} with its escapes and
 * {@code ${NAME}}, signals; nice's {@code -N}; timeout's durations), {@code NAME=VALUE} words of the
 * consent and config variables, then tbot (by name, as {@code @BIN@/tbot}, or a versioned name) with
 * arguments: no flags in their spellings, {@code -c FILE}, {@code --}. flock, script and su may take
 * the rest of the line as a shell string. The lines touch only relative paths (a, b, a/a, lock, a/lock,
 * lock-2, lock-3, ts, empty, no.yaml; each flock of a line its own lock, as two on one would wait
 * for each other for ever) and {@code @BIN@}, which the runner replaces by the line's own directory of fake
 * tbots; none acts on another process ({@code -p PID} is not generated).
 */
final class LauncherChainsRandom {

  /** Every launcher a line may use; a runner passes those that run here. */
  static final List<String> ALL = List.of("env", "nice", "timeout", "stdbuf", "nohup", "setsid", "ionice", "chrt",
      "taskset", "flock", "prlimit", "script", "runuser", "su", "xargs");

  private static final List<String> NO_FLAGS = List.of("--no-anonymous-analytics", "--no-anonymous-analytics=true",
      "--anonymous-analytics=false", "--anonymous-analytics=0", "--anonymous-analytics=F", "--anonymous-analytics=no",
      "--anonymous-analytics=");
  private static final List<String> OTHER_FLAGS = List.of("--anonymous-analytics", "--anonymous-analytics=true",
      "-c", "no.yaml", "-cno.yaml", "-dc", "--config=no.yaml", "--config", "--oneshot", "-d", "--", "--token",
      "--destination-dir", "out", "DO_NOT_TRACK=1", "identity", "a b", "", "-", "--debug", "-u", "-i", "-n", "5",
      "-k", "-S", "-C");
  private static final List<String> NAMES = List.of("DO_NOT_TRACK", "TELEPORT_ANONYMOUS_TELEMETRY",
      "TBOT_CONFIG_PATH", "X");
  private static final List<String> VALUES = List.of("1", "0", "", "false", "true", "no", "FALSE", "n", "no.yaml",
      "a b");
  // tbot as exec recognises it; @BIN@ is the line's directory of fake tbots.
  private static final List<String> TBOTS = List.of("tbot", "tbot", "tbot", "tbot", "@BIN@/tbot", "@BIN@/tbot",
      "tbot-18", "TBOT", "tbot18.1.0", "@BIN@/tbot-18");
  // env -S's words: options, assignments, its escapes (\_ a separator outside quotes, \c the end),
  // ${NAME} (N and T are set in the runner's environment: DO_NOT_TRACK and tbot), # a comment.
  private static final List<String> SPLIT_WORDS = List.of("DO_NOT_TRACK=1", "TELEPORT_ANONYMOUS_TELEMETRY=0",
      "TELEPORT_ANONYMOUS_TELEMETRY=1", "X=1", "TBOT_CONFIG_PATH=no.yaml", "-i", "-u DO_NOT_TRACK", "-uX", "-C a",
      "-v", "'DO_NOT_TRACK=0'", "\"X=a b\"", "DO_NOT_TRACK=${Y}", "${N}=1", "X=${T}", "X=\\c", "#DO_NOT_TRACK=1",
      "DO_NOT_TRACK=0\\_X=1", "TELEPORT_ANONYMOUS_TELEMETRY=0\\_X=1", "X=1\\_tbot", "-i\\_DO_NOT_TRACK=1", "\\_", "PATH=@BIN@:/usr/bin:/bin", "${T}",
      "tb''ot");

  private final Random random;
  private final Set<String> launchers;
  private final String user;
  /** The lock files the line's flocks have not taken yet. */
  private final List<String> locks = new ArrayList<>();

  LauncherChainsRandom(long seed, Set<String> launchers, String user) {
    this.random = new Random(seed);
    this.launchers = Set.copyOf(launchers);
    this.user = user;
  }

  /** The next line: 1 to 4 launchers, then tbot and its arguments. */
  List<String> next() {
    List<String> tail = tbot();
    locks.clear();
    locks.addAll(List.of("lock", "a/lock", "lock-2", "lock-3"));
    int n = 1 + random.nextInt(4);
    List<List<String>> chain = new ArrayList<>();
    boolean leader = false; // a setsid or script before: a setsid after it forks, so must wait
    boolean terminal = false; // a script before: its string's stdin is script's terminal, which never ends
    for (int k = 0; k < n; k++) {
      String name = pickLauncher();
      chain.add(launcher(name, k == 0, leader, terminal));
      leader |= name.equals("setsid") || name.equals("script") || name.equals("su");
      terminal |= name.equals("script");
    }
    // From the last launcher back: flock, script and su may take what follows as a shell string.
    List<String> line = tail;
    for (int k = chain.size() - 1; k >= 0; k--) {
      List<String> launcher = chain.get(k);
      List<String> joined = new ArrayList<>(launcher);
      int string = -1;
      for (int i = 0; i < joined.size(); i++) {
        string = joined.get(i).contains("@STRING@") ? i : string;
      }
      if (string >= 0) {
        joined.set(string, joined.get(string).replace("@STRING@", shellString(line)));
      } else {
        joined.addAll(line);
      }
      line = joined;
    }
    return line;
  }

  private String pickLauncher() {
    while (true) {
      String name = pick(ALL);
      // script, flock and su are slower (a pty, a lock, PAM): rarer.
      boolean rare = name.equals("script") || name.equals("flock") || name.equals("su") || name.equals("runuser");
      if (launchers.contains(name) && (!rare || random.nextInt(4) == 0)) {
        return name;
      }
    }
  }

  private List<String> launcher(String name, boolean first, boolean leader, boolean terminal) {
    List<String> w = new ArrayList<>(List.of(name));
    switch (name) {
      case "env" -> env(w);
      case "nice" -> w.addAll(pick(List.of(List.of(), List.of("-n", "5"), List.of("-n5"), List.of("-5"),
          List.of("--adjustment=3"), List.of("--adj", "2"), List.of("--adjustment", "19"), List.of("-n", "-1"),
          List.of("-n", "+3"), List.of("--5"), List.of("-n", "0", "--"), List.of("--"), List.of("-10"))));
      case "timeout" -> {
        for (int k = random.nextInt(3); k > 0; k--) {
          w.addAll(pick(List.of(List.of("-k", "1"), List.of("-k1"), List.of("--kill-after=2"), List.of("--kill", "2"),
              List.of("-s", "TERM"), List.of("-sKILL"), List.of("--signal=INT"), List.of("--sig", "HUP"),
              List.of("--foreground"), List.of("--fore"), List.of("--preserve-status"), List.of("--pre"),
              List.of("-v"), List.of("--verbose"), List.of("-vk", "1"), List.of("-vs", "TERM"), List.of("-vsTERM"),
              List.of("-s", "0"))));
        }
        if (random.nextInt(8) == 0) {
          w.add("--");
        }
        w.add(pick(List.of("20", "20s", "0.5m", "1h", "1d", "0", "15.5", "30")));
      }
      case "stdbuf" -> {
        for (int k = 1 + random.nextInt(2); k > 0; k--) {
          w.addAll(pick(List.of(List.of("-o0"), List.of("-oL"), List.of("-e", "0"), List.of("-i0"),
              List.of("--output=L"), List.of("--output", "L"), List.of("--out=0"), List.of("--error=0"),
              List.of("-eL"), List.of("-o", "L"), List.of("--err", "1K"))));
        }
        if (random.nextInt(8) == 0) {
          w.add("--");
        }
      }
      case "nohup" -> w.addAll(random.nextInt(6) == 0 ? List.of("--") : List.of());
      case "setsid" -> {
        if (first && !leader && random.nextBoolean()) {
          w.addAll(pick(List.of(List.of(), List.of("--"))));
        } else {
          // Not first, it may be a group leader's child of its own, and fork: made to wait.
          w.addAll(pick(List.of(List.of("-w"), List.of("--wait"), List.of("-fw"), List.of("-wf"),
              List.of("--fork", "--wait"), List.of("-w", "--"), List.of("--wa"))));
        }
      }
      case "ionice" -> w.addAll(pick(List.of(List.of("-c", "2", "-n", "7"), List.of("-c2"), List.of("-c", "3"),
          List.of("--class=idle"), List.of("--class", "best-effort", "--classdata", "4"), List.of("-t", "-c3"),
          List.of("-n", "4"), List.of("-c", "idle"), List.of("-tc", "3"), List.of("--classd=1", "-c2"),
          List.of("-c3", "--"))));
      case "chrt" -> w.addAll(pick(List.of(List.of("-o", "0"), List.of("--other", "0"), List.of("-b", "0"),
          List.of("--batch", "0"), List.of("-i", "0"), List.of("--idle", "0"), List.of("-R", "-o", "0"),
          List.of("-ob", "0"), List.of("--oth", "0"), List.of("-o", "--", "0"), List.of("-b", "-T", "0", "0"))));
      case "taskset" -> w.addAll(pick(List.of(List.of("1"), List.of("0x1"), List.of("-c", "0"),
          List.of("--cpu-list", "0"), List.of("-a", "1"), List.of("--all-tasks", "1"), List.of("-ac", "0"),
          List.of("--", "1"), List.of("--cpu", "0"))));
      case "prlimit" -> w.addAll(pick(List.of(List.of("--nofile=1024"), List.of("--nofile=512:1024"),
          List.of("-n1024"), List.of("--core=0"), List.of("-c0"), List.of("--nofile", "1024"), List.of("-n", "1024"),
          List.of("--noheadings", "--core=0"), List.of("--raw"), List.of("--"), List.of("-o", "RESOURCE"),
          List.of("--output=RESOURCE", "--core=0"))));
      case "flock" -> {
        w.addAll(pick(List.of(List.of(), List.of("-n"), List.of("-w", "5"), List.of("--timeout=5"), List.of("-s"),
            List.of("-x"), List.of("-o"), List.of("-E", "3"), List.of("--conflict-exit-code", "3"), List.of("-F"),
            List.of("-nw5"), List.of("--wait", "5"))));
        w.add(locks.remove(locks.size() > 2 ? random.nextInt(2) : 0));
        if (random.nextInt(3) == 0) {
          w.addAll(List.of(pick(List.of("-c", "--command")), "@STRING@"));
        }
      }
      case "script" -> {
        w.addAll(pick(List.of(List.of("-q"), List.of("-qe"), List.of("--quiet", "--return"), List.of("-eq"),
            List.of("-q", "-f"))));
        w.addAll(pick(List.of(List.of("-c", "@STRING@"), List.of("--command=@STRING@"),
            List.of("--command", "@STRING@"))));
        w.add("ts");
      }
      case "runuser" -> w.addAll(pick(List.of(List.of("-u", user, "--"), List.of("-u", user), List.of("-u" + user,
          "--"), List.of("--user=" + user, "--"), List.of("--user", user, "--"), List.of("-mu", user, "--"))));
      case "su" -> w.addAll(pick(List.of(List.of(user, "-c", "@STRING@"), List.of("-c", "@STRING@", user),
          List.of("-m", user, "-c", "@STRING@"), List.of("--command=@STRING@", user))));
      case "xargs" -> {
        w.addAll(pick(List.of(List.of(), List.of("-r"), List.of("-n", "1"), List.of("-n1"),
            List.of("--max-args=1"), List.of("-0"), List.of("--null"), List.of("-x"), List.of("-P", "1"),
            List.of("-s", "1000"), List.of("-a", "empty"), List.of("--arg-file=empty"), List.of("-E", "x"),
            List.of("-d", "\\n"), List.of("--"), List.of("-0r", "--"))));
        // Behind script, xargs reading its stdin would wait on script's terminal for good: it reads
        // the empty file instead (added, not drawn, so that every other line stays as it was).
        if (terminal && !w.contains("-a") && !w.contains("--arg-file=empty")) {
          w.addAll(1, List.of("-a", "empty"));
        }
      }
      default -> throw new AssertionError(name);
    }
    return w;
  }

  private void env(List<String> w) {
    if (random.nextInt(10) == 0) {
      w.add("-");
    }
    boolean cleared = false;
    for (int k = random.nextInt(3); k > 0; k--) {
      List<String> option = pick(List.of(List.of("-i"), List.of("-u", pick(NAMES)), List.of("-u" + pick(NAMES)),
          List.of("--unset=" + pick(NAMES)), List.of("--unset", pick(NAMES)), List.of("--uns", pick(NAMES)),
          List.of("-C", pick(List.of("a", "b", "."))), List.of("-Ca"), List.of("--chdir=a"), List.of("--ch", "b"),
          List.of("-S", splitString()), List.of("-S" + splitString()), List.of("--split-string=" + splitString()),
          List.of("--default-signal"), List.of("--default-signal=INT"), List.of("--ignore-signal=PIPE"),
          List.of("--block-signal"), List.of("-v"), List.of("--debug"), List.of("-iu", pick(NAMES)),
          List.of("-iC", "a"), List.of("-vi"), List.of("--ignore-e"), List.of("-uX", "-i")));
      cleared |= option.get(0).startsWith("-i") || option.contains("-vi") || option.contains("--ignore-e");
      w.addAll(option);
    }
    if (random.nextInt(10) == 0) {
      w.add("--");
    }
    if (cleared && random.nextBoolean()) {
      w.add("PATH=@BIN@:/usr/bin:/bin:/usr/sbin:/sbin"); // else tbot by name is not found
    }
    for (int k = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(2); k > 0; k--) {
      w.add(pick(NAMES) + "=" + pick(VALUES));
    }
  }

  private String splitString() {
    StringBuilder b = new StringBuilder();
    for (int k = 1 + random.nextInt(2); k > 0; k--) {
      b.append(b.length() > 0 ? pick(List.of(" ", " ", "\\_", "  ", "\t")) : "").append(pick(SPLIT_WORDS));
    }
    return b.toString();
  }

  /** tbot's name and arguments. */
  private List<String> tbot() {
    List<String> t = new ArrayList<>(List.of(pick(TBOTS)));
    if (random.nextInt(10) == 0) {
      t.add("--");
    }
    if (random.nextInt(10) != 0) {
      t.add(random.nextInt(10) == 0 ? pick(List.of("version", "init", "")) : "start");
    }
    for (int k = random.nextInt(5); k > 0; k--) {
      t.add(random.nextInt(4) == 0 ? pick(NO_FLAGS) : pick(OTHER_FLAGS));
    }
    return t;
  }

  /** {@code words} as one plain command of sh, each word single-quoted or plain. */
  private String shellString(List<String> words) {
    StringBuilder b = new StringBuilder(random.nextInt(4) == 0 ? "exec " : "");
    for (String word : words) {
      b.append(b.length() > 0 && b.charAt(b.length() - 1) != ' ' ? " " : "");
      b.append(word.matches("[A-Za-z0-9_./,:@%+=-]+") && random.nextBoolean() ? word
          : ShellStringsRandom.singleQuoted(word));
    }
    return b.toString();
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }
}
