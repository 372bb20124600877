package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.cli.ShellString.Kind;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ShellString} against the real shells: for each line, the shell runs a fake tbot that
 * writes down its arguments and the variables of consent it got. Where that tbot ran, exec must
 * either record nothing for the line ({@code null}) or read the very line tbot got: a line left as
 * a wrapper's is counted from exec's own flags, and a no tbot reads there is missed.
 */
class ShellStringTest {

  private static final List<String> VARIABLES =
      List.of("DO_NOT_TRACK", "TELEPORT_ANONYMOUS_TELEMETRY", "TBOT_CONFIG_PATH");

  @TempDir Path dir;

  @Test
  void whereTheRealShellRunsTbotExecReadsTheLineItGetsOrRecordsNothing() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    ExecRun.script(bin, "tbot", ": > \"$OUT\"\nfor a in \"$@\"; do printf '%s\\0' \"$a\" >> \"$OUT\"; done\n"
        + "printf '%s\\0' \"${DO_NOT_TRACK-}\" \"${TELEPORT_ANONYMOUS_TELEMETRY-}\" \"${TBOT_CONFIG_PATH-}\" > \"$OUT.env\"\n");
    List<List<String>> lines = new ArrayList<>();
    for (String shell : shells()) {
      for (String string : List.of("tbot start -c no.yaml", "exec tbot start -c no.yaml", "'tb''ot' start",
          "\"tbot\" start", "t\"bot\" 'start' -c \"no.yaml\"", "'' tbot start", "tbot '' start", "A=1 B=2 exec tbot start",
          "DO_NOT_TRACK=1 tbot start", "TELEPORT_ANONYMOUS_TELEMETRY=0 exec tbot start", "env DO_NOT_TRACK=1 tbot start",
          "nohup tbot start", "command tbot start -c no.yaml", "DO_NOT_TRACK= tbot start -c no.yaml A=", "tbot start\t-c\tno.yaml", "\n  tbot start \\\n -c no.yaml\n",
          "tbot start -c a\u00a0b.yaml", "tbot\u00a0start", "TBOT_CONFIG_PATH=no.yaml tbot start",
          // eval and trap run their words as shell code: tbot runs, with what they set.
          "eval 'tbot start -c no.yaml'", "eval DO_NOT_TRACK=1 tbot start", "trap 'tbot start -c no.yaml' EXIT",
          "command eval 'tbot start -c no.yaml'", "builtin eval 'tbot start'", "command -p eval 'tbot start'",
          // What fish and csh read otherwise: fish's %self and its NAME=VALUE before exec, its and/not,
          // csh's \-newline in double quotes and its repeat.
          "tbot start -c %self", "TBOT_CONFIG_PATH=no.yaml exec tbot start", "not tbot start",
          "and tbot start", "tbot start -c \"no\\\n.yaml\"", "repeat 1 tbot start",
          // Output redirections at the end (read as the command), and of other shapes (not read):
          // dash and zsh give tbot 12 and redirect its stdout (&>, which dash runs in the background, is
          // left out: tbot would still be writing when the shell has exited).
          "exec tbot start -c no.yaml >> log 2>&1", "tbot start -c no.yaml > /dev/null 2>&1", "tbot start 2>&1",
          "DO_NOT_TRACK=1 tbot start >&2", "tbot start 1>>out 2>err", "tbot start 2 > log", "tbot start 2>&1>log",
          "tbot start > 'a log'", "tbot start -c no.yaml \\\n >log", "tbot start 12> log",
          "tbot start 2>&1 -c no.yaml", "tbot start >& log")) {
        lines.add(List.of(shell, "-c", string));
        // fish, csh and tcsh read their startup files but with -N or -f: only then read.
        if (!quiet(shell).isEmpty()) {
          lines.add(List.of(shell, quiet(shell), "-c", string));
        }
      }
      // An exact pass-through of the shell's arguments (sh's $0 first), and one that is not.
      boolean sh = !shell.equals("fish") && !shell.endsWith("csh");
      String passThrough = shell.equals("fish") ? "exec $argv" : sh ? "exec \"$@\"" : "exec $argv:q";
      for (String string : List.of(passThrough, "DO_NOT_TRACK=1 " + passThrough, passThrough + " -c yes.yaml",
          passThrough + " >> log 2>&1", passThrough + " > log -c yes.yaml", passThrough + " 3> log")) {
        List<String> line = new ArrayList<>(List.of(shell));
        if (!quiet(shell).isEmpty()) {
          line.add(quiet(shell));
        }
        line.addAll(List.of("-c", string));
        if (sh) {
          line.add("sh");
        }
        line.addAll(List.of("tbot", "start", "-c", "no.yaml"));
        lines.add(line);
      }
      lines.add(List.of(shell, "-ec", "tbot start -c no.yaml"));
      lines.add(List.of(shell, "-c", "-e", "tbot start -c no.yaml"));
      lines.add(List.of(shell, "-c", "--", "tbot start -c no.yaml"));
      lines.add(List.of(shell, "-o", "errexit", "-c", "tbot start -c no.yaml"));
      lines.add(List.of(shell, "-c", "tbot start -c no.yaml", "sh", "--no-anonymous-analytics"));
    }
    // util-linux script runs its -c string as $SHELL's, /bin/sh's here (the environment has no SHELL).
    for (String string : List.of("tbot start -c no.yaml", "DO_NOT_TRACK=1 exec tbot start", "'tb''ot' start")) {
      lines.add(List.of("script", "-qec", string, "/dev/null"));
      lines.add(List.of("script", "/dev/null", "-q", "--command", string));
    }
    if (shells().contains("bash")) {
      // bash's --rcfile and --init-file take a value: the -c after it is still bash's. Red before:
      // the line was a wrapper's, counted from exec's own flags.
      lines.add(List.of("bash", "--rcfile", "x", "-c", "tbot start -c no.yaml"));
      lines.add(List.of("bash", "--init-file", "x", "-c", "tbot start -c no.yaml"));
      lines.add(List.of("bash", "--norc", "-c", "tbot start -c no.yaml"));
      lines.add(List.of("bash", "--login", "--rcfile", "x", "-c", "tbot start -c no.yaml"));
    }
    List<String> wrong = new ArrayList<>();
    int ran = 0;
    for (int k = 0; k < lines.size(); k++) {
      List<String> line = lines.get(k);
      Path out = dir.resolve("out" + k);
      List<String> real = run(line, bin, out);
      ShellString.Line read = ShellString.commandLine(line, Map.of());
      if (real == null) {
        continue; // tbot did not run: nothing it reads is missed
      }
      ran++;
      if (read.words() == line && !real.equals(asTbotGetsIt(line))) {
        // Looked through to a tbot after it (an exact pass-through, "$@") only where that is the line tbot got.
        wrong.add(line + ": read as a wrapper's, but the shell ran tbot " + real);
        continue;
      }
      if (read.kind() == Kind.RUNS_NOTHING) {
        wrong.add(line + ": read as running nothing, but the shell ran tbot " + real);
        continue;
      }
      if (read.kind() == Kind.READ && !real.equals(asTbotGetsIt(read.words()))) {
        wrong.add(line + ": read as " + read.words() + " " + asTbotGetsIt(read.words()) + ", but tbot got " + real);
      }
    }
    assertTrue(ran > lines.size() / 2, "the shells ran the fake tbot for most lines: " + ran + " of " + lines.size());
    assertEquals(List.of(), wrong);
  }

  @Test
  void aPassThroughWithOutputRedirectionsGivesTbotTheShellsArgumentsAsTheyAre() throws Exception {
    // The real sh, bash, dash and busybox sh: the tbot after exec "$@" >> log 2>&1 (and "$@" >
    // /dev/null 2>&1 ...) gets the shell's arguments and environment as exec reads them.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    ExecRun.script(bin, "tbot", ": > \"$OUT\"\nfor a in \"$@\"; do printf '%s\\0' \"$a\" >> \"$OUT\"; done\n"
        + "printf '%s\\0' \"${DO_NOT_TRACK-}\" \"${TELEPORT_ANONYMOUS_TELEMETRY-}\" \"${TBOT_CONFIG_PATH-}\""
        + " > \"$OUT.env\"\necho out; echo err >&2\n");
    List<String> shells = ExecRun.shellsHere("bash", "dash", "busybox"); // where installed
    List<List<String>> lines = new ArrayList<>();
    for (String shell : shells) {
      for (String string : List.of("exec \"$@\" >> log 2>&1", "\"$@\" > /dev/null 2>&1", "exec \"$@\" 2>&1 >'a log'",
          "\"$@\" 1>>out 2>>err", "exec \"$@\" >&2")) {
        List<String> line = new ArrayList<>(List.of("env", "TBOT_CONFIG_PATH=x.yaml"));
        line.addAll(shell.equals("busybox") ? List.of("busybox", "sh") : List.of(shell));
        line.addAll(List.of("-c", string, "sh", "tbot", "start", "-c", "no.yaml", "a  b", "DO_NOT_TRACK=1"));
        lines.add(line);
      }
    }
    for (int k = 0; k < lines.size(); k++) {
      List<String> line = lines.get(k);
      assertSame(line, ShellString.commandLine(line, Map.of()).words(), line.toString());
      List<String> real = run(line, bin, dir.resolve("pass" + k));
      assertEquals(asTbotGetsIt(line), real, line.toString());
    }
    assertTrue(Files.readString(dir.resolve("log")).contains("out\nerr\n"), "tbot's output went to the log");
  }

  @Test
  void bashRunsBashEnvBeforeItsStringSoItIsNotRead() throws Exception {
    // The real bash: $BASH_ENV's export reaches the tbot of a plain string.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    ExecRun.script(bin, "tbot", "echo \"DO_NOT_TRACK=${DO_NOT_TRACK-}\" > \"$OUT\"\n");
    Path bashEnv = Files.writeString(dir.resolve("env.sh"), "export DO_NOT_TRACK=1\n");
    Path out = dir.resolve("out");
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "tbot start").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    pb.environment().put("OUT", out.toString());
    pb.environment().put("BASH_ENV", bashEnv.toString());
    pb.environment().remove("DO_NOT_TRACK");
    Process p = pb.start();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    assertEquals("DO_NOT_TRACK=1\n", Files.readString(out));
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("bash", "-c", "tbot start"), Map.of("BASH_ENV", bashEnv.toString())).kind());
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("env", "BASH_ENV=/x", "bash", "-c", "tbot start"), Map.of()).kind());
    // An exported function (bash imports them, as sh too where sh is bash) may be tbot itself.
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("sh", "-c", "tbot start"), Map.of("BASH_FUNC_tbot%%", "() { :; }")).kind());
    assertEquals(List.of("tbot", "start"), ShellString.commandLine(List.of("dash", "-c", "tbot start"),
        Map.of("BASH_ENV", bashEnv.toString())).words());
  }

  @Test
  void bashTakesItsOptionsFromShelloptsSoItsStringIsNotRead() throws Exception {
    // SHELLOPTS=keyword in exec's environment: the real bash gives tbot DO_NOT_TRACK=1 in its
    // environment, not as its argument. Red before: read as tbot's argument, and sent.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    ExecRun.script(bin, "tbot", "echo \"$# DO_NOT_TRACK=${DO_NOT_TRACK-}\" > \"$OUT\"\n");
    Path out = dir.resolve("out");
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "tbot start DO_NOT_TRACK=1").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    pb.environment().put("OUT", out.toString());
    pb.environment().put("SHELLOPTS", "keyword");
    pb.environment().remove("DO_NOT_TRACK");
    Process p = pb.start();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    assertEquals("1 DO_NOT_TRACK=1\n", Files.readString(out));
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("bash", "-c", "tbot start DO_NOT_TRACK=1"),
        Map.of("SHELLOPTS", "keyword")).kind());
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("sh", "-c", "tbot start"), Map.of("SHELLOPTS", "keyword")).kind());
  }

  @Test
  void aLineOfManyLaunchersIsReadInLinearTime() {
    // As many words as Linux lets a command line have (its 2 MiB for arguments and their pointers).
    // Red before: each su read su's options to the end of the line again, a minute of CPU for this.
    // A bound on this thread's CPU time, not on the clock, which a busy machine stretches.
    // Such a line is longer than exec reads (LineBound.MAX_WORDS): found so in linear time too. One
    // of MAX_WORDS words is read, or found longer than exec reads (each su, shell ... is charged the
    // line's length), within the bound as well.
    for (String word : List.of("su", "runuser", "flock", "sh", "-c", "busybox", "script", "start-stop-daemon")) {
      for (int words : List.of(150_000, LineBound.MAX_WORDS)) {
        List<String> line = new ArrayList<>(java.util.Collections.nCopies(words, word));
        ShellString.Kind[] kind = new ShellString.Kind[1];
        long millis = cpuMillis(() -> kind[0] = ShellString.commandLine(line, Map.of()).kind());
        assertTrue(words <= LineBound.MAX_WORDS || kind[0] == ShellString.Kind.TOO_LONG, word + ": " + kind[0]);
        assertTrue(millis < 3_000, word + " x " + words + ": " + millis + " ms of CPU");
      }
    }
  }

  @Test
  void aLongStringOfExpansionsClosersAndBracesIsReadInLinearTime() {
    // Strings as long as Linux lets one argument be (128 KiB): a t in front of an expansion tried
    // with every later closer, a run of ] with the rest of it after each, a brace expansion of many
    // choices joined with long pieces around it. Red before: each closer or choice made its piece
    // again, 100 s of CPU in preview for the first, 4 s and 7 s for the others (their answers the same).
    for (String string : List.of("t$" + "]".repeat(120_000), "t$X ".repeat(30_000), "tbot-$V ".repeat(15_000),
        "a".repeat(40_000) + "{" + ",".repeat(40_000) + "}" + "b".repeat(40_000), "{".repeat(120_000))) {
      long millis = cpuMillis(() -> assertFalse(StringReadings.namesTbot(string)));
      assertTrue(millis < 3_000, string.substring(0, 10) + "...: " + millis + " ms of CPU");
    }
    // Each is still read: the piece after the last ] of a run, a start with each later piece, each choice.
    assertTrue(StringReadings.namesTbot("t$X]" + "]".repeat(1000) + "bot"));
    assertTrue(StringReadings.namesTbot("t$(x)a t$(y)bot"));
    assertTrue(StringReadings.namesTbot("t{" + "x,".repeat(1000) + "b}ot"));
  }

  @Test
  void aLongGlobIsMatchedAgainstTbotWithoutBacktrackingOrDeepRecursion() {
    // A run of stars, each a .* the regex shared tbot's four characters among (200: 20 s of CPU);
    // a long [...] set, which Java's regex matches recursing once a character (a StackOverflowError
    // from 10 000, which preview printed); a long pattern, whose compiling overflowed the stack by
    // chance (it was then taken to name tbot). Red before: the first two.
    long millis = cpuMillis(() -> assertFalse(StringReadings.namesTbot("echo " + "*".repeat(200) + "a")));
    assertTrue(millis < 3_000, "200 stars: " + millis + " ms of CPU");
    assertTrue(StringReadings.namesTbot("echo t[" + "\u0101".repeat(10_000) + "]ot")); // not told: it may match
    assertFalse(StringReadings.namesTbot("echo " + "*a".repeat(60_000)));
    assertTrue(StringReadings.namesTbot("echo " + "*".repeat(200) + "t*[b]*o" + "*".repeat(200) + "t"));
    assertTrue(StringReadings.namesTbot("echo t[" + "\u0101".repeat(200) + "b]ot"));
    // A set of SET_CHARS (256) is still matched, one more is not told; nor is one Java does not
    // compile (a range backwards). Mutants of TbotNameMatch.globMatchesTbot told the first and
    // passed the last.
    assertFalse(StringReadings.namesTbot("echo t[" + "\u0101".repeat(256) + "]ot"));
    assertTrue(StringReadings.namesTbot("echo t[" + "\u0101".repeat(257) + "]ot"));
    assertTrue(StringReadings.namesTbot("echo t[z-a]ot"));
  }

  @Test
  void aLongStringOfParameterStartsIsReadInLinearTime() {
    // Each ${ looked for an element's ] and for its word's closing brace to the end again, and each
    // ? of a name (an operator too) for the brace. Red before: 92 s and 46 s of CPU in preview.
    for (String string : List.of("${a[".repeat(30_000), "${" + "?".repeat(30_000), "${a[".repeat(30_000) + "]:-x}")) {
      long millis = cpuMillis(() -> assertFalse(StringReadings.namesTbot(string)));
      assertTrue(millis < 3_000, string.substring(0, 10) + "...: " + millis + " ms of CPU");
    }
    assertTrue(StringReadings.namesTbot("${a[".repeat(1000) + "]:-tbot}"));
    assertTrue(StringReadings.namesTbot("${" + "?".repeat(1000) + "tbot}"));
  }

  @Test
  void aLineOfManyRedirectedPassThroughsIsReadInLinearTime() {
    // Each pass-through ending in a redirection asks whether another word of the line may name a
    // file descriptor: the line's words are looked at once for all of them (a stat each). Red under
    // PIT with that count taken again while it is 0: minutes of CPU for 150 000 words, a line now
    // longer than exec reads (LineBound.MAX_WORDS), and found so in linear time.
    for (int words : List.of(150_000, LineBound.MAX_WORDS)) {
      List<String> line = new ArrayList<>();
      while (line.size() < words - 2) {
        line.addAll(List.of("sh", "-c", "exec \"$@\" >> log", "sh"));
      }
      line.addAll(List.of("tbot", "start"));
      ShellString.Line read = ShellString.commandLine(line, Map.of());
      long millis = cpuMillis(() -> ShellString.commandLine(line, Map.of()));
      assertTrue(millis < 3_000, line.size() + " words: " + millis + " ms of CPU");
      // Looked through to the tbot: the line as it is, where it is read.
      assertTrue(line.size() > LineBound.MAX_WORDS ? read.kind() == ShellString.Kind.TOO_LONG
          : read.words() == line, line.size() + " words: " + read.kind());
    }
  }

  @Test
  void whetherALongLineHidesItsExitStatusIsToldInLinearTime() {
    // script's getopt takes options anywhere, so each script read the line's options on for an -e
    // (--return): 1000 of them in front of 14 option clusters of 128 KiB and an -e took 12 s of CPU
    // on exec's main thread. Red before (and said no). Such a line is longer than exec reads: not
    // read, and taken to hide its status (nothing is recorded for it either way).
    List<String> line = new ArrayList<>(java.util.Collections.nCopies(1000, "script"));
    line.addAll(java.util.Collections.nCopies(14, "-" + "a".repeat(131_070)));
    line.add("-e");
    long millis = cpuMillis(() -> assertTrue(ShellString.hidesExitStatus(line)));
    assertTrue(millis < 3_000, millis + " ms of CPU");
    assertFalse(ShellString.hidesExitStatus(List.of("script", "-a", "-e", "-c", "tbot start")), "read as before");
  }

  /**
   * This thread's CPU time, in milliseconds, for {@code reading}: a bound on a reading's cost that a
   * busy machine does not stretch, as it does the clock's.
   */
  static long cpuMillis(Runnable reading) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    reading.run();
    return (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
  }

  /**
   * The shells here that exec reads: sh always, bash, dash and rbash (restricted bash), and yash,
   * posh, mksh, ksh, zsh, fish, tcsh and csh where installed (CI installs them where it can:
   * .ci/install-shells).
   */
  private static List<String> shells() {
    return ExecRun.shellsHere("bash", "dash", "rbash", "yash", "posh", "mksh", "ksh", "zsh", "fish", "tcsh", "csh");
  }

  /** The option that keeps fish, csh and tcsh from their startup files; none for sh's kind. */
  private static String quiet(String shell) {
    return shell.equals("fish") ? "-N" : shell.endsWith("csh") ? "-f" : "";
  }

  /** tbot's arguments and its variables of consent as a line read gives them; unset as empty. */
  private static List<String> asTbotGetsIt(List<String> read) {
    List<String> tbotLine = Launcher.tbotLine(read);
    List<String> got = new ArrayList<>(ProgramName.isTbot(tbotLine.get(0)) ? tbotLine.subList(1, tbotLine.size())
        : List.of("(no tbot read in " + read + ")"));
    Map<String, String> env = LauncherEnvironment.asTbotGetsIt(read, new HashMap<>(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1")));
    for (String name : VARIABLES) {
      got.add(name + "=" + env.getOrDefault(name, ""));
    }
    return got;
  }

  /** What the fake tbot got when the real shell ran {@code line}; {@code null} if it did not run. */
  private static List<String> run(List<String> line, Path bin, Path out) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(line).directory(bin.getParent().toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().put("PATH", bin + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin");
    pb.environment().put("OUT", out.toString());
    pb.environment().put("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    if (System.getenv("LD_LIBRARY_PATH") != null) {
      pb.environment().put("LD_LIBRARY_PATH", System.getenv("LD_LIBRARY_PATH")); // a shell unpacked by hand
    }
    Process p = pb.start();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), line + " ran on");
    if (!Files.exists(out)) {
      return null;
    }
    List<String> got = FakeTbotRuns.split(Files.readString(out));
    List<String> env = FakeTbotRuns.split(Files.readString(Path.of(out + ".env")));
    assertNotNull(env);
    for (int i = 0; i < VARIABLES.size(); i++) {
      got.add(VARIABLES.get(i) + "=" + env.get(i));
    }
    return got;
  }
}
