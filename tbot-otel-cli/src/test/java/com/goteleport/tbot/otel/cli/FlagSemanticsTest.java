package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags read as tbot reads its own: repeated flags, the consent pair, oneshot and onboarding. */
class FlagSemanticsTest {

  @TempDir Path dir;

  @Test
  void anyNoAmongTheConsentFlagsWinsInAnyOrderAndRepeatsAreNoError() {
    for (List<String> flags : List.of(
        List.of("--anonymous-analytics", "--no-anonymous-analytics"),
        List.of("--no-anonymous-analytics", "--anonymous-analytics"),
        List.of("--no-anonymous-analytics", "--no-anonymous-analytics"),
        List.of("--anonymous-analytics", "--no-anonymous-analytics", "--anonymous-analytics"))) {
      Cli.Result r = run(Map.of(), "preview", flags);
      assertEquals(0, r.exitCode(), flags + ": " + r.stderr());
      assertTrue(r.stderr().contains("would send nothing"), flags + ": " + r.stderr());
    }
    Cli.Result twice = run(Map.of(), "preview", List.of("--anonymous-analytics", "--anonymous-analytics"));
    assertTrue(twice.stderr().contains("would send it"), twice.stderr());
  }

  @Test
  void anAttachedFalseIsANoNeverTheAbsenceOfAYes() {
    // picocli gives a boolean flag an attached value: --anonymous-analytics=false once left the
    // vote empty, so the variable's yes went through (preview decides as start and exec do).
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (List<String> flags : List.of(
        List.of("--anonymous-analytics=false"), List.of("--anonymous-analytics=FALSE"),
        List.of("--anonymous-analytics", "--anonymous-analytics=false"),
        List.of("--anonymous-analytics=false", "--anonymous-analytics=true"),
        List.of("--no-anonymous-analytics=false"), List.of("--no-anonymous-analytics=true"))) {
      Cli.Result r = run(yes, "preview", flags);
      assertEquals(0, r.exitCode(), flags + ": " + r.stderr());
      assertTrue(r.stderr().contains("would send nothing"), flags + ": " + r.stderr());
    }
    Cli.Result attachedYes = run(Map.of(), "preview", List.of("--anonymous-analytics=true"));
    assertTrue(attachedYes.stderr().contains("would send it"), attachedYes.stderr());
    assertEquals(2, run(yes, "preview", List.of("--anonymous-analytics=0")).exitCode(), "not a boolean: a usage error");
  }

  @Test
  void theReasonNamesTheSpellingOfTheNoAsGiven() {
    // --anonymous-analytics=false once read "--no-anonymous-analytics says no", a flag not given;
    // on tbot's own command line, exec's preview names tbot's spelling as given too.
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    Map<List<String>, String> said = new java.util.LinkedHashMap<>();
    said.put(List.of("--anonymous-analytics=false"), "--anonymous-analytics=false says no");
    said.put(List.of("--anonymous-analytics", "--anonymous-analytics=false"), "--anonymous-analytics=false says no");
    said.put(List.of("--no-anonymous-analytics=false"), "--no-anonymous-analytics says no");
    said.put(List.of("--no-anonymous-analytics"), "--no-anonymous-analytics says no");
    said.put(List.of("--", "tbot", "start", "--anonymous-analytics=0"), "--anonymous-analytics=0 says no");
    said.put(List.of("--", "tbot", "start", "--no-anonymous-analytics"), "--no-anonymous-analytics says no");
    said.put(List.of("--anonymous-analytics=false", "--", "tbot", "start"), "--anonymous-analytics=false says no");
    for (Map.Entry<List<String>, String> c : said.entrySet()) {
      Cli.Result r = run(yes, "preview", c.getKey());
      assertEquals(0, r.exitCode(), c.getKey() + ": " + r.stderr());
      assertTrue(r.stderr().contains("would send nothing (" + c.getValue() + ")"), c.getKey() + ": " + r.stderr());
    }
  }

