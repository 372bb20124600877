package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.cli.ShellString.Kind;
import com.goteleport.tbot.otel.consent.Consent;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * exec's reading of shell strings ({@link ShellString}) against the real shells here (sh, bash,
 * dash, busybox sh where installed), on seeded lines of {@link ShellStringsRandom}: ShellStringTest's
 * lines are the ones someone thought of. Each line runs with a fake tbot first on PATH that writes
 * down, per run, its arguments and its variables of consent. SAFETY: where exec would record the
 * start with consent (every other source saying yes), tbot got no no (a no flag before its first
 * {@code --}, DO_NOT_TRACK or TELEPORT_ANONYMOUS_TELEMETRY saying no, as {@link Consent} reads them)
 * and ran at most once. ACCURACY: where exec reads the line, each tbot run got exactly that line's
 * arguments and variables; where it reads a line that runs nothing, tbot did not run. The seed is
 * fixed; {@code -Dshell.strings.seed=N} (and {@code -Dshell.strings.count=N}) replays another.
 */
class ShellStringDifferentialTest {

  static final long SEED = Long.getLong("shell.strings.seed", 20261207L);
  static final int COUNT = Integer.getInteger("shell.strings.count", 1500);

  private static final List<String> VARIABLES =
      List.of(Consent.ENV_DO_NOT_TRACK, Consent.ENV_TELEPORT, "TBOT_CONFIG_PATH");
  private static final int TIMEOUT_SECONDS = 20;
  private static final int TIMEOUTS_ALLOWED = 3; // then the run stops: a bounded total
  private static final int REPORTED = 20;

  @TempDir Path dir;

