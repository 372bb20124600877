package com.goteleport.tbot.otel.event;

import com.goteleport.tbot.otel.testing.ConformanceFile;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The value rules of the {@code tbot.start} event as language-neutral cases, {@code
 * docs/conformance/tbot-start-cases.json}, for a second implementation (Go tbot) to run: each
 * attribute's raw input and what is sent for it. Rendered from the schema ({@link Attribute}: keys,
 * enumerations, bounds, fallbacks, parts) and from the named cases of {@link SanitizerTest}, each
 * group with the outcome its rule gives (sent as given, or rejected: the fallback or omitted). The
 * expected values are that intent, not {@link Sanitizer}'s answers: {@code ConformanceCasesTest}
 * holds Sanitizer to them, and collector-config's {@code ConformanceCasesCollectorTest} the
 * collectors' rules. Test code, as {@link SchemaCatalog} is.
 */
final class ConformanceCases {

  /** The file, from the repository root. */
  static final String FILE = ConformanceFile.PATH;

  /** One case: an attribute, its raw input, what is sent, and the rule that says so. */
  record Case(String key, @Nullable Object input, @Nullable Object expect, String why) {}

  private final List<Case> cases = new ArrayList<>();

  private ConformanceCases() {}

  /**
   * Every case, in the file's order: by attribute in schema order, then the parts and the pairs.
   *
   * @return the cases
   */
  static List<Case> cases() {
    ConformanceCases c = new ConformanceCases();
    c.runMode();
    c.version();
    c.joinType();
    c.helper();
    c.helperVersion();
    c.counts();
    return List.copyOf(c.cases);
  }

  private void runMode() {
    Attribute a = Attribute.RUN_MODE;
    sent(a, "one of its values", a.allowedValues());
    rejected(a, "not one of its values, compared exactly: not sent (a collector then drops the record: it is required)",
        valueSource("runModeRejectsAnythingElse"));
    rejected(a, "not set: not sent (a collector then drops the record: it is required)", nulls());
  }

  private void version() {
    Attribute a = Attribute.VERSION;
    String rule = "a release version: v?, three numbers of 1 to 3 digits, then -alpha, -beta, -rc or -dev, each with"
        + " an optional .N";
    sent(a, rule, valueSource("versionAcceptsReleaseVersions"));
    sent(a, rule, List.of("18.0.0-alpha", "18.0.0-beta", "18.0.0-dev.3", "v999.999.999-alpha.999"));
    rejected(a, "not a release version as the pattern has it: unknown",
        valueSource("versionSendsUnknownForAnythingElse"));
    rejected(a, "more than 3 digits in a number: unknown", valueSource("versionHasAtMostThreeDigitsAComponent"));
    rejected(a, "not set: unknown", nulls());
    rejected(a, "over " + a.maxLength() + " characters: unknown", List.of("1.2.3-rc." + "1".repeat(40)));
  }

  private void joinType() {
    Attribute a = Attribute.JOIN_TYPE;
    sent(a, "one of tbot's join methods, compared exactly", a.allowedValues());
    rejected(a, "not a join method as tbot spells it (case, spaces, dashes, lookalikes): unknown",
        valueSource("joinTypeSendsUnknownForAnythingElse"));
    rejected(a, "not set: unknown (a config that names no join method is not this case: tbot then"
        + " joins with token, which is sent)", nulls());
  }

