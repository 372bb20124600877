package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TBOT_CONFIG_PATH and TBOT_CONFIG give tbot's config when its flags do not, as tbot reads them. */
class ConfigPathVariableTest {

  @TempDir Path dir;

  @Test
  void theVariableIsTheConfigWithoutMinusC() throws Exception {
    Path fromEnv = Files.writeString(dir.resolve("env.yaml"), "version: v2\noutputs:\n  - type: database\n");
    Path fromFlag = Files.writeString(dir.resolve("flag.yaml"), "version: v2\noutputs:\n  - type: application\n");
    Map<String, String> env = Map.of("TBOT_CONFIG_PATH", fromEnv.toString());
    assertTrue(preview(env).contains(count("database", 1)), "the variable alone");
    assertTrue(preview(env, "-c", fromFlag.toString()).contains(count("application", 1)), "-c over the variable");
    String none = "{\"key\":\"destinations_configured\",\"value\":{\"intValue\":\"0\"}}";
    assertTrue(preview(Map.of("TBOT_CONFIG_PATH", "")).contains(none));
    assertTrue(preview(env, "-c", "").contains(none), "an empty -c is given: tbot reads no file then");
  }

  @Test
  void anEmptyConfigStringOnTheCommandLineHidesTbotConfig() throws Exception {
    // kingpin reads a flag's variable only when the flag is not given at all (--config-string
    // binds TBOT_CONFIG in lib/tbot/cli/globals.go).
    Path file = Files.writeString(dir.resolve("f.yaml"), "version: v2\noutputs:\n  - type: application\n");
    String base64 = java.util.Base64.getEncoder().encodeToString(
        "version: v2\noutputs:\n  - type: database\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Map<String, String> env = Map.of("TBOT_CONFIG", base64);
    assertTrue(preview(env, "--", "tbot", "start").contains(count("database", 1)), "the variable alone");
    assertTrue(preview(env, "--", "tbot", "start", "--config-string=").contains(count("database", 0)));
    assertTrue(preview(env, "--", "tbot", "start", "-c", file.toString(), "--config-string", "")
        .contains(count("application", 1)), "tbot reads the file: no config string is given");
  }

  @Test
  void anInvalidPathIsReportedOnlyWithConsent() {
    Map<String, String> env = Map.of("TBOT_CONFIG_PATH", "bad\u0000path");
    Cli.Result quiet = Cli.run(env, "start");
    assertEquals(0, quiet.exitCode(), quiet.stderr());
    assertEquals("", quiet.stderr());
    BadInputTest.assertOneLineError(Cli.run(env, "start", "--anonymous-analytics"), 1,
        "TBOT_CONFIG_PATH is not a path this JVM can open");
  }

  private static String count(String kind, int n) {
    return "{\"key\":\"destinations_configured_" + kind + "_access\",\"value\":{\"intValue\":\"" + n + "\"}}";
  }

  private static String preview(Map<String, String> env, String... flags) {
    String[] args = new String[flags.length + 1];
    args[0] = "preview";
    System.arraycopy(flags, 0, args, 1, flags.length);
    Cli.Result r = Cli.run(env, args);
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout();
  }
}