  /**
   * A value on tbot's line that is neither Go's true nor its false (tbot refuses it) is a no, named
   * without the value: it is whatever was typed there, a secret a script put in the wrong place, a
   * line break or a terminal's escape sequence, and the reason line is printed and pasted.
   */
  @Test
  void aNoOfAnotherValueOnTbotsLineIsNamedWithoutTheValue() {
    Map<String, String> yes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    for (String value : List.of("mkSecret9f8e", "", "no\nmkSecret9f8e \u001b[2J", " false")) {
      List<String> args = List.of("--", "tbot", "start", "--anonymous-analytics=" + value);
      Cli.Result r = run(yes, "preview", args);
      assertEquals(0, r.exitCode(), args + ": " + r.stderr());
      assertTrue(r.stderr().contains("would send nothing (--anonymous-analytics given a value other than true says no)"),
          args + ": " + r.stderr());
      assertFalse(r.stderr().contains("mkSecret9f8e") || r.stderr().contains("\u001b"), args + ": " + r.stderr());
    }
    for (String value : List.of("0", "f", "F", "FALSE", "false", "False")) { // Go's false, as given
      assertEquals("--anonymous-analytics=" + value,
          ChildArgs.parse(List.of("tbot", "start", "--anonymous-analytics=" + value)).noFlag(), value);
    }
  }

  @Test
  void aRepeatedFlagTakesItsLastValueAsInTbot() throws Exception {
    Path a = Files.writeString(dir.resolve("a.yaml"), "version: v2\nonboarding: {join_method: github}\n");
    Path b = Files.writeString(dir.resolve("b.yaml"), "version: v2\nonboarding: {join_method: gitlab}\n");
    String json = run(Map.of(), "preview", List.of("-c", a.toString(), "-c", b.toString())).stdout();
    assertTrue(json.contains(joinType("gitlab")), json);
  }

  @Test
  void noOneshotWinsOverTheConfig() throws Exception {
    Path config = Files.writeString(dir.resolve("o.yaml"), "version: v2\noneshot: true\n");
    assertTrue(run(Map.of(), "preview", List.of("-c", config.toString())).stdout().contains(runMode("one-shot")));
    assertTrue(run(Map.of(), "preview", List.of("-c", config.toString(), "--no-oneshot")).stdout()
        .contains(runMode("continuous")));
  }

  @Test
  void aTokenFromTheEnvironmentReplacesTheOnboardingSectionAsInTbot() throws Exception {
    Path config = Files.writeString(dir.resolve("j.yaml"), "version: v2\nonboarding: {join_method: github}\n");
    List<String> flags = List.of("-c", config.toString());
    assertTrue(run(Map.of(), "preview", flags).stdout().contains(joinType("github")));
    assertTrue(run(Map.of("TELEPORT_BOT_TOKEN", "abc"), "preview", flags).stdout().contains(joinType("token")));
    assertTrue(run(Map.of("TELEPORT_BOT_TOKEN", ""), "preview", flags).stdout().contains(joinType("github")),
        "an empty variable is no token");
    // As kingpin reads tbot's flags: a --token given, even empty, hides the variable; an empty
    // --ca-pin is still a pin, which replaces onboarding.
    assertTrue(run(Map.of("TELEPORT_BOT_TOKEN", "abc"), "preview",
        List.of("--", "tbot", "start", "-c", config.toString(), "--token=")).stdout().contains(joinType("github")));
    assertTrue(run(Map.of(), "preview",
        List.of("--", "tbot", "start", "-c", config.toString(), "--ca-pin=")).stdout().contains(joinType("token")));
    List<String> withMethod = new ArrayList<>(flags);
    withMethod.addAll(List.of("--join-method", "iam"));
    assertTrue(run(Map.of("TELEPORT_BOT_TOKEN", "abc"), "preview", withMethod).stdout().contains(joinType("iam")));
  }

  @Test
  void aJoiningUriNamesTheMethodEvenWhenTheCommandLineReplacesOnboarding() throws Exception {
    // tbot replaces onboarding from its flags first (sharedStartArgs.ApplyConfig), then fills the
    // emptied join method from join_uri, which is outside onboarding (ApplyToConfig, called from
    // Bot.preRunChecks).
    Path config = Files.writeString(dir.resolve("u.yaml"),
        "version: v2\njoin_uri: tbot+proxy+bound-keypair://t@example.com:443\n");
    String c = config.toString();
    assertJoinType("bound_keypair", run(Map.of(), "preview", List.of("--", "tbot", "start", "-c", c, "--ca-pin=x")));
    // With a token too, tbot refuses the start (the URI's token conflicts with it); the method it
    // was given is still the URI's.
    assertJoinType("bound_keypair", run(Map.of("TELEPORT_BOT_TOKEN", "abc"), "preview", List.of("-c", c)));
    assertJoinType("bound_keypair", run(Map.of(), "preview", List.of("--", "tbot", "start", "-c", c, "--token=abc")));
    // --join-method still wins (tbot refuses a URI that disagrees with it).
    assertJoinType("iam",
        run(Map.of("TELEPORT_BOT_TOKEN", "abc"), "preview", List.of("-c", c, "--join-method", "iam")));
    // A v1 config has no join_uri (tbot's v1 migration drops it): the default.
    Path v1 = Files.writeString(dir.resolve("v1.yaml"), "join_uri: tbot+proxy+bound-keypair://t@example.com:443\n");
    assertJoinType("token",
        run(Map.of(), "preview", List.of("--", "tbot", "start", "-c", v1.toString(), "--ca-pin=x")));
  }

