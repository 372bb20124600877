package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.internal.export.CollectorPath;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The public edge (teleport-ingest.yaml, with Kafka swapped for a file by file-sink-overlay.yaml)
 * on 127.0.0.1: the real tbot-otel CLI's event arrives as exactly the schema, and hostile clients
 * are refused, dropped or scrubbed. Each hostile case is followed by a valid "sentinel" event with
 * a unique version; once the sentinel is in the sink, the hostile request has been fully processed,
 * so "nothing else arrived" is a real observation, not a timing guess. After every case the
 * collector must still be up and healthy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IngestEndToEndTest {

  private static final Duration ARRIVAL = Duration.ofSeconds(10);

  private final AtomicInteger sentinels = new AtomicInteger();
  private Collector collector;
  private Sink sink;
  private int port;

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve("e2e-ingest"));
    Path sinkFile = dir.resolve("sink.json");
    Files.deleteIfExists(sinkFile);
    sink = new Sink(sinkFile);
    port = Collector.freePort();
    collector = Edges.ingestToFile("teleport-ingest", port, sinkFile);
  }

  @AfterAll
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  @AfterEach
  void collectorStaysUp() {
    assertTrue(collector.healthy(), "collector down or unhealthy after the case:\n" + collector.logTail());
  }

  /** Runs {@code hostile}, then a sentinel over HTTP; returns what arrived after the start, sentinel removed. */
  private List<Sink.Exported> arrivalsAfter(Sink.Step hostile) throws Exception {
    return sink.arrivalsAfter(hostile, "9.9." + sentinels.incrementAndGet(), marker -> {
      HttpResponse<String> r = Otlp.postLogs(port, Otlp.request(Otlp.validStart(marker).build()));
      assertEquals(200, r.statusCode(), "sentinel refused: " + r.body());
    }, ARRIVAL);
  }

  @Test
  void cliStartArrivesAsExactlyWhatPreviewShows() throws Exception {
    Path yaml = TbotCli.minimalConfig();
    Map<String, String> env =
        Map.of("_TBOT_TELEMETRY_HELPER", "gha:teleport-actions/auth", "_TBOT_TELEMETRY_HELPER_VERSION", "v2.0.1");
    List<String> common = List.of("-c", yaml.toString(), "--oneshot", "--join-method", "github");

    Map<String, Object> expected = TbotCli.previewAttributes(env, common);

    List<String> startArgs =
        new ArrayList<>(List.of("start", "--anonymous-analytics", "--anonymous-analytics-endpoint",
            "http://127.0.0.1:" + port + "/v1/logs",
            // the pipeline is under test, not the exit budget: a loaded machine may need more than 500 ms
            "--anonymous-analytics-exit-timeout", "10s"));
    startArgs.addAll(common);
    // The CLI has exited before the sentinel is sent: a duplicate would be in the sink before it.
    List<Sink.Exported> fresh = arrivalsAfter(() -> {
      TbotCli.Result start = TbotCli.run(env, startArgs);
      assertEquals(0, start.exitCode(), start.stderr());
    });
    assertEquals(1, fresh.size(), "exactly one tbot.start: " + sink.text());
    Sink.Exported e = fresh.get(0);
    Sink.assertScrubbed(e);
    assertEquals(EventSchema.VERSION, e.scope().getVersion());
    assertEquals(expected, e.attributes(), "the sink holds exactly what preview showed");
    assertEquals("gha:teleport-actions/auth", e.attr("helper"));
    assertEquals("one-shot", e.attr("run_mode"));
    assertEquals("github", e.attr("join_type"));
    Set<String> required = new HashSet<>();
    for (var a : com.goteleport.tbot.otel.event.Attribute.values()) {
      if (a.required()) {
        required.add(a.key());
      }
    }
    assertTrue(e.attributes().keySet().containsAll(required), "required attributes: " + e.attributes());
    assertFalse(sink.text().contains("127.0.0.1"), "no client address in the sink: " + sink.text());
  }

  @Test
  void resourceAndScopeAttributesAreStripped() throws Exception {
    Resource resource =
        Resource.newBuilder()
            .addAttributes(Otlp.str("host.name", "build-42.corp.example"))
            .addAttributes(Otlp.str("service.name", "tbot"))
            .addAttributes(Otlp.str("client.address", "203.0.113.7"))
            .addAttributes(Otlp.str("version", "99.99.99"))
            // Entity references: free text no OTTL path reaches; groupbyattrs/fresh rebuilds the resource.
            .addEntityRefs(io.opentelemetry.proto.common.v1.EntityRef.newBuilder()
                .setSchemaUrl("https://evil.example/schema")
                .setType("alice@acme.example")
                .addIdKeys("ip=203.0.113.7")
                .addDescriptionKeys("host=build-42.corp.example"))
            .build();
    InstrumentationScope scope =
        Otlp.tbotScope().toBuilder()
            .setVersion("1.7.3")
            .addAttributes(Otlp.str("user.name", "alice"))
            .setDroppedAttributesCount(4242)
            .build();
    // Numbers and free text a client chooses outside the attributes: schema URLs, dropped counts.
    ExportLogsServiceRequest request = Otlp.withSchemaUrls(
        Otlp.request(resource.toBuilder().setDroppedAttributesCount(424242).build(), scope,
            Otlp.validStart("1.1.1").setDroppedAttributesCount(42).build()),
        "https://evil.example/alice", "https://evil.example/build-42");
    List<Sink.Exported> got =
        arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, request).statusCode()));
    assertEquals(1, got.size(), "the record itself is valid and kept: " + got);
    Sink.assertScrubbed(got.get(0));
    assertEquals(EventSchema.VERSION, got.get(0).scope().getVersion(),
        "a schema version of major 1 passes, stored as this collector's own: 1.7.3 was never released");
    assertEquals("1.1.1", got.get(0).attr("version"), "resource 'version' must not leak into the record");
  }

  @Test
  void aStartAsGosSdkSendsItArrivesAnonymous() throws Exception {
    // Teleport's Go tbot is to send tbot.start itself (the RFD), so with the Go SDK. Written from the
    // catalogue, its request still holds the SDK's resource (the host's OTEL_RESOURCE_ATTRIBUTES
    // and OTEL_SERVICE_NAME, which sdklog.WithResource merges into any resource, a per-run
    // service.instance.id, telemetry.sdk.*, a schema URL), the observed time the SDK stamps, an
    // empty body message and the attributes in the code's order. One record as the SDK stamps it;
    // one whose code set no severity, a severity text and its own timestamp.
    long now = System.currentTimeMillis() * 1_000_000L;
    LogRecord stamped = GoSdk.start("18.1.1", now).build();
    LogRecord timed = GoSdk.start("18.1.2", now).clearSeverityNumber().setSeverityText("INFO").setTimeUnixNano(now)
        .build();
    ExportLogsServiceRequest request = GoSdk.request(GoSdk.defaultResource(GoSdk.HOST_ENVIRONMENT),
        GoSdk.scope(EventSchema.SCOPE_NAME, EventSchema.VERSION), stamped, timed);
    long before = System.currentTimeMillis() * 1_000_000L;
    List<Sink.Exported> got = arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, request).statusCode()));
    long after = System.currentTimeMillis() * 1_000_000L;
    assertEquals(2, got.size(), "both records conform and are kept: " + got);
    for (Sink.Exported e : got) {
      Sink.assertScrubbed(e);
      assertEquals(EventSchema.VERSION, e.scope().getVersion());
      assertEquals(GoSdk.startAttributes(e.attr("version")), e.attributes());
      assertEquals(9, e.record().getSeverityNumberValue(), "INFO, set or not");
      Sink.assertHourOfReceipt(e.record(), before, after);
    }
    for (String leak : GoSdk.RESOURCE_TEXT) {
      assertFalse(got.toString().contains(leak), leak + " arrived: " + got);
    }
  }

  @Test
  void aStartWrittenToGosConventionsInsteadOfTheCataloguesIsDropped() throws Exception {
    // What a Go engineer may write by habit, each silently dropped (200) as another scope, schema
    // version or event: the scope named by the package's import path, a Logger made without
    // log.WithInstrumentationVersion (no version), tbot's own version as the scope's, and the
    // event name as an "event.name" attribute (the semantic conventions' older form) instead of
    // LogRecord.event_name.
    long now = System.currentTimeMillis() * 1_000_000L;
    Resource resource = GoSdk.defaultResource(Map.of());
    List<ExportLogsServiceRequest> requests = List.of(
        GoSdk.request(resource, GoSdk.scope("github.com/gravitational/teleport/lib/tbot", EventSchema.VERSION),
            GoSdk.start("18.2.1", now).build()),
        GoSdk.request(resource, GoSdk.scope(EventSchema.SCOPE_NAME, ""), GoSdk.start("18.2.2", now).build()),
        GoSdk.request(resource, GoSdk.scope(EventSchema.SCOPE_NAME, "18.2.3"), GoSdk.start("18.2.3", now).build()),
        GoSdk.request(resource, GoSdk.scope(EventSchema.SCOPE_NAME, EventSchema.VERSION),
            GoSdk.start("18.2.4", now).clearEventName().addAttributes(Otlp.str("event.name", EventSchema.EVENT_NAME))
                .build()));
    List<Sink.Exported> got = arrivalsAfter(() -> {
      for (ExportLogsServiceRequest r : requests) {
        assertEquals(200, Otlp.postLogs(port, r).statusCode());
      }
    });
    assertEquals(List.of(), got, "none is tbot's event as the catalogue defines it");
  }

  @Test
  void aGoResourceThatTakesTheRequestOverFourKibIsRefusedWithItsStart() throws Exception {
    // The receiver's 4 KiB bound counts the whole request, the resource a Go SDK fills from
    // OTEL_RESOURCE_ATTRIBUTES too: a host that sets many (a pod's labels and annotations) makes
    // the start's request one the edge refuses with 400, which the exporter does not retry.
    Map<String, String> environment = new TreeMap<>(GoSdk.HOST_ENVIRONMENT);
    for (int i = 0; environment.size() < 60; i++) {
      environment.put("k8s.pod.label.app.kubernetes.io/part-of-" + i, "machine-id-bots-of-team-alice");
    }
    ExportLogsServiceRequest request = GoSdk.request(GoSdk.defaultResource(environment),
        GoSdk.scope(EventSchema.SCOPE_NAME, EventSchema.VERSION),
        GoSdk.start("18.3.1", System.currentTimeMillis() * 1_000_000L).build());
    assertTrue(request.getSerializedSize() > 4096, "over the bound: " + request.getSerializedSize());
    List<Sink.Exported> got = arrivalsAfter(() -> assertEquals(400, Otlp.postLogs(port, request).statusCode()));
    assertEquals(List.of(), got, "the start is lost with the request");
  }

  @Test
  void aNumberHiddenBesideAnAttributeKeyIsDropped() throws Exception {
    // KeyValue field 3 (key_strindex, an index into a profile's string table) is decoded and
    // encoded again by the collector although no processor reads it: 32 bits a client chooses
    // beside every kept attribute. Sink parses strictly, so one that arrives fails the test.
    LogRecord.Builder r = Otlp.validStart("1.1.5");
    KeyValue runMode = r.getAttributes(0).toBuilder().setKeyStrindex(123456).build();
    LogRecord hidden = r.setAttributes(0, runMode).build();
    List<Sink.Exported> got = arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, Otlp.request(hidden)).statusCode()));
    assertEquals(1, got.size(), "the record is valid and kept: " + got);
    Sink.assertScrubbed(got.get(0));
    assertEquals(Otlp.validStartAttributes("1.1.5"), got.get(0).attributes());
  }

  @Test
  void aNumberHiddenAsTheBodysStringIndexIsDropped() throws Exception {
    // AnyValue field 8 (string_value_strindex, for profiles) reads as nil in OTTL, so a rule that
    // empties the body only "where log.body != nil" never saw it, and the exporter wrote the
    // number out. Sink parses strictly, so one that arrives fails the test.
    LogRecord hidden = Otlp.validStart("1.1.6").setBody(Otlp.stringIndex(123456789)).build();
    List<Sink.Exported> got = arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, Otlp.request(hidden)).statusCode()));
    assertEquals(1, got.size(), "the record is valid and kept: " + got);
    Sink.assertScrubbed(got.get(0));
    assertEquals(Otlp.validStartAttributes("1.1.6"), got.get(0).attributes());
  }

  @Test
  void recordsOfAnotherSchemaMajorVersionOrWithoutOneAreDropped() throws Exception {
    // The scope version is the schema version; a major version changes what attributes mean.
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    ResourceLogs.Builder rl = ResourceLogs.newBuilder();
    String[] versions = {"2.0.0", "0.9.0", "", "1.0", "1.0.0; curl evil", "11.0.0", "1.4.2", "1.0.0", "1.0000.9999"};
    for (int i = 0; i < versions.length; i++) {
      rl.addScopeLogs(ScopeLogs.newBuilder()
          .setScope(Otlp.tbotScope().toBuilder().setVersion(versions[i]))
          .addLogRecords(Otlp.validStart("1.2." + i)));
    }
    request.addResourceLogs(rl);
    List<Sink.Exported> got =
        arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, request.build()).statusCode()));
    // Of those, a released version is stored as it came; any other 1.y.z as this collector's own,
    // so that its y and z are no numbers of the client's choosing.
    Map<String, String> scopeVersionByRecord = new TreeMap<>();
    for (Sink.Exported e : got) {
      scopeVersionByRecord.put(e.attr("version"), e.scope().getVersion());
    }
    assertEquals(Map.of("1.2.6", EventSchema.VERSION, "1.2.7", "1.0.0", "1.2.8", EventSchema.VERSION),
        scopeVersionByRecord, "only the records of schema 1.x: " + got);
  }

  @Test
  void recordsOutsideScopeLogsAreDropped() throws Exception {
    // OTLP/JSON "deprecatedScopeLogs" stay out of every processor's sight; groupbyattrs/fresh
    // leaves them behind with the old request.
    List<Sink.Exported> got = arrivalsAfter(() -> assertEquals(200,
        Otlp.post(port, "/v1/logs", Otlp.jsonWithDeprecatedScopeLogs("1.1.4"), "application/json", null).statusCode()));
    assertEquals(1, got.size(), "the valid record only: " + got);
    Sink.assertScrubbed(got.get(0));
    // Sink parses strictly: a "deprecatedScopeLogs" line would already have failed; and the record:
    String arrived = got.toString();
    for (String leak : List.of("user.login", "evil.scope", "alice", "203.0.113.7")) {
      assertFalse(arrived.contains(leak), leak + " arrived: " + arrived);
    }
  }

  @Test
  void extraLogAttributesAreStripped() throws Exception {
    LogRecord r =
        Otlp.validStart("1.1.2")
            .addAttributes(Otlp.str("host.name", "build-42.corp.example"))
            .addAttributes(Otlp.str("client.address", "203.0.113.7"))
            .addAttributes(Otlp.str("user.name", "alice"))
            .addAttributes(Otlp.str("Version", "shadow"))
            .addAttributes(Otlp.num("pid", 4242))
            .build();
    List<Sink.Exported> got = arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, Otlp.request(r)).statusCode()));
    assertEquals(1, got.size());
    Sink.assertScrubbed(got.get(0));
    assertEquals(Otlp.validStartAttributes("1.1.2"), got.get(0).attributes(), "the schema's keys, values unchanged");
  }

  @Test
  void namesThatOnlyResembleTheEventsTheScopesOrAKeyAreNotTheirs() throws Exception {
    // The filter and keep_keys compare bytes: a space, a zero-width or NUL character, another case
    // or a look-alike dot makes another name, which is dropped (an event or scope) or stripped (a
    // key), never read as tbot's.
    List<String> eventNames = List.of("tbot.start ", " tbot.start", "tbot.start\u200b", "Tbot.start",
        "tbot.start\u0000", "tbot\u2024start", "tbot.starts", "tbot.start\ntbot.start");
    List<LogRecord> events = new ArrayList<>();
    for (int i = 0; i < eventNames.size(); i++) {
      events.add(Otlp.validStart("17.0." + i).setEventName(eventNames.get(i)).build());
    }
    List<String> scopeNames = List.of("tbot.anonymous_analytics ", "tbot.anonymous_analytics\u200b",
        "TBOT.anonymous_analytics", "tbot.anonymous\u2010analytics");
    LogRecord lookalikeKeys = Otlp.validStart("17.2.0")
        .addAttributes(Otlp.str("version\u200b", "alice"))
        .addAttributes(Otlp.str(" version", "alice"))
        .addAttributes(Otlp.str("VERSION", "alice"))
        .addAttributes(Otlp.str("helper ", "alice"))
        .addAttributes(Otlp.str("helper\u0000", "alice"))
        .addAttributes(Otlp.str("hel\u0440er", "alice")) // a Cyrillic er
        .build();
    List<Sink.Exported> got = arrivalsAfter(() -> {
      assertEquals(200, Otlp.postLogs(port, Otlp.request(events.toArray(new LogRecord[0]))).statusCode());
      for (int i = 0; i < scopeNames.size(); i++) {
        InstrumentationScope scope = Otlp.tbotScope().toBuilder().setName(scopeNames.get(i)).build();
        assertEquals(200, Otlp.postLogs(port,
            Otlp.request(Resource.getDefaultInstance(), scope, Otlp.validStart("17.1." + i).build())).statusCode());
      }
      assertEquals(200, Otlp.postLogs(port, Otlp.request(lookalikeKeys)).statusCode());
    });
    assertEquals(1, got.size(), "only the record with look-alike keys, which is valid: " + got);
    Sink.assertScrubbed(got.get(0));
    assertEquals(Otlp.validStartAttributes("17.2.0"), got.get(0).attributes(), "the schema's keys only");
    assertFalse(got.toString().contains("alice"), got.toString());
  }

  @Test
  void whatTheWireRepeatsOrOtlpDoesNotDefineLeavesNothingBehind() throws Exception {
    // Protobuf merges a message field sent twice and keeps the last value of a scalar or a oneof;
    // the collector's decoder does too, so its processors judge what its exporters write. It skips
    // fields it does not define, and reads deprecated_scope_logs (field 1000) only where a
    // ResourceLogs has no scope_logs, then as its scope_logs: nothing here hides from the scrub.
    InstrumentationScope scopeAttributes = InstrumentationScope.newBuilder()
        .addAttributes(Otlp.str("user.name", "alice")).setDroppedAttributesCount(7).build();
    KeyValue helperAsText = Otlp.str("helper", "gha");
    KeyValue helperAsMap = KeyValue.newBuilder().setValue(AnyValue.newBuilder().setKvlistValue(
        io.opentelemetry.proto.common.v1.KeyValueList.newBuilder().addValues(Otlp.str("user.name", "alice")))).build();
    LogRecord userLogin = LogRecord.newBuilder().setEventName("user.login")
        .setBody(AnyValue.newBuilder().setStringValue("alice logged in from 203.0.113.7"))
        .setSeverityText("alice").build();
    byte[][] records = {
        // the event name sent twice: the last one, user.login, is the record's
        Otlp.concat(Otlp.validStart("15.0.1").build().toByteArray(), userLogin.toByteArray()),
        // user.login's record sent again as tbot.start: one record, body and severity text kept
        // from the first copy, and scrubbed
        Otlp.concat(userLogin.toByteArray(), Otlp.validStart("15.0.2").build().toByteArray()),
        // helper's value sent twice: the map, sent last, is its value, of the wrong type
        Otlp.concat(Otlp.validStart("15.0.3").build().toByteArray(),
            Otlp.field(6, Otlp.concat(helperAsText.toByteArray(), helperAsMap.toByteArray()))),
        // fields OTLP does not define, on the record
        Otlp.validStart("15.0.4").setUnknownFields(unknown("alice@example.com")).build().toByteArray(),
        // helper of every type but a string: removed, and the record kept
        Otlp.validStart("15.0.5").addAttributes(KeyValue.newBuilder().setKey("helper")
            .setValue(AnyValue.newBuilder().setDoubleValue(203.0113))).build().toByteArray(),
        Otlp.validStart("15.0.6").addAttributes(KeyValue.newBuilder().setKey("helper")
            .setValue(AnyValue.newBuilder().setBoolValue(true))).build().toByteArray(),
        Otlp.validStart("15.0.7").addAttributes(KeyValue.newBuilder().setKey("helper")
            .setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("alice")))).build().toByteArray(),
        Otlp.validStart("15.0.8").addAttributes(KeyValue.newBuilder().setKey("helper")
            .setValue(AnyValue.newBuilder().setArrayValue(io.opentelemetry.proto.common.v1.ArrayValue.newBuilder()
                .addValues(AnyValue.newBuilder().setStringValue("alice"))))).build().toByteArray(),
        Otlp.validStart("15.0.9").addAttributes(KeyValue.newBuilder().setKey("helper")).build().toByteArray(),
        // a required attribute of the wrong type: the record is dropped
        Otlp.validStart("15.0.10").addAttributes(0, KeyValue.newBuilder().setKey("join_type")
            .setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("github")))).build().toByteArray()};
    // The scope and the resource each sent twice, the second copy with attributes; fields OTLP does
    // not define on the scope, its ScopeLogs, the ResourceLogs and the request.
    byte[] scopeLogs = Otlp.concat(
        ScopeLogs.newBuilder().setScope(Otlp.tbotScope()).build().toByteArray(),
        ScopeLogs.newBuilder().setScope(scopeAttributes.toBuilder().setUnknownFields(unknown("alice"))).build().toByteArray(),
        ScopeLogs.newBuilder().setUnknownFields(unknown("alice")).build().toByteArray());
    byte[] resourceTwice = Otlp.concat(
        ResourceLogs.newBuilder().setResource(Resource.newBuilder().addAttributes(Otlp.str("host.name", "alice-laptop")))
            .build().toByteArray(),
        ResourceLogs.newBuilder().setResource(Resource.newBuilder().setDroppedAttributesCount(7)
            .addAttributes(Otlp.str("user.name", "alice"))).setUnknownFields(unknown("alice")).build().toByteArray());
    // Beside scope_logs, a deprecated_scope_logs is dropped unread; alone, it is read as scope_logs.
    byte[] hidden = ScopeLogs.newBuilder().setScope(Otlp.tbotScope())
        .addLogRecords(Otlp.validStart("15.1.1").addAttributes(Otlp.str("helper", "alice"))).build().toByteArray();
    byte[] besideScopeLogs = Otlp.concat(
        ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder().setScope(Otlp.tbotScope())
            .addLogRecords(Otlp.validStart("15.1.2"))).build().toByteArray(),
        Otlp.field(1000, hidden));
    byte[] alone = Otlp.field(1000, ScopeLogs.newBuilder().setScope(Otlp.tbotScope().toBuilder()
            .addAttributes(Otlp.str("user.name", "alice")))
        .addLogRecords(Otlp.validStart("15.1.3").addAttributes(Otlp.str("user.name", "alice"))).build().toByteArray());
    List<byte[]> requests = new ArrayList<>();
    for (int from = 0; from < records.length; from += 5) {
      byte[] scope = scopeLogs;
      for (int i = from; i < Math.min(records.length, from + 5); i++) {
        scope = Otlp.concat(scope, Otlp.field(2, records[i]));
      }
      requests.add(Otlp.concat(Otlp.field(1, Otlp.concat(resourceTwice, Otlp.field(2, scope))),
          ExportLogsServiceRequest.newBuilder().setUnknownFields(unknown("alice")).build().toByteArray()));
    }
    requests.add(Otlp.concat(Otlp.field(1, besideScopeLogs), Otlp.field(1, alone)));
    List<Sink.Exported> got = arrivalsAfter(() -> {
      for (byte[] r : requests) {
        assertTrue(r.length <= 4096, "request of " + r.length + " bytes");
        HttpResponse<String> response = Otlp.post(port, "/v1/logs", r, "application/x-protobuf", null);
        assertEquals(200, response.statusCode(), response.body());
      }
    });
    Map<String, Map<String, Object>> arrived = new TreeMap<>();
    for (Sink.Exported e : got) {
      Sink.assertScrubbed(e);
      arrived.put(e.attr("version"), e.attributes());
    }
    Map<String, Map<String, Object>> expected = new TreeMap<>();
    for (String v : List.of("15.0.2", "15.0.3", "15.0.4", "15.0.5", "15.0.6", "15.0.7", "15.0.8", "15.0.9",
        "15.1.2", "15.1.3")) {
      expected.put(v, Otlp.validStartAttributes(v));
    }
    assertEquals(expected, arrived, "each record as its last field says, without what the schema lacks");
    for (String leak : List.of("alice", "203.0.113.7", "user.login")) {
      assertFalse(got.toString().contains(leak), leak + " arrived: " + got);
    }
  }

  /** Fields 99 (text) and 100 (a number), which no OTLP message defines. */
  private static com.google.protobuf.UnknownFieldSet unknown(String text) {
    return com.google.protobuf.UnknownFieldSet.newBuilder()
        .addField(99, com.google.protobuf.UnknownFieldSet.Field.newBuilder()
            .addLengthDelimited(ByteString.copyFromUtf8(text)).build())
        .addField(100, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(4242).build())
        .build();
  }

  @Test
  void otlpJsonsOtherSpellingsAndRepeatsLeaveNothingBehind() throws Exception {
    // The JSON decoder takes field names in lowerCamelCase or snake_case, appends an array sent
    // twice, reads an object sent twice into one, keeps the last of a scalar, and skips names OTLP
    // does not define: none of it reaches the sink but the schema.
    String attributes = "{\"key\":\"run_mode\",\"key_strindex\":77,\"value\":{\"stringValue\":\"one-shot\"}},"
        + "{\"key\":\"join_type\",\"value\":{\"string_value\":\"github\"}},"
        + "{\"key\":\"destinations_configured\",\"value\":{\"intValue\":1}},"
        + "{\"key\":\"destinations_configured_database_access\",\"value\":{\"int_value\":\"0\"}},"
        + "{\"key\":\"destinations_configured_kubernetes_access\",\"value\":{\"intValue\":\"0\"}},"
        + "{\"key\":\"destinations_configured_application_access\",\"value\":{\"intValue\":\"0\"}}";
    String scope = "{\"name\":\"" + EventSchema.SCOPE_NAME + "\",\"version\":\"" + EventSchema.VERSION + "\"}";
    String snakeCase = "{\"event_name\":\"tbot.start\",\"time_unix_nano\":\"1234567890123456789\","
        + "\"severity_text\":\"alice\",\"trace_id\":\"0102030405060708090a0b0c0d0e0f10\",\"flags\":7,"
        + "\"dropped_attributes_count\":42,\"body\":{\"string_value_strindex\":4242},\"userName\":\"alice\","
        + "\"attributes\":[" + attributes + ",{\"key\":\"version\",\"value\":{\"stringValue\":\"16.0.1\"}}]}";
    // the attributes array twice: the second's version is a second value, dropped
    String attributesTwice = "{\"eventName\":\"tbot.start\",\"attributes\":[" + attributes
        + ",{\"key\":\"version\",\"value\":{\"stringValue\":\"16.0.2\"}}],"
        + "\"attributes\":[{\"key\":\"version\",\"value\":{\"stringValue\":\"alice\"}},"
        + "{\"key\":\"user.name\",\"value\":{\"stringValue\":\"alice\"}}]}";
    // the event name twice: the last one is the record's
    String nameTwice = "{\"eventName\":\"tbot.start\",\"attributes\":[" + attributes
        + ",{\"key\":\"version\",\"value\":{\"stringValue\":\"16.0.3\"}}],\"eventName\":\"user.login\"}";
    String json = "{\"resource_logs\":[{\"resource\":{\"attributes\":[{\"key\":\"host.name\",\"value\":"
        + "{\"stringValue\":\"alice-laptop\"}}]},\"resource\":{\"dropped_attributes_count\":7},\"schema_url\":\"alice\","
        + "\"scope_logs\":[{\"scope\":" + scope + ",\"scope\":{\"attributes\":[{\"key\":\"user.name\",\"value\":"
        + "{\"stringValue\":\"alice\"}}]},\"log_records\":[" + snakeCase + "," + attributesTwice + "," + nameTwice
        + "]}]}],\"userName\":\"alice\"}";
    // the scope sent twice, the second a stranger's name: the last name is the scope's
    String scopeTwice = "{\"resourceLogs\":[{\"scopeLogs\":[{\"scope\":" + scope + ",\"scope\":{\"name\":\"evil\"},"
        + "\"logRecords\":[{\"eventName\":\"tbot.start\",\"attributes\":[" + attributes
        + ",{\"key\":\"version\",\"value\":{\"stringValue\":\"16.0.4\"}}]}]}]}]}";
    List<Sink.Exported> got = arrivalsAfter(() -> {
      HttpResponse<String> r = Otlp.post(port, "/v1/logs", json.getBytes(StandardCharsets.UTF_8), "application/json", null);
      assertEquals(200, r.statusCode(), r.body());
      r = Otlp.post(port, "/v1/logs", Otlp.gzip(scopeTwice.getBytes(StandardCharsets.UTF_8)), "application/json", "gzip");
      assertEquals(200, r.statusCode(), r.body());
    });
    Map<String, Map<String, Object>> arrived = new TreeMap<>();
    for (Sink.Exported e : got) {
      Sink.assertScrubbed(e);
      arrived.put(e.attr("version"), e.attributes());
    }
    assertEquals(Map.of("16.0.1", Otlp.validStartAttributes("16.0.1"), "16.0.2", Otlp.validStartAttributes("16.0.2")),
        arrived, "the two tbot.start records of tbot's scope, as the schema has them");
    assertFalse(got.toString().contains("alice"), got.toString());
  }

  @Test
  void aSecondValueUnderASchemaKeyIsDropped() throws Exception {
    // OTLP puts attributes in a list, and the collector keeps a key sent twice: its checks read
    // the first value only, so each hostile value hides behind a valid one of the same key.
    LogRecord r =
        Otlp.validStart("1.1.3")
            .addAttributes(Otlp.str("helper", "gha"))
            .addAttributes(Otlp.str("helper", "alice on build-42.corp.example, 203.0.113.7"))
            .addAttributes(Otlp.str("version", "token=s3cr3t"))
            .addAttributes(Otlp.str("run_mode", "x".repeat(500)))
            .addAttributes(Otlp.str("destinations_configured", "/home/alice/.tbot"))
            .addAttributes(Otlp.num("destinations_configured_database_access", 999_999))
            .addAttributes(KeyValue.newBuilder().setKey("join_type").setValue(AnyValue.newBuilder()
                .setKvlistValue(io.opentelemetry.proto.common.v1.KeyValueList.newBuilder()
                    .addValues(Otlp.str("user.name", "alice")))).build())
            .build();
    List<Sink.Exported> got = arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, Otlp.request(r)).statusCode()));
    assertEquals(1, got.size(), "the record, with its first values, is valid and kept: " + got);
    Sink.assertScrubbed(got.get(0));
    Map<String, Object> expected = new LinkedHashMap<>(Otlp.validStartAttributes("1.1.3"));
    expected.put("helper", "gha");
    assertEquals(expected, got.get(0).attributes(), "the first value of each key");
    String arrived = got.toString();
    // (999999 is covered by the equality above: a timestamp's digits could hold it by chance.)
    for (String leak : List.of("alice", "203.0.113.7", "s3cr3t", "xxxxxxxx", "/home")) {
      assertFalse(arrived.contains(leak), leak + " arrived: " + arrived);
    }
  }

  @Test
  void otherEventsScopesAndPlainLogsAreDropped() throws Exception {
    List<Sink.Exported> got =
        arrivalsAfter(() -> {
          LogRecord wrongName = Otlp.validStart("2.0.1").setEventName("tbot.stop").build();
          LogRecord upperName = Otlp.validStart("2.0.2").setEventName("TBOT.START").build();
          LogRecord noName = Otlp.validStart("2.0.3").clearEventName()
              .setBody(AnyValue.newBuilder().setStringValue("user alice logged in")).build();
          LogRecord plain = LogRecord.newBuilder()
              .setBody(AnyValue.newBuilder().setStringValue("plain log line")).build();
          assertEquals(200, Otlp.postLogs(port, Otlp.request(wrongName, upperName, noName, plain)).statusCode());
          InstrumentationScope other = InstrumentationScope.newBuilder().setName("evil.scope").setVersion("1.0.0").build();
          assertEquals(200, Otlp.postLogs(port,
              Otlp.request(Resource.getDefaultInstance(), other, Otlp.validStart("2.0.4").build())).statusCode());
          InstrumentationScope none = InstrumentationScope.getDefaultInstance();
          assertEquals(200, Otlp.postLogs(port,
              Otlp.request(Resource.getDefaultInstance(), none, Otlp.validStart("2.0.5").build())).statusCode());
        });
    assertEquals(List.of(), got, "only tbot.start from tbot's scope may pass");
  }

  @Test
  void tracesAndMetricsAreRefused() throws Exception {
    List<Sink.Exported> got =
        arrivalsAfter(() -> {
          ExportTraceServiceRequest traces = ExportTraceServiceRequest.newBuilder()
              .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                  .addSpans(Span.newBuilder().setName("tbot.start")
                      .setTraceId(ByteString.copyFrom(new byte[16])).setSpanId(ByteString.copyFrom(new byte[8])))))
              .build();
          HttpResponse<String> t = Otlp.post(port, "/v1/traces", traces.toByteArray(), "application/x-protobuf", null);
          assertEquals(404, t.statusCode(), "traces: " + t.body());
          HttpResponse<String> m = Otlp.post(port, "/v1/metrics",
              ExportMetricsServiceRequest.getDefaultInstance().toByteArray(), "application/x-protobuf", null);
          assertEquals(404, m.statusCode(), "metrics: " + m.body());
          HttpResponse<String> other = Otlp.post(port, "/v1/logs/extra",
              Otlp.request(Otlp.validStart("3.0.1").build()).toByteArray(), "application/x-protobuf", null);
          assertEquals(404, other.statusCode(), "other paths");
        });
    assertEquals(List.of(), got);
  }

  @Test
  void eachPathIsAnsweredAsTbotOtelReadsIt() throws Exception {
    // preview's warning and a failed send's hint tell the mistake from CollectorPath's reading of
    // the endpoint's path (read as Go's server matches it); here, the collector's answer to each.
    List<String> paths = List.of("", "/", "//v1/logs", "/v1/./logs", "/a/../v1/logs", "/v1/logs/", "/v1/logs",
        "/v1/%6Cogs", "/v1%2Flogs", "/proxy/v1/logs", "/v1/traces");
    Set<CollectorPath> kinds = EnumSet.noneOf(CollectorPath.class);
    List<String> taken = new ArrayList<>();
    List<Sink.Exported> got = arrivalsAfter(() -> {
      for (int i = 0; i < paths.size(); i++) {
        String version = "5.0." + i;
        CollectorPath kind = CollectorPath.of(URI.create("http://127.0.0.1:" + port + paths.get(i)));
        kinds.add(kind);
        HttpResponse<String> r = Otlp.post(port, paths.get(i), Otlp.request(Otlp.validStart(version).build())
            .toByteArray(), "application/x-protobuf", null);
        String what = "'" + paths.get(i) + "', read as " + kind;
        switch (kind) {
          case LOGS:
            assertEquals(200, r.statusCode(), what);
            taken.add(version);
            break;
          case UNCLEAN:
            assertEquals(307, r.statusCode(), what);
            assertEquals(List.of("/v1/logs"), r.headers().allValues("Location"), what);
            break;
          default: // NONE, PREFIXED_LOGS (a proxy's to route) and OTHER
            assertEquals(404, r.statusCode(), what);
        }
      }
    });
    assertEquals(EnumSet.allOf(CollectorPath.class), kinds, "every kind of path is tried");
    assertEquals(taken, got.stream().map(e -> e.attr("version")).toList());
  }

  @Test
  void oversizedBodyIsRefused() throws Exception {
    // Valid OTLP carrying a 6000-byte attribute: over the 4 KiB limit, so refused whole, although
    // the record would otherwise pass (the extra key stripped).
    LogRecord big = Otlp.validStart("4.0.1").addAttributes(Otlp.str("padding", "x".repeat(6000))).build();
    byte[] body = Otlp.request(big).toByteArray();
    assertTrue(body.length > 4096);
    List<Sink.Exported> got =
        arrivalsAfter(() -> {
          int status = statusOrRefused(() -> Otlp.post(port, "/v1/logs", body, "application/x-protobuf", null));
          assertTrue(status >= 400 && status < 500 || status == -1, "oversized body answered " + status);
        });
    assertEquals(List.of(), got);
  }

  @Test
  void aBodyOneByteOverTheLimitGets400NotA413() throws Exception {
    // The configs' comments and the docs say which status an oversized body gets: the receiver
    // answers 400 with the gRPC status INVALID_ARGUMENT (3), not 413.
    byte[] padded = new byte[0];
    for (int pad = 4097; padded.length != 4097 && pad > 0; pad--) {
      padded = Otlp.request(Otlp.validStart("4.0.2").addAttributes(Otlp.str("padding", "x".repeat(pad))).build())
          .toByteArray();
    }
    byte[] body = padded;
    assertEquals(4097, body.length);
    List<Sink.Exported> got = arrivalsAfter(() -> {
      HttpResponse<String> r = Otlp.post(port, "/v1/logs", body, "application/x-protobuf", null);
      assertEquals(400, r.statusCode(), r.body());
      assertTrue(r.body().contains("request body too large"), r.body());
    });
    assertEquals(List.of(), got);
  }

  @Test
  void oneRequestWithinTheLimitCountsAsSixteenStarts() throws Exception {
    // docs/scaling.md: a request within 4 KiB may hold up to 16 records, each counted as a start.
    ExportLogsServiceRequest full = Otlp.fullest(Otlp.smallestStart(), 4096);
    assertEquals(16, full.getResourceLogs(0).getScopeLogs(0).getLogRecordsCount(), "records in 4 KiB");
    List<Sink.Exported> got = arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, full).statusCode()));
    assertEquals(16, got.size(), "every record kept: " + got);
  }

  @Test
  void gzipIsAcceptedButABombIsCutAtTheLimit() throws Exception {
    // A small gzip request is fine (the sentinel path proves plain requests).
    byte[] small = Otlp.gzip(Otlp.request(Otlp.validStart("5.0.1").build()).toByteArray());

    // 2 MB of valid OTLP that compresses to ~2 KiB: under the limit on the wire, far over it inflated.
    LogRecord inflated = Otlp.validStart("5.0.2").addAttributes(Otlp.str("padding", "A".repeat(2_000_000))).build();
    byte[] bomb = Otlp.gzip(Otlp.request(inflated).toByteArray());
    assertTrue(bomb.length < 4096, "bomb is " + bomb.length + " bytes compressed");
    // zstd is not in compression_algorithms.
    byte[] zstdLabelled = Otlp.request(Otlp.validStart("5.0.3").build()).toByteArray();

    List<Sink.Exported> got =
        arrivalsAfter(() -> {
          HttpResponse<String> ok = Otlp.post(port, "/v1/logs", small, "application/x-protobuf", "gzip");
          assertEquals(200, ok.statusCode(), ok.body());
          int status = statusOrRefused(() -> Otlp.post(port, "/v1/logs", bomb, "application/x-protobuf", "gzip"));
          assertTrue(status >= 400 && status < 500 || status == -1, "gzip bomb answered " + status);
          int z = statusOrRefused(() -> Otlp.post(port, "/v1/logs", zstdLabelled, "application/x-protobuf", "zstd"));
          assertTrue(z >= 400 && z < 500, "zstd answered " + z);
          // Nor is an explicit identity (README: no header, or gzip).
          int i = statusOrRefused(() -> Otlp.post(port, "/v1/logs", zstdLabelled, "application/x-protobuf", "identity"));
          assertTrue(i >= 400 && i < 500, "identity answered " + i);
        });
    assertEquals(1, got.size(), "only the small gzip request: " + got);
    assertEquals("5.0.1", got.get(0).attr("version"));
  }

  @Test
  void slowlorisIsDisconnectedByTheHeaderTimeout() throws Exception {
    // read_header_timeout is 5 s: a client trickling header lines must be cut off soon after.
    int[] line = {0};
    byte[] opening = "POST /v1/logs HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII);
    double seconds = secondsUntilClosed(opening, 15,
        out -> out.write(("X-Slow-" + line[0]++ + ": a\r\n").getBytes(StandardCharsets.US_ASCII)));
    assertTrue(seconds >= 0, "connection still open after 15 s of trickled headers");
    assertTrue(seconds >= 4.0 && seconds < 10.0, "closed after " + seconds + " s, expected ~5 s");
  }

  /** Something a stalling client writes between reads. */
  interface Stall {
    void next(OutputStream out) throws IOException;
  }

  /**
   * Seconds from connecting until the edge closed the connection (an end of stream or a reset; a
   * reply before it, such as a 408, is read past), the client having sent {@code opening} and then
   * doing {@code each} before every read of at most 500 ms; -1 if still open after
   * {@code maxSeconds}.
   */
  private double secondsUntilClosed(byte[] opening, int maxSeconds, Stall each) throws IOException {
    long startNanos = System.nanoTime();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(opening);
      out.flush();
      while (System.nanoTime() - startNanos < TimeUnit.SECONDS.toNanos(maxSeconds)) {
        try {
          each.next(out);
          out.flush();
          if (in.read() == -1) {
            return (System.nanoTime() - startNanos) / 1e9;
          }
          in.readNBytes(in.available());
        } catch (java.net.SocketTimeoutException timeout) {
          // still open
        } catch (IOException reset) {
          return (System.nanoTime() - startNanos) / 1e9;
        }
      }
      return -1;
    }
  }

  /**
   * A gzip body that stalls after its first bytes holds the receiver's decompressor (~64 KB), outside
   * the memory limiter and the queue, until read_timeout cuts it: 5 s, half what it was (red before:
   * open after 8 s). docs/scaling.md has the load balancer buffer requests whole besides.
   */
  @Test
  void aStalledGzipBodyIsDisconnectedByTheReadTimeout() throws Exception {
    ByteArrayOutputStream opening = new ByteArrayOutputStream();
    opening.writeBytes(("POST /v1/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
        + "Content-Encoding: gzip\r\nContent-Length: 300\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    opening.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, 0x01, 0x02}); // a gzip header
    double seconds = secondsUntilClosed(opening.toByteArray(), 8, out -> { }); // then silence
    assertTrue(seconds >= 0, "a stalled gzip body still open after 8 s");
    assertTrue(seconds >= 4.0, "closed after " + seconds + " s, expected ~5 s (read_timeout)");
  }

  /**
   * The edge counts the requests it refuses, by status code (its HTTP server's request metric, at
   * level detailed), and nothing a client chose reaches its metrics: not the Host header it sent.
   * Red before: at level normal no refused request was counted anywhere; at detailed without the
   * views, server_address carried each client's Host.
   */
  @Test
  void refusedRequestsAreCountedByStatusAndNoClientTextReachesTheMetrics() throws Exception {
    String host = "attacker-" + System.nanoTime() + ".example";
    double before400 = requests(collector.ownMetrics(), 400);
    double before404 = requests(collector.ownMetrics(), 404);
    assertEquals(400, rawPost("/v1/logs", host, "Content-Encoding: zstd\r\n"), "an encoding the edge refuses");
    assertEquals(404, rawPost("/v1/traces", host, ""), "a signal the edge does not serve");
    String metrics = collector.ownMetrics();
    assertEquals(before400 + 1, requests(metrics, 400), 0.0, "refused requests counted by status:\n" + metrics);
    assertEquals(before404 + 1, requests(metrics, 404), 0.0, "requests for other signals counted by status");
    assertFalse(metrics.contains(host), "a client's Host header reached the edge's metrics");
    assertFalse(metrics.contains("server_address"), "the request metric keeps the status code alone");
  }

  /** The edge's count of HTTP requests answered with {@code status}, from its own metrics. */
  private static double requests(String metrics, int status) {
    // The name docs/scaling.md gives.
    Matcher m = Pattern.compile("^http_server_request_duration_count\\{([^}]*)\\} (\\S+)$",
        Pattern.MULTILINE).matcher(metrics);
    double sum = 0;
    while (m.find()) {
      if (m.group(1).contains("http_response_status_code=\"" + status + "\"")) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  /** A raw POST of two bytes to {@code path} with {@code host} as its Host header; its status. */
  private int rawPost(String path, String host, String headers) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/x-protobuf"
          + "\r\n" + headers + "Content-Length: 2\r\nConnection: close\r\n\r\nxx").getBytes(StandardCharsets.US_ASCII));
      String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  @Test
  void valuesAreLimitedClampedAndCheckedAgainstTheSchema() throws Exception {
    LogRecord r =
        LogRecord.newBuilder()
            .setEventName(EventSchema.EVENT_NAME)
            .addAttributes(Otlp.str("run_mode", "continuous"))
            .addAttributes(Otlp.str("version", "6.0.1"))
            .addAttributes(Otlp.str("join_type", "github-enterprise-alice"))
            .addAttributes(Otlp.str("helper", "h".repeat(1000)))
            .addAttributes(Otlp.str("helper_version", "has spaces and /etc/passwd"))
            .addAttributes(Otlp.num("destinations_configured", 5000))
            .addAttributes(Otlp.num("destinations_configured_database_access", -3))
            .addAttributes(Otlp.num("destinations_configured_kubernetes_access", 2000))
            .addAttributes(Otlp.num("destinations_configured_application_access", 0))
            .build();
    List<Sink.Exported> got = arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, Otlp.request(r)).statusCode()));
    assertEquals(1, got.size());
    Sink.assertScrubbed(got.get(0));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("run_mode", "continuous");
    expected.put("version", "6.0.1");
    expected.put("join_type", "unknown"); // over 16 bytes: the fallback
    // helper removed: over maxLength 64, as tbot-otel's Sanitizer removes it (never cut to a prefix)
    // helper_version removed: not the pattern
    expected.put("destinations_configured", 1000L);
    expected.put("destinations_configured_database_access", 0L);
    expected.put("destinations_configured_kubernetes_access", 1000L);
    expected.put("destinations_configured_application_access", 0L);
    assertEquals(expected, got.get(0).attributes());
  }

  @Test
  void destinationKindsOverTheTotalAreZeroedAsTbotOtelZeroesThem() throws Exception {
    // Each output has one kind: kinds adding up to more than the total contradict it. The edge
    // applies tbot-otel's rule (Attribute.partOf) to the clamped counts: the kinds become 0, the
    // total stays, and what tbot-otel sends passes unchanged. AllowlistDriftTest compares the
    // statements with Sanitizer; this runs them.
    long[][] cases = {
        {0, 1000, 1000, 1000}, {0, 1, 0, 0}, {2, 1, 1, 1}, {3, 1, 1, 1}, {6, 1, 2, 3}, {1000, 1000, 0, 0},
        {5000, 1001, 0, 2}, {1500, 800, 700, 0}, {10, -5, 20, 0}, {-1, 0, 0, 0}, {7, 2000, -3, 0}};
    List<LogRecord> records = new ArrayList<>();
    Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
    for (int i = 0; i < cases.length; i++) {
      records.add(Otlp.startWithDestinations("13.0." + i, cases[i]).build());
      expected.put("13.0." + i, Otlp.attributesAsTbotOtelSends("13.0." + i, cases[i]));
    }
    assertTrue(expected.values().stream().filter(e -> e.get("destinations_configured_database_access").equals(0L)
        && e.get("destinations_configured_kubernetes_access").equals(0L)).count() >= 6, "most are zeroed");
    // A kind that is missing or not an int stops the rule's condition before the sum (with
    // error_mode propagate, a sum of nil would refuse the whole request) and drops its record.
    LogRecord.Builder missing = Otlp.startWithDestinations("13.1.1", 0, 1000, 1000, 1000);
    missing.removeAttributes(missing.getAttributesCount() - 1);
    LogRecord text = Otlp.startWithDestinations("13.1.2", 0, 1000, 1000, 1000)
        .addAttributes(0, Otlp.str("destinations_configured_application_access", "1000")).build();
    records.add(missing.build());
    records.add(text);
    List<Sink.Exported> got = arrivalsAfter(() -> {
      HttpResponse<String> r = Otlp.postLogs(port, Otlp.request(records.toArray(new LogRecord[0])));
      assertEquals(200, r.statusCode(), r.body());
    });
    Map<String, Map<String, Object>> arrived = new LinkedHashMap<>();
    got.forEach(e -> arrived.put(e.attr("version"), e.attributes()));
    assertEquals(expected, arrived, "what tbot-otel would send for each, and nothing of the incomplete two");
  }

  @Test
  void aHelperVersionWithoutItsHelperIsRemoved() throws Exception {
    // The schema sends helper_version only with a valid helper (Attribute.HELPER_VERSION, as tbot
    // does): alone it names no wrapper, and a client must not store what tbot-otel never sends.
    LogRecord alone = Otlp.validStart("7.1.1").addAttributes(Otlp.str("helper_version", "v2.0.1")).build();
    LogRecord badHelper = Otlp.validStart("7.1.2")
        .addAttributes(Otlp.str("helper", "alice's wrapper"))
        .addAttributes(Otlp.str("helper_version", "v2.0.1"))
        .build();
    LogRecord both = Otlp.validStart("7.1.3")
        .addAttributes(Otlp.str("helper", "gha:teleport-actions/auth"))
        .addAttributes(Otlp.str("helper_version", "v2.0.1"))
        .build();
    List<Sink.Exported> got =
        arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, Otlp.request(alone, badHelper, both)).statusCode()));
    assertEquals(3, got.size(), "every record is kept: " + got);
    assertEquals(Otlp.validStartAttributes("7.1.1"), got.get(0).attributes(), "no helper: no helper_version");
    assertEquals(Otlp.validStartAttributes("7.1.2"), got.get(1).attributes(), "helper removed: helper_version too");
    Map<String, Object> expected = new LinkedHashMap<>(Otlp.validStartAttributes("7.1.3"));
    expected.put("helper", "gha:teleport-actions/auth");
    expected.put("helper_version", "v2.0.1");
    assertEquals(expected, got.get(2).attributes(), "with its helper, kept");
  }

  @Test
  void identifyingHelpersAreRemovedAsTbotOtelRemovesThem() throws Exception {
    // A modified client is not screened by tbot-otel: the collector screens helper and checks
    // helper_version's grammar itself (AllowlistDriftTest compares its rules with Sanitizer on a
    // corpus; this runs them in the collector). Each value once as helper, once as helper_version.
    List<String> values = List.of("gha:teleport-actions/auth", "teleport-actions/auth@v2", "release-2024-06-01",
        "alice@example.com", "gha:runner@build-box", "10.0.0.12", "ip-10-0-1-23", "fe80::1", "ci.example.com",
        "ghp_1234567890abcdefghijABCDEFGHIJ123456", "a1b2c3d4e5f6g7h8i9j0k", "tbot-7d9f8b6c5-x2k4q",
        // a URL to a host without a dot; a name in a version's suffix (a helper, not a
        // helper_version, since schema 1.1.1); a bare major version (both)
        "http://intranet/alice", "v2.0.1-alice", "v2",
        // an IPv4 with underscores, a MAC address, an EC2 instance id, a container's short id
        "runner_10_0_1_23", "00-1a-2b-3c-4d-5e", "i-0abc123def4567890", "runner-f3a9c1b2d4e5",
        // paths (schema 1.1.3): a drive letter's, a prefixed absolute one, a dot-led segment, a
        // root's without its slash, a network share's; the leading slash the charset refuses
        "C:/Users/alice", "gha:/home/alice/.tbot", "home/alice/.tbot", "Users/alice", "gha:x//srv",
        "/home/alice/.tbot",
        // base64 keys (schema 1.1.4): AWS's example secret access key, alone and after a prefix;
        // then a name of 32 such characters that mixes no capitals in, kept
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "gha:7x/iB4lW5gkIgYMATHaT5/RcVBf2AJUHxBYbWDLr",
        "gha:myorganization2/myrepository/auth",
        // user@host with a host name led by a digit, or v and a digit (schema 1.1.5); a whole
        // version after an @, kept
        "root@10host", "bob@v2-laptop", "orb@1.2.3/x",
        // schema 1.1.6: an IPv4 address as one number, an AWS account's id, a hex key cut by a ':', MAC
        // addresses with dots between pairs or in groups of four, users' directories after a '/'; a
        // date's eight digits, kept
        "ci:167772161", "aws:1234-5678-9012/deploy", "a1b2c3d4e5f6a7b8c9d:0e1f2a3b4c5d6e7f8a9", "00.1b.63.84.45.e6",
        "001b-6384-45e6", "builds/home/alice", "volume1/homes/alice", "nightly-20241207",
        // schema 1.1.7: an IPv4 address after a dot, a pod's suffix of consonants only; a version
        // with an address's shape after a year, and a build number, kept
        "runner.10.9.8.7", "tbot-runner-xkbqz", "nightly.2024.10.0.0.1", "build-24567",
        // schema 1.1.8: Windows' generated computer names and IPv6 with dashes; names that are none, kept
        "DESKTOP-AB12CDE", "WIN-3K5J8Q0M2N1", "fe80--1", "2001-db8-85a3-0-0-8a2e-370-7334", "desktop-release",
        "deploy--v2",
        // schema 1.1.9: Windows' generated names in any case and AWS's, computers named after their
        // owners; names that are none, kept
        "desktop-ab12cde", "EC2AMAZ-4B5I3RO", "JOHN-PC", "Alices-MacBook-Pro", "Bobs-Mac-mini", "alice-mbp",
        "tool-pcb", "gha:macos-runner");
    List<LogRecord> records = new ArrayList<>();
    Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      String asHelper = "12.0." + i;
      String asVersion = "12.1." + i;
      records.add(Otlp.validStart(asHelper).addAttributes(Otlp.str("helper", v)).build());
      records.add(Otlp.validStart(asVersion).addAttributes(Otlp.str("helper", "gha"))
          .addAttributes(Otlp.str("helper_version", v)).build());
      Map<String, Object> e = new LinkedHashMap<>(Otlp.validStartAttributes(asHelper));
      Object helper = com.goteleport.tbot.otel.event.StartEvent.builder().setHelper(v).build()
          .get(com.goteleport.tbot.otel.event.Attribute.HELPER);
      if (helper != null) {
        e.put("helper", helper);
      }
      expected.put(asHelper, e);
      e = new LinkedHashMap<>(Otlp.validStartAttributes(asVersion));
      e.put("helper", "gha");
      Object version = com.goteleport.tbot.otel.event.StartEvent.builder().setHelper("gha").setHelperVersion(v).build()
          .get(com.goteleport.tbot.otel.event.Attribute.HELPER_VERSION);
      if (version != null) {
        e.put("helper_version", version);
      }
      expected.put(asVersion, e);
    }
    assertTrue(expected.values().stream().filter(e -> !e.containsKey("helper")).count() >= 8, "most are screened");
    List<Sink.Exported> got = arrivalsAfter(() -> {
      for (int from = 0; from < records.size(); from += 6) {
        LogRecord[] batch = records.subList(from, Math.min(records.size(), from + 6)).toArray(new LogRecord[0]);
        assertEquals(200, Otlp.postLogs(port, Otlp.request(batch)).statusCode());
      }
    });
    Map<String, Map<String, Object>> arrived = new LinkedHashMap<>();
    got.forEach(e -> arrived.put(e.attr("version"), e.attributes()));
    assertEquals(expected, arrived, "what tbot-otel would send for each value");
    for (int i = values.indexOf("C:/Users/alice"); i < values.indexOf("gha:myorganization2/myrepository/auth"); i++) {
      assertEquals(null, arrived.get("12.0." + i).get("helper"), "a path or a key is no helper: " + values.get(i));
    }
    assertEquals("gha:myorganization2/myrepository/auth",
        arrived.get("12.0." + values.indexOf("gha:myorganization2/myrepository/auth")).get("helper"));
  }

  @Test
  void versionsOutsideThePatternBecomeUnknown() throws Exception {
    LogRecord longVersion = Otlp.validStart("7.0.1-dev.alice.laptop.corp.example.com").build();
    LogRecord plain = Otlp.validStart("v7.0.2-rc.1").build();
    List<Sink.Exported> got =
        arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, Otlp.request(longVersion, plain)).statusCode()));
    assertEquals(2, got.size());
    assertEquals("unknown", got.get(0).attr("version"));
    assertEquals("v7.0.2-rc.1", got.get(1).attr("version"));
  }

  @Test
  void attributesArriveInTbotOtelsOrderWhateverOrderTheClientChose() throws Exception {
    // The exporters keep a record's attribute list in order, and ClickHouse's map column keeps it
    // (and hashes it into the rows' sort order): the order of nine keys, chosen by the client or
    // moved by a removal (a removed entry takes the last one), would be a number stored beside
    // the values.
    LogRecord.Builder helped = Otlp.validStart("1.1.7")
        .addAttributes(Otlp.str("helper_version", "v2.0.1"))
        .addAttributes(Otlp.str("helper", "gha"));
    List<KeyValue> reversed = new ArrayList<>(helped.getAttributesList());
    Collections.reverse(reversed);
    LogRecord backwards = helped.clearAttributes().addAllAttributes(reversed).build();
    LogRecord removedFirst = Otlp.validStart("1.1.8").addAttributes(0, Otlp.num("helper", 7)).build();
    List<Sink.Exported> got = arrivalsAfter(() ->
        assertEquals(200, Otlp.postLogs(port, Otlp.request(backwards, removedFirst)).statusCode()));
    assertEquals(2, got.size(), "both records are valid and kept: " + got);
    Map<String, Object> expected = new TreeMap<>(Otlp.validStartAttributes("1.1.7"));
    expected.put("helper", "gha");
    expected.put("helper_version", "v2.0.1");
    Map<String, Object> expectedRemoved = new TreeMap<>(Otlp.validStartAttributes("1.1.8"));
    for (Sink.Exported e : got) {
      Sink.assertScrubbed(e);
      Map<String, Object> want = "1.1.7".equals(e.attr("version")) ? expected : expectedRemoved;
      assertEquals(List.copyOf(want.entrySet()), List.copyOf(e.attributes().entrySet()),
          "the schema's attributes, sorted by key as tbot-otel sends them");
    }
  }

  @Test
  void wrongTypesAndMissingRequiredAttributesDropTheRecord() throws Exception {
    LogRecord.Builder base = Otlp.validStart("8.0.1");
    List<KeyValue> attrs = new ArrayList<>(base.getAttributesList());
    attrs.set(3, Otlp.str("destinations_configured", "1")); // a string where the schema has an int
    LogRecord wrongType = base.clearAttributes().addAllAttributes(attrs).build();
    LogRecord missing = LogRecord.newBuilder().setEventName(EventSchema.EVENT_NAME)
        .addAttributes(Otlp.str("run_mode", "one-shot")).build();
    LogRecord badRunMode = Otlp.validStart("8.0.3").build().toBuilder()
        .setAttributes(0, Otlp.str("run_mode", "daemon")).build();
    List<Sink.Exported> got =
        arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, Otlp.request(wrongType, missing, badRunMode)).statusCode()));
    assertEquals(List.of(), got);
  }

  @Test
  void bodyTraceContextAndClientClockAreReplacedByTheHourOfReceipt() throws Exception {
    long farFuture = 4_102_444_800_000_000_000L; // 2100-01-01
    LogRecord r =
        Otlp.validStart("9.0.1")
            .setBody(AnyValue.newBuilder().setStringValue("token=s3cr3t"))
            .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
            .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
            .setFlags(1)
            .setSeverityText("DEBUG alice")
            .setSeverityNumberValue(1)
            .setTimeUnixNano(farFuture)
            .setObservedTimeUnixNano(farFuture)
            .build();
    long before = System.currentTimeMillis() * 1_000_000L;
    List<Sink.Exported> got = arrivalsAfter(() -> assertEquals(200, Otlp.postLogs(port, Otlp.request(r)).statusCode()));
    long after = System.currentTimeMillis() * 1_000_000L;
    assertEquals(1, got.size());
    Sink.assertScrubbed(got.get(0));
    LogRecord out = got.get(0).record();
    assertEquals(9, out.getSeverityNumberValue(), "severity forced to INFO");
    // The receipt time, truncated to its UTC hour: no finer time is stored beside the event.
    Sink.assertHourOfReceipt(out, before, after);
    assertFalse(sink.text().contains("s3cr3t"));
  }

  interface HttpCall {
    HttpResponse<String> call() throws Exception;
  }

  /** The status, or -1 when the server closed the connection instead of answering. */
  private static int statusOrRefused(HttpCall call) throws Exception {
    try {
      return call.call().statusCode();
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  @Test
  void concurrentClientsAreAllServed() throws Exception {
    long before = System.currentTimeMillis() * 1_000_000L;
    List<Sink.Exported> got =
        arrivalsAfter(() -> {
          List<CompletableFuture<Integer>> calls = new ArrayList<>();
          for (int i = 0; i < 50; i++) {
            String v = "10.0." + i;
            calls.add(CompletableFuture.supplyAsync(() -> {
              try {
                return Otlp.postLogs(port, Otlp.request(Otlp.validStart(v).build())).statusCode();
              } catch (Exception e) {
                return -1;
              }
            }));
          }
          for (CompletableFuture<Integer> c : calls) {
            assertEquals(200, c.get(30, TimeUnit.SECONDS));
          }
        });
    long after = System.currentTimeMillis() * 1_000_000L;
    assertEquals(50, got.size());
    got.forEach(Sink::assertScrubbed);
    got.forEach(e -> Sink.assertHourOfReceipt(e.record(), before, after));
  }
}
