package com.goteleport.tbot.otel.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dotel.sdk.disabled=true} is OpenTelemetry Java's own switch, read as {@code
 * OTEL_SDK_DISABLED} is: a host that turns its OpenTelemetry off that way has said no to this
 * exporter too, whatever else says yes.
 */
class ConsentSystemPropertyTest {

  // Spellings OpenTelemetry Java reads as otel.sdk.disabled: any case, '-' for '.'.
  private static final String[] SPELLINGS = {"otel-sdk-disabled", "OTEL.SDK.DISABLED", "Otel.Sdk-Disabled"};

  @AfterEach
  void clear() {
    System.clearProperty(Consent.PROPERTY_OTEL_SDK_DISABLED);
    for (String name : SPELLINGS) {
      System.clearProperty(name);
    }
  }

  @Test
  void everySpellingOpenTelemetryJavaReadsIsANoToo() {
    // Its SDK is off under each of these (DefaultConfigProperties, ConfigUtil): so is this exporter.
    for (String name : SPELLINGS) {
      System.setProperty(name, "true");
      Consent c = Consent.resolve(true, true, Map.of(Consent.ENV_TELEPORT, "1"));
      assertTrue(c.refused(), name);
      assertEquals("-D" + name + " says no", c.reason(), name);
      System.setProperty(name, "false");
      assertTrue(Consent.resolve(true, null, Map.of()).granted(), name);
      System.clearProperty(name);
    }
    System.setProperty("otel.sdk.disabled.x", "true"); // another name
    try {
      assertTrue(Consent.resolve(true, null, Map.of()).granted());
    } finally {
      System.clearProperty("otel.sdk.disabled.x");
    }
  }

  @Test
  void trueIsANoThatBeatsEveryYes() {
    System.setProperty(Consent.PROPERTY_OTEL_SDK_DISABLED, " TRUE ");
    Consent c = Consent.resolve(true, true, Map.of(Consent.ENV_TELEPORT, "1"));
    assertFalse(c.granted());
    assertTrue(c.refused());
    assertEquals("-Dotel.sdk.disabled says no", c.reason());
  }

  @Test
  void aVariablesOwnNoIsNotTheProperty() {
    // saysNo judges one value (the CLI's Main.environment, in tbot-otel-cli, keeps the no of two names differing in case): the
    // process's no must not make every value one.
    System.setProperty(Consent.PROPERTY_OTEL_SDK_DISABLED, "true");
    assertFalse(Consent.saysNo(Consent.ENV_TELEPORT, "1"));
    assertFalse(Consent.saysNo(Consent.ENV_DO_NOT_TRACK, ""));
    assertFalse(Consent.saysNo("PATH", "0"));
    assertTrue(Consent.saysNo(Consent.ENV_TELEPORT, "false"));
    assertTrue(Consent.saysNo(Consent.ENV_DO_NOT_TRACK, "1"));
    assertTrue(Consent.saysNo(Consent.ENV_OTEL_SDK_DISABLED, " TRUE "));
  }

  @Test
  void otherValuesAbstain() {
    for (String value : new String[] {"false", "", "1", "yes"}) {
      System.setProperty(Consent.PROPERTY_OTEL_SDK_DISABLED, value);
      Consent c = Consent.resolve(true, null, Map.of());
      assertTrue(c.granted(), value);
      assertEquals("--anonymous-analytics says yes", c.reason(), value);
    }
  }
}
