package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

  /** exec's environment for a run that sends to {@code receiver}, its children found on PATH. */
  private static Map<String, String> toReceiver(OtlpReceiver receiver) {
    return Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url(), "PATH", System.getenv("PATH"));
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
          "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--debug",
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

      // Both runs are counted: the longest exit wait, which ends on delivery (not the default 500 ms,
      // which a loaded machine may spend before a send to a child that exits at once is done).
      Run handed = exec(recording, env, "--debug", "--anonymous-analytics-exit-timeout", "10s", "--", tbot.toString(),
          "start");
      assertEquals(0, handed.exitCode(), handed.stderr());
      Map<String, String> got = exported(Files.readString(seen));
      assertEquals(new TreeSet<>(env.keySet()), got.keySet(), "nothing from this JVM's own environment");
      assertEquals("0", got.get("TELEPORT_ANONYMOUS_TELEMETRY"), "tbot does not count it too");
      assertTrue(handed.stderr().contains("tbot-otel debug: COMMAND got TELEPORT_ANONYMOUS_TELEMETRY=0: "
          + "tbot does not count this start; exec does, if it records it"), handed.stderr());

      Run kept = exec(recording, env, "--debug", "--keep-tbot-telemetry", "--anonymous-analytics-exit-timeout", "10s",
          "--", tbot.toString(), "start");
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
      Map<String, String> env = toReceiver(receiver);
      List<String> turnedOn = List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=1", tbot.toString(), "start");

      Run left = exec(recording, env,
          concat(List.of("--debug", "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--"),
              turnedOn));
      assertEquals(0, left.exitCode(), left.stderr());
      assertEquals("1", Files.readString(seen).strip(), "tbot's own telemetry is on, as its line says");
      assertTrue(left.stderr().contains("tbot-otel debug: nothing sent: tbot sends its own start event: "
          + "TELEPORT_ANONYMOUS_TELEMETRY turns it on on tbot's command line"), left.stderr());
      assertEquals(0, receiver.requests().size(), "counted once, by tbot");

      Run kept = exec(recording, env,
          concat(List.of("--debug", "--anonymous-analytics", "--keep-tbot-telemetry",
              // counted: the longest exit wait, which ends on delivery (the default 500 ms may not)
              "--anonymous-analytics-exit-timeout", "10s", "--"), turnedOn));
      assertEquals(0, kept.exitCode(), kept.stderr());
      assertEquals(1, receiver.requests().size(), "--keep-tbot-telemetry: both send");

      // Exec's own yes handed over (0), and the launcher unsets it: tbot sends nothing, exec counts.
      Run unset = exec(recording, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1",
          "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url(), "PATH", System.getenv("PATH")),
          "--anonymous-analytics-exit-timeout", "10s", "--", "env", "-u", "TELEPORT_ANONYMOUS_TELEMETRY", tbot.toString(),
          "start");
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

  @Test
  void aYesInEnvSplitStringLeavesTheCountToTbot() throws Exception {
    // env -S sets TELEPORT_ANONYMOUS_TELEMETRY=1 from its string for tbot, which then sends its own
    // start event. Red before: exec sent its event as well, one start counted twice.
    Path seen = dir.resolve("seen");
    Path tbot = tbot("echo \"$TELEPORT_ANONYMOUS_TELEMETRY\" > \"" + seen + "\"");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Run r = exec(recording, toReceiver(receiver), "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s",
          "--debug", "--", "env", "-S", "TELEPORT_ANONYMOUS_TELEMETRY=1", tbot.toString(), "start");
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("1", Files.readString(seen).strip(), "tbot's own telemetry is on, as the string says");
      assertTrue(r.stderr().contains("tbot-otel debug: nothing sent: tbot sends its own start event"), r.stderr());
      assertEquals(0, receiver.requests().size(), "counted once, by tbot");
    }
  }

  /**
   * A no set on exec's command line for a child that is not tbot ({@code env
   * TELEPORT_ANONYMOUS_TELEMETRY=0 ./wrapper.sh}, a start as exec counts it) is a no, as it is in
   * front of tbot: red before, the event was sent. A yes there, or another variable, leaves exec's
   * own yes to count. The wrapper's config is given with exec's own -c (one that says yes, which
   * the no wins over): without one, nothing is recorded for a wrapper at all.
   */
  @Test
  void aNoSetForACommandThatIsNotTbotIsANo() throws Exception {
    Path wrapper = ExecRun.script(dir, "wrapper.sh", "exit 0\n");
    String config = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n").toString();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = toReceiver(receiver);
      for (List<String> no : List.of(List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=0"), List.of("env", "DO_NOT_TRACK=1"),
          List.of("env", "OTEL_SDK_DISABLED=true"), // sudo's, which may not run here, is ExecArgsTest's
          // xargs runs env with the wrapper (once, on no input): red before, sent from exec's flags
          List.of("xargs", "-a", "/dev/null", "env", "DO_NOT_TRACK=1"))) {
        List<String> line = new ArrayList<>(
            List.of("--anonymous-analytics", "--debug", "--anonymous-analytics-exit-timeout", "10s", "-c", config,
                "--"));
        line.addAll(no);
        line.add(wrapper.toString());
        Run r = exec(recording, env, line.toArray(String[]::new));
        assertEquals(0, r.exitCode(), no + ": " + r.stderr());
        String set = no.get(no.size() - 1);
        String name = set.substring(0, set.indexOf('='));
        assertTrue(r.stderr().contains("tbot-otel debug: nothing sent: " + name + " says no"), no + ": " + r.stderr());
        assertEquals(0, receiver.requests().size(), no + ": " + r.stderr());
      }
      for (String other : new String[] {"FOO=1", "TELEPORT_ANONYMOUS_TELEMETRY=1"}) {
        Run r = exec(recording, env, "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "-c", config,
            "--", "env", other, wrapper.toString());
        assertEquals(0, r.exitCode(), other + ": " + r.stderr());
      }
      assertEquals(2, receiver.requests().size(), "exec's own yes still counts");
    }
  }

  /**
   * A command that names no tbot (a wrapper script), given no config exec sees, records nothing:
   * exec runs it as ever, its status exec's, and says why with --debug only. Given exec's own -c, or
   * TBOT_CONFIG_PATH in exec's environment, the start is counted from that config (its join method)
   * and sent, and that config's no is a no. Red before (d33869e8): the first was counted from exec's
   * flags alone (join_type token) and sent.
   */
  @Test
  void aCommandThatNamesNoTbotIsCountedOnlyFromAConfigExecIsGiven() throws Exception {
    Path wrapper = ExecRun.script(dir, "run.sh", "exit 0\n");
    Path failing = ExecRun.script(dir, "fail.sh", "exit 5\n");
    String iamYaml = "version: v2\nonboarding: {join_method: iam}\n";
    Path iam = Files.writeString(dir.resolve("iam.yaml"), iamYaml);
    Path no = Files.writeString(dir.resolve("no.yaml"), iamYaml + "anonymous_analytics: false\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> yes = new HashMap<>(toReceiver(receiver));
      yes.put("TELEPORT_ANONYMOUS_TELEMETRY", "1");
      for (List<String> command : List.of(List.of(wrapper.toString()), List.of("sh", "-c", wrapper.toString()))) {
        Run quiet = exec(recording, yes, concat(List.of("--anonymous-analytics-exit-timeout", "10s", "--"), command));
        assertEquals(0, quiet.exitCode(), command + ": " + quiet.stderr());
        assertEquals("", quiet.stderr(), command + ": nothing said at the default level");
        Run debug = exec(recording, yes, concat(List.of("--anonymous-analytics-exit-timeout", "10s", "--debug", "--"),
            command));
        assertTrue(debug.stderr().contains("tbot-otel debug: analytics skipped, the command runs anyway: "
            + ExecArgsTest.CANNOT_BE_SEEN.substring("tbot-otel: ".length())), command + ": " + debug.stderr());
        assertEquals(0, receiver.requests().size(), command + ": " + debug.stderr());
      }
      Run status = exec(recording, yes, "--", failing.toString());
      assertEquals(5, status.exitCode(), "the command's status is exec's: " + status.stderr());
      assertEquals("", status.stderr());
      // Given a config: counted from it, and sent.
      Map<String, String> withPath = new HashMap<>(yes);
      withPath.put("TBOT_CONFIG_PATH", iam.toString());
      Run own = exec(recording, yes, "--anonymous-analytics-exit-timeout", "10s", "-c", iam.toString(), "--",
          wrapper.toString());
      assertEquals(0, own.exitCode(), own.stderr());
      Run path = exec(recording, withPath, "--anonymous-analytics-exit-timeout", "10s", "--", "sh", "-c",
          wrapper.toString());
      assertEquals(0, path.exitCode(), path.stderr());
      assertEquals(2, receiver.requests().size(), own.stderr() + path.stderr());
      for (OtlpReceiver.Received sent : receiver.requests()) {
        assertEquals("iam", StartEndToEndTest.attributes(
            sent.decode().getResourceLogs(0).getScopeLogs(0).getLogRecords(0)).get("join_type"));
      }
      // That config's no is a no.
      Map<String, String> withNo = new HashMap<>(yes);
      withNo.put("TBOT_CONFIG_PATH", no.toString());
      Run saysNo = exec(recording, withNo, "--debug", "--anonymous-analytics-exit-timeout", "10s", "--",
          wrapper.toString());
      assertEquals(0, saysNo.exitCode(), saysNo.stderr());
      assertTrue(saysNo.stderr().contains("tbot-otel debug: nothing sent: anonymous_analytics in "), saysNo.stderr());
      assertEquals(2, receiver.requests().size(), saysNo.stderr());
    }
  }

  /**
   * A command that names no tbot, given no config, stands where a tbot whose config cannot be found
   * from here (chroot DIR tbot start) stands, whatever no comes with it, with --debug and without:
   * exec runs the command and prints the same lines for both, preview the same line and status.
   * A no written on the line (env DO_NOT_TRACK=1 in front) does not come first: both lines stand,
   * and nothing is sent either way; exec's own --no-anonymous-analytics or a DO_NOT_TRACK=1 in its
   * environment stops exec before the line is read (--debug names that no), while preview reports
   * either line, exit 1, with any consent. Red before (d33869e8): the wrapper was counted, and sent
   * where consent was given.
   */
  @Test
  void aCommandThatNamesNoTbotStandsWhereAConfigThatCannotBeFoundDoes() throws Exception {
    Path chroot = ExecRun.script(dir, "chroot", "exit 0\n"); // in chroot's place: runs nothing
    Path wrapper = ExecRun.script(dir, "run.sh", "exit 0\n");
    List<String> elsewhere = List.of(chroot.toString(), "/srv/jail", "tbot", "start", "-c", "/etc/tbot.yaml");
    List<String> unseen = List.of(wrapper.toString());
    Pattern why = Pattern.compile("tbot's config cannot be (found|seen) from here: [^\n]*");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> none = toReceiver(receiver);
      Map<String, String> yes = new HashMap<>(none);
      yes.put("TELEPORT_ANONYMOUS_TELEMETRY", "1");
      Map<String, String> dnt = new HashMap<>(yes);
      dnt.put("DO_NOT_TRACK", "1");
      record Case(String name, Map<String, String> env, List<String> flags, List<String> inFront, String debugLine) {}
      String skipped = "tbot-otel debug: analytics skipped, the command runs anyway: WHY";
      for (Case c : List.of(
          new Case("consent", yes, List.of("--anonymous-analytics"), List.of(), skipped),
          new Case("no consent given", none, List.of(), List.of(), skipped),
          new Case("a no on the line", yes, List.of("--anonymous-analytics"), List.of("env", "DO_NOT_TRACK=1"), skipped),
          new Case("exec's flag says no", yes, List.of("--no-anonymous-analytics"), List.of(),
              "tbot-otel debug: nothing sent: --no-anonymous-analytics says no"),
          new Case("exec's environment says no", dnt, List.of(), List.of(),
              "tbot-otel debug: nothing sent: DO_NOT_TRACK says no"))) {
        for (boolean debug : new boolean[] {false, true}) {
          List<String> execSaid = new ArrayList<>();
          List<String> previewSaid = new ArrayList<>();
          for (List<String> command : List.of(elsewhere, unseen)) {
            List<String> args = new ArrayList<>(c.flags());
            args.addAll(List.of("--anonymous-analytics-exit-timeout", "10s"));
            if (debug) {
              args.add("--debug");
            }
            args.add("--");
            args.addAll(c.inFront());
            args.addAll(command);
            String what = c.name() + (debug ? " --debug " : " ") + command.get(0);
            Run r = exec(recording, c.env(), args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), what + ": " + r.stderr());
            String said = why.matcher(r.stderr()).replaceAll("WHY");
            assertEquals(debug, said.contains(c.debugLine()), what + ": " + r.stderr());
            execSaid.add(said);
            Cli.Result p = Cli.run(c.env(), concat(List.of("preview"), args));
            assertEquals(1, p.exitCode(), what + ": " + p.stderr());
            assertEquals("", p.stdout(), what);
            assertTrue(why.matcher(p.stderr()).matches() || p.stderr().startsWith("tbot-otel: tbot's config cannot"),
                what + ": " + p.stderr());
            previewSaid.add(why.matcher(p.stderr()).replaceAll("WHY"));
          }
          assertEquals(execSaid.get(0), execSaid.get(1), c.name() + ", --debug " + debug + ": exec's lines");
          assertEquals("tbot-otel: WHY\n", previewSaid.get(0), c.name() + ": preview's line");
          assertEquals(previewSaid.get(0), previewSaid.get(1), c.name() + ", --debug " + debug + ": preview's lines");
        }
      }
      assertEquals(0, receiver.requests().size(), "nothing sent");
    }
  }

  /**
   * A config named by a TBOT_CONFIG_PATH=FILE word for a program exec does not read as a launcher
   * (a wrapper's argument, as is or after -e) is asked for a no, as preview says; a relative one may
   * say no (the wrapper may run tbot from another directory). Red before: it was not read, and the
   * event sent.
   */
  @Test
  void aConfigNamedInFrontOfTbotForAnyProgramIsAskedForANo() throws Exception {
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path wrapper = ExecRun.script(dir, "wrapper.sh", "exit 0\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = toReceiver(receiver);
      for (String word : List.of("TBOT_CONFIG_PATH=" + no, "-eTBOT_CONFIG_PATH=" + no, "TBOT_CONFIG_PATH=no.yaml")) {
        Run r = exec(recording, env, "--anonymous-analytics", "--debug", "--anonymous-analytics-exit-timeout", "10s",
            "--", wrapper.toString(), word, "tbot", "start");
        assertEquals(0, r.exitCode(), word + ": " + r.stderr());
        assertTrue(r.stderr().contains("tbot-otel debug: nothing sent: " + (word.endsWith("=no.yaml")
            ? "the config a TBOT_CONFIG_PATH word in front of tbot names"
            : "anonymous_analytics in the config a TBOT_CONFIG_PATH word in front of tbot names says no")),
            word + ": " + r.stderr());
      }
      assertEquals(0, receiver.requests().size());
    }
  }

  /**
   * More than 8 TBOT_CONFIG_PATH words in front of tbot are not read (each would be a file read on
   * exec's background thread): nothing is sent, as preview says, though each config says yes. Red
   * before: all 9 were read, and the event sent.
   */
  @Test
  void moreConfigWordsInFrontOfTbotThanAreReadMaySayNo() throws Exception {
    Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Path wrapper = ExecRun.script(dir, "wrapper.sh", "exit 0\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      List<String> line = new ArrayList<>(
          List.of("--anonymous-analytics", "--debug", "--anonymous-analytics-exit-timeout", "10s", "--",
              wrapper.toString()));
      for (int i = 0; i < 9; i++) {
        line.add("TBOT_CONFIG_PATH=" + dir + "/" + "./".repeat(i) + "yes.yaml");
      }
      line.addAll(List.of("tbot", "start"));
      Run r = exec(recording, toReceiver(receiver), line.toArray(String[]::new));
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("tbot-otel debug: nothing sent: more than 8 TBOT_CONFIG_PATH or TBOT_CONFIG"
          + " words in front of tbot: not read, and may say no"), r.stderr());
      assertFalse(r.stderr().contains("yes.yaml"), r.stderr()); // none of the nine paths
      assertEquals(0, receiver.requests().size());
    }
  }

  /**
   * A TBOT_CONFIG=BASE64 word for a wrapper that sets it for the tbot it runs is that tbot's config
   * as text: asked for a no, as preview says, and never shown (it may hold a token); text that is
   * not base64 may say no. Red before: it was not read, and the event sent.
   */
  @Test
  void aConfigGivenAsTextInFrontOfTbotForAnyProgramIsAskedForANo() throws Exception {
    String no = java.util.Base64.getEncoder().encodeToString(
        "version: v2\nanonymous_analytics: false\nonboarding:\n  token: s3cr3t-t0k3n\n".getBytes(StandardCharsets.UTF_8));
    Path wrapper = ExecRun.script(dir, "wrapper.sh", "export \"$1\"; shift; exec \"$@\"\n");
    Path tbot = tbot("exit 0");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = toReceiver(receiver);
      for (String word : List.of("TBOT_CONFIG=" + no, "TBOT_CONFIG=not*base64")) {
        Run r = exec(recording, env, "--anonymous-analytics", "--debug", "--anonymous-analytics-exit-timeout", "10s",
            "--", wrapper.toString(), word, tbot.toString(), "start");
        assertEquals(0, r.exitCode(), word + ": " + r.stderr());
        assertTrue(r.stderr().contains("tbot-otel debug: nothing sent: " + (word.equals("TBOT_CONFIG=" + no)
            ? "anonymous_analytics in the config a TBOT_CONFIG word in front of tbot gives says no"
            : "the config a TBOT_CONFIG word in front of tbot gives cannot be read")), word + ": " + r.stderr());
        assertFalse(r.stderr().contains(no) || r.stderr().contains("s3cr3t") || r.stderr().contains("not*base64"),
            r.stderr());
      }
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void theConfigsNoIsReadForATbotRunByAnotherProgram() throws Exception {
    // xargs and flock run the tbot named in their arguments, which reads that config's no: exec
    // counted the line as a wrapper's, from its own flags, and sent.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path ran = dir.resolve("ran");
    Path tbot = tbot("echo \"$@\" >> \"" + ran + "\"");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = toReceiver(receiver);
      for (List<String> program : List.of(List.of("xargs", "-a", "/dev/null"),
          List.of("flock", dir.resolve("lock").toString()))) {
        List<String> line = new ArrayList<>(
            List.of("--anonymous-analytics", "--debug", "--anonymous-analytics-exit-timeout", "10s", "--"));
        line.addAll(program);
        line.addAll(List.of(tbot.toString(), "start", "-c", no.toString()));
        Run r = exec(recording, env, line.toArray(String[]::new));
        assertEquals(0, r.exitCode(), program + ": " + r.stderr());
        assertTrue(r.stderr().contains("tbot-otel debug: nothing sent: anonymous_analytics in tbot's config says no"),
            program + ": " + r.stderr());
      }
      assertEquals(2, Files.readAllLines(ran).size(), "tbot ran both times");
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void underScriptWithoutReturnOnlyTheSecondsRunConfirmsAStart() throws Exception {
    // util-linux script -c exits 0 whatever its command's status, unless -e/--return: a tbot that
    // failed at once under it is no start. Red before: its exit 0 confirmed the start, and it was sent.
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Path failing = ExecRun.script(dir, "tbot", "exit 1\n");
    Path slow = ExecRun.script(Files.createDirectories(dir.resolve("slow")), "tbot", "sleep 2; exit 1\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url(),
          "PATH", System.getenv("PATH"), "SHELL", "/bin/sh");
      for (List<String> line : List.of(List.of("script", "-q", "-c", failing + " start -c " + yes, "/dev/null"),
          List.of("nice", "/usr/bin/script", "/dev/null", "-qc", "exec " + failing + " start -c " + yes),
          List.of("script", "-qec", failing + " start -c " + yes, "/dev/null"))) {
        Run r = exec(recording, env, concat(List.of("--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s",
            "--debug", "--"), line));
        assertEquals(line.contains("-qec") ? 1 : 0, r.exitCode(), line + ": " + r.stderr());
        // (Which thread says the start was not confirmed depends on which came first: not checked.)
        assertEquals(0, receiver.requests().size(), line + ": " + r.stderr());
      }
      // One that ran its second is a start, its status hidden or not.
      Run ran = exec(recording, env, "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--",
          "script", "-q", "-c", slow + " start -c " + yes, "/dev/null");
      assertEquals(0, ran.exitCode(), ran.stderr());
      assertEquals(1, receiver.requests().size(), ran.stderr());
    }
  }

  @Test
  void aTbotInAShellStringReadsItsConfigAndIsCountedAsItRuns() throws Exception {
    // sh -c 'tbot start -c no.yaml', a container's entrypoint: the shell runs tbot, which reads that
    // config's no. Red before: exec counted the line as a wrapper's, from its own flags, and sent.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Path ran = dir.resolve("ran");
    Path tbot = tbot("echo \"$@\" >> \"" + ran + "\"");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = toReceiver(receiver);
      Run r = exec(recording, env, "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--debug",
          "--", "sh", "-c", "exec " + tbot + " start -c " + no);
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("tbot-otel debug: nothing sent: anonymous_analytics in tbot's config says no"),
          r.stderr());
      assertEquals(0, receiver.requests().size(), r.stderr());
      // A string exec does not parse records nothing, and its words are not printed.
      Run opaque = exec(recording, env, "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--debug",
          "--", "sh", "-c", "cd " + dir + " && " + tbot + " start -c yes.yaml --token hunter2");
      assertEquals(0, opaque.exitCode(), opaque.stderr());
      assertTrue(opaque.stderr().contains("tbot-otel debug: nothing recorded: COMMAND runs tbot in a shell's -c string "
          + "exec does not parse"), opaque.stderr());
      assertFalse(opaque.stderr().contains("hunter2"), opaque.stderr());
      assertEquals(0, receiver.requests().size(), opaque.stderr());
      // One plain command whose config says yes: counted with its flags' run mode and outputs.
      Run counted = exec(recording, env, "--anonymous-analytics-exit-timeout", "10s", "--",
          "/bin/sh", "-ec", "exec " + tbot + " start -c '" + yes + "' db --destination ./db --oneshot", "sh", "x");
      assertEquals(0, counted.exitCode(), counted.stderr());
      assertEquals(1, receiver.requests().size(), counted.stderr());
      String event = receiver.requests().get(0).decode().toString();
      assertTrue(event.contains("\"one-shot\""), event);
      assertTrue(Pattern.compile("destinations_configured_database_access\"\\s*value \\{\\s*int_value: 1\\s")
          .matcher(event).find(), event);
      assertEquals(List.of("start -c " + no, "start -c yes.yaml --token hunter2",
          "start -c " + yes + " db --destination ./db --oneshot"), Files.readAllLines(ran), "tbot ran each time");
    }
  }

  @Test
  void aTbotInAShellStringWithItsOutputRedirectedReadsItsConfigAndIsCountedAsItRuns() throws Exception {
    // sh -c 'exec tbot start -c tbot.yaml >> tbot.log 2>&1', as a container's or a unit's line
    // logs: its config's no is read, its yes counted. Red before: not one plain command, nothing
    // recorded either way.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Path log = dir.resolve("tbot.log");
    Path tbot = tbot("echo \"$@\"; echo err >&2");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = toReceiver(receiver);
      Run r = exec(recording, env, "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--debug",
          "--", "sh", "-c", "exec " + tbot + " start -c " + no + " >> " + log + " 2>&1");
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("tbot-otel debug: nothing sent: anonymous_analytics in tbot's config says no"),
          r.stderr());
      assertEquals(0, receiver.requests().size(), r.stderr());
      Run counted = exec(recording, env, "--anonymous-analytics-exit-timeout", "10s", "--",
          "sh", "-c", tbot + " start -c " + yes + " --oneshot > " + log + " 2>&1");
      assertEquals(0, counted.exitCode(), counted.stderr());
      assertEquals(1, receiver.requests().size(), counted.stderr());
      assertTrue(receiver.requests().get(0).decode().toString().contains("\"one-shot\""));
      assertEquals(List.of("start -c " + yes + " --oneshot", "err"), Files.readAllLines(log), "tbot ran, its output there");
      // A target the shell cannot open: it runs no tbot and fails at once, so no start is confirmed.
      Run failed = exec(recording, env, "--anonymous-analytics-exit-timeout", "10s", "--debug", "--",
          "sh", "-c", "exec " + tbot + " start -c " + yes + " >> " + dir.resolve("none/tbot.log") + " 2>&1");
      assertTrue(failed.exitCode() != 0, failed.stderr());
      assertEquals(1, receiver.requests().size(), failed.stderr());
    }
  }

  @Test
  void aTbotBehindAPassThroughWithItsOutputRedirectedReadsItsConfigAndIsCountedOnce() throws Exception {
    // sh -c 'exec "$@" >> tbot.log 2>&1' sh tbot start -c tbot.yaml, as an entrypoint that logs
    // its command's output: the tbot after the string is read, its config's no too, its yes counted
    // once. Red before: no exact pass-through, nothing recorded either way.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Path log = dir.resolve("tbot.log");
    Path tbot = tbot("echo \"$@\"; echo err >&2");
    String passThrough = "exec \"$@\" >> " + log + " 2>&1";
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = toReceiver(receiver);
      Run r = exec(recording, env, "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--debug",
          "--", "sh", "-c", passThrough, "sh", tbot.toString(), "start", "-c", no.toString());
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("tbot-otel debug: nothing sent: anonymous_analytics in tbot's config says no"),
          r.stderr());
      assertEquals(0, receiver.requests().size(), r.stderr());
      Run counted = exec(recording, env, "--anonymous-analytics-exit-timeout", "10s", "--",
          "sh", "-c", passThrough, "sh", tbot.toString(), "start", "-c", yes.toString(), "--oneshot");
      assertEquals(0, counted.exitCode(), counted.stderr());
      assertEquals(1, receiver.requests().size(), counted.stderr());
      assertTrue(receiver.requests().get(0).decode().toString().contains("\"one-shot\""));
      assertEquals(List.of("start -c " + no, "err", "start -c " + yes + " --oneshot", "err"), Files.readAllLines(log),
          "tbot ran each time, its output there");
    }
  }

  @Test
  void aTbotInEnvSplitStringBehindAnotherProgramRecordsNothing() throws Exception {
    // xargs runs env -S, which runs the tbot its string names with that string's flags: exec does
    // not parse them, as in front (env -S 'tbot ...'), so it records nothing. Red before: it took
    // xargs for a wrapper and sent, though that tbot reads a config that says no.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path ran = dir.resolve("ran");
    Path tbot = tbot("echo \"$@\" >> \"" + ran + "\"");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = toReceiver(receiver);
      Run r = exec(recording, env, "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--debug",
          "--", "xargs", "-a", "/dev/null", "env", "-S", tbot + " start -c " + no);
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals(List.of("start -c " + no), Files.readAllLines(ran), "tbot ran with the string's flags");
      assertTrue(r.stderr().contains("tbot-otel debug: nothing recorded: COMMAND runs tbot in env -S's string"),
          r.stderr());
      assertEquals(0, receiver.requests().size(), r.stderr());
    }
  }

  @Test
  void aWordAfterATbotBehindALauncherAndAnotherProgramIsNotInTheDebugLines() throws Exception {
    // nice runs htpasswd, whose tbot is a user's name and the word after it a password: --debug's
    // lines reach tbot's log. Red before: the line said 'tbot hunter', nice taken for the program
    // in front of tbot.
    Path htpasswd = ExecRun.script(dir, "htpasswd", "exit 0\n");
    Run r = exec(recording, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "PATH", System.getenv("PATH")),
        "--debug", "--", "nice", "-n", "5", htpasswd.toString(), "-b", dir.resolve("users").toString(), "tbot",
        "hunter");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("tbot-otel debug: nothing recorded: COMMAND runs tbot with a command word not shown"),
        r.stderr());
    assertFalse(r.stderr().contains("hunter"), r.stderr());
  }

  @Test
  void aLineTbotRefusesSendsNothingThoughItsChildExitsZero() throws Exception {
    // Each child exits 0, which would confirm a start. Red before, each read yes.yaml's yes and sent:
    // - nice passes the -- on: today's tbot refuses 'tbot -- start -c FILE' (kingpin reads -c as an
    //   argument, which start does not take), so its config is never read; exec dropped the --;
    // - timeout --sig KILL 60 runs tbot (getopt_long takes --sig for --signal, and KILL is its
    //   value), passing tbot its -- too; exec took KILL for timeout's duration and 60 for the
    //   program in front of tbot, and dropped the --;
    // - xargs passes tbot the -- after it, as a launcher does (tbot then refuses -c, an argument);
    // - nice runs the first tbot of 'tbot tbot start', with the arguments 'tbot start', which name
    //   no command;
    // - after --oneshot kingpin runs the classic start, which refuses the 'app' after it.
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Path ran = dir.resolve("ran");
    String tbot = tbot("echo \"$@\" >> \"" + ran + "\"").toString();
    String refusedAfterDashes = "COMMAND runs tbot start with an argument after '--' it does not take";
    Map<List<String>, String> lines = new LinkedHashMap<>();
    lines.put(List.of("nice", tbot, "--", "start", "-c", yes.toString()), refusedAfterDashes);
    lines.put(List.of("timeout", "--sig", "KILL", "60", tbot, "--", "start", "-c", yes.toString()), refusedAfterDashes);
    lines.put(List.of("xargs", "-a", "/dev/null", tbot, "--", "start", "-c", yes.toString()), "COMMAND runs tbot ");
    lines.put(List.of("nice", tbot, tbot, "start", "-c", yes.toString()), "COMMAND runs tbot ");
    lines.put(List.of(tbot, "start", "--oneshot", "-c", yes.toString(), "--", "app"), "COMMAND runs tbot ");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      for (Map.Entry<List<String>, String> line : lines.entrySet()) {
        Run r = exec(recording, toReceiver(receiver), concat(List.of("--anonymous-analytics",
            "--anonymous-analytics-exit-timeout", "10s", "--debug", "--"), line.getKey()));
        assertEquals(0, r.exitCode(), line + ": " + r.stderr());
        assertTrue(r.stderr().contains("tbot-otel debug: nothing recorded: " + line.getValue()), line + ": " + r.stderr());
      }
      assertEquals(List.of("-- start -c " + yes, "-- start -c " + yes, "-- start -c " + yes, tbot + " start -c " + yes,
          "start --oneshot -c " + yes + " -- app"), Files.readAllLines(ran), "what each tbot was given");
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void aSuThatRefusesItsOptionsRecordsNothing() throws Exception {
    // -u is runuser's: su's getopt takes it (and the user after it), then su says "Try 'su --help'"
    // and exits 1, running nothing. Here su is a script that exits 0, which would confirm a start.
    // Red before: the first line (su's -c taking tbot.yaml for its command) counted as a wrapper's
    // and sent; the second said tbot's config cannot be found from here.
    Path ran = dir.resolve("ran");
    String su = ExecRun.script(dir, "su", "echo \"$@\" >> \"" + ran + "\"\n").toString();
    List<List<String>> lines = List.of(List.of(su, "-u", "bot", "tbot", "start", "-c", "tbot.yaml"),
        List.of(su, "-u", "bot", "tbot", "start", "--config", "tbot.yaml"));
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      for (List<String> line : lines) {
        Run r = exec(recording, toReceiver(receiver), concat(List.of("--anonymous-analytics",
            "--anonymous-analytics-exit-timeout", "10s", "--debug", "--"), line));
        assertEquals(0, r.exitCode(), line + ": " + r.stderr());
        assertTrue(r.stderr().contains(
            "tbot-otel debug: nothing recorded: COMMAND's su (or runuser without -u) runs nothing: "), line + ": " + r.stderr());
        assertFalse(r.stderr().contains("cannot be found"), line + ": " + r.stderr());
      }
      assertEquals(List.of("-u bot tbot start -c tbot.yaml", "-u bot tbot start --config tbot.yaml"),
          Files.readAllLines(ran), "what su was given");
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void execAndPreviewReadCommandsLineOnce() throws Exception {
    // The line exec reads for COMMAND (su's: its user's shell from /etc/passwd) is read once, on
    // the analytics thread, and handed on to what counts the start, says why not, and hands the
    // count to tbot. Red before: read two or three times, the machine file with it each time.
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), "bot:x:1000:1000::/home/bot:/bin/sh\n");
    CountedFiles files = new CountedFiles(root);
    String su = ExecRun.script(dir, "su", "exit 0\n").toString();
    int read = 0;
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      for (String string : List.of("tbot start", "tbot version")) {
        Run r = SystemFilesFixture.under(files.root(), () -> exec(recording, toReceiver(receiver), "--anonymous-analytics",
            "--anonymous-analytics-exit-timeout", "10s", "--debug", "--", su, "bot", "-c", string));
        assertEquals(0, r.exitCode(), r.stderr());
        // Recorded past the handoff's check, or not counted and said why: each path's every reader.
        assertTrue(r.stderr().contains(string.endsWith("start") ? "Anonymous usage analytics is on" : "nothing recorded: "),
            r.stderr());
        assertEquals(++read, files.opened("etc/passwd"), string + ": " + r.stderr());

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
          String[] preview = {"preview", "--anonymous-analytics", "--", su, "bot", "-c", string};
          SystemFilesFixture.under(files.root(), () -> Main.run(preview,
              new CliContext(toReceiver(receiver), new PrintStream(new ByteArrayOutputStream()), e, false, recording)));
        }
        assertEquals(++read, files.opened("etc/passwd"), "preview " + string + ": " + err.toString(StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void whyNothingIsRecordedIsWorkedOutOnlyForDebug() throws Exception {
    // Saying why a command is not counted reads its launchers again (su's PAM environment files):
    // work for --debug's reader only, as the reason for a no is. Red before: etc/environment read
    // twice without --debug.
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), "bot:x:1000:1000::/home/bot:/bin/sh\n");
    Files.writeString(root.resolve("etc/environment"), "LANG=C.UTF-8\n");
    CountedFiles files = new CountedFiles(root);
    String su = ExecRun.script(dir, "su", "exit 0\n").toString();
    int read = 0;
    for (boolean debug : new boolean[] {false, true}) {
      List<String> args = new ArrayList<>(List.of("--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s"));
      if (debug) {
        args.add("--debug");
      }
      args.addAll(List.of("--", su, "bot", "-c", "tbot version"));
      Run r = SystemFilesFixture.under(files.root(), () -> exec(recording, Map.of(), args.toArray(String[]::new)));
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals(debug, r.stderr().contains("nothing recorded: "), r.stderr());
      read += debug ? 2 : 1;
      assertEquals(read, files.opened("etc/environment"), "--debug " + debug + ": " + r.stderr());
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
  void aNoFlagIsNamedAsGiven() throws Exception {
    // Red before: --anonymous-analytics=false was reported as --no-anonymous-analytics.
    Run r = exec(recording, Map.of(),
        "--anonymous-analytics=false", "--debug", "--", tbot("exit 0").toString(), "start");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(List.of("tbot-otel debug: nothing sent: --anonymous-analytics=false says no"),
        r.stderr().lines().toList());
  }

  @Test
  void withoutConsentDebugSaysWhyAfterReadingTheConfig() throws Exception {
    Path no = Files.writeString(dir.resolve("tbot.yaml"), "version: v2\nanonymous_analytics: false\n");
    Run saidNo = exec(recording, Map.of(),
        "--anonymous-analytics", "--debug", "--", tbot("exit 0").toString(), "start", "-c", no.toString());
    assertEquals(0, saidNo.exitCode(), saidNo.stderr());
    assertEquals(List.of("tbot-otel debug: nothing sent: anonymous_analytics in tbot's config says no"),
        saidNo.stderr().lines().toList());
    Run noVote = exec(recording, Map.of(), "--debug", "--", tbot("exit 0").toString(), "start");
    assertEquals(List.of("tbot-otel debug: nothing sent: no source opted in"), noVote.stderr().lines().toList());
    // A config given as text is no file: the reason names tbot's config, wherever it came from
    // (red before: "in the config file" for --config-string and TBOT_CONFIG too).
    String text = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(no));
    Run fromString = exec(recording, Map.of(), "--anonymous-analytics", "--debug", "--",
        tbot("exit 0").toString(), "start", "--config-string", text);
    assertEquals(List.of("tbot-otel debug: nothing sent: anonymous_analytics in tbot's config says no"),
        fromString.stderr().lines().toList());
    Run fromVariable = exec(recording, Map.of("TBOT_CONFIG", text), "--anonymous-analytics", "--debug", "--",
        tbot("exit 0").toString(), "start");
    assertEquals(List.of("tbot-otel debug: nothing sent: anonymous_analytics in tbot's config says no"),
        fromVariable.stderr().lines().toList());
    assertEquals(4, made.size(), "each read the config on exec's thread");
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
        "--anonymous-analytics", "--debug", "--anonymous-analytics-exit-timeout", "10s", "-c", broken, "--",
        tbot("exit 0").toString(), "start");
    assertEquals(0, debug.exitCode());
    assertEquals(List.of("tbot-otel debug: analytics skipped, the command runs anyway: " + broken
            + ": invalid YAML: the file ends inside a [ ] list or { } mapping; close it with ] or }."),
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

  @Test
  void whyAnalyticsWasSkippedIsOneDebugLineWhateverTheErrorsMessage() {
    ThreadFactory none = work -> {
      throw new OutOfMemoryError("unable to create native thread\r\ntbot-otel debug: nothing sent\rx\ny");
    };
    Run debug = exec(none, Map.of(), "--anonymous-analytics", "--debug", "--", tbot("exit 5").toString(), "start");
    assertEquals(5, debug.exitCode());
    assertEquals(List.of("tbot-otel debug: analytics skipped, the command runs anyway: "
            + "java.lang.OutOfMemoryError: unable to create native thread  tbot-otel debug: nothing sent x y"),
        debug.stderr().lines().toList());
  }

  /**
   * An interrupt of exec's thread (a host that runs exec in-process and is told to stop) does not
   * end exec before its child: it still returns the child's status, and keeps the interrupt. The
   * child exits only once the interrupt was sent (no race with a late interrupter under load).
   */
  @Test
  void anInterruptedExecStillWaitsForItsChild() throws Exception {
    Path ready = dir.resolve("ready");
    Path sent = dir.resolve("sent");
    Thread exec = Thread.currentThread();
    Thread interrupter = new Thread(() -> {
      try {
        for (int i = 0; i < 3000 && !Files.exists(ready); i++) {
          Thread.sleep(10);
        }
        exec.interrupt();
        Files.createFile(sent);
      } catch (InterruptedException | IOException e) {
        throw new AssertionError(e);
      }
    });
    interrupter.start();
    Run r;
    boolean interrupted;
    try {
      r = exec(recording, Map.of("DO_NOT_TRACK", "1"), "--", tbot("echo > \"" + ready + "\"\n"
          + "i=0; while [ ! -e \"" + sent + "\" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; exit 4")
          .toString(), "start");
    } finally {
      interrupted = Thread.interrupted(); // never left set for the tests after this one
      interrupter.join();
    }
    assertEquals(4, r.exitCode(), r.stderr());
    assertTrue(interrupted, "the interrupt is kept for the caller");
  }

  /**
   * An interrupt of exec's thread does not cut its wait for the analytics thread short either, as
   * it does not cut the send's wait (the library's close): the wait is bounded by the exit timeout
   * anyway, and a start confirmed (exit 0) is sent, not dropped with a debug line blaming the exit
   * timeout. The interrupt comes from exec's own thread as it makes the analytics thread, which
   * starts its work only once exec waits for it; the interrupt is kept.
   */
  @Test
  void anInterruptedExecStillWaitsForItsAnalyticsAndSends() throws Exception {
    ThreadFactory interruptingLate = work -> {
      Thread exec = Thread.currentThread();
      exec.interrupt(); // exec's thread asks for it: the interrupt is there before exec waits for anything
      Thread t = new Thread(() -> {
        awaitJoining(exec);
        work.run();
      });
      made.add(t);
      return t;
    };
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Run r;
      boolean interrupted;
      try {
        r = exec(interruptingLate, Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()),
            "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--debug",
            "--", tbot("exit 0").toString(), "start");
      } finally {
        interrupted = Thread.interrupted(); // never left set for the tests after this one
      }
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(interrupted, "the interrupt is kept for the caller");
      assertEquals(1, receiver.requests().size(), r.stderr());
      assertTrue(r.stderr().startsWith("tbot-otel: Anonymous usage analytics is on"), r.stderr());
      assertFalse(r.stderr().contains("nothing sent"), r.stderr());
    }
  }

  /**
   * A start that failed at once, seen by the analytics thread only once exec waits for it: the
   * thread stops before reading anything and says why. (Which thread comes first otherwise decides
   * who says it, so the other tests cannot.)
   */
  @Test
  void aStartThatFailedAtOnceIsNeitherRecordedNorSent() throws Exception {
    ThreadFactory late = work -> {
      Thread exec = Thread.currentThread();
      Thread t = new Thread(() -> {
        awaitJoining(exec);
        work.run();
      });
      made.add(t);
      return t;
    };
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Run r = exec(late, Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()),
          "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--debug",
          "--", tbot("exit 1").toString(), "start");
      assertEquals(1, r.exitCode(), r.stderr());
      assertEquals(List.of("tbot-otel debug: nothing sent: the start was not confirmed (COMMAND failed at once)"),
          r.stderr().lines().toList(), "no notice either: nothing was recorded");
      assertEquals(0, receiver.requests().size());
    }
  }

  /**
   * An analytics thread still resolving the event when the exit timeout is spent (here held until
   * exec has returned; in life a child that exits at once with a timeout shorter than reading the
   * config and building the send, such as exec's 0): --debug says nothing was sent, as for every
   * other outcome, and the thread, let go afterwards, records and sends nothing.
   */
  @Test
  void anEventNotReadyWhenTheExitTimeoutIsSpentIsNotSentAndDebugSaysSo() throws Exception {
    CountDownLatch execReturned = new CountDownLatch(1);
    ThreadFactory held = work -> {
      Thread t = new Thread(() -> {
        try {
          execReturned.await();
        } catch (InterruptedException e) {
          return;
        }
        work.run();
      });
      made.add(t);
      return t;
    };
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Run r;
      try {
        r = exec(held, Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()),
            "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "0", "--debug",
            "--", tbot("exit 0").toString(), "start");
      } finally {
        execReturned.countDown();
      }
      for (Thread t : made) {
        t.join(10_000);
        assertFalse(t.isAlive(), "the analytics thread ended");
      }
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals(List.of("tbot-otel debug: nothing sent: the exit timeout (0 ms) was spent before the event was ready"),
          r.stderr().lines().toList());
      Thread.sleep(200);
      assertEquals(0, receiver.requests().size(), "nothing sent after exec gave up");
    }
  }

  /** Waits until {@code thread} is in {@link Thread#join}: exec waits for its analytics after the child exited. */
  private static void awaitJoining(Thread thread) {
    for (int i = 0; i < 2000; i++) {
      for (StackTraceElement frame : thread.getStackTrace()) {
        if (frame.getClassName().equals("java.lang.Thread") && frame.getMethodName().equals("join")) {
          return;
        }
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * A signal sent to exec (this JVM, here) reaches the child, which traps it, and exec's handlers
   * are the JVM's own again once exec returns. Sent to this process alone, not its group: only exec's
   * forwarding can bring it to the child. Both are sent by kill; exec passes TERM on by {@link
   * Process#destroy()}, USR1 by kill.
   */
  @ParameterizedTest
  @ValueSource(strings = {"USR1", "TERM"})
  void aSignalSentToExecReachesTheChild(String signal) throws Exception {
    Path ready = dir.resolve("ready");
    Path mark = dir.resolve("mark");
    Path tbot = tbot("trap 'echo " + signal + " > \"" + mark + "\"; exit 0' " + signal + "\n"
        + "echo $$ > \"" + ready + ".tmp\"; mv \"" + ready + ".tmp\" \"" + ready + "\"\n"
        + "i=0; while [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; exit 9");
    Thread sender = new Thread(() -> {
      try {
        for (int i = 0; i < 3000 && !Files.exists(ready); i++) {
          Thread.sleep(10);
        }
        // Only to exec's forwarder: without one, TERM would end this test JVM, not fail the test.
        if (Files.exists(ready) && String.valueOf(handlerOf(signal)).contains("tbot-otel")) {
          Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s \"$1\" \"$2\"", "sh", signal,
              Long.toString(ProcessHandle.current().pid())).start();
          kill.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    String before = String.valueOf(handlerOf(signal));
    sender.start();
    Run r = exec(recording, Map.of("DO_NOT_TRACK", "1"), "--debug", "--", tbot.toString(), "start");
    sender.join();
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(signal, Files.readString(mark).strip(), "the child's trap ran");
    assertTrue(r.stderr().contains("tbot-otel debug: forwarded SIG" + signal + " to "
        + Files.readString(ready).strip() + "\n"), r.stderr());
    // Not the forwarder, nor a null one (the next signal would find none), but the one before.
    Object after = handlerOf(signal);
    assertTrue(after != null && !after.toString().contains("tbot-otel"), String.valueOf(after));
    assertEquals(before, after.toString(), "the JVM's own handler is back");
  }

  /**
   * This JVM's handler for {@code signal} (set back at once), through sun.misc.Signal as exec's.
   * The probe is SIG_DFL: with SIG_IGN set even briefly, the JVM keeps ignoring TERM, INT and HUP
   * (as under nohup), and so would every later child.
   */
  private static Object handlerOf(String signal) throws Exception {
    Class<?> signalClass = Class.forName("sun.misc.Signal");
    Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
    Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
    Object sig = signalClass.getConstructor(String.class).newInstance(signal);
    Object current = handle.invoke(null, sig, handlerClass.getField("SIG_DFL").get(null));
    handle.invoke(null, sig, current);
    return current;
  }
}