  private void helper() {
    Attribute a = Attribute.HELPER;
    String charset = "the charset: a letter or digit, then up to 63 of [A-Za-z0-9._:/@-]";
    sent(a, charset + ", and no shape the screen drops", helpers(SanitizerTest.goodHelpers()));
    rejected(a, "not set or empty: omitted", Arrays.asList(null, ""));
    rejected(a, "over " + a.maxLength() + " characters: omitted, never cut", helpers(SanitizerTest.tooLong()));
    rejected(a, charset + ": a control or invisible character: omitted", helpers(SanitizerTest.controlCharacters()));
    rejected(a, charset + ": a line break: omitted", helpers(SanitizerTest.newlines()));
    rejected(a, charset + ": a Unicode lookalike: omitted", helpers(SanitizerTest.unicodeLookalikes()));
    rejected(a, charset + ": another character, or not a letter or digit first: omitted",
        helpers(SanitizerTest.outsideTheCharset()));
    String screen = "screen: ";
    rejected(a, screen + "a credential (a key prefix at a word's start; 20+ letters and digits mixed in a word, not"
        + " counting . _ -; 32+ letters, digits and / in a row mixing upper case, lower case and digits; 32+ hex digits"
        + " whatever separates them; 9+ digits in a row; 12+ digits whatever separates them): omitted",
        helpers(SanitizerTest.secretLooking()));
    rejected(a, screen + "20+ letters and digits mixed in a word, not counting . _ -: omitted",
        List.of("a1b2c3d4e5f6g7h8i9j0", "gha:a1b2c3d4e5-f6g7h8i9j0", "123456789ABCDEFGHIJK", "1234567ABCDEFGHIJKLM"));
    sent(a, screen + "19 letters and digits mixed: sent", List.of("a1b2c3d4e5f6g7h8i9j", "abcdefghijklm012345"));
    rejected(a, screen + "32+ letters, digits and / in a row mixing upper case, lower case and digits (a base64 key"
        + " such as an AWS secret access key): omitted", List.of("gha:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "Ab1/Cd2/Ef3/Gh4/Ij5/Kl6/Mn7/Op8/", "ABCDEFGHIJKLMNOP/abcdefghijklmno/0", "ABCDEFGHIJKLMNOP/0/abcdefghijklmno",
            "abcdefghijklmnop/ABCDEFGHIJKLMNO/0", "abcdefghijklmnop/0/ABCDEFGHIJKLMNO", "0/ABCDEFGHIJKLMNOP/abcdefghijklmno",
            "0/abcdefghijklmnop/ABCDEFGHIJKLMNO"));
    sent(a, screen + "31 such characters, 32 without one kind, or cut by - _ : or .: sent",
        List.of("Ab1/Cd2/Ef3/Gh4/Ij5/Kl6/Mn7/Op8", "ab1/cd2/ef3/gh4/ij5/kl6/mn7/op8/", "AB1/CD2/EF3/GH4/IJ5/KL6/MN7/OP8/",
            "Abc/Def/Ghi/Jkl/Mno/Pqr/Stu/Vwx/", "Ab1/Cd2/Ef3/Gh4-Ij5/Kl6/Mn7/Op8/", "Ab1/Cd2/Ef3/Gh4:Ij5/Kl6/Mn7/Op8/",
            "Ab1/Cd2/Ef3/Gh4_Ij5/Kl6/Mn7/Op8/", "Ab1/Cd2/Ef3/Gh4.Ij5/Kl6/Mn7/Op8/", "gha:myorganization/myrepository/auth"));
    rejected(a, screen + "32+ hex digits whatever separates them (a key or a hash cut into short words): omitted",
        List.of("a1b2c3d4e5f6a7b8c9d:0e1f2a3b4c5d6e7f8a9", "gha:a1b2c3d4e5f6a7b8/c9d0e1f2a3b4c5d6",
            "A1B2C3D4E5F6A7B8.C9D0E1F2A3B4C5D6", "a1b2c3d4-e5f6a7b8_c9d0e1f2@a3b4c5d6",
            "0a--1b--2c--3d--4e--5f--6a--7b--8c--9d--0e--1f--2a--3b--4c--5d", "ABCDEF:ABCDEF:ABCDEF:ABCDEF:ABCDEF:AB",
            "abcdef/abcdef/abcdef/abcdef/abcdef/ab", "AB.C.D.E.F.A.B.C.D.E.F.A.B.C.D.E.F.A.B.C.D.E.F.A.B.C.D.E.F.A.B",
            "ABCDEF_ABCDEF_ABCDEF_ABCDEF_ABCDEF_AB", "abcdef-abcdef-abcdef-abcdef-abcdef-ab",
            "a1b2c3d4e5f6a7b@1/0e1f2a3b4c5d6e7f"));
    sent(a, screen + "31 hex digits, or 32 cut by another letter: sent",
        List.of("a1b2c3d4e5f6a7b:8c9d0e1f2a3b4c5d", "a1b2c3d4e5f6a7b8:xc9d0e1f2a3b4c5d6",
            "BCDEF:ABCDEF:ABCDEF:ABCDEF:ABCDEF:AB", "1b2c3d4e5f6a7b@1/0e1f2a3b4c5d6e7f"));
    rejected(a, screen + "9+ digits in a row (an account or phone number, a timestamp, an IPv4 address as one"
        + " number): omitted", List.of("gha:run-1733197200", "5551234567", "ci:167772161", "abcdefghij012345678"));
    sent(a, screen + "8 digits in a row (a date): sent", List.of("gha:run-17331972", "nightly-20241207"));
    rejected(a, screen + "12+ digits whatever separates them (an AWS account's id, a phone number): omitted",
        List.of("1234-5678-9012", "aws:1234-5678-9012/deploy", "44.20.7946.0958", "123-45678-9012", "123_45678_9012",
            "123:45678:9012", "1234/5678/9012", "1234567@8/9012"));
    sent(a, screen + "11 digits across separators: sent", List.of("4.20.7946.0958", "23-45678-9012", "234567@8/9012"));
    rejected(a, screen + "a key prefix at the start of a later word: omitted",
        List.of("mask-tool/sk-abc", "oghp_/ghp_abc"));
    sent(a, screen + "a key prefix inside a word: sent", List.of("mask-tool"));
    rejected(a, screen + "an e-mail, a host name (name.tld), an IPv4 or IPv6 address, or a URL (://): omitted",
        helpers(SanitizerTest.addresses()));
    rejected(a, screen + "an @ not followed by a whole version (user@host): omitted",
        helpers(SanitizerTest.userAtHost()));
    sent(a, screen + "a version after an @: sent", helpers(SanitizerTest.versionAfterAnAt()));
    rejected(a, screen + "an IPv4 address written with -, _ or /: omitted", helpers(SanitizerTest.dashedIpv4()));
    sent(a, screen + "dashed numbers that are no IPv4 address: sent",
        helpers(SanitizerTest.dashedNumbersThatAreNoIp()));
    rejected(a, screen + "a MAC address, a cloud resource's id, or a word of 12 hex digits (a container's id): omitted",
        helpers(SanitizerTest.macAddressesAndCloudIds()));
    rejected(a, screen + "six two-digit numbers joined as a MAC address's pairs are, in a timestamp too: omitted",
        List.of("build-24.12.07.10.30.15"));
    sent(a, screen + "hex words that are no MAC address, cloud id or container id: sent",
        helpers(SanitizerTest.hexWordsThatAreNoMacOrCloudId()));
    rejected(a, screen + "a path (':/' not before '/', '//' not after ':', a '.' after ':' or '/', an OS root as the"
        + " first segment, home/, homes/ or users/ after any '/'): omitted", helpers(SanitizerTest.paths()));
    sent(a, screen + "names that are no path: sent", helpers(SanitizerTest.namesThatAreNoPath()));
    rejected(a, screen + "a Kubernetes pod's name: omitted", helpers(SanitizerTest.podNames()));
    rejected(a, screen + "five of Kubernetes' suffix characters after a -, not followed by a letter, digit or _, one a"
        + " consonant at least, a pod's or not: omitted", List.of("tbot-bzzzz", "proxy-https", "tbot-bcdfghjkzzz-zzzzz"));
    sent(a, screen + "four or six such characters: sent", List.of("tbot-xkbq", "tbot-xkbqza"));
    rejected(a, screen + "four numbers after a dot that follows no digit (an IPv4 address): omitted",
        List.of("a.1.2.3.4.5", "tbot.18.1.0.0"));
    sent(a, screen + "three numbers after a dot: sent", List.of("a.1.2.3"));
    sent(a, screen + "dashed words that are no pod name: sent", helpers(SanitizerTest.dashedWordsThatAreNoPod()));
    rejected(a, screen + "a host name or address a machine generates (Windows' computer name, IPv6 with dashes):"
        + " omitted", helpers(SanitizerTest.generatedHostNames()));
    sent(a, screen + "names that are no generated host name: sent",
        helpers(SanitizerTest.namesThatAreNoGeneratedHost()));
    rejected(a, screen + "a computer named after its owner, or a generated name in any case (JOHN-PC,"
        + " Alices-MacBook-Pro, desktop-ab12cde, EC2AMAZ-4B5I3RO): omitted",
        helpers(SanitizerTest.ownersAndAnyCaseHostNames()));
    sent(a, screen + "names that are no owner's or generated host name: sent",
        helpers(SanitizerTest.namesThatAreNoOwnersHost()));
    sent(a, screen + "shapes, not meanings: a host name without a dot, a private name: sent",
        List.of("buildbox7", "gha:acme/secret-project"));
    // The near misses the collectors' regular expressions spell out (AllowlistDriftTest's named
    // corpus, which collector-config's ConformanceCasesCollectorTest holds to be in the file).
    sent(a, screen + "a near miss of a shape above: sent", List.of("a.b", "x@v1", "xhome/a", "x:home"));
    sent(a, screen + "a version, no address however dotted: sent",
        List.of("v2", "v2.1", "v2.0.1-rc.1", "2.0.0-beta", "3.1-dev", "v2-rc", "999.999.999-alpha.999"));
    rejected(a, screen + "an @ before what is not a whole version, at an edge: omitted",
        List.of("orb@1.", "orb@1.2.3456", "orb@v1234", "orb@v2.", "orb@1.2.3.", "a@1@x"));
    sent(a, screen + "whole versions after @s, followed by what may follow one: sent",
        List.of("a@1@2", "a@v1.2@3", "orb@1.2.3/x@v4"));
    rejected(a, screen + "a shape above, at an edge: omitted", List.of("akiaexample", "x@v", "x@", "1.2.3.4.5",
        "abcdefghij0123456789", "a-b-c-d-e-f-g-h-i-j-0-1-2-3-4-5-6-7-8-9", "a:/b", "x:/", "a:///b", "home:/a",
        "Ab1/Cd2/Ef3/Gh4@Ij5/Kl6/Mn7/Op8/", "0/A/b/0000000000000000000000000"));
  }

