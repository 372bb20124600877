package com.goteleport.tbot.otel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.SchemaCounts;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every value rule of the schema, one bad-input class per test. */
class SanitizerTest {

  // --- run_mode: two values, set from code ---

  @ParameterizedTest
  @ValueSource(strings = {"one-shot", "continuous"})
  void runModeAcceptsItsTwoValues(String v) {
    assertEquals(v, Sanitizer.sanitize(Attribute.RUN_MODE, v));
  }

  @ParameterizedTest
  @ValueSource(strings = {"oneshot", "ONE-SHOT", "daemon", "continuous ", "one-shot\n", ""})
  void runModeRejectsAnythingElse(String v) {
    assertNull(Sanitizer.sanitize(Attribute.RUN_MODE, v), "no fallback: RunMode can only give the two");
  }

  @ParameterizedTest
  @EnumSource(RunMode.class)
  void runModeValuesAreTheSchemasValues(RunMode mode) {
    assertEquals(mode.value(), Sanitizer.sanitize(Attribute.RUN_MODE, mode.value()));
  }

  // --- join_type: tbot's join methods, else unknown ---

  /** tbot's join methods, which EventSchemaTest holds the schema's values to (sorted, for stable reports). */
  static Set<String> tbotJoinMethods() {
    return new TreeSet<>(EventSchemaTest.TBOT_JOIN_METHODS);
  }

