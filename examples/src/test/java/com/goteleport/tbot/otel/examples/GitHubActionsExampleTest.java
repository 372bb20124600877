package com.goteleport.tbot.otel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/github-actions: the workflow's exec step, run as written (bash, the workflow's
 * environment, a stand-in tbot on PATH) against a loopback receiver, sends the event the workflow
 * promises: one-shot, the action's helper and version, from the tbot config it uses.
 */
class GitHubActionsExampleTest {

  static final Path WORKFLOW = Examples.dir().resolve("github-actions/tbot-otel.yml");

  static Map<String, Object> workflow;
  static Map<String, Object> job;
  static Map<String, String> env = new LinkedHashMap<>();

  @TempDir Path tmp;

  @BeforeAll
  static void parseWorkflow() throws Exception {
    workflow = Examples.documents(WORKFLOW).get(0);
    Map<String, Object> jobs = Examples.map(Examples.at(workflow, "jobs"), "jobs");
    assertEquals(1, jobs.size(), "one job");
    job = Examples.map(jobs.values().iterator().next(), "the job");
    for (String level : new String[] {"env"}) {
      if (workflow.get(level) != null) {
        Examples.map(workflow.get(level), "env").forEach((k, v) -> env.put(k, String.valueOf(v)));
      }
      Examples.map(job.get(level), "job env").forEach((k, v) -> env.put(k, String.valueOf(v)));
    }
    assertEquals("write", Examples.at(job, "permissions.id-token"), "the github join method needs the OIDC token");
  }

