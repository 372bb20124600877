package com.goteleport.tbot.otel.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Consent's rules at their edges: each case here is one a mutant of {@link Consent} (PIT) passed
 * ConsentTest and ConsentWindowsTest with.
 */
class ConsentEdgesTest {

  /**
   * OpenTelemetry Java reads a variable's name lower-cased whole (Locale.ROOT) with '_' as '.':
   * "OTEL_SD\u212A_DISABLED", with U+212A KELVIN SIGN for the K, is otel.sdk.disabled to it, so its SDK
   * is off, and this exporter must be too. ConsentTest has only a non-ASCII name that is NOT the
   * same (U+0130), so otelDisabledName's non-ASCII branch returning false survived.
   */
  @Test
  void aNonAsciiSpellingOpenTelemetryReadsAsOtelSdkDisabledIsANo() {
    String kelvin = "OTEL_SD\u212A_DISABLED";
    Consent c = Consent.resolve(true, true, Map.of(kelvin, "true"));
    assertFalse(c.granted(), c.toString());
    assertTrue(c.refused(), c.toString());
    assertEquals(kelvin + " says no", c.reason());
    // the same name set to anything but true is no no, so the case above can fail
    assertTrue(Consent.resolve(true, true, Map.of(kelvin, "false")).granted());
  }

  /**
   * Which no is explained as "no true value": on Windows, a no under another case of the name is
   * read (one variable to Windows), so its unclear value gets the explanation; elsewhere it is
   * another variable, and only the exact name's spelled no decides. The {@code windows} check in
   * that explanation, negated, survived.
   */
  @Test
  void anUnclearNoUnderAnotherCaseIsExplainedOnWindowsOnly() {
    Map<String, String> env = new HashMap<>(Map.of(
        "TELEPORT_ANONYMOUS_TELEMETRY", "0", "teleport_anonymous_telemetry", "disabled"));
    assertEquals(ConsentTest.UNCLEAR, Consent.resolve(true, null, env, true).reason());
    assertEquals("TELEPORT_ANONYMOUS_TELEMETRY says no", Consent.resolve(true, null, env, false).reason());
  }

  /**
   * A null key in a host's map is no spelling of OTEL_SDK_DISABLED, whatever its value
   * (ConsentWindowsTest's null key is set to "0", which says nothing either way).
   */
  @Test
  void aNullKeySetToTrueIsNoSpellingOfOtelSdkDisabled() {
    Map<String, String> env = new HashMap<>();
    env.put(null, "true");
    for (boolean windows : new boolean[] {true, false}) {
      Consent c = Consent.resolve(true, null, env, windows);
      assertTrue(c.granted(), "windows " + windows + ": " + c);
    }
  }

  /**
   * saysNo is for the three exact names only ("False for any other name"). ConsentSystemPropertyTest
   * asks it only about PATH=0, which no vote would call a no, so "every name is an opt-out
   * variable" survived (STRONGER's RemoveConditional on each of the three name checks).
   */
  @Test
  void saysNoIsFalseForEveryOtherName() {
    assertFalse(Consent.saysNo("PATH", "true"));
    assertFalse(Consent.saysNo("otel_sdk_disabled", "true")); // another spelling: resolve reads it, saysNo does not
    assertFalse(Consent.saysNo("do_not_track", "1"));
    assertTrue(Consent.saysNo(Consent.ENV_OTEL_SDK_DISABLED, "true"));
  }

  /** OTEL_SDK_DISABLED is read as OpenTelemetry reads it: only true (any case, blanks around) is a no. */
  @Test
  void otelSdkDisabledSaysNoForTrueOnly() {
    for (String value : new String[] {"1", "yes", "on", " ", "0", "false"}) {
      Consent c = Consent.resolve(true, null, Map.of(Consent.ENV_OTEL_SDK_DISABLED, value));
      assertTrue(c.granted(), "OTEL_SDK_DISABLED=" + value + ": " + c);
      assertFalse(Consent.saysNo(Consent.ENV_OTEL_SDK_DISABLED, value), value);
    }
  }

  /**
   * The reason names the variable that said no: DO_NOT_TRACK set to a word is DO_NOT_TRACK's no, not
   * the "no true value" explanation, which is TELEPORT_ANONYMOUS_TELEMETRY's alone. ConsentTest checks
   * only that such a reason ends in "says no", which the wrong explanation does too.
   */
  @Test
  void doNotTrackSetToAWordIsDoNotTracksNo() {
    for (boolean windows : new boolean[] {true, false}) {
      assertEquals("DO_NOT_TRACK says no",
          Consent.resolve(true, true, Map.of(Consent.ENV_DO_NOT_TRACK, "disabled"), windows).reason());
    }
  }

  /** What --debug and preview print: a refusal reads "denied" (only a granted one was checked). */
  @Test
  void aRefusalPrintsAsDenied() {
    assertEquals("Consent{denied: DO_NOT_TRACK says no}",
        Consent.resolve(true, null, Map.of(Consent.ENV_DO_NOT_TRACK, "1")).toString());
    assertEquals("Consent{denied: no source opted in}", Consent.denied().toString());
  }
}
