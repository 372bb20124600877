package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.cli.ShellString.Kind;
import com.goteleport.tbot.otel.consent.Consent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * exec's reading of launcher chains ({@link LauncherChain}, {@link LauncherEnvironment}, {@link
 * Launcher}) against the real programs here, on seeded lines of {@link LauncherChainsRandom}: those
 * of ExecArgsTest and TbotCommandTest are the ones someone thought of, and TbotArgsFuzzTest runs
 * none. A launcher that does not run here (not installed; runuser and su where they ask for a
 * password) is left out of the lines, found by running it once first. Each line runs in a directory
 * of its own with fake tbots first on PATH (tbot, tbot-18, TBOT, tbot18.1.0) that write down, per
 * run, its arguments and its variables of consent, in their own directory (env -i clears any
 * variable that could name it). SAFETY: where exec would record the start with consent (every other
 * source saying yes, exec's own {@code -c} among them), tbot got no no and ran at most once.
 * ACCURACY: where exec reads the line as tbot's, each tbot run got exactly those arguments and
 * variables. The seed is fixed; {@code -Dlauncher.chains.seed=N} (and {@code
 * -Dlauncher.chains.count=N}) replays another.
 */
class LauncherChainDifferentialTest {

  static final long SEED = Long.getLong("launcher.chains.seed", 20261208L);
  static final int COUNT = Integer.getInteger("launcher.chains.count", 1200);

  private static final List<String> TBOT_NAMES = List.of("tbot", "tbot-18", "TBOT", "tbot18.1.0");
  // TbotCommand's descriptions of the lines exec gives up on.
  private static final List<String> GIVEN_UP = List.of("in env -S's string", "which exec does not split exactly",
      "with an @FILE argument",
      "exec does not parse", "with an environment from files", "running other than the line", "running nothing",
      "starting nothing");

  @TempDir Path dir;

  @Test
  void whereExecRecordsTheRealTbotGotNoNoAndWhereItReadsTheLineTbotGotIt() throws Exception {
    // Per run (one file each, by PID), written whole before it appears, next to the link it ran as.
    Path fake = ExecRun.script(dir, "fake-tbot", "PATH=/usr/bin:/bin\nf=\"${0%/*}/$$\"\n"
        + "printf '%s\\0' \"${DO_NOT_TRACK-}\" \"${TELEPORT_ANONYMOUS_TELEMETRY-}\" \"${TBOT_CONFIG_PATH-}\" > \"$f.tmp\"\n"
        + "for a in \"$@\"; do printf '%s\\0' \"$a\" >> \"$f.tmp\"; done\nmv \"$f.tmp\" \"$f.run\"\n");
    Path home = Files.createDirectories(dir.resolve("home"));
    String user = System.getProperty("user.name");
    Set<String> here = runnableHere(user);
    LauncherChainsRandom random = new LauncherChainsRandom(SEED, here, user);
    List<List<String>> lines = new ArrayList<>();
    for (int k = 0; k < COUNT; k++) {
      lines.add(random.next());
    }
    AtomicInteger timeouts = new AtomicInteger();
    FakeTbotRuns.assertNoDifferences(lines.size(), at -> () -> check(at, lines.get(at), fake, home, timeouts),
        "on seed " + SEED + " (-Dlauncher.chains.seed=" + SEED + " replays) with " + here);
  }

  /**
   * The generator, without running anything: the same seed gives the same lines, and they are
   * aimed: many read as tbot's, some of those saying no, some given up on, some recorded.
   */
  @Test
  void theLinesAreTheSeedsAndAimedAtWhatExecReads() {
    Set<String> all = Set.copyOf(LauncherChainsRandom.ALL);
    LauncherChainsRandom a = new LauncherChainsRandom(SEED, all, "root");
    LauncherChainsRandom b = new LauncherChainsRandom(SEED, all, "root");
    int read = 0;
    int saysNo = 0;
    int givenUp = 0;
    int recorded = 0;
    Map<String, String> env = baseEnv("/bin", "/home");
    for (int k = 0; k < COUNT; k++) {
      List<String> line = a.next();
      assertEquals(line, b.next(), "line " + k + " of seed " + SEED);
      ShellString.Line r = ShellString.commandLine(line, env);
      TbotCommand what = TbotCommand.of(r, env);
      boolean tbot = readAsTbots(r, env);
      boolean records = FakeTbotRuns.records(line, env);
      read += tbot ? 1 : 0;
      saysNo += tbot && what.counted() && !records ? 1 : 0;
      givenUp += !tbot ? 1 : 0;
      recorded += records ? 1 : 0;
    }
    String counts = "of " + COUNT + ": read as tbot's " + read + ", of those a start not recorded " + saysNo
        + ", not read as tbot's " + givenUp + ", recorded " + recorded;
    assertTrue(read > COUNT / 2 && saysNo > COUNT / 10 && givenUp > COUNT / 40 && recorded > COUNT / 10, counts);
  }

  /** The differences on line {@code k}, SAFETY's first, each naming the seed and the line. */
  private List<String> check(int k, List<String> generated, Path fake, Path home, AtomicInteger timeouts)
      throws Exception {
    if (timeouts.get() >= FakeTbotRuns.TIMEOUTS_ALLOWED) {
      return List.of(); // stopped: reported once, below
    }
    Path work = Files.createDirectories(dir.resolve("work").resolve(String.valueOf(k)));
    for (String sub : List.of("a/a", "a/b", "b")) {
      Files.createDirectories(work.resolve(sub));
    }
    Files.writeString(work.resolve("empty"), "");
    Path bin = Files.createDirectories(dir.resolve("bin").resolve(String.valueOf(k)));
    for (String name : TBOT_NAMES) {
      Files.createSymbolicLink(bin.resolve(name), fake);
    }
    List<String> line = new ArrayList<>();
    for (String word : generated) {
      line.add(word.replace("@BIN@", bin.toString()));
    }
    Map<String, String> env = baseEnv(bin.toString(), home.toString());
    String where = "line " + k + " of seed " + SEED + " " + ShellStringsRandom.escaped(generated);
    List<String> ranOn = FakeTbotRuns.run(line, work, env, where, timeouts);
    if (!ranOn.isEmpty()) {
      return ranOn;
    }
    List<List<String>> runs = FakeTbotRuns.runs(bin);
    return FakeTbotRuns.differences(where, line, env, runs, readAsTbots(ShellString.commandLine(line, env), env));
  }

  /**
   * Whether exec reads {@code read} as tbot's line: not one it gives up on (a string it does not
   * parse, an environment from files, a launcher running other than the line), whose tbot may get
   * anything.
   */
  private static boolean readAsTbots(ShellString.Line read, Map<String, String> env) {
    if (read.kind() != Kind.READ || !ProgramName.isTbot(FakeTbotRuns.firstOr(Launcher.tbotLine(read.words())))) {
      return false;
    }
    String what = TbotCommand.of(read, env).describe();
    return GIVEN_UP.stream().noneMatch(what::contains);
  }

  /**
   * The environment each line runs in, and exec reads it in: the fake tbots first on PATH, HOME in
   * the temporary directory, consent's yes, and N and T for env -S's ${NAME} to expand.
   */
  private static Map<String, String> baseEnv(String bin, String home) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin + File.pathSeparator + "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
    env.put("HOME", home);
    env.put("SHELL", "/bin/sh"); // script -c's shell
    env.put(Consent.ENV_TELEPORT, "1");
    env.put("N", Consent.ENV_DO_NOT_TRACK);
    env.put("T", "tbot");
    if (System.getenv("LD_LIBRARY_PATH") != null) {
      env.put("LD_LIBRARY_PATH", System.getenv("LD_LIBRARY_PATH"));
    }
    return env;
  }

  /**
   * The launchers that run a command here, each tried once on true: not installed, or asking for a
   * password (runuser, su as a user other than root), or refused (a pty for script), left out.
   */
  private Set<String> runnableHere(String user) throws Exception {
    Map<String, List<String>> tries = Map.ofEntries(Map.entry("env", List.of("env", "true")),
        Map.entry("nice", List.of("nice", "true")), Map.entry("timeout", List.of("timeout", "10", "true")),
        Map.entry("stdbuf", List.of("stdbuf", "-o0", "true")), Map.entry("nohup", List.of("nohup", "true")),
        Map.entry("setsid", List.of("setsid", "-w", "true")), Map.entry("ionice", List.of("ionice", "-c3", "true")),
        Map.entry("chrt", List.of("chrt", "-o", "0", "true")), Map.entry("taskset", List.of("taskset", "1", "true")),
        Map.entry("flock", List.of("flock", "lock", "true")),
        Map.entry("prlimit", List.of("prlimit", "--nofile=1024", "true")),
        Map.entry("script", List.of("script", "-qec", "true", "ts")),
        Map.entry("runuser", List.of("runuser", "-u", user, "--", "true")),
        Map.entry("su", List.of("su", user, "-c", "true")), Map.entry("xargs", List.of("xargs", "true")));
    Path work = Files.createDirectories(dir.resolve("try"));
    Set<String> here = new LinkedHashSet<>();
    for (String launcher : LauncherChainsRandom.ALL) {
      ProcessBuilder pb = new ProcessBuilder(tries.get(launcher)).directory(work.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
      pb.environment().put("SHELL", "/bin/sh");
      try {
        Process p = pb.start();
        if (!p.waitFor(FakeTbotRuns.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly(); // su waiting for a password: not here
        } else if (p.exitValue() == 0) {
          here.add(launcher);
        }
      } catch (IOException notInstalled) {
        // left out
      }
    }
    assertTrue(here.containsAll(List.of("env", "nice", "timeout")), "coreutils' env, nice, timeout: " + here);
    return here;
  }

}
