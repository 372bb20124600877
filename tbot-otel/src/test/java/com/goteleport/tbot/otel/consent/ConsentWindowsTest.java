package com.goteleport.tbot.otel.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On Windows a variable's name has no case: tbot (Go's os.Getenv) reads {@code
 * teleport_anonymous_telemetry=0} as a no. A host that passes {@code System.getenv()}, as {@code
 * AnonymousAnalytics}' example does, passes a case-sensitive map there all the same (the JDK's
 * {@code java.lang.ProcessEnvironment} for Windows), so consent reads the names in any case.
 */
class ConsentWindowsTest {

  @Test
  void onWindowsANoInAnyCaseIsANo() {
    Consent c = Consent.resolve(true, true, Map.of("teleport_anonymous_telemetry", "0"), true);
    assertTrue(c.refused(), c.toString());
    assertEquals("TELEPORT_ANONYMOUS_TELEMETRY says no", c.reason());
    assertTrue(Consent.resolve(true, null, Map.of("Do_Not_Track", "1"), true).refused());
    assertTrue(Consent.resolve(true, null, Map.of("otel_sdk_disabled", "true"), true).refused());
  }

  @Test
  void onWindowsAYesInAnyCaseIsTheYesTbotReads() {
    assertTrue(Consent.resolve(null, null, Map.of("Teleport_Anonymous_Telemetry", "1"), true).granted());
  }

  @Test
  void onWindowsANoUnderOneCaseWinsOverAYesUnderAnother() {
    // A host's copy of System.getenv() there may hold both: one variable to Windows, which tbot
    // reads in whichever comes first. The name in capitals is no stronger than the other.
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "TELEPORT_ANONYMOUS_TELEMETRY", "1", "teleport_anonymous_telemetry", "0"));
    assertEquals("TELEPORT_ANONYMOUS_TELEMETRY says no", Consent.resolve(true, null, env, true).reason());
    env = new java.util.HashMap<>(Map.of("OTEL_SDK_DISABLED", "false", "Otel_Sdk_Disabled", "true"));
    assertTrue(Consent.resolve(true, null, env, true).refused());
    // A yes under another case still counts where the capitals say nothing.
    env = new java.util.HashMap<>(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "", "Teleport_Anonymous_Telemetry", "1"));
    assertTrue(Consent.resolve(null, null, env, true).granted());
  }

  @Test
  void aNullKeyInAHostsMapIsNoVariableOnWindowsOrElsewhere() {
    // No spelling of any variable: read past, as the OTEL_SDK_DISABLED spellings are read past it,
    // so the other sources decide (a HashMap, which holds one, from a host's own settings).
    for (boolean windows : new boolean[] {true, false}) {
      Map<String, String> env = new java.util.HashMap<>();
      env.put(null, "0");
      assertTrue(Consent.resolve(true, null, env, windows).granted(), "windows " + windows);
      env.put(windows ? "teleport_anonymous_telemetry" : "TELEPORT_ANONYMOUS_TELEMETRY", "0");
      assertEquals("TELEPORT_ANONYMOUS_TELEMETRY says no", Consent.resolve(true, null, env, windows).reason());
    }
  }

  @Test
  void elsewhereANameInAnotherCaseIsAnotherVariable() {
    // Linux and macOS: tbot does not read it, so neither does consent (a yes there is no yes).
    assertEquals(Consent.denied(), Consent.resolve(null, null, Map.of("teleport_anonymous_telemetry", "1"), false));
    assertTrue(Consent.resolve(true, null, Map.of("teleport_anonymous_telemetry", "0"), false).granted());
  }
}
