package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: one clear line, non-zero exit, nothing sent, the user's file untouched. */
class BadInputTest {

  @TempDir Path dir;

  /** Each unusable config in tbot-otel/src/test/resources/bad (the library's fixtures), and what its one line of error says. */
  static Stream<Arguments> badConfigs() {
    return Stream.of(
        Arguments.of("malformed.yaml", "invalid YAML"),
        Arguments.of("wrong-type-oneshot.yaml", "'oneshot'"),
        Arguments.of("wrong-type-outputs.yaml", "'outputs'"),
        Arguments.of("output-without-type.yaml", "'outputs[0].type' is missing"),
        Arguments.of("wrong-type-join.yaml", "'onboarding.join_method'"),
        Arguments.of("wrong-type-analytics.yaml", "'anonymous_analytics'"),
        Arguments.of("bad-version.yaml", "'version'"),
        Arguments.of("bad-endpoint.yaml", "bad-endpoint.yaml: anonymous_analytics_endpoint must start with http:// or https://"),
        Arguments.of("unconsented-bad-endpoint.yaml", "unconsented-bad-endpoint.yaml: anonymous_analytics_endpoint must start with http:// or https://"),
        Arguments.of("endpoint-with-credentials.yaml", "endpoint-with-credentials.yaml: anonymous_analytics_endpoint must not contain user:password"));
  }

