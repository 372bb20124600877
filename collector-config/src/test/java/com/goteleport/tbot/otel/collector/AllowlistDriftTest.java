package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.AttributeType;
import com.goteleport.tbot.otel.event.EventSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
 * receiver, in every file, runs the required processor chain.
 */
class AllowlistDriftTest {

  private static final String REDACTION = "redaction/allowlist";
  private static final String FILTER = "filter/tbot_start_only";
  private static final String TRANSFORM = "transform/scrub";
  private static final String COMPLETE = "filter/complete";
  private static final String FRESH_RESOURCE = "freshresource";
  private static final String STOCK_FRESH_RESOURCE = "groupbyattrs/fresh";

  // set(log.attributes["K"], Substring(log.attributes["K"], 0, N)) where IsString(...) and Len(log.attributes["K"]) > M
  private static final Pattern TRUNCATE =
      Pattern.compile(
          "set\\(log\\.attributes\\[\"([^\"]+)\"\\], Substring\\(log\\.attributes\\[\"\\1\"\\], 0, (\\d+)\\)\\)"
              + " where IsString\\(log\\.attributes\\[\"\\1\"\\]\\) and Len\\(log\\.attributes\\[\"\\1\"\\]\\) > (\\d+)");
  // delete_key(log.attributes, "K") where not IsString(log.attributes["K"])   (or IsInt)
  private static final Pattern TYPE =
      Pattern.compile(
          "delete_key\\(log\\.attributes, \"([^\"]+)\"\\) where not (IsString|IsInt)\\(log\\.attributes\\[\"\\1\"\\]\\)");
  // set(log.attributes["K"], N) where IsInt(log.attributes["K"]) and log.attributes["K"] (<|>) M
  private static final Pattern CLAMP =
      Pattern.compile(
          "set\\(log\\.attributes\\[\"([^\"]+)\"\\], (\\d+)\\) where IsInt\\(log\\.attributes\\[\"\\1\"\\]\\)"
              + " and log\\.attributes\\[\"\\1\"\\] ([<>]) (\\d+)");
  // ACTION where IsString(log.attributes["K"]) and not IsMatch(log.attributes["K"], "REGEX")
  private static final Pattern VALUE_RULE =
      Pattern.compile(
          "(.+) where IsString\\(log\\.attributes\\[\"([^\"]+)\"\\]\\) and not IsMatch\\(log\\.attributes\\[\"\\2\"\\], \"(.*)\"\\)");
  private static final Pattern KEEP_KEYS = Pattern.compile("keep_keys\\(log\\.attributes, \\[(.*)\\]\\)");
  private static final Pattern ANY_KEY_REF = Pattern.compile("log\\.attributes\\[\"([^\"]+)\"\\]");

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
            "scope.name != \"" + EventSchema.SCOPE_NAME + "\""),
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
      Matcher ref = ANY_KEY_REF.matcher(s);
      while (ref.find()) {
        assertNotNull(Attribute.forKey(ref.group(1)), file + " refers to non-schema key: " + s);
      }
    }
    // Resource and scope attributes are emptied outright.
    assertTrue(statements(cfg, "resource").contains("keep_keys(resource.attributes, [])"), file);
    assertTrue(statements(cfg, "scope").contains("keep_keys(scope.attributes, [])"), file);
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void transformEnforcesTypesLengthsAndRanges(String file) throws IOException {
    List<String> log = statements(load(file), "log");
    Map<String, String> types = new TreeMap<>();
    Map<String, Integer> lengths = new TreeMap<>();
    Map<String, long[]> clamps = new TreeMap<>();
    for (String s : log) {
      Matcher t = TYPE.matcher(s);
      if (t.matches()) {
        assertEquals(null, types.put(t.group(1), t.group(2)), "duplicate type rule: " + s);
      }
      Matcher c = TRUNCATE.matcher(s);
      if (c.matches()) {
        assertEquals(c.group(2), c.group(3), "cut length and condition differ: " + s);
        assertEquals(null, lengths.put(c.group(1), Integer.parseInt(c.group(2))), "duplicate: " + s);
      }
      Matcher k = CLAMP.matcher(s);
      if (k.matches()) {
        assertEquals(k.group(2), k.group(4), "clamp value and bound differ: " + s);
        long[] range = clamps.computeIfAbsent(k.group(1), x -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE});
        range[k.group(3).equals("<") ? 0 : 1] = Long.parseLong(k.group(2));
      }
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
    assertEquals(expectedLengths, lengths, file + " truncation lengths (Attribute.maxLength)");

    Map<String, List<Long>> expectedClamps = new TreeMap<>();
    for (Attribute a : ofType(AttributeType.INT)) {
      expectedClamps.put(a.key(), List.of(0L, a.maxValue()));
    }
    Map<String, List<Long>> actualClamps = new TreeMap<>();
    clamps.forEach((k, v) -> actualClamps.put(k, List.of(v[0], v[1])));
    assertEquals(expectedClamps, actualClamps, file + " integer ranges (0..Attribute.maxValue)");
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
      String action =
          a.fallback() == null
              ? "delete_key(log.attributes, \"" + a.key() + "\")"
              : "set(log.attributes[\"" + a.key() + "\"], \"" + a.fallback() + "\")";
      expected.put(a.key(), List.of(action, regex));
    }
    assertEquals(expected, rules, file + " value rules (Attribute.allowedValues/pattern/fallback)");
    // The rules run after the truncations, so a cut value is checked again.
    int lastCut = -1;
    int firstRule = Integer.MAX_VALUE;
    for (int i = 0; i < log.size(); i++) {
      if (TRUNCATE.matcher(log.get(i)).matches()) {
        lastCut = i;
      }
      if (VALUE_RULE.matcher(log.get(i)).matches()) {
        firstRule = Math.min(firstRule, i);
      }
    }
    assertTrue(lastCut < firstRule, file + ": value rules must follow truncation");
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

  /** What every pipeline fed from outside must run, in this order: the privacy chain. */
  static final List<String> REQUIRED_CHAIN = List.of("memory_limiter", FILTER, TRANSFORM, COMPLETE, REDACTION);

  /** Each shipped config's whole chain: the required one, plus what that place adds. */
  static final Map<String, List<String>> CHAINS = Map.of(
      "teleport-ingest.yaml", List.of("memory_limiter", FILTER, TRANSFORM, FRESH_RESOURCE, COMPLETE, REDACTION),
      "self-hosted.yaml", List.of("memory_limiter", "batch/serialize", FILTER, TRANSFORM, STOCK_FRESH_RESOURCE, COMPLETE, REDACTION),
      "warehouse.yaml",
      List.of("memory_limiter", FILTER, TRANSFORM, FRESH_RESOURCE, COMPLETE, "filter/edge_time", REDACTION));

  /** A receiver that takes data from outside the collector: the OTLP endpoint or the edge's topic. */
  static boolean fromOutside(String receiverId) {
    String type = receiverId.contains("/") ? receiverId.substring(0, receiverId.indexOf('/')) : receiverId;
    return type.equals("otlp") || type.equals("kafka");
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void everyPipelineFedFromOutsideRunsTheRequiredChain(String file) throws IOException {
    Map<String, Object> pipelines = at(load(file), "service", "pipelines");
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
      assertEquals(REQUIRED_CHAIN, chain.stream().filter(REQUIRED_CHAIN::contains).collect(Collectors.toList()),
          file + " " + name + ": the required processors, in order");
      assertEquals(CHAINS.get(file), chain, file + " " + name);
    }
    assertFalse(fed.isEmpty(), file + ": no pipeline takes events in");
  }

  @Test
  void edgeAndSelfHostedShareReceiverAndProcessors() throws IOException {
    Map<String, Object> ingest = load("teleport-ingest.yaml");
    Map<String, Object> self = load("self-hosted.yaml");
    assertEquals(AllowlistDriftTest.<Object>at(ingest, "receivers"), at(self, "receivers"), "receivers differ");
    List<String> ingestChain = new ArrayList<>(at(ingest, "service", "pipelines", "logs", "processors"));
    List<String> selfChain = new ArrayList<>(at(self, "service", "pipelines", "logs", "processors"));
    selfChain.remove("batch/serialize");
    // self-hosted.yaml runs on the stock contrib image too, which lacks this repository's processor:
    // groupbyattrs without keys rebuilds the request from stock parts in the same place.
    assertTrue(ingestChain.contains(FRESH_RESOURCE), "the edge rebuilds resources");
    assertEquals(ingestChain.indexOf(FRESH_RESOURCE), selfChain.indexOf(STOCK_FRESH_RESOURCE),
        "self-hosted rebuilds resources where the edge does: " + selfChain);
    assertEquals(Map.of("keys", List.of()), at(self, "processors", STOCK_FRESH_RESOURCE),
        STOCK_FRESH_RESOURCE + " groups by no attribute");
    ingestChain.remove(FRESH_RESOURCE);
    selfChain.remove(STOCK_FRESH_RESOURCE);
    assertEquals(ingestChain, selfChain, "logs pipeline processors differ (besides batch/serialize, freshresource)");
    for (String id : ingestChain) {
      assertEquals(
          AllowlistDriftTest.<Object>at(ingest, "processors", id), at(self, "processors", id), "processor " + id + " differs");
    }
    assertEquals("memory_limiter", ingestChain.get(0), "memory_limiter must be first");
    assertEquals(REDACTION, ingestChain.get(ingestChain.size() - 1), "redaction must be last");
    // The edge has exactly one pipeline, so the OTLP receiver serves no traces or metrics path.
    Map<String, Object> pipelines = at(ingest, "service", "pipelines");
    assertEquals(List.of("logs"), new ArrayList<>(pipelines.keySet()));
  }

  @Test
  void warehouseRunsTheEdgeProcessorsAgainButKeepsTheEdgeTimes() throws IOException {
    Map<String, Object> ingest = load("teleport-ingest.yaml");
    Map<String, Object> wh = load("warehouse.yaml");
    for (String id : List.of(FILTER, COMPLETE, REDACTION)) {
      assertEquals(AllowlistDriftTest.<Object>at(ingest, "processors", id), at(wh, "processors", id), id);
    }
    for (String context : List.of("resource", "scope")) {
      assertEquals(statements(ingest, context), statements(wh, context), TRANSFORM + " " + context);
    }
    List<String> edgeLog = new ArrayList<>(statements(ingest, "log"));
    List<String> stamps = List.of("set(log.observed_time, Now())", "set(log.time, log.observed_time)");
    assertTrue(edgeLog.removeAll(stamps), "the edge stamps its receipt time");
    assertEquals(edgeLog, statements(wh, "log"), TRANSFORM + " log: the edge's, but for the times");
    assertEquals(List.of("memory_limiter", FILTER, TRANSFORM, FRESH_RESOURCE, COMPLETE, "filter/edge_time", REDACTION),
        at(wh, "service", "pipelines", "logs", "processors"));
    assertEquals(AllowlistDriftTest.<Object>at(ingest, "processors", FRESH_RESOURCE), at(wh, "processors", FRESH_RESOURCE));
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