  @ParameterizedTest
  @MethodSource("tbotJoinMethods")
  void joinTypeAcceptsTbotsJoinMethods(String v) {
    assertEquals(v, Sanitizer.sanitize(Attribute.JOIN_TYPE, v));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "ec2", "GitHub", "TOKEN", " github", "github ", "github\n", "git hub", "bound-keypair",
    "terraform-cloud", "my-secret-join-method", "tok\u0435n", "", "oidc", "github,token",
    "generic-oidc", "genericoidc", "GENERIC_OIDC", "generic_oidc "
  })
  void joinTypeSendsUnknownForAnythingElse(String v) {
    assertEquals("unknown", Sanitizer.sanitize(Attribute.JOIN_TYPE, v));
  }

  @Test
  void joinTypeSendsUnknownForNull() {
    assertEquals("unknown", Sanitizer.sanitize(Attribute.JOIN_TYPE, null));
  }

  // --- version: looks like a release version, else unknown ---

  @ParameterizedTest
  @ValueSource(strings = {
    "18.1.0", "v18.1.0", "0.0.1", "17.4.12", "18.0.0-rc.1", "18.0.0-beta.2", "19.0.0-alpha.1",
    "18.0.0-dev", "18.0.0-rc", "999.999.999-alpha.999"
  })
  void versionAcceptsReleaseVersions(String v) {
    assertEquals(v, Sanitizer.sanitize(Attribute.VERSION, v));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "18", "18.1", "18.1.0.4", "18.1.0+build.5", "18.1.0+hostA", "18.0.0-dev.alice.1",
    "18.0.0-mybranch", "18.1.0-rc.1-extra", "V18.1.0", "vv18.1.0", "18.1.0 ", " 18.1.0",
    "18.1.0\n", "18.1.0\u0000", "build of hostA", "unknown-version", "12345.1.0", "18.1.00000",
    "\u0661\u0668.\u0661.\u0660", "１８.１.０", "18\u20241.0", "latest", ""
  })
  void versionSendsUnknownForAnythingElse(String v) {
    assertEquals("unknown", Sanitizer.sanitize(Attribute.VERSION, v));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "1000.0.0", "18.1000.0", "18.1.1000", "18.0.0-rc.1000", "9999.9999.9999-alpha.9999", "v1234.5678.9012"
  })
  void versionHasAtMostThreeDigitsAComponent(String v) {
    // Four digits a component would leave twelve free digits, room for a number that identifies.
    assertEquals("unknown", Sanitizer.sanitize(Attribute.VERSION, v));
  }

  @Test
  void versionSendsUnknownForNullAndTooLong() {
    assertEquals("unknown", Sanitizer.sanitize(Attribute.VERSION, null));
    assertEquals("unknown", Sanitizer.sanitize(Attribute.VERSION, "1.2.3-rc." + "1".repeat(40)));
  }

  // --- helper_version: a release version, minor and patch optional, else omitted ---

  @ParameterizedTest
  @ValueSource(strings = {
    "v2", "2", "v2.1", "2.0.1", "v2.0.1", "v2.0.1-rc.1", "2.0.0-beta", "v1.0.0-alpha.3", "3.1-dev",
    "v2-rc", "999.999.999-alpha.999"
  })
  void helperVersionKeepsReleaseVersions(String v) {
    assertEquals(v, Sanitizer.sanitize(Attribute.HELPER_VERSION, v));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    // a name, branch, host or build in a suffix or in place of a version, which the screen keeps
    "v2.0.1-alice", "v2.0.1-g1a2b3c-alice", "v2-alice-wip", "2.0.1+build.5", "v2.0.1-dirty",
    "feature/alice-fix", "refs/pull/1234/merge", "main", "latest", "alice:hunter2",
    "C:/Users/alice/actions-runner", "http://intranet/alice", "DESKTOP-7F3K9QZ",
    "i-0abc123def4567890", "9f86d081884c", "1.0.0-alpha.beta",
    // not versions by this rule: four parts (an IPv4 address's shape), empty parts, big numbers
    "2.0.1.4", "10.0.1.23", "v", "2.", ".2", "2..1", "v2.0.1-rc.1.2", "1000", "v2.0.1000",
    "2.0.1-rc.1000", "V2.0.1", "vv2", "v2.0.1 ", "v2\n", "\u0662.\u0660", ""
  })
  void helperVersionIsOmittedForAnythingElse(String v) {
    assertNull(Sanitizer.sanitize(Attribute.HELPER_VERSION, v));
  }

  // --- helper and helper_version: small charset, bounded, dropped otherwise ---

  static Stream<Attribute> helpers() {
    return Stream.of(Attribute.HELPER, Attribute.HELPER_VERSION);
  }

  static Stream<Arguments> helpersWith(String... values) {
    return helpers().flatMap(a -> Stream.of(values).map(v -> Arguments.of(a, v)));
  }

  // The screen's boundaries, on the one attribute whose rule lets free text reach the screen.
  static Stream<Attribute> freeText() {
    return Stream.of(Attribute.HELPER);
  }

  // Values the screen must keep: helper's only, since helper_version's own rule (above) takes
  // nothing but a version, whatever the screen would say.
  static Stream<Arguments> helperWith(String... values) {
    return Stream.of(values).map(v -> Arguments.of(Attribute.HELPER, v));
  }

  static Stream<Arguments> goodHelpers() {
    return helperWith("gha:teleport-actions/auth", "v2.0.1", "2.0.1", "gitlab-ci", "main",
        "teleport-actions/auth@v2", "circleci:orb/teleport@1.2.3", "a", "x".repeat(64),
        "tf:teleport/provider_v18.1.0", "helm:tbot-18.1.0", "abcde:abcde:abcde:x",
        // after the dot, letters that run on into a digit: no top-level domain, so no host name
        "step.ciRun2",
        // a version whose parts after the year read as an address: none starts in a number or after
        // a dot after a digit, whatever comes before the year
        "2024.10.0.0.1", "nightly.2024.10.0.0.1", "v2024.10.0.0.1");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goodHelpers")
  void helperKeepsSafeValues(Attribute a, String v) {
    assertEquals(v, Sanitizer.sanitize(a, v));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("helpers")
  void helperIsOmittedWhenUnsetOrEmpty(Attribute a) {
    assertNull(Sanitizer.sanitize(a, null));
    assertNull(Sanitizer.sanitize(a, ""));
  }

  static Stream<Arguments> tooLong() {
    return helpersWith("x".repeat(65), "gha:teleport-actions/auth/" + "a".repeat(60), "v" + "1.".repeat(40) + "0");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tooLong")
  void helperIsDroppedWhenTooLong(Attribute a, String v) {
    assertTrue(v.length() > 64);
    assertNull(Sanitizer.sanitize(a, v), "dropped, not truncated: a truncated value could still identify");
  }

  static Stream<Arguments> controlCharacters() {
    return helpersWith("gha:auth\u0000", "gha\u0007auth", "\u001b[31mgha", "gha\tauth", "gha\u007fauth",
        "gha\u0008auth", "gha\u009bauth", "gha\u200bauth", "gha\u202eauth");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("controlCharacters")
  void helperIsDroppedWithControlCharacters(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v));
  }

  static Stream<Arguments> newlines() {
    return helpersWith("gha:auth\n", "gha:auth\nx-injected: 1", "gha\r\nauth", "gha\rauth", "\ngha",
        "gha\u2028auth", "gha\u2029auth", "gha\u0085auth");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("newlines")
  void helperIsDroppedWithNewlines(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v));
  }

  /**
   * Values shaped like a credential: for each key prefix, one that only the prefix catches (see
   * {@link #everyKeyPrefixAloneCatchesAnExample}), and longer ones other rules catch too.
   */
  private static final List<String> SECRET_LOOKING = List.of(
      // JWT (header segment; a whole JWT is also too long)
      "eyJhbGci",
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
      "gha:eyJhbGciOiJIUzI1NiJ9",
      // GitHub tokens
      "ghp_abc",
      "ghp_1234567890abcdefghijABCDEFGHIJ123456",
      "gho_abc",
      "ghs_abc",
      "ghu_abc",
      "ghr_abc",
      "gha:github_pat_11ABCDEFG",
      // GitLab (personal and runner), Slack, OpenAI/Stripe-style, Google, npm, PyPI, Vault
      "glpat-xxxxxxxxxxxxxxxxxxxx",
      "glrt-abc",
      "xoxb-1234-abcd",
      "sk-proj-abc",
      "sk_live_abc",
      "rk_live_abc",
      "AIzaSyA1234",
      "ya29.a0AfH6SM",
      "npm_abcdef",
      "pypi-AgEIcHlwaS5vcmc",
      "hvs.2CAESIJ",
      "hvs.CAESIJ",
      "Bearer:abc",
      // AWS access keys, and an account number
      "AKIAEXAMPLE",
      "AKIAIOSFODNN7EXAMPLE",
      "gha:ASIAEXAMPLE",
      "gha:ASIAY34FZKBOKMUTVV7A",
      "123456789012",
      // an AWS secret access key, whose '/'s cut it into short words (schema 1.1.4)
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "gha:7x/iB4lW5gkIgYMATHaT5/RcVBf2AJUHxBYbWDLr",
      // long runs mixing letters and digits: API keys, hashes, UUIDs
      "a1b2c3d4e5f6g7h8i9j0k",
      "da39a3ee5e6b4b0d3255bfef95601890afd80709",
      "v2.0.1-123e4567-e89b-12d3-a456-426614174000",
      "build_9f86d081884c7d659a2feaa0c55ad015");

  static Stream<Arguments> secretLooking() {
    return helpersWith(SECRET_LOOKING.toArray(String[]::new));
  }

  /**
   * Each key prefix has an example above that nothing else catches: no other prefix starts a word
   * in it, and with the prefix's letters changed (hex letters to f, others to q, case kept, so no
   * other rule matches less) the value is kept. So a prefix dropped from the list lets its example
   * through, and the test above fails.
   */
  @Test
  void everyKeyPrefixAloneCatchesAnExample() {
    for (String prefix : Sanitizer.SECRET_PREFIXES) {
      List<String> alone = SECRET_LOOKING.stream().filter(v -> {
        int at = wordStartOf(v, prefix);
        if (at < 0 || Sanitizer.SECRET_PREFIXES.stream().anyMatch(p -> !p.equals(prefix) && wordStartOf(v, p) >= 0)) {
          return false;
        }
        StringBuilder changed = new StringBuilder(v);
        for (int i = at; i < at + prefix.length(); i++) {
          char c = v.charAt(i);
          if (Character.isLetter(c)) {
            boolean hex = "abcdef".indexOf(Character.toLowerCase(c)) >= 0;
            char to = hex ? 'f' : 'q';
            changed.setCharAt(i, Character.isUpperCase(c) ? Character.toUpperCase(to) : to);
          }
        }
        return !Sanitizer.looksIdentifying(changed.toString());
      }).toList();
      assertFalse(alone.isEmpty(), "no example that only the key prefix " + prefix + " catches");
    }
  }

  /** Where {@code prefix} first starts a word of {@code value}, ignoring case, as Sanitizer looks; -1 if nowhere. */
  private static int wordStartOf(String value, String prefix) {
    String lower = value.toLowerCase(Locale.ROOT);
    for (int i = lower.indexOf(prefix); i >= 0; i = lower.indexOf(prefix, i + 1)) {
      if (i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1))) {
        return i;
      }
    }
    return -1;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("secretLooking")
  void helperIsDroppedWhenItLooksLikeASecret(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("freeText")
  void helperIsDroppedFromTwentyMixedCharactersOn(Attribute a) {
    // The catalogue's rule: 20 or more characters mixing letters and digits look like a key.
    assertEquals(20, Sanitizer.MIXED_RUN);
    assertNull(Sanitizer.sanitize(a, "a1b2c3d4e5f6g7h8i9j0"));
    assertNull(Sanitizer.sanitize(a, "gha:a1b2c3d4e5-f6g7h8i9j0"), "separators do not split a run");
    assertEquals("a1b2c3d4e5f6g7h8i9j", Sanitizer.sanitize(a, "a1b2c3d4e5f6g7h8i9j"), "19 are kept");
    assertNull(Sanitizer.sanitize(a, "123456789ABCDEFGHIJK"), "digits then capitals mix too");
    // (fewer digits than the digit-run rule's, which catches the one above since schema 1.1.6)
    assertNull(Sanitizer.sanitize(a, "1234567ABCDEFGHIJKLM"), "digits then capitals mix too");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("freeText")
  void helperIsDroppedWhenItHoldsABase64Key(Attribute a) {
    // Schema 1.1.4: an AWS secret access key's '/'s cut it into words the mixed-run rule lets
    // through (AWS's own example, and one of random base64; red before: both sent). 32 or more
    // letters, digits and '/' mixing upper case, lower case and digits look like a key.
    assertEquals(32, Sanitizer.BASE64_RUN);
    assertNull(Sanitizer.sanitize(a, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    assertNull(Sanitizer.sanitize(a, "gha:7x/iB4lW5gkIgYMATHaT5/RcVBf2AJUHxBYbWDLr"));
    assertNull(Sanitizer.sanitize(a, "Ab1/Cd2/Ef3/Gh4/Ij5/Kl6/Mn7/Op8/"), "32");
    assertEquals("Ab1/Cd2/Ef3/Gh4/Ij5/Kl6/Mn7/Op8", Sanitizer.sanitize(a, "Ab1/Cd2/Ef3/Gh4/Ij5/Kl6/Mn7/Op8"), "31 are kept");
    // The three kinds in each order and in that order only, as the collectors' RE2 spells them out
    // (ConfigMutation found each order's alternative unpinned: values mixing them met another).
    for (String v : new String[] {"ABCDEFGHIJKLMNOP/abcdefghijklmno/0", "ABCDEFGHIJKLMNOP/0/abcdefghijklmno",
        "abcdefghijklmnop/ABCDEFGHIJKLMNO/0", "abcdefghijklmnop/0/ABCDEFGHIJKLMNO", "0/ABCDEFGHIJKLMNOP/abcdefghijklmno",
        "0/abcdefghijklmnop/ABCDEFGHIJKLMNO"}) {
      assertNull(Sanitizer.sanitize(a, v), v);
    }
    // A name's words joined by '/' pass: without a digit, without capitals, or cut by '-', ':' or '_'.
    for (String name : new String[] {"gha:myorganization/myrepository/auth", "gha:MyOrganization/MyRepository/Auth",
        "gitlab:group1/subgroup2/component3/tbot", "gha:MyOrg2/My-Repository3/Auth-Action4/v2",
        "tf:Teleport/Provider2_Module/Terraform3"}) {
      assertEquals(name, Sanitizer.sanitize(a, name));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("freeText")
  void helperIsDroppedFromNineDigitsInARowOn(Attribute a) {
    // The catalogue's rule: nine digits or more are an account or phone number, a timestamp, or
    // (schema 1.1.6; ten before, so this one was sent) an IPv4 address written as one number:
    // 10.0.0.1 is 167772161.
    assertEquals(9, Sanitizer.DIGIT_RUN_LENGTH);
    assertNull(Sanitizer.sanitize(a, "gha:run-1733197200"));
    assertNull(Sanitizer.sanitize(a, "5551234567"));
    assertNull(Sanitizer.sanitize(a, "ci:167772161"));
    assertEquals("nightly-20241207", Sanitizer.sanitize(a, "nightly-20241207"), "a date's eight are kept");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("freeText")
  void helperIsDroppedFromTwelveDigitsAcrossSeparators(Attribute a) {
    // Schema 1.1.6: an AWS account's id as its console prints it, a phone number with its country
    // code (each sent before: its groups are shorter than the digit run's).
    assertEquals(12, Sanitizer.DIGIT_GROUPS);
    assertNull(Sanitizer.sanitize(a, "1234-5678-9012"));
    assertNull(Sanitizer.sanitize(a, "aws:1234-5678-9012/deploy"));
    // Values only this rule catches, one for each separator (4-4-4 is a MAC address's shape too).
    droppedButOneShortKept(a, "44.20.7946.0958", "123-45678-9012", "123_45678_9012", "123:45678:9012",
        "1234/5678/9012", "1234567@8/9012");
  }

  /** Each value is dropped, and kept without its first character (one digit short of the rule). */
  private static void droppedButOneShortKept(Attribute a, String... values) {
    for (String v : values) {
      assertNull(Sanitizer.sanitize(a, v), v);
      assertEquals(v.substring(1), Sanitizer.sanitize(a, v.substring(1)), "one short is kept: " + v);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("freeText")
  void helperIsDroppedFromThirtyTwoHexDigitsAcrossSeparators(Attribute a) {
    // Schema 1.1.6: a hex key or hash cut by a separator into words shorter than the mixed-run
    // rule's 20, or in one case only, which the base64 rule needs both of (each sent before).
    assertEquals(32, Sanitizer.HEX_RUN);
    assertNull(Sanitizer.sanitize(a, "a1b2c3d4e5f6a7b8c9d:0e1f2a3b4c5d6e7f8a9"), "two words of 19");
    assertNull(Sanitizer.sanitize(a, "gha:a1b2c3d4e5f6a7b8/c9d0e1f2a3b4c5d6"), "16 and 16");
    assertNull(Sanitizer.sanitize(a, "A1B2C3D4E5F6A7B8.C9D0E1F2A3B4C5D6"));
    assertNull(Sanitizer.sanitize(a, "a1b2c3d4-e5f6a7b8_c9d0e1f2@a3b4c5d6"));
    // Values only this rule catches, one for each kind of hex digit and each separator.
    // (Digits alone are caught from 12 on, letters and digits joined by '.', '_' or '-' from 20.)
    droppedButOneShortKept(a, "ABCDEF:ABCDEF:ABCDEF:ABCDEF:ABCDEF:AB", "abcdef/abcdef/abcdef/abcdef/abcdef/ab",
        "AB.C.D.E.F.A.B.C.D.E.F.A.B.C.D.E.F.A.B.C.D.E.F.A.B.C.D.E.F.A.B", "ABCDEF_ABCDEF_ABCDEF_ABCDEF_ABCDEF_AB",
        "abcdef-abcdef-abcdef-abcdef-abcdef-ab", "a1b2c3d4e5f6a7b@1/0e1f2a3b4c5d6e7f");
    assertEquals("a1b2c3d4e5f6a7b:8c9d0e1f2a3b4c5d", Sanitizer.sanitize(a, "a1b2c3d4e5f6a7b:8c9d0e1f2a3b4c5d"),
        "31 are kept");
    assertEquals("a1b2c3d4e5f6a7b8:xc9d0e1f2a3b4c5d6", Sanitizer.sanitize(a, "a1b2c3d4e5f6a7b8:xc9d0e1f2a3b4c5d6"),
        "a letter that is no hex digit cuts the run");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("freeText")
  void helperIsDroppedWhenAKeyPrefixStartsALaterWord(Attribute a) {
    // sk- inside "mask-tool" starts no word; the sk- after the slash does, and must still be found.
    assertEquals("mask-tool", Sanitizer.sanitize(a, "mask-tool"));
    assertNull(Sanitizer.sanitize(a, "mask-tool/sk-abc"));
    assertNull(Sanitizer.sanitize(a, "oghp_/ghp_abc"));
  }

  static Stream<Arguments> addresses() {
    return helpersWith("alice@example.com", "gha:runner@ci.corp.internal", "ci.example.com",
        "gha:github.com/org/repo", "10.0.0.12", "runner-192.168.1.20", "fe80::1", "2001:db8:0:0:1",
        // digits and a dash between the name's last letter and the dot; capitals only; IPv6 in
        // full, with hex letters in most groups
        "runner-42.local", "RUNNER.EXAMPLE.COM", "2001:db8:85a3:8a2e:370:7334", "2001:DB8:85A3:8A2E:370:7334",
        // a URL, even to a host name without a dot, which alone would pass
        "http://intranet/alice", "gha:ssh://buildbox/repo", "localhost://x",
        // Schema 1.1.7: an IPv4 address after a dot that follows no digit (sent before)
        "runner.10.9.8.7", "gha:ci.10.0.1.23", "x.192.168.1.23/tbot", "a..10.0.0.1");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("addresses")
  void helperIsDroppedWhenItLooksLikeAnAddress(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v));
  }

  static Stream<Arguments> userAtHost() {
    return helpersWith("alice@laptop", "gha:runner@build-box", "ci@x", "orb@latest", "a@b/c",
        // Schema 1.1.5: a host name led by a digit, or by v and a digit (sent before).
        "root@10host", "alice@3rd-floor-pc", "bob@v2-laptop", "ci@1.2.3.4", "orb@1.2.3x", "orb@1.2.",
        "orb@1234", "orb@1.2345", "orb@1_x", "orb@1-beta", "orb@1.2.3X",
        // a fourth number no IPv4 rule takes (ConfigMutation found the collectors' alternative for it unpinned)
        "orb@1.2.3.4567");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("userAtHost")
  void helperIsDroppedWithANameAfterAnAt(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v), "user@host, even without a top-level domain");
  }

  static Stream<Arguments> versionAfterAnAt() {
    return helperWith("teleport-actions/auth@v2", "gitlab:teleport/ci-component@v1.2.0", "orb@1.2.3",
        "circleci:orb/teleport@1", "orb@999.999.999", "auth@v2/step", "auth@v2:x");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("versionAfterAnAt")
  void helperKeepsAVersionAfterAnAt(Attribute a, String v) {
    assertEquals(v, Sanitizer.sanitize(a, v));
  }

  static Stream<Arguments> dashedIpv4() {
    return helpersWith("ip-10-0-1-23", "runner-ip-172-31-5-9", "gha:ip-10-0-1-23/auth", "10-0-0-1", "runner-1-2-3-4",
        // underscores, slashes, or a mix, as names and paths built from an address write it
        "runner_10_0_1_23", "gha:net/10/0/1/23", "ci:10_0-1/23", "host_192_168_1_20/tbot");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dashedIpv4")
  void helperIsDroppedWithADashedIpv4(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v), "cloud host names carry the IP with dashes, other names with _ or /");
  }

  static Stream<Arguments> dashedNumbersThatAreNoIp() {
    return helperWith("tool-1-2-3", "release-2024-06-01", "v1-2-3", "gha:teleport-actions/auth-v2-0-1",
        "build-1234-5-6-7", "build-10-0-0-1234", "tool_1_2_3", "gha:org/1/2/3", "release_2024_06_01",
        "a/1/2/3/1234", "ci:1.2_3-4");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dashedNumbersThatAreNoIp")
  void helperKeepsDashedNumbersThatAreNoIp(Attribute a, String v) {
    assertEquals(v, Sanitizer.sanitize(a, v));
  }

  static Stream<Arguments> macAddressesAndCloudIds() {
    return helpersWith("00-1A-2b-3C-4d-5E", "gha:runner_00_1a_2b_3c_4d_5e", "tbot-aa-bb-cc-dd-ee-ff/v1",
        "0a-1B-2c-3D-4e-5F", "A0-1b-2c-3d-4e-5f", "host001a-2b-3c-4d-5e-6f", "001a.2b3c.4d5e", "0a1B.2c3D.4e5F",
        "k8s:AABB.CCDD.EEFF", "aa:bb:cc:dd:ee:ff",
        // schema 1.1.6: pairs joined by dots (sent before)
        "00.1b.63.84.45.e6", "gha:runner-AA.BB.CC.DD.EE.FF/v1", "0a.1B_2c-3D.4e.5F",
        // and in three groups of four with '-', '_' or ':' (HP's, and others')
        "001b-6384-45e6", "001B_6384_45E6", "001b:6384:45e6",
        // EC2 instance ids, new and old, and other AWS resources' ids
        "i-0abc123def4567890", "gha:i-0abc123def4567890/auth", "i-0abc123def45678901", "i-1a2b3c4d",
        "runner-vol-049df61146c4d7901", "sg-deadbeef", "eni-12345678", "eni-1a2b3c4d", "vpc-0a1b2c3d4e5f60718", "r-1a2b3c4d",
        "vol-1a2b3c4d", "snap-1a2b3c4d", "ami-1a2b3c4d", "subnet-1a2b3c4d", "vpc-1a2b3c4d", "gha:i-1a2b3c4d/v1",
        // a container's short id (Docker's host name for it), a MAC without separators, in either case
        "f3a9c1b2d4e5", "gha:runner-f3a9c1b2d4e5", "docker:f3a9c1b2d4e5/v1", "001A2B3C4D5E", "0a1B2c3D4e5F");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("macAddressesAndCloudIds")
  void helperIsDroppedWithAMacAddressOrACloudInstanceId(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v), "a network card or an instance id names its host");
  }

  static Stream<Arguments> hexWordsThatAreNoMacOrCloudId() {
    return helperWith("aa-bb-cc-dd-ee", "aa-bb-cc-dd-ee_f", "0a.1b.2c.3d.4e", "10.20.30", "001b-6384-45e",
        "001b/6384/45e6", "0a1.2b3c.4d5e", "abcd.ef01", "i-abc",
        "i-0abc123def456789", "i-0ABC123DEF4567890", "x-1a2b3c4d", "gha:api-deadbeef", "I-1A2B3C4D",
        // an old id's prefix or digits running on into a longer word
        "ui-1a2b3c4d", "Ui-1a2b3c4d", "0i-1a2b3c4d", "i-1a2b3c4dx", "i-1a2b3c4dX", "i-1a2b3c4d0",
        // 11 or 13 hex digits, or 12 in a longer word
        "f3a9c1b2d4e", "f3a9c1b2d4e5a", "xf3a9c1b2d4e5", "Xf3a9c1b2d4e5", "0f3a9c1b2d4e5", "f3a9c1b2d4e5x",
        "f3a9c1b2d4e5X", "f3a9c1b2d4e50", "teleport-actions");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("hexWordsThatAreNoMacOrCloudId")
  void helperKeepsHexWordsThatAreNoMacOrCloudId(Attribute a, String v) {
    assertEquals(v, Sanitizer.sanitize(a, v));
  }

  static Stream<Arguments> paths() {
    return helpersWith("/home/alice/.tbot", "./tbot", "../x",
        // a drive letter, or a prefix before an absolute path, and its root alone
        "C:/Users/alice", "c:/tbot", "gha:/home/alice/.tbot", "gha:/",
        // an empty segment, as a network share's or a doubled slash's
        "a//b", "gha:x//home", "a:b//c",
        // a segment led by a dot: a hidden file or directory, . and ..
        "home/alice/.tbot", "gha:.tbot", "gha:x/./y", "gha:x/../y", "tbot/..", "a:..",
        // a path without its leading slash, from the root where an OS keeps users' or the machine's files
        "home/alice", "Users/alice", "gha:home/alice", "users/alice", "HOME/alice", "root/tbot", "tmp/tbot",
        "var/lib/teleport", "etc/tbot", "opt/tbot", "usr/local/tbot", "mnt/data", "srv/tbot",
        "private/var/tbot", "Volumes/data",
        // schema 1.1.6: the root of users' directories after any '/', in any case, and a NAS's homes/
        // (sent before)
        "builds/home/alice", "gha:org/home/x", "ci:runner/Users/alice", "a/b/HOME/c", "x/users/", "volume1/homes/alice",
        "homes/alice", "gha:Homes/x");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("paths")
  void helperIsDroppedWithAPath(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v), "a path names a user, a host's layout or a file");
  }

  static Stream<Arguments> namesThatAreNoPath() {
    return helperWith(
        // what Teleport's own wrappers set
        "gha:teleport-actions/auth", "gha:teleport-actions/auth-k8s", "gha:teleport-actions/auth-application",
        "gha:teleport-actions/application-tunnel", "gha:teleport-actions/database-tunnel",
        "gha:teleport-actions/application-proxy", "gitlab:component/tbot@v1", "terraform-provider-teleport",
        "k8s-operator", "auth@v2",
        // a root's name not as the first segment (but for home and users), or not followed by '/', or
        // in a longer word
        "gha:org/tmp/x", "gha:org/home", "gha:org/homesick/x", "gha:org/myhome/x",
        "tbot/tmp", "tmp", "gha:home", "homebrew:tbot", "gha:homelab/tbot", "myhome/x",
        "gha:etc-tool/x", "users-tool/x", "root_x/y",
        // a dot or a slash beside a ':' or a '/' the other way round, one slash after ':'s word
        "a./b", "a.:b", "gha:x./y", "a/b:c", "a:b/c", "v2.0.1");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("namesThatAreNoPath")
  void helperKeepsNamesThatAreNoPath(Attribute a, String v) {
    assertEquals(v, Sanitizer.sanitize(a, v));
  }

  static Stream<Arguments> podNames() {
    return helpersWith("tbot-7d9f8b6c5-x2k4q", "gha:tbot-5d8c9b7f4d-q7w2z", "k8s:tbot-7d9f8b6c5-x2k4q/v1",
        "tbot-bcdfghjk-zzzzz", "tbot-x2k4q", "tbot-agent-4x9bz", "k8s:tbot-7d9f8b6c5-xzkbq/v1",
        // Schema 1.1.7: a DaemonSet's or Job's suffix of consonants only, a fifth of them (sent before)
        "tbot-xkbqz", "tbot-runner-xkbqz", "tbot-zzzzz", "gha:tbot-xkbqz/v1",
        // a Deployment's suffix of digits only, which only the hash form catches (ConfigMutation
        // found that form's alternatives unpinned once the short form took suffixes of consonants)
        "tbot-7d9f8b6c5-22222", "k8s:tbot-7d9f8b6c5-22222/v1",
        // the suffix's digit and consonant in each order and number the collector's RE2 spells out
        "tbot-2bzzz", "tbot-b2zzz", "tbot-22bzz", "tbot-bb2zz", "tbot-222bz", "tbot-bbb2z", "tbot-2222b", "tbot-bbbb2");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("podNames")
  void helperIsDroppedWithAKubernetesPodName(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v), "a pod's name is its host name");
  }

  static Stream<Arguments> dashedWordsThatAreNoPod() {
    return helperWith("gha:teleport-actions/auth", "tf:my-terraform-cloud", "helm:tbot-18.1.0",
        "k8s:tbot-agent", "gitlab:teleport/ci-component@v1.2.0", "tbot-ready-check",
        // five of the suffix's digits: a build number, no letter
        "build-24567", "tbot-99999",
        "gha:machine-identity-stable", "t-bcdfghjkzzz-22222",
        // a hash and a suffix, but the word runs on past the suffix's five characters
        "tbot-7d9f8b6c5-xzkbqa", "tbot-7d9f8b6c5-xzkbqA", "tbot-7d9f8b6c5-xzkbq2", "tbot-7d9f8b6c5-xzkbq_");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dashedWordsThatAreNoPod")
  void helperKeepsDashedWordsThatAreNoPodName(Attribute a, String v) {
    assertEquals(v, Sanitizer.sanitize(a, v));
  }

  // Schema 1.1.8: host names and addresses machines generate, from a security review (sent before):
  // Windows' own computer names, and IPv6 written with dashes (as DNS names built from it are).
  static Stream<Arguments> generatedHostNames() {
    return helpersWith("DESKTOP-AB12CDE", "gha:LAPTOP-A1B2C3D4/x", "WIN-3K5J8Q0M2N1", "ci:DESKTOP-ABCDEFG",
        "fe80--1", "2001-db8--1", "k8s:fe80--a1b2/x", "2001-db8-85a3-0-0-8a2e-370-7334", "ab--", "x:--1",
        "x-DESKTOP-AB12CDE-y", "a--", "a-b-c-d-e-f-0-1",
        // each class item and bound of the collectors' RE2 for them, by a value only it catches
        "FE80--1", "2001-DB8--1", "fe80--A1", "fe80--1-2", "fe80--1-A", "fe80--1-a", "1-b-c-d-e-f-a-b",
        "A-b-c-d-e-f-a-b", "a-B-c-d-e-f-a-b", "x:a-b-c-d-e-f-0-1", "a-b-c-d-e-f-0-1/x");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("generatedHostNames")
  void helperIsDroppedWithAGeneratedHostName(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v));
  }

  static Stream<Arguments> namesThatAreNoGeneratedHost() {
    return helperWith("DESKTOP-APP", "DESKTOP-AB12CDEF", "LAPTOP-A1B2C3D", "WIN-X64", "xDESKTOP-AB12CDE", "deploy--v2", "tool--fix", "abc-d-ef-1-ab-2-cd", "a-b-c-d-e-f-0",
        "release--candidate", "WIN-3K5J8Q0M2N", "DESKTOP-AB12CDEx", "a-b-c-d-e-f-0-1-2", "a---b", "fe80--1g",
        "gfe80--1", "fe80--1-", "fe80--1G", "Xa-b-c-d-e-f-0-1", "ga-b-c-d-e-f-0-1", "12345-b-c-d-e-f-0-1",
        "a-b-c-d-e-f-0-1G", "a-b-c-d-e-f-0-1g", "a-b-c-d-e-f-0-12345", "XDESKTOP-AB12CDE", "9DESKTOP-AB12CDE",
        "DESKTOP-AB12CDE9", "Gfe80--1");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("namesThatAreNoGeneratedHost")
  void helperKeepsNamesThatAreNoGeneratedHost(Attribute a, String v) {
    assertEquals(v, Sanitizer.sanitize(a, v));
  }

  // Schema 1.1.9: Windows' generated names in any case and AWS's (EC2AMAZ-), and computers named
  // after their owners (JOHN-PC, Alices-MacBook-Pro), which 1.1.8 sent. desktop-release and the like
  // (a 7-letter word after desktop-) are dropped with them.
  static Stream<Arguments> ownersAndAnyCaseHostNames() {
    return helpersWith("desktop-ab12cde", "win-3k5j8q0m2n1", "Desktop-Ab12cde", "laptop-a1b2c3d4",
        "EC2AMAZ-4B5I3RO", "ec2amaz-4b5i3ro", "gha:EC2AMAZ-4B5I3RO/x", "desktop-release", "JOHN-PC", "john-pc",
        "gha:JOHN-PC/x", "office2-pc", "Alices-MacBook-Pro", "Alices-MacBook-Pro-2", "Johns-iMac", "Bobs-Mac-mini",
        "Bobs-Mac-Studio", "alice-mbp", "Alices-Mac", "ci:alices-macbook/x");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("ownersAndAnyCaseHostNames")
  void helperIsDroppedWithAnOwnersOrAnyCaseGeneratedHostName(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v));
  }

  static Stream<Arguments> namesThatAreNoOwnersHost() {
    return helperWith("EC2AMAZ-4B5I3R", "EC2AMAZ-4B5I3ROX", "xEC2AMAZ-4B5I3RO", "desktop-ab12cd", "laptop-a1b2c3d",
        "win-3k5j8q0m2n", "desktop-releases", "tool-pcb", "JOHN-PCx", "JOHN-PC9", "gha:-pc", "gha:pc", "mac",
        "macbook-setup", "gha:macos-runner", "tool-macos", "x-imacs", "setup_mac", "x.-mbp", "xmbp",
        // an upper-case letter after the word: ConfigMutation found the RE2's end class unpinned there
        "JOHN-PCX");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("namesThatAreNoOwnersHost")
  void helperKeepsNamesThatAreNoOwnersHost(Attribute a, String v) {
    assertEquals(v, Sanitizer.sanitize(a, v));
  }

  static Stream<Arguments> unicodeLookalikes() {
    return helpersWith(
        "gha:teleport-actions/\u0430uth", // Cyrillic a
        "gha:teleport\u2010actions/auth", // Unicode hyphen
        "gha\uff1ateleport-actions/auth", // fullwidth colon
        "\uff21\uff2b\uff29\uff21", // fullwidth AKIA
        "gha:teleport-actions/auth\u00a0", // no-break space
        "v\u0662.0.1", // Arabic-Indic digit
        "gh\u0251:auth", // Latin alpha
        "gha:t\u0435leport"); // Cyrillic e
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("unicodeLookalikes")
  void helperIsDroppedWithUnicodeLookalikes(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v));
  }

  static Stream<Arguments> outsideTheCharset() {
    return helpersWith("gha auth", "gha:\"auth\"", "gha\\auth", "a=b", "50%", "$HOME", "${x}",
        "gha;rm", "a,b", "<script>", "gha#1", "/home/alice/bin/wrapper", "-x", ".hidden", ":x",
        "@scope", "~alice");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("outsideTheCharset")
  void helperIsDroppedOutsideTheCharset(Attribute a, String v) {
    assertNull(Sanitizer.sanitize(a, v));
  }

  // --- counts ---

  @Test
  void countsAreClampedToZeroToMax() {
    assertEquals(0, Sanitizer.clamp(-1));
    assertEquals(0, Sanitizer.clamp(Long.MIN_VALUE));
    assertEquals(0, Sanitizer.clamp(0));
    assertEquals(7, Sanitizer.clamp(7));
    assertEquals(1000, Sanitizer.clamp(1000));
    assertEquals(1000, Sanitizer.clamp(1001));
    assertEquals(1000, Sanitizer.clamp(Long.MAX_VALUE));
  }

  /**
   * Raw counts: the total, then the kinds in schema order ({@link SchemaCounts#parts()}); kinds
   * left out are 0, so that the cases below, written for the first kinds, hold whatever kinds the
   * schema adds after them (sentCountsAlwaysHoldTheRule gives every kind its values).
   */
  static Map<Attribute, Long> rawCounts(long total, long... kinds) {
    List<Attribute> parts = SchemaCounts.parts();
    assertTrue(kinds.length <= parts.size(), kinds.length + " kinds for the schema's " + SchemaCounts.keys(parts));
    Map<Attribute, Long> raw = new EnumMap<>(Attribute.class);
    raw.put(SchemaCounts.WHOLE, total);
    for (int i = 0; i < parts.size(); i++) {
      raw.put(parts.get(i), i < kinds.length ? kinds[i] : 0L);
    }
    return raw;
  }

  /** The total and every kind of {@code counts}, in schema order ({@link SchemaCounts#ALL}). */
  static List<Long> sent(Map<Attribute, Long> counts) {
    return SchemaCounts.ALL.stream().map(counts::get).collect(Collectors.toList());
  }

  /**
   * What is sent for these raw counts ({@link #rawCounts}), the total and as many kinds as given;
   * the kinds left out, 0, must be sent as 0.
   */
  static List<Long> sentFor(long total, long... kinds) {
    List<Long> all = sent(Sanitizer.counts(rawCounts(total, kinds)));
    List<Long> leftOut = all.subList(1 + kinds.length, all.size());
    assertEquals(Collections.nCopies(leftOut.size(), 0L), leftOut, "the kinds left out, 0, are sent as 0: " + all);
    return all.subList(0, 1 + kinds.length);
  }

  @Test
  void theKindsArePartsOfTheTotal() {
    assertEquals(List.of(Attribute.DESTINATIONS_CONFIGURED_DATABASE_ACCESS,
        Attribute.DESTINATIONS_CONFIGURED_KUBERNETES_ACCESS, Attribute.DESTINATIONS_CONFIGURED_APPLICATION_ACCESS),
        Attribute.DESTINATIONS_CONFIGURED.parts());
    for (Attribute a : Attribute.values()) {
      assertEquals(a.parts().isEmpty() ? List.of() : List.of(a), a.parts().stream().map(Attribute::partOf).distinct()
          .collect(Collectors.toList()), a.key());
      if (a.partOf() != null) {
        assertEquals(AttributeType.INT, a.type(), "only counts have parts");
        assertEquals(AttributeType.INT, a.partOf().type(), "only counts have parts");
      }
    }
    assertEquals(0, Attribute.INCONSISTENT_PART);
  }

  @Test
  void kindsThatFitTheTotalAreSentAsCounted() {
    assertEquals(List.of(7L, 1L, 2L, 3L), sentFor(7, 1, 2, 3));
    assertEquals(List.of(6L, 1L, 2L, 3L), sentFor(6, 1, 2, 3), "equal to the total");
    assertEquals(List.of(0L, 0L, 0L, 0L), sentFor(0, 0, 0, 0));
    assertEquals(List.of(1000L, 1000L, 0L, 0L), sentFor(1000, 1000, 0, 0));
  }

  @Test
  void kindsOverTheTotalAreAllSentAsZeroAndTheTotalAsCounted() {
    // Nothing tells which count is wrong: the split is unknown, the start and its total still count.
    assertEquals(List.of(0L, 0L, 0L, 0L), sentFor(0, 1000, 1000, 1000));
    assertEquals(List.of(5L, 0L, 0L, 0L), sentFor(5, 1, 2, 3));
    assertEquals(List.of(2L, 0L, 0L, 0L), sentFor(2, 0, 3, 0), "one kind alone");
  }

  @Test
  void theKindsRuleReadsTheClampedCounts() {
    // As a collector, which sees only clamped counts: 1,500 outputs of which 800 and 700 for
    // databases and Kubernetes fit, but clamped to 1,000 the total no longer holds them.
    assertEquals(List.of(1000L, 0L, 0L, 0L), sentFor(1500, 800, 700, 0));
    assertEquals(List.of(1000L, 1000L, 0L, 0L), sentFor(5000, 1001, 0, 0));
    assertEquals(List.of(0L, 0L, 0L, 0L), sentFor(-4, 2, -1, 0));
  }

  @Test
  void sentCountsAlwaysHoldTheRule() {
    Random random = new Random(20261202L);
    for (int i = 0; i < 5000; i++) {
      long[] raw = new long[SchemaCounts.ALL.size()]; // the total and every kind of the schema
      for (int j = 0; j < raw.length; j++) {
        raw[j] = random.nextInt(4) == 0 ? random.nextInt(3000) - 100 : random.nextInt(12);
      }
      List<Long> out = sentFor(raw[0], Arrays.copyOfRange(raw, 1, raw.length));
      out.forEach(c -> assertTrue(c >= 0 && c <= Attribute.MAX_COUNT, out.toString()));
      assertTrue(out.subList(1, out.size()).stream().mapToLong(Long::longValue).sum() <= out.get(0),
          "kinds within the total: " + out);
      long[] sent = out.stream().mapToLong(Long::longValue).toArray();
      assertEquals(out, sentFor(sent[0], Arrays.copyOfRange(sent, 1, sent.length)),
          "sanitizing what is sent changes nothing (a collector keeps it as it is)");
    }
  }

  @Test
  void intAttributesHaveNoStringRule() {
    assertThrows(IllegalArgumentException.class, () -> Sanitizer.sanitize(Attribute.DESTINATIONS_CONFIGURED, "1"));
  }

  // --- property: whatever goes in, what comes out obeys the rule ---

  @Test
  void randomInputsNeverProduceAValueOutsideTheRule() {
    Random random = new Random(20240611L);
    String alphabet = "abcXYZ019._:/@- \t\n\u0000\u00e9\u0430\uff1a=\"'\\$%";
    for (int i = 0; i < 5000; i++) {
      StringBuilder raw = new StringBuilder();
      int len = random.nextInt(80);
      for (int j = 0; j < len; j++) {
        raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      for (Attribute a : Attribute.values()) {
        if (a.type() != AttributeType.STRING) {
          continue;
        }
        String out = Sanitizer.sanitize(a, raw.toString());
        if (out == null || out.equals(a.fallback())) {
          continue;
        }
        assertEquals(raw.toString(), out, "a value is sent as given or not at all");
        assertTrue(out.length() <= a.maxLength(), a + ": " + out);
        assertTrue(a.allowedValues().isEmpty() ? a.pattern().matcher(out).matches() : a.allowedValues().contains(out),
            a + ": " + out);
      }
    }
  }
}
