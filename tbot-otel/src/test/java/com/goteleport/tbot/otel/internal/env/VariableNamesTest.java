package com.goteleport.tbot.otel.internal.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableNamesTest {

  @Test
  void everySpellingIsListedInTheMapsOrderANullValueAsItIsANullKeyNot() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("tbot_config_path", "/a");
    env.put(null, "/b");
    env.put("OTHER", "/c");
    env.put("TBOT_CONFIG_PATH", null);
    env.put("Tbot_Config_Path", "");
    assertEquals(Arrays.asList("/a", null, ""), VariableNames.valuesInAnyCase(env, "TBOT_CONFIG_PATH"));
    assertEquals(List.of(), VariableNames.valuesInAnyCase(env, "TBOT_CONFIG"));
  }

  @Test
  void theAgreedValueIsTheExactNamesOrTheOneTheOthersShare() {
    assertNull(VariableNames.agreed(null, List.of()));
    assertNull(VariableNames.agreed(null, Arrays.asList(null, null)));
    assertEquals("x", VariableNames.agreed("x", List.of("x")));
    assertEquals("x", VariableNames.agreed(null, Arrays.asList(null, "x", "x")));
    assertEquals("x", VariableNames.agreed("x", Arrays.asList("x", null)));
    // An empty value is set: it disagrees with another.
    assertThrows(IllegalArgumentException.class, () -> VariableNames.agreed("", List.of("", "x")));
    assertThrows(IllegalArgumentException.class, () -> VariableNames.agreed(null, List.of("x", "y")));
    assertThrows(IllegalArgumentException.class, () -> VariableNames.agreed("x", List.of("y")));
  }

  @Test
  void inAnyCaseTheMapIsListedAndAgreedOn() {
    Map<String, String> env = new HashMap<>(Map.of("_tbot_telemetry_helper", "gha", "_TBOT_TELEMETRY_HELPER", "gha"));
    assertEquals("gha", VariableNames.agreedInAnyCase(env, "_TBOT_TELEMETRY_HELPER"));
    env.put("_Tbot_Telemetry_Helper", "other");
    assertThrows(IllegalArgumentException.class, () -> VariableNames.agreedInAnyCase(env, "_TBOT_TELEMETRY_HELPER"));
  }
}