  static List<Map<String, Object>> steps() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object s : Examples.list(job.get("steps"), "steps")) {
      out.add(Examples.map(s, "step"));
    }
    return out;
  }

  static String runOf(String needle) {
    return String.valueOf(stepRunning(needle).get("run"));
  }

  static Map<String, Object> stepRunning(String needle) {
    for (Map<String, Object> step : steps()) {
      Object run = step.get("run");
      if (run != null && String.valueOf(run).contains(needle)) {
        return step;
      }
    }
    throw new AssertionError("no step runs '" + needle + "'");
  }

  /** The environment GitHub gives the step running {@code needle}: workflow, job, then the step's own. */
  static Map<String, String> envOf(String needle) {
    Map<String, String> out = new LinkedHashMap<>(env);
    Object own = stepRunning(needle).get("env");
    if (own != null) {
      Examples.map(own, "step env").forEach((k, v) -> out.put(k, String.valueOf(v)));
    }
    return out;
  }

  @Test
  void theWorkflowSetsWhatTheActionSets() {
    assertEquals("gha:teleport-actions/auth", env.get("_TBOT_TELEMETRY_HELPER"));
    assertTrue(env.get("_TBOT_TELEMETRY_HELPER_VERSION").matches("\\d+\\.\\d+\\.\\d+"), env.toString());
    assertEquals("1", env.get("TELEPORT_ANONYMOUS_TELEMETRY"), "opted in, as anonymous-telemetry: 1 does");
    Map<String, Object> setup = steps().stream()
        .filter(s -> String.valueOf(s.get("uses")).startsWith("teleport-actions/setup@"))
        .findFirst().orElseThrow(() -> new AssertionError("tbot is installed by teleport-actions/setup"));
    // exec cannot tell which tbot it runs: the version it reports must be the one installed.
    assertEquals("${{ env.TELEPORT_VERSION }}", Examples.at(setup, "with.version"), "setup installs TELEPORT_VERSION");
    assertTrue(runOf("\"$TBOT_OTEL_JAR\" exec").contains("--tbot-version \"$TELEPORT_VERSION\""),
        "exec reports the installed version");
    Map<String, Object> config = Examples.parse(readConfig());
    assertEquals(true, config.get("oneshot"));
    assertEquals("github", Examples.at(config, "onboarding.join_method"));
    assertTrue(!config.containsKey("anonymous_analytics"),
        "today's tbot rejects unknown keys in a v2 config: consent comes from the environment");
  }

  /**
   * The token's permissions are the job's, and only what it needs (the OIDC token for the github
   * join, read-only contents for checkout): the workflow's are empty, so no other job inherits
   * them. checkout leaves no git token in .git/config for later steps to read.
   */
  @Test
  void theJobGetsOnlyThePermissionsItNeedsAndCheckoutKeepsNoToken() throws Exception {
    assertEquals(Map.of(), workflow.get("permissions"), "workflow-level permissions: none (each job asks for its own)");
    assertEquals(Map.of("id-token", "write", "contents", "read"), job.get("permissions"), "the job's permissions");
    Map<String, Object> checkout = steps().stream()
        .filter(s -> String.valueOf(s.get("uses")).startsWith("actions/checkout@"))
        .findFirst().orElseThrow(() -> new AssertionError("no actions/checkout step"));
    assertEquals(false, Examples.at(checkout, "with.persist-credentials"), "checkout keeps the git token in .git/config");
    // Tags can be moved: an action not pinned to a commit comes with the advice to pin it.
    boolean unpinned = steps().stream().map(s -> s.get("uses")).filter(u -> u != null)
        .anyMatch(u -> !String.valueOf(u).matches(".*@[0-9a-f]{40}"));
    assertTrue(!unpinned || Files.readString(WORKFLOW).contains("pin each action to a full commit SHA"),
        "actions on tags, and no advice to pin them to commit SHAs");
  }

  /**
   * tbot's identity goes to a fixed directory (tbot.yaml), which a self-hosted runner keeps after
   * the job: the last step, run whatever happened before (always()), removes every directory tbot
   * writes and every /tmp path a step names.
   */
  @Test
  void theLastStepRemovesWhatTheJobLeavesWhateverHappened() {
    List<Map<String, Object>> steps = steps();
    Map<String, Object> last = steps.get(steps.size() - 1);
    assertEquals("always()", String.valueOf(last.get("if")).replaceAll("^\\$\\{\\{\\s*|\\s*}}$", ""),
        "the clean-up runs after a failed or cancelled step too: " + last);
    Matcher rm = Pattern.compile("^rm -rf( \\S+)+$").matcher(String.valueOf(last.get("run")).trim());
    assertTrue(rm.find(), "the last step is rm -rf PATH...: " + last.get("run"));
    List<String> removed = List.of(String.valueOf(last.get("run")).trim().substring("rm -rf ".length()).split(" "));

    Set<String> left = new TreeSet<>();
    Map<String, Object> config = Examples.parse(readConfig());
    List<Object> dirs = new ArrayList<>();
    for (Object o : Examples.list(config.get("outputs"), "outputs")) {
      dirs.add(Examples.map(o, "output").get("destination"));
    }
    dirs.add(config.get("storage"));
    for (Object d : dirs) {
      Map<String, Object> dir = Examples.map(d, "destination");
      if ("directory".equals(dir.get("type"))) {
        left.add(String.valueOf(dir.get("path")));
      }
    }
    assertFalse(left.isEmpty(), "tbot writes its identity to a directory");
    for (Map<String, Object> step : steps) {
      Matcher tmpPath = Pattern.compile("/tmp/[^/\\s\"']+").matcher(String.valueOf(step.get("run")));
      while (tmpPath.find()) {
        left.add(tmpPath.group());
      }
    }
    for (String path : left) {
      assertTrue(removed.stream().anyMatch(r -> path.equals(r) || path.startsWith(r + "/")),
          path + " stays on a self-hosted runner after the job; the last step removes " + removed);
    }
  }

  /** tbot.yaml is read by today's Go tbot, which stops at any v2 key it does not know. */
  @Test
  void todaysTbotAcceptsEveryKeyOfTheConfig() {
    Map<String, Object> config = Examples.parse(readConfig());
    assertEquals("v2", config.get("version"));
    Set<String> unknown = new TreeSet<>(config.keySet());
    unknown.removeAll(KubernetesExampleTest.GO_TBOT_V2_KEYS);
    assertEquals(Set.of(), unknown, "keys today's tbot would reject");
  }

  static String readConfig() {
    try {
      return Files.readString(configPath());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The config the exec step hands tbot, relative to the checkout (the repository root). */
  static Path configPath() {
    Matcher m = Pattern.compile("tbot start -c (\\S+)").matcher(runOf("tbot start -c"));
    assertTrue(m.find(), "the exec step runs tbot start -c FILE");
    Path p = Examples.root().resolve(m.group(1));
    assertTrue(Files.isRegularFile(p), p + " exists");
    return p;
  }

  @Test
  void theExecStepSendsTheEventTheWorkflowPromises() throws Exception {
    String run = runOf("\"$TBOT_OTEL_JAR\" exec");
    Map<String, String> env = envOf("\"$TBOT_OTEL_JAR\" exec");
    Path seen = tmp.resolve("seen");
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    // A real one-shot run joins the cluster and fetches certificates over the network, seconds in
    // CI: exec sends beside it. A stand-in that exited at once, or after a fixed time, could leave
    // the send only exec's 500 ms exit budget from a cold JVM, which a loaded machine does not
    // always meet: this one runs until the event has arrived (10 s at most).
    Path tbot = Files.writeString(bin.resolve("tbot"), "#!/bin/sh\n" + untilArrived()
        + "echo \"$* TELEPORT_ANONYMOUS_TELEMETRY=${TELEPORT_ANONYMOUS_TELEMETRY-unset}\" > \"" + seen + "\"\n");
    Files.setPosixFilePermissions(tbot, PosixFilePermissions.fromString("rwx------"));
    // The step runs the jar the workflow names from the checkout's root: the CLI jar the build makes
    // (the thin library jar beside it has no Main), which is what it runs here.
    Path named = Examples.root().resolve(env.get("TBOT_OTEL_JAR"));
    assertTrue(Files.isRegularFile(named), "TBOT_OTEL_JAR names no file the build makes: " + named);
    assertEquals(ChildJvm.jar().toRealPath(), named.toRealPath(), "TBOT_OTEL_JAR is the CLI jar");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      noteArrival(receiver);
      int status = runStep(run, env, bin, receiver.url());
      String err = Files.readString(tmp.resolve("err"));
      assertEquals(0, status, err);
      assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size(), err);
      LogRecord record = receiver.requests().get(0).decode().getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
      Map<String, Object> want = Examples.event("one-shot", env.get("TELEPORT_VERSION"), "github", 1, 0, 0, 0);
      want.put("helper", "gha:teleport-actions/auth");
      want.put("helper_version", env.get("_TBOT_TELEMETRY_HELPER_VERSION"));
      assertEquals(want, Examples.attributes(record));
      assertEquals("start -c " + Examples.root().relativize(configPath()) + " TELEPORT_ANONYMOUS_TELEMETRY=0",
          Files.readString(seen).trim(), "tbot ran with the workflow's arguments, its own telemetry handed over");
    }
  }

  /**
   * The step's comment: exec passes tbot's output and exit status through. A tbot that fails after
   * its first second (counted) fails the step with tbot's status, and the step's log is tbot's
   * output and, with consent, the one notice line; without consent, tbot's output alone.
   */
  @Test
  void theExecStepFailsWithTbotsStatusAndLogsOnlyTbotsOutputAndTheNotice() throws Exception {
    String run = runOf("\"$TBOT_OTEL_JAR\" exec");
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    Path tbot = Files.writeString(bin.resolve("tbot"),
        // Past exec's first second (counted), then on until the event has arrived (10 s at most; at
        // once from the second run on): exec's 500 ms exit budget is not what a loaded machine meets.
        "#!/bin/sh\necho tbot-out\necho tbot-err >&2\nsleep 2.5\n" + untilArrived() + "exit 3\n");
    Files.setPosixFilePermissions(tbot, PosixFilePermissions.fromString("rwx------"));
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      noteArrival(receiver);
      for (boolean consent : new boolean[] {true, false}) {
        Map<String, String> stepEnv = new HashMap<>(envOf("\"$TBOT_OTEL_JAR\" exec"));
        if (!consent) {
          stepEnv.remove("TELEPORT_ANONYMOUS_TELEMETRY");
        }
        int status = runStep(run, stepEnv, bin, receiver.url());
        String err = Files.readString(tmp.resolve("err"));
        assertEquals(3, status, "the step fails with tbot's status; consent " + consent + ": " + err);
        assertEquals("tbot-out\n", Files.readString(tmp.resolve("out")), "stdout is tbot's");
        List<String> lines = new ArrayList<>(List.of(err.split("\n")));
        assertTrue(lines.remove("tbot-err"), err);
        if (consent) {
          assertEquals(1, lines.size(), "one notice line: " + err);
          assertTrue(lines.get(0).startsWith("tbot-otel: Anonymous usage analytics is on: "), err);
        } else {
          assertEquals(List.of(), lines, "without consent, nothing about analytics");
        }
      }
      assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size(), "the start counted, with consent only");
    }
  }

  /** Shell lines that wait until {@link #noteArrival}'s file exists, 10 s at most. */
  private String untilArrived() {
    return "w=0\nwhile [ ! -e \"" + tmp.resolve("arrived") + "\" ] && [ $w -lt 100 ]; do sleep 0.1; w=$((w+1)); done\n";
  }

  /** Creates the file {@link #untilArrived} waits for once {@code receiver} has a request (20 s at most). */
  private void noteArrival(OtlpReceiver receiver) {
    Path arrived = tmp.resolve("arrived");
    Thread watcher = new Thread(() -> {
      try {
        if (!receiver.await(1, Duration.ofSeconds(20)).isEmpty()) {
          Files.createFile(arrived);
        }
      } catch (Exception e) {
        // no file: the stand-in ends after its 10 s, and the test's own check says what arrived
      }
    }, "arrival");
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * Runs a workflow step's {@code run} as the runner does ({@code bash -e -c}, from the checkout's
   * root) in {@code env}, with the test's jar as {@code TBOT_OTEL_JAR}, the stand-in tbot of
   * {@code bin} on the PATH and the event sent to {@code receiverUrl}; returns its exit status,
   * its stdout and stderr in tmp's {@code out} and {@code err}.
   */
  int runStep(String run, Map<String, String> env, Path bin, String receiverUrl) throws Exception {
    Map<String, String> stepEnv = new HashMap<>(env);
    stepEnv.put("TBOT_OTEL_JAR", ChildJvm.jar().toAbsolutePath().toString());
    stepEnv.put("PATH", bin + ":" + Paths.get(ChildJvm.javaBinary()).getParent() + ":/usr/bin:/bin");
    stepEnv.put("LANG", "C.UTF-8");
    // The one change to the workflow's environment: the event goes to loopback, not Teleport.
    stepEnv.put("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiverUrl);
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-c", run)
        .directory(Examples.root().toFile())
        .redirectOutput(tmp.resolve("out").toFile())
        .redirectError(tmp.resolve("err").toFile());
    pb.environment().clear();
    pb.environment().putAll(stepEnv);
    Process p = pb.start();
    try {
      assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the step finished");
    } finally {
      p.destroyForcibly();
    }
    return p.exitValue();
  }

  /**
   * A step's arguments after {@code "$TBOT_OTEL_JAR" VERB}, as bash would pass them here: the
   * version variable expanded, paths under examples/ made absolute.
   */
  static List<String> argsAfter(String verb, Map<String, String> env) {
    String step = "\"$TBOT_OTEL_JAR\" " + verb;
    Matcher m = Pattern.compile(Pattern.quote(step) + " (.*)$").matcher(runOf(step).trim());
    assertTrue(m.find(), "the step runs \"$TBOT_OTEL_JAR\" " + verb + " ARGS");
    List<String> args = new ArrayList<>();
    for (String a : m.group(1).split(" ")) {
      String v = a.replace("\"$TELEPORT_VERSION\"", env.get("TELEPORT_VERSION"));
      args.add(v.startsWith("examples/") ? Examples.root().resolve(v).toString() : v);
    }
    return args;
  }

  /**
   * The README's opt-out: delete the TELEPORT_ANONYMOUS_TELEMETRY line and nothing is sent. The
   * exec step's own command line, read by preview (which runs nothing and, given what follows
   * '--', reports what exec would do): sent with the workflow's environment, and with that one
   * variable gone, nothing. A flag or key that opted in on its own would break the promise.
   */
  @Test
  void withoutTheConsentLineTheExecStepSendsNothing() throws Exception {
    Map<String, String> env = envOf("\"$TBOT_OTEL_JAR\" exec");
    List<String> args = argsAfter("exec", env);
    Examples.Preview optedIn = Examples.preview(env, args);
    assertTrue(optedIn.wouldSend(), optedIn.stderr());
    assertEquals("one-shot", optedIn.attributes().get("run_mode"), "exec reads the command after '--'");

    assertEquals("1", env.remove("TELEPORT_ANONYMOUS_TELEMETRY"));
    Examples.Preview without = Examples.preview(env, args);
    assertFalse(without.wouldSend(), "the consent line deleted, yet: " + without.stderr());
  }

  /**
   * The preview step names the tbot version, as exec does: without it preview, read as exec, would
   * report {@code unknown}. cli.md's Precedence says which forms report {@code unknown} (all: none
   * reports tbot-otel's own version, which is no tbot's); each form it names is run here as its
   * preview ({@code start} and {@code preview} alone as {@code preview -c}, {@code exec} and
   * {@code preview -- COMMAND} as the preview step's line); a bare {@code `preview`} claims both of
   * preview's forms.
   */
  @Test
  void withoutTbotVersionThePreviewStepReportsWhatCliMdSays() throws Exception {
    Map<String, String> env = envOf("\"$TBOT_OTEL_JAR\" preview");
    List<String> step = argsAfter("preview", env);
    int flag = step.indexOf("--tbot-version");
    assertTrue(flag >= 0, "the preview step gives --tbot-version, as the exec step does");
    List<String> command = new ArrayList<>(step);
    command.subList(flag, flag + 2).clear();
    List<String> alone = List.of("-c", command.get(command.size() - 1));

    String doc = Files.readString(Examples.root().resolve("docs/cli.md"));
    int at = doc.indexOf("- **`version`:**");
    assertTrue(at >= 0, "cli.md's Precedence has a version bullet");
    String bullet = doc.substring(at, doc.indexOf("\n\n", at)).replaceAll("\\s+", " ");
    assertFalse(bullet.contains("own version ("), "no form reports tbot-otel's own version: " + bullet);
    Matcher unknown = Pattern.compile("`unknown` \\(([^)]*)\\)").matcher(bullet);
    assertTrue(unknown.find(), bullet);
    List<String> wrong = new ArrayList<>();
    Matcher form = Pattern.compile("`([^`]+)`( without a command)?").matcher(unknown.group(1));
    int forms = 0;
    while (form.find()) {
      forms++;
      boolean commandForm = form.group(1).equals("exec") || form.group(1).startsWith("preview --");
      List<List<String>> runs = new ArrayList<>();
      if (!commandForm) {
        runs.add(alone);
      }
      if (commandForm || (form.group(1).equals("preview") && form.group(2) == null)) {
        runs.add(command);
      }
      for (List<String> args : runs) {
        Object version = Examples.preview(env, args).attributes().get("version");
        if (!"unknown".equals(version)) {
          wrong.add(form.group() + ": preview " + args + " reports " + version);
        }
      }
    }
    assertTrue(forms >= 4, "cli.md names the commands that report unknown in backticks: " + bullet);
    assertEquals(List.of(), wrong, "cli.md, Precedence: " + bullet);
  }

  @Test
  void thePreviewStepShowsTheSameEvent() throws Exception {
    Map<String, String> env = envOf("\"$TBOT_OTEL_JAR\" preview");
    List<String> args = argsAfter("preview", env);
    // As exec's notice says: the exec step's line, with preview for exec.
    assertEquals(argsAfter("exec", envOf("\"$TBOT_OTEL_JAR\" exec")), args, "the preview step's line");
    Examples.Preview preview = Examples.preview(env, args);
    Map<String, Object> want = Examples.event("one-shot", env.get("TELEPORT_VERSION"), "github", 1, 0, 0, 0);
    want.put("helper", "gha:teleport-actions/auth");
    want.put("helper_version", env.get("_TBOT_TELEMETRY_HELPER_VERSION"));
    assertEquals(want, preview.attributes());
    assertTrue(preview.wouldSend(), preview.stderr());
    assertEquals("https://anonymous-analytics.teleport.sh/v1/logs", preview.endpoint().toString());
  }
}
