package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.testing.Cli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code tbot-otel} alone and {@code --version}, in this JVM: what they print. {@code VersionIT}
 * checks the jar's version from its manifest; here the classes have none.
 */
class RootCommandTest {

  @Test
  void noCommandPrintsTheHelpOnStdoutAndSucceeds() {
    Cli.Result alone = Cli.run(Map.of());
    assertEquals(0, alone.exitCode(), alone.stderr());
    assertEquals("", alone.stderr());
    assertTrue(alone.stdout().startsWith("Usage: tbot-otel "), alone.stdout());
    assertEquals(Cli.run(Map.of(), "--help").stdout(), alone.stdout());
  }

  @Test
  void versionNamesThisBuildAndTheEventSchema() {
    // Run from classes, as the unit tests are, there is no manifest: the version is "unknown".
    String built = ProjectVersion.class.getPackage().getImplementationVersion();
    for (String[] args : new String[][] {{"--version"}, {"-V"}, {"preview", "--version"}}) {
      Cli.Result r = Cli.run(Map.of(), args);
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stderr());
      assertEquals(List.of("tbot-otel " + (built == null ? "unknown" : built),
          "event " + EventSchema.EVENT_NAME + " schema " + EventSchema.VERSION), r.stdout().lines().toList());
    }
  }
}
