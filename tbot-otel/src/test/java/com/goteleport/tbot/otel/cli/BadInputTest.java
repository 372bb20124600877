package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input: one clear line, non-zero exit, nothing sent, the user's file untouched. */
class BadInputTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "malformed.yaml | invalid YAML",
        "wrong-type-oneshot.yaml | 'oneshot'",
        "wrong-type-outputs.yaml | 'outputs'",
        "wrong-type-join.yaml | 'onboarding.join_method'",
        "wrong-type-analytics.yaml | 'anonymous_analytics'",
        "bad-version.yaml | 'version'",
        "bad-endpoint.yaml | anonymous_analytics_endpoint must start with http:// or https://",
        "endpoint-with-credentials.yaml | anonymous_analytics_endpoint must not contain user:password",
      })
  void badConfigFile(String name, String expected) throws Exception {
    Path config = dir.resolve(name);
    Files.copy(Paths.get("src/test/resources/bad", name), config);
    Files.setLastModifiedTime(config, FileTime.fromMillis(1_000_000_000_000L));
    byte[] before = Files.readAllBytes(config);
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      for (String cmd : new String[] {"start", "preview"}) {
        String[] args = {cmd, "-c", config.toString(), "--anonymous-analytics"};
        Cli.Result r = Cli.run(Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()), args);
        assertOneLineError(r, 1, expected);
      }
      assertEquals(0, receiver.requests().size(), "nothing sent");
    }
    assertArrayEquals(before, Files.readAllBytes(config), "config byte-identical");
    assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(config), "config not rewritten");
  }

  @Test
  void missingFile() {
    Cli.Result r = Cli.run(Map.of(), "start", "-c", dir.resolve("absent.yaml").toString(), "--anonymous-analytics");
    assertOneLineError(r, 1, "no such file; check the path given to -c/--config");
  }

  @Test
  void badEndpointFlagAndVariable() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      assertOneLineError(
          Cli.run(Map.of(), "start", "--anonymous-analytics", "--anonymous-analytics-endpoint", "not a url"),
          1, "--anonymous-analytics-endpoint is not a valid URL");
      assertOneLineError(
          Cli.run(Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", "https://u:p@" + receiver.url().substring(7)),
              "start", "--anonymous-analytics"),
          1, "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS must not contain user:password");
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void badFlags() {
    assertOneLineError(Cli.run(Map.of(), "start", "--no-such-flag"), 2, "Unknown option: '--no-such-flag'");
    assertOneLineError(Cli.run(Map.of(), "start", "--anonymous-analytics-exit-timeout", "forever"), 2,
        "'forever' is not a duration");
    assertOneLineError(Cli.run(Map.of(), "start", "--anonymous-analytics-exit-timeout", "1h"), 2, "not a duration");
    assertOneLineError(Cli.run(Map.of(), "start", "--anonymous-analytics-exit-timeout", "11s"), 2, "out of range");
  }

  static void assertOneLineError(Cli.Result r, int code, String expected) {
    assertEquals(code, r.exitCode(), r.stderr());
    assertEquals("", r.stdout());
    String err = r.stderr();
    assertTrue(err.startsWith("tbot-otel: "), err);
    assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "exactly one line: " + err);
    assertTrue(err.contains(expected), err);
  }
}
