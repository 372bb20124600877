package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.AttributeType;
import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.testing.SchemaCounts;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The collector allowlists are copies of tbot-otel's schema ({@link EventSchema}, {@link
 * Attribute}); this test fails when either side changes without the other. It reads the YAML files
 * with snakeyaml and compares, per file: the filter's event name and scope, the transform's
 * keep_keys, types, truncation lengths, integer ranges, enumerations and patterns, the required-key
 * filter, and the redaction allowed_keys. It also checks that the edge and self-hosted collectors
 * share the very same receiver and processors, and that every pipeline fed by the OTLP or Kafka
 * receiver, in every file, runs the required processor chain (groupbyattrs/fresh, with no keys,
 * after the scrub).
 */
class AllowlistDriftTest {

  private static final String REDACTION = "redaction/allowlist";
  private static final String FILTER = "filter/tbot_start_only";
  private static final String TRANSFORM = "transform/scrub";
  private static final String COMPLETE = "filter/complete";
  private static final String REBUILD = "groupbyattrs/fresh";

  // ACTION where IsString(log.attributes["K"]) and Len(log.attributes["K"]) > N
  static final Pattern LENGTH =
      Pattern.compile(
          "(.+) where IsString\\(log\\.attributes\\[\"([^\"]+)\"\\]\\) and Len\\(log\\.attributes\\[\"\\2\"\\]\\) > (\\d+)");
  // delete_key(log.attributes, "K") where not IsString(log.attributes["K"])   (or IsInt)
  static final Pattern TYPE =
      Pattern.compile(
          "delete_key\\(log\\.attributes, \"([^\"]+)\"\\) where not (IsString|IsInt)\\(log\\.attributes\\[\"\\1\"\\]\\)");
  // set(log.attributes["K"], N) where IsInt(log.attributes["K"]) and log.attributes["K"] (<|>) M
  static final Pattern CLAMP =
      Pattern.compile(
          "set\\(log\\.attributes\\[\"([^\"]+)\"\\], (\\d+)\\) where IsInt\\(log\\.attributes\\[\"\\1\"\\]\\)"
              + " and log\\.attributes\\[\"\\1\"\\] ([<>]) (\\d+)");
  // ACTION where IsString(log.attributes["K"]) and not IsMatch(log.attributes["K"], "REGEX")
  static final Pattern VALUE_RULE =
      Pattern.compile(
          "(.+) where IsString\\(log\\.attributes\\[\"([^\"]+)\"\\]\\) and not IsMatch\\(log\\.attributes\\[\"\\2\"\\], \"(.*)\"\\)");
  // set(log.cache["F"], true) where IsInt(log.attributes["K"]) and ... and log.attributes["P1"] + ... > log.attributes["W"]
  static final Pattern PARTS_OVER =
      Pattern.compile(
          "set\\(log\\.cache\\[\"([^\"]+)\"\\], true\\) where ((?:IsInt\\(log\\.attributes\\[\"[^\"]+\"\\]\\) and )+)"
              + "(log\\.attributes\\[\"[^\"]+\"\\](?: \\+ log\\.attributes\\[\"[^\"]+\"\\])*)"
              + " > log\\.attributes\\[\"([^\"]+)\"\\]");
  // set(log.attributes["P"], N) where log.cache["F"] == true
  static final Pattern PART_RESET =
      Pattern.compile("set\\(log\\.attributes\\[\"([^\"]+)\"\\], (\\d+)\\) where log\\.cache\\[\"([^\"]+)\"\\] == true");
  static final Pattern KEEP_KEYS = Pattern.compile("keep_keys\\(log\\.attributes, \\[(.*)\\]\\)");
  private static final Pattern ANY_KEY_REF = Pattern.compile("log\\.attributes\\[\"([^\"]+)\"\\]");

  /** The statement's action for a value the schema refuses: its fallback, or removal. */
  static String fallbackOrRemoval(Attribute a) {
    return a.fallback() == null
        ? "delete_key(log.attributes, \"" + a.key() + "\")"
        : "set(log.attributes[\"" + a.key() + "\"], \"" + a.fallback() + "\")";
  }

  static Map<String, Object> load(String fileName) throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    try (Reader r = Files.newBufferedReader(Collector.config(fileName), StandardCharsets.UTF_8)) {
      return yaml.load(r);
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Object root, String... path) {
    Object cur = root;
    for (String p : path) {
      assertTrue(cur instanceof Map, "expected a mapping before '" + p + "' in " + Arrays.toString(path));
      cur = ((Map<String, Object>) cur).get(p);
      assertNotNull(cur, "missing key " + String.join(".", path) + " (at '" + p + "')");
    }
    return (T) cur;
  }

  /** The statements of the transform group whose context is {@code context}. */
  static List<String> statements(Map<String, Object> cfg, String context) {
    List<Map<String, Object>> groups = at(cfg, "processors", TRANSFORM, "log_statements");
    List<String> out = new ArrayList<>();
    for (Map<String, Object> g : groups) {
      if (context.equals(g.get("context"))) {
        @SuppressWarnings("unchecked")
        List<String> s = (List<String>) g.get("statements");
        out.addAll(s);
      }
    }
    assertFalse(out.isEmpty(), "no " + context + " statements in " + TRANSFORM);
    return out;
  }

  /** An OTTL string literal's content, unescaped (\\ to \, \" to "). */
  static String ottlUnescape(String literal) {
    return literal.replace("\\\\", "\u0000").replace("\\\"", "\"").replace("\u0000", "\\");
  }

