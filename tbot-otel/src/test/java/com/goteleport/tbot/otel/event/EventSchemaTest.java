package com.goteleport.tbot.otel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Schema drift: the code's schema constants against the RFD and against themselves. Changing an
 * attribute on purpose means changing this test, {@code docs/attributes.md} and the schema version.
 */
class EventSchemaTest {

  /** The attributes of {@code tbot.start} in the RFD "Machine ID Anonymous Agent Usage Metrics". */
  static final List<String> RFD_ATTRIBUTES = List.of(
      "run_mode",
      "version",
      "join_type",
      "helper",
      "helper_version",
      "destinations_configured",
      "destinations_configured_database_access",
      "destinations_configured_kubernetes_access",
      "destinations_configured_application_access");

  /**
   * tbot's join methods: {@code SupportedJoinMethods} in Teleport's {@code lib/tbot} onboarding
   * config and {@code lib/auth/machineid/machineidv1} (which must match it), with the string values
   * of {@code types.JoinMethod} in {@code api/types/provisioning.go}.
   */
  static final Set<String> TBOT_JOIN_METHODS = Set.of(
      "azure", "azure_devops", "bitbucket", "bound_keypair", "circleci", "env0", "gcp", "generic_oidc",
      "github", "gitlab", "iam", "kubernetes", "oracle", "spacelift", "terraform_cloud", "token", "tpm");

  @Test
  void attributesAreExactlyTheRfdsNineInOrder() {
    assertEquals(RFD_ATTRIBUTES, EventSchema.attributeKeys());
  }

  /** The schema's keys are an unmodifiable value, as the SDK's values are. */
  @Test
  void attributeKeysCannotBeChanged() {
    List<String> keys = EventSchema.attributeKeys();
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> keys.add("host_name"));
    assertEquals(RFD_ATTRIBUTES, EventSchema.attributeKeys());
  }

  @Test
  void keysAreSnakeCaseAndUnique() {
    List<String> keys = EventSchema.attributeKeys();
    assertEquals(keys.size(), new HashSet<>(keys).size(), "duplicate key");
    for (String k : keys) {
      assertTrue(k.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), "not snake_case: " + k);
    }
  }

  @Test
  void typesAndPresenceFollowTheRfd() {
    for (Attribute a : Attribute.values()) {
      boolean count = a.key().startsWith("destinations_configured");
      assertEquals(count ? AttributeType.INT : AttributeType.STRING, a.type(), a.key());
      boolean optional = a == Attribute.HELPER || a == Attribute.HELPER_VERSION;
      assertEquals(!optional, a.required(), a.key() + ": the RFD marks only helper and helper_version optional");
    }
  }

  @Test
  void runModeHasTheRfdsTwoValues() {
    assertEquals(List.of("one-shot", "continuous"), Attribute.RUN_MODE.allowedValues());
    assertEquals(List.of("one-shot", "continuous"),
        Arrays.stream(RunMode.values()).map(RunMode::value).collect(Collectors.toList()));
  }

  @Test
  void joinTypeIsTbotsJoinMethodsPlusUnknown() {
    Set<String> expected = new HashSet<>(TBOT_JOIN_METHODS);
    expected.add(Attribute.UNKNOWN);
    Set<String> schema = new HashSet<>(Attribute.JOIN_TYPE.allowedValues());
    assertEquals(expected, schema, () -> "the schema's join_type values, against TBOT_JOIN_METHODS here: only in the"
        + " schema " + new TreeSet<>(difference(schema, expected)) + ", only here " + new TreeSet<>(difference(expected, schema))
        + " (a method tbot gained goes in both: docs/testing.md, Changing the event schema)");
    assertEquals(Attribute.JOIN_TYPE.allowedValues().size(), expected.size(), "duplicates");
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> d = new HashSet<>(a);
    d.removeAll(b);
    return d;
  }

  @ParameterizedTest
  @EnumSource(Attribute.class)
  void everyAttributeHasACompleteRule(Attribute a) {
    assertFalse(a.purpose().isBlank(), "every attribute says why it is collected");
    assertTrue(a.purpose().endsWith("."), a.key());
    assertFalse(a.example().isBlank());
    if (a.type() == AttributeType.INT) {
      assertEquals(Attribute.MAX_COUNT, a.maxValue());
      assertEquals(0, a.maxLength());
      assertTrue(a.allowedValues().isEmpty() && a.pattern() == null && a.fallback() == null);
      long example = Long.parseLong(a.example());
      assertTrue(example >= 0 && example <= a.maxValue());
      return;
    }
    assertEquals(0, a.maxValue());
    assertTrue(a.maxLength() > 0 && a.maxLength() <= 64, "string attributes are short: " + a.key());
    assertTrue(a.allowedValues().isEmpty() != (a.pattern() == null), "either a list or a pattern: " + a.key());
    for (String v : a.allowedValues()) {
      assertTrue(v.length() <= a.maxLength(), v);
    }
    assertEquals(a.example(), Sanitizer.sanitize(a, a.example()), "the published example passes its own rule");
    if (a.fallback() != null) {
      assertEquals(a.fallback(), Sanitizer.sanitize(a, a.fallback()), "the fallback is itself a valid value");
    }
    assertEquals(a.required() ? a.fallback() : null, Sanitizer.sanitize(a, "not a valid value!"),
        "optional values are dropped, required ones fall back");
  }

  @Test
  void onlyVersionAndJoinTypeFallBackToUnknown() {
    Set<Attribute> withFallback = Arrays.stream(Attribute.values())
        .filter(a -> a.fallback() != null).collect(Collectors.toSet());
    assertEquals(Set.of(Attribute.VERSION, Attribute.JOIN_TYPE), withFallback);
    assertEquals("unknown", Attribute.UNKNOWN);
  }

  @Test
  void onlyFreeTextIsScreened() {
    // helper_version's rule is a version grammar since 1.1.1: nothing it takes looks like a
    // credential or an address, so neither tbot-otel nor the collectors screen it.
    Set<Attribute> screened = Arrays.stream(Attribute.values())
        .filter(Attribute::screened).collect(Collectors.toSet());
    assertEquals(Set.of(Attribute.HELPER), screened);
  }

  @Test
  void forKeyFindsEveryAttributeAndNothingElse() {
    for (Attribute a : Attribute.values()) {
      assertSame(a, Attribute.forKey(a.key()));
    }
    assertNull(Attribute.forKey("service.name"));
    assertNull(Attribute.forKey("RUN_MODE"));
  }

  @Test
  void eventIdentityIsStable() {
    assertEquals("tbot.start", EventSchema.EVENT_NAME);
    assertEquals("tbot.anonymous_analytics", EventSchema.SCOPE_NAME);
    assertTrue(EventSchema.VERSION.matches("[0-9]+\\.[0-9]+\\.[0-9]+"), "semver, the scope version");
    assertNotNull(EventSchema.attributeKeys());
  }
}
