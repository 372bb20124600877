package com.goteleport.tbot.otel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/vm: the systemd unit, read as systemd reads it, and its ExecStart run as written (the
 * JRE, the jar, tbot and its config moved to where they are here; tbot a stand-in) in the unit's
 * environment against a loopback receiver: the event it promises arrives once; ExecReload reaches
 * tbot, which keeps running; a stop as systemd's is an exit status the unit counts as success.
 * Not checked with systemd-analyze, which a CI machine may not have.
 */
class VmExampleTest {

  static final Path DIR = Examples.dir().resolve("vm");
  static final Path UNIT = DIR.resolve("tbot-otel.service");
  // Where the unit expects things on the VM, and what the test puts there instead.
  static final String JAVA = "/usr/bin/java";
  static final String JAR = "/opt/tbot-otel/tbot-otel.jar";
  static final String TBOT = "/usr/local/bin/tbot";
  static final String CONFIG = "/etc/tbot.yaml";
  // The PATH systemd gives a system service.
  static final String SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** Section, then key, then each value in order (Environment= may be given more than once). */
  static Map<String, Map<String, List<String>>> unit;

  @TempDir Path tmp;

  @BeforeAll
  static void parseTheUnit() throws IOException {
    unit = parseUnit(Files.readString(UNIT, StandardCharsets.UTF_8));
    assertEquals(Set.of("Unit", "Service", "Install"), unit.keySet(), "the unit's sections");
  }

