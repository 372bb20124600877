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
  static Map<String, Object> jobs;
  /** The deploy job: the one that runs tbot (and gets the OIDC token). */
  static Map<String, Object> job;
  /** The job's environment as written, ${{ }} expressions and all. */
  static Map<String, String> written = new LinkedHashMap<>();
  /** The job's environment as GitHub gives it where no configuration variable is set. */
  static Map<String, String> env = new LinkedHashMap<>();

  @TempDir Path tmp;

  @BeforeAll
  static void parseWorkflow() throws Exception {
    workflow = Examples.documents(WORKFLOW).get(0);
    jobs = Examples.map(Examples.at(workflow, "jobs"), "jobs");
    List<String> runningTbot = jobs.keySet().stream().filter(name -> steps(job(name)).stream()
        .anyMatch(s -> String.valueOf(s.get("run")).contains("tbot start"))).toList();
    assertEquals(1, runningTbot.size(), "one job runs tbot: " + runningTbot);
    job = job(runningTbot.get(0));
    for (String level : new String[] {"env"}) {
      if (workflow.get(level) != null) {
        Examples.map(workflow.get(level), "env").forEach((k, v) -> written.put(k, String.valueOf(v)));
      }
      Examples.map(job.get(level), "job env").forEach((k, v) -> written.put(k, String.valueOf(v)));
    }
    env.putAll(evaluated(written, Map.of()));
    assertEquals("write", Examples.at(job, "permissions.id-token"), "the github join method needs the OIDC token");
  }

  private static final Pattern VARS = Pattern.compile("\\$\\{\\{\\s*vars\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  /**
   * {@code written}'s values as GitHub gives them to a step, its {@code ${{ vars.NAME }}}
   * expressions replaced by the configuration variables {@code vars}, an unset one by nothing.
   */
  static Map<String, String> evaluated(Map<String, String> written, Map<String, String> vars) {
    Map<String, String> out = new LinkedHashMap<>();
    written.forEach((name, value) -> {
      String v = VARS.matcher(value).replaceAll(m -> Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
      assertFalse(v.contains("${{"), name + ": an expression this test does not evaluate: " + value);
      out.put(name, v);
    });
    return out;
  }

  static Map<String, Object> job(String name) {
    return Examples.map(jobs.get(name), "job " + name);
  }

  /** Any id-token permission but none lets the job's steps ask for the token. */
  static boolean getsTheOidcToken(Map<String, Object> job) {
    Object permissions = job.get("permissions");
    if (permissions instanceof String all) {
      return all.equals("write-all") || all.equals("read-all");
    }
    Object idToken = permissions == null ? null : Examples.map(permissions, "permissions").get("id-token");
    return idToken != null && !"none".equals(idToken);
  }

  static List<Map<String, Object>> steps() {
    return steps(job);
  }

  static List<Map<String, Object>> steps(Map<String, Object> job) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object s : Examples.list(job.get("steps"), "steps")) {
      out.add(Examples.map(s, "step"));
    }
    return out;
  }

  /** A build tool run by a step: Maven (or its wrapper) here, Gradle in a copy that switched. */
  static final Pattern BUILD = Pattern.compile("(^|[\\s;&|(])(\\./)?(mvnw?|gradlew?)(\\s|$)", Pattern.MULTILINE);

  static boolean builds(Map<String, Object> job) {
    return steps(job).stream().anyMatch(s -> s.get("run") != null && BUILD.matcher(String.valueOf(s.get("run"))).find());
  }

  /** The one step of {@code job} that uses {@code action} (any version). */
  static Map<String, Object> using(Map<String, Object> job, String action) {
    List<Map<String, Object>> found = steps(job).stream()
        .filter(s -> String.valueOf(s.get("uses")).startsWith(action + "@")).toList();
    assertEquals(1, found.size(), "one step uses " + action + ": " + found);
    return found.get(0);
  }

  /** The job that builds tbot-otel.jar. */
  static String buildJob() {
    List<String> building = jobs.keySet().stream().filter(name -> builds(job(name))).toList();
    assertEquals(1, building.size(), "one job builds tbot-otel.jar: " + building);
    return building.get(0);
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
      Map<String, String> step = new LinkedHashMap<>();
      Examples.map(own, "step env").forEach((k, v) -> step.put(k, String.valueOf(v)));
      out.putAll(evaluated(step, Map.of()));
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
   * The token's permissions are the jobs' own, and only what each needs (the deploy job: the OIDC
   * token for the github join, read-only contents for checkout): the workflow's are empty, so no
   * other job inherits them. checkout leaves no git token in .git/config for later steps to read.
   */
  @Test
  void theJobGetsOnlyThePermissionsItNeedsAndCheckoutKeepsNoToken() throws Exception {
    assertEquals(Map.of(), workflow.get("permissions"), "workflow-level permissions: none (each job asks for its own)");
    assertEquals(Map.of("id-token", "write", "contents", "read"), job.get("permissions"), "the job's permissions");
    for (String name : jobs.keySet()) {
      Map<String, Object> checkout = using(job(name), "actions/checkout");
      assertEquals(false, Examples.at(checkout, "with.persist-credentials"),
          name + "'s checkout keeps the git token in .git/config");
    }
    // Tags can be moved: an action not pinned to a commit comes with the advice to pin it.
    boolean unpinned = jobs.keySet().stream().flatMap(name -> steps(job(name)).stream())
        .map(s -> s.get("uses")).filter(u -> u != null)
        .anyMatch(u -> !String.valueOf(u).matches(".*@[0-9a-f]{40}"));
    assertTrue(!unpinned || Files.readString(WORKFLOW).contains("pin each action to a full commit SHA"),
        "actions on tags, and no advice to pin them to commit SHAs");
  }

  /**
   * Every step of a job with id-token: write can mint the OIDC token, and `mvn package` runs
   * whatever plugins it downloads: the job that joins builds nothing, and needs only a JRE.
   */
  @Test
  void theJobWithTheOidcTokenBuildsNothing() {
    for (String name : jobs.keySet()) {
      if (getsTheOidcToken(job(name))) {
        assertFalse(builds(job(name)), name + " gets the OIDC token and runs a build: " + steps(job(name)));
      }
    }
    // A JDK: the runner image's tool cache holds Temurin JDKs, and a JRE would be downloaded by
    // every run (a failed download a job that cannot fetch its credentials).
    Object java = Examples.map(using(job, "actions/setup-java").get("with"), "setup-java's with").get("java-package");
    assertTrue(java == null || java.equals("jdk"), "the deploy job's Java comes from the runner's tool cache: " + java);
  }

  @Test
  void theBuildRunsInAJobOfItsOwnWithoutTheOidcToken() {
    Map<String, Object> build = job(buildJob());
    assertFalse(getsTheOidcToken(build), "the build job can mint the OIDC token: " + build.get("permissions"));
    assertEquals(Map.of("contents", "read"), build.get("permissions"), "the build job's permissions: checkout only");
  }

  /**
   * The deploy job starts once the build has uploaded the jar (needs), and downloads that artifact
   * (same name), after its checkout (which empties the workspace of a self-hosted runner, and
   * cleans what git does not track). The upload fails the build if the jar is missing, rather
   * than letting deploy fail later on a missing file, and the artifact lives a day or so: only
   * this run's deploy job needs it.
   */
  @Test
  void theDeployJobNeedsTheBuildAndDownloadsTheArtifactItUploads() {
    String buildName = buildJob();
    Object needs = job.get("needs");
    List<Object> needed = needs instanceof List ? Examples.list(needs, "needs") : needs == null ? List.of() : List.of(needs);
    assertTrue(needed.contains(buildName), "the deploy job needs " + buildName + ": " + needs);

    Map<String, Object> upload = using(job(buildName), "actions/upload-artifact");
    assertEquals("error", Examples.at(upload, "with.if-no-files-found"), "a build without the jar fails at the upload");
    Object days = Examples.at(upload, "with.retention-days");
    assertTrue(days instanceof Integer d && d >= 1 && d <= 7, "retention-days, a few at most: " + days);

    Map<String, Object> download = using(job, "actions/download-artifact");
    assertEquals(Examples.at(upload, "with.name"), Examples.at(download, "with.name"), "the artifact downloaded is the one uploaded");
    List<Map<String, Object>> steps = steps();
    assertTrue(steps.indexOf(using(job, "actions/checkout")) < steps.indexOf(download),
        "the download comes after checkout, which would remove it");
  }

  /**
   * upload-artifact roots a single file's artifact at its directory, and download-artifact, given a
   * name, unpacks it into {@code path} (the workspace by default): TBOT_OTEL_JAR must name that
   * file, and the file uploaded must be the CLI jar the build makes (the thin library jar beside
   * it has no Main).
   */
  @Test
  void theJarTheDeployJobRunsIsWhereDownloadArtifactPutsIt() throws Exception {
    Map<String, Object> upload = using(job(buildJob()), "actions/upload-artifact");
    String uploaded = String.valueOf(Examples.at(upload, "with.path")).trim();
    assertTrue(uploaded.matches("[^*?\\[\\]!~\n$]+") && !uploaded.startsWith("/"),
        "the build uploads one file, by a relative path without wildcards: " + uploaded);
    Path built = Examples.root().resolve(uploaded);
    assertTrue(Files.isRegularFile(built), "the build uploads no file it makes: " + built);
    assertEquals(ChildJvm.jar().toRealPath(), built.toRealPath(), "the build uploads the CLI jar");

    Object into = Examples.map(using(job, "actions/download-artifact").get("with"), "download's with").get("path");
    Path landed = Paths.get(into == null ? "." : String.valueOf(into)).resolve(Paths.get(uploaded).getFileName()).normalize();
    assertEquals(landed, Paths.get(env.get("TBOT_OTEL_JAR")).normalize(),
        "TBOT_OTEL_JAR names where download-artifact puts the jar");
  }

  /**
   * tbot's identity goes to a fixed directory (tbot.yaml), which a self-hosted runner keeps after
   * the job: the last step removes every directory tbot writes and every /tmp path a step names,
   * after a failed or cancelled step too (always()), and only where this job made the directory: a
   * job beside it on the same host (another runner, the same user), whose mkdir found it there and
   * failed, would otherwise remove the identity the first job is using.
   */
  @Test
  void theLastStepRemovesWhatTheJobLeavesWhateverHappened() {
    List<Map<String, Object>> steps = steps();
    Map<String, Object> last = steps.get(steps.size() - 1);
    List<String> made = Examples.directories(Examples.parse(readConfig())).stream()
        .filter(path -> path.startsWith("/tmp/")).map(path -> {
          Object id = stepRunning("mkdir -m 0700 " + path).get("id");
          assertTrue(id != null, "the step that makes " + path + " has an id, for the clean-up's condition");
          return " && steps." + id + ".outcome == 'success'";
        }).toList();
    assertEquals("always()" + String.join("", made),
        String.valueOf(last.get("if")).replaceAll("^\\$\\{\\{\\s*|\\s*}}$", ""),
        "the clean-up runs after a failed or cancelled step too, where this job made the directory: " + last);
    Matcher rm = Pattern.compile("^rm -rf( \\S+)+$").matcher(String.valueOf(last.get("run")).trim());
    assertTrue(rm.find(), "the last step is rm -rf PATH...: " + last.get("run"));
    List<String> removed = List.of(String.valueOf(last.get("run")).trim().substring("rm -rf ".length()).split(" "));

    Set<String> left = new TreeSet<>(Examples.directories(Examples.parse(readConfig())));
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

  /**
   * A directory under /tmp that tbot writes is made by an earlier step for the job's user alone,
   * with mkdir, which fails if it exists: on a self-hosted runner shared by users, another could
   * make it first (tbot writes into any directory that is there), and own the identity's files.
   */
  @Test
  void aDirectoryUnderTmpIsMadeForTheJobBeforeTbotWritesIt() {
    List<Map<String, Object>> steps = steps();
    int exec = steps.indexOf(stepRunning(" exec "));
    List<String> underTmp = Examples.directories(Examples.parse(readConfig())).stream()
        .filter(path -> path.startsWith("/tmp/")).toList();
    assertFalse(underTmp.isEmpty(), "tbot.yaml writes the identity under /tmp");
    for (String path : underTmp) {
      String mkdir = "mkdir -m 0700 " + path;
      int made = steps.indexOf(stepRunning(mkdir));
      assertEquals(mkdir, String.valueOf(steps.get(made).get("run")).trim(), "the step makes it and does nothing else");
      assertTrue(made < exec, path + " is made before tbot runs");
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
    // The step runs the jar the build job uploads, as TBOT_OTEL_JAR (theJarTheDeployJobRunsIsWhere
    // DownloadArtifactPutsIt): the CLI jar, which is what it runs here.
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
          assertTrue(lines.get(0).startsWith("tbot-otel: Anonymous usage analytics is on (TELEPORT_ANONYMOUS_TELEMETRY says yes): "), err);
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

  /**
   * The README's opt-out across an organisation, as the workflow maps it: an organisation variable
   * DO_NOT_TRACK=1 is a no, and a self-hosted runner's own DO_NOT_TRACK=1 stays a no where the
   * organisation sets none; a no from either stands against the other's 0. Red with the variable
   * mapped as DO_NOT_TRACK itself (unset, it expanded to empty, which replaced the runner's no and
   * sent), and with the runner's value preferred (its 0 hid the organisation's no). Both java
   * steps take it alike.
   */
  @Test
  void aRunnersNoAndAnOrganisationsNoEachTurnAnalyticsOff() throws Exception {
    String preview = runOf("\"$TBOT_OTEL_JAR\" preview");
    String exec = runOf("\"$TBOT_OTEL_JAR\" exec");
    assertEquals(preview.substring(0, preview.indexOf("java ")), exec.substring(0, exec.indexOf("java ")),
        "the preview and exec steps read the opt-out alike");
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    // {runner's environment, organisation variables} -> sends?
    List<Object[]> runs = List.of(
        new Object[] {Map.of(), Map.of(), true},
        new Object[] {Map.of(), Map.of("DO_NOT_TRACK", "1"), false},
        new Object[] {Map.of("DO_NOT_TRACK", "1"), Map.of(), false},
        new Object[] {Map.of("DO_NOT_TRACK", "1"), Map.of("DO_NOT_TRACK", "1"), false},
        // A runner's 0 or false is no vote: it must not hide the organisation's no, nor its no
        // an organisation's 0.
        new Object[] {Map.of("DO_NOT_TRACK", "0"), Map.of("DO_NOT_TRACK", "1"), false},
        new Object[] {Map.of("DO_NOT_TRACK", "false"), Map.of("DO_NOT_TRACK", "yes"), false},
        new Object[] {Map.of("DO_NOT_TRACK", "1"), Map.of("DO_NOT_TRACK", "0"), false},
        new Object[] {Map.of(), Map.of("DO_NOT_TRACK", "FALSE"), true});
    List<String> wrong = new ArrayList<>();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      for (Object[] run : runs) {
        @SuppressWarnings("unchecked") Map<String, String> runner = (Map<String, String>) run[0];
        @SuppressWarnings("unchecked") Map<String, String> vars = (Map<String, String>) run[1];
        Map<String, String> stepEnv = new HashMap<>(runner); // the runner's own, under the workflow's
        stepEnv.putAll(evaluated(written, vars));
        int status = runStep(preview, stepEnv, bin, receiver.url());
        String err = Files.readString(tmp.resolve("err"));
        assertEquals(0, status, err);
        if (err.contains("would send it to ") != (Boolean) run[2]) {
          wrong.add("runner " + runner + ", organisation " + vars + ": " + err.strip());
        }
      }
      assertEquals(0, receiver.requests().size(), "preview sends nothing");
    }
    assertEquals(List.of(), wrong);
  }

  /** The preview step only reports: a mistake it finds must not stop the job before tbot runs. */
  @Test
  void thePreviewStepCannotFailTheJob() throws Exception {
    Map<String, Object> step = stepRunning("\"$TBOT_OTEL_JAR\" preview");
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    int status = runStep(String.valueOf(step.get("run")), envOf("\"$TBOT_OTEL_JAR\" preview"), bin, "collector:4318");
    assertTrue(status != 0, "preview reports a bad address: " + Files.readString(tmp.resolve("err")));
    assertEquals(true, step.get("continue-on-error"), "the preview step's failure is not the job's: " + step);
  }
}
