package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tbot-otel exec} from the shaded jar, with a real child process: a small shell script
 * standing in for tbot. Proves the child is unharmed (exit status, bytes, stdin, signals, start
 * not delayed) and the event is sent, from the child's own flags, only with consent.
 */
class ExecIT {

  static final Duration RUN = Duration.ofSeconds(60);
  static final byte[] NO_INPUT = new byte[0];
  static final String V2_CONFIG =
      "version: v2\n"
          + "proxy_server: tele.example.com:443\n"
          + "onboarding:\n  join_method: token\n  token: secret-token\n"
          + "storage:\n  type: memory\n"
          + "outputs:\n"
          + "  - type: identity\n    destination: {type: directory, path: /opt/id}\n"
          + "  - type: database\n    service: pg\n    database: orders\n    username: ci\n"
          + "    destination: {type: directory, path: /opt/db}\n"
          + "  - type: kubernetes\n    kubernetes_cluster: prod\n"
          + "    destination: {type: directory, path: /opt/kube}\n";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "exit 0 | 0",
        "exit 1 | 1",
        "exit 255 | 255",
        "kill -KILL $$ | 137",
        "kill -TERM $$ | 143",
      })
  void exitStatusIsTheChilds(String body, int expected) {
    Path tbot = ExecRun.script(dir, "tbot", body + "\n");
    ExecRun.Result r = ExecRun.run(dir, ExecRun.env(), NO_INPUT, RUN, "exec", "--", tbot.toString(), "start");
    assertEquals(expected, r.exitCode(), r.stderrText());
    assertEquals(0, r.stdout().length + r.stderr().length, "exec adds nothing: " + r.stderrText());
  }

  @Test
  void streamsPassThroughByteForByte() throws IOException {
    byte[] out = allBytes(3);
    byte[] err = allBytes(5);
    byte[] in = allBytes(7);
    Files.write(dir.resolve("out.bin"), out);
    Files.write(dir.resolve("err.bin"), err);
    Path tbot = ExecRun.script(dir, "tbot", "cat \"$1\"; cat; cat \"$2\" >&2\n");
    ExecRun.Result r = ExecRun.run(dir, ExecRun.env(), in, RUN,
        "exec", "--", tbot.toString(), dir.resolve("out.bin").toString(), dir.resolve("err.bin").toString());
    assertEquals(0, r.exitCode(), r.stderrText());
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(out);
    expected.write(in);
    assertArrayEquals(expected.toByteArray(), r.stdout(), "stdout: the child's bytes, then stdin echoed");
    assertArrayEquals(err, r.stderr(), "stderr: the child's bytes and nothing from exec");
  }

  @Test
  void aConfigOnStdinStaysTbotsInput() throws IOException {
    // tbot reads its config from a pipe (-c /dev/stdin); exec, with consent, must not consume it.
    byte[] in = "version: v2\nonboarding:\n  join_method: github\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Path tbot = ExecRun.script(dir, "tbot", "cat\n");
    ExecRun.Result r = ExecRun.run(dir, ExecRun.env("TELEPORT_ANONYMOUS_TELEMETRY", "1",
            "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", "http://127.0.0.1:9/v1/logs"), in, RUN,
        "exec", "--anonymous-analytics-exit-timeout", "200ms", "--", tbot.toString(), "start", "-c", "/dev/stdin");
    assertEquals(0, r.exitCode(), r.stderrText());
    assertArrayEquals(in, r.stdout(), "tbot got its whole input");
  }

  /**
   * Each forwarded signal, sent to the exec JVM, reaches the child's trap: SIGUSR1 too, tbot's
   * other reload signal, which the JVM's default would have ended exec with, leaving tbot running
   * on without its parent and unreloaded. The JVM starts as a
   * service manager would start it: in a session of its own, without a terminal (else exec rightly
   * leaves SIGINT to the terminal, whose Ctrl-C reaches the child by itself), and with the signals'
   * default dispositions (a JVM or shell started with a signal ignored can neither catch nor pass it
   * on, as under {@code nohup} or a non-interactive shell's {@code &}). Also in a Turkish locale,
   * where procps-ng's kill refuses {@code -s HUP} unless exec runs it in the C locale (on a machine
   * without tr_TR.UTF-8 the C library falls back to C: {@code SignalForwardingTest} checks the
   * kill program's locale everywhere).
   */
  @ParameterizedTest(name = "SIG{0} in {2}")
  @CsvSource({
    "TERM, 42, C.UTF-8", "HUP, 43, C.UTF-8", "INT, 44, C.UTF-8", "USR1, 45, C.UTF-8",
    "HUP, 43, tr_TR.UTF-8", "INT, 44, tr_TR.UTF-8"
  })
  void signalsReachTheChild(String signal, int childStatus, String locale) throws Exception {
    Path ready = dir.resolve("ready");
    Path mark = dir.resolve("mark");
    Path tbot = ExecRun.script(dir, "tbot",
        "trap 'echo " + signal + " > \"" + mark + "\"; exit " + childStatus + "' " + signal + "\n"
            + "echo ready > \"" + ready + "\"\n"
            + "i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n"
            + "exit 99\n");
    List<String> serviceLike = List.of("setsid", "env", "--default-signal=INT,TERM,HUP,USR1");
    try (ExecRun run = ExecRun.start(dir, serviceLike, ExecRun.env("LC_ALL", locale), NO_INPUT,
        "exec", "--", tbot.toString(), "start")) {
      assertTrue(ExecRun.awaitFile(ready, Duration.ofSeconds(30)), "the child started");
      // setsid and env exec'd, not forked: the process signalled is the exec JVM itself.
      assertTrue(run.process().info().command().orElse("").endsWith("java"),
          "the started process is the JVM: " + run.process().info());
      // In the C locale: procps-ng's kill refuses "-s HUP" in a Turkish one (LC_ALL=tr_TR.UTF-8).
      ProcessBuilder killer = new ProcessBuilder("kill", "-s", signal, Long.toString(run.process().pid()));
      killer.environment().put("LC_ALL", "C");
      Process kill = killer.start();
      assertEquals(0, kill.waitFor(), "kill sent SIG" + signal + " to the exec JVM");
      ExecRun.Result r = run.await(Duration.ofSeconds(30));
      assertEquals(childStatus, r.exitCode(), "exec exits with the status the child chose: " + r.stderrText());
      assertEquals(signal, Files.readString(mark).trim(), "the child's trap ran");
      assertEquals("", r.stderrText());
    }
  }

  /**
   * Ctrl-C in a terminal stops tbot under exec as it would without: the exec JVM runs in a pseudo
   * terminal (Python's {@code pty}, standing in for a user's shell), which is sent {@code ^C} once
   * the child is ready. A child in exec's process group gets the terminal's SIGINT and no second one
   * from exec; one that left the group, as {@code timeout} and {@code setsid} do, gets exec's (it
   * used to get none, and tbot ran on). The child notes each SIGINT and exits a second after the
   * first, so a second one would be seen.
   */
  @ParameterizedTest(name = "[{0}] tbot")
  @ValueSource(strings = {"", "timeout 30", "setsid"})
  void ctrlCInATerminalStopsTheChild(String launcher) throws Exception {
    Path ready = dir.resolve("ready");
    Path mark = dir.resolve("mark");
    Path tbot = ExecRun.script(dir, "tbot",
        "trap 'echo INT >> \"" + mark + "\"' INT\n"
            + "echo ready > \"" + ready + "\"\n"
            + "i=0; while [ $i -lt 300 ]; do\n"
            + "  if [ -s \"" + mark + "\" ]; then sleep 1; exit 44; fi\n"
            + "  sleep 0.1; i=$((i+1))\n"
            + "done\n"
            + "exit 99\n");
    Path terminal = Files.writeString(dir.resolve("terminal.py"), String.join("\n",
        "import os, pty, select, signal, sys, time",
        "ready, argv = sys.argv[1], sys.argv[2:]",
        "pid, fd = pty.fork()",
        "if pid == 0:",
        // A terminal's job gets SIGINT's default, even where the build runs as a background
        // command of a script, which starts with SIGINT ignored (sh's trap cannot undo that).
        "    signal.signal(signal.SIGINT, signal.SIG_DFL)",
        "    os.execvp(argv[0], argv)",
        "deadline, sent = time.monotonic() + 20, False",
        "while time.monotonic() < deadline:",
        "    if select.select([fd], [], [], 0.05)[0]:",
        "        try:",
        "            sys.stdout.buffer.write(os.read(fd, 4096))",
        "        except OSError:",
        "            pass",
        "    if not sent and os.path.exists(ready):",
        "        time.sleep(0.2)",
        "        os.write(fd, b'\\x03')",
        "        sent = True",
        "    done, status = os.waitpid(pid, os.WNOHANG)",
        "    if done == pid:",
        "        sys.exit(os.waitstatus_to_exitcode(status))",
        "os.kill(pid, 9)",
        "sys.exit(98)",
        ""));
    List<String> command = new ArrayList<>(List.of("exec", "--no-anonymous-analytics", "--"));
    command.addAll(List.of(launcher.split(" ")).stream().filter(x -> !x.isEmpty()).toList());
    command.addAll(List.of(tbot.toString(), "start"));
    try (ExecRun run = ExecRun.start(dir, List.of("python3", terminal.toString(), ready.toString()),
        ExecRun.env(), NO_INPUT, command.toArray(String[]::new))) {
      ExecRun.Result r = run.await(Duration.ofSeconds(45));
      assertEquals(44, r.exitCode(), "the child saw SIGINT and ended: " + r.stderrText()
          + new String(r.stdout(), StandardCharsets.UTF_8));
      List<String> seen = Files.readAllLines(mark);
      if (launcher.isEmpty()) {
        assertEquals(List.of("INT"), seen, "the terminal's SIGINT only, not a second from exec");
      } else {
        // timeout passes a SIGINT on twice (to its child and to its group): its own doing
        assertTrue(!seen.isEmpty() && seen.stream().allMatch("INT"::equals), seen.toString());
      }
    }
  }

  /**
   * The jar overwritten in place while tbot runs (an upgrade by {@code cp} or {@code curl -o},
   * which keep the file's inode): the JVM reads a class it has not loaded yet from the new bytes,
   * and fails. tbot's exit status must survive that: it used to be lost to a
   * {@code NoClassDefFoundError} from a class picocli loads once the command has returned (exit
   * status 1, a stack trace on stderr).
   */
  @Test
  void aJarOverwrittenWhileTbotRunsKeepsTbotsExitStatus() throws Exception {
    Path jar = Files.copy(ChildJvm.jar(), dir.resolve("tbot-otel.jar"));
    Path ready = dir.resolve("ready");
    Path go = dir.resolve("go");
    Path tbot = ExecRun.script(dir, "tbot",
        "echo ready > \"" + ready + "\"\n"
            + "i=0; while [ ! -e \"" + go + "\" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n"
            + "exit 7\n");
    // ExecRun runs "java -jar <the build's jar> ARGS": this launcher runs the copy instead.
    List<String> theCopy = List.of("sh", "-c", "java=$1; shift 3; exec \"$java\" -jar \"$0\" \"$@\"", jar.toString());
    try (ExecRun run = ExecRun.start(dir, theCopy, ExecRun.env(), NO_INPUT,
        "exec", "--no-anonymous-analytics", "--", tbot.toString(), "start")) {
      assertTrue(ExecRun.awaitFile(ready, Duration.ofSeconds(30)), "the child started");
      Files.writeString(jar, "not a jar any more\n"); // truncated and rewritten: the same inode
      Files.writeString(go, "go\n");
      ExecRun.Result r = run.await(Duration.ofSeconds(30));
      assertEquals(7, r.exitCode(), r.stderrText());
      assertEquals("", r.stderrText());
    }
  }

  @Test
  void withConsentTheEventComesFromTheChildsFlags() throws Exception {
    Path config = Files.writeString(dir.resolve("tbot.yaml"), V2_CONFIG);
    Path seen = dir.resolve("seen");
    Path tbot = ExecRun.script(dir, "tbot",
        "echo \"${TELEPORT_ANONYMOUS_TELEMETRY-unset}\" > \"" + seen + "\"\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = ExecRun.env(
          "TELEPORT_ANONYMOUS_TELEMETRY", "1",
          "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url(),
          "_TBOT_TELEMETRY_HELPER", "gha:teleport-actions/auth",
          "_TBOT_TELEMETRY_HELPER_VERSION", "1.1.4");
      List<String> line = List.of(
          "exec", "--anonymous-analytics-exit-timeout", "10s", "--tbot-version", "18.1.0",
          "--", tbot.toString(), "start", "-c", config.toString(), "--oneshot",
          "--join-method=github", "--destination-dir", "/opt/extra");
      ExecRun.Result r = ExecRun.run(dir, env, NO_INPUT, RUN, line.toArray(String[]::new));
      assertEquals(0, r.exitCode(), r.stderrText());
      List<OtlpReceiver.Received> got = receiver.await(1, Duration.ofSeconds(5));
      assertEquals(1, got.size(), "one event");
      // --destination-dir's identity output beside the config's outputs: list, which tbot keeps.
      Map<String, Object> want = StartEndToEndTest.expected("one-shot", "18.1.0", "github", 4, 1, 1, 0);
      want.put("helper", "gha:teleport-actions/auth");
      want.put("helper_version", "1.1.4");
      assertEquals(want, StartEndToEndTest.attributes(
          got.get(0).decode().getResourceLogs(0).getScopeLogs(0).getLogRecords(0)));
      // As the notice says: the same line with 'preview' for 'exec' shows it, without running it.
      List<String> previewLine = new ArrayList<>(line);
      previewLine.set(0, "preview");
      ExecRun.Result preview = ExecRun.run(dir, env, NO_INPUT, RUN, previewLine.toArray(String[]::new));
      assertEquals(0, preview.exitCode(), preview.stderrText());
      ExportLogsServiceRequest.Builder shown = ExportLogsServiceRequest.newBuilder();
      JsonFormat.parser().merge(new String(preview.stdout(), StandardCharsets.UTF_8), shown);
      assertEquals(want, StartEndToEndTest.attributes(shown.getResourceLogs(0).getScopeLogs(0).getLogRecords(0)));
      assertTrue(preview.stderrText().contains("exec would send it to " + receiver.url()), preview.stderrText());
      assertEquals("0", Files.readString(seen).trim(), "tbot's own telemetry handed over: counted once");
      assertEquals(0, r.stdout().length);
      List<String> lines = r.stderrText().lines().toList();
      assertEquals(1, lines.size(), r.stderrText());
      assertTrue(lines.get(0).startsWith("tbot-otel: Anonymous usage analytics is on"), r.stderrText());
      // The preview that shows exec's event is the one above: exec's own flags matter to it too.
      assertTrue(lines.get(0).contains("(see it by running this same line with 'preview' in place of 'exec';"),
          r.stderrText());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // tbot refusing its config or flags exits at once: tbot itself would not have counted it.
        "exit 1 | 0",
        "sleep 0.2; exit 1 | 0", // one that fails within the 1 s, as tbot reading a bad config does
        "exit 0 | 1",
        // One that ran (and, say, could not join) is a start, as tbot counts it.
        "sleep 2; exit 1 | 1", // 1 s past the confirmation: a late wake-up on a loaded machine still counts it
      })
  void aStartCountsOnceTheChildRanOrSucceeded(String body, int requests) throws Exception {
    Path tbot = ExecRun.script(dir, "tbot", body + "\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ExecRun.Result r = ExecRun.run(dir, ExecRun.env("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()),
          NO_INPUT, RUN, "exec", "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--debug",
          "--", tbot.toString(), "start");
      // exec waited for the send to end (delivered or cancelled) before it exited.
      assertEquals(requests, receiver.requests().size(), r.stderrText());
      if (requests == 0) {
        assertTrue(r.stderrText().contains("the start was not confirmed"), r.stderrText());
      }
    }
  }

  @Test
  void fromADescriptorDirectoryARedirectedStringsRelativeConfigIsNotRead() throws Exception {
    // review 2026-12-05: exec run in /dev (its stdout a file, as a unit's StandardOutput=file: is)
    // for sh -c 'tbot start -c stdout >> no.yaml': tbot reads no.yaml, its no; exec read its own
    // stdout, an empty file, and counted. Red before: 1 request.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path tbot = ExecRun.script(dir, "tbot", "exit 0\n");
    try (OtlpReceiver receiver = OtlpReceiver.start();
        ExecRun run = ExecRun.start(dir, List.of("env", "-C", "/dev"),
            ExecRun.env("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()), NO_INPUT,
            "exec", "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--debug", "--",
            "/bin/sh", "-c", "exec " + tbot + " start -c stdout >> " + no)) {
      ExecRun.Result r = run.await(RUN);
      assertEquals(0, r.exitCode(), r.stderrText());
      assertEquals(0, receiver.requests().size(), r.stderrText());
      assertTrue(r.stderrText().contains("tbot-otel debug: nothing recorded"), r.stderrText());
    }
  }

  @Test
  void keepTbotTelemetryLeavesTheVariableAndExecsOwnFlagsWin() throws Exception {
    Path config = Files.writeString(dir.resolve("tbot.yaml"), V2_CONFIG);
    Path seen = dir.resolve("seen");
    Path tbot = ExecRun.script(dir, "tbot",
        "echo \"${TELEPORT_ANONYMOUS_TELEMETRY-unset}\" > \"" + seen + "\"\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = ExecRun.env(
          "TELEPORT_ANONYMOUS_TELEMETRY", "true", "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url());
      ExecRun.Result r = ExecRun.run(dir, env, NO_INPUT, RUN,
          "exec", "--keep-tbot-telemetry", "--join-method", "kubernetes", "--tbot-version", "18.1.0",
          "--anonymous-analytics-exit-timeout", "10s",
          "--", tbot.toString(), "start", "--config=" + config, "--join-method", "github");
      assertEquals(0, r.exitCode(), r.stderrText());
      assertEquals("true", Files.readString(seen).trim());
      List<OtlpReceiver.Received> got = receiver.await(1, Duration.ofSeconds(5));
      assertEquals(1, got.size());
      assertEquals(StartEndToEndTest.expected("continuous", "18.1.0", "kubernetes", 3, 1, 1, 0),
          StartEndToEndTest.attributes(got.get(0).decode().getResourceLogs(0).getScopeLogs(0).getLogRecords(0)));
    }
  }

  @Test
  void onlyTbotStartIsCountedAndAStartKindCountsItsOutput() throws Exception {
    Path config = Files.writeString(dir.resolve("tbot.yaml"), V2_CONFIG); // 3 outputs: 1 database, 1 kubernetes
    Path tbot = ExecRun.script(dir, "tbot", "exit 0\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = ExecRun.env(
          "TELEPORT_ANONYMOUS_TELEMETRY", "1", "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url());
      for (String[] notAStart : new String[][] {{"version"}, {"-d", "init", "-c", config.toString()}, {"--help"}}) {
        List<String> args = new java.util.ArrayList<>(List.of("exec", "--debug", "--", tbot.toString()));
        args.addAll(List.of(notAStart));
        ExecRun.Result r = ExecRun.run(dir, env, NO_INPUT, RUN, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderrText());
        assertTrue(r.stderrText().contains("nothing recorded: COMMAND runs tbot"), r.stderrText());
      }
      ExecRun.Result r = ExecRun.run(dir, env, NO_INPUT, RUN,
          "exec", "--anonymous-analytics-exit-timeout", "10s", "--tbot-version", "18.1.0",
          "--", tbot.toString(), "-c", config.toString(), "start", "app", "--destination", "./out", "--app", "grafana");
      assertEquals(0, r.exitCode(), r.stderrText());
      List<OtlpReceiver.Received> got = receiver.await(1, Duration.ofSeconds(5));
      assertEquals(1, got.size(), "only the start is counted");
      assertEquals(StartEndToEndTest.expected("continuous", "18.1.0", "token", 4, 1, 1, 1),
          StartEndToEndTest.attributes(got.get(0).decode().getResourceLogs(0).getScopeLogs(0).getLogRecords(0)),
          "the config's outputs and the command line's application output");
    }
  }

  @Test
  void withoutConsentNothingIsSentOrPrinted() throws Exception {
    Path config = Files.writeString(dir.resolve("tbot.yaml"), V2_CONFIG);
    Path seen = dir.resolve("seen");
    Path tbot = ExecRun.script(dir, "tbot",
        "echo \"${TELEPORT_ANONYMOUS_TELEMETRY-unset}\" > \"" + seen + "\"; echo hello\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      for (Map<String, String> env : List.of(
          ExecRun.env("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()),
          ExecRun.env("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url(),
              "TELEPORT_ANONYMOUS_TELEMETRY", "1", "DO_NOT_TRACK", "1"))) {
        ExecRun.Result r = ExecRun.run(dir, env, NO_INPUT, RUN,
            "exec", "--", tbot.toString(), "start", "-c", config.toString());
        assertEquals(0, r.exitCode(), r.stderrText());
        assertEquals("hello\n", r.stdoutText());
        assertEquals("", r.stderrText());
        // exec has exited: a send, had one started, would have been waited for.
        assertEquals(0, receiver.requests().size(), "nothing sent without consent");
      }
      // DO_NOT_TRACK says no for exec, and tbot's own telemetry is handed over to exec's decision.
      assertEquals("0", Files.readString(seen).trim());
    }
  }

  /**
   * A command that names no tbot (a wrapper script), with consent and no config exec sees, records
   * nothing: nothing reaches the collector, nothing is printed but with --debug, and the script
   * runs with its output and its exit status. Red before (d33869e8): counted from exec's flags
   * alone (join_type token, no outputs) and sent.
   */
  @Test
  void aWrapperGivenNoConfigSendsNothingAndRunsAsEver() throws Exception {
    Path wrapper = ExecRun.script(dir, "run-tbot.sh", "echo ran\n");
    Path failing = ExecRun.script(dir, "fail-tbot.sh", "echo ran; exit 3\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = ExecRun.env(
          "TELEPORT_ANONYMOUS_TELEMETRY", "1", "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url());
      ExecRun.Result r = ExecRun.run(dir, env, NO_INPUT, RUN,
          "exec", "--anonymous-analytics-exit-timeout", "10s", "--", wrapper.toString());
      assertEquals(0, r.exitCode(), r.stderrText());
      assertEquals("ran\n", r.stdoutText());
      assertEquals("", r.stderrText(), "no notice: nothing is sent");
      ExecRun.Result debug = ExecRun.run(dir, env, NO_INPUT, RUN,
          "exec", "--anonymous-analytics-exit-timeout", "10s", "--debug", "--", wrapper.toString());
      assertEquals(0, debug.exitCode(), debug.stderrText());
      assertTrue(debug.stderrText().contains("tbot-otel debug: analytics skipped, the command runs anyway: tbot's "
          + "config cannot be seen from here: COMMAND does not name tbot"), debug.stderrText());
      ExecRun.Result failed = ExecRun.run(dir, env, NO_INPUT, RUN, "exec", "--", failing.toString());
      assertEquals(3, failed.exitCode(), failed.stderrText());
      assertEquals("ran\n", failed.stdoutText());
      assertEquals(0, receiver.requests().size(), "nothing sent");
    }
  }

  @Test
  void analyticsProblemsNeverStopTheChild() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "outputs: [unclosed\n");
    Path tbot = ExecRun.script(dir, "tbot", "echo ran; exit 7\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = ExecRun.env(
          "TELEPORT_ANONYMOUS_TELEMETRY", "1", "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url());
      String[][] cases = {
        {"exec", "--", tbot.toString(), "start", "-c", broken.toString()},
        {"exec", "-c", dir.resolve("absent.yaml").toString(), "--", tbot.toString(), "start"},
        {"exec", "--anonymous-analytics-endpoint", "ftp://collector", "--", tbot.toString(), "start"},
      };
      for (String[] args : cases) {
        ExecRun.Result r = ExecRun.run(dir, env, NO_INPUT, RUN, args);
        assertEquals(7, r.exitCode(), String.join(" ", args) + ": " + r.stderrText());
        assertEquals("ran\n", r.stdoutText());
        assertEquals("", r.stderrText(), "skipped silently at the default level");
      }
      // One that runs past the confirmation, so that its config is read (and found broken).
      Files.createDirectories(dir.resolve("slow"));
      Path slow = ExecRun.script(dir, "slow/tbot", "echo ran; sleep 1.2; exit 7\n");
      ExecRun.Result debug = ExecRun.run(dir, env, NO_INPUT, RUN,
          "exec", "--debug", "--", slow.toString(), "start", "-c", broken.toString());
      assertEquals(7, debug.exitCode());
      assertTrue(debug.stderrText().contains("tbot-otel debug: analytics skipped, the command runs anyway: "
          + broken + ": invalid YAML"), debug.stderrText());
      assertEquals(0, receiver.requests().size());
    }
  }

  /**
   * A long inline script with many {@code ${NAME:-WORD}} is read within a small heap and a bound:
   * it was read in each of 2^9 ways, 15 s of CPU beside tbot for 125 KiB, and a 32 MiB heap ran out
   * (exec's analytics thread skipped with an OutOfMemoryError, preview threw one). Now such a
   * string names tbot (records nothing) and says why. Red before: both OutOfMemoryErrors.
   */
  @Test
  void aLongShellStringIsReadWithinASmallHeap() throws Exception {
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "anonymous_analytics: true\n");
    String script = "X=${A:-1}${B:-2}${C:-3}${D:-4}${E:-5}${F:-6}${G:-7}${H:-8}\n"
        + ": step \"$HOME/x/$USER\"; [ -f /nonexistent/f ] && rm -f /nonexistent/f\n".repeat(1800) + "exit 0";
    String why = "COMMAND has a shell string exec does not read each way it may name tbot";
    recordsNothingInASmallHeap(yes, List.of("sh", "-c", script), why);
  }

  /**
   * A line of 80 000 {@code env NAME=v} words (one Linux runs) is not read: longer than exec reads
   * ({@link LineBound#MAX_WORDS}), it records nothing and says why, within a small heap, and tbot
   * runs with every variable set. Red before: the environment exec built for tbot ran a 32 MiB heap
   * out (preview threw an OutOfMemoryError; exec's analytics thread skipped with one).
   */
  @Test
  void aLineLongerThanExecReadsRecordsNothingWithinASmallHeap() throws Exception {
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "anonymous_analytics: true\n");
    Path tbot = ExecRun.script(dir, "tbot", "[ \"$A79999\" = v ] || exit 3\n");
    List<String> line = new ArrayList<>(List.of("env"));
    for (int i = 0; i < 80_000; i++) {
      line.add("A" + i + "=v");
    }
    line.addAll(List.of(tbot.toString(), "start"));
    String why = "COMMAND is longer than exec reads: more than 1024 words";
    recordsNothingInASmallHeap(yes, line, why); // its exit 0: tbot ran, every variable set (else 3)
  }

  /**
   * Long option clusters in front of tbot (a line Linux runs) are read within a small heap: each
   * letter was an option of its own, 128 Ki of them for one cluster and each launcher reading it,
   * and six or seven ran a 32 MiB heap out. Red before: both OutOfMemoryErrors.
   */
  @Test
  void longOptionClustersAreReadWithinASmallHeap() throws Exception {
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "anonymous_analytics: true\n");
    for (String launcher : List.of("env", "sudo")) {
      List<String> line = new ArrayList<>(List.of(launcher));
      line.addAll(java.util.Collections.nCopies(7, "-" + "v".repeat(131_070)));
      line.addAll(List.of("tbot", "start"));
      ChildJvm.Result r = inASmallHeap(List.of("preview", "-c", yes.toString()), line);
      assertEquals(0, r.exitCode(), launcher + ": " + r.stderr().lines().limit(3).toList());
      assertTrue(r.stderr().contains("exec would send it"), launcher + ": " + r.stderr());
    }
  }

  /** tbot-otel run with {@code args}, then '--' and {@code command}, in a 32 MiB heap: a small container's. */
  private static ChildJvm.Result inASmallHeap(List<String> args, List<String> command) throws Exception {
    List<String> all = new ArrayList<>(args);
    all.add("--");
    all.addAll(command);
    return ChildJvm.runJar(List.of("-Xmx32m"), all, ExecRun.env(), RUN);
  }

  /**
   * That preview says exec would record nothing for {@code command}, {@code why}, and that exec,
   * with config {@code yes}, runs it (exit 0), records nothing and says why with --debug, all in a
   * small heap.
   */
  private static void recordsNothingInASmallHeap(Path yes, List<String> command, String why) throws Exception {
    ChildJvm.Result preview = inASmallHeap(List.of("preview", "-c", yes.toString()), command);
    assertEquals(0, preview.exitCode(), preview.stderr());
    assertTrue(preview.stderr().contains("exec would record nothing: " + why), preview.stderr());
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ChildJvm.Result exec = inASmallHeap(List.of("exec", "--debug", "-c", yes.toString(),
          "--anonymous-analytics-endpoint", receiver.url(), "--anonymous-analytics-exit-timeout", "10s"), command);
      assertEquals(0, exec.exitCode(), exec.stderr());
      assertTrue(exec.stderr().contains("tbot-otel debug: nothing recorded: " + why), exec.stderr());
      assertTrue(!exec.stderr().contains("OutOfMemoryError"), exec.stderr());
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void commandThatCannotRunIsOneLineAndAShellsStatus() {
    ExecRun.Result r = ExecRun.run(dir, ExecRun.env(), NO_INPUT, RUN,
        "exec", "--", dir.resolve("no-such-tbot").toString(), "start");
    assertEquals(127, r.exitCode());
    assertEquals(List.of("tbot-otel: cannot run '" + dir.resolve("no-such-tbot")
        + "': No such file or directory; check the path"), r.stderrText().lines().toList());
  }

  @Test
  void theExitBudgetStartsWhenTheChildExitsNotWhenItStarts() throws Exception {
    // The collector answers after 1 s, twice the budget; tbot runs 5 s. The send must have the
    // whole run of tbot to finish: cutting it at the budget from start-up would lose the event.
    Path tbot = ExecRun.script(dir, "tbot", "sleep 5\n");
    try (OtlpReceiver receiver = OtlpReceiver.start().respondAfter(Duration.ofSeconds(1))) {
      ExecRun.Result r = ExecRun.run(dir, ExecRun.env("TELEPORT_ANONYMOUS_TELEMETRY", "1",
              "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()), NO_INPUT, RUN,
          "exec", "--debug", "--anonymous-analytics-exit-timeout", "500ms", "--", tbot.toString(), "start");
      assertEquals(0, r.exitCode(), r.stderrText());
      assertEquals(1, receiver.requests().size());
      assertTrue(r.stderrText().contains(": DELIVERED after"), r.stderrText());
    }
  }

  @Test
  void aHangingCollectorNeitherDelaysTheChildNorHoldsExitPastTheBudget() throws Exception {
    Path started = dir.resolve("started");
    Path tbot = ExecRun.script(dir, "tbot", "echo started > \"" + started + "\"\n");
    long budgetMillis = 4000;
    List<Long> accepted = new CopyOnWriteArrayList<>();
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket collector = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            Socket s = collector.accept(); // read nothing, answer nothing
            accepted.add(System.nanoTime());
            held.add(s);
          }
        } catch (IOException closed) {
          // the test is over
        }
      }, "hanging-collector");
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "http://127.0.0.1:" + collector.getLocalPort() + "/v1/logs";
      try (ExecRun run = ExecRun.start(dir, ExecRun.env("TELEPORT_ANONYMOUS_TELEMETRY", "1"), NO_INPUT,
          "exec", "--anonymous-analytics-endpoint", url,
          "--anonymous-analytics-exit-timeout", budgetMillis + "ms", "--", tbot.toString(), "start")) {
        assertTrue(ExecRun.awaitFile(started, Duration.ofSeconds(30)), "the child ran");
        long childRan = System.nanoTime();
        ExecRun.Result r = run.await(Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), r.stderrText());
        assertTrue(!accepted.isEmpty(), "the send was attempted, so the collector really hung it");
        long childAfterConnect = TimeUnit.NANOSECONDS.toMillis(childRan - accepted.get(0));
        // Had the child waited for delivery it would have run a whole budget after the connection.
        assertTrue(childAfterConnect < budgetMillis / 2,
            "the child ran " + childAfterConnect + " ms after the collector was reached");
        // Bounded: JVM start-up, then at most the budget after the child exits; generous margin.
        assertTrue(r.wall().toMillis() < budgetMillis + 20_000, "exec took " + r.wall());
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  static byte[] allBytes(int repeat) {
    byte[] b = new byte[256 * repeat];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 31 + repeat);
    }
    return b;
  }
}