  @Test
  void aJoiningUriOnTbotsCommandLineNamesTheMethod() throws Exception {
    // The line `tctl bots add` prints (gravitational/teleport#63422): tbot's --join-uri (start
    // KIND's, since joining URIs came in, #56267) fills the join method as join_uri does.
    String uri = "tbot+proxy+bound-keypair://bot-example-0a6f812a:abc123@example.teleport.sh:443";
    Cli.Result bots = run(Map.of(), "preview",
        List.of("--debug", "--", "tbot", "start", "identity", "--join-uri=" + uri, "--destination=./destination"));
    assertJoinType("bound_keypair", bots);
    // Only the scheme is read: the bot's token and registration secret go nowhere.
    for (String secret : List.of("abc123", "bot-example")) {
      assertTrue(!bots.stdout().contains(secret) && !bots.stderr().contains(secret), bots.stdout() + bots.stderr());
    }
    assertJoinType("bound_keypair", run(Map.of(), "preview",
        List.of("--", "tbot", "start", "app-tunnel", "--join-uri", uri, "--listen", "tcp://127.0.0.1:8080")));
    // It replaces the config's join_uri; --join-method still wins (tbot refuses a URI that
    // disagrees with it), and a URI tbot cannot read names nothing (tbot refuses it too).
    Path config = Files.writeString(dir.resolve("u.yaml"), "version: v2\njoin_uri: tbot+proxy+iam://t@example.com:443\n");
    assertJoinType("bound_keypair", run(Map.of(), "preview",
        List.of("--", "tbot", "start", "-c", config.toString(), "identity", "--join-uri", uri, "--destination", "d")));
    assertJoinType("github", run(Map.of(), "preview",
        List.of("--", "tbot", "start", "identity", "--join-uri", uri, "--join-method", "github", "--destination", "d")));
    assertJoinType("token", run(Map.of(), "preview",
        List.of("--", "tbot", "start", "identity", "--join-uri", "example.teleport.sh:443", "--destination", "d")));
  }

  @Test
  void previewOfACommandShowsWhatExecWouldSendForIt() throws Exception {
    Path config = Files.writeString(dir.resolve("c.yaml"), "version: v2\noutputs:\n  - type: identity\n");
    Cli.Result start = run(Map.of(), "preview", List.of("--", "tbot", "start", "kubernetes", "--destination",
        "/k", "-c", config.toString(), "--oneshot"));
    assertEquals(0, start.exitCode(), start.stderr());
    assertTrue(start.stdout().contains("{\"key\":\"destinations_configured_kubernetes_access\",\"value\":{\"intValue\":\"1\"}}"),
        start.stdout());
    assertTrue(start.stdout().contains(runMode("one-shot")), start.stdout());
    assertTrue(start.stdout().contains("{\"key\":\"version\",\"value\":{\"stringValue\":\"unknown\"}}"),
        "exec cannot tell the tbot version: " + start.stdout());
    assertTrue(start.stderr().contains("exec would send nothing"), start.stderr());
    Cli.Result version = run(Map.of(), "preview", List.of("--", "tbot", "version"));
    assertEquals(0, version.exitCode());
    assertEquals("", version.stdout());
    assertTrue(version.stderr().contains("exec would record nothing: COMMAND runs tbot version"), version.stderr());
  }

