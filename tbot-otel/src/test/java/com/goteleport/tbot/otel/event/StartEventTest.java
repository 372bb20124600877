package com.goteleport.tbot.otel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event builder: only schema attributes, in schema order, with schema types and safe values. */
class StartEventTest {

  @Test
  void defaultsAreContinuousTokenUnknownVersionNoOutputs() {
    StartEvent e = StartEvent.builder().build();
    assertEquals("continuous", e.get(Attribute.RUN_MODE));
    assertEquals("token", e.get(Attribute.JOIN_TYPE), "tbot's default join method");
    assertEquals("unknown", e.get(Attribute.VERSION));
    assertNull(e.get(Attribute.HELPER));
    assertNull(e.get(Attribute.HELPER_VERSION));
    assertEquals(0L, e.get(Attribute.DESTINATIONS_CONFIGURED));
  }

  @Test
  void everyValueIsSetFromItsInput() {
    StartEvent e = full().build();
    assertEquals(
        Map.of(
            Attribute.RUN_MODE, "one-shot",
            Attribute.VERSION, "18.1.0",
            Attribute.JOIN_TYPE, "github",
            Attribute.HELPER, "gha:teleport-actions/auth",
            Attribute.HELPER_VERSION, "v2.0.1",
            Attribute.DESTINATIONS_CONFIGURED, 7L,
            Attribute.DESTINATIONS_CONFIGURED_DATABASE_ACCESS, 1L,
            Attribute.DESTINATIONS_CONFIGURED_KUBERNETES_ACCESS, 2L,
            Attribute.DESTINATIONS_CONFIGURED_APPLICATION_ACCESS, 3L),
        e.attributes());
  }

  @Test
  void attributesComeInSchemaOrderWithSchemaTypes() {
    StartEvent e = full().build();
    assertEquals(Arrays.asList(Attribute.values()), new ArrayList<>(e.attributes().keySet()));
    e.attributes().forEach((a, v) -> {
      Class<?> type = a.type() == AttributeType.STRING ? String.class : Long.class;
      assertEquals(type, v.getClass(), a.key());
    });
  }

  @Test
  void requiredAttributesAreAlwaysPresentWhateverTheInput() {
    StartEvent e = StartEvent.builder()
        .setVersion("\n").setJoinType("x y").setHelper("a b").setHelperVersion("\u0000").build();
    for (Attribute a : Attribute.values()) {
      assertEquals(a.required(), e.attributes().containsKey(a), a.key());
    }
  }

  @Test
  void badInputsAreSanitizedNotSent() {
    StartEvent e = StartEvent.builder()
        .setVersion("18.1.0+build-host-7")
        .setJoinType("secret-join")
        .setHelper("ghp_1234567890abcdefghij1234567890abcd")
        .setHelperVersion("v1\nInjected: yes")
        .setDestinations(new DestinationCounts(5000, 1001, 0, 0))
        .build();
    assertEquals("unknown", e.get(Attribute.VERSION));
    assertEquals("unknown", e.get(Attribute.JOIN_TYPE));
    assertFalse(e.attributes().containsKey(Attribute.HELPER));
    assertFalse(e.attributes().containsKey(Attribute.HELPER_VERSION));
    assertEquals(1000L, e.get(Attribute.DESTINATIONS_CONFIGURED));
    assertEquals(1000L, e.get(Attribute.DESTINATIONS_CONFIGURED_DATABASE_ACCESS));
    String text = e.toString();
    assertFalse(text.contains("secret") || text.contains("ghp_") || text.contains("build-host"), text);
  }

  @Test
  void destinationKindsOverTheTotalAreSentAsZero() {
    // Each output has one kind: kinds adding up to more than the total (a host's own counts, or
    // counts over 1000 once clamped) contradict it. The start and its total still count; the
    // host's call does not throw.
    StartEvent hostile = StartEvent.builder().setDestinations(new DestinationCounts(0, 1000, 1000, 1000)).build();
    assertEquals(List.of(0L, 0L, 0L, 0L), destinations(hostile));
    StartEvent clamped = StartEvent.builder().setDestinations(new DestinationCounts(5000, 1001, 0, 2)).build();
    assertEquals(List.of(1000L, 0L, 0L, 0L), destinations(clamped), "the rule reads the clamped counts");
    StartEvent fits = StartEvent.builder().setDestinations(new DestinationCounts(6, 1, 2, 3)).build();
    assertEquals(List.of(6L, 1L, 2L, 3L), destinations(fits), "kinds that add up to the total are kept");
    for (Attribute a : Attribute.values()) {
      assertEquals(a.required(), hostile.attributes().containsKey(a), "still a complete event: " + a.key());
    }
  }

