package com.goteleport.tbot.otel.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractMap;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConsentTest {

  /** flag, yaml, env "K=V,K=V", expected. */
  static Stream<Arguments> matrix() {
    return Stream.of(
        Arguments.of(null, null, "", false),
        // each yes alone
        Arguments.of(true, null, "", true),
        Arguments.of(null, true, "", true),
        Arguments.of(null, null, "TELEPORT_ANONYMOUS_TELEMETRY=1", true),
        Arguments.of(null, null, "TELEPORT_ANONYMOUS_TELEMETRY=true", true),
        Arguments.of(null, null, "TELEPORT_ANONYMOUS_TELEMETRY=TRUE", true),
        // Go's strconv.ParseBool, as today's tbot reads it: t and f are yes and no there too.
        Arguments.of(null, null, "TELEPORT_ANONYMOUS_TELEMETRY=t", true),
        Arguments.of(null, null, "TELEPORT_ANONYMOUS_TELEMETRY=T", true),
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY=f", false),
        Arguments.of(true, true, "TELEPORT_ANONYMOUS_TELEMETRY=F", false),
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY=False", false),
        // A no is a no with spaces around it too (a quoted value in a unit file or a CI variable):
        // only the yes is read exactly as Go reads it.
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY= false ", false),
        Arguments.of(true, true, "TELEPORT_ANONYMOUS_TELEMETRY=0\t", false),
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY= F", false),
        // a person's no, which Go's ParseBool does not read (tbot then leaves its telemetry off): a no
        // that wins over a yes here too
        Arguments.of(true, true, "TELEPORT_ANONYMOUS_TELEMETRY=no", false),
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY=NO", false),
        Arguments.of(true, true, "TELEPORT_ANONYMOUS_TELEMETRY=Off", false),
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY= n ", false),
        // no true value of tbot's (which leaves its telemetry off for each): a no, over a yes here too
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY=yes", false),
        Arguments.of(true, true, "TELEPORT_ANONYMOUS_TELEMETRY=on", false),
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY=tRUE", false),
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY= 1", false),
        Arguments.of(null, null, "TELEPORT_ANONYMOUS_TELEMETRY=", false),
        // each no alone
        Arguments.of(false, null, "", false),
        Arguments.of(null, false, "", false),
        Arguments.of(null, null, "TELEPORT_ANONYMOUS_TELEMETRY=0", false),
        // any no beats every yes
        Arguments.of(false, true, "TELEPORT_ANONYMOUS_TELEMETRY=1", false),
        Arguments.of(true, false, "TELEPORT_ANONYMOUS_TELEMETRY=1", false),
        Arguments.of(true, true, "TELEPORT_ANONYMOUS_TELEMETRY=0", false),
        Arguments.of(true, true, "TELEPORT_ANONYMOUS_TELEMETRY=false", false),
        Arguments.of(true, true, "DO_NOT_TRACK=1", false),
        Arguments.of(true, true, "DO_NOT_TRACK=true", false),
        Arguments.of(true, true, "DO_NOT_TRACK=anything", false),
        Arguments.of(true, true, "OTEL_SDK_DISABLED=true", false),
        Arguments.of(true, true, "OTEL_SDK_DISABLED=TRUE", false),
        // OpenTelemetry Java reads the variable under any spelling that is the same name once lower
        // case with '_' read as '.': its SDK is off for these, so this exporter is too.
        Arguments.of(true, true, "otel_sdk_disabled=true", false),
        Arguments.of(true, true, "Otel_Sdk_Disabled=true", false),
        Arguments.of(true, true, "OTEL.SDK.DISABLED=true", false),
        Arguments.of(true, null, "otel_sdk_disabled=false", true),
        Arguments.of(true, null, "OTEL_SDK_DISABLE=true", true),
        // Not the same name to OpenTelemetry: '-' in a variable's name, and U+0130, which its
        // lower-casing (Locale.ROOT, the whole name) makes two characters
        Arguments.of(true, null, "otel-sdk-disabled=true", true),
        Arguments.of(true, null, "OTEL_SDK_D\u0130SABLED=true", true),
        // DO_NOT_TRACK empty, 0 or false is not a no; OTEL_SDK_DISABLED other than true is not a no
        Arguments.of(true, null, "DO_NOT_TRACK=", true),
        Arguments.of(true, null, "DO_NOT_TRACK=0", true),
        Arguments.of(true, null, "DO_NOT_TRACK=false", true),
        Arguments.of(true, null, "DO_NOT_TRACK=FALSE", true),
        // but anything around them is something else: a no (fail closed)
        Arguments.of(true, null, "DO_NOT_TRACK= ", false),
        Arguments.of(true, null, "DO_NOT_TRACK=0 ", false),
        Arguments.of(true, null, "OTEL_SDK_DISABLED=false", true),
        Arguments.of(null, null, "DO_NOT_TRACK=0,OTEL_SDK_DISABLED=false", false));
  }

  @ParameterizedTest(name = "flag={0} yaml={1} env={2} -> {3}")
  @MethodSource("matrix")
  void resolvesByTheRule(Boolean flag, Boolean yaml, String env, boolean expected) {
    Consent consent = Consent.resolve(flag, yaml, parse(env));
    assertEquals(expected, consent.granted(), consent.reason());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void reasonNamesTheDecidingSource(Boolean flag, Boolean yaml, String env, boolean expected) {
    Consent consent = Consent.resolve(flag, yaml, parse(env));
    assertEquals(expected, consent.reason().endsWith("says yes"), consent.reason());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void refusedOnlyOnAnExplicitNo(Boolean flag, Boolean yaml, String env, boolean expected) {
    Consent consent = Consent.resolve(flag, yaml, parse(env));
    assertEquals(consent.reason().endsWith("says no"), consent.refused(), consent.reason());
    if (Consent.resolve(flag, null, parse(env)).refused()) {
      // A no from the flag or environment is final: no config file can turn it into a yes, so
      // callers may skip reading it.
      assertEquals(false, Consent.resolve(flag, Boolean.TRUE, parse(env)).granted());
      assertEquals(false, Consent.resolve(flag, Boolean.FALSE, parse(env)).granted());
    }
  }

  /** flag, yaml, env, the exact reason: the deciding source by name, as preview and --debug print it. */
  static Stream<Arguments> reasons() {
    return Stream.of(
        Arguments.of(true, null, "", "--anonymous-analytics says yes"),
        Arguments.of(false, null, "", "--no-anonymous-analytics says no"),
        Arguments.of(false, true, "TELEPORT_ANONYMOUS_TELEMETRY=1", "--no-anonymous-analytics says no"),
        Arguments.of(null, true, "", "anonymous_analytics in tbot's config says yes"),
        Arguments.of(true, false, "", "anonymous_analytics in tbot's config says no"),
        Arguments.of(null, null, "TELEPORT_ANONYMOUS_TELEMETRY=1", "TELEPORT_ANONYMOUS_TELEMETRY says yes"),
        Arguments.of(true, true, "TELEPORT_ANONYMOUS_TELEMETRY=0", "TELEPORT_ANONYMOUS_TELEMETRY says no"),
        // the first yes is named, and a later no still wins over it
        Arguments.of(true, true, "TELEPORT_ANONYMOUS_TELEMETRY=1", "--anonymous-analytics says yes"),
        Arguments.of(true, true, "TELEPORT_ANONYMOUS_TELEMETRY=1,DO_NOT_TRACK=1", "DO_NOT_TRACK says no"),
        Arguments.of(true, null, "OTEL_SDK_DISABLED=true", "OTEL_SDK_DISABLED says no"),
        Arguments.of(null, null, "", "no source opted in"),
        // A value that is no true value of tbot's says no, outvoting any yes (tbot leaves its telemetry
        // off for it, and it may be meant as a no): red when such values abstained, and a flag's yes
        // sent despite TELEPORT_ANONYMOUS_TELEMETRY=disabled.
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY=disabled", UNCLEAR),
        Arguments.of(true, true, "TELEPORT_ANONYMOUS_TELEMETRY=never", UNCLEAR),
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY=-1", UNCLEAR),
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY=\uff46\uff41\uff4c\uff53\uff45", UNCLEAR), // fullwidth
        Arguments.of(null, null, "TELEPORT_ANONYMOUS_TELEMETRY=yes", UNCLEAR),
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY=on", UNCLEAR),
        Arguments.of(null, null, "TELEPORT_ANONYMOUS_TELEMETRY= 1", UNCLEAR), // Go's ParseBool takes no spaces
        Arguments.of(true, null, "TELEPORT_ANONYMOUS_TELEMETRY=OFF", "TELEPORT_ANONYMOUS_TELEMETRY says no"),
        Arguments.of(null, null, "TELEPORT_ANONYMOUS_TELEMETRY= ", "no source opted in"),
        Arguments.of(null, null, "TELEPORT_ANONYMOUS_TELEMETRY=", "no source opted in"));
  }

  static final String UNCLEAR = "TELEPORT_ANONYMOUS_TELEMETRY opts in only with 1, t or true (T, TRUE, True), as tbot"
      + " reads it; any other value says no";

  @ParameterizedTest(name = "flag={0} yaml={1} env={2} -> {3}")
  @MethodSource("reasons")
  void reasonIsTheDecidingSourceByName(Boolean flag, Boolean yaml, String env, String reason) {
    assertEquals(reason, Consent.resolve(flag, yaml, parse(env)).reason());
  }

  @Test
  void deniedIsNeitherGrantedNorARefusal() {
    // What a library host holds until it resolves consent: nothing is sent, yet no source said no.
    Consent denied = Consent.denied();
    assertFalse(denied.granted());
    assertFalse(denied.refused());
    assertEquals("no source opted in", denied.reason());
  }

  @Test
  void consentsAreValuesEqualWhenTheSameSourceDecidesTheSameWay() {
    Consent flagYes = Consent.resolve(true, null, Map.of());
    Consent again = Consent.resolve(true, null, Map.of(Consent.ENV_TELEPORT, "1")); // the flag still decides
    assertEquals(flagYes, again);
    assertEquals(flagYes.hashCode(), again.hashCode());
    assertEquals(flagYes.toString(), again.toString());
    assertEquals(Consent.resolve(null, null, parse("DO_NOT_TRACK=1")), Consent.resolve(true, true, parse("DO_NOT_TRACK=1")));
    // Another deciding source, or another answer, is another value.
    assertNotEquals(flagYes, Consent.resolve(null, true, Map.of()));
    assertNotEquals(Consent.resolve(false, null, Map.of()), Consent.denied());
    assertNotEquals(Consent.resolve(false, null, Map.of()), Consent.resolve(null, null, parse("DO_NOT_TRACK=1")));
    assertNotEquals(flagYes, null);
    assertTrue(flagYes.equals(flagYes), "a value equals itself");
    assertEquals("Consent{granted: --anonymous-analytics says yes}", flagYes.toString());
  }

  static Map<String, String> parse(String env) {
    Map<String, String> map = new HashMap<>();
    for (String kv : env.split(",")) {
      if (!kv.isEmpty()) {
        String[] p = kv.split("=", 2);
        map.put(p[0], p[1]);
      }
    }
    return map;
  }

  @Test
  void aMapThatCannotBeListedIsANoNotAThrowIntoTheHost() {
    // Other spellings of OTEL_SDK_DISABLED are found by listing the map: a host's map that throws
    // there (changed by another thread meanwhile) may hold one.
    Map<String, String> throwing = new AbstractMap<String, String>() {
      @Override
      public Set<Map.Entry<String, String>> entrySet() {
        throw new ConcurrentModificationException();
      }

      @Override
      public String get(Object key) {
        return null;
      }
    };
    Consent c = Consent.resolve(true, null, throwing);
    assertFalse(c.granted());
    assertTrue(c.reason().startsWith("the variables cannot be listed"), c.reason());
    // On Windows every name is looked for in any case, by listing the map too.
    Consent windows = Consent.resolve(true, null, throwing, true);
    assertFalse(windows.granted());
    assertTrue(windows.reason().startsWith("the variables cannot be listed"), windows.reason());
  }
}