  @Test
  void anyStartOrExecLineIsItsOwnPreviewByItsSubcommandsNameAlone() throws Exception {
    Path config = Files.writeString(dir.resolve("p.yaml"), "version: v2\noneshot: true\n");
    List<String> line = List.of("--", "tbot", "start", "-c", config.toString());
    List<String> execFlags = new ArrayList<>(List.of("--anonymous-analytics-exit-timeout", "2s",
        "--keep-tbot-telemetry"));
    execFlags.addAll(line);
    Cli.Result plain = run(Map.of(), "preview", line);
    Cli.Result withExecFlags = run(Map.of(), "preview", execFlags);
    assertEquals(0, withExecFlags.exitCode(), withExecFlags.stderr());
    assertEquals(plain.stdout(), withExecFlags.stdout(), "the same request");
    Cli.Result startLine = run(Map.of(), "preview", List.of("--anonymous-analytics-exit-timeout=1s", "-c",
        config.toString()));
    assertEquals(0, startLine.exitCode(), startLine.stderr());
    Cli.Result bad = run(Map.of(), "preview", List.of("--anonymous-analytics-exit-timeout", "11s"));
    assertEquals(2, bad.exitCode(), "a bad value is still refused, as start refuses it");
    assertTrue(bad.stderr().contains("--anonymous-analytics-exit-timeout"), bad.stderr());
  }

  /**
   * The tbot lines of Teleport's deployment guides (docs/cli.md lists them), read under exec as
   * their users expect: Bitbucket's start identity with flags only
   * (https://goteleport.com/docs/machine-workload-identity/deployment/bitbucket/), the older
   * Spacelift guide's classic start (docs/pages/enroll-resources/machine-id/deployment/spacelift.mdx),
   * and the tbot Helm chart's args (examples/chart/tbot/templates/deployment.yaml): a guard, green
   * from the start.
   */
  @Test
  void theDeploymentGuidesLinesReadAsTheirUsersExpect() throws Exception {
    Cli.Result bitbucket = run(Map.of(), "preview", List.of("--", "tbot", "start", "identity",
        "--destination=./tbot-user", "--join-method=bitbucket", "--proxy-server=example.teleport.sh:443",
        "--token=example-bot", "--oneshot"));
    assertJoinType("bitbucket", bitbucket);
    assertTrue(bitbucket.stdout().contains(runMode("one-shot")) && bitbucket.stdout().contains(total(1)), bitbucket.stdout());

    Cli.Result spacelift = run(Map.of(), "preview", List.of("--", "tbot", "start", "--oneshot", "--data-dir=memory://",
        "--proxy-server", "teleport.example.com:443", "--join-method", "spacelift", "--token", "example-bot",
        "--destination-dir=/mnt/workspace/tbot-output"));
    assertJoinType("spacelift", spacelift);
    assertTrue(spacelift.stdout().contains(runMode("one-shot")) && spacelift.stdout().contains(total(1)), spacelift.stdout());

    Path chartConfig = Files.writeString(dir.resolve("chart.yaml"), "version: v2\nonboarding:\n  join_method: kubernetes\n"
        + "  token: example-bot\noutputs:\n  - type: identity\n    destination: {type: kubernetes_secret, name: tbot-out}\n");
    Cli.Result chart = run(Map.of(), "preview", List.of("--", "tbot", "start", "-c", chartConfig.toString(),
        "--debug", "--log-format", "json", "--diag-addr", "0.0.0.0:3001"));
    assertJoinType("kubernetes", chart);
    assertTrue(chart.stdout().contains(runMode("continuous")) && chart.stdout().contains(total(1)), chart.stdout());
  }

  private static Cli.Result run(Map<String, String> env, String command, List<String> flags) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(flags);
    return Cli.run(env, args.toArray(new String[0]));
  }

  private static void assertJoinType(String expected, Cli.Result r) {
    assertEquals(0, r.exitCode(), r.stderr());
    Matcher m = Pattern.compile("\\{\"key\":\"join_type\",\"value\":\\{\"stringValue\":\"([^\"]*)\"}}").matcher(r.stdout());
    assertEquals(expected, m.find() ? m.group(1) : null, r.stdout());
  }

  private static String joinType(String value) {
    return "{\"key\":\"join_type\",\"value\":{\"stringValue\":\"" + value + "\"}}";
  }

  private static String runMode(String value) {
    return "{\"key\":\"run_mode\",\"value\":{\"stringValue\":\"" + value + "\"}}";
  }

  private static String total(long n) {
    return "{\"key\":\"destinations_configured\",\"value\":{\"intValue\":\"" + n + "\"}}";
  }
}
