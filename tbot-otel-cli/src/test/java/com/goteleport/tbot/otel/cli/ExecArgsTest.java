package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import com.goteleport.tbot.otel.testing.UnknownLaunchMechanism;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** exec's pure parts: reading tbot's flags, the hand-over of tbot's own telemetry, usage errors. */
class ExecArgsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tbot start -c a.yaml | a.yaml",
        "tbot start -ca.yaml | a.yaml",
        "tbot start -c=a.yaml | =a.yaml", // kingpin keeps the '=' of a short flag: tbot reads =a.yaml
        "tbot -dc a.yaml start | a.yaml", // -d is a bool, so -c follows in the same word
        "tbot start -dca.yaml | a.yaml",
        "tbot start --config a.yaml | a.yaml",
        "tbot start --config=a.yaml | a.yaml",
        "tbot start -c a.yaml --config b.yaml | b.yaml",
      })
  void configFlagSpellings(String line, String expected) {
    assertEquals(expected, ChildArgs.parse(List.of(line.split(" "))).config());
  }

  @Test
  void everyFlagTbotShares() {
    ChildArgs args = ChildArgs.parse(List.of("tbot", "start", "--oneshot", "--join-method", "github",
        "--destination-dir=/opt/out", "--data-dir", "memory://", "--debug"));
    assertEquals(new ChildArgs(null, null, true, "github", false, false, "/opt/out", null, null), args);
    assertEquals("iam", ChildArgs.parse(List.of("tbot", "start", "--join-method=iam")).joinMethod());
    // --join-uri names the method when --join-method does not (tbot fills it from the URI).
    String uri = "tbot+proxy+bound-keypair://bot:secret@example.teleport.sh:443";
    assertEquals("bound_keypair", ChildArgs.parse(List.of("tbot", "start", "identity", "--join-uri", uri)).joinMethod());
    assertEquals("iam", ChildArgs.parse(List.of("tbot", "start", "identity", "--join-uri=" + uri, "--join-method", "iam"))
        .joinMethod());
    assertEquals("/d", ChildArgs.parse(List.of("tbot", "start", "--destination-dir", "/d")).destinationDir());
    assertFalse(ChildArgs.parse(List.of("tbot", "start", "--oneshot", "--no-oneshot")).oneshot());
    assertEquals("e30=", ChildArgs.parse(List.of("tbot", "--config-string", "e30=", "start")).configString());
    assertEquals("e30=", ChildArgs.parse(List.of("tbot", "start", "--config-string=e30=")).configString());
    for (String token : new String[] {"--token", "--token=abc", "--ca-pin", "--ca-pin=sha256:00"}) {
      List<String> line = new java.util.ArrayList<>(List.of("tbot", "start", token));
      if (!token.contains("=")) {
        line.add("value");
      }
      assertTrue(ChildArgs.parse(line).onboarding(), token);
    }
    ChildArgs emptyToken = ChildArgs.parse(List.of("tbot", "start", "--token="));
    assertFalse(emptyToken.onboarding(), "an empty token is none");
    assertTrue(emptyToken.tokenFlag(), "but given: tbot then ignores TELEPORT_BOT_TOKEN");
    assertTrue(ChildArgs.parse(List.of("tbot", "start", "--ca-pin=")).onboarding(), "an empty pin is still a pin");
  }

  @Test
  void anAtFileArgumentReachesTheCommandUnchanged(@TempDir Path dir) throws Exception {
    // exec passes COMMAND on unchanged: an @FILE is the child's to read (tbot's parser expands it
    // itself, curl reads it as data), not exec's parser's to expand.
    Path file = Files.writeString(dir.resolve("args"), "-c\nexpanded.yaml\n");
    Path seen = dir.resolve("seen");
    Cli.Result r = Cli.run(Map.of(), "exec", "--", "/bin/sh", "-c", "printf '%s|' \"$@\" > \"$0\"", seen.toString(),
        "@" + file, "start");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("@" + file + "|start|", Files.readString(seen));
  }

  @Test
  void aStartWhoseFlagsAreInAnArgumentsFileRecordsNothing(@TempDir Path dir) throws Exception {
    // kingpin expands @FILE into the file's lines: tbot reads the config named there, with its no.
    Path config = Files.writeString(dir.resolve("tbot.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path args = Files.writeString(dir.resolve("tbot.args"), "-c\n" + config + "\n");
    Cli.Result r = Cli.run(Map.of(), "preview", "--anonymous-analytics", "--", "tbot", "start", "@" + args);
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("", r.stdout(), r.stderr());
    assertTrue(r.stderr().contains("exec would record nothing"), r.stderr());
  }

  @Test
  void theLastTokenIsTheOneTbotUses() {
    // --token is a plain string flag: kingpin keeps the last, and an empty last one replaces nothing.
    ChildArgs emptied = ChildArgs.parse(List.of("tbot", "start", "--token", "abc", "--token="));
    assertFalse(emptied.onboarding(), "tbot's token is empty");
    assertTrue(emptied.tokenFlag());
    assertTrue(ChildArgs.parse(List.of("tbot", "start", "--token=", "--token", "abc")).onboarding());
    assertTrue(ChildArgs.parse(List.of("tbot", "start", "--ca-pin=x", "--token", "abc", "--token=")).onboarding(),
        "a pin still replaces onboarding");
  }

  @Test
  void nothingAfterDoubleDashNorTheProgramIsRead() {
    // tbot ssh-style: what follows -- belongs to the command tbot runs.
    ChildArgs none = new ChildArgs(null, null, null, null, false, false, null, null, null);
    assertEquals(none, ChildArgs.parse(List.of("tbot", "ssh", "--", "--oneshot", "-c", "x.yaml")));
    // A -- given to tbot itself is kept as tbot reads it, not dropped as after a tbot named behind
    // another program (start-stop-daemon --exec tbot -- start): tbot refuses these words as flags.
    assertEquals(none, ChildArgs.parse(List.of("tbot", "--", "start", "--oneshot", "-c", "x.yaml",
        "--no-anonymous-analytics")));
    assertEquals(List.of("tbot", "--", "start"), Launcher.tbotLine(List.of("tbot", "--", "start")));
    assertEquals(none, ChildArgs.parse(List.of("--oneshot", "x.yaml")), "the program itself");
    assertEquals(none, ChildArgs.parse(List.of("tbot", "start", "-c")), "a flag without its value");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tbot", "/usr/local/bin/tbot", "./tbot", "C:\\Program Files\\tbot.exe", "tbot.exe",
      "TBOT.EXE", "tbot-18", "/opt/teleport/18.1.0/bin/tbot", "tbot18.1.0", "tbot-v18", "tbot_17.4.2",
      // Windows (and macOS, by default) find a program's file in any case: TBOT runs tbot.exe.
      "TBOT", "C:\\Teleport\\Tbot", "/usr/local/bin/Tbot-18"})
  void flagsAreReadWhenTheProgramIsTbot(String program) {
    ChildArgs args = ChildArgs.parse(List.of(program, "start", "-c", "a.yaml", "--oneshot", "--join-method",
        "github", "--destination-dir", "/out"));
    assertEquals(new ChildArgs("a.yaml", null, true, "github", false, false, "/out", null, null), args);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sh", "/bin/sh", "bash", "tbot-wrapper", "/opt/tbot/bin/run", "mytbot", "tbot.sh", "env",
      "tbot-otel", "tbot-18.sh", "timeout"})
  void nothingIsInferredFromAnotherProgram(String program) {
    // sh -c "..." is a script, not a config file; env, wrappers and scripts take flags of their own.
    ChildArgs none = new ChildArgs(null, null, null, null, false, false, null, null, null);
    assertEquals(none, ChildArgs.parse(List.of(program, "-c", "tbot start -c x.yaml --oneshot")));
    assertEquals(none, ChildArgs.parse(List.of(program, "start", "-c", "a.yaml", "--oneshot", "--join-method",
        "github", "--destination-dir", "/out")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"env", "/usr/bin/env FOO=1 A=b", "timeout 60", "timeout -s KILL 10m", "nice -n 10", "nohup",
      "setsid", "sudo -u bot", "dumb-init --", "tini -s --", "stdbuf -oL", "time", "su-exec bot"})
  void aLauncherIsLookedThroughToTheTbotItRuns(String launcher) {
    // exec -- env tbot start -c no.yaml: tbot reads no.yaml, and its no must be read too; tbot's
    // flags are the arguments after the first one that names tbot.
    List<String> line = new ArrayList<>(List.of(launcher.split(" ")));
    line.addAll(List.of("/usr/local/bin/tbot", "start", "-c", "a.yaml", "--oneshot", "--join-method", "github",
        "--destination-dir", "/out"));
    assertEquals(new ChildArgs("a.yaml", null, true, "github", false, false, "/out", null, null), ChildArgs.parse(line));
    assertEquals("tbot start", TbotCommand.of(line).describe());
    List<String> version = new ArrayList<>(List.of(launcher.split(" ")));
    version.addAll(List.of("tbot", "version"));
    assertFalse(TbotCommand.of(version).counted(), "tbot version, launched, is not a start");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--no-anonymous-analytics", "--no-anonymous-analytics=false", "--anonymous-analytics=false",
      "--anonymous-analytics=FALSE", "--anonymous-analytics=0", "--anonymous-analytics=f", "--anonymous-analytics=maybe"})
  void theCommandsOwnNoIsANo(String flag) {
    // The RFD's flags on tbot's own command line: a tbot that has them obeys them, so exec must.
    assertTrue(ChildArgs.parse(List.of("tbot", "start", flag, "-c", "a.yaml")).optOut(), flag);
    AnalyticsOptions options = new AnalyticsOptions();
    options.optIn(true);
    assertEquals(Boolean.FALSE, StartFlagsTest.merged(options, "tbot", "start", flag).consentFlag(), flag);
  }

  @Test
  void theCommandsYesIsNoVote() {
    assertFalse(ChildArgs.parse(List.of("tbot", "start", "--anonymous-analytics")).optOut());
    assertFalse(ChildArgs.parse(List.of("tbot", "start", "--anonymous-analytics=true")).optOut());
    assertFalse(ChildArgs.parse(List.of("tbot", "start", "--anonymous-analytics=1")).optOut());
    assertNull(StartFlagsTest.merged(new AnalyticsOptions(), "tbot", "start", "--anonymous-analytics").consentFlag(),
        "a yes on tbot's command line is tbot's own, not exec's");
  }

  @Test
  void tbotsConfigSaysNoEvenWhenExecHasItsOwn(@TempDir Path dir) throws Exception {
    // exec's own -c is the file read for the event; tbot's config is still asked for a no, from
    // its -c, its --config-string or the variables, as tbot finds it.
    Path own = Files.writeString(dir.resolve("own.yaml"), "version: v2\nanonymous_analytics: true\n");
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    String noBase64 = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(no));
    List<Map.Entry<List<String>, Map<String, String>>> saysNo = List.of(
        Map.entry(List.of("tbot", "start", "-c", no.toString()), Map.of()),
        Map.entry(List.of("env", "tbot", "start", "-c", no.toString()), Map.of()),
        Map.entry(List.of("tbot", "start", "--config-string", noBase64), Map.of()),
        Map.entry(List.of("tbot", "start"), Map.of("TBOT_CONFIG_PATH", no.toString())),
        Map.entry(List.of("tbot", "start"), Map.of("TBOT_CONFIG", noBase64)));
    for (Map.Entry<List<String>, Map<String, String>> c : saysNo) {
      List<String> args = new ArrayList<>(List.of("preview", "-c", own.toString(), "--"));
      args.addAll(c.getKey());
      Cli.Result r = Cli.run(c.getValue(), args.toArray(new String[0]));
      assertEquals(0, r.exitCode(), c + ": " + r.stderr());
      assertTrue(r.stderr().contains("would send nothing (anonymous_analytics in tbot's own config says no)"),
          c + ": " + r.stderr());
    }
    // A config this reader cannot read may say no (a root-only file under sudo; YAML Go takes and
    // this refuses): nothing is sent, as when exec has no -c of its own.
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "anonymous_analytics: [\n");
    StringBuilder deep = new StringBuilder("a0: &a0 [x]\n"); // aliases nested 180 deep: Go reads it
    for (int i = 1; i <= 60; i++) {
      deep.append("a").append(i).append(": &a").append(i).append(" [[[*a").append(i - 1).append("]]]\n");
    }
    Path deepNo = Files.writeString(dir.resolve("deep.yaml"), deep + "anonymous_analytics: false\n");
    for (Path tbots : List.of(broken, deepNo, dir.resolve("missing.yaml"))) {
      Cli.Result r = Cli.run(Map.of(), "preview", "-c", own.toString(), "--", "tbot", "start", "-c", tbots.toString());
      assertTrue(r.stderr().contains("would send nothing (tbot's own config cannot be read here, and may say no)"),
          tbots + ": " + r.stderr());
    }
    // So may one given twice (-c and --config-string: tbot refuses the pair), or one tbot reads
    // where exec cannot see (a path set in env -S's string).
    for (List<String> line : List.of(List.of("tbot", "start", "-c", yes.toString(), "--config-string", noBase64),
        List.of("env", "-S", "TBOT_CONFIG_PATH=" + no, "tbot", "start"))) {
      List<String> args = new ArrayList<>(List.of("preview", "-c", own.toString(), "--"));
      args.addAll(line);
      Cli.Result r = Cli.run(Map.of(), args.toArray(new String[0]));
      assertTrue(r.stderr().contains("would send nothing (tbot's own config cannot be read here, and may say no)"),
          line + ": " + r.stderr());
    }
    // tbot's yes, a config without the key, or none at all leave exec's file to decide.
    Path silent = Files.writeString(dir.resolve("silent.yaml"), "version: v2\n");
    for (List<String> line : List.of(List.of("tbot", "start", "-c", yes.toString()),
        List.of("tbot", "start", "-c", silent.toString()), List.of("tbot", "start"))) {
      List<String> args = new ArrayList<>(List.of("preview", "-c", own.toString(), "--"));
      args.addAll(line);
      Cli.Result r = Cli.run(Map.of(), args.toArray(new String[0]));
      assertTrue(r.stderr().contains("would send it"), line + ": " + r.stderr());
    }
  }

  @Test
  void theReasonForANoIsTheSourceThatDecides(@TempDir Path dir) throws Exception {
    // The flag's no comes before a config's; a shadowed config that cannot be read says why itself.
    Path own = Files.writeString(dir.resolve("own.yaml"), "version: v2\n");
    for (Boolean flag : new Boolean[] {null, true, false}) {
      AnalyticsOptions options = new AnalyticsOptions();
      options.config = own.toString();
      if (flag != null) {
        options.optIn(flag);
      }
      StartFlags shadowing =
          StartFlagsTest.merged(options, "tbot", "start", "-c", dir.resolve("missing.yaml").toString());
      StartInputs inputs = StartInputs.resolve(shadowing, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), "18.1.0");
      assertTrue(inputs.consent().refused(), String.valueOf(flag));
      // optIn(false) is --anonymous-analytics=false, named as given.
      assertEquals(Boolean.FALSE.equals(flag) ? "--anonymous-analytics=false says no"
          : "tbot's own config cannot be read here, and may say no", inputs.consentReason(), String.valueOf(flag));
    }
  }

  @Test
  void aConfigThatEnvSplitStringSetsForTbotIsReadForItsNo(@TempDir Path dir) throws Exception {
    // env -S 'TBOT_CONFIG_PATH=/etc/no.yaml' tbot start: env sets it for tbot, which reads that
    // config's no; exec took only a consent variable from the string and sent.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    String base64 = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(no));
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    // A path: under env -S, whose string may hold any option, tbot's config cannot be found here.
    for (List<String> line : List.of(List.of("env", "-S", "TBOT_CONFIG_PATH=" + no, "tbot", "start"),
        List.of("env", "-STBOT_CONFIG_PATH=" + no, "tbot", "start"),
        List.of("nice", "env", "--split-string=FOO=1 TBOT_CONFIG_PATH=" + no, "tbot", "start"))) {
      Cli.Result r = preview(yes, line);
      assertEquals(1, r.exitCode(), line + ": " + r.stderr());
      assertTrue(r.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), line + ": " + r.stderr());
    }
    // tbot named inside the string (env -S 'tbot start -c no.yaml'): its flags are in a string exec
    // does not parse, as in an @FILE, so nothing is recorded; exec took it for a wrapper and sent.
    for (List<String> line : List.of(List.of("env", "-S", "tbot start -c " + no), List.of("env", "-S", "tbot start",
        "--no-anonymous-analytics"), List.of("nice", "env", "-S/usr/local/bin/tbot start --no-anonymous-analytics"),
        List.of("env", "--split-string=FOO=1 tbot start", "-c", no.toString()))) {
      assertRecordsNothing(yes, line, "COMMAND runs tbot in env -S's string");
    }
    // A string that names no tbot runs a wrapper: counted from a config exec sees (its own -c).
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "version: v2\n");
    assertSends(true, yes, plain, "env", "-S", "FOO=1 ./wrapper.sh", "--flag");
    // Base64 text is no path: it is read, and its no is a no, also with exec's own -c.
    assertSends(false, yes, "env", "-S", "TBOT_CONFIG=" + base64, "tbot", "start");
    Path own = Files.writeString(dir.resolve("own.yaml"), "version: v2\nanonymous_analytics: true\n");
    Cli.Result shadowed = Cli.run(Map.of(), "preview", "-c", own.toString(), "--", "env", "-S", "TBOT_CONFIG=" + base64,
        "tbot", "start");
    assertTrue(shadowed.stderr().contains("would send nothing (anonymous_analytics in tbot's own config says no)"),
        shadowed.stderr());
  }

  @Test
  void aTbotInEnvSplitStringBehindAnyProgramRecordsNothing(@TempDir Path dir) throws Exception {
    // As with env -S in front: the string's flags are not parsed, so nothing is recorded. Red
    // before behind a program that is not a launcher (xargs env -S 'tbot start -c no.yaml'): exec
    // took the line for a wrapper's and sent, though that tbot reads a config that says no.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (List<String> line : List.of(List.of("xargs", "env", "-S", "tbot start -c " + no),
        List.of("xargs", "-0", "env", "--split-string=/usr/local/bin/tbot start", "-c", no.toString()),
        List.of("./run.sh", "env", "-Stbot start --no-anonymous-analytics"),
        List.of("nice", "xargs", "env", "-S", "tbot start -c " + no),
        List.of("nice", "env", "-S", "tbot start -c " + no), List.of("sudo", "env", "-S", "tbot start -c " + no),
        List.of("flock", "/tmp/tbot.lock", "env", "-S", "tbot start -c " + no))) {
      assertRecordsNothing(yes, line, "COMMAND runs tbot in env -S's string");
    }
    // A string that names no tbot leaves the wrapper counted, from the config exec is given.
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "version: v2\n");
    assertSends(true, yes, plain, "xargs", "env", "-S", "FOO=1 ./wrapper.sh");
  }

  /**
   * env -S splits its string at \\_ too, ends it at \\c, expands ${NAME} and its escapes, and
   * reads no option after a word of it that is none: exec reads none of that exactly, so a line
   * with such a string records nothing, and one whose string names tbot even where a tbot follows
   * (that tbot is the string's program's argument). SAFETY, red before (found by
   * LauncherChainDifferentialTest): env -S 'X=1\\_tbot' start --no-anonymous-analytics was a
   * wrapper's, counted from exec's own -c, and env -S 'TELEPORT_ANONYMOUS_TELEMETRY=0\\_X=1' tbot
   * start was sent, while the real tbot got the no.
   */
  @Test
  void anEnvSplitStringExecDoesNotSplitExactlyRecordsNothing(@TempDir Path dir) throws Exception {
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "version: v2\n");
    // Each said as it is: a string that names tbot runs it; one exec does not split exactly is said
    // to be that, not to run tbot where it need not (a wrapper's line).
    String runs = "COMMAND runs tbot in env -S's string";
    String notExact = "COMMAND has an env -S string with env's escapes, ${NAME} or #, which exec does not split exactly";
    for (Map.Entry<List<String>, String> c : List.of(
        Map.entry(List.of("env", "-S", "X=1\\_tbot", "start", "--no-anonymous-analytics"), runs),
        Map.entry(List.of("env", "-S", "TELEPORT_ANONYMOUS_TELEMETRY=0\\_X=1", "tbot", "start"), notExact),
        Map.entry(List.of("env", "-S", "TELEPORT_ANONYMOUS_TELEMETRY=0\\c", "tbot", "start"), notExact),
        Map.entry(List.of("env", "-S", "TELEPORT_ANONYMOUS_TELEMETRY=${Z}0", "tbot", "start"), notExact),
        Map.entry(List.of("env", "-S", "${T} start --no-anonymous-analytics"), notExact),
        Map.entry(List.of("env", "-S", "X=${HOME} # a wrapper's", "./wrapper.sh", "start"), notExact),
        Map.entry(List.of("env", "--split-string=tb''ot", "--chdir=a", "nice", "tbot", "start"), runs))) {
      List<String> args = new ArrayList<>(List.of("preview", "-c", plain.toString(), "--"));
      args.addAll(c.getKey());
      Cli.Result r = Cli.run(yes, args.toArray(new String[0]));
      assertTrue(r.stderr().contains("exec would record nothing: " + c.getValue()), c.getKey() + ": " + r.stderr());
    }
    // A word of the string that is no option ends env's options: the --split-string after it is
    // set as a variable of that name, and tbot gets no DO_NOT_TRACK (as coreutils' env 9.1 does).
    assertEquals(null, LauncherEnvironment.asTbotGetsIt(
        List.of("env", "-S", "X=1", "--split-string=DO_NOT_TRACK=0", "tbot", "start"), Map.of()).get("DO_NOT_TRACK"));
    // So for its long form's string; one of options only ends none (both as env 9.1 does). Mutants
    // of LauncherChain.readOptions' long-form check and of endsOptions survived without these.
    assertEquals(null, LauncherEnvironment.asTbotGetsIt(
        List.of("env", "--split-string=X=1", "--split-string=DO_NOT_TRACK=0", "tbot", "start"), Map.of())
        .get("DO_NOT_TRACK"));
    for (String options : List.of("--split-string=-uFOO", "-S-uFOO")) {
      assertEquals("0", LauncherEnvironment.asTbotGetsIt(
          List.of("env", options, "--split-string=DO_NOT_TRACK=0", "tbot", "start"), Map.of()).get("DO_NOT_TRACK"),
          options);
    }
  }

  @Test
  void aNoInAnEnvSplitStringIsReadAsEnvSetsItToo(@TempDir Path dir) throws Exception {
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "version: v2\n");
    // A quoted value with blanks around the no (as env -S 'TELEPORT_ANONYMOUS_TELEMETRY=" 0"' sets
    // it: a no, as on env's own command line), and a -S in the string's options, which env splits
    // again (tbot gets DO_NOT_TRACK=1). SAFETY, red before: each sent, read only from the split
    // inside quotes (TELEPORT_ANONYMOUS_TELEMETRY= and 0; -vSDO_NOT_TRACK=1 as one word).
    for (String string : List.of("TELEPORT_ANONYMOUS_TELEMETRY=\" 0\"", "TELEPORT_ANONYMOUS_TELEMETRY=' no'",
        "-vS\"DO_NOT_TRACK=1\"", "-S 'TELEPORT_ANONYMOUS_TELEMETRY=0'", "-v --split-string=\"DO_NOT_TRACK=1\"")) {
      assertSends(false, yes, plain, "env", "-S", string, "tbot", "start");
      assertSends(false, yes, plain, "env", "-S", string, "./wrapper.sh");
    }
    assertSends(true, yes, plain, "env", "-S", "X=\" 0\"", "tbot", "start");
    // A tbot named in the string of a -S among the string's options runs there too (env splits it
    // again): its flags are not read. SAFETY, red before: sent as a wrapper's line, tbot read
    // no.yaml (env -S '-S"tbot start -c no.yaml"').
    String no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n").toString();
    for (String string : List.of("-S\"tbot start -c " + no + "\"", "-vS'tb'ot", "-v --split-string=\"tbot start\"")) {
      Cli.Result r = Cli.run(yes, "preview", "-c", plain.toString(), "--", "env", "-S", string, "start", "-c", no);
      assertTrue(r.stderr().contains("exec would record nothing: COMMAND runs tbot in env -S's string"),
          string + ": " + r.stderr());
    }
  }

  @Test
  void aDashDashAfterATbotInSusStringIsTbots() {
    // su's string read as su -- WORDS: a -- after its tbot is tbot's (the shell passes it on), not
    // su's end of options (red before: tbot -- start read as tbot start; found by LauncherChainDifferentialTest).
    assertEquals(List.of("tbot", "--", "start"), Launcher.tbotLine(ShellString.commandLine(
        List.of("su", "root", "--command=tbot -- start"), Map.of()).words()));
    // Also behind a launcher in the string (red before: found by LauncherChainDifferentialTest's
    // seeds 1 to 4, tbot then got the -- exec dropped).
    for (List<String> line : List.of(List.of("su", "root", "-c", "chrt -b -T 0 0 tbot -- start --debug"),
        List.of("su", "-c", "exec nice -n 2 tbot -- start", "root"),
        List.of("taskset", "--cpu-list", "0", "su", "root", "-c", "taskset -c 0 tbot -- start -u"),
        List.of("nice", "prlimit", "--", "su", "-c", "flock /l tbot -- start", "root"),
        List.of("su", "-c", "xargs tbot -- start -c --anonymous-analytics=0", "root"),
        List.of("su", "-c", "su -c 'xargs nice tbot -- start'", "root"))) {
      List<String> tbot = Launcher.tbotLine(ShellString.commandLine(line, Map.of()).words());
      assertEquals(List.of("tbot", "--", "start"), tbot.subList(0, 3), line.toString());
    }
    // A start-stop-daemon there that starts nothing is read: nothing is recorded (red before).
    assertTrue(Launcher.daemonStartsNothing(ShellString.commandLine(
        List.of("su", "-c", "start-stop-daemon --stop --exec /usr/bin/tbot -- start", "root"), Map.of()).words()));
    // But runuser -u's getopt takes it, there too (red before: seed 1 of LauncherChainDifferentialTest).
    for (List<String> line : List.of(List.of("su", "-c", "runuser -u root tbot -- start", "root"),
        List.of("xargs", "--", "su", "--command=timeout 20s runuser -u root tbot -- start", "root"))) {
      assertEquals(List.of("tbot", "start"), Launcher.tbotLine(ShellString.commandLine(line, Map.of()).words()),
          line.toString());
    }
  }

  @Test
  void aShellStringThatIsOnePlainCommandIsReadAsTbotsCommandLine(@TempDir Path dir) throws Exception {
    // sh -c 'tbot start -c no.yaml', a container's entrypoint: that tbot reads the config's no. Red
    // before: exec took the line for a wrapper's, counted it from its own flags and sent.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (List<String> line : List.of(List.of("sh", "-c", "tbot start -c " + no),
        List.of("/bin/sh", "-ec", "exec tbot start -c '" + no + "'"),
        List.of("bash", "-c", "TBOT_CONFIG_PATH=" + no + " exec /usr/local/bin/tbot start"),
        List.of("busybox", "sh", "-c", "tbot start --config=" + no), List.of("dash", "-c", "tbot start -c" + no),
        List.of("sudo", "-u", "bot", "sh", "-c", "tbot start -c " + no),
        List.of("sh", "-c", "tbot start --no-anonymous-analytics"),
        List.of("sh", "-c", "DO_NOT_TRACK=1 tbot start -c " + yes),
        List.of("flock", dir.resolve("l").toString(), "-c", "tbot start -c " + no),
        List.of("sh", "-c", "sh -c 'tbot start -c " + no + "'"),
        List.of("script", "-qec", "tbot start -c " + no, "/dev/null"), List.of("yash", "-c", "exec tbot start -c " + no),
        List.of("posh", "-ec", "tbot start -c '" + no + "'"),
        // A YAML block scalar in a container's args: a trailing line break, a \-newline continuation.
        List.of("/bin/sh", "-c", "\nexec tbot start \\\n    -c " + no + "\n"))) {
      assertSends(false, env, line.toArray(new String[0]));
      // And with exec's own -c: the config tbot reads is still asked for its no.
      List<String> shadowed = new ArrayList<>(List.of("-c", yes.toString(), "--"));
      shadowed.addAll(line);
      Cli.Result r = Cli.run(env, concat(List.of("preview"), shadowed));
      assertTrue(r.stderr().contains("would send nothing"), line + ": " + r.stderr());
    }
    // A yes: counted as the string's tbot runs, its flags over the config.
    Cli.Result r = Cli.run(env, "preview", "--", "sh", "-c", "exec tbot start -c " + yes
        + " db --destination ./db --oneshot", "sh", "--no-oneshot");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("would send it"), r.stderr());
    assertTrue(r.stdout().contains("{\"key\":\"run_mode\",\"value\":{\"stringValue\":\"one-shot\"}}"), r.stdout());
    assertTrue(r.stdout().contains(
        "{\"key\":\"destinations_configured_database_access\",\"value\":{\"intValue\":\"1\"}}"), r.stdout());
    Path oneshot = Files.writeString(dir.resolve("oneshot.yaml"), "version: v2\noneshot: true\n");
    Cli.Result classic = Cli.run(env, "preview", "--", "sh", "-c", "tbot start -c " + oneshot + " --no-oneshot");
    assertTrue(classic.stdout().contains("{\"key\":\"run_mode\",\"value\":{\"stringValue\":\"continuous\"}}"),
        classic.stdout());
    // su runs its string as another user, as it runs a command behind it: tbot's config is not found here.
    for (List<String> line : List.of(List.of("su", "bot", "-c", "tbot start -c " + yes),
        List.of("runuser", "-c", "exec tbot start -c " + yes, "bot"))) {
      Cli.Result su = Cli.run(env, concat(List.of("preview", "--"), line));
      assertEquals(1, su.exitCode(), line + ": " + su.stderr());
      assertTrue(su.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), line + ": " + su.stderr());
    }
    // A no set in a plain string for a wrapper is a no, as env's is, over the yes of the config exec
    // is given for it; a wrapper's yes stays exec's.
    assertSends(false, env, yes, "sh", "-c", "DO_NOT_TRACK=1 ./wrapper.sh");
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "version: v2\n");
    assertSends(true, env, plain, "sh", "-c", "exec ./wrapper.sh --flag");
    assertSends(true, env, plain, "sh", "-c", "./wrapper.sh; echo done");
    // A yes the string sets for tbot turns today's tbot's own telemetry on: left to tbot.
    Map<String, String> handedOver = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "PATH", "/bin");
    assertTrue(countedByTbot(List.of("sh", "-c", "TELEPORT_ANONYMOUS_TELEMETRY=1 exec tbot start"),
        handedOver, false) != null);
    assertNull(countedByTbot(List.of("sh", "-c", "exec tbot start"), handedOver, false));
  }

  @Test
  void aTbotInAStringOfAProgramExecDoesNotReadSendsNothing(@TempDir Path dir) throws Exception {
    // Shells exec did not know (fish, tcsh, csh, yash, posh), script -c (its $SHELL -c),
    // start-stop-daemon running a shell, and any program that runs a string as shell code: their
    // tbot reads the config's no. Red before: exec took each line for a wrapper's, counted it from
    // its own flags and sent.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    String string = "tbot start -c " + no;
    for (List<String> line : List.of(List.of("fish", "-c", string), List.of("/usr/bin/fish", "--no-config", "-c", string),
        List.of("tcsh", "-c", string), List.of("csh", "-fc", string), List.of("yash", "-c", string),
        List.of("posh", "-c", string), List.of("script", "-qc", string, "/dev/null"),
        List.of("script", "-q", "-e", "-c", "exec " + string, "/dev/null"),
        List.of("script", "--command", string), List.of("nice", "script", "-c", string),
        List.of("start-stop-daemon", "--start", "--exec", "/bin/sh", "--", "-c", string),
        List.of("start-stop-daemon", "-S", "-x", "/usr/bin/fish", "--", "-c", string),
        List.of("watch", "-n", "60", string), List.of("tmux", "new-session", "-d", string),
        List.of("fish", "-c", "tbot start --no-anonymous-analytics"), List.of("yash", "-c", "DO_NOT_TRACK=1 tbot start"))) {
      // Recorded with the string's no, or not at all: either way nothing is sent.
      Cli.Result r = preview(yes, line);
      assertEquals(0, r.exitCode(), line + ": " + r.stderr());
      assertTrue(r.stderr().contains("would send nothing") || r.stderr().contains("would record nothing"),
          line + ": " + r.stderr());
    }
    // A string that names no tbot leaves the wrapper counted, from the config exec is given.
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "version: v2\n");
    assertSends(true, yes, plain, "script", "-qc", "./wrapper.sh --flag", "/dev/null");
    assertSends(true, yes, plain, "fish", "-c", "./wrapper.sh");
  }

  @Test
  void aShellStringThatIsNoExactPassThroughOfTheTbotAfterItRecordsNothing(@TempDir Path dir) throws Exception {
    // The string may run code, set DO_NOT_TRACK or add a -c no.yaml (last wins) before the tbot
    // after it: its words are not shown. Red before: looked through to tbot, counted, sent.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (List<String> line : List.of(
        List.of("sh", "-c", ". /vault/secrets/config && exec \"$@\"", "--", "tbot", "start", "-c", yes.toString()),
        List.of("sh", "-c", "DO_NOT_TRACK=1 exec \"$@\"", "sh", "tbot", "start", "-c", yes.toString()),
        List.of("bash", "-c", "exec \"$@\" -c " + no + " --token hunter2", "bash", "tbot", "start", "-c", yes.toString()))) {
      assertRecordsNothing(env, line, "COMMAND runs tbot behind a shell's -c string exec does not parse");
      assertFalse(preview(env, line).stderr().contains("hunter2"), line.toString());
    }
    // An exact pass-through is looked through: that tbot's config is read, its no too.
    assertSends(true, env, "sh", "-c", "exec \"$@\"", "sh", "tbot", "start", "-c", yes.toString());
    assertSends(false, env, "sh", "-c", "exec \"$@\"", "sh", "tbot", "start", "-c", no.toString());
  }

  @Test
  void aShellThatReadsItsStartupFilesRecordsNothingAndALineThatRunsNothingToo(@TempDir Path dir) throws Exception {
    // fish's universal variables, .tcshrc and .zshenv may set DO_NOT_TRACK for tbot. Red before: sent.
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    String string = "tbot start -c " + yes;
    for (List<String> line : List.of(List.of("fish", "-c", string), List.of("tcsh", "-c", string),
        List.of("zsh", "-c", string))) {
      assertRecordsNothing(env, line, "COMMAND runs tbot in a shell's -c string exec does not parse");
    }
    for (List<String> line : List.of(List.of("fish", "-N", "-c", string), List.of("tcsh", "-f", "-c", string),
        List.of("zsh", "-f", "-c", string))) {
      assertSends(true, env, line.toArray(new String[0]));
    }
    // script -V prints its version, script under an empty SHELL cannot run its string, csh's last
    // -c without its string runs none: each exits 0, and no tbot ran. Red before: sent.
    for (List<String> line : List.of(List.of("script", "-V", "-qc", string, "/dev/null"),
        List.of("script", "-qc", string, "/dev/null", "--help"), List.of("env", "SHELL=", "script", "-qc", string),
        List.of("tcsh", "-fc", string, "-c"))) {
      assertRecordsNothing(env, line, "COMMAND runs nothing");
    }
  }

  @Test
  void aTbotInAShellStringExecCannotReadRecordsNothingAndItsWordsAreNotPrinted(@TempDir Path dir) throws Exception {
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    for (List<String> line : List.of(List.of("sh", "-c", "cd /opt && tbot start -c " + yes + " --token hunter2"),
        List.of("bash", "-lc", "tbot start -c " + yes + " --token hunter2"),
        List.of("nice", "sh", "-c", "tbot start -c \"$CONFIG\" --token hunter2"),
        List.of("su", "bot", "-c", "tbot start --token hunter2 | tee log"))) {
      Cli.Result r = Cli.run(Map.of(), concat(List.of("preview", "--anonymous-analytics", "--"), line));
      assertEquals(0, r.exitCode(), line + ": " + r.stderr());
      assertEquals("", r.stdout(), line + ": " + r.stderr());
      assertTrue(r.stderr().contains("exec would record nothing: COMMAND runs tbot in a shell's -c string exec does "
          + "not parse"), line + ": " + r.stderr());
      assertFalse(r.stderr().contains("hunter2"), line + ": " + r.stderr());
    }
  }

  @Test
  void aTbotThatEvalOrTrapRunsInAShellStringRecordsNothing(@TempDir Path dir) throws Exception {
    // eval and trap run their words as shell code: that tbot reads no.yaml, or gets DO_NOT_TRACK=1.
    // Red before: the line was read as eval's or trap's, a wrapper's, counted from exec's flags, sent.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (String string : List.of("eval 'tbot start -c " + no + "'", "eval DO_NOT_TRACK=1 tbot start",
        "trap 'tbot start -c " + no + "' EXIT", "command -p eval 'tbot start -c " + no + "'",
        "builtin eval 'tbot start -c " + no + "'", "time eval 'tbot start -c " + no + "'")) {
      Cli.Result r = Cli.run(env, "preview", "--", "sh", "-c", string);
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stdout(), string);
      assertTrue(r.stderr().contains("exec would record nothing: COMMAND runs tbot in a shell's -c string"),
          string + ": " + r.stderr());
    }
    // Names no tbot: a wrapper's, counted from the config exec is given.
    assertSends(true, env, Files.writeString(dir.resolve("plain.yaml"), "version: v2\n"), "sh", "-c", "eval ./wrapper.sh");
  }

  @Test
  void suSessionCommandIsSusStringAsItsCIs(@TempDir Path dir) throws Exception {
    // util-linux su's --session-command runs its string as -c does. Red before: the line was a
    // wrapper's, counted from exec's own flags and sent, while su's shell runs that tbot.
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (List<String> line : List.of(List.of("su", "bot", "--session-command", "tbot start -c /etc/no.yaml"),
        List.of("su", "--session-command=tbot start -c /etc/no.yaml", "bot"),
        List.of("runuser", "bot", "--session", "exec tbot start -c /etc/no.yaml"),
        // After su's --, its shell's own arguments: util-linux su hands them on, and -c runs the string.
        List.of("su", "bot", "-m", "--", "-c", "tbot start -c /etc/no.yaml"),
        List.of("su", "-m", "--", "bot", "-ec", "tbot start -c /etc/no.yaml"))) {
      // exec's own -c says yes; tbot's config, behind su, cannot be read here and may say no.
      Cli.Result r = Cli.run(env, concat(List.of("preview", "-c", yes.toString(), "--"), line));
      assertEquals(0, r.exitCode(), line + ": " + r.stderr());
      assertTrue(r.stderr().contains("would send nothing"), line + ": " + r.stderr());
    }
    assertFalse(TbotCommand.of(List.of("su", "bot", "--session-command", "tbot version")).counted());
    // --s is shell's, supp-group's or session-command's: su refuses it, and takes no string from it.
    assertEquals(List.of("su", "--s", "tbot version", "bot"),
        ShellString.commandLine(List.of("su", "--s", "tbot version", "bot"), Map.of()).words());
  }

  @Test
  void aBashStringRunAfterBashEnvRecordsNothing(@TempDir Path dir) throws Exception {
    // bash -c sources $BASH_ENV first, a script that may export a no or another config (a
    // Dockerfile's ENV BASH_ENV=~/.bashrc). Red before: the string was read as plain, and sent.
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Path bashEnv = Files.writeString(dir.resolve("env.sh"), "export DO_NOT_TRACK=1\n");
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "BASH_ENV", bashEnv.toString());
    for (List<String> line : List.of(List.of("bash", "-c", "tbot start -c " + yes),
        List.of("/usr/bin/bash", "-ec", "exec tbot start -c " + yes))) {
      Cli.Result r = Cli.run(env, concat(List.of("preview", "--"), line));
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("exec would record nothing: COMMAND runs tbot in a shell's -c string"),
          line + ": " + r.stderr());
    }
    // Set by a launcher in front of bash, too.
    Cli.Result r = Cli.run(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), "preview", "--", "env", "BASH_ENV=" + bashEnv,
        "bash", "-c", "tbot start -c " + yes);
    assertTrue(r.stderr().contains("exec would record nothing"), r.stderr());
    // sh and dash read no BASH_ENV (bash as sh does not either): read as plain.
    assertSends(true, env, "sh", "-c", "tbot start -c " + yes);
    assertSends(true, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "BASH_ENV", ""), "bash", "-c", "tbot start -c " + yes);
  }

  @Test
  void aShellsNameAmongTbotsOwnArgumentsIsNoShell(@TempDir Path dir) throws Exception {
    // A value of tbot's whose file name is a shell's (--destination /srv/sh) is no shell, and the -c
    // after it is tbot's config. Red before: read as sh -c STRING, the line lost tbot's -c and sent.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (String shell : List.of("/srv/sh", "./bash", "su", "flock")) {
      assertSends(false, env, "nice", "tbot", "start", "identity", "--destination", shell, "-c", no.toString());
      assertSends(false, env, "sudo", "tbot", "start", "--join-method", shell, "-c", no.toString());
    }
    // A user named tbot in front of a shell is no tbot: its string is read.
    assertEquals(List.of("gosu", "tbot", "tbot", "version"),
        ShellString.commandLine(List.of("gosu", "tbot", "sh", "-c", "tbot version"), Map.of()).words());
  }

  /** {@link TbotTelemetryHandoff#countedByTbot} for {@code command}, read as exec reads it. */
  private static String countedByTbot(List<String> command, Map<String, String> env, boolean keepTbotTelemetry) {
    return TbotTelemetryHandoff.countedByTbot(ShellString.commandLine(command, env), env, keepTbotTelemetry);
  }

  private static String[] concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all.toArray(new String[0]);
  }

  @Test
  void aConfigVariableInEnvSplitStringAfterItsCommandIsThatCommandsWord() throws Exception {
    // env -S './wrapper.sh TBOT_CONFIG=...' tbot start runs ./wrapper.sh, whose argument that word
    // is: env sets no TBOT_CONFIG, and a tbot the wrapper runs reads exec's own, which says no.
    // Red before: the string's TBOT_CONFIG, which says yes, was read in its place, and exec sent.
    String no = java.util.Base64.getEncoder().encodeToString(
        "version: v2\nanonymous_analytics: false\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String yes = java.util.Base64.getEncoder().encodeToString(
        "version: v2\nanonymous_analytics: true\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "TBOT_CONFIG", no);
    assertSends(false, env, "env", "-S", "./wrapper.sh TBOT_CONFIG=" + yes, "tbot", "start");
    assertSends(false, env, "env", "-S", "-u FOO ./wrapper.sh -v TBOT_CONFIG=" + yes, "tbot", "start");
    // Before its command, env sets it for tbot, as before: its yes is tbot's.
    assertSends(true, env, "env", "-S", "-u FOO TBOT_CONFIG=" + yes, "tbot", "start");
    assertSends(true, env, "env", "-S", "A=1 TBOT_CONFIG=" + yes, "tbot", "start");
  }

  @Test
  void aLauncherOrARunnerElsewhereNamedAsOnWindowsIsOneToo(@TempDir Path dir) throws Exception {
    // Windows runs env.exe for env and ENV.EXE, as it runs tbot.exe for tbot: red before, the no
    // env.exe sets for tbot or a wrapper went unread, and docker.exe's or ssh.exe's tbot was read
    // from a file of the same name here.
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    assertSends(false, yes, "env.exe", "TELEPORT_ANONYMOUS_TELEMETRY=0", "tbot.exe", "start");
    Path here = Files.writeString(dir.resolve("tbot.yaml"), "version: v2\nanonymous_analytics: true\n");
    // A wrapper's no, over the yes of the config exec is given for it.
    assertSends(false, yes, here, "C:\\Program Files\\Git\\usr\\bin\\ENV.EXE", "DO_NOT_TRACK=1", "wrapper.cmd");
    for (String program : new String[] {"docker.exe run img", "SSH.EXE host", "C:\\bin\\Kubectl.Exe exec pod --"}) {
      List<String> line = new ArrayList<>(List.of("preview", "--"));
      line.addAll(List.of(program.split(" ")));
      line.addAll(List.of("tbot.exe", "start", "-c", here.toString()));
      Cli.Result r = Cli.run(yes, line.toArray(new String[0]));
      assertEquals(1, r.exitCode(), program + ": " + r.stderr());
      assertTrue(r.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), program + ": " + r.stderr());
    }
  }

  @Test
  void aRelativeConfigBehindAProgramExecDoesNotKnowCannotBeFoundFromHere(@TempDir Path dir) throws Exception {
    // Such a program may run tbot in another directory (daemonize in /, or its -c DIR; a wrapper
    // script wherever it cds), where a relative path is another file, maybe one that says no: red
    // before, exec read the one in its own directory and sent. An absolute path is the same file
    // there. pkexec runs tbot as another user, in that user's home and environment, as su does.
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    Path config = Files.writeString(dir.resolve("tbot.yaml"), "version: v2\nanonymous_analytics: true\n");
    String relative = Path.of("").toAbsolutePath().relativize(config).toString();
    assertFalse(Path.of(relative).isAbsolute(), relative);
    assertSends(true, yes, "tbot", "start", "-c", relative); // no program in front: exec's directory is tbot's
    for (String program : new String[] {"daemonize -c /srv", "./run-tbot.sh", "/opt/ci/with-vault"}) {
      List<String> line = new ArrayList<>(List.of(program.split(" ")));
      line.addAll(List.of("tbot", "start", "-c", relative));
      Cli.Result r = preview(yes, line);
      assertEquals(1, r.exitCode(), program + ": " + r.stderr());
      assertTrue(r.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), program + ": " + r.stderr());
      // As TBOT_CONFIG_PATH, in exec's environment and so in tbot's.
      Map<String, String> path = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "TBOT_CONFIG_PATH", relative);
      Cli.Result fromEnv = preview(path, line.subList(0, line.size() - 2));
      assertEquals(1, fromEnv.exitCode(), program + ": " + fromEnv.stderr());
      assertTrue(fromEnv.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), fromEnv.stderr());
      List<String> absolute = new ArrayList<>(line.subList(0, line.size() - 1));
      absolute.add(config.toString());
      assertSends(true, yes, absolute.toArray(new String[0]));
    }
    // A launcher in front of that program does not tell where it runs tbot, and its TBOT_CONFIG_PATH,
    // found from that launcher's directory, is not found (red before: read from /srv whatever
    // run-tbot.sh does); one after it that sets an absolute directory does, and xargs keeps it.
    Map<String, String> pathVar = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "TBOT_CONFIG_PATH", "tbot.yaml");
    Cli.Result chdirFirst = preview(pathVar, List.of("env", "-C", dir.toString(), "./run-tbot.sh", "tbot", "start"));
    assertEquals(1, chdirFirst.exitCode(), chdirFirst.stderr());
    assertTrue(chdirFirst.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), chdirFirst.stderr());
    assertSends(true, yes, "./run-tbot.sh", "env", "-C", dir.toString(), "tbot", "start", "-c", "tbot.yaml");
    assertSends(true, pathVar, "./run-tbot.sh", "env", "-C", dir.toString(), "tbot", "start");
    assertSends(true, yes, "xargs", "tbot", "start", "-c", relative);
    Cli.Result pkexec = preview(yes, List.of("pkexec", "tbot", "start", "-c", config.toString()));
    assertEquals(1, pkexec.exitCode(), pkexec.stderr());
    assertTrue(pkexec.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), pkexec.stderr());
  }

  @Test
  void aWordAfterATbotNamedBehindAnotherProgramIsNotPrinted() {
    // tbot behind a program exec does not know may be a user's name, and the word after it that
    // program's value: red before, preview and exec's --debug line printed it (tbot hunter).
    Cli.Result r = Cli.run(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), "preview", "--", "htpasswd", "-b",
        "/etc/nginx/htpasswd", "tbot", "hunter");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("exec would record nothing"), r.stderr());
    assertFalse(r.stderr().contains("hunter"), r.stderr());
    // Also with a launcher in front of that program, or a program in env -S's string: red before,
    // printed 'tbot hunter', the launcher in front taken for the program that runs tbot.
    for (List<String> line : List.of(List.of("sudo", "htpasswd", "-b", "/etc/nginx/htpasswd", "tbot", "hunter"),
        List.of("nice", "rabbitmqctl", "change_password", "tbot", "hunter"),
        List.of("env", "-S", "htpasswd -b /etc/nginx/htpasswd", "tbot", "hunter"),
        List.of("timeout", "60", "env", "--split-string=rabbitmqctl change_password", "tbot", "hunter"),
        // The word is not named either where it is start and what follows a -- after it is refused.
        List.of("htpasswd", "-b", "/etc/nginx/htpasswd", "tbot", "start", "--", "-hunter"))) {
      Cli.Result behind = preview(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), line);
      assertEquals(0, behind.exitCode(), line + ": " + behind.stderr());
      assertTrue(behind.stderr().contains("tbot with a command word not shown"), line + ": " + behind.stderr());
      assertFalse(behind.stderr().contains("hunter"), line + ": " + behind.stderr());
    }
  }

  @Test
  void aUserNamedTbotInALaunchersOptionsIsNoTbot(@TempDir Path dir) throws Exception {
    // A service user named tbot: sudo -u tbot ./run.sh runs a wrapper as that user, counted from the
    // config exec is given as with the user bot. Red before: the user was taken for tbot, and its
    // "command word" ./run.sh not shown, so exec recorded nothing.
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    for (String launcher : new String[] {"sudo -u USER", "gosu USER", "runuser -u USER --", "chpst -u USER",
        "setpriv --reuid USER", "su-exec USER", "doas -u USER", "env -u USER", "nice sudo -nu USER"}) {
      for (String user : List.of("bot", "tbot")) {
        List<String> wrapper = new ArrayList<>(List.of(launcher.replace("USER", user).split(" ")));
        wrapper.add("./run.sh");
        assertSends(true, Map.of(), yes, wrapper.toArray(new String[0]));
        // A no on the wrapper's line is read, as on any wrapper's.
        List<String> flagged = new ArrayList<>(wrapper);
        flagged.add("--no-anonymous-analytics");
        assertSends(false, Map.of(), yes, flagged.toArray(new String[0]));
        // The tbot the launcher runs, or one the wrapper is given, is read as before.
        List<String> tbot = new ArrayList<>(wrapper.subList(0, wrapper.size() - 1));
        tbot.addAll(List.of("tbot", "start", "-c", no.toString()));
        assertSends(false, Map.of(), yes, tbot.toArray(new String[0]));
        List<String> given = new ArrayList<>(wrapper);
        given.addAll(List.of("tbot", "start", "-c", no.toString()));
        assertSends(false, Map.of(), yes, given.toArray(new String[0]));
      }
    }
    // start-stop-daemon names its program in an option's value: still tbot there, behind sudo too.
    assertSends(false, Map.of(), yes, "sudo", "-u", "tbot", "start-stop-daemon", "-S", "-x", "/usr/local/bin/tbot",
        "--", "start", "--no-anonymous-analytics");
    // But the options of the launchers in front of start-stop-daemon name none: its wrapper is counted
    // as behind sudo -u bot, and a no on its line read (red before: the user tbot was taken for tbot).
    for (String user : List.of("bot", "tbot")) {
      assertSends(true, Map.of(), yes, "sudo", "-u", user, "start-stop-daemon", "-S", "-x", "./run.sh", "--",
          "start");
      assertSends(false, Map.of(), yes, "sudo", "-u", user, "start-stop-daemon", "-S", "-x", "./run.sh", "--", "start",
          "--no-anonymous-analytics");
    }
    assertEquals(-1, LauncherChain.tbotAt(
        List.of("sudo", "-u", "tbot", "start-stop-daemon", "-S", "-x", "./run.sh", "--", "start")));
    assertEquals(6, LauncherChain.tbotAt(
        List.of("sudo", "-u", "tbot", "start-stop-daemon", "-S", "-x", "tbot", "--", "start")));
    // A launcher that names no program, its value tbot, runs nothing as before.
    assertFalse(TbotCommand.of(List.of("nice", "-n", "tbot")).counted());
    assertEquals(2, LauncherChain.tbotAt(List.of("nice", "-n", "tbot")));
    assertEquals(-1, LauncherChain.tbotAt(List.of("sudo", "-u", "tbot", "./run.sh")));
    assertEquals(3, LauncherChain.tbotAt(List.of("sudo", "-u", "tbot", "tbot", "start")));
  }

  @Test
  void chrtWithoutAPriorityRunsTheWordAfterItsOptions(@TempDir Path dir) throws Exception {
    // chrt (util-linux since 2025) takes a priority only where it is a number, for a policy that needs
    // none (chrt --other CMD runs CMD); one that needs one refuses any other word. Red before:
    // tbot, taken for the priority, was looked past, and the line read as a wrapper's "start",
    // counted from exec's yes while the real tbot read its config's no.
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    for (String chrt : new String[] {"chrt -o", "chrt --other", "chrt -b", "chrt --idle", "chrt -d -T 1000",
        "chrt --deadline --sched-period=2000", "chrt -o --", "nice chrt -ov", "sudo -u bot chrt --batch"}) {
      for (String tbot : List.of("tbot", "/usr/local/bin/tbot", "tbot-18")) {
        List<String> line = new ArrayList<>(List.of(chrt.split(" ")));
        line.addAll(List.of(tbot, "start", "-c", no.toString()));
        assertSends(false, Map.of(), yes, line.toArray(new String[0]));
      }
    }
    // So is a shell its command runs: its string is read.
    assertSends(false, Map.of(), yes, "chrt", "-o", "sh", "-c", "tbot start -c " + no);
    // A priority given is still its operand, and a number is never tbot.
    assertEquals(3, LauncherChain.commandAt(List.of("chrt", "-o", "0", "tbot", "start")));
    assertEquals(2, LauncherChain.commandAt(List.of("chrt", "-o", "tbot", "start")));
    assertEquals(4, LauncherChain.tbotAt(List.of("chrt", "-o", "0", "--", "tbot", "start")));
  }

  @Test
  void aTbotNamedBehindAnotherProgramIsReadAsBehindALauncher(@TempDir Path dir) throws Exception {
    // setpriv, flock, xargs, chpst ... run the tbot named among their arguments as a launcher does:
    // nice in front of them had its no read, and without nice the no went unseen and exec sent.
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (String program : new String[] {"setpriv --reuid=1000 --init-groups", "flock /tmp/tbot.lock", "xargs -0",
        "chpst -u bot", "s6-setuidgid bot", "./run.sh", "nice setpriv --reuid=1000"}) {
      List<String> line = new ArrayList<>(List.of(program.split(" ")));
      line.addAll(List.of("tbot", "start", "-c", no.toString()));
      assertSends(false, yes, line.toArray(new String[0]));
      List<String> flag = new ArrayList<>(List.of(program.split(" ")));
      flag.addAll(List.of("tbot", "start", "--no-anonymous-analytics"));
      assertSends(false, yes, flag.toArray(new String[0]));
      List<String> set = new ArrayList<>(List.of(program.split(" ")));
      set.addAll(List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=0", "tbot", "start"));
      assertSends(false, yes, set.toArray(new String[0]));
    }
    assertEquals("tbot start", TbotCommand.of(List.of("setpriv", "--reuid=1000", "tbot", "start")).describe());
    assertFalse(TbotCommand.of(List.of("flock", "/tmp/l", "tbot", "version")).counted(), "not a start");
    // A program of another root in front of tbot, as behind nice: its config cannot be found here.
    Cli.Result r = Cli.run(yes, "preview", "--", "chroot", dir.toString(), "tbot", "start", "-c", "/no.yaml");
    assertEquals(1, r.exitCode(), r.stderr());
    assertTrue(r.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), r.stderr());
    // tbot as another program's option value, whose -- ends that program's options: tbot gets what
    // follows (start-stop-daemon --exec tbot -- start -c no.yaml), where exec read only words.
    assertSends(false, yes, "start-stop-daemon", "--start", "--exec", "/usr/local/bin/tbot", "--", "start", "-c",
        no.toString());
    assertSends(false, yes, "nice", "start-stop-daemon", "--start", "--exec", "/usr/local/bin/tbot", "--", "start",
        "--no-anonymous-analytics");
    // flock is a launcher: it passes the -- on to tbot, which then refuses its -c (an argument).
    assertFalse(TbotCommand.of(List.of("flock", "/l", "tbot", "--", "start", "-c", no.toString())).counted());
    // A program that names no tbot is still a wrapper, counted from the config exec is given: its
    // arguments are not tbot's (no.yaml's no is not read).
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "version: v2\n");
    assertSends(true, yes, plain, "setpriv", "--reuid=1000", "./run-tbot.sh", "-c", no.toString());
  }

  @Test
  void aDashDashALauncherPassesOnIsTbotsAndWhatFollowsItArguments(@TempDir Path dir) throws Exception {
    // nice passes tbot its --: kingpin then reads start and every word after it as arguments, and
    // refuses the -c that start does not take, so tbot starts nothing. Red before: the -- was
    // dropped as behind any program, the yes in yes.yaml read and the start said to be sent.
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    for (Map.Entry<Map<String, String>, Path> run : Map.of(Map.<String, String>of(), yes,
        Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), no).entrySet()) {
      for (List<String> line : List.of(List.of("nice", "tbot", "--", "start", "-c", run.getValue().toString()),
          List.of("timeout", "60", "tbot", "--", "start", "--config=" + run.getValue()),
          List.of("tbot", "--", "start", "-c", run.getValue().toString()),
          // Long options abbreviated, as getopt_long takes them: red before, --sig's KILL taken for
          // timeout's duration and 60 for its command.
          List.of("timeout", "--sig", "KILL", "60", "tbot", "--", "start", "-c", run.getValue().toString()),
          List.of("nice", "--adj", "5", "tbot", "--", "start", "-c", run.getValue().toString()),
          // An empty env -S string names no program: env runs tbot. Red before: its one empty word
          // was taken for the program in front of tbot.
          List.of("env", "-S", " ", "tbot", "--", "start", "-c", run.getValue().toString()))) {
        Cli.Result r = preview(run.getKey(), line);
        assertEquals(0, r.exitCode(), line + ": " + r.stderr());
        assertEquals("", r.stdout(), line + ": " + r.stderr());
        assertTrue(r.stderr().contains("exec would record nothing: COMMAND runs tbot start with an argument after "
            + "'--' it does not take"), line + ": " + r.stderr());
      }
    }
    // A launcher right in front of tbot behind another program passes it on too (red before: sent);
    // the word after tbot is not named there, as behind any such program.
    Cli.Result behind = Cli.run(Map.of(), "preview", "--", "xargs", "nice", "tbot", "--", "start", "-c", yes.toString());
    assertEquals("", behind.stdout(), behind.stderr());
    assertTrue(behind.stderr().contains("exec would record nothing: COMMAND runs tbot with a command word not shown"),
        behind.stderr());
    // tbot -- start alone is a start; behind a program that is not a launcher the -- is that program's.
    assertSends(true, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), "nice", "tbot", "--", "start");
    assertSends(true, Map.of(), "start-stop-daemon", "-S", "--exec", "tbot", "--", "start", "-c", yes.toString());
  }

  @Test
  void aLineTbotRefusesForAWordItsStartDoesNotTakeRecordsNothing(@TempDir Path dir) throws Exception {
    // After a flag of start's own kingpin runs the classic start, which takes no argument: it refuses
    // 'app' ("unexpected app"), after a '--' or not, before reading yes.yaml. xargs runs tbot with the
    // -- after it, as a launcher does; time -p runs the first tbot, with the arguments 'tbot start',
    // which name no command; kingpin makes the 'true' of --oneshot=true an argument of its own, which
    // the bool takes not. Red before: yes.yaml's yes read and preview said exec would send.
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    for (List<String> line : List.of(List.of("tbot", "start", "--oneshot", "-c", yes.toString(), "--", "app"),
        List.of("tbot", "start", "-c", yes.toString(), "--oneshot", "app"),
        List.of("tbot", "start", "-c", yes.toString(), "--oneshot=true"),
        List.of("xargs", "tbot", "--", "start", "-c", yes.toString()),
        List.of("time", "-p", "tbot", "tbot", "start", "-c", yes.toString()))) {
      Cli.Result r = preview(Map.of(), line);
      assertEquals(0, r.exitCode(), line + ": " + r.stderr());
      assertEquals("", r.stdout(), line + ": " + r.stderr());
      assertTrue(r.stderr().startsWith("tbot-otel: preview only, nothing was sent. exec would record nothing: "),
          line + ": " + r.stderr());
    }
    Cli.Result r = Cli.run(Map.of(), "preview", "--", "tbot", "start", "--oneshot", "app");
    assertTrue(r.stderr().contains("exec would record nothing: COMMAND runs tbot start with an argument its classic "
        + "start does not take: tbot refuses the line and starts nothing."), r.stderr());
    // A word after a flag exec does not know may be that flag's value, for a newer tbot: counted.
    assertSends(true, Map.of(), "tbot", "start", "-c", yes.toString(), "--oneshot", "--future-flag", "app");
  }

  /**
   * util-linux's runuser -u USER runs its command as sudo -u does, but in exec's directory and
   * environment (it refuses -l with -u; only HOME, USER, LOGNAME and maybe PATH change): tbot's
   * config is found here, a relative one too, and a TELEPORT_BOT_TOKEN of exec's is tbot's. Its
   * getopt permutes: a tbot flag before no '--' is runuser's, which refuses -c with -u or runs tbot
   * without it. Red before: runuser was taken for a program of another root ("cannot be found
   * from here"), the user tbot for the program (nothing recorded), and the refused line was sent.
   */
  @Test
  void runuserWithAUserRunsTbotHereAsSudoDoes(@TempDir Path dir) throws Exception {
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Map<String, String> execSaysYes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    assertSends(true, Map.of(), "runuser", "-u", "bot", "--", "tbot", "start", "-c", yes.toString());
    assertSends(true, Map.of(), "runuser", "-u", "tbot", "--", "tbot", "start", "-c", yes.toString());
    assertSends(true, Map.of(), "runuser", "-u", "bot", "tbot", "--", "start", "-c", yes.toString());
    assertSends(false, execSaysYes, "runuser", "-u", "bot", "--", "tbot", "start", "-c", no.toString());
    assertSends(false, execSaysYes, "runuser", "-u", "tbot", "--", "tbot", "start", "-c", no.toString());
    assertSends(false, execSaysYes, "runuser", "-u", "bot", "--", "env", "DO_NOT_TRACK=1", "tbot", "start", "-c",
        yes.toString());
    assertSends(false, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "TBOT_CONFIG_PATH", no.toString()),
        "runuser", "-u", "bot", "--", "tbot", "start");
    assertEquals(null, LauncherDirectory.directory(List.of("runuser", "-u", "bot", "--", "tbot", "start")));
    assertEquals("tbot.yaml", ChildArgs.parse(List.of("runuser", "-u", "bot", "--", "tbot", "start", "-c", "tbot.yaml"))
        .config());
    for (List<String> line : List.of(List.of("runuser", "-u", "tbot", "tbot", "start", "-c", yes.toString()),
        List.of("runuser", "-u", "bot", "-l", "--", "tbot", "start", "-c", yes.toString()),
        List.of("runuser", "-u", "bot", "tbot", "start", "--config", yes.toString()))) {
      Cli.Result r = Cli.run(Map.of(), concat(List.of("preview", "--"), line));
      assertEquals(0, r.exitCode(), line + ": " + r.stderr());
      assertEquals("", r.stdout(), line + ": " + r.stderr());
      assertTrue(r.stderr().startsWith("tbot-otel: preview only, nothing was sent. exec would record nothing: "
          + "COMMAND's runuser -u"), line + ": " + r.stderr());
    }
    Path config = Files.writeString(dir.resolve("iam.yaml"), "version: v2\nonboarding: {join_method: iam}\n");
    for (String launcher : new String[] {"runuser -u teleport --", "runuser -m -u teleport --", "runuser --user=tbot --"}) {
      assertJoinType("token", Map.of("TELEPORT_BOT_TOKEN", "abc"), launcher, config);
    }
    // Without -u runuser is su, as before: its string runs in the user's shell and login.
    Cli.Result su = Cli.run(Map.of(), "preview", "--anonymous-analytics", "--", "runuser", "bot", "-c",
        "tbot start -c " + yes);
    assertTrue(su.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), su.stderr());
  }

  /**
   * util-linux's su refuses -u (--user; runuser's, its getopt takes it, then su says "Try 'su
   * --help'"), an option it does not know (getopt permutes: tbot's flags before no '--' are su's),
   * one without its value, -m or -p with -w, and prints its help or version for -h or -V: it runs
   * nothing, so exec records nothing and says so, in front of launchers, behind them and in a
   * shell's string alike.
   * Without those, su's string still runs in the user's shell and login, as before.
   */
  @Test
  void aSuThatRefusesItsOptionsOrPrintsItsHelpRecordsNothing(@TempDir Path dir) throws Exception {
    for (String line : new String[] {"su -u bot tbot start -c tbot.yaml", "su -u bot tbot start --config /etc/tbot.yaml",
        "su --user=bot -- tbot start", "su bot --xyz -c tbot_start", "sudo su -ubot tbot start",
        "nice su bot -c tbot_start --config /etc/tbot.yaml", "su bot -h -c tbot_start", "su -V", "su bot -s",
        "runuser bot --xyz -c tbot_start", "sh -c su_-u_bot_tbot_start", "su --s /bin/sh bot -c tbot_start",
        "su -m -w FOO bot -c tbot_start_-c_tbot.yaml"}) {
      List<String> words = new ArrayList<>();
      for (String word : line.split(" ")) {
        words.add(word.replace('_', ' '));
      }
      Cli.Result r = Cli.run(Map.of(), concat(List.of("preview", "--anonymous-analytics", "--"), words));
      assertEquals(0, r.exitCode(), line + ": " + r.stderr());
      assertEquals("", r.stdout(), line + ": " + r.stderr());
      assertEquals("tbot-otel: preview only, nothing was sent. exec would record nothing: COMMAND's su (or runuser "
          + "without -u) runs nothing: it refuses -u (runuser's), an option it does not know, ambiguous or without "
          + "its value, and -m or -p with -w, and prints its help or version for -h or -V (give su USER -c 'COMMAND', "
          + "or runuser -u USER -- COMMAND).\n", r.stderr(), line);
    }
    Cli.Result su =
        Cli.run(Map.of(), "preview", "--anonymous-analytics", "--", "su", "bot", "-c", "tbot start -c tbot.yaml");
    assertTrue(su.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), su.stderr());
    // A string that names no tbot is a wrapper's, counted from the config exec is given.
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "version: v2\n");
    Cli.Result wrapper = Cli.run(Map.of(), "preview", "--anonymous-analytics", "-c", plain.toString(), "--", "su", "bot",
        "-c", "./run-tbot");
    assertTrue(wrapper.stderr().contains("would send it"), wrapper.stderr());
  }

  @Test
  void aTbotRunInAContainerOrOnAnotherHostHasItsConfigThere(@TempDir Path dir) throws Exception {
    // tbot named behind docker, kubectl or ssh reads its config in the container or on the other
    // host: a file of the same name here (which says yes, or counts other outputs) is not it.
    Path here = Files.writeString(dir.resolve("tbot.yaml"), "version: v2\nanonymous_analytics: true\n");
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (String program : new String[] {"docker run --rm ghcr.io/example/tbot", "podman run img",
        "nerdctl run img", "kubectl exec -i pod --", "oc exec pod --", "ssh bot@host", "incus exec c --",
        "lxc exec c --", "machinectl shell bot@c", "distrobox enter box --", "apptainer exec img.sif",
        "singularity exec img.sif", "sudo docker exec ctr", "docker-compose run svc", "crictl exec -i c",
        "ctr run img id", "lxc-attach -n c --", "toolbox run", "wsl -d Ubuntu --", "nomad alloc exec id"}) {
      List<String> line = new ArrayList<>(List.of("preview", "--"));
      line.addAll(List.of(program.split(" ")));
      line.addAll(List.of("tbot", "start", "-c", here.toString()));
      Cli.Result r = Cli.run(yes, line.toArray(new String[0]));
      assertEquals(1, r.exitCode(), program + ": " + r.stderr());
      assertTrue(r.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), program + ": " + r.stderr());
    }
  }

  @Test
  void aLauncherOfTbotAloneRunsTbotWithoutACommand() {
    assertEquals(List.of("tbot"), Launcher.tbotLine(List.of("env", "tbot")));
    assertEquals(List.of("tbot"), Launcher.tbotLine(List.of("gosu", "tbot", "tbot")));
    assertEquals("tbot without a command", TbotCommand.of(List.of("nohup", "tbot")).describe());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"gosu tbot", "su-exec tbot", "sudo -u tbot", "doas -u tbot", "gosu tbot:tbot",
      "runuser -u tbot --", "runuser --user tbot --", "runuser -mu tbot --"})
  void aUserNamedTbotIsNotTakenForTheProgram(String launcher) {
    List<String> line = new ArrayList<>(List.of(launcher.split(" ")));
    line.addAll(List.of("/usr/local/bin/tbot", "start", "-c", "a.yaml"));
    assertEquals("tbot start", TbotCommand.of(line).describe(), line.toString());
    assertEquals("a.yaml", ChildArgs.parse(line).config(), line.toString());
  }

  @Test
  void whatALauncherSetsInTheEnvironmentIsWhatTbotReads(@TempDir Path dir) throws Exception {
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Map<String, String> env = Map.of("TBOT_CONFIG_PATH", yes.toString());
    // tbot's config, from the variable the launcher sets or unsets.
    assertSends(false, env, "env", "TBOT_CONFIG_PATH=" + no, "tbot", "start");
    assertSends(false, env, "sudo", "TBOT_CONFIG_PATH=" + no, "tbot", "start");
    assertSends(true, env, "env", "tbot", "start");
    assertSends(false, env, "env", "-u", "TBOT_CONFIG_PATH", "tbot", "start"); // no config: no yes
    assertSends(false, env, "env", "--unset=TBOT_CONFIG_PATH", "tbot", "start");
    assertSends(false, env, "env", "-uTBOT_CONFIG_PATH", "tbot", "start");
    // A -u whose name is the next argument, tbot: the environment is as given, nothing thrown.
    assertEquals(env, LauncherEnvironment.environment(List.of("env", "-u", "tbot", "start"), env));
    assertSends(false, env, "env", "-i", "PATH=/bin", "tbot", "start");
    assertSends(false, env, "env", "-", "tbot", "start"); // env's old spelling of -i
    // A non-option to env's getopt ("+": it stops there), so env reads no option after it: a -S
    // there is a NAME=VALUE with its odd name, a -i the command. Found by the launcher test's seed
    // 10 (ACCURACY): exec read -S's TELEPORT_ANONYMOUS_TELEMETRY=1 as tbot's, which got none.
    Map<String, String> afterDash = LauncherEnvironment.asTbotGetsIt(
        List.of("env", "-", "-S-i TELEPORT_ANONYMOUS_TELEMETRY=1", "X=0", "tbot", "start"), Map.of());
    assertEquals(Map.of("-S-i TELEPORT_ANONYMOUS_TELEMETRY", "1", "X", "0"), afterDash);
    // -i runs, with tbot among its arguments (it was read as env's -i, and tbot start as env's command).
    assertEquals("tbot with a command word not shown (it may be a value)",
        TbotCommand.of(List.of("env", "-", "-i", "tbot", "start")).describe());
    assertSends(false, env, "env", "-vi", "tbot", "start");
    // A no given to tbot is a no; a yes given to tbot is tbot's own, not exec's.
    Map<String, String> execSaysYes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    assertSends(false, execSaysYes, "env", "TELEPORT_ANONYMOUS_TELEMETRY=0", "tbot", "start");
    assertSends(false, execSaysYes, "env", "DO_NOT_TRACK=1", "timeout", "60", "tbot", "start");
    assertSends(true, execSaysYes, "env", "-i", "tbot", "start");
    assertSends(true, execSaysYes, "env", "-u", "TELEPORT_ANONYMOUS_TELEMETRY", "tbot", "start");
    assertSends(false, Map.of(), "env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "tbot", "start");
    // The same no in front of a command that is not tbot (exec counts it as a start, from the config
    // it is given: plain, which says neither yes nor no): red before, the no was read only where
    // tbot was named on the line.
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "version: v2\n");
    assertSends(false, execSaysYes, plain, "env", "TELEPORT_ANONYMOUS_TELEMETRY=0", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "env", "DO_NOT_TRACK=1", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "env", "OTEL_SDK_DISABLED=true", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "sudo", "TELEPORT_ANONYMOUS_TELEMETRY=0", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "sudo", "-u", "bot", "env", "-i", "DO_NOT_TRACK=1", "./wrapper.sh", "start");
    assertSends(true, execSaysYes, plain, "env", "FOO=1", "./wrapper.sh");
    assertSends(true, execSaysYes, plain, "env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "./wrapper.sh");
    assertSends(true, execSaysYes, plain, "env", "-u", "TELEPORT_ANONYMOUS_TELEMETRY", "./wrapper.sh");
    assertSends(false, Map.of(), plain, "env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "./wrapper.sh"); // not exec's yes
    // A launcher runs its command with the same arguments: the env behind nice, timeout or gosu is
    // run as much as a leading one, and its no is a no (red before: nice env ... sent).
    assertSends(false, execSaysYes, plain, "nice", "env", "TELEPORT_ANONYMOUS_TELEMETRY=0", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "nice", "-n", "5", "env", "DO_NOT_TRACK=1", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "timeout", "10", "sudo", "OTEL_SDK_DISABLED=true", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "gosu", "bot", "env", "-i", "DO_NOT_TRACK=1", "./wrapper.sh");
    // And behind util-linux's, runit's and s6's runners, launchers too (red before: setpriv ... env
    // DO_NOT_TRACK=1 ./wrapper.sh sent, where nice in front of setpriv did not).
    assertSends(false, execSaysYes, plain, "setpriv", "--reuid=1000", "env", "DO_NOT_TRACK=1", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "flock", "/tmp/l", "sudo", "TELEPORT_ANONYMOUS_TELEMETRY=0", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "chpst", "-u", "bot", "env", "OTEL_SDK_DISABLED=true", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "s6-setuidgid", "bot", "env", "DO_NOT_TRACK=1", "./wrapper.sh");
    assertSends(true, execSaysYes, plain, "setpriv", "--reuid=1000", "env", "FOO=1", "./wrapper.sh");
    // And behind any other program, which may run it as a launcher does (xargs, flock, a script):
    // every env and sudo on the line is read, as for a tbot in env -S, since any no wins (red
    // before: xargs env DO_NOT_TRACK=1 ./wrapper.sh sent from exec's own flags).
    assertSends(false, execSaysYes, plain, "xargs", "env", "DO_NOT_TRACK=1", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "flock", "/tmp/l", "env", "TELEPORT_ANONYMOUS_TELEMETRY=0", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "./run.sh", "env", "DO_NOT_TRACK=1", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "xargs", "-0", "sudo", "-u", "bot", "OTEL_SDK_DISABLED=true", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "xargs", "env", "-S", "DO_NOT_TRACK=1", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "./run.sh", "nice", "env", "DO_NOT_TRACK=1", "./wrapper.sh");
    assertSends(true, execSaysYes, plain, "xargs", "env", "FOO=1", "./wrapper.sh");
    assertSends(true, execSaysYes, plain, "xargs", "env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "./wrapper.sh");
    assertSends(true, execSaysYes, plain, "xargs", "env", "-u", "DO_NOT_TRACK", "./wrapper.sh");
    assertSends(false, Map.of(), plain, "xargs", "env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "./wrapper.sh"); // not exec's yes
    // env -S splits its string into more words, whose NAME=VALUE ones it sets too (red before: the
    // no in the string was not read, in front of tbot or not). Only a no is taken from it.
    assertSends(false, execSaysYes, plain, "env", "-S", "DO_NOT_TRACK=1", "./wrapper.sh");
    assertSends(false, execSaysYes, plain, "env", "-SDO_NOT_TRACK=1 ./wrapper.sh");
    assertSends(false, execSaysYes, plain, "env", "--split-string=FOO=1  TELEPORT_ANONYMOUS_TELEMETRY='0'", "./wrapper.sh");
    assertSends(false, execSaysYes, "env", "-S", "OTEL_SDK_DISABLED=true", "tbot", "start");
    // The string is also read whole, as env without -S would set it, but as code a value ends at its
    // first blank: "1", no "1 FOO=2", which is no true value and would be a no (red with the value
    // read to the end, once any value but a true one became a no).
    assertSends(true, execSaysYes, plain, "env", "-S", "TELEPORT_ANONYMOUS_TELEMETRY=1 FOO=2", "./wrapper.sh");
    assertSends(true, execSaysYes, plain, "sh", "-c", "TELEPORT_ANONYMOUS_TELEMETRY=1 ./wrapper.sh");
    assertSends(false, execSaysYes, plain, "sh", "-c", "TELEPORT_ANONYMOUS_TELEMETRY=disabled ./wrapper.sh");
    assertSends(false, Map.of(), plain, "env", "-S", "TELEPORT_ANONYMOUS_TELEMETRY=1", "./wrapper.sh"); // not exec's yes
    // Nor only up to the program env runs: its arguments may be a line it runs in turn, as a
    // ./run.sh's are, which exec cannot tell apart (a no read there errs toward the rule).
    assertSends(false, execSaysYes, plain, "env", "FOO=1", "./wrapper.sh", "env", "TELEPORT_ANONYMOUS_TELEMETRY=0");
    // A line of launchers only (env prints the environment it makes): their no counts all the same.
    assertSends(false, execSaysYes, plain, "env", "DO_NOT_TRACK=1");
    assertEquals("1", LauncherEnvironment.environment(List.of("sudo", "env", "DO_NOT_TRACK=1"), execSaysYes).get("DO_NOT_TRACK"));
    assertSends(false, execSaysYes, plain, "./wrapper.sh", "env", "TELEPORT_ANONYMOUS_TELEMETRY=0"); // as ./run.sh env ...
    // Only env and sudo set variables: timeout's NAME=value would be its duration, not one, and
    // doas has no such words (doas X=1 tbot runs a program named X=1, which tbot's config is not
    // read for).
    assertSends(true, env, "nice", "TBOT_CONFIG_PATH=" + no, "tbot", "start");
    assertSends(true, env, "doas", "TBOT_CONFIG_PATH=" + no, "tbot", "start");
    assertSends(true, env, "doas", "-a", "passwd", "TBOT_CONFIG_PATH=" + no, "tbot", "start");
  }

  @Test
  void sudoAndDoasGiveTbotNoJoinTokenFromExecsEnvironmentUnlessItIsPreserved(@TempDir Path dir) throws Exception {
    // sudo resets the environment by default (sudoers' env_reset: TERM, PATH, HOME and the like are
    // kept), and doas does without keepenv: a TELEPORT_BOT_TOKEN in exec's environment never reaches
    // tbot, which joins as its config says; exec reported token. -E and --preserve-env keep it, in
    // a cluster too; a --preserve-env=LIST is set after the reset, as NAME=VALUE is (sudo's
    // parse_env_list; sudo refuses -i with -E, and under -i nothing is recorded:
    // sudosLoginShellRecordsNothing).
    Path config = Files.writeString(dir.resolve("iam.yaml"), "version: v2\nonboarding: {join_method: iam}\n");
    // sudo -s runs tbot through the caller's $SHELL (unset: its login shell, which depends on who
    // runs the tests): one exec reads the line of.
    Map<String, String> token = Map.of("TELEPORT_BOT_TOKEN", "abc", "SHELL", "/bin/bash");
    for (String launcher : new String[] {"sudo", "sudo -u teleport", "sudo -n -u teleport --", "doas -u teleport",
        "sudo --preserve-env=PATH -u teleport", "timeout 60 sudo -u teleport", "sudo -u teleport env",
        "sudo -s -u teleport", "sudo -H -u teleport", "sudo -u teleport --preserve-env=PATH", "doas -n"}) {
      assertJoinType("iam", token, launcher, config);
    }
    for (String launcher : new String[] {"sudo -E -u teleport", "sudo -Eu teleport", "sudo --preserve-env -u teleport",
        "sudo --preserve-env=PATH,TELEPORT_BOT_TOKEN -u teleport", "sudo --preserve-env=TELEPORT_BOT_TOKEN",
        "sudo -H --preserve-env=TELEPORT_BOT_TOKEN,PATH", "sudo --preserve-e=TELEPORT_BOT_TOKEN -u teleport",
        "sudo -HE -u teleport", "sudo -sE", "sudo -nEu teleport", "sudo -u teleport TELEPORT_BOT_TOKEN=abc",
        "sudo -u teleport env TELEPORT_BOT_TOKEN=abc", "gosu teleport", "su-exec teleport", "env"}) {
      assertJoinType("token", token, launcher, config);
    }
  }

  private static void assertJoinType(String expected, Map<String, String> env, String launcher, Path config) {
    List<String> args = new ArrayList<>(List.of("preview", "--"));
    args.addAll(List.of(launcher.split(" ")));
    args.addAll(List.of("tbot", "start", "-c", config.toString()));
    Cli.Result r = Cli.run(env, args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("{\"key\":\"join_type\",\"value\":{\"stringValue\":\"" + expected + "\"}}"),
        launcher + ": " + r.stdout());
  }

  @Test
  void aRelativeConfigIsFoundWhereTheLauncherRunsTbot(@TempDir Path dir) throws Exception {
    // env -C and sudo -D run tbot in another directory: its relative -c is read from there (it was
    // read from exec's, where another file, or none, may be; the no in tbot's went unseen).
    Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    String d = dir.toString();
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (List<String> launcher : List.of(List.of("env", "-C", d), List.of("env", "--chdir=" + d),
        List.of("env", "-C" + d), List.of("env", "--chdir", d), List.of("sudo", "-D", d), List.of("sudo", "-D" + d),
        List.of("sudo", "--chdir=" + d), List.of("sudo", "-u", "bot", "-D", d))) {
      List<String> no = new ArrayList<>(launcher);
      no.addAll(List.of("tbot", "start", "-c", "no.yaml"));
      assertSends(false, yes, no.toArray(new String[0]));
      List<String> yesLine = new ArrayList<>(launcher);
      yesLine.addAll(List.of("tbot", "start", "-c", "yes.yaml"));
      assertSends(true, Map.of(), yesLine.toArray(new String[0]));
    }
    assertSends(false, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "TBOT_CONFIG_PATH", "no.yaml"), "env", "-C", d, "tbot",
        "start");
    // env -S's string, or a program of another root: the no was missed, and the event sent.
    for (List<String> line : List.of(List.of("env", "-S", "-C " + d, "tbot", "start", "-c", "no.yaml"),
        List.of("nice", "chroot", d, "tbot", "start", "-c", "/no.yaml"))) {
      Cli.Result r = preview(yes, line);
      assertEquals(1, r.exitCode(), line + ": " + r.stderr());
      assertTrue(r.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), line + ": " + r.stderr());
    }
    // Behind another launcher, or abbreviated: the no was missed, and the event sent.
    assertSends(false, yes, "timeout", "60", "env", "-C", d, "tbot", "start", "-c", "no.yaml");
    assertSends(false, yes, "sudo", "env", "-C", d, "tbot", "start", "-c", "no.yaml");
    assertSends(false, yes, "env", "--ch=" + d, "tbot", "start", "-c", "no.yaml");
    assertSends(false, yes, "timeout", "60", "env", "TELEPORT_ANONYMOUS_TELEMETRY=0", "tbot", "start", "-c",
        dir.resolve("yes.yaml").toString());
    assertEquals(dir.resolve("no.yaml").toString(),
        ChildArgs.parse(List.of("env", "-C", d, "tbot", "start", "-c", "no.yaml")).config());
    assertEquals("/etc/tbot.yaml", ChildArgs.parse(List.of("env", "-C", d, "tbot", "start", "-c", "/etc/tbot.yaml")).config());
    // sudo -i runs tbot in the target user's home, which exec cannot know, through a login shell
    // whose profile exec does not read either: nothing is recorded, with exec's own -c too
    // (sudosLoginShellRecordsNothing). Under sudo -R, no path is exec's: one line says so.
    Path own = Files.writeString(dir.resolve("own.yaml"), "version: v2\nanonymous_analytics: true\n");
    for (String login : new String[] {"-i", "--login", "-iu", "-ni"}) {
      List<String> line = new ArrayList<>(List.of("preview", "-c", own.toString(), "--", "sudo", login));
      if (login.equals("-iu")) {
        line.add("bot");
      }
      line.addAll(List.of("tbot", "start", "-c", "tbot.yaml"));
      Cli.Result r = Cli.run(Map.of(), line.toArray(new String[0]));
      assertTrue(r.stderr().contains("exec would record nothing: COMMAND sets tbot's environment from files"),
          line + ": " + r.stderr());
    }
    Cli.Result elsewhere = Cli.run(yes, "preview", "--", "sudo", "-R", "/jail", "tbot", "start", "-c", "tbot.yaml");
    assertEquals("tbot-otel: tbot's config cannot be found from here: sudo -R, env -S, chroot, a container, "
        + "another host and the like run tbot where exec cannot see, and a program exec does not know may; give tbot's "
        + "config as an absolute path and run tbot without them, or give exec a copy of it with its own -c.",
        elsewhere.stderr().strip());
    // As it says: exec's own -c is read in its place, and its no is a no.
    Path copy = Files.writeString(dir.resolve("copy.yaml"), "version: v2\nanonymous_analytics: false\n");
    Cli.Result withCopy = Cli.run(yes, "preview", "-c", copy.toString(), "--", "sudo", "-R", "/jail", "tbot", "start",
        "-c", "tbot.yaml");
    assertTrue(withCopy.stderr().contains("would send nothing"), withCopy.stderr());
    // Each way of writing the directory, and of a login; not a login where an i is a value.
    for (String line : new String[] {"env -C /d", "env -C/d", "env --chdir /d", "env --chdir=/d", "env -iC /d",
        "env -iC/d", "env -u X -C /d", "sudo -D /d", "sudo -D/d", "sudo -nD /d", "sudo -nD/d", "sudo --chdir=/d",
        "sudo -u bot -D /d", "sudo -ubot -D /d"}) {
      List<String> command = new ArrayList<>(List.of(line.split(" ")));
      command.addAll(List.of("tbot", "start"));
      assertEquals("/d", LauncherDirectory.directory(command), line);
    }
    for (String line : new String[] {"sudo -i", "sudo --login", "sudo -iu bot", "sudo -ni", "sudo -Eiu bot",
        "sudo -u bot -i"}) {
      List<String> command = new ArrayList<>(List.of(line.split(" ")));
      command.addAll(List.of("tbot", "start"));
      assertEquals(LauncherDirectory.ELSEWHERE, LauncherDirectory.directory(command), line);
    }
    // Through other launchers, abbreviated, one after another; under a chroot no path is exec's.
    for (String line : new String[] {"timeout 60 env -C /d", "sudo env -C /d", "env --ch=/d", "env --c /d",
        "nice -n 5 sudo -D /d", "env -C /x env -C /d", "env -C / env -C d", "sudo --chd=/d", "env --ignore-environment -C /d", "env -C ''"}) {
      List<String> command = new ArrayList<>(List.of(line.replace("''", "").split(" ", -1)));
      command.addAll(List.of("tbot", "start"));
      assertEquals(line.endsWith("''") ? "" : "/d", LauncherDirectory.directory(command), line);
    }
    for (String line : new String[] {"sudo -R /jail", "sudo --chroot=/jail", "sudo -i -R /jail", "sudo -R /jail -i",
        "env -S -C/d", "env --split-string=-C/d", "nice chroot /jail", "sudo chroot /jail", "timeout 60 nsenter -m -t 1",
        "env unshare --root=/jail",
        // Other roots, machines and containers: a local file at the same path is not tbot's.
        "arch-chroot /mnt", "multipass exec vm --", "limactl shell vm", "pct exec 100 --", "pdsh -w host",
        "mosh host --", "autossh -M 0 host", "buildah run ctr --", "runc exec ctr", "jexec jail", "lxc-execute -n c --"}) {
      List<String> command = new ArrayList<>(List.of(line.split(" ")));
      command.addAll(List.of("tbot", "start", "-c", "/etc/tbot.yaml"));
      assertEquals(LauncherDirectory.OPAQUE, LauncherDirectory.directory(command), line);
      assertTrue(ChildArgs.parse(command).configElsewhere(Map.of()), line);
    }
    assertEquals(LauncherDirectory.OPAQUE, LauncherDirectory.directory(List.of("sudo", "--ch", "/d", "tbot")), "chdir or chroot: the safer");
    assertNull(LauncherDirectory.directory(List.of("sudo", "env", "-i", "tbot", "start")), "env's -i is no login");
    assertEquals(LauncherDirectory.ELSEWHERE, LauncherDirectory.directory(List.of("sudo", "-i", "env", "-C", "/d", "tbot")), "from home");
    assertEquals(LauncherDirectory.ELSEWHERE, LauncherDirectory.directory(List.of("env", "-C", "/x", "env", "-C", "a\0b", "tbot")),
        "no such directory");
    for (String line : new String[] {"sudo -ubin", "sudo -u bin", "sudo -Ci", "sudo -C i", "env -ui", "env -C",
        "sudo -D", "env --chdir", "nice -n 5", "doas -u bin", "env", "sudo -E"}) {
      List<String> command = new ArrayList<>(List.of(line.split(" ")));
      command.addAll(List.of("tbot", "start"));
      assertNull(LauncherDirectory.directory(command), line);
    }
    assertNull(LauncherDirectory.directory(List.of("tbot", "start")));
    // After env's --, -C is the program env runs: one exec does not know, which may run tbot anywhere.
    assertEquals(LauncherDirectory.ELSEWHERE, LauncherDirectory.directory(List.of("env", "--", "-C", "/d", "tbot", "start")));
    assertEquals("a\0b", LauncherDirectory.inDirectory("a\0b", "/d"), "no path: read as given, and refused there");
    // An absolute path is found anywhere.
    assertNull(LauncherDirectory.directory(List.of("sudo", "-ubin", "tbot", "start")));
    assertNull(LauncherDirectory.directory(List.of("nice", "-n", "5", "tbot", "start")));
    assertEquals(LauncherDirectory.ELSEWHERE, LauncherDirectory.directory(List.of("sudo", "-Eiu", "bot", "tbot", "start")));
    assertRecordsNothing(Map.of(), List.of("sudo", "-i", "tbot", "start", "-c", own.toString()),
        "COMMAND sets tbot's environment from files exec does not read");
  }

  /**
   * start-stop-daemon runs tbot in its --chdir DIR, or under its --chroot ROOT, and runit's chpst
   * under its -/ ROOT: tbot's config is read there. Red before: the relative config was looked for
   * in exec's directory (not found, or another one's yes), the absolute one in exec's root, and sent.
   */
  @Test
  void startStopDaemonAndChpstRunTbotInTheirDirectoryOrRoot(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path yesFile = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    String d = dir.toString();
    for (List<String> daemon : List.of(List.of("start-stop-daemon", "--start", "--chdir", d),
        List.of("start-stop-daemon", "-S", "-d", d), List.of("start-stop-daemon", "-Sbd" + d),
        List.of("/sbin/start-stop-daemon", "--start", "--chdir=" + d, "--background"))) {
      List<String> no = new ArrayList<>(daemon);
      no.addAll(List.of("--exec", "/usr/local/bin/tbot", "--", "start", "-c", "no.yaml"));
      assertSends(false, yes, no.toArray(new String[0]));
      List<String> yesLine = new ArrayList<>(daemon);
      yesLine.addAll(List.of("--exec", "/usr/local/bin/tbot", "--", "start", "-c", "yes.yaml"));
      assertSends(true, Map.of(), yesLine.toArray(new String[0]));
    }
    for (List<String> line : List.of(
        List.of("start-stop-daemon", "--start", "--chroot", "/srv/jail", "--exec", "/usr/local/bin/tbot", "--", "start",
            "-c", yesFile.toString()),
        List.of("start-stop-daemon", "-S", "-r/srv/jail", "-x", "/usr/local/bin/tbot", "--", "start", "-c", yesFile.toString()),
        List.of("chpst", "-/", "/srv/jail", "tbot", "start", "-c", yesFile.toString()),
        List.of("chpst", "-u", "bot", "-/", "/srv/jail", "tbot", "start", "-c", yesFile.toString()))) {
      Cli.Result r = preview(yes, line);
      assertEquals(1, r.exitCode(), line + ": " + r.stderr());
      assertTrue(r.stderr().startsWith("tbot-otel: tbot's config cannot be found from here"), line + ": " + r.stderr());
    }
    // A shell it runs, whose string's tbot is read there too (--startas needs a matching option).
    assertSends(false, yes, "start-stop-daemon", "--start", "--chdir", d, "--startas", "/bin/sh", "-p", "/run/t.pid",
        "--", "-c", "exec tbot start -c no.yaml");
    assertSends(true, Map.of(), "start-stop-daemon", "--start", "--chdir", d, "--startas", "/bin/sh", "-p",
        "/run/t.pid", "--", "-c", "exec tbot start -c yes.yaml");
    // Not a directory of tbot's: a value of another option (tbot runs in /, start-stop-daemon's own).
    assertEquals("/", LauncherDirectory.directory(List.of("start-stop-daemon", "-S", "-p", "-d", "-x", "/usr/local/bin/tbot", "--",
        "start", "-d", "/x")));
    // A start-stop-daemon run by another, whose options are read as given: --background takes no
    // value, so the --chdir after it is that one's (before, PIT's takesValue as true passed).
    List<String> nested = List.of("start-stop-daemon", "-S", "-x", "/sbin/start-stop-daemon", "--", "-S",
        "--background", "--chdir", "/d", "-x", "/usr/local/bin/tbot", "--", "start");
    assertEquals("/d", LauncherDirectory.directoryOf(LauncherChain.chain(LauncherChain.unfolded(nested))));
    // (Where a start-stop-daemon runs another, the second is read as a program exec does not know
    // when the line is taken whole: its directory is not known, the safer answer.)
    assertEquals(LauncherDirectory.ELSEWHERE, LauncherDirectory.directory(nested));
    assertNull(LauncherDirectory.directory(List.of("chpst", "-u", "-/", "tbot", "start")));
  }

  /**
   * start-stop-daemon, as its getopt_long reads it: its program is its -x/--exec value (or
   * -a/--startas, which wins), attached or not, its options read anywhere up to its '--' (permuted),
   * its arguments its other words before that '--' and all after it, run in its --chdir (by default
   * /). Red before: a shell's path attached to its option (-Sx/bin/sh, --exec=/bin/sh) read as
   * --exec=tbot, tbot not found and the wrapper sent; options after --exec left tbot's command word
   * unread; a relative config looked for in exec's directory.
   */
  @Test
  void startStopDaemonRunsItsProgramWithItsArgumentsInItsDirectory(@TempDir Path dir) throws Exception {
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path yesFile = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    String string = "exec tbot start -c " + no;
    for (List<String> line : List.of(
        List.of("start-stop-daemon", "-S", "--exec=/bin/sh", "--", "-c", string),
        List.of("start-stop-daemon", "-Sx/bin/sh", "--", "-c", string),
        List.of("start-stop-daemon", "-S", "-x/bin/sh", "--", "-c", string),
        List.of("start-stop-daemon", "--start", "--pidfile=/run/t.pid", "--startas=/bin/sh", "--", "-c", string),
        List.of("timeout", "5", "start-stop-daemon", "-Sbx/bin/sh", "--", "-c", string),
        List.of("start-stop-daemon", "--start", "--exec", "/usr/local/bin/tbot", "--pidfile", "/run/t.pid",
            "--make-pidfile", "--background", "--", "start", "-c", no.toString()),
        // Its words before its '--' are its program's too (getopt moves them after its options).
        List.of("start-stop-daemon", "-S", "-x", "/usr/local/bin/tbot", "start", "-b", "--", "-c", no.toString()))) {
      assertSends(false, yes, line.toArray(new String[0]));
    }
    assertSends(true, Map.of(), "start-stop-daemon", "--start", "--exec", "/usr/local/bin/tbot", "--pidfile",
        "/run/t.pid", "--make-pidfile", "--background", "--", "start", "-c", yesFile.toString());
    assertSends(true, Map.of(), "start-stop-daemon", "--start", "--startas", "/bin/sh", "--pidfile", "/run/t.pid",
        "--", "-c", "exec tbot start -c " + yesFile);
    assertEquals("tbot start", TbotCommand.of(List.of("start-stop-daemon", "-S", "-x", "/usr/local/bin/tbot", "-p",
        "/run/t.pid", "-m", "-b", "--", "start", "-c", "/etc/tbot.yaml")).describe());
    // Behind a launcher naming a user tbot, and not among a tbot's own words (red before this
    // change's first form: a start-stop-daemon word anywhere was read).
    assertEquals(List.of("/usr/local/bin/tbot", "start"), Launcher.tbotLine(List.of("gosu", "tbot", "start-stop-daemon",
        "-S", "-x", "/usr/local/bin/tbot", "-b", "--", "start")));
    // So behind xargs, which runs it as a launcher does; and behind a program that is no launcher,
    // the first one there (PIT: neither was unfolded, its -b and -- taken for tbot's words).
    assertEquals(List.of("/usr/local/bin/tbot", "start"), Launcher.tbotLine(List.of("gosu", "tbot", "xargs",
        "start-stop-daemon", "-S", "-x", "/usr/local/bin/tbot", "-b", "--", "start")));
    assertEquals(List.of("/usr/local/bin/tbot", "start"), Launcher.tbotLine(List.of("./run.sh", "start-stop-daemon",
        "-S", "-x", "/usr/local/bin/tbot", "-b", "--", "start")));
    List<String> tbotsOwn = List.of("nice", "tbot", "start", "--destination-dir", "/srv/start-stop-daemon", "-S", "-x",
        "/bin/x", "--", "y");
    assertEquals(tbotsOwn.subList(1, tbotsOwn.size()), Launcher.tbotLine(tbotsOwn));
    // --startas runs, --exec only matches a running one.
    assertEquals(List.of("/usr/local/bin/tbot", "start"), Launcher.tbotLine(List.of("start-stop-daemon", "-S", "-x", "/bin/true",
        "-a", "/usr/local/bin/tbot", "--", "start")));
    // Its directory is / unless -d/--chdir gives one: a relative config is read from there.
    List<String> line = List.of("start-stop-daemon", "--start", "--exec", "/usr/local/bin/tbot", "--", "start", "-c",
        dir.relativize(no).toString());
    assertEquals("/", LauncherDirectory.directory(line));
    String fromRoot = Path.of("/").relativize(no).toString();
    assertSends(false, yes, "start-stop-daemon", "--start", "--exec", "/usr/local/bin/tbot", "--", "start", "-c",
        fromRoot);
    assertEquals(no.toString(), ChildArgs.parse(List.of("start-stop-daemon", "-S", "-x", "/usr/local/bin/tbot",
        "--", "start", "-c", fromRoot)).config());
  }

  /**
   * What dpkg's start-stop-daemon runs, and where, is what exec reads: checked against the real one
   * wherever dpkg is (Debian, Ubuntu, CI), with a fake tbot that writes its directory and arguments;
   * elsewhere against what it runs there (dpkg 1.21.22).
   */
  @Test
  void aRealStartStopDaemonRunsWhatExecReads(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Path tbot = Files.createDirectories(dir.resolve("bin")).resolve("tbot");
    Files.writeString(tbot, "#!/bin/sh\n{ pwd; printf '%s\\n' \"$@\"; } > " + out + ".tmp && mv " + out + ".tmp " + out
        + "\n");
    assertTrue(tbot.toFile().setExecutable(true));
    String t = tbot.toString();
    String pid = dir.resolve("t.pid").toString();
    String d = dir.toString();
    Map<List<String>, List<String>> runs = new java.util.LinkedHashMap<>();
    runs.put(List.of("-S", "-x", t, "--", "start", "-c", "tbot.yaml"), List.of("/", "start", "-c", "tbot.yaml"));
    runs.put(List.of("--start", "--exec", t, "--pidfile", pid, "--make-pidfile", "--background", "--", "start", "-c",
        "x.yaml"), List.of("/", "start", "-c", "x.yaml"));
    runs.put(List.of("-S", "-x", t, "start", "-q", "--", "-c", "x.yaml"), List.of("/", "start", "-c", "x.yaml"));
    runs.put(List.of("-S", "-p", pid + ".none", "-a", t, "-d", d, "--", "start"), List.of(d, "start"));
    runs.put(List.of("-Sx" + t, "--", "start"), List.of("/", "start"));
    runs.put(List.of("-S", "-x", "/bin/false", "--startas=" + t, "--chdir=" + d, "--", "--", "start"),
        List.of(d, "--", "start"));
    Path real = Files.isExecutable(Path.of("/usr/sbin/start-stop-daemon")) ? Path.of("/usr/sbin/start-stop-daemon")
        : Path.of("/sbin/start-stop-daemon");
    boolean dpkg = Files.isExecutable(Path.of("/usr/bin/dpkg"));
    for (Map.Entry<List<String>, List<String>> run : runs.entrySet()) {
      List<String> line = new ArrayList<>(List.of("start-stop-daemon"));
      line.addAll(run.getKey());
      List<String> read = new ArrayList<>(List.of(LauncherDirectory.directory(line)));
      List<String> tbotLine = Launcher.tbotLine(line);
      assertEquals(t, tbotLine.get(0), line.toString());
      read.addAll(tbotLine.subList(1, tbotLine.size()));
      assertEquals(run.getValue(), read, line.toString());
      if (!dpkg) {
        continue;
      }
      line.set(0, real.toString());
      Files.deleteIfExists(out);
      Process p = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), line.toString());
      assertEquals(0, p.exitValue(), line.toString());
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!Files.exists(out) && System.nanoTime() < until) {
        Thread.sleep(20); // --background: its program runs on after it
      }
      assertEquals(run.getValue(), Files.readAllLines(out), line.toString());
    }
  }

  /**
   * start-stop-daemon starts nothing without -S/--start (--stop, --status, no command), with two
   * commands, -t/--test, -H/--help or -V/--version, or options it refuses (unknown, ambiguous, no
   * program or no matching option): it exits, maybe 0, and runs no tbot. Red before: counted (a
   * tbot start or a wrapper's) and sent.
   */
  @Test
  void aStartStopDaemonThatStartsNothingRecordsNothing(@TempDir Path dir) throws Exception {
    Path yesFile = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    String y = yesFile.toString();
    for (List<String> line : List.of(
        List.of("start-stop-daemon", "--stop", "--oknodo", "--exec", "/usr/local/bin/tbot", "--", "start", "-c", y),
        List.of("start-stop-daemon", "--status", "--exec", "/usr/local/bin/tbot", "--", "start", "-c", y),
        List.of("start-stop-daemon", "--exec", "/usr/local/bin/tbot", "--", "start", "-c", y),
        List.of("start-stop-daemon", "-S", "-K", "-x", "/usr/local/bin/tbot", "--", "start", "-c", y),
        List.of("start-stop-daemon", "-St", "-x", "/usr/local/bin/tbot", "--", "start", "-c", y),
        List.of("start-stop-daemon", "-S", "-V", "-x", "/usr/local/bin/tbot", "--", "start", "-c", y),
        List.of("start-stop-daemon", "-S", "--help", "-x", "/usr/local/bin/tbot", "--", "start", "-c", y),
        List.of("start-stop-daemon", "-S", "--st", "-x", "/usr/local/bin/tbot", "--", "start", "-c", y),
        List.of("start-stop-daemon", "-S", "-Z", "-x", "/usr/local/bin/tbot", "--", "start", "-c", y),
        List.of("start-stop-daemon", "-S", "-a", "/usr/local/bin/tbot", "--", "start", "-c", y),
        List.of("start-stop-daemon", "-S", "-x", "/usr/local/bin/tbot", "-p"),
        List.of("nice", "/sbin/start-stop-daemon", "--stop", "--exec", "/usr/local/bin/tbot"),
        List.of("start-stop-daemon", "--stop", "--exec", "/opt/run-tbot.sh"))) {
      assertRecordsNothing(Map.of(), line, "COMMAND's start-stop-daemon starts nothing");
      // Its line is read as it is, not as a launcher's (PIT: an empty line passed).
      assertEquals(line, LauncherChain.unfolded(line));
    }
  }

  /**
   * envdir DIR, s6-envdir DIR, chpst -e DIR, with-contenv, direnv exec and dotenv set tbot's environment from files
   * exec does not read: a DO_NOT_TRACK or TBOT_CONFIG_PATH there is tbot's. Nothing is recorded, as
   * for env -S's string. Red before: tbot was looked through, and the event sent.
   */
  @Test
  void anEnvironmentFromFilesExecDoesNotReadRecordsNothing(@TempDir Path dir) throws Exception {
    Path envs = Files.createDirectories(dir.resolve("env"));
    Files.writeString(envs.resolve("DO_NOT_TRACK"), "1\n");
    Path yesFile = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (List<String> line : List.of(List.of("envdir", envs.toString(), "tbot", "start", "-c", yesFile.toString()),
        List.of("s6-envdir", envs.toString(), "tbot", "start", "-c", yesFile.toString()),
        List.of("/usr/bin/s6-envdir", "-I", envs.toString(), "tbot", "start", "-c", yesFile.toString()),
        List.of("chpst", "-e", envs.toString(), "tbot", "start", "-c", yesFile.toString()),
        List.of("chpst", "-ve" + envs, "tbot", "start", "-c", yesFile.toString()),
        List.of("nice", "envdir", envs.toString(), "tbot", "start", "-c", yesFile.toString()),
        List.of("sudo", "-u", "bot", "chpst", "-u", "bot", "-e", envs.toString(), "tbot", "start"),
        // s6-overlay's with-contenv (s6-envdir on its container environment), direnv exec DIR and
        // dotenv (-e FILE, or run): red before, sent.
        List.of("with-contenv", "tbot", "start", "-c", yesFile.toString()),
        List.of("/command/with-contenv", "nice", "tbot", "start", "-c", yesFile.toString()),
        List.of("direnv", "exec", dir.toString(), "tbot", "start", "-c", yesFile.toString()),
        List.of("dotenv", "-e", envs.resolve(".env").toString(), "--", "tbot", "start", "-c", yesFile.toString()),
        List.of("dotenv", "run", "tbot", "start", "-c", yesFile.toString()),
        // env-cmd (-f FILE, or its .env-cmdrc): red before, sent.
        List.of("env-cmd", "-f", envs.resolve(".env").toString(), "tbot", "start", "-c", yesFile.toString()))) {
      assertRecordsNothing(yes, line, "COMMAND sets tbot's environment from files exec does not read");
    }
    // chpst's other options read no such file: tbot is read as before.
    assertSends(true, yes, "chpst", "-u", "bot", "tbot", "start", "-c", yesFile.toString());
    // On a line that names no tbot, a wrapper's environment is set from them all the same.
    assertRecordsNothing(yes, List.of("envdir", envs.toString(), "./run-tbot.sh", "-c", yesFile.toString()),
        "COMMAND sets tbot's environment from files exec does not read");
    // A value of tbot's own named as one (--destination ./envdir) is no such program.
    assertSends(true, yes, "tbot", "start", "identity", "--destination", "./envdir", "-c", yesFile.toString());
  }

  /**
   * Programs that load a .env file, or a secrets service's variables, into the command they run set
   * tbot's environment from what exec does not read, as envdir does: dotenvx run, pipenv run (.env by
   * default), foreman, honcho and forego (.env), execline's envfile FILE, npx dotenv-cli, envconsul,
   * summon (secrets.yml), and given their subcommand op run (1Password), doppler run, infisical run,
   * chamber exec, berglas exec, sops exec-env FILE; uv run only with --env-file. Red before: tbot was
   * looked through, and the config's yes sent.
   */
  @Test
  void aDotEnvOrSecretsServiceLoaderRecordsNothing(@TempDir Path dir) throws Exception {
    String yesFile = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n").toString();
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    String why = "COMMAND sets tbot's environment from files exec does not read";
    for (String front : new String[] {"dotenvx run --", "dotenvx run -f .env.production --", "npx @dotenvx/dotenvx run --",
        "pipenv run", "foreman run", "foreman run -e prod.env", "honcho run", "forego run", "envfile /etc/tbot.env",
        "/usr/lib/execline/bin/envfile -I tbot.env", "npx dotenv-cli --", "envconsul -prefix bot",
        "summon --provider conjur", "op run --", "op --account acme run --env-file .env --", "doppler run --",
        "infisical run --env=prod --", "chamber exec bot --", "berglas exec --", "sops exec-env secrets.json",
        "uv run --env-file .env", "uv run --env-file=.env", "nice uv run --env-file .env", "envchain bot",
        "overmind run", "mise exec --", "mise x node@20 --", "teller run --", "bws run --", "railway run",
        "heroku local:run"}) {
      List<String> line = new ArrayList<>(List.of(front.split(" ")));
      line.addAll(List.of("tbot", "start", "-c", yesFile));
      assertRecordsNothing(yes, line, why);
    }
    // Their other uses load nothing: uv run without an env file, op or doppler not running tbot's line,
    // poetry run (no .env without a plugin), aws-vault exec (AWS's credential variables only).
    assertSends(true, yes, "uv", "run", "tbot", "start", "-c", yesFile);
    assertSends(true, yes, "uv", "run", "--no-env-file", "tbot", "start", "-c", yesFile);
    assertSends(true, yes, "poetry", "run", "tbot", "start", "-c", yesFile);
    assertSends(true, yes, "aws-vault", "exec", "bot", "--", "tbot", "start", "-c", yesFile);
    assertSends(true, yes, "chamber", "version", "tbot", "start", "-c", yesFile);
    assertSends(true, yes, "mise", "trust", "tbot", "start", "-c", yesFile);
  }

  /**
   * uv run loads the env file UV_ENV_FILE names too, set in exec's environment (which uv gets) or in
   * front of uv. Red before: tbot was read, and the config's yes sent.
   */
  @Test
  void uvRunWithUvEnvFileRecordsNothing(@TempDir Path dir) throws Exception {
    String yesFile = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n").toString();
    String why = "COMMAND sets tbot's environment from files exec does not read";
    assertRecordsNothing(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "UV_ENV_FILE", ".env"),
        List.of("uv", "run", "tbot", "start", "-c", yesFile), why);
    assertRecordsNothing(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"),
        List.of("env", "UV_ENV_FILE=.env", "uv", "run", "tbot", "start", "-c", yesFile), why);
    // Set by another program's option, its value attached as a no's is read (-eNAME=VALUE): red
    // before, the config's yes was sent.
    assertRecordsNothing(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"),
        List.of("tmux", "new-session", "-d", "-eUV_ENV_FILE=.env", "uv", "run", "tbot", "start", "-c", yesFile), why);
    // Set empty, or for another program than uv: no file is loaded.
    assertSends(true, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "UV_ENV_FILE", ""), "uv", "run", "tbot", "start",
        "-c", yesFile);
    assertSends(true, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), "env", "UV_ENV_FILE=", "uv", "run", "tbot", "start",
        "-c", yesFile);
    // The word that sets it is no uv, whatever its value's file name: env runs tbot.
    assertSends(true, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), "env", "UV_ENV_FILE=/opt/uv", "tbot", "start",
        "-c", yesFile);
    // Nor is a wrapper's --env-file=DIR/uv a uv given its own --env-file.
    assertSends(true, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), "./run.sh", "--env-file=/opt/uv", "tbot", "start",
        "-c", yesFile);
    assertSends(true, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "UV_ENV_FILE", ".env"), "nice", "tbot", "start",
        "-c", yesFile);
  }

  /**
   * sudo -i (--login) runs tbot through the target user's login shell, which first reads
   * /etc/profile, /etc/profile.d and ~/.profile (or ~/.bash_profile, ~/.zprofile ...): a DO_NOT_TRACK
   * or TBOT_CONFIG_PATH exported there is tbot's, as one su - or bash -l reads, for which nothing is
   * recorded. Nothing is recorded here either, even with exec's own -c. Red before: tbot's line was
   * read, and its config's yes (or exec's) sent.
   */
  @Test
  void sudosLoginShellRecordsNothing(@TempDir Path dir) throws Exception {
    String yesFile = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n").toString();
    String why = "COMMAND sets tbot's environment from files exec does not read";
    for (String login : new String[] {"sudo -i", "sudo --login", "sudo -iu bot", "sudo -u bot -i", "sudo -ni",
        "sudo -Hi --", "sudo -u bot --login -- env", "nice -n 5 sudo -i", "timeout 60 sudo -i nice"}) {
      List<String> line = new ArrayList<>(List.of(login.split(" ")));
      line.addAll(List.of("tbot", "start", "-c", yesFile));
      assertRecordsNothing(Map.of(), line, why);
      assertRecordsNothing(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), line, why);
      List<String> ownConfig = new ArrayList<>(List.of("preview", "-c", yesFile, "--"));
      ownConfig.addAll(line);
      Cli.Result r = Cli.run(Map.of(), ownConfig.toArray(new String[0]));
      assertTrue(r.stderr().contains("exec would record nothing: " + why), line + ": " + r.stderr());
    }
    // As in sh's string: sudo -i read from it is sudo -i.
    assertRecordsNothing(Map.of(), List.of("sh", "-c", "exec sudo -i tbot start -c " + yesFile), why);
    // An i that is a value (-u i, -C i), or no login: tbot is read as before.
    assertSends(true, Map.of(), "sudo", "-u", "i", "tbot", "start", "-c", yesFile);
    assertSends(true, Map.of(), "sudo", "-ui", "tbot", "start", "-c", yesFile);
    assertSends(true, Map.of(), "sudo", "-C", "i", "tbot", "start", "-c", yesFile);
    assertSends(true, Map.of(), "sudo", "-u", "bot", "tbot", "start", "-c", yesFile);
    assertSends(true, Map.of(), "sudo", "-u", "bot", "--preserve-env=PATH", "tbot", "start", "-c", yesFile);
  }

  /**
   * sudo -s (--shell) runs tbot's words as a -c string of the caller's $SHELL (its login shell where
   * unset), escaped but for $, which that shell expands: where that shell reads startup files first
   * (zsh's ~/.zshenv, fish's config, csh's .cshrc), or a word holds a $, which config, and which no,
   * tbot gets is unknown, as for such a shell's own string. Red before: read as the line given, and
   * its config's yes sent. sh's kind but zsh reads none (sudo drops BASH_ENV and SHELLOPTS): read.
   */
  @Test
  void sudosShellRecordsNothingWhereItMayChangeWhatTbotGets(@TempDir Path dir) throws Exception {
    String yesFile = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n").toString();
    String why = "COMMAND runs tbot in a shell's -c string exec does not parse";
    for (String shell : new String[] {"/bin/zsh", "/usr/bin/fish", "/bin/tcsh", "/bin/csh"}) {
      for (String sudo : new String[] {"sudo -s", "sudo --shell", "sudo -su bot", "sudo -u bot -s", "nice sudo -Es"}) {
        List<String> line = new ArrayList<>(List.of(sudo.split(" ")));
        line.addAll(List.of("tbot", "start", "-c", yesFile));
        assertRecordsNothing(Map.of("SHELL", shell), line, why);
      }
    }
    // Set in front of sudo, the caller's SHELL is that one; unset, the caller's login shell in the
    // password database: here one naming whoever runs the tests (the fixture's names only root).
    assertRecordsNothing(Map.of("SHELL", "/bin/bash"), List.of("env", "SHELL=/bin/zsh", "sudo", "-s", "tbot", "start",
        "-c", yesFile), why);
    String user = System.getProperty("user.name");
    for (String login : new String[] {"/bin/bash", "/bin/zsh"}) {
      Path root = Files.createDirectories(dir.resolve(login.substring(5)).resolve("etc")).getParent();
      Files.writeString(root.resolve("etc/passwd"), user + ":x:1000:1000::/home/u:" + login + "\n");
      SystemFilesFixture.under(root, () -> {
        if (login.endsWith("bash")) {
          assertSends(true, Map.of(), "sudo", "-s", "tbot", "start", "-c", yesFile);
        } else {
          assertRecordsNothing(Map.of(), List.of("sudo", "-s", "tbot", "start", "-c", yesFile), why);
        }
        return null;
      });
    }
    // A $ its shell expands: -c '$HOME/...' is another file to tbot.
    assertRecordsNothing(Map.of("SHELL", "/bin/bash"), List.of("sudo", "-s", "tbot", "start", "-c", "$HOME/tbot.yaml"),
        why);
    // Behind a su, SHELL is su's user's: unknown. So after a su among a program's words, which that
    // program may run itself (a mutant read no word after the first su but another su). Without a
    // config: su's getopt would take a -c after it for its own.
    assertRecordsNothing(Map.of("SHELL", "/bin/bash"), List.of("./run.sh", "su", "bot", "sudo", "-s", "tbot", "start"),
        why);
    // So in the word sudo runs itself, the line's only $ (a mutant looked for one after it only).
    assertRecordsNothing(Map.of("SHELL", "/bin/bash"), List.of("sudo", "-s", "$HOME/bin/tbot", "start", "-c", yesFile),
        why);
    for (String shell : new String[] {"/bin/bash", "/bin/sh", "/bin/dash"}) {
      assertSends(true, Map.of("SHELL", shell), "sudo", "-s", "tbot", "start", "-c", yesFile);
    }
    // Not sudo -s: read as before, whatever the shell.
    assertSends(true, Map.of("SHELL", "/bin/zsh"), "sudo", "-u", "s", "tbot", "start", "-c", yesFile);
    assertSends(true, Map.of("SHELL", "/bin/zsh"), "sudo", "tbot", "start", "-c", yesFile);
  }

  /**
   * execline's export NAME VALUE sets NAME for the program after it, as env NAME=VALUE does: a no
   * set there is a no, and a TBOT_CONFIG_PATH there is the config tbot reads, whose no wins too. So
   * behind launchers, several in a row, and on a line that names no tbot. Red before: the no (and the
   * config's) was missed, and the yes sent.
   */
  @Test
  void execlinesExportOfANoIsANo(@TempDir Path dir) throws Exception {
    String yesFile = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n").toString();
    String noFile = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n").toString();
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    assertSends(false, yes, "export", "DO_NOT_TRACK", "1", "tbot", "start", "-c", yesFile);
    assertSends(false, yes, "/usr/lib/execline/bin/export", "TELEPORT_ANONYMOUS_TELEMETRY", "off", "tbot", "start");
    assertSends(false, yes, "export", "HOME", "/var/lib/tbot", "export", "OTEL_SDK_DISABLED", "true", "tbot", "start");
    assertSends(false, yes, "nice", "export", "DO_NOT_TRACK", "1", "s6-setuidgid", "bot", "tbot", "start", "-c", yesFile);
    assertSends(false, yes, "export", "TBOT_CONFIG_PATH", noFile, "tbot", "start");
    assertSends(false, yes, Path.of(yesFile), "export", "DO_NOT_TRACK", "1", "./wrapper.sh");
    // A word named export that is no execline export takes a no after it for its VALUE: still a no.
    assertSends(false, yes, "nice", "/x/export", "foo", "DO_NOT_TRACK=1", "tbot", "start", "-c", yesFile);
    // Not a no: the yes stands.
    assertSends(true, yes, "export", "HOME", "/var/lib/tbot", "tbot", "start", "-c", yesFile);
    assertSends(true, Map.of(), "export", "TBOT_CONFIG_PATH", yesFile, "tbot", "start");
    // No export NAME VALUE: one without its VALUE at the line's end, and one whose NAME starts with
    // '=', which sets no variable: the tbot after it is still named, its config's no read (PIT: the
    // first threw, the second took tbot for its VALUE and the line named none).
    assertSends(true, yes, Path.of(yesFile), "./wrapper.sh", "export", "DO_NOT_TRACK");
    assertSends(false, yes, "nice", "export", "=A", "tbot", "start", "-c", noFile);
  }

  /**
   * A word whose file name is export but is no execline export, a directory or a file (env -C
   * /srv/export, flock's lock file), does not take the tbot right after it for the NAME of
   * an export NAME VALUE: that tbot is the one run, and its config's no is read. Red before: the line
   * became env -C env tbot=start ..., named no tbot, and the yes was sent.
   */
  @Test
  void aWordNamedExportDoesNotHideTheTbotAfterIt(@TempDir Path dir) throws Exception {
    Path export = Files.createDirectories(dir.resolve("export"));
    String noFile = Files.writeString(export.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n").toString();
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    assertSends(false, yes, "env", "-C", export.toString(), "tbot", "start", "-c", "no.yaml");
    assertSends(false, yes, "flock", export.toString(), "/usr/local/bin/tbot", "start", "-c", noFile);
    // execline's export in front of tbot is still read, its VALUE a path ending in tbot or not.
    assertSends(false, yes, "export", "TBOT_CONFIG_PATH", noFile, "tbot", "start");
    assertSends(false, yes, "export", "HOME", "/var/lib/tbot", "export", "DO_NOT_TRACK", "1", "tbot", "start");
  }

  /**
   * A no written on the line in front of tbot as a NAME=VALUE word of a program exec does not read
   * as a launcher (tmux new-session -e, a wrapper's argument, --env=NAME=VALUE) is a no, as one given
   * to env or sudo is: that program may set it for tbot, and a word that only looks like one errs
   * toward a no. So on a line that names no tbot. Red before: the no was missed, and the yes sent.
   */
  @Test
  void aNoWrittenInFrontOfTbotForAnyProgramIsANo(@TempDir Path dir) throws Exception {
    String yesFile = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n").toString();
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    assertSends(false, yes, "tmux", "new-session", "-d", "-e", "DO_NOT_TRACK=1", "tbot", "start", "-c", yesFile);
    assertSends(false, Map.of(), "tmux", "new-session", "-d", "-e", "TELEPORT_ANONYMOUS_TELEMETRY=0", "tbot", "start",
        "-c", yesFile);
    assertSends(false, Map.of(), "./wrapper.sh", "OTEL_SDK_DISABLED=true", "tbot", "start", "-c", yesFile);
    assertSends(false, Map.of(), "./wrapper.sh", "otel_sdk_disabled=TRUE", "tbot", "start", "-c", yesFile);
    assertSends(false, Map.of(), "./wrapper.sh", "--env=DO_NOT_TRACK=1", "tbot", "start", "-c", yesFile);
    // A short option's value attached (getopt's -eNAME=VALUE, as tmux and docker take it) was missed.
    assertSends(false, yes, "tmux", "new-session", "-d", "-eDO_NOT_TRACK=1", "tbot", "start", "-c", yesFile);
    assertSends(false, Map.of(), "./wrapper.sh", "-eOTEL_SDK_DISABLED=true", "tbot", "start", "-c", yesFile);
    assertSends(false, yes, Path.of(yesFile), "tmux", "new-window", "-e", "DO_NOT_TRACK=yes", "./wrapper.sh");
    // Not a no, another variable, or tbot's own argument: as before.
    assertSends(true, Map.of(), "tmux", "new-session", "-d", "-e", "DO_NOT_TRACK=0", "tbot", "start", "-c", yesFile);
    assertSends(true, Map.of(), "./wrapper.sh", "TELEPORT_ANONYMOUS_TELEMETRY=1", "tbot", "start", "-c", yesFile);
    assertSends(true, Map.of(), "./wrapper.sh", "--env=OTEL_SDK_DISABLED=false", "tbot", "start", "-c", yesFile);
    assertSends(true, yes, "tbot", "start", "identity", "--destination", "DO_NOT_TRACK=1", "-c", yesFile);
    // Nor is a value of tbot's named env a launcher setting the word after it.
    assertSends(true, yes, "tbot", "start", "identity", "--destination", "/srv/env", "--join-method", "DO_NOT_TRACK=1",
        "-c", yesFile);
    Cli.Result r = preview(Map.of(), List.of("./wrapper.sh",
        "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS=http://127.0.0.1:9/v1/logs", "tbot", "start", "-c", yesFile));
    assertTrue(r.stderr().contains("would send it to https://anonymous-analytics.teleport.sh/v1/logs"), r.stderr());
  }

  /**
   * A TBOT_CONFIG_PATH=FILE word in front of tbot for a program exec does not read as a launcher
   * (tmux new-session -e, a wrapper's argument, --env=, -e) may set tbot's config: that file is
   * asked for a no only, as a shadowed tbot config is. One that cannot be read here, or is relative
   * (that program may run tbot from any directory), or is under a program of another root, may say
   * no: nothing is sent. Never a yes from it; none where tbot's own -c is given, as tbot then does
   * not read TBOT_CONFIG_PATH. Red before: the file was not read, and the yes sent.
   */
  @Test
  void aConfigNamedInFrontOfTbotForAnyProgramIsAskedForANo(@TempDir Path dir) throws Exception {
    String yesFile = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n").toString();
    String noFile = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n").toString();
    String badFile = Files.writeString(dir.resolve("bad.yaml"), "version: v2\nanonymous_analytics: [\n").toString();
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    String said = "would send nothing (anonymous_analytics in the config a TBOT_CONFIG_PATH word in front of tbot"
        + " names says no)";
    for (List<String> line : List.of(
        List.of("tmux", "new-session", "-d", "-e", "TBOT_CONFIG_PATH=" + noFile, "tbot", "start"),
        List.of("tmux", "new-session", "-d", "-eTBOT_CONFIG_PATH=" + noFile, "tbot", "start"),
        List.of("./run.sh", "TBOT_CONFIG_PATH=" + noFile, "tbot", "start"),
        List.of("./run.sh", "--env=TBOT_CONFIG_PATH=" + noFile, "tbot", "start"),
        List.of("nice", "./run.sh", "TBOT_CONFIG_PATH=" + noFile, "env", "FOO=1", "tbot", "start"),
        // Given to the program an env behind a wrapper runs, as the word right after that program.
        List.of("./run.sh", "env", "FOO=1", "./prog", "TBOT_CONFIG_PATH=" + noFile, "tbot", "start"),
        // To the program a start-stop-daemon starts, though its user, named tbot, comes first.
        List.of("start-stop-daemon", "--start", "--chuid", "tbot", "--exec", "/opt/run.sh", "--",
            "TBOT_CONFIG_PATH=" + noFile, "tbot", "start"))) {
      Cli.Result r = preview(yes, line);
      assertEquals(0, r.exitCode(), line + ": " + r.stderr());
      assertTrue(r.stderr().contains(said), line + ": " + r.stderr());
    }
    // exec's own -c does not hide it: tbot still reads that config.
    Cli.Result own = Cli.run(yes, "preview", "-c", yesFile, "--", "./run.sh", "TBOT_CONFIG_PATH=" + noFile, "tbot",
        "start");
    assertTrue(own.stderr().contains(said), own.stderr());
    // Unreadable, invalid, missing, relative, or in another root: it may say no.
    for (String path : List.of(badFile, dir.toString(), dir.resolve("none.yaml").toString(), "yes.yaml",
        "./" + dir.relativize(dir.resolve("yes.yaml")))) {
      assertSends(false, yes, "tmux", "new-session", "-d", "-e", "TBOT_CONFIG_PATH=" + path, "tbot", "start");
    }
    assertSends(false, yes, "docker", "run", "-e", "TBOT_CONFIG_PATH=" + yesFile, "img", "tbot", "start");
    // tbot's own -c wins over TBOT_CONFIG_PATH, in tbot: the word is not read.
    assertSends(true, yes, "tmux", "new-session", "-d", "-e", "TBOT_CONFIG_PATH=" + noFile, "tbot", "start", "-c",
        yesFile);
    assertSends(true, yes, "./run.sh", "TBOT_CONFIG_PATH=no.yaml", "tbot", "start", "-c", yesFile);
    // Never a yes, nor anything but a no: a file that says yes, or nothing, leaves the rest to decide.
    assertSends(true, yes, "tmux", "new-session", "-d", "-e", "TBOT_CONFIG_PATH=" + yesFile, "tbot", "start");
    assertSends(false, Map.of(), "tmux", "new-session", "-d", "-e", "TBOT_CONFIG_PATH=" + yesFile, "tbot", "start");
    assertSends(true, yes, "./run.sh", "TBOT_CONFIG_PATH=", "tbot", "start"); // empty: no file
    // Not another variable, nor a word a launcher would run as its program (nice X=1 tbot runs X=1).
    assertSends(true, yes, "./run.sh", "TBOT_CONFIG_PATHS=" + noFile, "tbot", "start");
    assertSends(true, yes, "nice", "TBOT_CONFIG_PATH=" + noFile, "tbot", "start");
    // Nor the word taken for tbot itself (a path whose directory is named so): if the wrapper took it for
    // an assignment instead, it would run start, not tbot.
    assertSends(true, yes, "./run.sh", "TBOT_CONFIG_PATH=" + dir + "/tbot", "start");
    // env's (or sudo's) is tbot's environment, its relative path found from env -C's directory.
    Files.writeString(dir.resolve("yes2.yaml"), "version: v2\nanonymous_analytics: true\n");
    assertSends(true, yes, "env", "-C", dir.toString(), "TBOT_CONFIG_PATH=yes2.yaml", "tbot", "start");
    assertSends(true, yes, "./run.sh", "env", "-C", dir.toString(), "TBOT_CONFIG_PATH=yes2.yaml", "tbot", "start");
  }

  /**
   * A TBOT_CONFIG=BASE64 word in front of tbot for a program exec does not read as a launcher is
   * tbot's config as text, as the variable is: asked for a no only, as a TBOT_CONFIG_PATH word's
   * file is. Text that is not base64, or not a config this reader takes, may say no; text is the
   * same in any root or directory. Never a yes; none where tbot's own --config-string is given, even
   * empty (tbot then does not read TBOT_CONFIG), but still read where its -c is: tbot refuses a file
   * with TBOT_CONFIG, so the word's no stands. The text is never shown (it may hold a token). Red
   * before: the text was not read, and the yes sent.
   */
  @Test
  void aConfigGivenAsTextInFrontOfTbotForAnyProgramIsAskedForANo(@TempDir Path dir) throws Exception {
    String yesFile = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n").toString();
    String yesText = base64("version: v2\nanonymous_analytics: true\n");
    String noText = base64("version: v2\nanonymous_analytics: false\nonboarding:\n  token: s3cr3t-t0k3n\n");
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    String said = "would send nothing (anonymous_analytics in the config a TBOT_CONFIG word in front of tbot gives"
        + " says no)";
    for (List<String> line : List.of(
        List.of("tmux", "new-session", "-d", "-e", "TBOT_CONFIG=" + noText, "tbot", "start"),
        List.of("tmux", "new-session", "-d", "-eTBOT_CONFIG=" + noText, "tbot", "start"),
        List.of("./run.sh", "TBOT_CONFIG=" + noText, "tbot", "start"),
        List.of("./run.sh", "--env=TBOT_CONFIG=" + noText, "tbot", "start"),
        List.of("nice", "./run.sh", "TBOT_CONFIG=" + noText, "env", "FOO=1", "tbot", "start"),
        List.of("docker", "run", "-e", "TBOT_CONFIG=" + noText, "img", "tbot", "start"),
        // tbot refuses its -c's file with TBOT_CONFIG: the word's no stands.
        List.of("./run.sh", "TBOT_CONFIG=" + noText, "tbot", "start", "-c", yesFile),
        // Beside a TBOT_CONFIG_PATH word's file that says yes (tbot refuses the two together too).
        List.of("./run.sh", "TBOT_CONFIG_PATH=" + yesFile, "TBOT_CONFIG=" + noText, "tbot", "start"))) {
      Cli.Result r = preview(yes, line);
      assertEquals(0, r.exitCode(), line + ": " + r.stderr());
      assertTrue(r.stderr().contains(said), line + ": " + r.stderr());
      assertFalse((r.stdout() + r.stderr()).contains("s3cr3t") || (r.stdout() + r.stderr()).contains(noText),
          "the text is not shown: " + line);
    }
    // exec's own -c does not hide it: tbot still reads that text.
    Cli.Result own = Cli.run(yes, "preview", "-c", yesFile, "--", "./run.sh", "TBOT_CONFIG=" + noText, "tbot",
        "start");
    assertTrue(own.stderr().contains(said), own.stderr());
    // Not base64, not a config (its version, broken YAML, not a map), or its key not a boolean: it may say no.
    String unreadable = "would send nothing (the config a TBOT_CONFIG word in front of tbot gives cannot be read"
        + " (not base64, or unreadable), and may say no)";
    for (String text : List.of("not*base64", base64("version: v3\n"), base64("anonymous_analytics: [\n"),
        base64("- a list\n"), base64("anonymous_analytics: maybe\n"))) {
      Cli.Result r = preview(yes, List.of("tmux", "new-session", "-d", "-e", "TBOT_CONFIG=" + text, "tbot", "start"));
      assertTrue(r.stderr().contains(unreadable), text + ": " + r.stderr());
      assertFalse(r.stderr().contains(text), "the text is not shown: " + r.stderr());
    }
    // tbot's own --config-string, even empty, wins over TBOT_CONFIG, in tbot: the word is not read.
    assertSends(true, yes, "./run.sh", "TBOT_CONFIG=" + noText, "tbot", "start", "--config-string", yesText);
    assertSends(true, yes, "./run.sh", "TBOT_CONFIG=" + noText, "tbot", "start", "--config-string=");
    // Never a yes, nor anything but a no: text that says yes, or nothing, leaves the rest to decide.
    assertSends(true, yes, "tmux", "new-session", "-d", "-e", "TBOT_CONFIG=" + yesText, "tbot", "start");
    assertSends(false, Map.of(), "tmux", "new-session", "-d", "-e", "TBOT_CONFIG=" + yesText, "tbot", "start");
    assertSends(true, yes, "./run.sh", "TBOT_CONFIG=" + base64("version: v2\n"), "tbot", "start");
    assertSends(true, yes, "./run.sh", "TBOT_CONFIG=", "tbot", "start"); // empty: no config
    // Not another variable, nor a word a launcher would run as its program (nice X=1 tbot runs X=1).
    assertSends(true, yes, "./run.sh", "TBOT_CONFIGS=" + noText, "tbot", "start");
    assertSends(true, yes, "nice", "TBOT_CONFIG=" + noText, "tbot", "start");
  }

  /**
   * An env -S string that names a program (env splits it in front of the rest of the line) gives
   * that program the words after its name, as a wrapper's arguments are: a TBOT_CONFIG_PATH or
   * TBOT_CONFIG word there is asked for a no too. Red before: the words of the string were skipped
   * with env's options, and the yes sent.
   */
  @Test
  void aConfigWordForTheProgramOfAnEnvSplitStringIsAskedForANo(@TempDir Path dir) throws Exception {
    String noFile = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n").toString();
    String noText = base64("version: v2\nanonymous_analytics: false\n");
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (List<String> line : List.of(
        List.of("env", "-S", "./run.sh TBOT_CONFIG_PATH=" + noFile, "tbot", "start"),
        List.of("env", "-S./run.sh TBOT_CONFIG_PATH=" + noFile, "tbot", "start"),
        List.of("env", "--split-string=tmux new-session -d -e TBOT_CONFIG_PATH=" + noFile, "tbot", "start"),
        List.of("nice", "env", "-S", "FOO=1 ./run.sh TBOT_CONFIG=" + noText, "tbot", "start"))) {
      // A path under env -S cannot be found from here (its string may hold any option): it may say no.
      Cli.Result r = preview(yes, line);
      assertTrue(r.stderr().contains("would send nothing (") && r.stderr().contains("a TBOT_CONFIG"),
          line + ": " + r.stderr());
      assertFalse(r.stderr().contains(noFile) || r.stderr().contains(noText), "not shown: " + r.stderr());
    }
    // Text is read in any root: never a yes; tbot's --config-string still wins over a TBOT_CONFIG word there.
    String yesText = base64("version: v2\nanonymous_analytics: true\n");
    assertSends(true, yes, "env", "-S", "./run.sh TBOT_CONFIG=" + yesText, "tbot", "start");
    assertSends(true, yes, "env", "-S", "./run.sh TBOT_CONFIG=" + noText, "tbot", "start", "--config-string",
        yesText);
    // Words env sets before the string's program are tbot's environment, read as before.
    assertSends(true, yes, "env", "-S", "FOO=1 ./run.sh", "tbot", "start");
  }

  /**
   * getopt takes a short option's value attached after a cluster of flags ({@code tmux new-session
   * -deNAME=VALUE} is -d, then -e NAME=VALUE; {@code docker run -iteNAME=VALUE}): a no set so, or a
   * config word given so, is read as {@code -eNAME=VALUE} is. Red before: only what follows the
   * option's first letter was read, and the yes sent.
   */
  @Test
  void aNoGivenAfterAClusterOfShortOptionsIsANo(@TempDir Path dir) throws Exception {
    String noFile = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n").toString();
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "version: v2\n"); // a wrapper's, given to exec
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    assertSends(false, yes, "tmux", "new-session", "-deDO_NOT_TRACK=1", "tbot", "start");
    assertSends(false, yes, plain, "tmux", "new-session", "-deOTEL_SDK_DISABLED=true", "./run.sh");
    assertSends(false, yes, "tmux", "new-session", "-deTBOT_CONFIG_PATH=" + noFile, "tbot", "start");
    assertSends(false, yes, "./run.sh", "-xyzeTBOT_CONFIG=" + base64("anonymous_analytics: false\n"), "tbot",
        "start");
    // The longest name read (28 letters), after the cluster as after the letter alone.
    assertSends(false, yes, "tmux", "new-session", "-deTELEPORT_ANONYMOUS_TELEMETRY=0", "tbot", "start");
    // Another variable still is not one.
    assertSends(true, yes, "tmux", "new-session", "-deNOT_DO_NOT_TRACK_=1", "tbot", "start");
    assertSends(true, yes, "tmux", "new-session", "-deXTBOT_CONFIG_PATH_=" + noFile, "tbot", "start");
    // Nor what follows a character no option is named by: an option's value (tmux's -c DIR here).
    assertSends(true, yes, "tmux", "new-session", "-d", "-c.eDO_NOT_TRACK=1", "tbot", "start");
  }

  /**
   * At most 8 distinct TBOT_CONFIG_PATH or TBOT_CONFIG words in front of tbot are read (each is a
   * file read or text decoded): with more, nothing is sent, for a reason that quotes none of them.
   * Exactly 8 that say yes still send; a word repeated counts once, and one tbot does not read
   * (its -c over TBOT_CONFIG_PATH) not at all. Red before: every word was read, and the 9 yeses sent.
   */
  @Test
  void moreConfigWordsInFrontOfTbotThanAreReadMaySayNo(@TempDir Path dir) throws Exception {
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    List<String> eight = new ArrayList<>(List.of("./run.sh"));
    for (int i = 0; i < 4; i++) {
      String yesYaml = "version: v2\nanonymous_analytics: true\n# " + i + "\n";
      eight.add("TBOT_CONFIG_PATH=" + Files.writeString(dir.resolve("yes" + i + ".yaml"), yesYaml));
      eight.add("-eTBOT_CONFIG=" + base64(yesYaml));
    }
    List<String> line = new ArrayList<>(eight);
    line.addAll(List.of("tbot", "start"));
    assertSends(true, yes, line.toArray(String[]::new));
    line.add(1, eight.get(1)); // the same word again
    assertSends(true, yes, line.toArray(String[]::new));
    line.add(1, "TBOT_CONFIG_PATH=" + dir.resolve("./yes0.yaml"));
    Cli.Result r = preview(yes, line);
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("would send nothing (more than 8 TBOT_CONFIG_PATH or TBOT_CONFIG words in front"
        + " of tbot: not read, and may say no)"), r.stderr());
    assertFalse(r.stderr().contains(dir.toString()) || r.stderr().contains(eight.get(2).substring(14)), r.stderr());
    // 9 paths tbot does not read under its -c, and one text: one read.
    List<String> underC = new ArrayList<>(List.of("./run.sh"));
    for (int i = 0; i < 9; i++) {
      underC.add("TBOT_CONFIG_PATH=" + dir + "/" + "./".repeat(i) + "yes0.yaml");
    }
    underC.addAll(List.of(eight.get(2), "tbot", "start", "-c", dir.resolve("yes0.yaml").toString()));
    assertSends(true, yes, underC.toArray(String[]::new));
    // The same bound for the words of the program an env -S string names.
    StringBuilder split = new StringBuilder("./run.sh");
    for (int i = 0; i < 9; i++) {
      split.append(" TBOT_CONFIG=").append(base64("version: v2\nanonymous_analytics: true\n# " + i + "\n"));
    }
    Cli.Result s = preview(yes, List.of("env", "-S", split.toString(), "tbot", "start"));
    assertTrue(s.stderr().contains("would send nothing (more than 8 TBOT_CONFIG_PATH or TBOT_CONFIG words in front"
        + " of tbot: not read, and may say no)"), s.stderr());
  }

  /**
   * A line of many TBOT_CONFIG_PATH words, each naming a config of near 1 MiB, is not read word by
   * word. Red before: 1000 such words took seconds of CPU in preview (300 took 2.4 s), as in exec's
   * background thread. A bound on this thread's CPU time, not on the clock.
   */
  @Test
  void aLineOfManyConfigWordsInFrontOfTbotIsNotReadWordByWord(@TempDir Path dir) throws Exception {
    String big = "version: v2\nanonymous_analytics: true\n" + "# padding\n".repeat(100_000);
    Files.writeString(dir.resolve("big.yaml"), big);
    List<String> line = new ArrayList<>(List.of("./run.sh"));
    for (int i = 0; i < 1000; i++) {
      line.add("TBOT_CONFIG_PATH=" + dir + "/" + "./".repeat(i) + "big.yaml");
    }
    line.addAll(List.of("tbot", "start"));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    Cli.Result r = preview(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), line);
    long millis = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
    assertTrue(r.stderr().contains("would send nothing (more than 8 TBOT_CONFIG_PATH"), r.stderr());
    assertTrue(millis < 2_000, "1000 config words: " + millis + " ms of CPU");
  }

  private static String base64(String yaml) {
    return java.util.Base64.getEncoder().encodeToString(yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theProcesssOwnNoDoesNotMakeEveryVariableGivenToTbotANo(@TempDir Path dir) throws Exception {
    // Under DO_NOT_TRACK=1, exec's endpoint variable given to tbot (which exec never uses) was taken
    // for a no and used as exec's: preview failed on an address nothing would go to.
    Path config = Files.writeString(dir.resolve("ok.yaml"), "version: v2\n");
    Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
    env.put("DO_NOT_TRACK", "1");
    ChildJvm.Result r = ChildJvm.runMain(List.of(), env, Main.class, Duration.ofSeconds(30), "preview", "--", "env",
        "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS=notaurl", "tbot", "start", "-c", config.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("would send nothing (DO_NOT_TRACK says no)"), r.stderr());
  }

  static final String CANNOT_BE_SEEN = "tbot-otel: tbot's config cannot be seen from here: COMMAND does not name "
      + "tbot (a wrapper script, a shell string), so which config, and which no, tbot reads is unknown; give exec "
      + "tbot's config with its own -c (or TBOT_CONFIG_PATH or TBOT_CONFIG in exec's environment), or put tbot "
      + "itself after '--'.\n";

  /**
   * A command that names no tbot (a wrapper script, a shell string that names none) runs a tbot
   * whose config, and its no, exec cannot see: without a config exec is given (its own -c,
   * TBOT_CONFIG_PATH or TBOT_CONFIG in its environment) nothing is recorded, and preview says why in
   * one line, exit 1; with one, the start is counted from it (its join method), and its no is a no.
   * Red before (d33869e8): counted from exec's flags alone, join_type token, and sent.
   */
  @Test
  void aCommandThatNamesNoTbotIsCountedOnlyFromAConfigExecIsGiven(@TempDir Path dir) throws Exception {
    String iamYaml = "version: v2\nonboarding: {join_method: iam}\n";
    Path iam = Files.writeString(dir.resolve("iam.yaml"), iamYaml);
    Path no = Files.writeString(dir.resolve("no.yaml"), iamYaml + "anonymous_analytics: false\n");
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    String joinIam = "{\"key\":\"join_type\",\"value\":{\"stringValue\":\"iam\"}}";
    for (List<String> line : List.of(List.of("./run.sh"), List.of("./run.sh", "--flag"), List.of("sh", "-c", "./run.sh"),
        List.of("sh", "-c", "exec ./run.sh --flag"))) {
      Cli.Result unseen = preview(yes, line);
      assertEquals(1, unseen.exitCode(), line + ": " + unseen.stderr());
      assertEquals("", unseen.stdout(), line + ": " + unseen.stderr());
      assertEquals(CANNOT_BE_SEEN, unseen.stderr(), line.toString());
      // exec's own -c, TBOT_CONFIG_PATH or TBOT_CONFIG: counted from that config.
      Cli.Result own = Cli.run(yes, concat(List.of("preview", "-c", iam.toString(), "--"), line));
      Cli.Result path = preview(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "TBOT_CONFIG_PATH", iam.toString()), line);
      Cli.Result text = preview(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "TBOT_CONFIG", base64(iamYaml)), line);
      for (Cli.Result r : List.of(own, path, text)) {
        assertEquals(0, r.exitCode(), line + ": " + r.stderr());
        assertTrue(r.stdout().contains(joinIam), line + ": " + r.stdout());
        assertTrue(r.stderr().contains("would send it"), line + ": " + r.stderr());
      }
      // That config's no is a no, and so is one on the line.
      assertSends(false, Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "TBOT_CONFIG_PATH", no.toString()),
          line.toArray(new String[0]));
      assertSends(false, yes, no, line.toArray(new String[0]));
      assertSends(false, yes, iam, concat(List.of("env", "DO_NOT_TRACK=1"), line));
      // A config the line sets for the wrapper is not read as tbot's: still not seen.
      Cli.Result setForIt = preview(yes, List.of(concat(List.of("env", "TBOT_CONFIG_PATH=" + iam), line)));
      assertEquals(1, setForIt.exitCode(), line + ": " + setForIt.stderr());
      assertEquals(CANNOT_BE_SEEN, setForIt.stderr(), line.toString());
    }
    // Without consent too: preview reports the line, as for a config that cannot be found from here.
    Cli.Result r = preview(Map.of(), List.of("./run.sh"));
    assertEquals(1, r.exitCode(), r.stderr());
    assertEquals(CANNOT_BE_SEEN, r.stderr());
  }

  /** preview's run of {@code line}, the command exec would run, with {@code env}. */
  private static Cli.Result preview(Map<String, String> env, List<String> line) {
    List<String> args = new ArrayList<>(List.of("preview", "--"));
    args.addAll(line);
    return Cli.run(env, args.toArray(new String[0]));
  }

  /** preview shows no event for {@code line} and says exec records nothing, for {@code why}. */
  private static void assertRecordsNothing(Map<String, String> env, List<String> line, String why) {
    Cli.Result r = preview(env, line);
    assertEquals(0, r.exitCode(), line + ": " + r.stderr());
    assertEquals("", r.stdout(), line + ": " + r.stderr());
    assertTrue(r.stderr().contains("exec would record nothing: " + why), line + ": " + r.stderr());
  }

  private static void assertSends(boolean sends, Map<String, String> env, String... command) {
    Cli.Result r = preview(env, List.of(command));
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains(sends ? "would send it" : "would send nothing"),
        env + " " + List.of(command) + ": " + r.stderr());
  }

  /**
   * As {@link #assertSends(boolean, Map, String...)}, with exec's own {@code -c config}: a command
   * that names no tbot (a wrapper) is counted only from a config exec can see.
   */
  private static void assertSends(boolean sends, Map<String, String> env, Path config, String... command) {
    List<String> args = new ArrayList<>(List.of("preview", "-c", config.toString(), "--"));
    args.addAll(List.of(command));
    Cli.Result r = Cli.run(env, args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains(sends ? "would send it" : "would send nothing"),
        env + " -c " + config.getFileName() + " " + List.of(command) + ": " + r.stderr());
  }

  @Test
  void windowsShellStringsNameTbotByABackslashedPathAndSayNoByPowerShellsAssignments(@TempDir Path dir)
      throws Exception {
    // cmd's and PowerShell's strings take \ for a path separator, where sh's drop it as an escape:
    // C:\Teleport\tbot.exe read as C:Teleporttbot.exe named no tbot, so the line was counted from
    // TBOT_CONFIG_PATH's yes while tbot read no.yaml; and PowerShell sets a variable with $env:NAME
    // (or [Environment]::SetEnvironmentVariable), whose no was not read. Red before: each was sent.
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    Map<String, String> env = Map.of("TBOT_CONFIG_PATH", yes.toString());
    // A string naming tbot that exec does not parse records nothing.
    for (List<String> line : List.of(List.of("cmd", "/c", "C:\\Teleport\\tbot.exe start -c no.yaml"),
        List.of("powershell", "-Command", "& 'C:\\Program Files\\tbot\\tbot.exe' start -c no.yaml"))) {
      Cli.Result r = preview(env, line);
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("exec would record nothing: COMMAND names tbot in a string"), line + ": " + r.stderr());
    }
    // A no set in PowerShell's ways is a no.
    for (String set : List.of("$env:DO_NOT_TRACK='1'", "$Env:TELEPORT_ANONYMOUS_TELEMETRY = \"0\"",
        "${env:DO_NOT_TRACK} = '1'", "$env:TELEPORT_ANONYMOUS_TELEMETRY += '0'",
        "[Environment]::SetEnvironmentVariable('DO_NOT_TRACK', '1')",
        "[System.Environment]::SetEnvironmentVariable(\"DO_NOT_TRACK\",\"1\")",
        "[Environment]::SetEnvironmentVariable('OTEL_SDK_DISABLED','true','Process')",
        "Set-Item -Path Env:OTEL_SDK_DISABLED -Value true", "si Env:\\DO_NOT_TRACK 1",
        "New-Item -Path 'Env:TELEPORT_ANONYMOUS_TELEMETRY' -Value 0")) {
      assertSends(false, env, "pwsh", "-Command", set + "; ./run.ps1");
    }
    // A wrapper's string without a no still counts from the config exec reads.
    assertSends(true, env, "pwsh", "-Command", "$env:OTHER='1'; ./run.ps1");
  }

  @Test
  void tbotsNoFlagOrANoInAStringOnALineThatNamesNoTbotIsANo(@TempDir Path dir) throws Exception {
    // A wrapper, counted from the config exec is given, may hand its arguments, or a string's
    // words, to tbot: a no written there wins, as a NAME=VALUE word's does. Red before: each was
    // sent, while the real tbot behind ./wrapper.sh "$@" would have got the no.
    Map<String, String> env = Map.of("PATH", "/bin");
    Path yes = Files.writeString(dir.resolve("yes.yaml"), "version: v2\nanonymous_analytics: true\n");
    for (List<String> line : List.of(List.of("./wrapper.sh", "--no-anonymous-analytics"),
        List.of("./wrapper.sh", "start", "--anonymous-analytics=false"),
        List.of("./wrapper.sh", "--anonymous-analytics=off"), // tbot refuses it: no start to count
        List.of("sh", "-c", "./wrapper.sh --no-anonymous-analytics"),
        List.of("sh", "-c", "cd /srv && exec ./wrapper.sh '--anonymous-analytics=0'"),
        List.of("sh", "-c", "cd /srv; DO_NOT_TRACK=1 ./wrapper.sh"),
        List.of("sh", "-c", "cd /srv\nexport TELEPORT_ANONYMOUS_TELEMETRY=\"false\"\n./wrapper.sh"),
        List.of("nice", "sh", "-c", "./wrapper.sh; ./wrapper.sh --no-anonymous-analytics"))) {
      assertSends(false, env, yes, line.toArray(new String[0]));
    }
    // Quoted, escaped or joined by a \\-newline in a string that is not one plain command, as the
    // shell hands it to the wrapper; or a value given by bash's $'...', a parameter's default or
    // arithmetic. Red before: each was sent, while sh -c (bash -c) gave the wrapper the no.
    for (String string : List.of("cd /srv; ./wrapper.sh --no-anonymous-\\\nanalytics",
        "cd /srv; ./wrapper.sh --no-anonymous-ana''lytics", "cd /srv && ./wrapper.sh \"--no-anonymous-\"analytics",
        "cd /srv && ./wrapper.sh --no-anonymous-analytic\\s", "cd /srv && ./wrapper.sh --no-anonymous-${X:-analytics}",
        "cd /srv && TELEPORT_ANONYMOUS_TELEMETRY=$'0' ./wrapper.sh",
        "cd /srv && TELEPORT_ANONYMOUS_TELEMETRY=${X:-false} ./wrapper.sh",
        "export TELEPORT_ANONYMOUS_TELEMETRY=$((0)); ./wrapper.sh",
        // bash's $'...' decoded (red before: sent).
        "cd /srv && ./wrapper.sh $'--no-anonymous-\\x61nalytics'",
        "cd /srv && TELEPORT_ANONYMOUS_TELEMETRY=$'\\x30' ./wrapper.sh")) {
      assertSends(false, env, yes, "bash", "-c", string);
    }
    // A yes, another flag or a word that only contains the flag's name stays the config's yes.
    for (List<String> line : List.of(List.of("./wrapper.sh", "--anonymous-analytics"),
        List.of("./wrapper.sh", "--anonymous-analytics=true"), List.of("./wrapper.sh", "--no-oneshot"),
        List.of("sh", "-c", "cd /srv; DO_NOT_TRACK=0 ./wrapper.sh --anonymous-analytics"),
        List.of("./wrapper.sh", "--log=no-anonymous-analytics.txt"),
        List.of("bash", "-c", "cd /srv; TELEPORT_ANONYMOUS_TELEMETRY=1 ./wrapper.sh $'--anonymous-analytics'"))) {
      assertSends(true, env, yes, line.toArray(new String[0]));
    }
    // An expansion's value is not known here (X may be 0): as written, it is no true value, so a no.
    assertSends(false, env, yes, "bash", "-c", "cd /srv; TELEPORT_ANONYMOUS_TELEMETRY=${X:-1} ./wrapper.sh");
  }

  @Test
  void anotherSpellingOfOtelSdkDisabledSetForAWrapperIsANoAsTheExactNameIs(@TempDir Path dir) throws Exception {
    // Consent reads otel_sdk_disabled (any case, '.' for '_') as OTEL_SDK_DISABLED, as OpenTelemetry
    // Java does: set in front of a command that does not name tbot (given its config with exec's own
    // -c), or in env -S's string, it is a no as the exact name is there (and as it is in front of tbot).
    Map<String, String> execSaysYes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    Path plain = Files.writeString(dir.resolve("plain.yaml"), "version: v2\n");
    for (String no : List.of("otel_sdk_disabled=true", "Otel_Sdk_Disabled=TRUE", "OTEL.SDK.DISABLED=true")) {
      assertSends(false, execSaysYes, plain, "env", no, "./wrapper.sh");
      assertSends(false, execSaysYes, plain, "sudo", no, "./wrapper.sh");
      assertSends(false, execSaysYes, plain, "xargs", "env", no, "./wrapper.sh");
      assertSends(false, execSaysYes, plain, "env", "-S", no, "./wrapper.sh");
      assertSends(false, execSaysYes, "env", "-S", no, "tbot", "start");
      // Not the string's first word: read from the words env splits it into.
      assertSends(false, execSaysYes, plain, "env", "-S", "FOO=1 " + no, "./wrapper.sh");
      assertSends(false, execSaysYes, "env", "-S", "FOO=1 " + no, "tbot", "start");
      assertSends(false, execSaysYes, "env", no, "tbot", "start");
    }
    assertSends(false, execSaysYes, plain, "sh", "-c", "otel_sdk_disabled=true ./wrapper.sh");
    // Not a no: not taken.
    assertSends(true, execSaysYes, plain, "env", "otel_sdk_disabled=false", "./wrapper.sh");
    assertSends(true, execSaysYes, plain, "env", "-S", "otel_sdk_disabled=false", "./wrapper.sh");
    assertSends(true, execSaysYes, plain, "env", "otel-sdk-disabled=true", "./wrapper.sh"); // a property's spelling
    // Where exec's own process says no, every value would: nothing else the line sets is taken.
    Map<String, String> env = Map.of("PATH", "/bin");
    System.setProperty(Consent.PROPERTY_OTEL_SDK_DISABLED, "true");
    try {
      assertEquals(env, LauncherEnvironment.environment(List.of("env", "TBOT_CONFIG_PATH=/x", "FOO=1", "./wrapper.sh"), env));
      // Nor, in front of tbot, a value for exec's own variables (each would be taken for a no).
      assertEquals(env, LauncherEnvironment.environment(
          List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "DO_NOT_TRACK=0", "tbot", "start"), env));
    } finally {
      System.clearProperty(Consent.PROPERTY_OTEL_SDK_DISABLED);
    }
  }

  /**
   * On Windows a config variable's name has no case, in an env -S string as in a word in front of a
   * wrapper: env -S 'tbot_config=BASE64' sets tbot's TBOT_CONFIG. Red before: the string's config
   * names were matched in capitals only, so its no was missed.
   */
  @Test
  void aConfigNamedInAnyCaseIsReadForWindows() {
    Map<String, String> env = Main.environment(Map.of("PATH", "/bin"), true);
    assertEquals("BASE64", LauncherEnvironment.environment(
        List.of("env", "-S", "tbot_config=BASE64", "tbot", "start"), env).get("TBOT_CONFIG"));
    assertEquals("/x", LauncherEnvironment.environment(
        List.of("env", "-S", "Tbot_Config_Path=/x", "tbot", "start"), env).get("TBOT_CONFIG_PATH"));
    assertEquals(Set.of(Map.entry("TBOT_CONFIG_PATH", "C:/no.yaml"), Map.entry("TBOT_CONFIG", "BASE64")),
        ConfigsInFront.read(
            List.of("./run.cmd", "tbot_config_path=C:/no.yaml", "-deTbot_Config=BASE64", "tbot", "start"), env,
            Set.of("TBOT_CONFIG_PATH", "TBOT_CONFIG")));
    // Not elsewhere: only tbot's exact names.
    Map<String, String> posix = Map.of("PATH", "/bin");
    assertNull(LauncherEnvironment.environment(List.of("env", "-S", "tbot_config=BASE64", "tbot", "start"), posix)
        .get("TBOT_CONFIG"));
    assertEquals(Set.of(), ConfigsInFront.read(
        List.of("./run.sh", "tbot_config_path=/no.yaml", "tbot", "start"), posix, Set.of("TBOT_CONFIG_PATH")));
  }

  @Test
  void aNoInAnyCaseInFrontOfACommandNotNamingTbotIsKeptForWindows() {
    // Windows reads a variable's name in any case, and Main gives exec the environment with names
    // of no case there: the lowercase no that env sets in front of a wrapper is in the environment
    // exec resolves consent from, as it is in front of tbot; env -i and -u keep one of exec's own.
    Map<String, String> env = Main.environment(Map.of("PATH", "/bin"), true);
    Map<String, String> yes = Main.environment(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), true);
    assertEquals("1",
        LauncherEnvironment.environment(List.of("env", "do_not_track=1", "tbot", "start"), env).get("DO_NOT_TRACK"));
    assertEquals("1",
        LauncherEnvironment.environment(List.of("env", "do_not_track=1", "./wrapper.cmd"), env).get("DO_NOT_TRACK"));
    assertEquals("0", LauncherEnvironment.environment(
        List.of("sudo", "Teleport_Anonymous_Telemetry=0", "./wrapper.cmd"), yes).get("TELEPORT_ANONYMOUS_TELEMETRY"));
    // Not a no, or not exec's: not taken.
    assertEquals(env, LauncherEnvironment.environment(List.of("env", "do_not_track=0", "./wrapper.cmd"), env));
    assertEquals(env, LauncherEnvironment.environment(List.of("env", "tbot_config_path=/x", "./wrapper.cmd"), env));
    assertEquals(yes, LauncherEnvironment.environment(List.of("env", "teleport_anonymous_telemetry=1", "./wrapper.cmd"), yes));
    // Any value but a true one is a no, this one too (red before: it abstained, and was not taken).
    assertEquals("0x", LauncherEnvironment.environment(
        List.of("env", "teleport_anonymous_telemetry=0x", "./wrapper.cmd"), yes).get("TELEPORT_ANONYMOUS_TELEMETRY"));
    Map<String, String> lower = Main.environment(Map.of("teleport_anonymous_telemetry", "0", "PATH", "/bin"), true);
    assertEquals("0", LauncherEnvironment.environment(List.of("env", "-i", "./wrapper.cmd"), lower).get("TELEPORT_ANONYMOUS_TELEMETRY"));
    assertEquals("0", LauncherEnvironment.environment(List.of("env", "-i", "tbot", "start"), lower).get("TELEPORT_ANONYMOUS_TELEMETRY"));
    assertEquals("0", LauncherEnvironment.environment(
        List.of("env", "-u", "TELEPORT_ANONYMOUS_TELEMETRY", "tbot", "start"), lower).get("teleport_anonymous_telemetry"));
  }

  @Test
  void execsOwnConfigFileWinsOverTheCommandsConfigString(@TempDir Path dir) throws Exception {
    // --config-string is tbot's config as much as its -c is: exec's own -c replaces either, where
    // taking both made exec skip the start ("both given") that tbot, given one, runs.
    Path own = Files.writeString(dir.resolve("own.yaml"), "version: v2\noutputs:\n  - type: application\n");
    String base64 = java.util.Base64.getEncoder().encodeToString("version: v2\n".getBytes(StandardCharsets.UTF_8));
    Cli.Result r = Cli.run(Map.of(), "preview", "-c", own.toString(), "--", "tbot", "start", "--config-string",
        base64);
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains(
        "{\"key\":\"destinations_configured_application_access\",\"value\":{\"intValue\":\"1\"}}"), r.stdout());
  }

  @Test
  void execsOwnConfigFileWinsOverTbotConfig(@TempDir Path dir) throws Exception {
    // tbot reads TBOT_CONFIG and never sees exec's -c (the file with the analytics keys, which
    // today's tbot refuses): the two do not clash, where refusing them sent nothing.
    Path own = Files.writeString(dir.resolve("own.yaml"), "version: v2\noutputs:\n  - type: application\n");
    String base64 = java.util.Base64.getEncoder().encodeToString("version: v2\n".getBytes(StandardCharsets.UTF_8));
    for (String program : List.of("tbot", "./wrapper.sh")) {
      Cli.Result r = Cli.run(Map.of("TBOT_CONFIG", base64), "preview", "-c", own.toString(), "--", program, "start");
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stdout().contains(
          "{\"key\":\"destinations_configured_application_access\",\"value\":{\"intValue\":\"1\"}}"), r.stdout());
    }
  }

  @Test
  void theConfigsNoIsReadWhenItsPathFollowsADoubleDash(@TempDir Path dir) throws Exception {
    // kingpin gives -c the argument after a '--': tbot runs start with that config, so its no is
    // the answer even against an explicit yes.
    Path config = Files.writeString(dir.resolve("tbot.yaml"), "version: v2\nanonymous_analytics: false\n");
    Cli.Result r = Cli.run(Map.of(), "preview", "--anonymous-analytics", "--", "tbot", "start", "-c", "--",
        config.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("would send nothing"), r.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "t", "T", "true", "TRUE", "True"})
  void tbotsOwnTelemetryIsHandedOverWhenGoWouldSend(String value) {
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", value, "PATH", "/bin");
    assertEquals(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "0", "PATH", "/bin"),
        TbotTelemetryHandoff.childEnvironment(env, false));
    assertEquals(env, TbotTelemetryHandoff.childEnvironment(env, true), "--keep-tbot-telemetry");
  }

  /** Whether tbot's own telemetry is on under the launchers of its line, which exec passes on as given. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "env TELEPORT_ANONYMOUS_TELEMETRY=1 tbot start | true",
      "sudo TELEPORT_ANONYMOUS_TELEMETRY=True tbot start | true",
      "timeout 60 env -i PATH=/bin TELEPORT_ANONYMOUS_TELEMETRY=t tbot start | true",
      "env TELEPORT_ANONYMOUS_TELEMETRY=1 env -u TELEPORT_ANONYMOUS_TELEMETRY tbot start | false",
      "env TELEPORT_ANONYMOUS_TELEMETRY=1 env -i tbot start | false",
      "env TELEPORT_ANONYMOUS_TELEMETRY=yes tbot start | false",
      "env TELEPORT_ANONYMOUS_TELEMETRY=0 tbot start | false",
      "tbot start | false",
      "env X=1 tbot start | false"})
  void aYesOnTbotsLineIsLeftToTbot(String line, boolean tbotCounts) {
    List<String> command = List.of(line.split(" "));
    // exec's own yes is handed over to tbot as 0 first: only the line can turn tbot's telemetry on.
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "PATH", "/bin");
    assertEquals(tbotCounts, countedByTbot(command, env, false) != null, line);
    assertNull(countedByTbot(command, env, true), "--keep-tbot-telemetry: " + line);
  }

  @Test
  void aYesInEnvSplitStringIsLeftToTbot() {
    // env -S sets its string's NAME=VALUE words for tbot as it does its own: a yes there turns
    // today's tbot's own telemetry on. Red before: the string was read for nos only, and exec
    // counted that start too.
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "PATH", "/bin");
    for (List<String> line : List.of(List.of("env", "-S", "TELEPORT_ANONYMOUS_TELEMETRY=1", "tbot", "start"),
        List.of("env", "--split-string=FOO=1 TELEPORT_ANONYMOUS_TELEMETRY=True", "tbot", "start"),
        List.of("nice", "env", "-STELEPORT_ANONYMOUS_TELEMETRY=t", "tbot", "start"),
        List.of("env", "-S", "-u FOO TELEPORT_ANONYMOUS_TELEMETRY=1", "tbot", "start"))) {
      assertTrue(countedByTbot(line, env, false) != null, line.toString());
      assertNull(countedByTbot(line, env, true), "--keep-tbot-telemetry: " + line);
    }
    // Unset or cleared by the string, after its command (that command's argument), or not Go's yes.
    for (List<String> line : List.of(
        List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "env", "-S", "-u TELEPORT_ANONYMOUS_TELEMETRY", "tbot", "start"),
        List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "env", "-S", "-i PATH=/bin", "tbot", "start"),
        List.of("env", "-S", "./wrapper.sh TELEPORT_ANONYMOUS_TELEMETRY=1", "tbot", "start"),
        List.of("env", "-S", "TELEPORT_ANONYMOUS_TELEMETRY=yes", "tbot", "start"))) {
      assertNull(countedByTbot(line, env, false), line.toString());
    }
    Cli.Result r = Cli.run(Map.of(), "preview", "--anonymous-analytics", "--", "env", "-S",
        "TELEPORT_ANONYMOUS_TELEMETRY=1", "tbot", "start");
    assertTrue(r.stderr().contains("exec would send nothing, as tbot sends its own start event"), r.stderr());
  }

  @Test
  void noLineReadForTbotLeavesNoCountToTbot() {
    // Where exec reads no line for tbot (a string that is not one plain command, a tbot behind a
    // string that is no exact pass-through, a script or csh that runs nothing), a yes in front of
    // it is not taken for tbot's: exec records nothing there anyway (ShellString's kinds of line).
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "PATH", "/bin");
    for (List<String> line : List.of(
        List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "sh", "-c", "tbot start; echo"),
        List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "sh", "-c", "DO_NOT_TRACK=1 exec \"$@\"", "sh", "tbot", "start"),
        List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "script", "-V", "-c", "tbot start"),
        List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "tcsh", "-f", "-c", "tbot start", "-c"))) {
      assertNull(countedByTbot(line, env, false), line.toString());
      assertFalse(TbotCommand.of(line, env).counted(), line.toString());
    }
  }

  @Test
  void theEnvironmentTbotGetsIsWhatItsLaunchersMakeIt() {
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "0", "DO_NOT_TRACK", "1", "HOME", "/root");
    assertEquals(Map.of(), LauncherEnvironment.asTbotGetsIt(List.of("env", "-i", "tbot", "start"), env),
        "env -i leaves tbot nothing, exec's own variables included");
    assertEquals(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "HOME", "/root"),
        LauncherEnvironment.asTbotGetsIt(List.of("env", "-u", "DO_NOT_TRACK", "TELEPORT_ANONYMOUS_TELEMETRY=1", "tbot"), env));
    assertEquals(env, LauncherEnvironment.asTbotGetsIt(List.of("tbot", "start"), env), "no launcher, no change");
    // exec's own view keeps its consent variables: a yes set for tbot is not exec's yes.
    assertEquals("0", LauncherEnvironment.environment(
        List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=1", "tbot"), env).get("TELEPORT_ANONYMOUS_TELEMETRY"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "t", "T", "true", "TRUE", "True", "0", "f", "F", "false", "FALSE", "False"})
  void whatTodaysTbotReadsAsYesOrNoIsTheSameHere(String value) {
    // exec hands tbot's own telemetry over on Go's yes: a yes it would then not honour loses the start.
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", value);
    boolean goYes = TbotTelemetryHandoff.tbotWouldSend(env);
    assertEquals(goYes, Consent.resolve(null, null, env).granted(), "yes");
    assertEquals(!goYes, Consent.resolve(true, null, env).refused(), "no");
  }

  @ParameterizedTest
  @ValueSource(strings = {"no", "NO", "n", "off", " Off "})
  void aPersonsNoGivenToTbotIsANoThatWins(String value) {
    // Go's ParseBool reads none of these (tbot leaves its telemetry off): meant as a no, taken as one.
    Map<String, String> env = LauncherEnvironment.environment(
        List.of("env", "TELEPORT_ANONYMOUS_TELEMETRY=" + value, "tbot", "start"), Map.of());
    assertTrue(Consent.resolve(true, true, env).refused(), value);
    assertFalse(TbotTelemetryHandoff.tbotWouldSend(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", value)));
  }

  @ParameterizedTest
  @ValueSource(strings = {" 1", "tRUE", "true ", "yes", "on", "2"})
  void whatTodaysTbotDoesNotReadAsYesIsNoYesHere(String value) {
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", value);
    assertFalse(TbotTelemetryHandoff.tbotWouldSend(env));
    assertFalse(Consent.resolve(null, null, env).granted());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "false", "", " 1", "yes", "on"})
  void otherValuesAreLeftAsTheyAre(String value) {
    // Go's strconv.ParseBool does not accept these as true: today's tbot would not send.
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", value);
    assertEquals(env, TbotTelemetryHandoff.childEnvironment(env, false));
    assertEquals(Map.of(), TbotTelemetryHandoff.childEnvironment(Map.of(), false));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // pid (comm) state ppid pgrp session tty_nr tpgid ...
        "'4242 (java) S 1 4242 4242 34816 4242 4194304' | true",
        "'4242 (java) S 1 4242 4242 34816 4300 4194304' | false",
        "'4242 (java) S 1 4242 4242 0 -1 4194304' | false",
        "'4242 (java) S 1 77 77 34816 77' | true", // tpgid the last field read
        "'4242 (java) S 1 0 0 34816 0 0' | false", // 0: a terminal with no foreground group
        "'4242 (a) b) (c) S 1 77 77 34816 77 0' | true",
        "'garbage' | false",
        "'4242 (java) S 1' | false",
      })
  void terminalForegroundFromProcStat(String stat, boolean expected) {
    assertEquals(expected, SignalForwarding.inTerminalForeground(stat));
  }

  @Test
  void noCommandIsAUsageError() {
    for (String[] args : new String[][] {{"exec"}, {"exec", "--"}, {"exec", "--anonymous-analytics", "--"}}) {
      Cli.Result r = Cli.run(Map.of(), args);
      assertEquals(ExecCommand.EXIT_OWN_ERROR, r.exitCode());
      assertEquals("", r.stdout());
      assertEquals(1, r.stderr().lines().count(), r.stderr());
      assertTrue(r.stderr().startsWith("tbot-otel: exec needs a command after '--'"), r.stderr());
    }
  }

  @Test
  void anExecLineTheTopLevelRefusesIsExecsUsageErrorToo() {
    // exec named before any '--', a flag of its in front of it: exec's own mistake, so the command
    // runs with analytics off, as for a mistake in exec's flags; a misspelt exec names no command,
    // so it is the top level's 2, and nothing runs, nor for a 'start exec'.
    Cli.Result early = Cli.run(Map.of(), "--debug", "exec", "--", "false");
    assertEquals(1, early.exitCode(), early.stderr()); // false's
    assertTrue(early.stderr().contains("'--debug' is a flag of"), early.stderr());
    assertTrue(early.stderr().contains("; analytics is off for this run, and the command runs;"), early.stderr());
    Cli.Result typo = Cli.run(Map.of(), "exe", "--", "false");
    assertEquals(Main.EXIT_USAGE, typo.exitCode(), typo.stderr());
    // Red before: 125, as if exec had been named.
    assertEquals(Main.EXIT_USAGE, Cli.run(Map.of(), "--debug", "start", "exec").exitCode());
    assertEquals(Main.EXIT_USAGE, Cli.run(Map.of(), "--debug", "--", "exec").exitCode(), "exec after '--' is no command");
    // A '--' after the word leaves it a command misspelt, not a word after '--'.
    assertEquals("tbot-otel: Unknown command 'strt' (did you mean 'start'?); see 'tbot-otel --help'.\n",
        Cli.run(Map.of(), "strt", "--").stderr());
  }

  @Test
  void aMistakeInExecsOwnFlagsRunsTheCommandWithAnalyticsOff(@TempDir Path dir) throws Exception {
    // From a Kubernetes platform engineer's review: a typo in an image's entrypoint stopped every
    // pod's tbot (125, tbot never ran). Now the command runs, nothing is recorded, and one line says
    // what is wrong; tbot still gets TELEPORT_ANONYMOUS_TELEMETRY=0 (no start counted twice, nor
    // at all: the line's intent is unknown). Red before: 125, and the command never ran.
    Path seen = dir.resolve("seen");
    Path tbot = ExecRun.script(dir, "tbot", "echo \"TAT=$TELEPORT_ANONYMOUS_TELEMETRY\" >> '" + seen + "'\nexit 3\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1",
          "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url());
      for (String[] flags : new String[][] {{"--no-such-flag"}, {"--anonymous-analytics-exit-timeout", "2"},
          {"--anonymous-analytics-exit-timeout", "99s"}, {"--anonymous-analytic", "--debug"}}) {
        List<String> line = new ArrayList<>(List.of("exec", "--anonymous-analytics"));
        line.addAll(List.of(flags));
        line.addAll(List.of("--", tbot.toString(), "start"));
        Cli.Result r = Cli.run(env, line.toArray(String[]::new));
        assertEquals(3, r.exitCode(), line + ": " + r.stderr()); // the command's
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("tbot-otel: ") && r.stderr().strip().endsWith(
            "; analytics is off for this run, and the command runs; see 'tbot-otel exec --help'."), r.stderr());
      }
      assertEquals(List.of("TAT=0", "TAT=0", "TAT=0", "TAT=0"), Files.readAllLines(seen));
      assertEquals(0, receiver.await(1, Duration.ofMillis(1_500)).size(), "nothing recorded");
    }
    // Without '--' exec cannot tell where the command begins: nothing runs, 125 as env has it.
    Cli.Result unsure = Cli.run(Map.of(), "exec", "--no-such-flag", tbot.toString(), "start");
    assertEquals(ExecCommand.EXIT_OWN_ERROR, unsure.exitCode(), unsure.stderr());
    assertFalse(unsure.stderr().contains("the command runs"), unsure.stderr());
    // Nor where a '--' is the command's own (ssh host -- cmd, sudo -u bot -- tbot): the words after
    // it are no command of the user's (red before: exec ran them, here on this machine).
    Path inner = dir.resolve("inner-ran");
    Cli.Result wrapped = Cli.run(Map.of(), "exec", "--no-such-flag", "sh", "-c", "exit 9", "--", "touch", inner.toString());
    assertEquals(ExecCommand.EXIT_OWN_ERROR, wrapped.exitCode(), wrapped.stderr());
    assertFalse(Files.exists(inner), "the words after the command's own '--' ran");
    // A flag's value is no command word: -c's is skipped on the way to '--'.
    Cli.Result valued = Cli.run(Map.of(), "exec", "-c", "tbot.yaml", "--no-such-flag", "--", tbot.toString(), "start");
    assertEquals(3, valued.exitCode(), valued.stderr());
    assertEquals(5, Files.readAllLines(seen).size(), "only the line with '--' after exec's flags ran");
    // --keep-tbot-telemetry among exec's words is kept: tbot's own yes stands (red before: TAT=0).
    Cli.Result kept = Cli.run(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"),
        "exec", "--keep-tbot-telemetry", "--no-such-flag", "--", tbot.toString(), "start");
    assertEquals(3, kept.exitCode(), kept.stderr());
    assertEquals("TAT=1", Files.readAllLines(seen).get(5));
  }

  @Test
  void aCommandThatExistsButWhoseInterpreterDoesNotSaysSo(@TempDir Path dir) throws Exception {
    // The kernel's ENOENT for a missing interpreter or dynamic loader (a glibc tbot in an Alpine
    // image) reads "No such file or directory" for a file that is there: the line says which.
    Path tbot = Files.writeString(dir.resolve("tbot"), "#!/nonexistent/interpreter\n");
    Files.setPosixFilePermissions(tbot, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Cli.Result r = Cli.run(Map.of(), "exec", "--", tbot.toString(), "start");
    String noSuchFile = noSuchFileInThisLocale(dir);
    assertEquals(127, r.exitCode(), r.stderr());
    assertEquals(List.of("tbot-otel: cannot run '" + tbot + "': " + noSuchFile + ", though the file exists: "
        + "its interpreter (#!) or dynamic loader is missing, e.g. a glibc binary on musl (Alpine)"),
        r.stderr().lines().toList());

    Cli.Result missing = Cli.run(Map.of(), "exec", "--", dir.resolve("no-such-tbot").toString());
    assertEquals(127, missing.exitCode(), missing.stderr());
    assertEquals(List.of("tbot-otel: cannot run '" + dir.resolve("no-such-tbot") + "': " + noSuchFile + "; check the path"),
        missing.stderr().lines().toList());
  }

  /**
   * An Error from ProcessBuilder.start is one line and a shell's 126, not a stack trace: here the
   * JDK's own for a launch mechanism it does not know (a typo in JAVA_TOOL_OPTIONS gives it), at a
   * thread limit an OutOfMemoryError. Nothing ran: the JDK refuses before it starts anything.
   */
  @Test
  void anErrorStartingTheCommandIsOneLineNotAStackTrace(@TempDir Path dir) {
    Path tbot = ExecRun.script(dir, "tbot", "exit 0\n");
    ChildJvm.Result r = ChildJvm.runMain(List.of(UnknownLaunchMechanism.FLAG), ChildJvm.baseEnv(), Main.class,
        Duration.ofSeconds(60), "exec", "--", tbot.toString(), "start");
    assertEquals(126, r.exitCode(), r.stderr());
    List<String> lines = r.stderr().lines().toList();
    assertEquals(1, lines.size(), r.stderr());
    // The cause and its fix, on either JDK: the JDK's Error itself or (from JDK 25, where reading the
    // environment already failed) the NoClassDefFoundError that stands for it is not quoted.
    assertEquals("tbot-otel: cannot run '" + tbot + "': -Djdk.lang.Process.launchMechanism=NONE names no launch "
        + "mechanism this JVM supports; remove or correct that option (in JAVA_TOOL_OPTIONS or on the java command "
        + "line)", lines.get(0));
  }

  /**
   * The hint for a file that is there though starting it was "not found" is the kernel's ENOENT
   * for a missing #! interpreter or dynamic loader, which Windows has neither of: there it never
   * applies (CreateProcess finds no tbot.exe for a tbot without the extension, say), and a file
   * found on PATH, which Windows splits at ';', gets no hint that cannot be its cause.
   */
  @Test
  void theInterpretersHintIsNeverGivenOnWindows(@TempDir Path dir) {
    Path tbot = ExecRun.script(dir, "tbot", "exit 0\n");
    for (String path : List.of(dir.toString(), "/nowhere:" + dir, "C:\\nowhere;" + dir)) {
      assertEquals(!path.contains(";"), ExecCommand.interpreterHintApplies("tbot", path, false), path);
      assertFalse(ExecCommand.interpreterHintApplies("tbot", path, true), path);
    }
    assertTrue(ExecCommand.interpreterHintApplies(tbot.toString(), null, false));
    assertFalse(ExecCommand.interpreterHintApplies(tbot.toString(), null, true));
    assertFalse(ExecCommand.interpreterHintApplies("no-such-tbot", dir.toString(), false));
  }

  @Test
  void aProgramNameWithTerminalControlsIsShownWithoutThem(@TempDir Path dir) {
    // The line is printed at the default level: a name carrying a terminal's escape sequences (a
    // title, a clear screen) or a line break (a forged second line) must not reach the terminal as
    // such. Each control or format character shows as '?', as in a config path's errors.
    String name = "no-such-\u001b]0;PWN\u0007\u001b[2J\r\nFAKE\u202eprogram";
    Cli.Result r = Cli.run(Map.of(), "exec", "--", name, "start");
    assertEquals(127, r.exitCode(), r.stderr());
    assertEquals(List.of("tbot-otel: cannot run 'no-such-?]0;PWN??[2J??FAKE?program': " + noSuchFileInThisLocale(dir)
        + "; no directory on PATH holds it: give its full path"),
        r.stderr().lines().toList());
  }

  /**
   * Under a process or thread limit the JDK can start the command and then fail to start the thread
   * that waits for it (OutOfMemoryError: unable to create native thread): exec said it could not run,
   * and the command ran on unwatched beside the one its supervisor would start. Such a child (here
   * one this test starts, since the limit cannot be set reliably) is found and stopped; one started
   * before the attempt is left alone.
   */
  @Test
  void aCommandStartedThoughStartThrewIsStopped() throws Exception {
    Process older = new ProcessBuilder("sleep", "30").start();
    try {
      Thread.sleep(1100);
      long attempt = System.currentTimeMillis();
      Process orphan = new ProcessBuilder("sleep", "30").start(); // as one re-parented to a PID 1 exec
      Thread.sleep(50);
      Process child = new ProcessBuilder("sleep", "30").start();
      try {
        assertTrue(ExecCommand.stopStartedAnyway(attempt), "the child started since the attempt is found");
        assertTrue(child.waitFor(5, java.util.concurrent.TimeUnit.SECONDS), "and stopped");
        assertEquals(143, child.exitValue(), "by SIGTERM");
        assertTrue(older.isAlive(), "a child started before the attempt is not stopped");
        assertTrue(orphan.isAlive(), "nor any but the newest");
        assertFalse(ExecCommand.stopStartedAnyway(System.currentTimeMillis() + 60_000), "none started since then");
      } finally {
        child.destroyForcibly();
        orphan.destroyForcibly();
      }
    } finally {
      older.destroyForcibly();
      older.waitFor();
    }
  }

  /** A program that is there but cannot run says the fix: a directory, or a file without its execute bit. */
  @Test
  void aDirectoryOrAFileThatIsNotExecutableSaysTheFix(@TempDir Path dir) throws Exception {
    Cli.Result d = Cli.run(Map.of(), "exec", "--", dir.toString(), "start");
    assertEquals(126, d.exitCode(), d.stderr());
    assertTrue(d.stderr().strip().endsWith("; it is a directory: name the program in it"), d.stderr());
    Path tbot = Files.writeString(dir.resolve("tbot"), "#!/bin/sh\nexit 0\n");
    Cli.Result f = Cli.run(Map.of(), "exec", "--", tbot.toString(), "start");
    assertEquals(126, f.exitCode(), f.stderr()); // execve refuses a file without an x bit, to root too
    assertTrue(f.stderr().strip().endsWith("; make it executable (chmod +x) or check its permissions"), f.stderr());
    // An empty word is no program: the usage line, not "cannot run ''".
    Cli.Result empty = Cli.run(Map.of(), "exec", "--", "", "start");
    assertEquals(ExecCommand.EXIT_OWN_ERROR, empty.exitCode(), empty.stderr());
    assertTrue(empty.stderr().startsWith("tbot-otel: exec needs a command after '--'"), empty.stderr());
  }

  @Test
  void aProgramNameFoundNowhereOnThePathIsNotFound(@TempDir Path dir) {
    // The usual case: tbot not installed. A bare name is looked up on this JVM's PATH, as a shell does.
    Cli.Result r = Cli.run(Map.of(), "exec", "--", "tbot-otel-test-no-such-program", "start");
    assertEquals(127, r.exitCode(), r.stderr());
    assertEquals(List.of("tbot-otel: cannot run 'tbot-otel-test-no-such-program': " + noSuchFileInThisLocale(dir)
        + "; no directory on PATH holds it: give its full path"),
        r.stderr().lines().toList());
  }

  /**
   * The C library's words for ENOENT as this JVM reports them: "No such file or directory" in the C
   * and English locales, translated in others (the test JVM runs in the caller's locale; tr_TR
   * gives "Böyle bir dosya ya da dizin yok"), as a shell in that locale prints them too.
   */
  private static String noSuchFileInThisLocale(Path dir) {
    try {
      new ProcessBuilder(dir.resolve("never-created").toString()).start().destroyForcibly();
      throw new AssertionError("a program that does not exist started");
    } catch (java.io.IOException e) {
      assertTrue(ExecCommand.notFound(e), e.getMessage());
      String words = ExecCommand.reason(e);
      assertFalse(words.isBlank() || words.contains("error"), words);
      return words;
    }
  }

  /** The JDK words a command that cannot run one way up to JDK 23 and another from JDK 24 on. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Cannot run program \"/x\": error=2, No such file or directory | true | No such file or directory",
        "Cannot run program \"/x\": Exec failed, error: 2 (No such file or directory)  | true | No such file or directory",
        "Cannot run program \"/x\": error=13, Permission denied | false | Permission denied",
        "Cannot run program \"/x\": Exec failed, error: 13 (Permission denied)  | false | Permission denied",
        "Cannot run program \"/x\": error=20, Not a directory | false | Not a directory",
        "something else   entirely | false | something else entirely",
      })
  void aCommandThatCannotRunIsReadOnEveryJdk(String message, boolean notFound, String reason) {
    java.io.IOException e = new java.io.IOException(message);
    assertEquals(notFound, ExecCommand.notFound(e), message);
    assertEquals(reason, ExecCommand.reason(e), message);
  }
}
