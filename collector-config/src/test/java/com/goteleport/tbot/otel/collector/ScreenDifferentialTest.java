package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.event.RunMode;
import com.goteleport.tbot.otel.event.StartEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tbot-otel's screen (Java, {@link StartEvent}) against the real collector's (RE2, the config's
 * {@code transform/scrub}) on values aimed at their patterns ({@link ScreenCandidates}): each case
 * sends raw {@code helper}, {@code helper_version}, {@code version} and {@code join_type} values in
 * an otherwise valid start, tagged by its counts, to teleport-ingest.yaml (Kafka swapped for a
 * file) and to self-hosted.yaml, one collector each. Once a marker sent after them is stored, each
 * case must be stored once, with what tbot-otel sends for the same raw values: the same attributes
 * kept, with the same values, the same ones dropped, and {@code unknown} where the schema has that
 * fallback ({@link Attribute#fallback}). {@link ScrubRun}, the model other tests run the scrub
 * with, must predict the same. Every difference is collected, the first 20 reported.
 *
 * <p>The seed is fixed ({@link #DEFAULT_SEED}); {@code -Dscreen.differential.seed=N} runs another, and
 * a failure names the seed and each offending value, escaped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScreenDifferentialTest {

  /** The system property that overrides {@link #DEFAULT_SEED}. */
  static final String SEED_PROPERTY = "screen.differential.seed";

  static final long DEFAULT_SEED = 20261206L;

  /** Cases a config: about 240 requests under the body limit. */
  static final int CASES = 2400;

  /** Every fourth case carries a helper both sides keep, so that its helper_version is screened too. */
  private static final List<String> KEPT_HELPERS = List.of("gha:teleport-actions/auth", "gitlab:teleport/ci",
      "terraform-cloud", "circleci-orb@v1", "buildbox7");

  /** Each case's total count; the parts carry its index. The marker's total is one less. */
  private static final int TAG_TOTAL = (int) Attribute.MAX_COUNT;

  private static final int PART = 500;

  private static final Duration ARRIVAL = Duration.ofSeconds(20);

  /** One case: raw values, sent as they are, and its index, carried by the counts. */
  record Case(int index, String helper, String helperVersion, String version, String joinType) {

    DestinationCounts counts() {
      return new DestinationCounts(TAG_TOTAL, index % PART, index / PART, 0);
    }

    /** The raw attributes, as a modified or foreign client would send them. */
    Map<String, Object> sent() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(Attribute.RUN_MODE.key(), RunMode.ONE_SHOT.value());
      m.put(Attribute.VERSION.key(), version);
      m.put(Attribute.JOIN_TYPE.key(), joinType);
      m.put(Attribute.HELPER.key(), helper);
      m.put(Attribute.HELPER_VERSION.key(), helperVersion);
      m.put(Attribute.DESTINATIONS_CONFIGURED.key(), (long) counts().total());
      m.put(Attribute.DESTINATIONS_CONFIGURED_DATABASE_ACCESS.key(), (long) counts().database());
      m.put(Attribute.DESTINATIONS_CONFIGURED_KUBERNETES_ACCESS.key(), (long) counts().kubernetes());
      m.put(Attribute.DESTINATIONS_CONFIGURED_APPLICATION_ACCESS.key(), (long) counts().application());
      return m;
    }

    LogRecord record() {
      LogRecord.Builder r = LogRecord.newBuilder().setEventName(EventSchema.EVENT_NAME);
      sent().forEach((k, v) -> r.addAttributes(v instanceof Long n ? Otlp.num(k, n) : Otlp.str(k, (String) v)));
      return r.build();
    }

    /** What tbot-otel sends for these raw values, built as its CLI builds the event (helper from the environment). */
    Map<String, Object> tbotOtelSends() {
      return RandomRequests.keyed(StartEvent.builder()
          .setRunMode(RunMode.ONE_SHOT)
          .setVersion(version)
          .setJoinType(joinType)
          .setHelperFromEnvironment(Map.of(StartEvent.ENV_HELPER, helper, StartEvent.ENV_HELPER_VERSION, helperVersion))
          .setDestinations(counts())
          .build());
    }
  }

  /** The first build takes minutes: done here, where the class's {@code @Timeout} does not apply. */
  @BeforeAll
  static void buildCollector() {
    Collector.binary();
  }

  /** {@link #CASES} cases from {@code seed}, the pieces read from {@code config}'s scrub. */
  static List<Case> cases(long seed, String config) throws Exception {
    ScreenCandidates gen = ScreenCandidates.of(new Random(seed),
        AllowlistDriftTest.statements(AllowlistDriftTest.load(config), "log"));
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      String helper = i % 4 == 0 ? KEPT_HELPERS.get(i / 4 % KEPT_HELPERS.size()) : gen.helper();
      cases.add(new Case(i, helper, gen.version(), gen.version(), gen.joinType()));
    }
    return cases;
  }

  /** The cases' records in requests of at most {@code limit} bytes, in order. */
  static List<ExportLogsServiceRequest> requests(List<Case> cases, int limit) {
    List<ExportLogsServiceRequest> out = new ArrayList<>();
    List<LogRecord> batch = new ArrayList<>();
    for (Case c : cases) {
      batch.add(c.record());
      if (Otlp.request(batch.toArray(new LogRecord[0])).getSerializedSize() > limit) {
        batch.remove(batch.size() - 1);
        out.add(Otlp.request(batch.toArray(new LogRecord[0])));
        batch.clear();
        batch.add(c.record());
      }
    }
    out.add(Otlp.request(batch.toArray(new LogRecord[0])));
    return out;
  }

  /** The largest body both configs take, less a margin: what every request stays under. */
  static int bodyLimit() throws Exception {
    int limit = Integer.MAX_VALUE;
    for (String config : List.of("teleport-ingest.yaml", "self-hosted.yaml")) {
      Integer max = AllowlistDriftTest.at(AllowlistDriftTest.load(config), "receivers", "otlp", "protocols", "http",
          "max_request_body_size");
      limit = Math.min(limit, max);
    }
    return limit - 256;
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml"})
  void theCollectorStoresWhatTbotOtelSends(String config) throws Exception {
    long seed = Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
    List<String> problems = run(config, seed);
    assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())), config + " with seed " + seed
        + " (replay: -D" + SEED_PROPERTY + "=" + seed + "): " + problems.size() + " differences in " + CASES
        + " cases");
  }

  private static List<String> run(String config, long seed) throws Exception {
    List<Case> cases = cases(seed, config);
    EdgeOracle model = EdgeOracle.of(AllowlistDriftTest.load(config));
    boolean edge = config.equals("teleport-ingest.yaml");
    String name = edge ? "screen-ingest" : "screen-self-hosted";
    int port = Collector.freePort();
    Path file;
    Collector collector;
    if (edge) {
      file = Files.createDirectories(Collector.BUILD_DIR.resolve(name)).resolve("sink.json");
      Files.deleteIfExists(file);
      collector = Edges.ingestToFile(name, port, file);
    } else {
      file = Edges.eventsFile(name);
      collector = Edges.selfHosted(name, port, Collector.freePort(), file);
    }
    List<String> problems = new ArrayList<>();
    try (collector) {
      Sink sink = new Sink(file);
      List<ExportLogsServiceRequest> requests = requests(cases, bodyLimit());
      for (int i = 0; i < requests.size(); i++) {
        HttpResponse<String> r = Otlp.postLogs(port, requests.get(i));
        if (r.statusCode() != 200) {
          problems.add("request " + i + " refused (" + r.statusCode() + "): " + r.body());
        }
      }
      long markerTotal = TAG_TOTAL - 1;
      HttpResponse<String> m = Otlp.postLogs(port, Otlp.request(Otlp.startWithDestinations("9.9.9", markerTotal, 0, 0, 0)
          .build()));
      assertEquals(200, m.statusCode(), "marker refused: " + m.body());
      List<Sink.Exported> got = sink.awaitAfter(0,
          e -> Long.valueOf(markerTotal).equals(e.attributes().get(Attribute.DESTINATIONS_CONFIGURED.key())), ARRIVAL);

      Map<Integer, List<Map<String, Object>>> byCase = new HashMap<>();
      for (Sink.Exported e : got) {
        Map<String, Object> a = e.attributes();
        if (!Long.valueOf(markerTotal).equals(a.get(Attribute.DESTINATIONS_CONFIGURED.key()))) {
          byCase.computeIfAbsent(indexOf(a), k -> new ArrayList<>()).add(a);
        }
      }
      for (Case c : cases) {
        List<Map<String, Object>> stored = byCase.getOrDefault(c.index(), List.of());
        if (stored.size() != 1) {
          problems.add("case " + c.index() + " stored " + stored.size() + " times, once expected: " + escaped(c.sent()));
          continue;
        }
        compare(c, "tbot-otel sends", c.tbotOtelSends(), stored.get(0), problems);
        EdgeOracle.Kept predicted = model.predict(Otlp.tbotScope(), c.record());
        compare(c, "ScrubRun predicts", predicted == null ? Map.of() : predicted.attributes(), stored.get(0), problems);
      }
      assertTrue(collector.healthy(), "collector down or unhealthy after the requests:\n" + collector.logTail());
    }
    return problems;
  }

  /** The case index a stored record's parts carry. */
  private static int indexOf(Map<String, Object> a) {
    Object db = a.get(Attribute.DESTINATIONS_CONFIGURED_DATABASE_ACCESS.key());
    Object k8s = a.get(Attribute.DESTINATIONS_CONFIGURED_KUBERNETES_ACCESS.key());
    return db instanceof Long d && k8s instanceof Long k ? Math.toIntExact(k * PART + d) : -1;
  }

  /** Adds one problem per attribute whose stored value is not {@code want}'s. */
  private static void compare(Case c, String who, Map<String, Object> want, Map<String, Object> stored,
      List<String> problems) {
    Set<String> keys = new LinkedHashSet<>(want.keySet());
    keys.addAll(stored.keySet());
    for (String k : keys) {
      if (!Objects.equals(want.get(k), stored.get(k))) {
        problems.add(k + " " + escaped(c.sent().get(k)) + " (case " + c.index() + "): " + who + " "
            + escaped(want.get(k)) + ", the collector stored " + escaped(stored.get(k)));
      }
    }
  }

  /** {@code v} quoted, every character but printable ASCII escaped: control, format and lookalike characters show. */
  static String escaped(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      map.forEach((k, x) -> parts.add(k + "=" + escaped(x)));
      return "{" + String.join(", ", parts) + "}";
    }
    if (!(v instanceof String s)) {
      return v.toString();
    }
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        b.append('\\').append(ch);
      } else if (ch >= 0x20 && ch < 0x7f) {
        b.append(ch);
      } else {
        b.append(String.format("\\u%04X", (int) ch));
      }
    }
    return b.append('"').toString();
  }

  @Test
  void theCasesAreSeededAimedAndFit() throws Exception {
    List<Case> a = cases(7, "teleport-ingest.yaml");
    assertEquals(a, cases(7, "teleport-ingest.yaml"), "the same seed, the same cases");
    assertEquals(a, cases(7, "self-hosted.yaml"), "both configs' rules give the same pieces");

    // Aimed: each attribute both kept and refused by tbot-otel, each in a tenth of its cases at least.
    int helperKept = 0;
    int helperVersionKept = 0;
    int versionKept = 0;
    int joinTypeKept = 0;
    int generatedHelpers = 0;
    int withHelper = 0;
    for (Case c : a) {
      Map<String, Object> sends = c.tbotOtelSends();
      if (c.index() % 4 != 0) {
        generatedHelpers++;
        helperKept += sends.containsKey("helper") ? 1 : 0;
      }
      if (sends.containsKey("helper")) {
        withHelper++;
        helperVersionKept += sends.containsKey("helper_version") ? 1 : 0;
      }
      versionKept += sends.get("version").equals(c.version()) && !c.version().equals(Attribute.UNKNOWN) ? 1 : 0;
      joinTypeKept += sends.get("join_type").equals(c.joinType()) ? 1 : 0;
    }
    assertShare("helpers kept", helperKept, generatedHelpers);
    assertShare("helper versions kept (with their helper)", helperVersionKept, withHelper);
    assertShare("versions kept", versionKept, CASES);
    assertShare("join types kept", joinTypeKept, CASES);

    // Every probe character and every literal of the rules occurs.
    List<String> all = new ArrayList<>();
    a.forEach(c -> all.addAll(List.of(c.helper(), c.helperVersion(), c.version(), c.joinType())));
    for (String probe : ScreenCandidates.PROBES) {
      assertTrue(all.stream().anyMatch(s -> s.contains(probe)), "no case holds " + escaped(probe));
    }
    ScreenCandidates gen = ScreenCandidates.of(new Random(7),
        AllowlistDriftTest.statements(AllowlistDriftTest.load("teleport-ingest.yaml"), "log"));
    assertTrue(gen.literalsByKey().getOrDefault("helper", List.of()).contains("ghp_"), "key prefixes read from the screen");
    gen.literalsByKey().get("helper").forEach(lit -> assertTrue(
        a.stream().anyMatch(c -> c.helper().toLowerCase(Locale.ROOT).contains(lit.toLowerCase(Locale.ROOT))),
        "no helper holds " + lit));

    // Fits: every request under both configs' body limit, a few hundred of them.
    int limit = bodyLimit();
    List<ExportLogsServiceRequest> requests = requests(a, limit);
    assertTrue(requests.size() <= 300, requests.size() + " requests");
    assertEquals(CASES, requests.stream().mapToInt(r -> Sink.records(r).size()).sum(), "every case sent once");
    requests.forEach(r -> assertTrue(r.getSerializedSize() <= limit, r.getSerializedSize() + " bytes"));
  }

  private static void assertShare(String what, int n, int of) {
    assertTrue(n >= of / 10 && n <= of * 9 / 10, what + ": " + n + " of " + of + ", not between a tenth and nine tenths");
  }
}
