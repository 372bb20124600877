package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A refused command line is printed in CI, Kubernetes and journald logs: its one line names the
 * flag or the place, never a word that may be a secret (tbot's {@code --token=...} given to
 * tbot-otel's own flags, a value a flag without its own swallowed, {@code NAME=VALUE} in front of
 * exec's command).
 */
class SecretsNotEchoedTest {

  private static final String TOKEN = "6f1c2d9e8a7b4c3d2e1f0a9b8c7d6e5f";
  private static final String SECRET = "s3cr3t+t0ken/x=";

  @Test
  void anUnknownFlagIsNamedWithoutItsValueNorTheWordsAfterIt() {
    for (String cmd : new String[] {"start", "preview", "exec"}) {
      String[] tail = cmd.equals("exec") ? new String[] {"--", "true"} : new String[0];
      assertRefused(2, "Unknown option: '--token'", with(tail, cmd, "--token=" + TOKEN));
      assertRefused(2, "Unknown option: '--join-token'", with(tail, cmd, "--join-token=" + TOKEN));
      assertRefused(2, "Unknown option: '--token'", with(tail, cmd, "--token", TOKEN));
      assertRefused(2, "Unknown option: '-t'", with(tail, cmd, "-t" + TOKEN));
      assertRefused(2, "Unknown option", with(tail, cmd, "--" + SECRET));
    }
    assertRefused(2, "Unknown option: '--token'", "--token=" + TOKEN);
    // tbot's own flags given to tbot-otel's start (an image's ENTRYPOINT without exec): each flag
    // is named, the values between them are not.
    Cli.Result r = assertRefused(2, "Unknown options: '--log-format', '--token'",
        "start", "-c", "tbot.yaml", "--log-format", "json", "--token", TOKEN);
    assertFalse(r.stderr().contains("json"), r.stderr());
  }

  @Test
  void anUnexpectedWordIsPlacedNotQuoted() {
    assertRefused(2, "start takes flags only (not shown: it may be a secret;", "start", TOKEN);
    assertRefused(2, "start takes flags only (not shown: it may be a secret;", "start", "--anonymous-analytics", SECRET);
    assertRefused(2, "Unknown command (not shown: it may be a secret", TOKEN);
    assertRefused(2, "start takes flags only (not shown: they may be secrets;", "start", TOKEN, SECRET);
    assertRefused(2, "Unknown command '...'", "help", TOKEN);
  }

  @Test
  void aMistypedCommandOrFlagIsShownItsNearestName() {
    // picocli's suggestions are names of ours, never the user's words: a typo is told its fix.
    assertRefused(2, "Unknown command 'strt' (did you mean 'start'?)", "strt");
    assertRefused(2, "Unknown command 'strt', and 2 other words not shown (they may be secrets; "
        + "did you mean 'start'?)", "strt", "-c", "tbot.yaml");
    assertRefused(2, "Unknown command 'prevew', and 1 other word not shown (it may be a secret; "
        + "did you mean 'preview'?)", "prevew", TOKEN);
    assertRefused(2, "Unknown command (not shown: it may be a secret; did you mean 'exec'?)",
        "exce" + TOKEN);
    assertRefused(2, "Unknown option: '--confg' (did you mean '--config'?)", "start", "--confg=" + TOKEN);
    // A short word is shown, as a short value is; a long one is placed only.
    assertRefused(2, "start takes flags only, not 'foo'", "start", "foo");
  }

  @Test
  void aFlagsValueThatMayBeASecretIsNotQuoted() {
    // A flag without its own value takes the next word: here tbot's --token=... .
    assertRefused(2, "Invalid value for option '--anonymous-analytics-exit-timeout': the value given is not a duration",
        "start", "--anonymous-analytics-exit-timeout", "--token=" + TOKEN);
    assertRefused(2, "Invalid value for option '--anonymous-analytics-exit-timeout': the value given is not a duration",
        "preview", "--anonymous-analytics-exit-timeout", SECRET);
    assertRefused(2, "Invalid value for option '--oneshot': the value given is not a boolean; give the flag alone,"
        + " or =true or =false", "start", "--oneshot=" + TOKEN);
    assertRefused(2, "Invalid value for option '--anonymous-analytics': the value given is not a boolean",
        "exec", "--anonymous-analytics=" + SECRET, "--", "true");
    // A short word is shown: the user sees the typo, and it is no token.
    assertRefused(2, "'forever' is not a duration", "start", "--anonymous-analytics-exit-timeout", "forever");
    assertRefused(2, "'30s' is out of range", "start", "--anonymous-analytics-exit-timeout", "30s");
    assertRefused(2, "'maybe' is not a boolean", "start", "--oneshot=maybe");
  }

  @Test
  void aFlagFoundWhereAValueWasExpectedIsNamedWithoutItsOwnValue() {
    // picocli's "Expected parameter for option '-c' but found 'WORD'" quoted WORD whole when it
    // is a flag of ours with its value attached.
    assertRefused(2, "Expected parameter for option '--config' but found '-c...'", "start", "-c", "-c" + TOKEN);
    assertRefused(2, "Expected parameter for option '--anonymous-analytics-endpoint' but found '--config=...'",
        "start", "--anonymous-analytics-endpoint", "--config=" + TOKEN);
    assertRefused(2, "Expected parameter for option '--destination-dir' but found '--destination-dir=...'",
        "preview", "--destination-dir=--destination-dir=" + SECRET);
    assertRefused(2, "Expected parameter for option '--config' but found '-h...'", "exec", "-c", "-hc" + TOKEN, "--", "true");
    // A flag alone is named as it was given: it is what to fix.
    assertRefused(2, "Expected parameter for option '--join-method' but found '--debug'", "start", "--join-method", "--debug");
  }

  @Test
  void aFlagTakenAsTheConfigsPathIsNamedWithoutItsValue() {
    // -c given no path takes the next word, tbot's --token=... here, as its file: missing, it was
    // named whole ("--token=VALUE: no such file") where start has a yes, and always by preview.
    assertRefused(1, "'--token=...': no such file", "start", "--anonymous-analytics", "-c", "--token=" + TOKEN);
    assertRefused(1, "'-t...': no such file", "preview", "-c", "-t" + TOKEN);
    assertRefused(1, "'...': no such file", "preview", "--config=--" + SECRET);
    // A path is named: it is what to fix.
    assertRefused(1, "missing-tbot.yaml: no such file", "preview", "-c", "missing-tbot.yaml");
    assertRefused(1, "tbot-otel: -: no such file", "preview", "-c", "-");
  }

  @Test
  void aWordGivenAsTheConfigsPathIsNotQuotedUnlessItNamesAFile() {
    // A token given where the path was expected: "TOKEN: no such file" printed it whole.
    String hidden = "tbot-otel: '...' (not shown: it may be a secret): no such file; check the path given to ";
    assertRefused(1, hidden + "-c/--config.", "preview", "-c", TOKEN);
    assertRefused(1, hidden + "-c/--config.", "start", "--anonymous-analytics", "--config=" + SECRET);
    // tbot's -c=TOKEN: kingpin's short flag takes "=TOKEN" as its value
    assertRefused(1, hidden + "-c/--config.", "preview", "--", "tbot", "start", "-c=" + TOKEN);
    Cli.Result r = Cli.run(Map.of("TBOT_CONFIG_PATH", TOKEN), "preview");
    assertEquals(hidden + "TBOT_CONFIG_PATH.\n", r.stderr());
    // tbot's -tTOKEN, read as a bundle of tbot's short flags: its -c took the rest of the token
    // (2d9e...), which was printed.
    Cli.Result bundle = Cli.run(Map.of(), "preview", "--", "tbot", "start", "-t" + TOKEN);
    assertEquals(hidden + "-c/--config.\n", bundle.stderr());
    // So with what follows its -c short: a short word of the user's may be shown, not a piece of one.
    Cli.Result shortRest = Cli.run(Map.of(), "preview", "--", "tbot", "start", "-tx1cAb3dE5fG7");
    assertEquals(hidden + "-c/--config.\n", shortRest.stderr());
    // A file's name is still shown: it is what to fix.
    assertRefused(1, "tbot-otel: /no/such/dir/tbot.yml: no such file", "preview", "-c", "/no/such/dir/tbot.yml");
  }

  @Test
  void previewShowsAnEndpointsPathOnlyWhenItIsPlainWords() {
    // A collector may take a token in its path: preview's line, which can land in CI logs, named it.
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    Cli.Result r = Cli.run(yes, "preview", "--anonymous-analytics-endpoint",
        "https://collector.example.com:4318/ingest/" + TOKEN + "/v1/logs");
    assertEquals(0, r.exitCode(), r.stderr());
    assertFalse((r.stdout() + r.stderr()).contains(TOKEN), r.stderr());
    assertTrue(r.stderr().contains("start would send it to https://collector.example.com:4318/... (path not shown: "
        + "it may hold a secret) (TELEPORT_ANONYMOUS_TELEMETRY says yes; endpoint from --anonymous-analytics-endpoint)."),
        r.stderr());
    // A token of letters alone is no word either (it was shown whole).
    // Nor is a passphrase, short words joined by '-' or '_' (it was shown whole, red before).
    for (String letters : new String[] {"sEcReTtOkEnWiThOuTdIgItS", "averylonglowercasetokenword",
        "correct-horse-battery-staple", "correct_horse_battery_staple", "Correct-Horse-Battery"}) {
      Cli.Result l = Cli.run(yes, "preview", "--anonymous-analytics-endpoint",
          "https://collector.example.com:4318/ingest/" + letters + "/v1/logs");
      assertFalse(l.stderr().contains(letters.substring(0, 8)), l.stderr());
      assertTrue(l.stderr().contains("https://collector.example.com:4318/... (path not shown"), l.stderr());
    }
    for (String path : new String[] {"/otel-in/v1/logs", "/otlp/v1/logs", "/api/otel_logs/v1/logs"}) {
      Cli.Result plain = Cli.run(yes, "preview", "--anonymous-analytics-endpoint",
          "https://collector.example.com:4318" + path);
      assertTrue(plain.stderr().contains("start would send it to https://collector.example.com:4318" + path + " ("),
          plain.stderr());
    }
  }

  @Test
  void aVariableSetInFrontOfExecsCommandIsNamedWithoutItsValue() {
    Cli.Result r = Cli.run(Map.of("PATH", "/usr/bin:/bin"), "exec", "--", "TELEPORT_BOT_TOKEN=" + TOKEN, "tbot", "start");
    assertEquals(127, r.exitCode(), r.stderr());
    assertFalse(r.stderr().contains(TOKEN), r.stderr());
    assertTrue(r.stderr().startsWith("tbot-otel: cannot run 'TELEPORT_BOT_TOKEN=...': "), r.stderr());
    assertTrue(r.stderr().contains("exec -- env TELEPORT_BOT_TOKEN=VALUE"), r.stderr());
    // A plain program name is still named: it is what to fix.
    Cli.Result plain = Cli.run(Map.of("PATH", "/usr/bin:/bin"), "exec", "--", "no-such-tbot-here", "start");
    assertTrue(plain.stderr().startsWith("tbot-otel: cannot run 'no-such-tbot-here': "), plain.stderr());
  }

  @Test
  void aTokenWithAnEqualsSignWhereExecsProgramShouldBeIsNotTakenForAVariable() {
    // A base64 token, its padding a '=', taken as COMMAND (the word after a flag of exec's that
    // swallowed tbot's, here -c): "cannot run 'dGhpcyBpcyBhIGpvaW4gdG9rZW4=...'" named all of it
    // but the padding, as a variable's name.
    String base64 = "dGhpcyBpcyBhIGpvaW4gdG9rZW4=";
    Cli.Result r =
        Cli.run(Map.of("PATH", "/usr/bin:/bin"), "exec", "-c", "--proxy-server", base64, "--", "tbot", "start");
    assertEquals(127, r.exitCode(), r.stderr());
    assertFalse(r.stderr().contains("dGhpcyBp"), r.stderr());
    assertTrue(r.stderr().startsWith("tbot-otel: cannot run '...=...' (not shown: it may be a secret): "), r.stderr());
    assertTrue(r.stderr().contains("exec runs no shell to set a variable: put env in front (exec -- env NAME=VALUE"),
        r.stderr());
    // A variable's name is still shown, as the fix: one of letters in one case, parts joined by '_'.
    for (String name : new String[] {"TELEPORT_BOT_TOKEN", "_TBOT_TELEMETRY_HELPER", "http_proxy"}) {
      Cli.Result v = Cli.run(Map.of("PATH", "/usr/bin:/bin"), "exec", "--", name + "=" + TOKEN, "tbot", "start");
      assertTrue(v.stderr().startsWith("tbot-otel: cannot run '" + name + "=...': "), v.stderr());
    }
  }

  @Test
  void aFlagWhereExecsProgramShouldBeIsNamedWithoutItsValue() {
    // tbot's flags right after '--', its name left out: exec runs the first as a program.
    for (String flag : new String[] {"-t" + TOKEN, "--token=" + TOKEN}) {
      Cli.Result r = Cli.run(Map.of("PATH", "/usr/bin:/bin"), "exec", "--", flag, "tbot", "start");
      assertEquals(127, r.exitCode(), r.stderr());
      assertFalse(r.stderr().contains(TOKEN), r.stderr());
      String name = flag.startsWith("--") ? "--token=..." : "-t...";
      assertTrue(r.stderr().startsWith("tbot-otel: cannot run '" + name + "': "), r.stderr());
      assertTrue(r.stderr().contains("COMMAND starts with a flag: name the program first (exec -- tbot start"),
          r.stderr());
    }
    // A second '--' is named: it is no secret, and what to fix.
    Cli.Result r = Cli.run(Map.of("PATH", "/usr/bin:/bin"), "exec", "--", "--", "tbot", "start");
    assertTrue(r.stderr().startsWith("tbot-otel: cannot run '--': "), r.stderr());
  }

  private static String[] with(String[] tail, String... head) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(List.of(tail));
    return all.toArray(new String[0]);
  }

  @Test
  void aRefusalPicocliWordsUnforeseenStillQuotesNoWordThatMayBeASecret() {
    // A backstop for a picocli message no rule above rewords (a newer picocli, a new check): any
    // word of the command line that is neither a short word nor a bare flag's name is left out
    // wherever it still appears. Red before: the message was printed as it was.
    picocli.CommandLine cl = new picocli.CommandLine(new TbotOtelCommand());
    String[] args = {"start", "--anonymous-analytics", "-c", "tbot.yaml", "--token=" + TOKEN, SECRET, "-t" + TOKEN};
    String said = UsageError.message(new picocli.CommandLine.ParameterException(cl, "Cannot apply '--token=" + TOKEN
        + "', '" + SECRET + "' and '-t" + TOKEN + "' to '--anonymous-analytics' in 'start' with 'tbot.yaml'"), args);
    assertEquals("Cannot apply '--token=...', '...' and '-t...' to '--anonymous-analytics' in 'start' with 'tbot.yaml'",
        said);
  }

  /**
   * {@code code} 2, a usage error, is exec's: it runs the command after {@code -- true}, analytics
   * off (0, true's status), and exits 125 where it cannot tell what to run (as env's).
   */
  private static Cli.Result assertRefused(int code, String expected, String... args) {
    Cli.Result r = Cli.run(Map.of(), args);
    String all = r.stdout() + r.stderr();
    boolean exec = args.length > 0 && args[0].equals("exec");
    // Runs true only where '--' comes right after exec's flags: a word before it that is no flag
    // (--token TOKEN) may begin the command, so exec cannot tell what to run.
    List<String> words = List.of(args);
    boolean runsTrue = exec && String.join(" ", args).endsWith(" -- true")
        && words.subList(1, words.indexOf("--")).stream().allMatch(w -> w.startsWith("-"));
    assertEquals(code == Main.EXIT_USAGE && exec ? (runsTrue ? 0 : ExecCommand.EXIT_OWN_ERROR) : code, r.exitCode(),
        String.join(" ", args) + ": " + all);
    assertFalse(all.contains(TOKEN) || all.contains(SECRET) || all.contains("s3cr3t"), String.join(" ", args) + ": " + all);
    assertTrue(r.stderr().startsWith("tbot-otel: ") && r.stderr().indexOf('\n') == r.stderr().length() - 1,
        "one line: " + r.stderr());
    assertTrue(r.stderr().contains(expected), String.join(" ", args) + ": " + r.stderr());
    return r;
  }
}