  static List<Attribute> ofType(AttributeType type) {
    return Arrays.stream(Attribute.values()).filter(a -> a.type() == type).collect(Collectors.toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void redactionAllowedKeysAreTheSchemaKeys(String file) throws IOException {
    Map<String, Object> cfg = load(file);
    Map<String, Object> redaction = at(cfg, "processors", REDACTION);
    assertEquals(EventSchema.attributeKeys(), redaction.get("allowed_keys"), file + " allowed_keys");
    assertEquals(Boolean.FALSE, redaction.get("allow_all_keys"), file + " allow_all_keys");
    assertEquals("silent", redaction.get("summary"), file + " summary");
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void filterKeepsOnlyTheSchemaEventAndScope(String file) throws IOException {
    Map<String, Object> cfg = load(file);
    Map<String, Object> filter = at(cfg, "processors", FILTER);
    assertEquals("propagate", filter.get("error_mode"), file + " " + FILTER + " error_mode");
    assertEquals(
        List.of(
            "log.event_name != \"" + EventSchema.EVENT_NAME + "\"",
            "scope.name != \"" + EventSchema.SCOPE_NAME + "\"",
            // Only the schema's major version: another one changes what attributes mean.
            "not IsMatch(scope.version, \"^" + EventSchema.VERSION.substring(0, EventSchema.VERSION.indexOf('.'))
                + "\\\\.[0-9]{1,4}\\\\.[0-9]{1,4}$\")"),
        filter.get("log_conditions"),
        file + " " + FILTER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void transformKeepsExactlyTheSchemaKeys(String file) throws IOException {
    Map<String, Object> cfg = load(file);
    assertEquals("propagate", AllowlistDriftTest.<Object>at(cfg, "processors", TRANSFORM, "error_mode"), file + " error_mode");
    List<String> log = statements(cfg, "log");
    List<String> keeps = log.stream().filter(s -> s.startsWith("keep_keys(")).collect(Collectors.toList());
    assertEquals(1, keeps.size(), "one keep_keys on log.attributes: " + keeps);
    Matcher m = KEEP_KEYS.matcher(keeps.get(0));
    assertTrue(m.matches(), keeps.get(0));
    List<String> keys =
        Arrays.stream(m.group(1).split(","))
            .map(String::trim)
            .map(s -> s.substring(1, s.length() - 1))
            .collect(Collectors.toList());
    assertEquals(EventSchema.attributeKeys(), keys, file + " keep_keys");
    assertEquals(0, log.indexOf(keeps.get(0)), "keep_keys runs first");

    // No statement may mention a key outside the schema.
    for (String s : log) {
      for (String key : keysIn(s)) {
        assertNotNull(Attribute.forKey(key), file + " refers to non-schema key: " + s);
      }
    }
    // Resource and scope attributes are emptied outright.
    assertTrue(statements(cfg, "resource").contains("keep_keys(resource.attributes, [])"), file);
    assertTrue(statements(cfg, "scope").contains("keep_keys(scope.attributes, [])"), file);
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void theScopeVersionStoredIsAReleasedOne(String file) throws IOException {
    // The filter lets any 1.y.z through; what is stored is one of EventSchema.VERSIONS, else this
    // collector's own (EventSchema.VERSION), never numbers a client chose.
    String released = EventSchema.VERSIONS.stream().map(v -> v.replace(".", "\\\\."))
        .collect(Collectors.joining("|"));
    assertEquals(
        List.of("keep_keys(scope.attributes, [])", "set(scope.dropped_attributes_count, 0)", "set(scope.schema_url, \"\")",
            "set(scope.version, \"" + EventSchema.VERSION + "\") where not IsMatch(scope.version, \"^(" + released + ")$\")"),
        statements(load(file), "scope"), file + ": the scope's statements");
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void transformEndsByRebuildingEverySchemaKeySortedByKey(String file) throws IOException {
    // The exporters keep the list's order: the scrub's last statements put every schema key back
    // in one order, so a key missing here would be dropped and a client's order never stored.
    List<String> log = statements(load(file), "log");
    List<String> expected = new ArrayList<>();
    expected.add("set(log.cache[\"sorted_attributes\"], {})");
    for (String key : new TreeSet<>(EventSchema.attributeKeys())) {
      expected.add("set(log.cache[\"sorted_attributes\"][\"" + key + "\"], log.attributes[\"" + key
          + "\"]) where log.attributes[\"" + key + "\"] != nil");
    }
    expected.add("set(log.attributes, log.cache[\"sorted_attributes\"])");
    assertTrue(log.size() >= expected.size(), file);
    assertEquals(expected, log.subList(log.size() - expected.size(), log.size()), file + ": the last statements");
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void transformEnforcesTypesLengthsAndRanges(String file) throws IOException {
    List<String> log = statements(load(file), "log");
    Map<String, String> types = new TreeMap<>();
    Map<String, Integer> lengths = new TreeMap<>();
    Map<String, long[]> clamps = clamps(log);
    for (String s : log) {
      Matcher t = TYPE.matcher(s);
      if (t.matches()) {
        assertEquals(null, types.put(t.group(1), t.group(2)), "duplicate type rule: " + s);
      }
      Matcher c = LENGTH.matcher(s);
      if (c.matches()) {
        assertEquals(fallbackOrRemoval(Attribute.forKey(c.group(2))), c.group(1),
            "a value over maxLength gets the fallback or is removed, as Sanitizer does, never cut: " + s);
        assertEquals(null, lengths.put(c.group(2), Integer.parseInt(c.group(3))), "duplicate: " + s);
      }
      assertFalse(s.contains("Substring("), "no value is cut: a prefix of a value is another value: " + s);
    }
    Map<String, String> expectedTypes = new TreeMap<>();
    for (Attribute a : Attribute.values()) {
      expectedTypes.put(a.key(), a.type() == AttributeType.STRING ? "IsString" : "IsInt");
    }
    assertEquals(expectedTypes, types, file + " type rules");

    Map<String, Integer> expectedLengths = new TreeMap<>();
    for (Attribute a : ofType(AttributeType.STRING)) {
      expectedLengths.put(a.key(), a.maxLength());
    }
    assertEquals(expectedLengths, lengths, file + " length limits (Attribute.maxLength)");

    Map<String, List<Long>> expectedClamps = new TreeMap<>();
    for (Attribute a : ofType(AttributeType.INT)) {
      expectedClamps.put(a.key(), List.of(0L, a.maxValue()));
    }
    Map<String, List<Long>> actualClamps = new TreeMap<>();
    clamps.forEach((k, v) -> actualClamps.put(k, List.of(v[0], v[1])));
    assertEquals(expectedClamps, actualClamps, file + " integer ranges (0..Attribute.maxValue)");
  }

  /** The keys of the {@code log.attributes["K"]} references in {@code text}, in order. */
  static List<String> keysIn(String text) {
    List<String> keys = new ArrayList<>();
    Matcher m = ANY_KEY_REF.matcher(text);
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  /** The collector's count rules for one whole and its parts, run in Java as the YAML states them. */
  record PartsRule(Map<String, long[]> clamps, List<String> parts, String whole, Map<String, Long> resets) {
    Map<String, Long> apply(Map<String, Long> raw) {
      Map<String, Long> out = new TreeMap<>();
      raw.forEach((k, v) -> {
        long[] range = clamps.get(k);
        out.put(k, v < range[0] ? range[0] : v > range[1] ? range[1] : v);
      });
      if (parts.stream().mapToLong(out::get).sum() > out.get(whole)) {
        out.putAll(resets);
      }
      return out;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void destinationKindsOverTheTotalAreSetAsTbotOtelSetsThem(String file) throws IOException {
    List<String> log = statements(load(file), "log");
    Attribute whole = Attribute.DESTINATIONS_CONFIGURED;
    List<String> partKeys = whole.parts().stream().map(Attribute::key).collect(Collectors.toList());
    assertFalse(partKeys.isEmpty(), "the schema's per-kind counts are parts of " + whole.key());
    int lastClamp = -1;
    int overAt = -1;
    Matcher over = null;
    for (int i = 0; i < log.size(); i++) {
      if (CLAMP.matcher(log.get(i)).matches()) {
        lastClamp = i;
      }
      Matcher m = PARTS_OVER.matcher(log.get(i));
      if (m.matches()) {
        assertEquals(-1, overAt, file + ": one comparison of parts and whole: " + log.get(i));
        overAt = i;
        over = m;
      }
    }
    assertNotNull(over, file + ": no statement compares the parts of " + whole.key() + " with it");
    assertTrue(overAt > lastClamp, file + ": the rule reads the clamped counts, as Sanitizer.counts does");
    String flag = over.group(1);
    assertEquals(partKeys, keysIn(over.group(3)), file + ": the sum is of Attribute.parts()");
    assertEquals(whole.key(), over.group(4), file + ": compared with the whole");
    List<String> guarded = new ArrayList<>(List.of(whole.key()));
    guarded.addAll(partKeys);
    assertEquals(guarded, keysIn(over.group(2)), file + ": every count is an int before the sum (a nil fails it)");
    Map<String, Long> resets = new TreeMap<>();
    for (int i = 0; i < log.size(); i++) {
      Matcher m = PART_RESET.matcher(log.get(i));
      if (m.matches() && m.group(3).equals(flag)) {
        assertTrue(i > overAt, file + ": reset after the comparison: " + log.get(i));
        assertEquals(null, resets.put(m.group(1), Long.parseLong(m.group(2))), "dup: " + log.get(i));
      }
    }
    assertEquals(new TreeSet<>(partKeys), resets.keySet(), file + ": every part, and only parts, reset");

    // Run in Java as the YAML states it, against what tbot-otel's event sends for the same counts.
    PartsRule rule = new PartsRule(clamps(log), partKeys, whole.key(), resets);
    List<Attribute> counts = SchemaCounts.ALL; // DestinationCounts' order
    List<String> differ = new ArrayList<>();
    for (int[] c : partsCorpus(counts.size())) {
      StartEvent e = StartEvent.builder().setDestinations(SchemaCounts.of(c)).build();
      Map<String, Long> raw = new TreeMap<>();
      Map<String, Long> sent = new TreeMap<>();
      for (int j = 0; j < counts.size(); j++) {
        raw.put(counts.get(j).key(), (long) c[j]);
        sent.put(counts.get(j).key(), (Long) e.get(counts.get(j)));
      }
      if (!rule.apply(raw).equals(sent)) {
        differ.add(raw + ": collector " + rule.apply(raw) + ", tbot-otel " + sent);
      }
    }
    assertEquals(List.of(), differ.subList(0, Math.min(10, differ.size())),
        file + ": the collector's count rules and Sanitizer differ (" + differ.size() + " cases)");
  }

  /**
   * Counts to run the parts rule on, {@code size} values each (the total, then one per part, as
   * {@link SchemaCounts#of} takes them), so that every kind of the schema is in them: the edge
   * cases, then 5000 random ones. With the schema's three kinds the corpus is the one this test
   * spelled out before.
   */
  static List<int[]> partsCorpus(int size) {
    int n = size - 1;
    int[] upToN = IntStream.rangeClosed(1, n).toArray(); // 1, 2, 3 ...
    int sum = IntStream.of(upToN).sum();
    int[] over = kinds(n, 1001); // one kind over the bound, the last 2: over the clamped total
    over[n - 1] = 2;
    List<int[]> corpus = new ArrayList<>(List.of(
        counts(0, filled(n, 1000)), // every kind, over a total of 0
        counts(sum, upToN), // the kinds add up to the total
        counts(sum - 1, upToN), // one over it
        counts(1000, kinds(n, 1000)), // one kind is all of the total
        counts(5000, over),
        counts(1500, kinds(n, 800, 700)), // within the total, but not once clamped
        counts(0, filled(n, 0)),
        counts(1001, filled(n, 1001))));
    Random random = new Random(20261202L);
    for (int i = 0; i < 5000; i++) {
      int[] c = new int[size];
      for (int j = 0; j < size; j++) {
        c[j] = random.nextInt(4) == 0 ? random.nextInt(2500) : random.nextInt(8);
      }
      corpus.add(c);
    }
    return corpus;
  }

  private static int[] counts(int total, int[] kinds) {
    return IntStream.concat(IntStream.of(total), IntStream.of(kinds)).toArray();
  }

  private static int[] filled(int n, int value) {
    int[] kinds = new int[n];
    Arrays.fill(kinds, value);
    return kinds;
  }

  /** {@code n} kinds: {@code first} for the first ones, 0 for the rest. */
  private static int[] kinds(int n, int... first) {
    return Arrays.copyOf(first, n);
  }

  /** The clamp statements' ranges, key to {lowest, highest}. */
  static Map<String, long[]> clamps(List<String> log) {
    Map<String, long[]> clamps = new TreeMap<>();
    for (String s : log) {
      Matcher k = CLAMP.matcher(s);
      if (k.matches()) {
        assertEquals(k.group(2), k.group(4), "clamp value and bound differ: " + s);
        long[] range = clamps.computeIfAbsent(k.group(1), x -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE});
        range[k.group(3).equals("<") ? 0 : 1] = Long.parseLong(k.group(2));
      }
    }
    return clamps;
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void transformEnforcesAllowedValuesAndPatterns(String file) throws IOException {
    List<String> log = statements(load(file), "log");
    // key -> [action, regex]
    Map<String, List<String>> rules = new TreeMap<>();
    for (String s : log) {
      Matcher m = VALUE_RULE.matcher(s);
      if (m.matches()) {
        assertEquals(null, rules.put(m.group(2), List.of(m.group(1), ottlUnescape(m.group(3)))), "dup: " + s);
      }
    }
    Map<String, List<String>> expected = new TreeMap<>();
    for (Attribute a : ofType(AttributeType.STRING)) {
      String regex;
      if (!a.allowedValues().isEmpty()) {
        regex = "^(" + String.join("|", a.allowedValues()) + ")$";
      } else if (a.pattern() != null) {
        regex = "^" + a.pattern().pattern() + "$";
      } else {
        continue;
      }
      expected.put(a.key(), List.of(fallbackOrRemoval(a), regex));
    }
    Map<String, String> differ = new TreeMap<>();
    TreeSet<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(rules.keySet());
    for (String key : keys) {
      if (!Objects.equals(expected.get(key), rules.get(key))) {
        differ.put(key, "the schema's " + expected.get(key) + ", the file's " + rules.get(key));
      }
    }
    assertEquals(Map.of(), differ, file + " value rules that differ from the schema's"
        + " (Attribute.allowedValues/pattern/fallback)");
  }

  /**
   * The named values of {@link #helperCorpus()}: each kind the screen spells out and its near misses.
   * docs/conformance/tbot-start-cases.json has each as a case ({@code ConformanceCasesCollectorTest}).
   */
  static List<String> namedHelperCases() {
    return List.of(
        "gha:teleport-actions/auth", "v2.0.1", "2.0.1", "gitlab-ci", "main", "teleport-actions/auth@v2",
        "circleci:orb/teleport@1.2.3", "a", "x".repeat(64), "tf:teleport/provider_v18.1.0", "helm:tbot-18.1.0",
        // a credential for each key prefix, short enough that only the prefix catches it, then longer ones
        "eyJhbGci", "ghp_abc", "gho_abc", "ghs_abc", "ghu_abc", "ghr_abc", "gha:github_pat_11ABCDEFG",
        "glpat-xxxxxxxxxxxxxxxxxxxx", "glrt-abc", "akiaexample", "gha:ASIAEXAMPLE", "xoxb-1234-abcd", "sk-proj-abc",
        "sk_live_abc", "rk_live_abc", "Bearer:abc", "AIzaSyA1234", "ya29.a0AfH6SM", "npm_abcdef",
        "pypi-AgEIcHlwaS5vcmc", "hvs.2CAESIJ", "hvs.CAESIJ", "AKIAEXAMPLE",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", "gha:eyJhbGciOiJIUzI1NiJ9", "ghp_1234567890abcdefghijABCDEFGHIJ123456",
        "AKIAIOSFODNN7EXAMPLE", "gha:ASIAY34FZKBOKMUTVV7A", "123456789012", "a1b2c3d4e5f6g7h8i9j0k",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709", "v2.0.1-123e4567-e89b-12d3-a456-426614174000",
        "build_9f86d081884c7d659a2feaa0c55ad015", "alice@example.com", "gha:runner@ci.corp.internal",
        "ci.example.com", "gha:github.com/org/repo", "10.0.0.12", "runner-192.168.1.20", "fe80::1",
        "2001:db8:0:0:1", "runner-42.local", "RUNNER.EXAMPLE.COM", "2024.10.0.0.1", "2001:db8:85a3:8a2e:370:7334",
        "2001:DB8:85A3:8A2E:370:7334", "alice@laptop", "gha:runner@build-box", "ci@x", "orb@latest", "a@b/c",
        "gitlab:teleport/ci-component@v1.2.0", "orb@1.2.3", "circleci:orb/teleport@1", "ip-10-0-1-23",
        "runner-ip-172-31-5-9", "gha:ip-10-0-1-23/auth", "10-0-0-1", "runner-1-2-3-4", "build-1234-5-6-7",
        "build-10-0-0-1234", "tool-1-2-3", "release-2024-06-01", "v1-2-3",
        // an IPv4 with '_' or '/', a MAC address, a cloud instance's id, and near misses of each
        "runner_10_0_1_23", "gha:net/10/0/1/23", "ci:10_0-1/23", "host_192_168_1_20/tbot", "tool_1_2_3",
        "gha:org/1/2/3", "release_2024_06_01", "a/1/2/3/1234", "ci:1.2_3-4", "00-1A-2b-3C-4d-5E",
        "gha:runner_00_1a_2b_3c_4d_5e", "tbot-aa-bb-cc-dd-ee-ff/v1", "0a-1B-2c-3D-4e-5F", "A0-1b-2c-3d-4e-5f",
        "host001a-2b-3c-4d-5e-6f", "001a.2b3c.4d5e", "0a1B.2c3D.4e5F", "k8s:AABB.CCDD.EEFF", "aa:bb:cc:dd:ee:ff",
        "aa-bb-cc-dd-ee", "aa-bb-cc-dd-ee_f", "0a1.2b3c.4d5e", "abcd.ef01", "i-0abc123def4567890",
        "gha:i-0abc123def4567890/auth", "i-0abc123def45678901", "i-1a2b3c4d", "runner-vol-049df61146c4d7901",
        "sg-deadbeef", "eni-12345678", "vpc-0a1b2c3d4e5f60718", "r-1a2b3c4d", "vol-1a2b3c4d", "snap-1a2b3c4d",
        "ami-1a2b3c4d", "subnet-1a2b3c4d", "vpc-1a2b3c4d", "gha:i-1a2b3c4d/v1", "i-abc", "i-0abc123def456789",
        "i-0ABC123DEF4567890", "x-1a2b3c4d", "gha:api-deadbeef", "I-1A2B3C4D", "ui-1a2b3c4d", "Ui-1a2b3c4d",
        "0i-1a2b3c4d", "i-1a2b3c4dx", "i-1a2b3c4dX", "i-1a2b3c4d0",
        // a container's short id, a MAC without separators, and near misses
        "f3a9c1b2d4e5", "gha:runner-f3a9c1b2d4e5", "docker:f3a9c1b2d4e5/v1", "001A2B3C4D5E", "0a1B2c3D4e5F",
        "f3a9c1b2d4e", "f3a9c1b2d4e5a", "xf3a9c1b2d4e5", "Xf3a9c1b2d4e5", "0f3a9c1b2d4e5", "f3a9c1b2d4e5x",
        "f3a9c1b2d4e5X", "f3a9c1b2d4e50",
        "gha:teleport-actions/auth-v2-0-1", "tbot-7d9f8b6c5-x2k4q", "gha:tbot-5d8c9b7f4d-q7w2z",
        "k8s:tbot-7d9f8b6c5-x2k4q/v1", "tbot-bcdfghjk-zzzzz", "tbot-bcdfghjkzzz-zzzzz", "tbot-x2k4q",
        // a pod's 5-character suffix in each shape the screen spells out (RE2 has no look-ahead)
        "tbot-2bzzz", "tbot-b2zzz", "tbot-22bzz", "tbot-bb2zz", "tbot-222bz", "tbot-bbb2z", "tbot-2222b", "tbot-bbbb2",
        "abcde:abcde:abcde:x", "tbot-agent-4x9bz", "tf:my-terraform-cloud", "step.ciRun2", "123456789ABCDEFGHIJK",
        // a Deployment's pod whose suffix has no digit, then words that run on past such a suffix
        "k8s:tbot-7d9f8b6c5-xzkbq/v1", "tbot-7d9f8b6c5-xzkbqa", "tbot-7d9f8b6c5-xzkbqA", "tbot-7d9f8b6c5-xzkbq2",
        "tbot-7d9f8b6c5-xzkbq_",
        "k8s:tbot-agent", "tbot-zzzzz", "tbot-ready-check", "gha:machine-identity-stable", "a.b", "x@v", "x@v1",
        "x@", "1.2.3.4.5", "abcdefghij0123456789", "abcdefghij012345678", "a-b-c-d-e-f-g-h-i-j-0-1-2-3-4-5-6-7-8-9",
        // a URL, which only the scheme's :// gives away, and near misses
        "http://intranet/alice", "gha:ssh://buildbox/repo", "localhost://x", "a:/b", "a//b", "a:b//c",
        // a path (schema 1.1.3), and near misses: each kind the screen spells out, each root it names
        "C:/Users/alice", "c:/tbot", "gha:/home/alice/.tbot", "gha:/", "x:/", "gha:x//home", "a:///b",
        "home/alice/.tbot", "gha:.tbot", "gha:x/./y", "gha:x/../y", "tbot/..", "a:..", "home/alice", "Users/alice",
        "gha:home/alice", "users/alice", "HOME/alice", "root/tbot", "tmp/tbot", "var/lib/teleport", "etc/tbot",
        "opt/tbot", "usr/local/tbot", "mnt/data", "srv/tbot", "private/var/tbot", "Volumes/data",
        "gha:teleport-actions/auth-k8s", "gha:teleport-actions/database-tunnel", "gitlab:component/tbot@v1",
        "terraform-provider-teleport", "k8s-operator", "auth@v2", "gha:org/home/x", "tbot/tmp", "tmp", "gha:home",
        "homebrew:tbot", "gha:homelab/tbot", "myhome/x", "gha:etc-tool/x", "users-tool/x", "root_x/y", "a./b",
        "a.:b", "gha:x./y", "a/b:c", "a:b/c", "xhome/a", "x:home", "home:/a",
        // a base64 key (schema 1.1.4): AWS's example secret, around the run's 32 characters, each
        // kind of character missing in turn, runs cut by each separator
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "gha:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "Ab1/Cd2/Ef3/Gh4/Ij5/Kl6/Mn7/Op8/", "Ab1/Cd2/Ef3/Gh4/Ij5/Kl6/Mn7/Op8", "ab1/cd2/ef3/gh4/ij5/kl6/mn7/op8/",
        "AB1/CD2/EF3/GH4/IJ5/KL6/MN7/OP8/", "Abc/Def/Ghi/Jkl/Mno/Pqr/Stu/Vwx/", "Ab1/Cd2/Ef3/Gh4-Ij5/Kl6/Mn7/Op8/",
        "Ab1/Cd2/Ef3/Gh4:Ij5/Kl6/Mn7/Op8/", "Ab1/Cd2/Ef3/Gh4_Ij5/Kl6/Mn7/Op8/", "Ab1/Cd2/Ef3/Gh4.Ij5/Kl6/Mn7/Op8/",
        "Ab1/Cd2/Ef3/Gh4@Ij5/Kl6/Mn7/Op8/", "gha:myorganization/myrepository/auth", "0/A/b/0000000000000000000000000",
        // an @ before a host name led by a digit or by v and a digit (schema 1.1.5), each way a
        // version after an @ can go wrong (too many digits or numbers, a letter, '.', '_' or '-'
        // after it), and whole versions followed by what may follow one
        "root@10host", "alice@3rd-floor-pc", "bob@v2-laptop", "ci@1.2.3.4", "orb@1.2.3x", "orb@1.2.", "orb@1.",
        "orb@1234", "orb@1.2345", "orb@1.2.3456", "orb@v1234", "orb@1_x", "orb@1-beta", "orb@v2.", "orb@1.2.3.",
        "orb@999.999.999", "auth@v2/step", "auth@v2:x", "a@1@2", "a@1@x", "a@v1.2@3", "orb@1.2.3/x@v4",
        // schema 1.1.6: 9 digits (an IPv4 address as one number), 12 digits and 32 hex digits across
        // separators, a MAC address with dots or in groups of four, users' directories after a '/', near misses
        "ci:167772161", "abcdefghijklm012345", "a1b2c3d4e5f6a7b8c9d:0e1f2a3b4c5d6e7f8a9",
        "gha:a1b2c3d4e5f6a7b8/c9d0e1f2a3b4c5d6", "A1B2C3D4E5F6A7B8.C9D0E1F2A3B4C5D6",
        "a1b2c3d4-e5f6a7b8_c9d0e1f2@a3b4c5d6", "a1b2c3d4e5f6a7b:8c9d0e1f2a3b4c5d",
        "a1b2c3d4e5f6a7b8:xc9d0e1f2a3b4c5d6", "0a--1b--2c--3d--4e--5f--6a--7b--8c--9d--0e--1f--2a--3b--4c--5d",
        "00.1b.63.84.45.e6", "gha:runner-AA.BB.CC.DD.EE.FF/v1", "0a.1B_2c-3D.4e.5F", "0a.1b.2c.3d.4e", "10.20.30",
        "builds/home/alice", "ci:runner/Users/alice", "a/b/HOME/c", "x/users/", "gha:org/tmp/x", "gha:org/home",
        "gha:org/myhome/x", "ABCDEF:ABCDEF:ABCDEF:ABCDEF:ABCDEF:AB", "abcdef/abcdef/abcdef/abcdef/abcdef/ab",
        "a1b2c3d4e5f6a7b@1/0e1f2a3b4c5d6e7f", "BCDEF:ABCDEF:ABCDEF:ABCDEF:ABCDEF:AB",
        "1b2c3d4e5f6a7b@1/0e1f2a3b4c5d6e7f", "1234567ABCDEFGHIJKLM", "eni-1a2b3c4d", "orb@1.2.3X",
        "AB.C.D.E.F.A.B.C.D.E.F.A.B.C.D.E.F.A.B.C.D.E.F.A.B.C.D.E.F.A.B", "ABCDEF_ABCDEF_ABCDEF_ABCDEF_ABCDEF_AB",
        "abcdef-abcdef-abcdef-abcdef-abcdef-ab", "gha:run-17331972", "nightly-20241207", "1234-5678-9012",
        "aws:1234-5678-9012/deploy", "44.20.7946.0958", "123-45678-9012", "123_45678_9012", "123:45678:9012",
        "1234/5678/9012", "1234567@8/9012", "4.20.7946.0958", "23-45678-9012", "234567@8/9012", "001b-6384-45e6",
        "001B_6384_45E6", "001b:6384:45e6", "001b-6384-45e", "001b/6384/45e6", "volume1/homes/alice", "homes/alice",
        "gha:Homes/x", "gha:org/homesick/x", "build-24.12.07.10.30.15", "orb@1.2.3.4567",
        // the base64 rule's three kinds in each order only (ConfigMutation found the orders' alternatives unpinned)
        "ABCDEFGHIJKLMNOP/abcdefghijklmno/0", "ABCDEFGHIJKLMNOP/0/abcdefghijklmno",
        "abcdefghijklmnop/ABCDEFGHIJKLMNO/0", "abcdefghijklmnop/0/ABCDEFGHIJKLMNO", "0/ABCDEFGHIJKLMNOP/abcdefghijklmno",
        "0/abcdefghijklmnop/ABCDEFGHIJKLMNO",
        // schema 1.1.7: an IPv4 address after a dot that follows no digit, a pod's suffix of consonants
        // only, each kind of suffix by the place of its first consonant; near misses of each
        "runner.10.9.8.7", "gha:ci.10.0.1.23", "x.192.168.1.23/tbot", "a..10.0.0.1", "nightly.2024.10.0.0.1",
        "v2024.10.0.0.1", "a.1.2.3", "a.1.2.3.4.5", "tbot-xkbqz", "tbot-runner-xkbqz", "gha:tbot-xkbqz/v1",
        "tbot-zzzzz", "tbot-bzzzz", "tbot-2bzzz", "tbot-22bzz", "tbot-222bz", "tbot-2222b", "build-24567",
        "tbot-99999", "t-bcdfghjkzzz-22222", "tbot-xkbqza", "tbot-xkbq", "proxy-https", "tbot-7d9f8b6c5-22222",
        "k8s:tbot-7d9f8b6c5-22222/v1",
        // schema 1.1.8: Windows' generated computer names, IPv6 with dashes; near misses of each
        "DESKTOP-AB12CDE", "gha:LAPTOP-A1B2C3D4/x", "WIN-3K5J8Q0M2N1", "ci:DESKTOP-ABCDEFG", "x-DESKTOP-AB12CDE-y",
        "fe80--1", "2001-db8--1", "k8s:fe80--a1b2/x", "2001-db8-85a3-0-0-8a2e-370-7334", "ab--", "x:--1", "a--",
        "desktop-release", "DESKTOP-APP", "DESKTOP-AB12CDEF", "LAPTOP-A1B2C3D", "WIN-X64", "WIN-3K5J8Q0M2N", "win-3k5j8q0m2n1",
        "xDESKTOP-AB12CDE", "DESKTOP-AB12CDEx", "deploy--v2", "tool--fix", "abc-d-ef-1-ab-2-cd", "a-b-c-d-e-f-0",
        "a-b-c-d-e-f-0-1", "a-b-c-d-e-f-0-1-2", "release--candidate", "a---b", "fe80--1g", "gfe80--1", "fe80--1-",
        // each class item and bound of the new RE2 (ConfigMutation found them unpinned)
        "FE80--1", "2001-DB8--1", "fe80--A1", "fe80--1-2", "fe80--1-A", "fe80--1-a", "1-b-c-d-e-f-a-b", "A-b-c-d-e-f-a-b",
        "a-B-c-d-e-f-a-b", "x:a-b-c-d-e-f-0-1", "a-b-c-d-e-f-0-1/x", "fe80--1G", "Xa-b-c-d-e-f-0-1", "ga-b-c-d-e-f-0-1",
        "12345-b-c-d-e-f-0-1", "a-b-c-d-e-f-0-1G", "a-b-c-d-e-f-0-1g", "a-b-c-d-e-f-0-12345", "XDESKTOP-AB12CDE",
        "9DESKTOP-AB12CDE", "DESKTOP-AB12CDE9", "Gfe80--1",
        // schema 1.1.9: Windows' generated names in any case and AWS's, computers named after their
        // owners; near misses of each
        "desktop-ab12cde", "Desktop-Ab12cde", "laptop-a1b2c3d4",
        "EC2AMAZ-4B5I3RO", "ec2amaz-4b5i3ro", "gha:EC2AMAZ-4B5I3RO/x", "JOHN-PC", "john-pc",
        "gha:JOHN-PC/x", "office2-pc", "Alices-MacBook-Pro", "Alices-MacBook-Pro-2", "Johns-iMac", "Bobs-Mac-mini",
        "Bobs-Mac-Studio", "alice-mbp", "Alices-Mac", "ci:alices-macbook/x",
        "EC2AMAZ-4B5I3R", "EC2AMAZ-4B5I3ROX", "xEC2AMAZ-4B5I3RO", "desktop-ab12cd", "laptop-a1b2c3d",
        "win-3k5j8q0m2n", "desktop-releases", "tool-pcb", "JOHN-PCx", "JOHN-PC9", "gha:-pc", "gha:pc", "mac",
        "macbook-setup", "gha:macos-runner", "tool-macos", "x-imacs", "setup_mac", "x.-mbp", "xmbp", "JOHN-PCX",
        // versions
        "v2", "v2.1", "v2.0.1-rc.1", "2.0.0-beta", "3.1-dev", "v2-rc", "999.999.999-alpha.999");
  }

  /**
   * Helper values of every kind tbot-otel's SanitizerTest names (good ones, credentials, addresses,
   * user@host, versions after an @, dashed IPs and numbers that are none, pod names and words that
   * are none), plus seeded random values built from such pieces: the screen's corpus.
   */
  static List<String> helperCorpus() {
    List<String> corpus = new ArrayList<>(namedHelperCases());
    String[] pieces = {"gha", "tbot", "ip", "10", "0", "1", "23", "192", "168", "255", "example", "com", "corp",
        "internal", "alice", "v2", "v", "1.2.3", "x2k4q", "7d9f8b6c5", "bcdfghjk", "zzzzz", "ghp_x", "AKIA", "eyJ",
        "sk-", "Bearer", "ya29.", "abc123def456", "da39a3ee5e6b4b0d3255", "fe80", "db8", "2024", "06", "q7w2z",
        "1234567890", "teleport-actions", "auth", "orb", "latest", "A1", "z9", "io", "k8s", "aa", "0F", "5e",
        "2b3c", "i", "vol", "sg", "deadbeef", "0abc123def4567890", "1a2b3c4d", "0abc123def456789", "f3a9c1", "b2d4e5",
        "home", "Users", "tmp", "var", "C", ".tbot", "..", "wJalrXUtnFEMI", "K7MDENG", "bPxRfiCYEXAMPLEKEY",
        "Ab1Cd2Ef3"};
    String separators = "._:/@-";
    Random random = new Random(20261202L);
    for (int i = 0; i < 20000; i++) {
      StringBuilder b = new StringBuilder(pieces[random.nextInt(pieces.length)]);
      int more = random.nextInt(6);
      for (int j = 0; j < more; j++) {
        if (random.nextInt(4) != 0) {
          b.append(separators.charAt(random.nextInt(separators.length())));
        }
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      corpus.add(b.toString());
    }
    return corpus;
  }

  /**
   * The collector's screen for one attribute, run in Java on the regular expressions of the YAML:
   * one direct rule, then each copy into log.cache (the run rule's, the base64 rule's) with its
   * replacements and its check.
   */
  record Screen(Pattern direct, List<Copy> copies) {
    boolean removes(String value) {
      return direct.matcher(value).find() || copies.stream().anyMatch(c -> c.removes(value));
    }
  }

  /** A copy of the value in log.cache, its replacements in order, and the check that removes the value. */
  record Copy(List<String[]> replacements, Pattern rest) {
    boolean removes(String value) {
      String copy = " " + value + " ";
      for (String[] r : replacements) {
        copy = copy.replaceAll(r[0], r[1]);
      }
      return rest.matcher(copy).find();
    }
  }

  static Screen screen(List<String> log, String key) {
    String attr = Pattern.quote("log.attributes[\"" + key + "\"]");
    Pattern direct = Pattern.compile(Pattern.quote("delete_key(log.attributes, \"" + key + "\") where IsString(")
        + attr + "\\) and IsMatch\\(" + attr + ", \"(.*)\"\\)");
    Pattern copyInto = Pattern.compile(Pattern.quote("set(log.cache[\"") + "(screen_" + Pattern.quote(key)
        + "(?:_[a-z0-9]+)?)" + Pattern.quote("\"], Concat([\" \", log.attributes[\"" + key + "\"], \" \"], \"\"))"
        + " where IsString(log.attributes[\"" + key + "\"])"));
    String directRegex = null;
    int directAt = -1;
    List<Copy> copies = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      Matcher d = direct.matcher(log.get(i));
      if (d.matches()) {
        assertEquals(null, directRegex, key + ": one direct screen");
        directRegex = ottlUnescape(d.group(1));
        directAt = i;
      }
      Matcher c = copyInto.matcher(log.get(i));
      if (c.matches()) {
        assertTrue(directAt >= 0, key + ": the direct screen runs before each copy");
        copies.add(copy(log, i, c.group(1)));
      }
    }
    assertNotNull(directRegex, key + ": no direct screen");
    assertFalse(copies.isEmpty(), key + ": no copy into log.cache");
    return new Screen(Pattern.compile(directRegex), copies);
  }

  /** The replacements and the check of the copy into log.cache[name] at statement copyAt. */
  private static Copy copy(List<String> log, int copyAt, String name) {
    String cache = Pattern.quote("log.cache[\"" + name + "\"]");
    Pattern replace = Pattern.compile("replace_pattern\\(" + cache + ", \"(.*?)\", \"(.*?)\"\\)");
    Pattern rest = Pattern.compile(".*" + cache + ".*");
    Pattern check = Pattern.compile(Pattern.quote("delete_key(log.attributes, \"") + "[a-z_]+"
        + Pattern.quote("\") where IsMatch(") + cache + ", \"(.*)\"\\)");
    List<String[]> replacements = new ArrayList<>();
    for (int i = copyAt + 1; i < log.size(); i++) {
      if (!rest.matcher(log.get(i)).matches()) {
        continue;
      }
      Matcher r = replace.matcher(log.get(i));
      Matcher t = check.matcher(log.get(i));
      if (r.matches()) {
        replacements.add(new String[] {ottlUnescape(r.group(1)), ottlUnescape(r.group(2))});
      } else if (t.matches()) {
        return new Copy(replacements, Pattern.compile(ottlUnescape(t.group(1))));
      } else {
        fail(name + ": after the copy, only replacements and one check: " + log.get(i));
      }
    }
    fail(name + ": no check of the copy");
    return null;
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void helperValuesAreScreenedAsTbotOtelScreensThem(String file) throws IOException {
    List<String> log = statements(load(file), "log");
    List<String> corpus = helperCorpus();
    int checked = 0;
    for (Attribute a : Attribute.values()) {
      if (!a.screened()) {
        // Sanitizer screens free text only (helper): nor may the collector screen anything else,
        // where no value its rule takes could be told apart.
        assertTrue(log.stream().noneMatch(x -> x.contains("screen_" + a.key()) || (x.contains("\"" + a.key()
            + "\") where IsString(") && x.contains(" and IsMatch("))), file + " " + a.key() + ": a screen");
        continue;
      }
      Screen screen = screen(log, a.key());
      List<String> differ = new ArrayList<>();
      for (String value : corpus) {
        if (value.length() > a.maxLength() || !a.pattern().matcher(value).matches()) {
          continue; // removed before the screen, on both sides
        }
        StartEvent.Builder b = StartEvent.builder().setHelper(a == Attribute.HELPER ? value : "gha");
        if (a != Attribute.HELPER) {
          b.setHelperVersion(value);
        }
        boolean tbotOtelSends = b.build().get(a) != null;
        if (tbotOtelSends == screen.removes(value)) {
          differ.add(value + (tbotOtelSends ? " (tbot-otel sends it)" : " (tbot-otel drops it)"));
        }
        checked++;
      }
      assertEquals(List.of(), differ.subList(0, Math.min(20, differ.size())),
          file + " " + a.key() + ": the collector's screen and Sanitizer differ (" + differ.size() + " values)");
      // The screens run after the pattern rules, and before helper_version is dropped for want of
      // a helper, so that one follows a helper the screen removed.
      int ruleAt = -1;
      for (int i = 0; i < log.size(); i++) {
        Matcher m = VALUE_RULE.matcher(log.get(i));
        if (m.matches() && m.group(2).equals(a.key())) {
          ruleAt = i;
        }
      }
      int orphanAt = log.indexOf("delete_key(log.attributes, \"helper_version\") where log.attributes[\"helper\"] == nil");
      String first = log.stream().filter(x -> x.contains("\"" + a.key() + "\") where IsString(") && x.contains(" and IsMatch("))
          .findFirst().orElseThrow();
      assertTrue(ruleAt >= 0 && ruleAt < log.indexOf(first), file + " " + a.key() + ": screen after the pattern rule");
      assertTrue(orphanAt > log.indexOf(first), file + ": helper_version needs its helper after the screens");
    }
    assertTrue(checked > 10000, "corpus too small: " + checked);
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void completeFilterRequiresTheRequiredAttributes(String file) throws IOException {
    Map<String, Object> filter = at(load(file), "processors", COMPLETE);
    assertEquals("propagate", filter.get("error_mode"));
    List<String> expected =
        Arrays.stream(Attribute.values())
            .filter(Attribute::required)
            .map(a -> "log.attributes[\"" + a.key() + "\"] == nil")
            .collect(Collectors.toList());
    assertEquals(expected, filter.get("log_conditions"), file + " " + COMPLETE);
  }

  /**
   * What every pipeline fed from outside must run, in this order: the privacy chain. The request
   * rebuild comes after the scrub: groupbyattrs merges scopes by name and version alone, keeping the
   * first one's other fields, which only the scrub has emptied by then.
   */
  static final List<String> REQUIRED_CHAIN = List.of("memory_limiter", FILTER, TRANSFORM, REBUILD, COMPLETE, REDACTION);

  /** Each shipped config's whole chain: the required one, plus what that place adds. */
  static final Map<String, List<String>> CHAINS = Map.of(
      "teleport-ingest.yaml", List.of("memory_limiter", FILTER, TRANSFORM, REBUILD, COMPLETE, REDACTION),
      "self-hosted.yaml",
      List.of("memory_limiter", FILTER, TRANSFORM, REBUILD, COMPLETE, REDACTION, "batch/serialize",
          "groupbyattrs/compact", "transform/stamp"),
      "warehouse.yaml",
      List.of("memory_limiter", FILTER, "filter/edge_time", TRANSFORM, REBUILD, COMPLETE, REDACTION));

  /** The edge's receipt time: its UTC hour, so no finer time is stored beside the event. */
  static final String EDGE_STAMP = "set(log.observed_time, TruncateTime(Now(), Duration(\"1h\")))";

  /**
   * What self-hosted.yaml runs after the edge's processors: its batch, which hands requests on from
   * one goroutine, its merge of a batch's requests into one resource (one delta per label set for
   * the counters), then its stamp. After them, not before: a batch merges many clients' requests,
   * each answered 200 as it is queued, and a fail-closed processor that errors drops all it is
   * given (FailClosedTest).
   */
  static final List<String> SELF_HOSTED_TAIL = List.of("batch/serialize", "groupbyattrs/compact", "transform/stamp");

  /** self-hosted.yaml's receipt time, to the nanosecond, after its batch: its counters need distinct times. */
  static final String SELF_HOSTED_STAMP = "set(log.observed_time, Now())";

  /** Both stamps are followed by this: the two times equal. */
  static final String COPY_STAMP = "set(log.time, log.observed_time)";

  /** The warehouse's: the times cut to their hour again (after filter/edge_time checked them). */
  static final List<String> WAREHOUSE_STAMPS =
      List.of("set(log.time, TruncateTime(log.time, Duration(\"1h\")))", "set(log.observed_time, log.time)");

  /**
   * Fails unless {@code chain}, the processors of a pipeline fed from outside, runs {@link
   * #REQUIRED_CHAIN} in its order, each once: so groupbyattrs/fresh after transform/scrub and, as
   * every processor, before the pipeline's exporters; and groupbyattrs/fresh groups by no
   * attribute (a key would move that record attribute onto the resource).
   */
  static void assertRequiredChain(String where, List<String> chain, Map<String, Object> processors) {
    assertEquals(REQUIRED_CHAIN, chain.stream().filter(REQUIRED_CHAIN::contains).collect(Collectors.toList()),
        where + ": the required processors, in order");
    assertEquals(Map.of("keys", List.of()), processors.get(REBUILD), where + ": " + REBUILD + " groups by no attribute");
  }

  /** A receiver that takes data from outside the collector: the OTLP endpoint or the edge's topic. */
  static boolean fromOutside(String receiverId) {
    String type = receiverId.contains("/") ? receiverId.substring(0, receiverId.indexOf('/')) : receiverId;
    return type.equals("otlp") || type.equals("kafka");
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void everyPipelineFedFromOutsideRunsTheRequiredChain(String file) throws IOException {
    Map<String, Object> cfg = load(file);
    Map<String, Object> pipelines = at(cfg, "service", "pipelines");
    List<String> fed = new ArrayList<>();
    for (Map.Entry<String, Object> pipeline : pipelines.entrySet()) {
      String name = pipeline.getKey();
      List<String> receivers = at(pipeline.getValue(), "receivers");
      if (receivers.stream().noneMatch(AllowlistDriftTest::fromOutside)) {
        continue; // fed by a connector, after a chain checked here
      }
      fed.add(name);
      assertTrue(name.equals("logs") || name.startsWith("logs/"), file + ": " + name + " is fed from outside: logs only");
      @SuppressWarnings("unchecked")
      List<String> chain = (List<String>) ((Map<String, Object>) pipeline.getValue()).getOrDefault("processors", List.of());
      assertRequiredChain(file + " " + name, chain, at(cfg, "processors"));
      assertEquals(CHAINS.get(file), chain, file + " " + name);
    }
    assertFalse(fed.isEmpty(), file + ": no pipeline takes events in");
  }

  @Test
  void theRequiredChainCheckFailsWithoutTheRebuildOrWithItBeforeTheScrub() throws IOException {
    // Proves the check above can fail: the shipped edge chain passes, and each of these breaks it.
    Map<String, Object> cfg = load("teleport-ingest.yaml");
    List<String> shipped = at(cfg, "service", "pipelines", "logs", "processors");
    Map<String, Object> processors = at(cfg, "processors");
    assertRequiredChain("shipped", shipped, processors);
    List<String> removed = new ArrayList<>(shipped);
    assertTrue(removed.remove(REBUILD));
    List<String> beforeScrub = new ArrayList<>(removed);
    beforeScrub.add(beforeScrub.indexOf(TRANSFORM), REBUILD);
    List<String> first = new ArrayList<>(removed);
    first.add(0, REBUILD);
    List<String> twice = new ArrayList<>(shipped);
    twice.add(twice.indexOf(TRANSFORM), REBUILD);
    Map<String, List<String>> broken = new LinkedHashMap<>();
    broken.put("removed", removed);
    broken.put("moved before the scrub", beforeScrub);
    broken.put("moved first", first);
    broken.put("also before the scrub", twice);
    for (Map.Entry<String, List<String>> b : broken.entrySet()) {
      assertThrows(AssertionError.class, () -> assertRequiredChain(b.getKey(), b.getValue(), processors),
          b.getKey() + " passed: " + b.getValue());
    }
    Map<String, Object> keyed = new LinkedHashMap<>(processors);
    keyed.put(REBUILD, Map.of("keys", List.of("version")));
    assertThrows(AssertionError.class, () -> assertRequiredChain("keyed", shipped, keyed), "a key passed");
  }

  @Test
  void edgeAndSelfHostedShareReceiverAndProcessors() throws IOException {
    Map<String, Object> ingest = load("teleport-ingest.yaml");
    Map<String, Object> self = load("self-hosted.yaml");
    assertEquals(AllowlistDriftTest.<Object>at(ingest, "receivers"), at(self, "receivers"), "receivers differ");
    List<String> ingestChain = new ArrayList<>(at(ingest, "service", "pipelines", "logs", "processors"));
    List<String> selfChain = new ArrayList<>(at(self, "service", "pipelines", "logs", "processors"));
    List<String> edgeThenTail = new ArrayList<>(ingestChain);
    edgeThenTail.addAll(SELF_HOSTED_TAIL);
    assertEquals(edgeThenTail, selfChain, "self-hosted.yaml's logs processors: the edge's, then " + SELF_HOSTED_TAIL);
    for (String id : ingestChain) {
      assertEquals(
          AllowlistDriftTest.<Object>at(ingest, "processors", id), at(self, "processors", id), "processor " + id + " differs");
    }
    // What follows them merges as the rebuild does (by no attribute: none moves onto the resource)
    // and sets the time to the nanosecond and nothing else (the self-hoster has the addresses
    // anyway; its counters need distinct times).
    assertEquals(Map.of("keys", List.of()), at(self, "processors", "groupbyattrs/compact"), "groupbyattrs/compact");
    assertEquals(
        Map.of("error_mode", "propagate",
            "log_statements", List.of(Map.of("context", "log", "statements", List.of(SELF_HOSTED_STAMP, COPY_STAMP)))),
        at(self, "processors", "transform/stamp"), "transform/stamp");
    assertEquals("memory_limiter", ingestChain.get(0), "memory_limiter must be first");
    assertEquals(REDACTION, ingestChain.get(ingestChain.size() - 1), "redaction must be last");
    // The edge has exactly one pipeline, so the OTLP receiver serves no traces or metrics path.
    Map<String, Object> pipelines = at(ingest, "service", "pipelines");
    assertEquals(List.of("logs"), new ArrayList<>(pipelines.keySet()));
  }

  @Test
  void warehouseRunsTheEdgeProcessorsAgainAndCutsTheCheckedTimesToTheHour() throws IOException {
    Map<String, Object> ingest = load("teleport-ingest.yaml");
    Map<String, Object> wh = load("warehouse.yaml");
    for (String id : List.of(FILTER, REBUILD, COMPLETE, REDACTION)) {
      assertEquals(AllowlistDriftTest.<Object>at(ingest, "processors", id), at(wh, "processors", id), id);
    }
    for (String context : List.of("resource", "scope")) {
      assertEquals(statements(ingest, context), statements(wh, context), TRANSFORM + " " + context);
    }
    List<String> expected = new ArrayList<>(statements(ingest, "log"));
    int stamp = expected.indexOf(EDGE_STAMP);
    assertTrue(stamp >= 0, "the edge stamps the hour of receipt: " + EDGE_STAMP);
    assertEquals(COPY_STAMP, expected.get(stamp + 1), "and copies it to log.time");
    expected.set(stamp, WAREHOUSE_STAMPS.get(0));
    expected.set(stamp + 1, WAREHOUSE_STAMPS.get(1));
    assertEquals(expected, statements(wh, "log"), TRANSFORM + " log: the edge's, but for the times");
    // filter/edge_time checks the times as the producer sent them, before the scrub cuts them to
    // the hour: cut first, two times in one hour would look equal, and one up to an hour past the
    // upper bound would fall inside it.
    assertEquals(List.of("memory_limiter", FILTER, "filter/edge_time", TRANSFORM, REBUILD, COMPLETE, REDACTION),
        at(wh, "service", "pipelines", "logs", "processors"));
  }

  @Test
  void adoptionCountsUseOnlySchemaAttributes() throws IOException {
    Map<String, Object> metric = at(load("self-hosted.yaml"), "connectors", "count/tbot_starts", "logs", "tbot.starts");
    assertEquals(List.of("log.event_name == \"" + EventSchema.EVENT_NAME + "\""), metric.get("conditions"));
    List<Map<String, Object>> attrs = at(metric, "attributes");
    Map<String, Object> byKey = new LinkedHashMap<>();
    for (Map<String, Object> a : attrs) {
      String key = (String) a.get("key");
      if (Attribute.forKey(key) == null) {
        fail("count label is not a schema key: " + key);
      }
      byKey.put(key, a.get("default_value"));
    }
    assertEquals(List.of("version", "join_type", "run_mode", "helper"), new ArrayList<>(byKey.keySet()));
  }

  /**
   * Both internet-facing edges count refused requests the same way, with the same views (the one
   * IngestEndToEndTest runs keeps a client's Host header out of the metrics).
   */
  @Test
  void bothEdgesShapeTheirOwnMetricsAlike() throws IOException {
    Map<String, Object> ingest = at(load("teleport-ingest.yaml"), "service", "telemetry", "metrics");
    Map<String, Object> selfHosted = at(load("self-hosted.yaml"), "service", "telemetry", "metrics");
    assertEquals("detailed", ingest.get("level"));
    assertNotNull(ingest.get("views"), "the views that keep the HTTP metrics to their status code");
    assertEquals(ingest.get("level"), selfHosted.get("level"));
    assertEquals(ingest.get("views"), selfHosted.get("views"));
  }

  @Test
  void ingestReceiverIsHttpOnlyAndBounded() throws IOException {
    Map<String, Object> cfg = load("teleport-ingest.yaml");
    Map<String, Object> protocols = at(cfg, "receivers", "otlp", "protocols");
    assertEquals(List.of("http"), new ArrayList<>(protocols.keySet()), "grpc must stay disabled");
    Map<String, Object> http = at(protocols, "http");
    assertEquals(4096, http.get("max_request_body_size"));
    assertEquals(Boolean.FALSE, http.get("include_metadata"));
    assertEquals(List.of("", "gzip"), http.get("compression_algorithms"));
    for (String t : List.of("read_timeout", "read_header_timeout", "write_timeout", "idle_timeout")) {
      assertNotNull(http.get(t), t);
    }
    assertFalse(http.containsKey("cors"), "no CORS: browsers have no business here");
  }
}