  /**
   * A unit file as systemd reads it: {@code [Section]} headers, {@code Key=Value} (spaces around
   * both trimmed), {@code #} and {@code ;} comment lines, and a line ending in a backslash joined to
   * the next with a space.
   */
  static Map<String, Map<String, List<String>>> parseUnit(String text) {
    Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
    String section = null;
    StringBuilder pending = new StringBuilder();
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (pending.length() == 0 && (line.isEmpty() || line.startsWith("#") || line.startsWith(";"))) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      line = pending.append(line).toString().strip();
      pending.setLength(0);
      if (line.startsWith("[")) {
        assertTrue(line.endsWith("]"), "a section header: " + line);
        section = line.substring(1, line.length() - 1);
        assertFalse(out.containsKey(section), "section " + section + " twice");
        out.put(section, new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      assertTrue(section != null && eq > 0, "Key=Value in a section: " + line);
      out.get(section).computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
          .add(line.substring(eq + 1).strip());
    }
    assertEquals(0, pending.length(), "the last line continues nowhere");
    return out;
  }

  /**
   * A value split into words as systemd splits ExecStart= and Environment=: on spaces, with
   * double or single quotes around a word (or part of one) and a backslash escaping the next
   * character.
   */
  static List<String> words(String value) {
    List<String> out = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (word != null) {
          out.add(word.toString());
          word = null;
        }
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      if (c == '\\' && i + 1 < value.length()) {
        word.append(value.charAt(++i));
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else {
        word.append(c);
      }
    }
    assertEquals(0, quote, "an unclosed quote: " + value);
    if (word != null) {
      out.add(word.toString());
    }
    return out;
  }

  static String one(String section, String key) {
    List<String> values = unit.getOrDefault(section, Map.of()).get(key);
    assertTrue(values != null && values.size() == 1, "[" + section + "] " + key + "= once: " + values);
    return values.get(0);
  }

  /** The environment the unit's Environment= lines give, in order (a later one wins). */
  static Map<String, String> environment(List<String> lines) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : lines) {
      for (String assignment : words(line)) {
        int eq = assignment.indexOf('=');
        assertTrue(eq > 0, "NAME=value: " + assignment);
        env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
      }
    }
    return env;
  }

  static Map<String, String> unitEnv() {
    return environment(unit.get("Service").getOrDefault("Environment", List.of()));
  }

  /** ExecStart's words; systemd would expand {@code $VAR} and {@code %} specifiers, which it has none of. */
  static List<String> execStart() {
    String line = one("Service", "ExecStart");
    assertFalse(line.contains("$") || line.contains("%"), "nothing for systemd to expand: " + line);
    return words(line);
  }

  static int indexOf(List<String> words, String word) {
    int at = words.indexOf(word);
    assertTrue(at >= 0 && words.lastIndexOf(word) == at, "'" + word + "' once in " + words);
    return at;
  }

  /** The exit statuses systemd takes as a clean exit of the main process: 0 and SuccessExitStatus=. */
  static Set<Integer> successStatuses() {
    Set<Integer> ok = new TreeSet<>(Set.of(0));
    for (String value : unit.get("Service").getOrDefault("SuccessExitStatus", List.of())) {
      for (String w : words(value)) {
        if (w.matches("\\d+")) {
          ok.add(Integer.parseInt(w)); // signal names (SIGTERM) are deaths by signal, not statuses
        }
      }
    }
    return ok;
  }

  /** What `tbot install systemd` writes (Teleport's tool/tbot/systemd.tmpl), where exec changes nothing. */
  @Test
  void theUnitKeepsWhatTbotsOwnUnitSets() {
    Map<String, String> want = new LinkedHashMap<>();
    want.put("Type", "simple");
    want.put("User", "teleport");
    want.put("Group", "teleport");
    want.put("Restart", "always");
    want.put("RestartSec", "5");
    want.put("ExecReload", "/bin/kill -HUP $MAINPID");
    want.put("LimitNOFILE", "524288");
    Map<String, String> got = new LinkedHashMap<>();
    want.keySet().forEach(k -> got.put(k, one("Service", k)));
    assertEquals(want, got);
    assertEquals("multi-user.target", one("Install", "WantedBy"));
    assertEquals(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), unitEnv(), "opted in, as tbot's own unit with --anonymous-telemetry");
    assertEquals("mixed", one("Service", "KillMode"), "stop's SIGTERM to exec alone, which passes it on");
  }

  /**
   * tbot's own unit has no hardening; this one adds what no tbot config can need (systemd-analyze
   * security: 9.2 UNSAFE without, 4.6 OK with), and nothing that would break a config that works
   * under tbot's unit: device access stays open (the tpm join method opens /dev/tpmrm0;
   * ProtectClock= implies DeviceAllow=, which closes every other device), and the JVM may still
   * compile (MemoryDenyWriteExecute= refuses its code cache).
   */
  @Test
  void theUnitIsHardenedAsFarAsAnyTbotConfigAllows() {
    Map<String, String> want = new LinkedHashMap<>();
    for (String key : List.of("NoNewPrivileges", "RestrictSUIDSGID", "LockPersonality", "RestrictRealtime",
        "RestrictNamespaces", "ProtectKernelTunables", "ProtectKernelModules", "ProtectKernelLogs",
        "ProtectControlGroups", "ProtectHostname")) {
      want.put(key, "yes");
    }
    want.put("CapabilityBoundingSet", "");
    want.put("SystemCallArchitectures", "native");
    Map<String, String> got = new LinkedHashMap<>();
    want.keySet().forEach(k -> got.put(k, unit.get("Service").containsKey(k) ? one("Service", k) : null));
    assertEquals(want, got);
    for (String breaks : List.of("PrivateDevices", "ProtectClock", "DeviceAllow", "DevicePolicy", "MemoryDenyWriteExecute")) {
      assertFalse(unit.get("Service").containsKey(breaks), breaks + "= breaks the tpm join method or the JVM");
    }
  }

  /**
   * The JVM's caps are the Kubernetes image's: one source of truth, which KubernetesExampleTest
   * checks sends the event under exactly these options.
   */
  @Test
  void theJvmOptionsAreTheKubernetesImages() throws Exception {
    List<String> entrypoint = KubernetesExampleTest.entrypoint();
    List<String> image = entrypoint.subList(1, entrypoint.indexOf("-jar"));
    List<String> line = execStart();
    assertEquals(JAVA, line.get(0), "Debian's and Ubuntu's java");
    assertEquals(image, line.subList(1, indexOf(line, "-jar")), "the JVM options of examples/kubernetes/Dockerfile");
    assertEquals(JAR, line.get(indexOf(line, "-jar") + 1));
  }

  /**
   * No PIDFile=: systemd reads it again after each reload and would take the pid in it, tbot's,
   * as the main process; nor --pid-file, whose file would name tbot. The unit says why.
   */
  @Test
  void theMainProcessIsTheJvmNoPidFileNamesTbot() throws Exception {
    assertFalse(unit.get("Service").containsKey("PIDFile"), "PIDFile= would make tbot the main process after a reload");
    assertTrue(execStart().stream().noneMatch(w -> w.startsWith("--pid-file")), "tbot's pid file would name tbot");
    assertTrue(Files.readString(UNIT).contains("# No PIDFile="), "the unit's comment says why there is none");
  }

  @Test
  void theReadmesVmBulletLinksTheExample() throws Exception {
    String readme = Files.readString(Examples.root().resolve("README.md"));
    int at = readme.indexOf("on a VM.**");
    assertTrue(at >= 0, "README.md has the Kubernetes-or-VM bullet");
    String bullet = readme.substring(at, readme.indexOf("\n- ", at));
    assertTrue(bullet.contains("](examples/vm/)"), "the VM bullet links examples/vm/: " + bullet);
  }

  /** tbot.yaml is what today's Go tbot reads, which stops at any v2 key it does not know. */
  @Test
  void todaysTbotAcceptsEveryKeyOfTheConfig() throws Exception {
    Map<String, Object> config = Examples.documents(DIR.resolve("tbot.yaml")).get(0);
    assertEquals("v2", config.get("version"));
    Set<String> unknown = new TreeSet<>(config.keySet());
    unknown.removeAll(KubernetesExampleTest.GO_TBOT_V2_KEYS);
    assertEquals(Set.of(), unknown, "keys today's tbot would reject");
    assertFalse(Boolean.TRUE.equals(config.get("oneshot")), "a service runs tbot continuously");
  }

  /**
   * The unit runs tbot as its User= with no capability, and tbot makes a directory its config names
   * only where that user may (Teleport's lib/tbot/config: os.MkdirAll, then "does not have
   * permission"): under /var/lib or /opt it would fail at every start. The README's install block
   * makes each one the config names, the storage's and every directory output's, owned by that user.
   */
  @Test
  void theReadmesInstallMakesEveryDirectoryTheConfigNamesTheUnitsUsers() throws Exception {
    Map<String, Object> config = Examples.documents(DIR.resolve("tbot.yaml")).get(0);
    Set<String> named = Examples.directories(config);
    assertFalse(named.isEmpty(), "the example's config names directories: " + config);
    String user = one("Service", "User");
    Set<String> made = new TreeSet<>();
    Matcher install = Pattern.compile("(?m)^sudo install -d -o (\\S+) -g (\\S+) -m 0[0-7]00 (.+)$")
        .matcher(Files.readString(DIR.resolve("README.md")));
    while (install.find()) {
      assertEquals(List.of(user, one("Service", "Group")), List.of(install.group(1), install.group(2)),
          "owned by the unit's User= and Group=: " + install.group());
      made.addAll(List.of(install.group(3).trim().split("\\s+")));
    }
    assertEquals(named, made, "the README's install makes the directories examples/vm/tbot.yaml names");
  }

  /** The journal names tbot's lines tbot, as under tbot's own unit, not java (the program this unit starts). */
  @Test
  void theJournalNamesTheLinesTbot() {
    assertEquals(Path.of(TBOT).getFileName().toString(), one("Service", "SyslogIdentifier"));
  }

  /**
   * An in-place JDK upgrade (unattended-upgrades; dpkg renames each new file into place) leaves a
   * running JVM a lib/jspawnhelper it cannot start processes with (a helper of another version
   * refuses it, JDK-8325621; a helper that fails stands in for it here), and exec passes a SIGHUP
   * on by starting /bin/kill: with the unit's -Djdk.lang.Process.launchMechanism=FORK, no helper is
   * used and `systemctl reload` still reaches tbot. Red without the option: tbot never saw the
   * SIGHUP (--debug: "Failed to exec spawn helper"), and systemctl said the reload worked.
   */
  @Test
  void aReloadStillReachesTbotAfterTheJdkIsReplacedUnderIt() throws Exception {
    // The test's JDK, hard-linked file by file (or, where any link cannot be made, copied whole:
    // another file system, a root-owned JDK under protected_hardlinks), so that its helper can be
    // replaced in the copy alone.
    Path jdk = tmp.resolve("jdk");
    String home = System.getProperty("java.home");
    if (new ProcessBuilder("cp", "-al", home, jdk.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() != 0) {
      new ProcessBuilder("rm", "-rf", jdk.toString()).start().waitFor();
      assertEquals(0, new ProcessBuilder("cp", "-a", home, jdk.toString()).inheritIO().start().waitFor(), "copied");
    }
    Path helper = jdk.resolve("lib/jspawnhelper");
    assertTrue(Files.isRegularFile(helper), "the JDK starts processes through " + helper);
    Path ready = tmp.resolve("ready");
    Path hup = tmp.resolve("hup");
    Path tbot = Files.writeString(tmp.resolve("tbot"), "#!/bin/sh\n"
        + "trap 'echo HUP >> \"" + hup + "\"' HUP\n"
        + "echo $$ > '" + ready + "'\n"
        + "i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n");
    Files.setPosixFilePermissions(tbot, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", SYSTEMD_PATH);
    env.put("LANG", "C.UTF-8");
    env.putAll(unitEnv());
    env.put("TELEPORT_ANONYMOUS_TELEMETRY", "0"); // the send is not what is tested
    List<String> line = execStartHere(tbot);
    line.set(0, jdk.resolve("bin/java").toString());
    Process jvm = startAsSystemd(line, env);
    try {
      assertTrue(awaitFile(ready, Duration.ofSeconds(30)), "tbot started: " + Files.readString(tmp.resolve("err")));
      // The upgrade: a new helper renamed over the old one (never written through the link).
      Path next = jdk.resolve("lib/jspawnhelper.dpkg-new");
      Files.writeString(next, "#!/bin/sh\nexit 1\n");
      Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(next, helper, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      // It does break a JVM of this JDK that starts processes the default way, and not one that
      // forks (else the reload below would prove nothing).
      Path spawn = Files.writeString(tmp.resolve("Spawn.java"),
          "class Spawn { public static void main(String[] a) throws Exception { new ProcessBuilder(\"true\").start(); } }");
      String broken = probe(jdk, spawn);
      assertTrue(broken.contains("spawn helper"), "a default JVM still starts processes with the new helper: " + broken);
      assertEquals("", probe(jdk, spawn, "-Djdk.lang.Process.launchMechanism=FORK"), "a forking JVM starts them");

      List<String> reload = new ArrayList<>(words(one("Service", "ExecReload")));
      reload.set(indexOf(reload, "$MAINPID"), Long.toString(jvm.pid()));
      Process r = new ProcessBuilder(reload).redirectErrorStream(true).start();
      try {
        assertTrue(r.waitFor(10, TimeUnit.SECONDS), "ExecReload ended");
      } finally {
        r.destroyForcibly();
      }
      assertTrue(awaitFile(hup, Duration.ofSeconds(10)), "tbot got no SIGHUP after the JDK's helper was replaced: "
          + Files.readString(tmp.resolve("err")));
    } finally {
      jvm.descendants().forEach(ProcessHandle::destroyForcibly);
      jvm.destroyForcibly();
      jvm.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * {@code execStart} started as systemd starts a unit's: in a session of its own, with the
   * signals' default dispositions, stdin from /dev/null, exactly {@code env}; stdout and stderr to
   * tmp's {@code out} and {@code err}. setsid and env exec, so the process is the JVM.
   */
  Process startAsSystemd(List<String> execStart, Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>(List.of("setsid", "env", "--default-signal=INT,TERM,HUP,USR1"));
    command.addAll(execStart);
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectInput(new File("/dev/null"))
        .redirectOutput(tmp.resolve("out").toFile())
        .redirectError(tmp.resolve("err").toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Runs {@code spawn} (a source file) on {@code jdk} with {@code options}; its output, empty if it exited 0. */
  static String probe(Path jdk, Path spawn, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/java").toString()));
    command.addAll(List.of(options));
    command.add(spawn.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe ended");
      return p.exitValue() == 0 ? "" : out;
    } finally {
      p.destroyForcibly();
    }
  }

  /** ExecStart, with the VM's paths moved to the test's: the real JRE, the built jar, a stand-in tbot, tbot.yaml. */
  static List<String> execStartHere(Path tbot) throws Exception {
    List<String> line = new ArrayList<>(execStart());
    line.set(indexOf(line, JAVA), ChildJvm.javaBinary());
    line.set(indexOf(line, JAR), ChildJvm.jar().toAbsolutePath().toString());
    line.set(indexOf(line, TBOT), tbot.toString());
    line.set(indexOf(line, CONFIG), DIR.resolve("tbot.yaml").toString());
    return line;
  }

  /** The README's self-hosted collector line, read as the unit's Environment= lines are. */
  static Map<String, String> readmesCollectorLine() throws Exception {
    Matcher m = Pattern.compile("(?m)^Environment=(\"TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS=.*\")$")
        .matcher(Files.readString(DIR.resolve("README.md")));
    assertTrue(m.find(), "the README gives the Environment= line for a self-hosted collector");
    Map<String, String> env = environment(List.of(m.group(1)));
    assertEquals(Set.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS"), env.keySet());
    return env;
  }

  /**
   * The unit run as systemd would: ExecStart in a session of its own, with the signals' default
   * dispositions, stdin from /dev/null, the unit's environment (with the README's collector line,
   * pointed at a loopback receiver). The event arrives once; tbot gets its arguments as written and
   * its own telemetry off. ExecReload's SIGHUP reaches tbot, and both keep running. Then
   * {@code systemctl stop}'s SIGTERM, to the main process alone (KillMode=mixed): tbot gets it
   * from exec, and the exit status is one the unit counts as success.
   */
  @Test
  void theServiceSendsOnceReloadsAndStopsCleanly() throws Exception {
    Path ready = tmp.resolve("ready");
    Path args = tmp.resolve("args");
    Path hup = tmp.resolve("hup");
    Path term = tmp.resolve("term");
    // Bounded (60 s); a SIGTERM is noted, then ends the shell by that signal, as it ends tbot: 143.
    // (Not counted: two SIGTERMs that arrive during one sleep are one pending signal.)
    Path tbot = Files.writeString(tmp.resolve("tbot"), "#!/bin/sh\n"
        + "printf '%s\\n' \"$@\" \"TELEPORT_ANONYMOUS_TELEMETRY=${TELEPORT_ANONYMOUS_TELEMETRY-unset}\" > '" + args + "'\n"
        + "trap 'echo HUP >> \"" + hup + "\"' HUP\n"
        + "trap 'echo TERM >> \"" + term + "\"; trap - TERM; kill -TERM $$' TERM\n"
        + "echo $$ > '" + ready + "'\n"
        + "i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n"
        + "exit 99\n");
    Files.setPosixFilePermissions(tbot, PosixFilePermissions.fromString("rwx------"));

    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("PATH", SYSTEMD_PATH);
      env.put("LANG", "C.UTF-8");
      env.putAll(unitEnv());
      readmesCollectorLine().keySet().forEach(k -> env.put(k, receiver.url()));

      Process jvm = startAsSystemd(execStartHere(tbot), env);
      try {
        assertTrue(awaitFile(ready, Duration.ofSeconds(30)), "tbot started: " + Files.readString(tmp.resolve("err")));
        // setsid and env exec'd: the process systemd would know as $MAINPID is the JVM.
        assertTrue(jvm.info().command().orElse("").endsWith("java"), "the main process is the JVM: " + jvm.info());
        long tbotPid = Long.parseLong(Files.readString(ready).trim());

        assertEquals(1, receiver.await(1, Duration.ofSeconds(15)).size(), Files.readString(tmp.resolve("err")));
        LogRecord record = receiver.requests().get(0).decode().getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        List<String> line = execStart();
        String version = line.get(indexOf(line, "--tbot-version") + 1);
        assertEquals(Examples.event("continuous", version, "token", 1, 0, 0, 0), Examples.attributes(record));
        List<String> tbotArgs = new ArrayList<>(execStartHere(tbot).subList(indexOf(line, TBOT) + 1, line.size()));
        tbotArgs.add("TELEPORT_ANONYMOUS_TELEMETRY=0");
        assertEquals(tbotArgs, Files.readAllLines(args), "tbot's arguments as written, its own telemetry handed over");

        // systemctl reload: ExecReload, with $MAINPID the JVM's pid.
        List<String> reload = new ArrayList<>(words(one("Service", "ExecReload")));
        reload.set(indexOf(reload, "$MAINPID"), Long.toString(jvm.pid()));
        ProcessBuilder rb = new ProcessBuilder(reload).redirectErrorStream(true);
        rb.environment().clear();
        rb.environment().putAll(env);
        Process r = rb.start();
        assertTrue(r.waitFor(10, TimeUnit.SECONDS), "ExecReload ended");
        assertEquals(0, r.exitValue(), new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(awaitFile(hup, Duration.ofSeconds(10)), "tbot got the SIGHUP: " + Files.readString(tmp.resolve("err")));
        Thread.sleep(500);
        assertTrue(jvm.isAlive(), "exec kept running after the reload");
        assertTrue(ProcessHandle.of(tbotPid).map(ProcessHandle::isAlive).orElse(false), "tbot kept running after the reload");
        assertEquals(List.of("HUP"), Files.readAllLines(hup), "one SIGHUP, once");

        // systemctl stop: SIGTERM to the main process (KillMode=mixed), or to the whole group.
        List<ProcessHandle> group = jvm.descendants().toList();
        jvm.toHandle().destroy(); // SIGTERM
        if (!one("Service", "KillMode").equals("mixed")) {
          group.forEach(ProcessHandle::destroy);
        }
        assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), "exec stopped");
        // With KillMode=mixed only exec can have passed it on.
        assertTrue(Files.exists(term), "tbot got stop's SIGTERM, from exec");
        String err = Files.readString(tmp.resolve("err"));
        assertTrue(successStatuses().contains(jvm.exitValue()),
            "exit status " + jvm.exitValue() + " after a stop, a failure to systemd (success: " + successStatuses() + "): " + err);
        assertEquals(1, receiver.requests().size(), "one start, one event");
        assertEquals("", Files.readString(tmp.resolve("out")), "stdout is tbot's, which printed nothing");
        assertTrue(err.startsWith("tbot-otel: Anonymous usage analytics is on (TELEPORT_ANONYMOUS_TELEMETRY says yes): ") && err.strip().lines().count() == 1,
            "stderr: exec's one notice line: " + err);
      } finally {
        jvm.descendants().forEach(ProcessHandle::destroyForcibly);
        jvm.destroyForcibly();
        jvm.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * The JVM in front of tbot adds nothing another process of the bot's user could use: HotSpot's
   * attach mechanism would let any such process (jcmd, a Java agent loaded at run time) read exec's
   * command line, tbot's {@code --token} included, and run code in tbot's parent, which needs no
   * ptrace and so gets around Yama's ptrace_scope=1 (Ubuntu's default), which keeps that process
   * from tbot itself; and the JVM's perf data file, {@code /tmp/hsperfdata_USER/PID}, holds that
   * command line on disk, left there if the JVM is killed with SIGKILL. The unit's JVM options turn
   * both off.
   */
  @Test
  void theJvmTakesNoAttachAndWritesNoPerfDataFile() throws Exception {
    Path jcmd = Path.of(ChildJvm.javaBinary()).resolveSibling("jcmd");
    assumeTrue(Files.isExecutable(jcmd), "a JDK's jcmd beside " + ChildJvm.javaBinary());
    Path ready = tmp.resolve("ready");
    Process jvm = startWithWaitingTbot(ready, tmp);
    try {
      assertTrue(awaitFile(ready, Duration.ofSeconds(30)), "tbot started: " + Files.readString(tmp.resolve("err")));
      Path perfData = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(jvm.pid()));
      assertFalse(Files.exists(perfData), "the JVM's perf data file, which holds its command line: " + perfData);

      ChildJvm.Result attach = ChildJvm.run(
          List.of(jcmd.toString(), "-J-Dsun.tools.attach.attachTimeout=3000", Long.toString(jvm.pid()), "VM.command_line"),
          Map.of("PATH", SYSTEMD_PATH), Duration.ofSeconds(60));
      assertTrue(attach.exitCode() != 0 && !attach.stdout().contains("secret-join-token"),
          "jcmd attached to exec's JVM and read its command line: " + attach.stdout() + attach.stderr());
      assertTrue(jvm.isAlive(), "exec runs on");
    } finally {
      jvm.descendants().forEach(ProcessHandle::destroyForcibly);
      jvm.destroyForcibly();
      jvm.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * A crash of exec's JVM writes its report to stderr, the journal, as the rest of exec's output:
   * not to {@code hs_err_pidPID.log} in the working directory, or in {@code /tmp} where that is not
   * writable (the unit's {@code /}, as its user), a file its user's umask leaves readable by all,
   * which repeats the command line, a tbot {@code --token} too. The unit's JVM options run a
   * program that crashes its JVM at once ({@link CrashingMain}) in place of exec's jar: a signal sent
   * from outside crashes HotSpot only when the kernel hands it to a thread the JVM does not own
   * (SIGUSR2 to one of its own is ignored: the JVM ran on in one CI run).
   */
  @Test
  void aCrashReportGoesToTheJournalNotAFile() throws Exception {
    List<String> unit = execStartHere(tmp.resolve("tbot"));
    List<String> line = new ArrayList<>(unit.subList(0, indexOf(unit, "-jar")));
    line.addAll(List.of("-cp", Path.of(CrashingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString(), CrashingMain.class.getName(), "--token", "secret-join-token"));
    Path cwd = Files.createDirectory(tmp.resolve("cwd")); // writable, so that a report file would land here
    Process jvm = startAsTheUnit(line, cwd);
    try {
      boolean ended = jvm.waitFor(150, TimeUnit.SECONDS); // HotSpot bounds its report by ErrorLogTimeout, 120 s
      String err = Files.readString(tmp.resolve("err"));
      assertTrue(ended && jvm.exitValue() != 0, "the JVM crashed and ended; its stderr: " + err);
      try (var files = Files.list(cwd)) {
        assertEquals(List.of(), files.map(p -> p.getFileName().toString()).toList(), "files the crash left: " + err);
      }
      assertFalse(Files.exists(Path.of("/tmp", "hs_err_pid" + jvm.pid() + ".log")), "a crash report in /tmp");
      assertTrue(err.contains("A fatal error has been detected by the Java Runtime Environment"), "the report, on stderr: " + err);
    } finally {
      jvm.destroyForcibly();
      jvm.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Crashes its JVM at once: a write to address 0 through Unsafe, which HotSpot reports as fatal. */
  static final class CrashingMain {
    public static void main(String[] args) throws Exception {
      java.lang.reflect.Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
      theUnsafe.setAccessible(true);
      Object unsafe = theUnsafe.get(null);
      unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 0L);
    }
  }

  /**
   * The unit's ExecStart run in {@code cwd} with the unit's environment (no consent: nothing is
   * sent) and tbot's {@code --token}, as an admin may give it; tbot a stand-in that writes its pid
   * to {@code ready} and waits a minute.
   */
  private Process startWithWaitingTbot(Path ready, Path cwd) throws Exception {
    Path tbot = Files.writeString(tmp.resolve("tbot"), "#!/bin/sh\n"
        + "echo $$ > '" + ready + "'\n"
        + "i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n");
    Files.setPosixFilePermissions(tbot, PosixFilePermissions.fromString("rwx------"));
    List<String> line = execStartHere(tbot);
    line.addAll(List.of("--token", "secret-join-token"));
    return startAsTheUnit(line, cwd);
  }

  /** {@code line} run in {@code cwd} with the unit's environment and no input; output in tmp's out and err. */
  private Process startAsTheUnit(List<String> line, Path cwd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(line)
        .directory(cwd.toFile())
        .redirectInput(new File("/dev/null"))
        .redirectOutput(tmp.resolve("out").toFile())
        .redirectError(tmp.resolve("err").toFile());
    pb.environment().clear();
    pb.environment().putAll(Map.of("PATH", SYSTEMD_PATH, "LANG", "C.UTF-8"));
    return pb.start();
  }

  /**
   * The README's preview is the unit's ExecStart with preview for exec (without the JVM options),
   * and shows, in the unit's environment, the event exec sends. Its opt-outs send nothing: the
   * Environment= line deleted, DO_NOT_TRACK=1 added, --no-anonymous-analytics before the '--', or
   * {@code anonymous_analytics: false} in the config tbot is given.
   */
  @Test
  void theReadmesPreviewShowsTheEventAndItsOptOutsSendNothing() throws Exception {
    String readme = Files.readString(DIR.resolve("README.md"));
    Matcher m = Pattern.compile("java -jar " + Pattern.quote(JAR) + " (preview .*)").matcher(readme);
    assertTrue(m.find(), "the README shows the preview line");
    List<String> shown = words(m.group(1));
    List<String> line = execStart();
    List<String> want = new ArrayList<>(line.subList(indexOf(line, JAR) + 1, line.size()));
    want.set(indexOf(want, "exec"), "preview");
    assertEquals(want, shown, "ExecStart's line with preview in place of exec");
    // The unit's environment as systemd runs the unit (drop-ins included), and nothing else: not
    // what sudo adds (pam_env's /etc/environment, which no service reads). A README that names the
    // variables itself would miss a drop-in's.
    assertTrue(readme.contains("sudo -u " + one("Service", "User")
            + " env -i $(systemctl show --property=Environment --value " + UNIT.getFileName().toString().replace(".service", "") + ") \\\n  "
            + execStart().get(0) + " -jar " + JAR + " preview "),
        "the README gives preview the unit's environment, and only that");

    List<String> args = new ArrayList<>(shown.subList(1, shown.size()));
    args.set(indexOf(args, CONFIG), DIR.resolve("tbot.yaml").toString());
    Examples.Preview optedIn = Examples.preview(unitEnv(), args);
    assertTrue(optedIn.wouldSend(), optedIn.stderr());
    assertEquals(Examples.event("continuous", args.get(indexOf(args, "--tbot-version") + 1), "token", 1, 0, 0, 0),
        optedIn.attributes());

    assertTrue(readme.contains("delete the `Environment=\"TELEPORT_ANONYMOUS_TELEMETRY=1\"` line"), "opt-out 1");
    assertFalse(Examples.preview(Map.of(), args).wouldSend(), "the Environment= line deleted");
    assertTrue(readme.contains("add `Environment=\"DO_NOT_TRACK=1\"`"), "opt-out 2");
    Map<String, String> dnt = new LinkedHashMap<>(unitEnv());
    dnt.putAll(environment(List.of("\"DO_NOT_TRACK=1\"")));
    assertFalse(Examples.preview(dnt, args).wouldSend(), "DO_NOT_TRACK=1 added");
    assertTrue(readme.contains("add `--no-anonymous-analytics` to exec's flags, before the `--`"), "opt-out 3");
    List<String> no = new ArrayList<>(args);
    no.add(indexOf(no, "--"), "--no-anonymous-analytics");
    assertFalse(Examples.preview(unitEnv(), no).wouldSend(), "--no-anonymous-analytics before the '--'");
    // The README's fourth no: exec reads the config on tbot's own line, and its no beats the unit's yes.
    assertTrue(readme.contains("`anonymous_analytics: false` in `/etc/tbot.yaml` says no too (exec reads tbot's"
        + " config)"), "opt-out 4");
    Path saysNo = tmp.resolve("tbot.yaml");
    Files.writeString(saysNo, Files.readString(DIR.resolve("tbot.yaml")) + "anonymous_analytics: false\n");
    List<String> config = new ArrayList<>(args);
    config.set(config.indexOf(DIR.resolve("tbot.yaml").toString()), saysNo.toString());
    assertFalse(Examples.preview(unitEnv(), config).wouldSend(), "anonymous_analytics: false in tbot's config");
  }

  static boolean awaitFile(Path file, Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.size(file) > 0) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
