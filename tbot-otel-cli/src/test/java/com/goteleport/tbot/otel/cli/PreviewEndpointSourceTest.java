package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * preview names the setting the endpoint came from, by the precedence start uses (flag over
 * variable over tbot's YAML): three settings can each set it, and a misspelled variable or key
 * otherwise shows only as an unexpected URL.
 */
class PreviewEndpointSourceTest {

  private static final String FLAG_URL = "https://flag.example/v1/logs";
  private static final String ENV_URL = "https://env.example/v1/logs";
  private static final String YAML_URL = "https://yaml.example/v1/logs";

  @TempDir Path dir;

  private String line(Map<String, String> env, boolean yaml, boolean flag) throws Exception {
    List<String> args = new ArrayList<>(List.of("preview", "--anonymous-analytics", "--oneshot"));
    Path config = dir.resolve("tbot.yaml");
    Files.writeString(config, "version: v2\n" + (yaml ? "anonymous_analytics_endpoint: " + YAML_URL + "\n" : ""));
    args.addAll(List.of("-c", config.toString()));
    if (flag) {
      args.addAll(List.of("--anonymous-analytics-endpoint", FLAG_URL));
    }
    Cli.Result r = Cli.run(env, args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stderr().strip();
  }

  private static String expected(String url, String from) {
    return "tbot-otel: preview only, nothing was sent. With these settings start would send it to " + url
        + " (--anonymous-analytics says yes; " + from + ").";
  }

  @Test
  void noSettingIsTheDefault() throws Exception {
    assertEquals(expected("https://anonymous-analytics.teleport.sh/v1/logs", "the default endpoint"),
        line(Map.of(), false, false));
    // A variable set empty sets nothing, as start reads it.
    assertEquals(expected("https://anonymous-analytics.teleport.sh/v1/logs", "the default endpoint"),
        line(Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", ""), false, false));
  }

  @Test
  void eachSettingAloneIsNamed() throws Exception {
    assertEquals(expected(FLAG_URL, "endpoint from --anonymous-analytics-endpoint"), line(Map.of(), false, true));
    assertEquals(expected(ENV_URL, "endpoint from TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS"),
        line(Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", ENV_URL), false, false));
    assertEquals(expected(YAML_URL, "endpoint from anonymous_analytics_endpoint in " + dir.resolve("tbot.yaml")),
        line(Map.of(), true, false));
  }

  @Test
  void theOneThatWinsIsNamed() throws Exception {
    Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", ENV_URL);
    assertEquals(expected(FLAG_URL, "endpoint from --anonymous-analytics-endpoint"), line(env, true, true));
    assertEquals(expected(ENV_URL, "endpoint from TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS"), line(env, true, false));
    assertEquals(expected(YAML_URL, "endpoint from anonymous_analytics_endpoint in " + dir.resolve("tbot.yaml")),
        line(Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", ""), true, false));
  }
}
