package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows, and macOS on its default file system, run tbot for {@code TBOT start}: its config's no
 * is tbot's config's no, and must be read as for {@code tbot start}.
 */
class ProgramNameCaseTest {

  @TempDir Path dir;

  @Test
  void tbotInAnotherCaseIsTbotAndItsConfigsNoIsSeen() throws Exception {
    Path no = Files.writeString(dir.resolve("no.yaml"), "anonymous_analytics: false\n");
    for (String program : new String[] {"tbot", "TBOT", "C:\\Teleport\\Tbot"}) {
      Cli.Result r = Cli.run(Map.of(), "preview", "--anonymous-analytics", "--", program, "start", "-c", no.toString());
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("would send nothing"), program + ": " + r.stderr());
    }
  }
}
