package com.goteleport.tbot.otel.collector;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.event.StartEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** OTLP/HTTP protobuf requests built with the opentelemetry-proto classes, as a client would send. */
final class Otlp {

  private Otlp() {}

  static KeyValue str(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  static KeyValue num(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  /**
   * An AnyValue holding only {@code string_value_strindex} (field 8, an index into a profile's
   * string table). The collector decodes it, reports the value as empty (so OTTL reads it as nil),
   * and encodes it again: a number a client chooses.
   */
  static AnyValue stringIndex(int index) {
    return AnyValue.newBuilder().setStringValueStrindex(index).build();
  }

  static InstrumentationScope tbotScope() {
    return InstrumentationScope.newBuilder()
        .setName(EventSchema.SCOPE_NAME)
        .setVersion(EventSchema.VERSION)
        .build();
  }

  /**
   * A valid tbot.start record, with the given version as a marker, its two times equal as the edge
   * stamps them (so that it also passes the warehouse when produced to Kafka directly).
   */
  static LogRecord.Builder validStart(String version) {
    long now = System.currentTimeMillis() * 1_000_000L;
    return LogRecord.newBuilder()
        .setEventName(EventSchema.EVENT_NAME)
        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
        .setTimeUnixNano(now)
        .setObservedTimeUnixNano(now)
        .addAttributes(str("run_mode", "one-shot"))
        .addAttributes(str("version", version))
        .addAttributes(str("join_type", "github"))
        .addAttributes(num("destinations_configured", 1))
        .addAttributes(num("destinations_configured_database_access", 0))
        .addAttributes(num("destinations_configured_kubernetes_access", 0))
        .addAttributes(num("destinations_configured_application_access", 0));
  }

  /**
   * join_type values no tbot sends: a URL-style spelling of generic_oidc, other spellings of
   * it and a made-up method. Every collector must store each as {@code unknown}.
   */
  static final List<String> MADE_UP_JOIN_METHODS =
      List.of("generic-oidc", "genericoidc", "GENERIC_OIDC", "oidc", "my-secret-join-method");

  /**
   * One {@link #validStart} per join_type value of the schema (unknown included) and per {@link
   * #MADE_UP_JOIN_METHODS} entry, its version {@code versionPrefix + index}; keyed by that version,
   * the join_type a collector must store (made-up ones as {@code unknown}) is put in {@code expected}.
   */
  static List<LogRecord> startPerJoinMethod(String versionPrefix, Map<String, String> expected) {
    List<String> values = new ArrayList<>(Attribute.JOIN_TYPE.allowedValues());
    values.addAll(MADE_UP_JOIN_METHODS);
    List<LogRecord> records = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      LogRecord.Builder r = validStart(versionPrefix + i);
      records.add(r.setAttributes(indexOf(r, "join_type"), str("join_type", v)).build());
      expected.put(versionPrefix + i, Attribute.JOIN_TYPE.allowedValues().contains(v) ? v : Attribute.UNKNOWN);
    }
    return records;
  }

  /** The attributes of {@link #validStart}, as {@link Sink.Exported#attributes()} gives them. */
  static Map<String, Object> validStartAttributes(String version) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (KeyValue kv : validStart(version).getAttributesList()) {
      AnyValue v = kv.getValue();
      attributes.put(kv.getKey(), v.hasIntValue() ? (Object) v.getIntValue() : v.getStringValue());
    }
    return attributes;
  }

  /**
   * The count attributes, in the order of {@link #startWithDestinations}. Spelled out, as {@link
   * #validStart}'s keys are, not derived from the schema: once a kind is added, these records are
   * an older client's, without it, which the collectors' parts rule must still apply to (a rule
   * that skipped them was caught by the end-to-end tests in the drill of docs/testing.md).
   */
  static final List<Attribute> COUNTS = List.of(Attribute.DESTINATIONS_CONFIGURED,
      Attribute.DESTINATIONS_CONFIGURED_DATABASE_ACCESS, Attribute.DESTINATIONS_CONFIGURED_KUBERNETES_ACCESS,
      Attribute.DESTINATIONS_CONFIGURED_APPLICATION_ACCESS);

  /**
   * {@link #validStart} with these counts (total, database, kubernetes, application), any values,
   * as a modified client may send them.
   */
  static LogRecord.Builder startWithDestinations(String version, long... counts) {
    LogRecord.Builder r = validStart(version);
    for (int i = 0; i < COUNTS.size(); i++) {
      int at = indexOf(r, COUNTS.get(i).key());
      r.setAttributes(at, num(COUNTS.get(i).key(), counts[i]));
    }
    return r;
  }

