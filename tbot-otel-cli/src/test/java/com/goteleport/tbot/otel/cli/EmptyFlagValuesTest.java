package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An empty flag value is the flag not given, as tbot reads its own flags. */
class EmptyFlagValuesTest {

  @TempDir Path dir;

  @Test
  void emptyJoinMethodAndDestinationDirFallBackToTheConfig() throws Exception {
    Path config = Files.writeString(dir.resolve("tbot.yaml"), String.join("\n",
        "version: v2",
        "onboarding: {join_method: github}",
        "outputs:",
        "  - type: identity",
        "  - type: database",
        ""));
    String json = preview("-c", config.toString(), "--join-method=", "--destination-dir=");
    assertTrue(json.contains("{\"key\":\"join_type\",\"value\":{\"stringValue\":\"github\"}}"), json);
    assertTrue(json.contains("{\"key\":\"destinations_configured\",\"value\":{\"intValue\":\"2\"}}"), json);
    assertTrue(json.contains("{\"key\":\"destinations_configured_database_access\",\"value\":{\"intValue\":\"1\"}}"), json);
  }

  @Test
  void anEmptyConfigPathIsNoConfig() {
    String json = preview("-c", "");
    assertTrue(json.contains("{\"key\":\"destinations_configured\",\"value\":{\"intValue\":\"0\"}}"), json);
    assertTrue(json.contains("{\"key\":\"join_type\",\"value\":{\"stringValue\":\"token\"}}"), json);
  }

  private static String preview(String... flags) {
    String[] args = new String[flags.length + 1];
    args[0] = "preview";
    System.arraycopy(flags, 0, args, 1, flags.length);
    Cli.Result r = Cli.run(Map.of(), args);
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout();
  }
}
