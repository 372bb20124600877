package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TBOT_CONFIG_PATH names tbot's config when -c does not, as tbot reads it. */
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