  /**
   * The attributes of {@link #startWithDestinations} as tbot-otel would send them: its counts as
   * tbot-otel's event sanitizes them (a negative count as 0, which is what both sides clamp it to).
   */
  static Map<String, Object> attributesAsTbotOtelSends(String version, long... counts) {
    int[] c = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      c[i] = (int) Math.max(0, Math.min(Integer.MAX_VALUE, counts[i]));
    }
    StartEvent e = StartEvent.builder().setDestinations(new DestinationCounts(c[0], c[1], c[2], c[3])).build();
    Map<String, Object> attributes = validStartAttributes(version);
    COUNTS.forEach(a -> attributes.put(a.key(), e.get(a)));
    return attributes;
  }

  private static int indexOf(LogRecord.Builder r, String key) {
    for (int i = 0; i < r.getAttributesCount(); i++) {
      if (r.getAttributes(i).getKey().equals(key)) {
        return i;
      }
    }
    throw new AssertionError("no " + key + " in " + r);
  }

  /**
   * The smallest record the edge still keeps and counts as a start: no times (the edge stamps its
   * own), version and join_type empty (stored as unknown), the counts 0.
   */
  static LogRecord smallestStart() {
    return LogRecord.newBuilder()
        .setEventName(EventSchema.EVENT_NAME)
        .addAttributes(str("run_mode", "one-shot"))
        .addAttributes(str("version", ""))
        .addAttributes(str("join_type", ""))
        .addAttributes(num("destinations_configured", 0))
        .addAttributes(num("destinations_configured_database_access", 0))
        .addAttributes(num("destinations_configured_kubernetes_access", 0))
        .addAttributes(num("destinations_configured_application_access", 0))
        .build();
  }

  /** One request holding as many copies of {@code record} as fit in {@code limit} bytes of protobuf. */
  static ExportLogsServiceRequest fullest(LogRecord record, int limit) {
    List<LogRecord> records = new ArrayList<>();
    while (request(with(records, record).toArray(new LogRecord[0])).getSerializedSize() <= limit) {
      records.add(record);
    }
    return request(records.toArray(new LogRecord[0]));
  }

  private static List<LogRecord> with(List<LogRecord> records, LogRecord one) {
    List<LogRecord> more = new ArrayList<>(records);
    more.add(one);
    return more;
  }

  /** One request holding the records under one resource and scope. */
  static ExportLogsServiceRequest request(Resource resource, InstrumentationScope scope, LogRecord... records) {
    ScopeLogs.Builder sl = ScopeLogs.newBuilder().setScope(scope);
    for (LogRecord r : records) {
      sl.addLogRecords(r);
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(sl))
        .build();
  }

  /** One request with an empty resource and tbot's scope. */
  static ExportLogsServiceRequest request(LogRecord... records) {
    return request(Resource.getDefaultInstance(), tbotScope(), records);
  }

  /** {@code request} with every ResourceLogs and ScopeLogs given these schema URLs. */
  static ExportLogsServiceRequest withSchemaUrls(ExportLogsServiceRequest request, String resourceUrl,
      String scopeUrl) {
    ExportLogsServiceRequest.Builder b = request.toBuilder();
    for (ResourceLogs.Builder rl : b.getResourceLogsBuilderList()) {
      rl.setSchemaUrl(resourceUrl);
      for (ScopeLogs.Builder sl : rl.getScopeLogsBuilderList()) {
        sl.setSchemaUrl(scopeUrl);
      }
    }
    return b.build();
  }

  /**
   * An OTLP/JSON request whose one ResourceLogs holds a valid tbot.start (version {@code version})
   * in "scopeLogs", entity references on its resource, and a foreign record in
   * "deprecatedScopeLogs". The collector's JSON decoder keeps that record there (only its protobuf
   * decoder moves such records into scopeLogs), where no filter, transform or redaction looks,
   * while its exporters still write it out.
   */
  static byte[] jsonWithDeprecatedScopeLogs(String version) {
    String attributes = "{\"key\":\"run_mode\",\"value\":{\"stringValue\":\"one-shot\"}},"
        + "{\"key\":\"version\",\"value\":{\"stringValue\":\"" + version + "\"}},"
        + "{\"key\":\"join_type\",\"value\":{\"stringValue\":\"github\"}},"
        + "{\"key\":\"destinations_configured\",\"value\":{\"intValue\":\"1\"}},"
        + "{\"key\":\"destinations_configured_database_access\",\"value\":{\"intValue\":\"0\"}},"
        + "{\"key\":\"destinations_configured_kubernetes_access\",\"value\":{\"intValue\":\"0\"}},"
        + "{\"key\":\"destinations_configured_application_access\",\"value\":{\"intValue\":\"0\"}}";
    String json = "{\"resourceLogs\":[{"
        + "\"resource\":{\"entityRefs\":[{\"type\":\"alice@acme.example\",\"idKeys\":[\"ip=203.0.113.7\"]}]},"
        + "\"scopeLogs\":[{\"scope\":{\"name\":\"" + EventSchema.SCOPE_NAME + "\",\"version\":\"" + EventSchema.VERSION
        + "\"},\"logRecords\":[{\"eventName\":\"" + EventSchema.EVENT_NAME + "\",\"attributes\":[" + attributes + "]}]}],"
        + "\"deprecatedScopeLogs\":[{\"scope\":{\"name\":\"evil.scope\",\"attributes\":[{\"key\":\"host.name\","
        + "\"value\":{\"stringValue\":\"build-42.corp.example\"}}]},\"logRecords\":[{\"eventName\":\"user.login\","
        + "\"body\":{\"stringValue\":\"alice logged in from 203.0.113.7\"},"
        + "\"attributes\":[{\"key\":\"user.name\",\"value\":{\"stringValue\":\"alice\"}}]}]}]"
        + "}]}";
    return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Field {@code number} of a message, length-delimited, holding {@code value}: the wire form of a
   * message, string or bytes field, whether the message defines that field or not.
   */
  static byte[] field(int number, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      com.google.protobuf.CodedOutputStream c = com.google.protobuf.CodedOutputStream.newInstance(out);
      c.writeByteArray(number, value);
      c.flush();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  /**
   * The parts one after another. Encodings of one message type concatenated are one message on
   * the wire: a message field sent twice is merged, and of a scalar or a oneof the last one wins.
   */
  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** POSTs raw bytes to 127.0.0.1:port/path with the given Content-Type and Content-Encoding. */
  static HttpResponse<String> post(int port, String path, byte[] body, String contentType, String encoding)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    return Collector.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs an OTLP protobuf request to /v1/logs. */
  static HttpResponse<String> postLogs(int port, ExportLogsServiceRequest request)
      throws IOException, InterruptedException {
    return post(port, "/v1/logs", request.toByteArray(), "application/x-protobuf", null);
  }
}
