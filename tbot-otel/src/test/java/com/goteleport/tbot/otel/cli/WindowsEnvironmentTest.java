package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertNull(TbotTelemetryHandoff.countedByTbot(List.of("tbot.exe", "start"), env, false));
  }

  @Test
  void onWindowsEnvMinusIKeepsExecsOwnNoInAnyCase() {
    // Git Bash's env on a Windows runner: env -i clears tbot's environment, but exec's own consent
    // variables stay exec's, and a no among them is still a no.
    Map<String, String> env = Main.environment(Map.of("teleport_anonymous_telemetry", "0", "Path", "C:\\bin"), true);
    Map<String, String> tbots = Launcher.environment(List.of("env", "-i", "tbot", "start"), env);
    assertEquals("0", tbots.get("TELEPORT_ANONYMOUS_TELEMETRY"));
    assertNull(tbots.get("PATH"));
  }

  @Test
  void elsewhereNamesKeepTheirCase() {
    Map<String, String> env = Main.environment(Map.of("teleport_anonymous_telemetry", "0"), false);
    assertNull(env.get("TELEPORT_ANONYMOUS_TELEMETRY"));
    String err = preview(env);
    assertTrue(err.contains("would send it to"), err);
  }

  private static String preview(Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"preview", "--anonymous-analytics"},
        new CliContext(env, new PrintStream(out, true), new PrintStream(err, true, StandardCharsets.UTF_8), false));
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    return text;
  }
}