  private void helperVersion() {
    Attribute a = Attribute.HELPER_VERSION;
    String rule = "a release version, minor and patch optional: v?, 1 to 3 numbers of 1 to 3 digits, then -alpha,"
        + " -beta, -rc or -dev, each with an optional .N";
    sent(a, rule, valueSource("helperVersionKeepsReleaseVersions"));
    sent(a, rule, List.of("v0", "1.2", "v2.0.1-dev.9", "v999.999.999-alpha.999"));
    rejected(a, "not a release version as the pattern has it: omitted",
        valueSource("helperVersionIsOmittedForAnythingElse"));
    rejected(a, "not set: omitted", nulls());
    rejected(a, "over " + a.maxLength() + " characters: omitted", List.of("v" + "1.".repeat(40) + "0"));
    String pair = "sent only with a helper that is sent";
    pair("gha:teleport-actions/auth", "v2", "gha:teleport-actions/auth", "v2", pair + ": both sent");
    pair("gha:teleport-actions/auth", "main", "gha:teleport-actions/auth", null, pair + ": the version alone omitted");
    pair(null, "v2", null, null, pair + ": no helper, no version");
    pair("alice@example.com", "v2", null, null, pair + ": the helper omitted by the screen, so the version too");
    pair("x".repeat(65), "v2", null, null, pair + ": the helper omitted for its length, so the version too");
  }

