package com.goteleport.tbot.otel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's output is the same on every run and JDK, but for ports and temporary names. */
class DemoTest {

  @Test
  void theVariablesAfterACommandAreShownInOneOrder() {
    // The demo's own Map.of iterates in an order that changes from one JVM to the next.
    Map<String, String> env = new LinkedHashMap<>();
    env.put("_TBOT_TELEMETRY_HELPER_VERSION", "v2.0.1");
    env.put("_TBOT_TELEMETRY_HELPER", "gha:teleport-actions/auth");
    assertEquals("   with {_TBOT_TELEMETRY_HELPER=gha:teleport-actions/auth, _TBOT_TELEMETRY_HELPER_VERSION=v2.0.1}",
        Demo.with(env));
    assertEquals("", Demo.with(Map.of()));
  }
}