  @Test
  void whereExecRecordsTheRealTbotGotNoNoAndWhereItReadsTheLineTbotGotIt() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    // Per run (one file each: $$ is the shell's or its own PID), written whole before it appears.
    ExecRun.script(bin, "tbot", "f=\"$OUT/$$\"\n"
        + "printf '%s\\0' \"${DO_NOT_TRACK-}\" \"${TELEPORT_ANONYMOUS_TELEMETRY-}\" \"${TBOT_CONFIG_PATH-}\" > \"$f.tmp\"\n"
        + "for a in \"$@\"; do printf '%s\\0' \"$a\" >> \"$f.tmp\"; done\nmv \"$f.tmp\" \"$f.run\"\n");
    Path home = Files.createDirectories(dir.resolve("home"));
    ShellStringsRandom random = new ShellStringsRandom(SEED, shells());
    List<List<String>> lines = new ArrayList<>();
    for (int k = 0; k < COUNT; k++) {
      lines.add(random.next());
    }
    AtomicInteger timeouts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<List<String>>> found = new ArrayList<>();
    try {
      for (int k = 0; k < lines.size(); k++) {
        int at = k;
        found.add(pool.submit(() -> check(at, lines.get(at), bin, home, timeouts)));
      }
      List<String> safety = new ArrayList<>();
      List<String> accuracy = new ArrayList<>();
      for (Future<List<String>> f : found) {
        for (String v : f.get()) {
          (v.startsWith("SAFETY") ? safety : accuracy).add(v);
        }
      }
      List<String> all = new ArrayList<>(safety);
      all.addAll(accuracy);
      assertTrue(all.isEmpty(), all.size() + " differences (" + safety.size() + " SAFETY) on seed " + SEED
          + " (-Dshell.strings.seed=" + SEED + " replays), the first " + REPORTED + ":\n"
          + String.join("\n", all.subList(0, Math.min(REPORTED, all.size()))));
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    }
  }

  /**
   * The generator, without a shell: the same seed gives the same lines, and they are aimed: many
   * read as tbot's, some of those saying no, some given up on, some recorded.
   */
  @Test
  void theLinesAreTheSeedsAndAimedAtWhatExecReads() {
    List<String> shells = List.of("sh", "bash", "dash");
    ShellStringsRandom a = new ShellStringsRandom(SEED, shells);
    ShellStringsRandom b = new ShellStringsRandom(SEED, shells);
    int read = 0;
    int saysNo = 0;
    int givenUp = 0;
    int recorded = 0;
    Map<String, String> env = Map.of(Consent.ENV_TELEPORT, "1");
    for (int k = 0; k < COUNT; k++) {
      List<String> line = a.next();
      assertEquals(line, b.next(), "line " + k + " of seed " + SEED);
      ShellString.Line r = ShellString.commandLine(line, env);
      boolean tbot = r.kind() == Kind.READ && ProgramName.isTbot(firstOr(Launcher.tbotLine(r.words())))
          && r.words() != line;
      read += tbot ? 1 : 0;
      boolean records = records(line, env);
      saysNo += tbot && !records ? 1 : 0;
      givenUp += r.kind() == Kind.NOT_READ || r.kind() == Kind.BEHIND_A_STRING ? 1 : 0;
      recorded += records ? 1 : 0;
    }
    String counts = "of " + COUNT + ": read as tbot's " + read + ", of those not recorded " + saysNo
        + ", given up on " + givenUp + ", recorded " + recorded;
    assertTrue(read > COUNT / 4 && saysNo > COUNT / 20 && givenUp > COUNT / 5 && recorded > COUNT / 20, counts);
  }

  /** The differences on line {@code k}, SAFETY's first, each naming the seed and the line. */
  private List<String> check(int k, List<String> line, Path bin, Path home, AtomicInteger timeouts) throws Exception {
    Path work = Files.createDirectories(dir.resolve("work").resolve(String.valueOf(k)));
    Path out = Files.createDirectories(dir.resolve("runs").resolve(String.valueOf(k)));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin");
    env.put("OUT", out.toString());
    env.put("HOME", home.toString()); // ~ stays in the temporary directory
    env.put(Consent.ENV_TELEPORT, "1");
    if (System.getenv("LD_LIBRARY_PATH") != null) {
      env.put("LD_LIBRARY_PATH", System.getenv("LD_LIBRARY_PATH")); // a shell unpacked by hand
    }
    String where = "line " + k + " of seed " + SEED + " " + ShellStringsRandom.escaped(line);
    List<String> wrong = new ArrayList<>();
    if (timeouts.get() >= TIMEOUTS_ALLOWED) {
      return List.of(); // stopped: reported once, below
    }
    ProcessBuilder pb = new ProcessBuilder(line).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return List.of("ACCURACY? " + where + ": ran on past " + TIMEOUT_SECONDS + " s"
          + (timeouts.incrementAndGet() >= TIMEOUTS_ALLOWED ? "; the run stops here" : ""));
    }
    List<List<String>> runs = runs(out);
    ShellString.Line read = ShellString.commandLine(line, env);
    if (records(line, env)) {
      for (List<String> run : runs) {
        if (saysNo(run)) {
          wrong.add("SAFETY " + where + ": exec records the start with consent, reading " + escaped(read)
              + ", but tbot got a no: " + ShellStringsRandom.escaped(run));
        }
      }
      if (runs.size() > 1) {
        wrong.add("SAFETY " + where + ": exec records one start, but tbot ran " + runs.size() + " times");
      }
    }
    if (read.kind() == Kind.READ) {
      List<String> expected = asTbotGetsIt(read.words(), env);
      for (List<String> run : runs) {
        if (!run.equals(expected)) {
          wrong.add("ACCURACY " + where + ": read as " + escaped(read) + ", tbot getting "
              + ShellStringsRandom.escaped(expected) + ", but it got " + ShellStringsRandom.escaped(run));
        }
      }
    } else if (read.kind() == Kind.RUNS_NOTHING && !runs.isEmpty()) {
      wrong.add("ACCURACY " + where + ": read as running nothing, but tbot ran " + runs.size() + " times");
    }
    return wrong;
  }

  /**
   * Whether exec records a start with consent for {@code command}, as StartInputs.forCommand decides
   * (TbotArgsFuzzTest's reading), every other source saying yes: exec's --anonymous-analytics and a
   * config file's yes (config words in front of tbot, which only add a no, are left out).
   */
  static boolean records(List<String> command, Map<String, String> env) {
    ShellString.Line read = ShellString.commandLine(command, env);
    TbotCommand what = TbotCommand.of(read, env);
    if (read.words() == null || !what.counted()) {
      return false;
    }
    AnalyticsOptions yes = new AnalyticsOptions();
    yes.optIn = true;
    StartFlags flags = StartFlags.merge(yes, ChildArgs.parse(read.words()), what);
    return Consent.resolve(flags.consentFlag(), Boolean.TRUE, LauncherEnvironment.environment(read.words(), env))
        .granted();
  }

  /** Whether a run (tbot's arguments, then VARIABLES as NAME=VALUE) got a no: a flag's, or a variable's. */
  private static boolean saysNo(List<String> run) {
    List<String> args = new ArrayList<>(List.of("tbot"));
    args.addAll(run.subList(0, run.size() - VARIABLES.size()));
    boolean no = ChildArgs.parse(args).optOut();
    for (String variable : run.subList(run.size() - VARIABLES.size(), run.size())) {
      int eq = variable.indexOf('=');
      no |= Consent.saysNo(variable.substring(0, eq), variable.substring(eq + 1));
    }
    return no;
  }

  /** tbot's arguments and its variables of consent as a line read gives them; unset as empty. */
  private static List<String> asTbotGetsIt(List<String> read, Map<String, String> env) {
    List<String> tbotLine = Launcher.tbotLine(read);
    List<String> got = new ArrayList<>(ProgramName.isTbot(firstOr(tbotLine)) ? tbotLine.subList(1, tbotLine.size())
        : List.of("(no tbot read)"));
    Map<String, String> tbotEnv = LauncherEnvironment.asTbotGetsIt(read, new HashMap<>(env));
    for (String name : VARIABLES) {
      got.add(name + "=" + tbotEnv.getOrDefault(name, ""));
    }
    return got;
  }

  /** Each run of the fake tbot: its arguments, then VARIABLES as NAME=VALUE (unset as empty). */
  private static List<List<String>> runs(Path out) throws IOException {
    List<List<String>> runs = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".run")).sorted().toList()) {
        List<String> words = split(Files.readString(file, StandardCharsets.UTF_8));
        List<String> run = new ArrayList<>(words.subList(VARIABLES.size(), words.size()));
        for (int i = 0; i < VARIABLES.size(); i++) {
          run.add(VARIABLES.get(i) + "=" + words.get(i));
        }
        runs.add(run);
      }
    }
    return runs;
  }

  private static String escaped(ShellString.Line read) {
    return read.kind() == Kind.READ ? ShellStringsRandom.escaped(read.words()) : read.kind().toString();
  }

  private static String firstOr(List<String> line) {
    return line.isEmpty() ? "" : line.get(0);
  }

  private static List<String> split(String nulSeparated) {
    List<String> words = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < nulSeparated.length(); i++) {
      if (nulSeparated.charAt(i) == '\0') {
        words.add(nulSeparated.substring(from, i));
        from = i + 1;
      }
    }
    return words;
  }

  /** sh always; bash and dash, and busybox's sh, where installed (as ShellStringTest). */
  private static List<String> shells() {
    List<String> shells = new ArrayList<>(List.of("sh"));
    for (String shell : List.of("bash", "dash", "busybox")) {
      for (String path : System.getenv("PATH").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(path, shell)) && !shells.contains(shell)) {
          shells.add(shell);
        }
      }
    }
    return shells;
  }
}
