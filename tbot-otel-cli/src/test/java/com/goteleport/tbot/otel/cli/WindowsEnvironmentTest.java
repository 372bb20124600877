package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.consent.Consent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * On Windows a variable's name has no case: tbot (Go's os.Getenv) reads {@code
 * teleport_anonymous_telemetry} as {@code TELEPORT_ANONYMOUS_TELEMETRY}, and so must exec and
 * preview. The JDK's {@code System.getenv()} map is case-sensitive there all the same (its {@code
 * java.lang.ProcessEnvironment} for Windows says so), so exec's copy of it must not be.
 */
class WindowsEnvironmentTest {

  @Test
  void onWindowsANoInAnyCaseIsANo() {
    String err = preview(Main.environment(Map.of("teleport_anonymous_telemetry", "0"), true));
    assertTrue(err.contains("would send nothing (TELEPORT_ANONYMOUS_TELEMETRY says no)"), err);
  }

  @Test
  void onWindowsTheEndpointVariableInAnyCaseIsTheEndpoint() {
    // A self-hoster's collector: the event must not go to the default endpoint instead.
    String err = preview(Main.environment(
        Map.of("Teleport_Anonymous_Telemetry_Address", "https://collector.example:4318/v1/logs"), true));
    assertTrue(err.contains("would send it to https://collector.example:4318/v1/logs"), err);
  }

  @Test
  void onWindowsTbotsOwnTelemetryIsHandedOverUnderTheNameItHas() {
    Map<String, String> env = Main.environment(Map.of("Teleport_Anonymous_Telemetry", "1", "Path", "C:\\bin"), true);
    Map<String, String> child = TbotTelemetryHandoff.childEnvironment(env, false);
    assertEquals("0", child.get("TELEPORT_ANONYMOUS_TELEMETRY"));
    // One variable, as the child's environment block must hold it: not a second name beside it.
    assertEquals(Set.of("Teleport_Anonymous_Telemetry", "Path"), Set.copyOf(child.keySet()));
    assertNull(TbotTelemetryHandoff.countedByTbot(ShellString.commandLine(List.of("tbot.exe", "start"), env), env, false));
  }

