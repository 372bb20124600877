package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.AttributeType;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.event.RunMode;
import com.goteleport.tbot.otel.event.StartEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random requests against the two configs that face tbot (teleport-ingest.yaml with Kafka
 * swapped for a file, and self-hosted.yaml), one collector each: valid starts as tbot-otel sends
 * them and mutations of them (foreign resource, scope and record attributes, keys that differ from
 * the schema's by case or white space, identifying values, schema keys with the wrong type, a key
 * twice, counts out of range, strings too long or of any characters, bodies, event and scope names
 * and versions, trace context, flags, severity, times, dropped counts, schema URLs, several resource
 * and scope groups a request). Once a marker sent after them is in the sink, every exported record
 * must be scrubbed ({@link Sink#assertScrubbed}), hold only values tbot-otel itself would send
 * (the schema's types and bounds, and unchanged by tbot-otel's own {@link StartEvent} rules), and
 * be what the config predicts: the exported records are, as a multiset, exactly those predicted.
 *
 * <p>The prediction is exact: {@link ScrubRun} runs the config's {@code transform/scrub} log
 * statements on each record's attributes (first value of a key, as the scrub's map rebuild keeps
 * it; a value of another type than string or int as an object neither rule takes), and the two
 * filters, which {@code ScrubRun} does not run, are modelled here from their conditions in the YAML
 * ({@code filter/tbot_start_only}: event name, scope name, scope version pattern;
 * {@code filter/complete}: required keys); a condition of another shape fails the test until it is
 * taught here. The stored scope version is the schema's word ({@link EventSchema#VERSIONS}, else
 * {@link EventSchema#VERSION}), not the YAML's. Valid starts are also checked without the oracle:
 * each arrives exactly once with exactly the attributes sent.
 *
 * <p>The seed is fixed ({@link #DEFAULT_SEED}) so a run is repeatable; {@code -Drandom.requests.seed=N}
 * runs another, and every failure names the seed it ran with.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RandomRequestsTest {

  /** The system property that overrides {@link #DEFAULT_SEED}. */
  static final String SEED_PROPERTY = "random.requests.seed";

  static final long DEFAULT_SEED = 20261205L;

  /** Requests per config: with 1 to 8 records each, a few hundred records in all. */
  static final int REQUESTS = 50;

  private static final Duration ARRIVAL = Duration.ofSeconds(20);

  /** The first build takes minutes: done here, where the class's {@code @Timeout} does not apply. */
  @BeforeAll
  static void buildCollector() {
    Collector.binary();
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml"})
  void everyExportedRecordIsScrubbedAndWhatTheConfigPredicts(String config) throws Exception {
    long seed = Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
    try {
      run(config, seed);
    } catch (AssertionError e) {
      throw new AssertionError(config + " with seed " + seed + " (replay: -D" + SEED_PROPERTY + "=" + seed + "): "
          + e.getMessage(), e);
    }
  }

  private static void run(String config, long seed) throws Exception {
    EdgeOracle oracle = EdgeOracle.of(AllowlistDriftTest.load(config));
    RandomRequests gen = new RandomRequests(new Random(seed), () -> System.currentTimeMillis() * 1_000_000L);
    boolean edge = config.equals("teleport-ingest.yaml");
    String name = edge ? "random-ingest" : "random-self-hosted";
    Path file;
    int port = Collector.freePort();
    Collector collector;
    if (edge) {
      Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve(name));
      file = dir.resolve("sink.json");
      Files.deleteIfExists(file);
      collector = Edges.ingestToFile(name, port, file);
    } else {
      file = Edges.eventsFile(name);
      collector = Edges.selfHosted(name, port, Collector.freePort(), file);
    }
    try (collector) {
      Sink sink = new Sink(file);
      List<Outcome> sent = new ArrayList<>();
      long before = System.currentTimeMillis() * 1_000_000L;
      for (int i = 0; i < REQUESTS; i++) {
        ExportLogsServiceRequest request = gen.request();
        assertTrue(request.getSerializedSize() <= RandomRequests.MAX_BODY, "request " + i + " too large");
        HttpResponse<String> r = Otlp.postLogs(port, request);
        assertEquals(200, r.statusCode(), "request " + i + " refused: " + r.body());
        for (ResourceLogs rl : request.getResourceLogsList()) {
          for (ScopeLogs sl : rl.getScopeLogsList()) {
            for (LogRecord record : sl.getLogRecordsList()) {
              sent.add(new Outcome(i, sl.getScope(), record, oracle.predict(sl.getScope(), record),
                  gen.isValidStart(sl.getScope(), record)));
            }
          }
        }
        if (i % 10 == 4) {
          // Refused as a whole: none of its records is an outcome, so any of them stored is a leak
          // the multiset below reports (valid starts in it included).
          ExportLogsServiceRequest refused = gen.refusedRequest();
          HttpResponse<String> bad = Otlp.postLogs(port, refused);
          assertEquals(400, bad.statusCode(), "a request with an id of another length, after request " + i
              + ", answered " + bad.statusCode() + ": " + bad.body());
        }
      }
      String marker = Sink.freshMarker();
      List<Sink.Exported> got = sink.arrivalsAfter(0, marker, m -> {
        HttpResponse<String> r = Otlp.postLogs(port, Otlp.request(Otlp.validStart(m).build()));
        assertEquals(200, r.statusCode(), "marker refused: " + r.body());
      }, ARRIVAL);
      long after = System.currentTimeMillis() * 1_000_000L;

      for (int i = 0; i < got.size(); i++) {
        Sink.Exported e = got.get(i);
        String which = "exported record " + i + " " + e.attributes() + ": ";
        try {
          Sink.assertScrubbed(e);
          assertAsTbotOtelSends(e.attributes());
          assertTrue(EventSchema.VERSIONS.contains(e.scope().getVersion()), "scope version " + e.scope().getVersion());
          assertEquals(SeverityNumber.SEVERITY_NUMBER_INFO, e.record().getSeverityNumber(), "severity");
          if (edge) {
            Sink.assertHourOfReceipt(e.record(), before, after);
          } else {
            long t = e.record().getTimeUnixNano();
            assertEquals(t, e.record().getObservedTimeUnixNano(), "time and observed time equal");
            assertTrue(t >= before - 1_000_000_000L && t <= after, "the receipt time, not "
                + Instant.ofEpochSecond(0, t));
          }
        } catch (AssertionError a) {
          throw new AssertionError(which + a.getMessage(), a);
        }
      }

      // Valid starts, without the oracle: each arrives once, with exactly what was sent.
      Map<String, List<Sink.Exported>> byVersion = new HashMap<>();
      for (Sink.Exported e : got) {
        byVersion.computeIfAbsent(e.attr("version"), v -> new ArrayList<>()).add(e);
      }
      int valid = 0;
      for (Outcome o : sent) {
        if (!o.validStart()) {
          continue;
        }
        valid++;
        Map<String, Object> attributes = Sink.attributes(o.record().getAttributesList());
        String version = (String) attributes.get("version");
        List<Sink.Exported> arrived = byVersion.getOrDefault(version, List.of());
        assertEquals(1, arrived.size(), "valid start " + version + " of request " + o.request() + " arrived "
            + arrived.size() + " times");
        assertEquals(attributes, arrived.get(0).attributes(), "valid start " + version + " changed");
        assertEquals(o.scope().getVersion(), arrived.get(0).scope().getVersion(), "valid start " + version
            + "'s schema version");
      }
      assertTrue(valid >= REQUESTS / 2, "too few valid starts generated: " + valid);

      // Every record, with the oracle: the exported multiset is the predicted one.
      Map<EdgeOracle.Kept, Integer> expected = new HashMap<>();
      Map<EdgeOracle.Kept, Outcome> cause = new HashMap<>();
      for (Outcome o : sent) {
        if (o.kept() != null) {
          expected.merge(o.kept(), 1, Integer::sum);
          cause.put(o.kept(), o);
        }
      }
      Map<EdgeOracle.Kept, Integer> exported = new HashMap<>();
      for (Sink.Exported e : got) {
        exported.merge(new EdgeOracle.Kept(e.scope().getVersion(), e.attributes()), 1, Integer::sum);
      }
      List<String> problems = new ArrayList<>();
      exported.forEach((k, n) -> {
        int want = expected.getOrDefault(k, 0);
        if (n > want) {
          problems.add("arrived " + n + " times, predicted " + want + (want == 0 ? " (a leak, or a kept record the"
              + " oracle drops)" : " (more than sent)") + ": " + k);
        }
      });
      expected.forEach((k, n) -> {
        int have = exported.getOrDefault(k, 0);
        if (have < n) {
          Outcome o = cause.get(k);
          problems.add("predicted " + n + " times, arrived " + have + ": " + k + ", e.g. from request " + o.request()
              + "'s record " + TextFormat.shortDebugString(o.record()) + " under scope "
              + TextFormat.shortDebugString(o.scope()));
        }
      });
      Collections.sort(problems);
      assertEquals(List.of(), problems.subList(0, Math.min(10, problems.size())), problems.size()
          + " differences between the " + got.size() + " records exported and the " + expected.values().stream()
          .mapToInt(Integer::intValue).sum() + " predicted of " + sent.size() + " sent");
      assertTrue(collector.healthy(), "collector down or unhealthy after the requests:\n" + collector.logTail());
    }
  }

  /**
   * Fails unless {@code attributes} are values tbot-otel sends: each a schema key with its type and
   * bounds as {@link Attribute} states them, the required ones present, the parts of a count not
   * more than it, and tbot-otel's own rules ({@link StartEvent}) keep each as it is.
   */
  static void assertAsTbotOtelSends(Map<String, Object> attributes) {
    for (Map.Entry<String, Object> kv : attributes.entrySet()) {
      Attribute a = Attribute.forKey(kv.getKey());
      assertNotNull(a, "not a schema key: " + kv.getKey());
      Object v = kv.getValue();
      if (a.type() == AttributeType.STRING) {
        assertTrue(v instanceof String, a.key() + " is no string: " + v);
        String s = (String) v;
        assertTrue(s.length() <= a.maxLength(), a.key() + " longer than " + a.maxLength() + ": " + s);
        if (!a.allowedValues().isEmpty()) {
          assertTrue(a.allowedValues().contains(s), a.key() + " not one of the schema's values: " + s);
        }
        if (a.pattern() != null) {
          assertTrue(a.pattern().matcher(s).matches() || s.equals(a.fallback()), a.key() + " breaks its pattern: " + s);
        }
      } else {
        assertTrue(v instanceof Long, a.key() + " is no int: " + v);
        long n = (Long) v;
        assertTrue(n >= 0 && n <= a.maxValue(), a.key() + " out of 0.." + a.maxValue() + ": " + n);
      }
    }
    for (Attribute a : Attribute.values()) {
      if (a.required()) {
        assertTrue(attributes.containsKey(a.key()), "required " + a.key() + " missing");
      }
      if (!a.parts().isEmpty()) {
        long sum = a.parts().stream().mapToLong(p -> (Long) attributes.get(p.key())).sum();
        assertTrue(sum <= (Long) attributes.get(a.key()), "parts of " + a.key() + " add up to more than it");
      }
    }
    StartEvent again = StartEvent.builder()
        .setRunMode(attributes.get("run_mode").equals(RunMode.ONE_SHOT.value()) ? RunMode.ONE_SHOT : RunMode.CONTINUOUS)
        .setVersion((String) attributes.get("version"))
        .setJoinType((String) attributes.get("join_type"))
        .setHelper((String) attributes.get("helper"))
        .setHelperVersion((String) attributes.get("helper_version"))
        .setDestinations(new DestinationCounts(count(attributes, Attribute.DESTINATIONS_CONFIGURED),
            count(attributes, Attribute.DESTINATIONS_CONFIGURED_DATABASE_ACCESS),
            count(attributes, Attribute.DESTINATIONS_CONFIGURED_KUBERNETES_ACCESS),
            count(attributes, Attribute.DESTINATIONS_CONFIGURED_APPLICATION_ACCESS)))
        .build();
    assertEquals(RandomRequests.keyed(again), attributes, "tbot-otel's rules change these values");
  }

  private static int count(Map<String, Object> attributes, Attribute a) {
    return Math.toIntExact((Long) attributes.get(a.key()));
  }


  /** One record sent: its request's index, scope, the record, what must be kept of it (null: none). */
  record Outcome(int request, InstrumentationScope scope, LogRecord record, EdgeOracle.Kept kept, boolean validStart) {}


  @Test
  void theOracleDropsWhatTheFiltersDropAndScrubsTheRest() throws Exception {
    EdgeOracle o = EdgeOracle.of(AllowlistDriftTest.load("teleport-ingest.yaml"));
    LogRecord start = Otlp.validStart("18.1.0").build();
    assertEquals(new EdgeOracle.Kept(EventSchema.VERSION, Otlp.validStartAttributes("18.1.0")), o.predict(Otlp.tbotScope(), start));
    assertEquals(null, o.predict(Otlp.tbotScope(), start.toBuilder().setEventName("tbot.stop").build()));
    assertEquals(null, o.predict(Otlp.tbotScope().toBuilder().setName("tbot").build(), start));
    assertEquals(null, o.predict(Otlp.tbotScope().toBuilder().setVersion("1.1.3\n").build(), start), "RE2's $");
    assertEquals(EventSchema.VERSION, o.predict(Otlp.tbotScope().toBuilder().setVersion("1.9.9").build(), start)
        .scopeVersion());
    LogRecord noRunMode = start.toBuilder().setAttributes(0, Otlp.num("run_mode", 1)).build();
    assertEquals(null, o.predict(Otlp.tbotScope(), noRunMode), "a required key of the wrong type drops the record");
    LogRecord twice = start.toBuilder().addAttributes(Otlp.str("version", "99.0.0"))
        .addAttributes(Otlp.str("Version", "1.2.3")).build();
    assertEquals(Otlp.validStartAttributes("18.1.0"), o.predict(Otlp.tbotScope(), twice).attributes(),
        "the first value of a key, and no foreign key");
  }

  @Test
  void theGeneratorIsSeededAndItsRequestsFit() {
    RandomRequests a = new RandomRequests(new Random(7), () -> 42);
    RandomRequests b = new RandomRequests(new Random(7), () -> 42);
    int records = 0;
    for (int i = 0; i < REQUESTS; i++) {
      ExportLogsServiceRequest r = a.request();
      assertEquals(r, b.request(), "the same seed, the same requests");
      assertTrue(r.getSerializedSize() <= RandomRequests.MAX_BODY, "request " + i + ": " + r.getSerializedSize() + " bytes");
      records += Sink.records(r).size();
      if (i % 10 == 4) {
        ExportLogsServiceRequest refused = a.refusedRequest();
        assertEquals(refused, b.refusedRequest(), "the same seed, the same refused requests");
        assertTrue(refused.getResourceLogsList().stream().flatMap(rl -> rl.getScopeLogsList().stream())
            .flatMap(sl -> sl.getLogRecordsList().stream())
            .anyMatch(lr -> lr.getTraceId().size() % 16 != 0 || lr.getSpanId().size() % 8 != 0
                || lr.getTraceId().size() > 16 || lr.getSpanId().size() > 8), "request " + i + ": no id of another length");
      }
    }
    assertTrue(records >= 100 && records <= 400, "a few hundred records in " + REQUESTS + " requests: " + records);
  }

  @Test
  void everySeedSendsTheCountsBoundaries() {
    // The clamps must not depend on the seed: with the boundary records drawn at random only, a
    // deleted clamp of destinations_configured passed on seed 1.
    for (long seed : new long[] {DEFAULT_SEED, 1, 2, 3}) {
      RandomRequests gen = new RandomRequests(new Random(seed), () -> 42);
      List<List<Long>> sent = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        gen.request().getResourceLogsList().stream().flatMap(rl -> rl.getScopeLogsList().stream())
            .flatMap(sl -> sl.getLogRecordsList().stream()).forEach(r -> {
              Map<String, Long> counts = new java.util.HashMap<>();
              r.getAttributesList().stream().filter(kv -> kv.getValue().hasIntValue())
                  .forEach(kv -> counts.putIfAbsent(kv.getKey(), kv.getValue().getIntValue()));
              sent.add(Otlp.COUNTS.stream().map(a -> counts.get(a.key())).toList());
            });
      }
      for (long[] counts : RandomRequests.boundaryCounts()) {
        List<Long> expected = java.util.Arrays.stream(counts).boxed().toList();
        assertTrue(sent.contains(expected), "seed " + seed + " sent no valid start with counts " + expected);
      }
    }
  }

}
