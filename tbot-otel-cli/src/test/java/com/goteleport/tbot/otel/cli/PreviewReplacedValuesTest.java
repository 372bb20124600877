package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * preview says why a value it shows is not the one given: a version sent as {@code unknown}, a
 * join method sent as {@code unknown}, a helper left out. Before, the JSON showed {@code unknown}
 * or no helper and nothing said why, {@code --debug} included. A value that fails a rule may be a
 * secret: only a short word is quoted.
 */
class PreviewReplacedValuesTest {

  private static List<String> lines(Map<String, String> env, String... args) {
    Cli.Result r = Cli.run(env, args);
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stderr().lines().filter(l -> !l.startsWith("tbot-otel: preview only")).toList();
  }

  @Test
  void aReplacedVersionOrJoinMethodSaysWhy() {
    assertEquals(List.of("tbot-otel: version is sent as unknown: --tbot-version 'latest' is not a release version"
            + " (18.1.0, v18.1.0, 18.1.0-rc.1).",
        "tbot-otel: join_type is sent as unknown: the join method 'bogus' is none tbot-otel knows"
            + " (docs/attributes.md lists them)."),
        lines(Map.of(), "preview", "--tbot-version", "latest", "--join-method", "bogus"));
  }

  @Test
  void aValueThatMayBeASecretIsNotQuoted() {
    String token = "6f1c2d9e8a7b4c3d2e1f";
    Map<String, String> env = Map.of("_TBOT_TELEMETRY_HELPER", "alice@laptop.example.com");
    List<String> lines = lines(env, "preview", "--tbot-version", token);
    assertEquals(List.of("tbot-otel: version is sent as unknown: --tbot-version is not a release version (18.1.0,"
            + " v18.1.0, 18.1.0-rc.1).",
        "tbot-otel: helper is left out: _TBOT_TELEMETRY_HELPER's value fails helper's rule (docs/attributes.md: a"
            + " name, not an address, path or credential)."), lines);
    assertFalse(String.join("\n", lines).contains(token) || String.join("\n", lines).contains("alice"), lines.toString());
  }

  @Test
  void aHelperVersionLeftOutSaysWhy() {
    Map<String, String> env = Map.of("_TBOT_TELEMETRY_HELPER", "gha:teleport-actions/auth",
        "_TBOT_TELEMETRY_HELPER_VERSION", "main");
    assertEquals(List.of("tbot-otel: helper_version is left out: _TBOT_TELEMETRY_HELPER_VERSION 'main' is not a"
        + " release version (v2, 2.0.1, 2.0.1-rc.1)."), lines(env, "preview", "--tbot-version", "18.1.0"));
  }

  @Test
  void valuesSentAsGivenAndADefaultVersionSayNothing() {
    Map<String, String> env = Map.of("_TBOT_TELEMETRY_HELPER", "gha:teleport-actions/auth",
        "_TBOT_TELEMETRY_HELPER_VERSION", "v2");
    assertEquals(List.of(), lines(env, "preview", "--tbot-version", "18.1.0", "--join-method", "github"));
    // Without --tbot-version the version is unknown, as documented: no line for that.
    assertTrue(lines(Map.of(), "preview").isEmpty());
  }
}