  private static List<Object> destinations(StartEvent e) {
    return List.of(e.get(Attribute.DESTINATIONS_CONFIGURED), e.get(Attribute.DESTINATIONS_CONFIGURED_DATABASE_ACCESS),
        e.get(Attribute.DESTINATIONS_CONFIGURED_KUBERNETES_ACCESS),
        e.get(Attribute.DESTINATIONS_CONFIGURED_APPLICATION_ACCESS));
  }

  @Test
  void helperComesFromTheTwoVariablesOnly() {
    StartEvent e = StartEvent.builder()
        .setHelperFromEnvironment(Map.of(
            StartEvent.ENV_HELPER, "gha:teleport-actions/auth",
            StartEvent.ENV_HELPER_VERSION, "v2.0.1",
            "HOSTNAME", "build-host-7",
            "USER", "alice"))
        .build();
    assertEquals("gha:teleport-actions/auth", e.get(Attribute.HELPER));
    assertEquals("v2.0.1", e.get(Attribute.HELPER_VERSION));
    assertEquals(List.of("_TBOT_TELEMETRY_HELPER", "_TBOT_TELEMETRY_HELPER_VERSION"),
        List.of(StartEvent.ENV_HELPER, StartEvent.ENV_HELPER_VERSION));
  }

  @Test
  void onWindowsTheHelperVariablesAreReadInAnyCaseAsTbotReadsThem() {
    // tbot reads them with Go's os.Getenv, which has no case on Windows; the JDK's System.getenv()
    // map there has, so a wrapper's _tbot_telemetry_helper went unsent.
    Map<String, String> lower = Map.of(
        "_tbot_telemetry_helper", "gha:teleport-actions/auth", "_Tbot_Telemetry_Helper_Version", "v2.0.1");
    StartEvent windows = StartEvent.builder().setHelperFromEnvironment(lower, true).build();
    assertEquals("gha:teleport-actions/auth", windows.get(Attribute.HELPER));
    assertEquals("v2.0.1", windows.get(Attribute.HELPER_VERSION));
    StartEvent elsewhere = StartEvent.builder().setHelperFromEnvironment(lower, false).build();
    assertNull(elsewhere.get(Attribute.HELPER), "elsewhere a name in another case is another variable");

    // Two spellings that agree are one value; two that disagree (one variable to Windows, and which
    // one tbot reads is unknown) are not sent, as if unset: no throw into the host's start.
    Map<String, String> env = new HashMap<>(Map.of(StartEvent.ENV_HELPER, "gha:teleport-actions/auth",
        "_tbot_telemetry_helper", "gha:teleport-actions/auth", StartEvent.ENV_HELPER_VERSION, "v2.0.1",
        "_tbot_telemetry_helper_version", "v2.0.2"));
    StartEvent versions = StartEvent.builder().setHelperFromEnvironment(env, true).build();
    assertEquals("gha:teleport-actions/auth", versions.get(Attribute.HELPER));
    assertNull(versions.get(Attribute.HELPER_VERSION));
    env.put("_tbot_telemetry_helper", "gha:other/action");
    env.put("_tbot_telemetry_helper_version", "v2.0.1");
    StartEvent helpers = StartEvent.builder().setHelperFromEnvironment(env, true).build();
    assertNull(helpers.get(Attribute.HELPER));
    assertNull(helpers.get(Attribute.HELPER_VERSION), "no version without its helper");
    env.remove(StartEvent.ENV_HELPER);
    env.put("_Tbot_Telemetry_Helper", "gha:teleport-actions/auth");
    assertNull(StartEvent.builder().setHelperFromEnvironment(env, true).build().get(Attribute.HELPER),
        "nor when neither spelling is the name in capitals");

    // A host's map that cannot be listed (changed by another thread meanwhile): not sent either.
    Map<String, String> unlisted = new java.util.AbstractMap<>() {
      @Override
      public String get(Object key) {
        return StartEvent.ENV_HELPER.equals(key) ? "gha:teleport-actions/auth" : null;
      }

      @Override
      public java.util.Set<Map.Entry<String, String>> entrySet() {
        throw new java.util.ConcurrentModificationException();
      }
    };
    assertNull(StartEvent.builder().setHelperFromEnvironment(unlisted, true).build().get(Attribute.HELPER));
    assertEquals("gha:teleport-actions/auth",
        StartEvent.builder().setHelperFromEnvironment(unlisted, false).build().get(Attribute.HELPER));
  }