  private void counts() {
    long max = Attribute.MAX_COUNT;
    for (Attribute a : Attribute.values()) {
      if (a.type() != AttributeType.INT) {
        continue;
      }
      count(a, -1, 0, "a count below 0: 0");
      count(a, 0, 0, "a count from 0 to " + max + ": sent as counted");
      count(a, max, max, "a count from 0 to " + max + ": sent as counted");
      count(a, max + 1, max, "a count over " + max + ": " + max);
      if (a.partOf() == null) {
        count(a, Long.MIN_VALUE, 0, "a count below 0: 0 (the int64 range)");
        count(a, Long.MAX_VALUE, max, "a count over " + max + ": " + max + " (the int64 range)");
      }
    }
    String fit = "parts: the kinds add up to at most the total: each sent as counted";
    String over = "parts: the kinds add up to more than the total: each kind " + Attribute.INCONSISTENT_PART
        + ", the total as counted";
    String clamped = "parts: compared once each count is clamped to 0.." + max;
    long z = Attribute.INCONSISTENT_PART;
    parts(new long[] {7, 1, 2, 3}, new long[] {7, 1, 2, 3}, fit);
    parts(new long[] {6, 1, 2, 3}, new long[] {6, 1, 2, 3}, fit + " (equal to it)");
    parts(new long[] {0, 0, 0, 0}, new long[] {0, 0, 0, 0}, fit);
    parts(new long[] {max, max, 0, 0}, new long[] {max, max, 0, 0}, fit);
    parts(new long[] {5, 1, 2, 3}, new long[] {5, z, z, z}, over);
    parts(new long[] {2, 0, 3, 0}, new long[] {2, z, z, z}, over + " (one kind alone)");
    parts(new long[] {0, max, max, max}, new long[] {0, z, z, z}, over);
    parts(new long[] {1500, 800, 700, 0}, new long[] {max, z, z, z},
        clamped + ": 1500 is " + max + ", under 800 + 700");
    parts(new long[] {5000, 1001, 0, 0}, new long[] {max, max, 0, 0}, clamped + ": " + max + " and " + max + " fit");
    parts(new long[] {5000, 1001, 0, 2}, new long[] {max, z, z, z}, clamped + ": " + max + " + 2 is over " + max);
    parts(new long[] {1001, 1001, 1001, 1001}, new long[] {max, z, z, z}, clamped);
    parts(new long[] {-4, 2, -1, 0}, new long[] {0, z, z, z}, clamped + ": -4 is 0, under 2");
  }

