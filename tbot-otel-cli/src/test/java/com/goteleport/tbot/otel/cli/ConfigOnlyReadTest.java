package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.Events;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tbot's config is only read, never written, on runs that use it: start (sending; {@code --config},
 * the long form of {@code -c}), preview and exec (reading it from tbot's command line). BadInputTest
 * holds the same for configs refused.
 */
class ConfigOnlyReadTest {

  private static final FileTime OLD = FileTime.fromMillis(1_000_000_000_000L);

  @TempDir Path dir;

  @Test
  void aConfigThatIsUsedIsLeftAsItWas() throws Exception {
    Path config = dir.resolve("tbot.yaml");
    Files.copy(Paths.get("../tbot-otel/src/test/resources/configs/v2-all-kinds.yaml"), config);
    Files.setLastModifiedTime(config, OLD);
    byte[] before = Files.readAllBytes(config);
    Path tbot = ExecRun.script(dir, "tbot", "exit 0\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url(), "PATH", "/usr/bin:/bin");
      // start and exec wait up to 10 s at exit: the two sends counted below show the config was read,
      // and the default 500 ms may pass on a loaded machine before one is delivered (by design).
      for (List<String> args : List.of(
          List.of("start", "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--config",
              config.toString()),
          List.of("preview", "--anonymous-analytics", "-c", config.toString()),
          List.of("exec", "--anonymous-analytics", "--anonymous-analytics-exit-timeout", "10s", "--", tbot.toString(),
              "start", "--oneshot", "-c", config.toString()))) {
        Cli.Result r = Cli.run(env, args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), args + ": " + r.stderr());
      }
      assertEquals(2, receiver.requests().size(), "start and exec sent");
      for (OtlpReceiver.Received sent : receiver.requests()) {
        Map<String, Object> attributes =
            Events.attributes(sent.decode().getResourceLogs(0).getScopeLogs(0).getLogRecords(0));
        assertEquals(1L, attributes.get("destinations_configured_database_access"), "the config was read: " + attributes);
      }
    }
    assertArrayEquals(before, Files.readAllBytes(config), "config byte-identical");
    assertEquals(OLD, Files.getLastModifiedTime(config), "config not rewritten");
  }
}