  @Test
  void onWindowsTheHandoffReplacesEverySpellingTheParentHandedOn() {
    // A parent that passes two spellings of one variable (Git Bash, Cygwin): the JDK's map for the
    // child keeps both, and Windows' block would hold both, tbot reading either.
    Map<String, String> child = new java.util.HashMap<>(Map.of(
        "TELEPORT_ANONYMOUS_TELEMETRY", "1", "Teleport_Anonymous_Telemetry", "1", "Path", "C:\\bin"));
    ExecCommand.set(child, "TELEPORT_ANONYMOUS_TELEMETRY", "0", true);
    assertEquals(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "0", "Path", "C:\\bin"), child);
    // Elsewhere a name's case is the name: the other variable stays.
    Map<String, String> linux = new java.util.HashMap<>(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1",
        "Teleport_Anonymous_Telemetry", "1"));
    ExecCommand.set(linux, "TELEPORT_ANONYMOUS_TELEMETRY", "0", false);
    assertEquals(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "0", "Teleport_Anonymous_Telemetry", "1"), linux);
    ExecCommand.set(child, "PATH", null, true);
    assertEquals(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "0"), child);
  }

  @Test
  void onWindowsEnvMinusIKeepsExecsOwnNoInAnyCase() {
    // Git Bash's env on a Windows runner: env -i clears tbot's environment, but exec's own consent
    // variables stay exec's, and a no among them is still a no.
    Map<String, String> env = Main.environment(Map.of("teleport_anonymous_telemetry", "0", "Path", "C:\\bin"), true);
    Map<String, String> tbots = LauncherEnvironment.environment(List.of("env", "-i", "tbot", "start"), env);
    assertEquals("0", tbots.get("TELEPORT_ANONYMOUS_TELEMETRY"));
    assertNull(tbots.get("PATH"));
  }

  @Test
  void onWindowsExecsOwnVariablesOnTbotsCommandLineInAnotherCaseStayExecs() {
    // env teleport_anonymous_telemetry=1 sets, for tbot, the variable Windows also calls
    // TELEPORT_ANONYMOUS_TELEMETRY: like the name in capitals, it must not turn exec's own no into
    // a yes, nor env -u drop it, nor another name's case move exec's endpoint.
    Map<String, String> env = Main.environment(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "0", "Path", "C:\\bin"), true);
    String[][] sameAs = {
      {"env teleport_anonymous_telemetry=1", "env TELEPORT_ANONYMOUS_TELEMETRY=1"},
      {"env -u teleport_anonymous_telemetry", "env -u TELEPORT_ANONYMOUS_TELEMETRY"},
      {"env -i teleport_anonymous_telemetry=1", "env -i TELEPORT_ANONYMOUS_TELEMETRY=1"},
    };
    for (String[] pair : sameAs) {
      assertEquals(preview(env, tbotStart(pair[1])), preview(env, tbotStart(pair[0])), pair[0]);
    }
    // And a no set for tbot in another case is a no, as in capitals, where exec's own says yes.
    Map<String, String> yes = Main.environment(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), true);
    assertEquals(preview(yes, tbotStart("env TELEPORT_ANONYMOUS_TELEMETRY=0")),
        preview(yes, tbotStart("env teleport_anonymous_telemetry=0")));
    // A no in another case among env -S's words is a no too, read as exec's own variable.
    String split = preview(yes, List.of("env", "-S", "FOO=1 do_not_track=1", "tbot", "start"));
    assertTrue(split.contains("would send nothing (DO_NOT_TRACK says no)"), split);
    String err = preview(env, tbotStart("env -u teleport_anonymous_telemetry"));
    assertTrue(err.contains("would send nothing (TELEPORT_ANONYMOUS_TELEMETRY says no)"), err);
    Map<String, String> moved = LauncherEnvironment.environment(
        List.of("env", "teleport_anonymous_telemetry_address=https://elsewhere.example/v1/logs", "tbot", "start"), env);
    assertNull(moved.get("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS"), "exec's endpoint stays exec's");
  }

  @Test
  void onWindowsTwoNamesDifferingOnlyInCaseKeepTheNo() {
    // A host's map copied from System.getenv() there (case-sensitive) may hold a user's
    // teleport_anonymous_telemetry=1 beside the host's TELEPORT_ANONYMOUS_TELEMETRY=0: one variable
    // to Windows and to tbot, which reads whichever comes first. The no is kept, in either order.
    String[][] pairs = {
      {"TELEPORT_ANONYMOUS_TELEMETRY", "0", "teleport_anonymous_telemetry", "1"},
      {"DO_NOT_TRACK", "1", "do_not_track", ""},
      {"OTEL_SDK_DISABLED", "true", "Otel_Sdk_Disabled", "false"},
    };
    for (String[] p : pairs) {
      for (boolean noFirst : new boolean[] {true, false}) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put(noFirst ? p[0] : p[2], noFirst ? p[1] : p[3]);
        env.put(noFirst ? p[2] : p[0], noFirst ? p[3] : p[1]);
        assertEquals(p[1], Main.environment(env, true).get(p[0]), env.toString());
      }
    }
  }

  @Test
  void onWindowsTheNoKeptAmongTwoCasesIsTheValuesOwnNotTheProcesss() {
    // The child tbot gets only the value kept (with --keep-tbot-telemetry, TELEPORT_ANONYMOUS_TELEMETRY
    // as given): exec's own process saying no (-Dotel.sdk.disabled, DO_NOT_TRACK) is no reason to
    // keep the first of two names, yes or no, nor to read PATH otherwise than without it.
    String before = System.getProperty(Consent.PROPERTY_OTEL_SDK_DISABLED);
    System.setProperty(Consent.PROPERTY_OTEL_SDK_DISABLED, "true");
    try {
      Map<String, String> env = new java.util.LinkedHashMap<>();
      env.put("TELEPORT_ANONYMOUS_TELEMETRY", "1");
      env.put("teleport_anonymous_telemetry", "0");
      env.put("PATH", "C:\\first");
      env.put("Path", "C:\\last");
      Map<String, String> read = Main.environment(env, true);
      assertEquals("0", read.get("TELEPORT_ANONYMOUS_TELEMETRY"), read.toString());
      assertEquals("C:\\last", read.get("PATH"), read.toString());
    } finally {
      if (before == null) {
        System.clearProperty(Consent.PROPERTY_OTEL_SDK_DISABLED);
      } else {
        System.setProperty(Consent.PROPERTY_OTEL_SDK_DISABLED, before);
      }
    }
  }

  @Test
  void elsewhereNamesKeepTheirCase() {
    Map<String, String> env = Main.environment(Map.of("teleport_anonymous_telemetry", "0"), false);
    assertNull(env.get("TELEPORT_ANONYMOUS_TELEMETRY"));
    String err = preview(env);
    assertTrue(err.contains("would send it to"), err);
  }

  @Test
  void aHostsNullNameOrValueIsNoVariableOnEitherSystem() {
    // Main.run is public for embedding the CLI: a host's map may hold what System.getenv() never
    // does. A null name or value is no variable (as the library reads it), on Windows too, where
    // the case-free copy would throw on a null name, and in the child's environment, which would
    // throw on either.
    for (boolean windows : new boolean[] {true, false}) {
      Map<String, String> env = new java.util.HashMap<>();
      env.put(null, "0");
      env.put("TELEPORT_ANONYMOUS_TELEMETRY", "0");
      env.put("DO_NOT_TRACK", null);
      env.put("PATH", System.getenv("PATH"));
      Map<String, String> read = Main.environment(env, windows);
      assertEquals(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "0", "PATH", System.getenv("PATH")), Map.copyOf(read),
          "windows " + windows);
      String err = preview(read);
      assertTrue(err.contains("would send nothing (TELEPORT_ANONYMOUS_TELEMETRY says no)"), err);
    }
    Map<String, String> env = new java.util.HashMap<>();
    env.put(null, "x");
    env.put("TBOT_OTEL_NULL_CHECK", null);
    env.put("PATH", System.getenv("PATH"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"exec", "--", "sh", "-c", "exit 7"}, env,
        new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(7, code, err.toString(StandardCharsets.UTF_8));
  }

  private static List<String> tbotStart(String launcher) {
    List<String> line = new java.util.ArrayList<>(List.of(launcher.split(" ")));
    line.addAll(List.of("tbot", "start"));
    return line;
  }

  private static String preview(Map<String, String> env) {
    return preview(env, List.of());
  }

  private static String preview(Map<String, String> env, List<String> command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new java.util.ArrayList<>(List.of("preview", "--anonymous-analytics"));
    if (!command.isEmpty()) {
      args.add("--");
      args.addAll(command);
    }
    int code = Main.run(args.toArray(new String[0]),
        new CliContext(env, new PrintStream(out, true), new PrintStream(err, true, StandardCharsets.UTF_8), false));
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    return text;
  }
}
