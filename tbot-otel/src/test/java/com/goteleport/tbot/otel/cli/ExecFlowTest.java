package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * exec's flow run in this JVM, with a real child: its status, the confirmation rule, the
 * environment the child gets, where its analytics thread comes from and each path's debug line.
 * {@link ExecIT} proves the same of the shipped jar; these let mutation testing see exec too.
 * The children print nothing: their stdout and stderr are this JVM's.
 */
class ExecFlowTest {

  @TempDir Path dir;

  /** Threads exec asked for, through {@link CliContext#threads()}. */
  private final List<Thread> made = new CopyOnWriteArrayList<>();

  private final ThreadFactory recording = work -> {
    Thread t = new Thread(work);
    made.add(t);
    return t;
  };

  private record Run(int exitCode, String stderr) {}

  private Run exec(ThreadFactory threads, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> line = new ArrayList<>(List.of("exec"));
    line.addAll(List.of(args));
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(line.toArray(String[]::new), new CliContext(env, o, e, false, threads));
    }
    assertEquals("", out.toString(StandardCharsets.UTF_8), "exec itself writes nothing on stdout");
    return new Run(code, err.toString(StandardCharsets.UTF_8));
  }

  private Path tbot(String body) {
    return ExecRun.script(dir, "tbot", body + "\n");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {"exit 0 | 0", "exit 3 | 3", "kill -TERM $$ | 143"})
  void theChildsStatusIsExecsAndNothingIsPrinted(String body, int status) {
    Run r = exec(recording, Map.of(), "--", tbot(body).toString(), "start");
    assertEquals(status, r.exitCode());
    assertEquals("", r.stderr());
    assertEquals(1, made.size(), "no vote before the config: the start is resolved on a thread of its own");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "exit 1 | 0", // refused at once, as tbot does a config or flag it cannot use: not a start
        "sleep 0.2; exit 1 | 0", // failed within the confirmation's 1 s, as tbot reading a bad config
        "exit 0 | 1",
        "sleep 2; exit 1 | 1", // ran past the confirmation (by 1 s: a late wake-up still counts it), then failed
      })
  void aStartCountsOnceTheChildRanOrSucceeded(String body, int requests) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Run r = exec(recording, Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()),
          "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "5s", "--debug",
          "--", tbot(body).toString(), "start");
      assertEquals(body.endsWith("exit 0") ? 0 : 1, r.exitCode(), r.stderr());
      // exec returned after waiting for the send, not before. (Which thread says that a start was
      // not confirmed depends on which came first; the send's line goes to System.err.)
      assertEquals(requests, receiver.requests().size(), r.stderr());
      if (requests == 1) {
        assertTrue(r.stderr().startsWith("tbot-otel: Anonymous usage analytics is on"), r.stderr());
      }
      assertEquals(1, made.size());
      assertEquals("tbot-otel-exec-analytics", made.get(0).getName());
      assertTrue(made.get(0).isDaemon(), "never keeps the JVM alive");
    }
  }

  @Test
  void theChildGetsExactlyExecsEnvironmentWithTbotsOwnTelemetryHandedOver() throws Exception {
    Path seen = dir.resolve("seen");
    Path tbot = tbot("export -p > \"" + seen + "\"");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1",
          "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url(), "ONLY_HERE", "x");

      Run handed = exec(recording, env, "--debug", "--", tbot.toString(), "start");
      assertEquals(0, handed.exitCode(), handed.stderr());
      Map<String, String> got = exported(Files.readString(seen));
      assertEquals(new TreeSet<>(env.keySet()), got.keySet(), "nothing from this JVM's own environment");
      assertEquals("0", got.get("TELEPORT_ANONYMOUS_TELEMETRY"), "one start counted once");
      assertTrue(handed.stderr().contains("tbot-otel debug: COMMAND got TELEPORT_ANONYMOUS_TELEMETRY=0: "
          + "exec records the start itself"), handed.stderr());

      Run kept = exec(recording, env, "--debug", "--keep-tbot-telemetry", "--", tbot.toString(), "start");
      assertEquals(0, kept.exitCode(), kept.stderr());
      assertEquals("1", exported(Files.readString(seen)).get("TELEPORT_ANONYMOUS_TELEMETRY"));
      assertFalse(kept.stderr().contains("COMMAND got"), kept.stderr());
      assertEquals(2, receiver.requests().size(), "exec sent its own event both times");
    }
  }

  /**
   * A yes set on tbot's own command line ({@code env TELEPORT_ANONYMOUS_TELEMETRY=1 tbot start}),
   * which exec passes on as given, turns today's tbot's own telemetry on after the handoff: tbot
   * counts that start, so exec does not count it again, unless told to keep both; and preview says
   * so. A launcher that does not turn it on leaves the count to exec.
   */
  @Test
  void aYesSetOnTbotsCommandLineLeavesTheCountToTbot() throws Exception {
    Path seen = dir.resolve("seen");
    Path tbot = tbot("echo \"$TELEPORT_ANONYMOUS_TELEMETRY\" > \"" + seen + "\"");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url(),
          "PATH", System.getenv("PATH"));
      List<String> turnedOn = List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=1", tbot.toString(), "start");

      Run left = exec(recording, env, concat(List.of("--debug", "--anonymous-analytics", "--"), turnedOn));
      assertEquals(0, left.exitCode(), left.stderr());
      assertEquals("1", Files.readString(seen).strip(), "tbot's own telemetry is on, as its line says");
      assertTrue(left.stderr().contains("tbot-otel debug: nothing sent: tbot sends its own start event: "
          + "TELEPORT_ANONYMOUS_TELEMETRY turns it on on tbot's command line"), left.stderr());
      assertEquals(0, receiver.requests().size(), "counted once, by tbot");

      Run kept = exec(recording, env,
          concat(List.of("--debug", "--anonymous-analytics", "--keep-tbot-telemetry", "--"), turnedOn));
      assertEquals(0, kept.exitCode(), kept.stderr());
      assertEquals(1, receiver.requests().size(), "--keep-tbot-telemetry: both send");

      // Exec's own yes handed over (0), and the launcher unsets it: tbot sends nothing, exec counts.
      Run unset = exec(recording, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1",
          "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url(), "PATH", System.getenv("PATH")),
          "--", "env", "-u", "TELEPORT_ANONYMOUS_TELEMETRY", tbot.toString(), "start");
      assertEquals(0, unset.exitCode(), unset.stderr());
      assertEquals("", Files.readString(seen).strip());
      assertEquals(2, receiver.requests().size(), "exec counts a start tbot does not");

      ByteArrayOutputStream err = new ByteArrayOutputStream();
      try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
        List<String> preview = new ArrayList<>(List.of("preview", "--anonymous-analytics", "--"));
        preview.addAll(turnedOn);
        assertEquals(0, Main.run(preview.toArray(String[]::new),
            new CliContext(env, new PrintStream(new ByteArrayOutputStream()), e, false, recording)));
      }
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("exec would send nothing, as tbot sends its own "
          + "start event"), err.toString(StandardCharsets.UTF_8));
      assertEquals(2, receiver.requests().size(), "preview sends nothing");
    }
  }

  private static String[] concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all.toArray(String[]::new);
  }

  /** The variables a POSIX shell's {@code export -p} lists, but the {@code PWD} it sets itself. */
  private static Map<String, String> exported(String exportP) {
    Map<String, String> vars = new TreeMap<>();
    Matcher m = Pattern.compile("(?m)^export ([A-Za-z_][A-Za-z0-9_]*)='?([^'\\n]*)").matcher(exportP);
    while (m.find()) {
      vars.put(m.group(1), m.group(2));
    }
    vars.remove("PWD");
    return vars;
  }

  @Test
  void aNoBeforeTheConfigStartsNoThreadAndReadsNoConfig() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "outputs: [unclosed\n");
    Run r = exec(recording, Map.of("DO_NOT_TRACK", "1"),
        "--anonymous-analytics", "--debug", "-c", broken.toString(), "--", tbot("exit 0").toString(), "start");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(List.of(), made, "no thread");
    assertEquals(List.of("tbot-otel debug: nothing sent: DO_NOT_TRACK says no"), r.stderr().lines().toList(),
        "the config, broken, was not read");
  }

  @Test
  void withoutConsentDebugSaysWhyAfterReadingTheConfig() throws Exception {
    Path no = Files.writeString(dir.resolve("tbot.yaml"), "version: v2\nanonymous_analytics: false\n");
    Run saidNo = exec(recording, Map.of(),
        "--anonymous-analytics", "--debug", "--", tbot("exit 0").toString(), "start", "-c", no.toString());
    assertEquals(0, saidNo.exitCode(), saidNo.stderr());
    assertEquals(List.of("tbot-otel debug: nothing sent: anonymous_analytics in the config file says no"),
        saidNo.stderr().lines().toList());
    Run noVote = exec(recording, Map.of(), "--debug", "--", tbot("exit 0").toString(), "start");
    assertEquals(List.of("tbot-otel debug: nothing sent: no source opted in"), noVote.stderr().lines().toList());
    assertEquals(2, made.size(), "both read the config on exec's thread");
  }

  @Test
  void aBrokenConfigIsSkippedAndTheChildRunsOn() throws Exception {
    // The child exits 0 at once, so its start is confirmed and the config is read whichever
    // thread comes first.
    String broken = Files.writeString(dir.resolve("broken.yaml"), "outputs: [unclosed\n").toString();
    Run quiet = exec(recording, Map.of(),
        "--anonymous-analytics", "-c", broken, "--", tbot("exit 0").toString(), "start");
    assertEquals(0, quiet.exitCode());
    assertEquals("", quiet.stderr(), "skipped silently at the default level");
    Run debug = exec(recording, Map.of(),
        "--anonymous-analytics", "--debug", "-c", broken, "--", tbot("exit 0").toString(), "start");
    assertEquals(0, debug.exitCode());
    assertEquals(List.of("tbot-otel debug: analytics skipped, the command runs anyway: " + broken
            + ": invalid YAML at line 2: expected ',' or ']', but got <stream end>; fix the syntax."),
        debug.stderr().lines().toList());
  }

  @Test
  void aCommandOtherThanTbotStartRunsAndIsNotRecorded() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Run r = exec(recording, Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()),
          "--anonymous-analytics", "--debug", "--", tbot("exit 0").toString(), "version");
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("tbot-otel debug: nothing recorded: COMMAND runs tbot version"), r.stderr());
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void noThreadForAnalyticsStillRunsTheChildToItsEnd() {
    ThreadFactory none = work -> {
      throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
    };
    Run quiet = exec(none, Map.of(), "--anonymous-analytics", "--", tbot("exit 5").toString(), "start");
    assertEquals(5, quiet.exitCode());
    assertEquals("", quiet.stderr());
    Run debug = exec(none, Map.of(), "--anonymous-analytics", "--debug", "--", tbot("exit 5").toString(), "start");
    assertEquals(5, debug.exitCode());
    assertEquals(List.of("tbot-otel debug: analytics skipped, the command runs anyway: "
            + "java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory"),
        debug.stderr().lines().toList());
  }
}