  @Test
  void aHostsMapThatThrowsAsItIsReadGivesNoHelperNotAThrowIntoTheHostsStart() {
    // Anywhere, not only where it is listed on Windows. Red before: the map's exception, on Linux.
    Map<String, String> throwing = new java.util.AbstractMap<>() {
      @Override
      public String get(Object key) {
        if (StartEvent.ENV_HELPER.equals(key)) {
          throw new IllegalStateException("boom");
        }
        return StartEvent.ENV_HELPER_VERSION.equals(key) ? "v2.0.1" : null;
      }

      @Override
      public java.util.Set<Map.Entry<String, String>> entrySet() {
        throw new java.util.ConcurrentModificationException();
      }
    };
    for (boolean windows : new boolean[] {false, true}) {
      StartEvent e = StartEvent.builder().setHelperFromEnvironment(throwing, windows).build();
      assertNull(e.get(Attribute.HELPER), "windows " + windows);
      assertNull(e.get(Attribute.HELPER_VERSION), "no version without its helper; windows " + windows);
    }
  }

  @Test
  void aHelperVersionIsSentOnlyWithItsHelper() {
    // As today's tbot sends them: the version alone names nothing.
    assertNull(StartEvent.builder().setHelperVersion("v2.0.1").build().get(Attribute.HELPER_VERSION));
    assertNull(StartEvent.builder().setHelper("not valid!").setHelperVersion("v2.0.1").build()
        .get(Attribute.HELPER_VERSION), "a helper the rules drop takes its version along");
    assertEquals("v2.0.1", StartEvent.builder().setHelper("gha:teleport-actions/auth").setHelperVersion("v2.0.1")
        .build().get(Attribute.HELPER_VERSION));
  }

  @Test
  void theEventIsImmutable() {
    StartEvent e = full().build();
    assertThrows(UnsupportedOperationException.class, () -> e.attributes().put(Attribute.HELPER, "x"));
    assertThrows(UnsupportedOperationException.class, () -> e.attributes().remove(Attribute.VERSION));
  }

  @Test
  void equalityIsByValue() {
    assertEquals(full().build(), full().build());
    assertEquals(full().build().hashCode(), full().build().hashCode());
    assertNotEquals(full().build(), full().setRunMode(RunMode.CONTINUOUS).build());
  }

  @Test
  void toStringNamesTheEventAndItsAttributes() {
    assertEquals("tbot.start{run_mode=continuous, version=unknown, join_type=token, destinations_configured=0, "
        + "destinations_configured_database_access=0, destinations_configured_kubernetes_access=0, "
        + "destinations_configured_application_access=0}", StartEvent.builder().build().toString());
  }

  @Test
  void nullsAreRejectedWhereNoValueMakesSense() {
    assertThrows(NullPointerException.class, () -> StartEvent.builder().setRunMode(null));
    assertThrows(NullPointerException.class, () -> StartEvent.builder().setDestinations(null));
    assertThrows(IllegalArgumentException.class, () -> new DestinationCounts(-1, 0, 0, 0));
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> StartEvent.builder().setHelperFromEnvironment(null));
    assertEquals("env", e.getMessage(), "names the argument, as the other setters do");
  }

  @Test
  void destinationSumsSaturateRatherThanOverflowIntoANegativeCount() {
    DestinationCounts big = new DestinationCounts(Integer.MAX_VALUE, 1, Integer.MAX_VALUE, 0);
    assertEquals(new DestinationCounts(Integer.MAX_VALUE, 2, Integer.MAX_VALUE, 1),
        big.plus(new DestinationCounts(5, 1, 1, 1)));
  }

  private static StartEvent.Builder full() {
    return StartEvent.builder()
        .setRunMode(RunMode.ONE_SHOT)
        .setVersion("18.1.0")
        .setJoinType("github")
        .setHelper("gha:teleport-actions/auth")
        .setHelperVersion("v2.0.1")
        .setDestinations(new DestinationCounts(7, 1, 2, 3));
  }

  // Found unpinned by PIT (the event package's own tests passed with the mutants):


  /**
   * Each count may be 0 and none may be negative, each checked alone: the event tests built no
   * DestinationCounts with a database count of 0 (only NONE, made before any mutant runs), so
   * {@code database <= 0} survived there; only total was tried negative.
   */
  @Test
  void eachDestinationCountMayBeZeroAndNoneNegative() {
    int[][] zeroAt = {{0, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, 0, 1}, {1, 1, 1, 0}};
    for (int[] c : zeroAt) {
      DestinationCounts d = new DestinationCounts(c[0], c[1], c[2], c[3]);
      assertEquals(c[1], d.database());
    }
    int[][] negativeAt = {{-1, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, -1, 0}, {0, 0, 0, -1}};
    for (int[] c : negativeAt) {
      assertThrows(IllegalArgumentException.class, () -> new DestinationCounts(c[0], c[1], c[2], c[3]),
          Arrays.toString(c));
    }
  }

  /** A value type's equals answers false for null or another type; it must not throw. */
  @Test
  void anEventEqualsNothingButAnEvent() {
    StartEvent event = StartEvent.builder().setVersion("18.1.0").build();
    assertFalse(event.equals(null));
    assertFalse(event.equals(event.toString()));
  }
}
