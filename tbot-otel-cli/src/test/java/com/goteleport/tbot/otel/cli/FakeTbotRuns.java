package com.goteleport.tbot.otel.cli;

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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * What the differential tests ({@link ShellStringDifferentialTest}, {@link
 * LauncherChainDifferentialTest}) compare: whether exec records a start with consent for a line,
 * what a fake tbot wrote down of each run (its arguments, then {@link #VARIABLES}), whether that run
 * got a no, and what exec's reading says tbot gets.
 */
final class FakeTbotRuns {

  /** The variables of consent (and tbot's config path) each run writes down, in this order. */
  static final List<String> VARIABLES =
      List.of(Consent.ENV_DO_NOT_TRACK, Consent.ENV_TELEPORT, "TBOT_CONFIG_PATH");

  private FakeTbotRuns() {}

  /** Seconds a line may run. */
  static final int TIMEOUT_SECONDS = 20;

  /** Lines that ran on past {@link #TIMEOUT_SECONDS} before the run stops: a bounded total. */
  static final int TIMEOUTS_ALLOWED = 3;

  /**
   * Runs {@code line} in {@code work} with only {@code env}, stdin from /dev/null and its output
   * discarded: nothing once it has exited, else its one difference (it ran on past the timeout,
   * and is killed with what it started; {@code timeouts} counts those lines).
   */
  static List<String> run(List<String> line, Path work, Map<String, String> env, String where,
      AtomicInteger timeouts) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(line).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    if (p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      return List.of();
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    return List.of("ACCURACY? " + where + ": ran on past " + TIMEOUT_SECONDS + " s"
        + (timeouts.incrementAndGet() >= TIMEOUTS_ALLOWED ? "; the run stops here" : ""));
  }

  /** At most this many differences are printed. */
  static final int REPORTED = 20;

  /**
   * Runs {@code check} on each of {@code count} lines, two at a time, and fails naming the first
   * {@link #REPORTED} differences, SAFETY's first, after {@code header} (the seed and how to replay it).
   */
  static void assertNoDifferences(int count, IntFunction<Callable<List<String>>> check, String header)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<List<String>>> found = new ArrayList<>();
    try {
      for (int k = 0; k < count; k++) {
        found.add(pool.submit(check.apply(k)));
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
      assertTrue(all.isEmpty(), all.size() + " differences (" + safety.size() + " SAFETY) " + header + ", the first "
          + REPORTED + ":\n" + String.join("\n", all.subList(0, Math.min(REPORTED, all.size()))));
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    }
  }

  /**
   * The differences between what exec reads of {@code line} and the fake tbot's {@code runs}:
   * SAFETY, where exec records the start with consent but a run got a no, or tbot ran more than
   * once; ACCURACY, where {@code checkRead} (exec reads the line as tbot's) but a run got other than
   * that line, or where exec reads a line that runs nothing but tbot ran.
   */
  static List<String> differences(String where, List<String> line, Map<String, String> env,
      List<List<String>> runs, boolean checkRead) {
    List<String> wrong = new ArrayList<>();
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
    if (checkRead) {
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
  static boolean saysNo(List<String> run) {
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
  static List<String> asTbotGetsIt(List<String> read, Map<String, String> env) {
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
  static List<List<String>> runs(Path out) throws IOException {
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

  static String escaped(ShellString.Line read) {
    return read.kind() == Kind.READ ? ShellStringsRandom.escaped(read.words()) : read.kind().toString();
  }

  static String firstOr(List<String> line) {
    return line.isEmpty() ? "" : line.get(0);
  }

  static List<String> split(String nulSeparated) {
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
}