  // --- building the cases ---

  private void sent(Attribute a, String why, List<String> inputs) {
    inputs.forEach(v -> add(new Case(a.key(), v, v, a.key() + ": " + why)));
  }

  /** Rejected: the attribute's fallback is sent, or nothing when it has none. */
  private void rejected(Attribute a, String why, List<String> inputs) {
    inputs.forEach(v -> add(new Case(a.key(), v, a.fallback(), a.key() + ": " + why)));
  }

  private void count(Attribute a, long input, long expect, String why) {
    add(new Case(a.key(), input, expect, a.key() + ": " + why));
  }

  /** All counts given together: the whole, then its parts, in schema order. */
  private void parts(long[] input, long[] expect, String why) {
    Attribute whole = Attribute.DESTINATIONS_CONFIGURED;
    List<Attribute> counts = new ArrayList<>(List.of(whole));
    counts.addAll(whole.parts());
    if (counts.size() != input.length) {
      throw new IllegalStateException("the parts cases give " + input.length + " counts, the schema has "
          + counts.size() + ": give every part of " + whole.key() + " in ConformanceCases.counts()");
    }
    Map<String, Object> in = new LinkedHashMap<>();
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < counts.size(); i++) {
      in.put(counts.get(i).key(), input[i]);
      out.put(counts.get(i).key(), expect[i]);
    }
    add(new Case(whole.key(), in, out, whole.key() + ": " + why));
  }

  private void pair(@Nullable String helper, String version, @Nullable String helperSent, @Nullable String versionSent,
      String why) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put(Attribute.HELPER.key(), helper);
    in.put(Attribute.HELPER_VERSION.key(), version);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(Attribute.HELPER.key(), helperSent);
    out.put(Attribute.HELPER_VERSION.key(), versionSent);
    add(new Case(Attribute.HELPER_VERSION.key(), in, out, Attribute.HELPER_VERSION.key() + ": " + why));
  }

  /** Adds a case once: a value two groups name keeps the first group's; two outcomes for it are an error. */
  private void add(Case c) {
    for (Case other : cases) {
      if (other.key().equals(c.key()) && Objects.equals(other.input(), c.input())) {
        if (!Objects.equals(other.expect(), c.expect())) {
          throw new IllegalStateException("two outcomes for " + c.key() + " " + c.input() + ": " + other.why() + " / "
              + c.why());
        }
        return;
      }
    }
    cases.add(c);
  }

  private static List<String> nulls() {
    return Arrays.asList((String) null);
  }

  /** The values of one of SanitizerTest's {@code @ValueSource} tests. */
  private static List<String> valueSource(String test) {
    try {
      Method m = SanitizerTest.class.getDeclaredMethod(test, String.class);
      return List.of(m.getAnnotation(ValueSource.class).strings());
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "SanitizerTest has no test " + test + "(String): rename it in ConformanceCases", e);
    }
  }

  /** The values one of SanitizerTest's sources gives {@code helper}. */
  private static List<String> helpers(Stream<Arguments> source) {
    return source.map(Arguments::get).filter(args -> args[0] == Attribute.HELPER).map(args -> (String) args[1])
        .toList();
  }

  // --- the file ---

  static final String ABOUT = "Conformance cases for the value rules of the tbot.start event (docs/attributes.md), for"
      + " a second implementation to run. Generated from tbot-otel's schema by ConformanceCases; do not edit by hand:"
      + " ConformanceCasesTest holds tbot-otel's Sanitizer to every case, and ConformanceCasesCollectorTest the"
      + " collectors' rules (collector-config/*.yaml).";

  static final String FORMAT = "One object per case. key: the attribute. input: the raw value before the rule:"
      + " a string, or null for not set; a number (int64) for a count; or an object of attributes given together,"
      + " for the rules that read several (the parts of destinations_configured, helper_version with its helper),"
      + " null there being not set. expect: what is sent: the value, the fallback (unknown), or null for not sent"
      + " (omitted); for an object input, an object of the same keys. why: the rule. Strings are ASCII JSON; other"
      + " characters are \\u escapes, decode them (a line break, a NUL and lookalike letters are cases).";

  /**
   * The file's text: a header, then one case a line.
   *
   * @return the JSON, ending in a newline
   */
  static String render() {
    StringBuilder json = new StringBuilder("{\n");
    json.append("  \"about\": ").append(value(ABOUT)).append(",\n");
    json.append("  \"schema_version\": ").append(value(EventSchema.VERSION)).append(",\n");
    json.append("  \"format\": ").append(value(FORMAT)).append(",\n");
    json.append("  \"cases\": [\n");
    List<Case> all = cases();
    for (int i = 0; i < all.size(); i++) {
      Case c = all.get(i);
      json.append("    {\"key\": ").append(value(c.key())).append(", \"input\": ").append(value(c.input()))
          .append(", \"expect\": ").append(value(c.expect())).append(", \"why\": ").append(value(c.why())).append('}')
          .append(i + 1 < all.size() ? ",\n" : "\n");
    }
    return json.append("  ]\n}\n").toString();
  }

  private static String value(@Nullable Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Long) {
      return v.toString();
    }
    if (v instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      map.forEach((k, x) -> out.append(out.length() > 1 ? ", " : "").append(value(k)).append(": ").append(value(x)));
      return out.append('}').toString();
    }
    String s = (String) v;
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