  /** Those of {@link #badConfigs} that do not set {@code anonymous_analytics}. */
  static Stream<Arguments> badConfigsWithoutConsent() {
    return badConfigs().filter(a -> {
      try {
        return !Files.readString(Paths.get("../tbot-otel/src/test/resources/bad", (String) a.get()[0])).contains("anonymous_analytics:");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void badConfigFile(String name, String expected) throws Exception {
    Path config = dir.resolve(name);
    Files.copy(Paths.get("../tbot-otel/src/test/resources/bad", name), config);
    Files.setLastModifiedTime(config, FileTime.fromMillis(1_000_000_000_000L));
    byte[] before = Files.readAllBytes(config);
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      for (String cmd : new String[] {"start", "preview"}) {
        String[] args = {cmd, "-c", config.toString(), "--anonymous-analytics"};
        Cli.Result r = Cli.run(Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()), args);
        assertOneLineError(r, 1, expected);
      }
      assertEquals(0, receiver.requests().size(), "nothing sent");
    }
    assertArrayEquals(before, Files.readAllBytes(config), "config byte-identical");
    assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(config), "config not rewritten");
  }

  /**
   * Without consent `start` says nothing about a config it cannot use (tbot, reading the same file,
   * reports it) and exits 0; `preview`, asked to show the event, still reports it. (Configs that
   * set `anonymous_analytics` themselves are the next tests' cases.)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigsWithoutConsent")
  void withoutConsentStartSaysNothingOfABadConfig(String name, String expected) throws Exception {
    Path config = dir.resolve(name);
    Files.copy(Paths.get("../tbot-otel/src/test/resources/bad", name), config);
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url());
      Cli.Result quiet = Cli.run(env, "start", "-c", config.toString());
      assertEquals(0, quiet.exitCode(), quiet.stderr());
      assertEquals("", quiet.stdout() + quiet.stderr());
      Cli.Result debug = Cli.run(env, "start", "-c", config.toString(), "--debug");
      assertEquals(0, debug.exitCode(), debug.stderr());
      assertTrue(debug.stderr().contains("nothing sent: no source opted in; not reported without consent: "),
          debug.stderr());
      assertTrue(debug.stderr().contains(expected), debug.stderr());
      assertOneLineError(Cli.run(env, "preview", "-c", config.toString()), 1, expected);
      assertEquals(0, receiver.requests().size(), "nothing sent");
    }
  }

  @Test
  void aWrongTypedConsentKeyIsReportedEvenWithoutConsent() {
    Cli.Result r = Cli.run(Map.of(), "start", "-c", "../tbot-otel/src/test/resources/bad/wrong-type-analytics.yaml");
    assertOneLineError(r, 1, "'anonymous_analytics'");
  }

  /**
   * A no from the flag or the environment is final, so start does not even read the config
   * (privacy.md): one whose consent key is not a boolean, which is reported without consent
   * (above), or one that is not YAML, changes nothing, and --debug names only the no.
   */
  @Test
  void aNoFromTheFlagOrTheEnvironmentReadsNoConfig() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "outputs: [unclosed\n");
    String wrongKey = "../tbot-otel/src/test/resources/bad/wrong-type-analytics.yaml";
    record No(Map<String, String> env, String flag, String reason) {}
    for (No no : java.util.List.of(
        new No(Map.of(), "--no-anonymous-analytics", "--no-anonymous-analytics says no"),
        new No(Map.of("DO_NOT_TRACK", "1"), "--anonymous-analytics", "DO_NOT_TRACK says no"))) {
      Cli.Result quiet = Cli.run(no.env(), "start", no.flag(), "-c", wrongKey);
      assertEquals(0, quiet.exitCode(), no + ": " + quiet.stderr());
      assertEquals("", quiet.stdout() + quiet.stderr(), no.toString());
      Cli.Result debug = Cli.run(no.env(), "start", no.flag(), "--debug", "-c", broken.toString());
      assertEquals(0, debug.exitCode(), no + ": " + debug.stderr());
      assertEquals(java.util.List.of("tbot-otel debug: nothing sent: " + no.reason()), debug.stderr().lines().toList(),
          no + ": the config, broken, was not read");
    }
  }

  @Test
  void withoutConsentStartSaysNothingOfABadEndpointOrMissingFile() {
    for (Map<String, String> env : java.util.List.of(
        Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", "collector:4318"), Map.<String, String>of())) {
      Cli.Result r = Cli.run(env, "start", "-c", dir.resolve("absent.yaml").toString(),
          "--anonymous-analytics-endpoint", "not a url");
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stdout() + r.stderr());
    }
    // A yes from the file itself, next to an unusable part of it: reported.
    Cli.Result r = Cli.run(Map.of(), "start", "-c", "../tbot-otel/src/test/resources/bad/opted-in-output-without-type.yaml");
    assertOneLineError(r, 1, "'outputs[0].type' is missing");
  }

  @Test
  void missingFile() {
    Cli.Result r = Cli.run(Map.of(), "start", "-c", dir.resolve("absent.yaml").toString(), "--anonymous-analytics");
    assertOneLineError(r, 1, "no such file; check the path given to -c/--config");
  }

  @Test
  void badEndpointFlagAndVariable() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      assertOneLineError(
          Cli.run(Map.of(), "start", "--anonymous-analytics", "--anonymous-analytics-endpoint", "not a url"),
          1, "--anonymous-analytics-endpoint is not a valid URL");
      assertOneLineError(
          Cli.run(Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", "https://u:p@" + receiver.url().substring(7)),
              "start", "--anonymous-analytics"),
          1, "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS must not contain user:password");
      assertEquals(0, receiver.requests().size());
    }
  }

  /**
   * Slips whose picocli wording named no fix: a command's flag given before the command (as a unit
   * file may: tbot never runs then), a word where start takes flags only, a boolean's value.
   */
  @Test
  void aSlipInTheCommandLineIsToldWhereTheWordGoes() {
    assertEquals("tbot-otel: Unknown option: '--anonymous-analytics' ('--anonymous-analytics' is a flag of start,"
        + " preview and exec: put it after the command, e.g. tbot-otel exec --anonymous-analytics); analytics is off"
        + " for this run, and the command runs; see 'tbot-otel --help'.\n",
        Cli.run(Map.of(), "--anonymous-analytics", "exec", "--", "true").stderr());
    // With a word not shown beside it, the note names the flag (an "it" would read as that word).
    assertEquals("tbot-otel: Unknown option: '-c', and 1 other word not shown (it may be a secret; '-c' is a flag of"
        + " start, preview and exec: put it after the command, e.g. tbot-otel start -c); see 'tbot-otel --help'.\n",
        Cli.run(Map.of(), "-c", "tbot.yaml", "start").stderr());
    assertEquals("tbot-otel: start takes flags only, not 'extra' (a tbot command line goes after 'preview --' or"
        + " 'exec --'); see 'tbot-otel start --help'.\n", Cli.run(Map.of(), "start", "extra").stderr());
    assertEquals("tbot-otel: start takes flags only, not 'true' (--anonymous-analytics takes true or false after"
        + " '=' only: --anonymous-analytics=true); see 'tbot-otel start --help'.\n",
        Cli.run(Map.of(), "start", "--anonymous-analytics", "true").stderr());
    // A true that follows no boolean flag is no flag's value; after '--', a tbot command line.
    assertEquals("tbot-otel: start takes flags only, not 'false' (a tbot command line goes after 'preview --' or"
        + " 'exec --'); see 'tbot-otel start --help'.\n", Cli.run(Map.of(), "start", "-c", "x.yaml", "false").stderr());
    assertEquals("tbot-otel: start takes flags only, not 'tbot', and 3 other words not shown (they may be secrets;"
        + " a tbot command line goes after 'preview --' or 'exec --'); see 'tbot-otel start --help'.\n",
        Cli.run(Map.of(), "start", "--", "tbot", "start", "-c", "tbot.yaml").stderr());
    assertEquals("tbot-otel: Invalid value for option '--anonymous-analytics': 'yes' is not a boolean; give the flag"
        + " alone, or =true or =false; see 'tbot-otel start --help'.\n",
        Cli.run(Map.of(), "start", "--anonymous-analytics=yes").stderr());
  }

  @Test
  void badFlags() {
    assertOneLineError(Cli.run(Map.of(), "start", "--no-such-flag"), 2, "Unknown option: '--no-such-flag'");
    assertOneLineError(Cli.run(Map.of(), "start", "--anonymous-analytics-exit-timeout", "forever"), 2,
        "'forever' is not a duration");
    // Units Go reads too, which this flag does not take (its range ends at 10s): said so; past the
    // range, or below 0, that is what is said.
    for (String go : new String[] {"1h", "1m", "-1s"}) {
      assertOneLineError(Cli.run(Map.of(), "start", "--anonymous-analytics-exit-timeout=" + go), 2,
          "is out of range; use 0 to 10s");
    }
    for (String go : new String[] {"500us", "1000000ns", "1.5ms", "0.1m"}) {
      assertOneLineError(Cli.run(Map.of(), "start", "--anonymous-analytics-exit-timeout", go), 2,
          "'" + go + "' is not a duration in whole ms or s; use e.g. 500ms or 2s");
    }
    // Anything else is no duration at all.
    assertOneLineError(Cli.run(Map.of(), "start", "--anonymous-analytics-exit-timeout", "2d"), 2,
        "'2d' is not a duration; use e.g. 500ms or 2s");
    for (String odd : new String[] {"NaNs", "Infinitys", "1e1s", "2ds", "0x10", "1s500ms", ""}) {
      assertOneLineError(Cli.run(Map.of(), "start", "--anonymous-analytics-exit-timeout", odd), 2, "not a duration");
    }
    assertOneLineError(Cli.run(Map.of(), "start", "--anonymous-analytics-exit-timeout", "11s"), 2, "out of range");
    // A flag of ours after '--' is not offered as its own correction.
    assertEquals("tbot-otel: Unknown option: '--no-anonymous-analytics' (it follows '--', after which no flag is "
        + "read: put it before '--'); see 'tbot-otel start --help'.\n",
        Cli.run(Map.of(), "start", "--", "--no-anonymous-analytics").stderr());
    // Nor by its other name (start -- -c said "did you mean '--config'?"), nor a command of ours
    // ("'start' (did you mean 'start'?)").
    assertEquals("tbot-otel: Unknown option: '-c' (it follows '--', after which no flag is read: put it before"
        + " '--'); see 'tbot-otel start --help'.\n", Cli.run(Map.of(), "start", "--", "-c").stderr());
    assertEquals("tbot-otel: Unexpected word 'start' (it follows '--', after which no command is read: put it"
        + " before '--'); see 'tbot-otel --help'.\n", Cli.run(Map.of(), "--", "start").stderr());
    // Nor another flag of ours near it (start -- --debug said "did you mean '--destination-dir'?"),
    // which would be unknown there too; and a negated name is a flag of ours (start -- --no-oneshot
    // said "did you mean '--no-anonymous-analytics'?", and not that it follows '--'), as is one given
    // a value attached (-cFILE).
    for (String ours : new String[] {"--debug", "--no-oneshot", "--anonymous-analytics=false", "-cfoo"}) {
      String name = ours.startsWith("-c") ? "-c" : ours.split("=")[0];
      assertEquals("tbot-otel: Unknown option: '" + name + "' (it follows '--', after which no flag is read: put it"
          + " before '--'); see 'tbot-otel start --help'.\n", Cli.run(Map.of(), "start", "--", ours).stderr(), ours);
    }
    // Where the line names other unknown options too, the note names those that follow '--' ("it"
    // read as '--bogus', which does not), or says "they" when all do.
    assertEquals("tbot-otel: Unknown options: '--bogus', '--debug' ('--debug' follows '--', after which no flag is"
        + " read: put it before '--'); see 'tbot-otel start --help'.\n",
        Cli.run(Map.of(), "start", "--bogus", "--", "--debug").stderr());
    assertEquals("tbot-otel: Unknown options: '--bogus', '--debug', '-c' ('--debug' and '-c' follow '--', after"
        + " which no flag is read: put them before '--'); see 'tbot-otel start --help'.\n",
        Cli.run(Map.of(), "start", "--bogus", "--", "--debug", "-c").stderr());
    assertEquals("tbot-otel: Unknown options: '--debug', '--no-anonymous-analytics' (they follow '--', after which"
        + " no flag is read: put them before '--'); see 'tbot-otel start --help'.\n",
        Cli.run(Map.of(), "start", "--", "--debug", "--no-anonymous-analytics").stderr());
    // Nor "it" or "they" beside a word not shown ("it may be a secret; it follows '--' ... put it
    // before '--'" read as that word, to be moved): the flags are named.
    assertEquals("tbot-otel: Unknown option: '--debug', and 1 other word not shown (it may be a secret; '--debug'"
        + " follows '--', after which no flag is read: put it before '--'); see 'tbot-otel start --help'.\n",
        Cli.run(Map.of(), "start", "--", "--debug", "6f1c2d9e8a7b4c3d").stderr());
    assertEquals("tbot-otel: Unknown options: '--debug', '--oneshot', and 2 other words not shown (they may be"
        + " secrets; '--debug' and '--oneshot' follow '--', after which no flag is read: put them before '--'); see"
        + " 'tbot-otel start --help'.\n",
        Cli.run(Map.of(), "start", "--", "--debug", "x", "--oneshot", "6f1c2d9e8a7b4c3d").stderr());
    // picocli ends some messages with a full stop: the pointer to the help follows it cleanly.
    assertEquals("tbot-otel: Unknown command 'bogus'; see 'tbot-otel --help'.\n",
        Cli.run(Map.of(), "help", "bogus").stderr());
  }

  @Test
  void execRefusesABooleanFlagsValueTakenAsTheCommand() {
    // exec --anonymous-analytics false -- tbot start ran false (exit 1, tbot never ran) and opted
    // in; --keep-tbot-telemetry true ran true (exit 0). Nothing runs, nothing is sent.
    // The value it offers is one picocli takes (true or false: --debug=yes is refused), and so
    // for a negated name (--no-oneshot false ran false).
    for (String[] c : new String[][] {{"--anonymous-analytics", "false", "false"},
        {"--keep-tbot-telemetry", "true", "true"}, {"--debug", "yes", "true"}, {"--no-anonymous-analytics", "1", "true"},
        {"--oneshot", "TRUE", "true"}, {"--no-oneshot", "false", "false"}, {"--oneshot", "off", "false"}}) {
      Cli.Result r = Cli.run(Map.of(), "exec", c[0], c[1], "--", "tbot", "start");
      assertOneLineError(r, ExecCommand.EXIT_OWN_ERROR, c[0] + " takes its value after '=', true or false (" + c[0] + "=" + c[2]
          + "), not as the next word, which was taken for the command: give the command after '--' (exec "
          + c[0] + "=" + c[2] + " -- tbot start ...)");
      assertEquals(0, Cli.run(Map.of("DO_NOT_TRACK", "1"), "exec", c[0] + "=" + c[2], "--", "true").exitCode(),
          c[0] + "=" + c[2]);
    }
    // preview reads the line as exec does: it refuses it too, where it said exec would send.
    assertOneLineError(Cli.run(Map.of(), "preview", "--anonymous-analytics", "false", "--", "tbot", "start"), 2,
        "--anonymous-analytics takes its value after '=', true or false (--anonymous-analytics=false), not as the"
            + " next word, which was taken for the command: give the command after '--' (preview"
            + " --anonymous-analytics=false -- tbot start ...)");
    // With '--' before it, or where the word is no boolean's, the command is run as given.
    assertEquals(0, Cli.run(Map.of("DO_NOT_TRACK", "1"), "exec", "--debug", "--", "true").exitCode());
    assertEquals(1, Cli.run(Map.of("DO_NOT_TRACK", "1"), "exec", "--", "false").exitCode());
    assertEquals(0, Cli.run(Map.of("DO_NOT_TRACK", "1"), "exec", "true").exitCode());
  }

  @Test
  void previewSaysExecWouldRecordNothingForACommandThatStartsWithAFlag() throws IOException {
    // preview -- --debug (a flag of ours put after '--') was read as a wrapper exec could not see
    // tbot's config for ("cannot be seen from here", exit 1), and given -c, or naming tbot later,
    // as a start exec would send; exec runs the flag as a program and fails (127), recording
    // nothing. As for any line exec would not count, preview says so and exits 0 (a documented
    // exec line becomes its preview by changing that one word). A flag's value is never shown.
    Path config = Files.writeString(dir.resolve("flag-first.yaml"), "version: v2\noneshot: true\n");
    for (String[] c : new String[][] {{"--debug", "'--debug'"}, {"--debug", "'--debug'", "-c", "CONFIG"},
        {"--token=" + "s3cr3t-join-token", "'--token=...'"}, {"-t" + "s3cr3t-join-token", "'-t...'"},
        {"--", "'--'"}}) {
      List<String> args = new ArrayList<>(List.of("preview", "--anonymous-analytics"));
      if (c.length > 2) {
        args.addAll(List.of(c[2], config.toString()));
      }
      args.addAll(List.of("--", c[0], "tbot", "start"));
      Cli.Result r = Cli.run(Map.of(), args.toArray(new String[0]));
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stdout(), "no event is shown: exec would send none");
      assertEquals("tbot-otel: preview only, nothing was sent. exec would record nothing: COMMAND starts with a flag, "
          + c[1] + ", which exec could not run (exit 127): name the program first (preview -- tbot start ...), and"
          + " put tbot-otel's own flags before '--'.\n", r.stderr());
      assertFalse(r.stderr().contains("s3cr3t"), r.stderr());
    }
  }

  @Test
  void previewSaysExecWouldRecordNothingForACommandThatStartsWithAnAssignment() {
    // exec -- TELEPORT_BOT_TOKEN=... tbot start: no shell runs here to set it, so exec runs the word
    // as a program and fails (127), recording nothing; preview said exec would send the event. As
    // for a flag there, preview says exec would record nothing, names the variable as exec does
    // (never its value, nor a name that may be a token's) and exits 0.
    for (String[] c : new String[][] {{"TELEPORT_BOT_TOKEN=" + "s3cr3t-join-token", "'TELEPORT_BOT_TOKEN=...'",
        "TELEPORT_BOT_TOKEN"}, {"s3cr3tJoinToken=", "'...=...' (not shown: it may be a secret)", "NAME"}}) {
      Cli.Result exec = Cli.run(Map.of("PATH", "/usr/bin:/bin"), "exec", "--anonymous-analytics", "--", c[0], "tbot",
          "start");
      assertEquals(127, exec.exitCode(), exec.stderr());
      Cli.Result r = Cli.run(Map.of(), "preview", "--anonymous-analytics", "--", c[0], "tbot", "start");
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stdout(), "no event is shown: exec would send none");
      assertEquals("tbot-otel: preview only, nothing was sent. exec would record nothing: COMMAND starts with a"
          + " variable's assignment, " + c[1] + ", which exec could not run (exit 127): no shell runs here to set it;"
          + " put env in front (preview -- env " + c[2] + "=VALUE tbot ...).\n", r.stderr());
      assertFalse(r.stderr().contains("s3cr3t"), r.stderr());
    }
    // A path with a '=' in it is a program exec runs: read as any.
    Cli.Result path = Cli.run(Map.of(), "preview", "--anonymous-analytics", "--", "/opt/a=b/tbot", "start");
    assertTrue(path.stderr().contains("exec would send it"), path.stderr());
  }

  @Test
  void aConfigErrorIsPrintedAsItsOwnMessageNotAsAnUnexpectedOne() {
    // The reader's message already names the field and the fix: nothing goes before it.
    String absent = dir.resolve("absent.yaml").toString();
    Cli.Result r = Cli.run(Map.of(), "start", "-c", absent, "--anonymous-analytics");
    assertEquals("tbot-otel: " + absent + ": no such file; check the path given to -c/--config.\n", r.stderr());
    assertEquals("tbot-otel: --anonymous-analytics-endpoint is not a valid URL; give a full URL such as "
        + "https://collector.example.com:4318/v1/logs.\n",
        Cli.run(Map.of(), "preview", "--anonymous-analytics-endpoint", "not a url").stderr());
  }

  static void assertOneLineError(Cli.Result r, int code, String expected) {
    assertEquals(code, r.exitCode(), r.stderr());
    assertEquals("", r.stdout());
    String err = r.stderr();
    assertTrue(err.startsWith("tbot-otel: "), err);
    assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "exactly one line: " + err);
    assertTrue(err.contains(expected), err);
  }

  @Test
  void aPreviewThatCannotBeWrittenIsNoSuccess() {
    // `preview > file` on a full disk (or into a closed pipe): a script must not take the empty
    // file for what would be sent.
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"preview", "--anonymous-analytics"}, Map.of(),
        new PrintStream(full, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(Main.EXIT_FAILURE, code, err.toString(StandardCharsets.UTF_8));
    assertEquals("tbot-otel: cannot write the preview to stdout; nothing was sent.\n", err.toString(StandardCharsets.UTF_8));
  }
}
