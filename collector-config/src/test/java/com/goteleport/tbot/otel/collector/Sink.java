package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import com.goteleport.tbot.otel.event.EventSchema;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Reads what the file exporter wrote: OTLP/JSON, one line per export (a request, or a batch). */
final class Sink {

  /**
   * One exported log record with the resource and scope it was exported under, and the schema URLs
   * of its ResourceLogs and ScopeLogs.
   */
  record Exported(Resource resource, InstrumentationScope scope, LogRecord record, String resourceSchemaUrl,
      String scopeSchemaUrl) {

    /** The record's attributes as key to plain Java value (String or Long, others as text). */
    Map<String, Object> attributes() {
      return Sink.attributes(record.getAttributesList());
    }

    String attr(String key) {
      Object v = attributes().get(key);
      return v == null ? null : v.toString();
    }
  }

  /**
   * Fields of the profiles signal's string table that opentelemetry-proto now defines on types
   * logs share (1.11.0-alpha has them, 1.8.0-alpha did not), so JsonFormat reads them where it
   * refused them as undefined: a number a client chose, which the scrub drops.
   */
  static final Set<String> PROFILE_ONLY = Set.of(
      "opentelemetry.proto.common.v1.KeyValue.key_strindex",
      "opentelemetry.proto.common.v1.AnyValue.string_value_strindex");

  private final Path file;

  Sink(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** The raw text written so far (complete lines only). */
  String text() {
    if (!Files.exists(file)) {
      return "";
    }
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      int end = s.lastIndexOf('\n');
      return end < 0 ? "" : s.substring(0, end + 1);
    } catch (IOException e) {
      throw new AssertionError("cannot read sink " + file, e);
    }
  }

  /** Every record exported so far, in order. */
  List<Exported> records() {
    List<Exported> out = new ArrayList<>();
    for (String line : text().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
      try {
        // Strict: a field OTLP does not define (such as pdata's "deprecatedScopeLogs") is something
        // the scrub did not see, so it fails the test instead of being skipped unread; so does
        // one OTLP defines for profiles only (PROFILE_ONLY).
        JsonFormat.parser().merge(line, b);
      } catch (IOException e) {
        throw new AssertionError("sink line is not OTLP/JSON: " + line, e);
      }
      ExportLogsServiceRequest request = b.build();
      refuseProfileOnly(request, line);
      out.addAll(records(request));
    }
    return out;
  }

  /** Fails if {@code m} holds a {@link #PROFILE_ONLY} field at any depth. */
  private static void refuseProfileOnly(MessageOrBuilder m, String line) {
    for (Map.Entry<FieldDescriptor, Object> f : m.getAllFields().entrySet()) {
      FieldDescriptor field = f.getKey();
      if (PROFILE_ONLY.contains(field.getFullName())) {
        throw new AssertionError("sink line holds " + field.getFullName() + ", which the scrub drops: " + line);
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        List<?> values = field.isRepeated() ? (List<?>) f.getValue() : List.of(f.getValue());
        for (Object v : values) {
          refuseProfileOnly((MessageOrBuilder) v, line);
        }
      }
    }
  }

  /** The records of one export request, each with its resource and scope. */
  static List<Exported> records(ExportLogsServiceRequest request) {
    List<Exported> out = new ArrayList<>();
    for (ResourceLogs rl : request.getResourceLogsList()) {
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        for (LogRecord r : sl.getLogRecordsList()) {
          out.add(new Exported(rl.getResource(), sl.getScope(), r, rl.getSchemaUrl(), sl.getSchemaUrl()));
        }
      }
    }
    return out;
  }

  /** A fresh sentinel's version, one the scrub keeps: three components of at most three digits each. */
  static String freshMarker() {
    long n = System.nanoTime();
    return "9." + (n / 1000 % 1000) + "." + (n % 1000);
  }

  /** Something a test runs that may throw. */
  interface Step {
    void run() throws Exception;
  }

  /** Something that sends a sentinel event carrying {@code marker} as its version. */
  interface Sentinel {
    void send(String marker) throws Exception;
  }

  /**
   * Runs {@code step}, then sends a sentinel with a fresh {@code marker}; once the sentinel is here,
   * whatever {@code step} caused has been fully processed, so "nothing else arrived" is a real
   * observation, not a timing guess. Returns what arrived after {@code step} began, the sentinel
   * removed.
   */
  List<Exported> arrivalsAfter(Step step, String marker, Sentinel sentinel, Duration timeout) throws Exception {
    int before = size();
    step.run();
    return arrivalsAfter(before, marker, sentinel, timeout);
  }

  /**
   * Sends a sentinel with {@code marker} and returns what arrived after index {@code from} once it
   * is here, the sentinel removed: on a path that keeps order, everything sent before it.
   */
  List<Exported> arrivalsAfter(int from, String marker, Sentinel sentinel, Duration timeout) throws Exception {
    sentinel.send(marker);
    List<Exported> others = new ArrayList<>();
    for (Exported e : awaitAfter(from, x -> marker.equals(x.attr("version")), timeout)) {
      if (!marker.equals(e.attr("version"))) {
        others.add(e);
      }
    }
    return others;
  }

  /**
   * The schema's invariants every stored record must satisfy: the event, tbot's scope, no resource
   * or scope attributes, no schema URL or dropped-attribute count anywhere, only schema keys, and no
   * body, trace context, flags or severity text.
   */
  static void assertScrubbed(Exported e) {
    assertEquals(EventSchema.EVENT_NAME, e.record().getEventName());
    assertEquals(0, e.resource().getAttributesCount(), "resource must be empty: " + e.resource());
    assertEquals(0, e.resource().getEntityRefsCount(), "no entity references: " + e.resource());
    assertEquals(0, e.resource().getDroppedAttributesCount(), "resource dropped count: " + e.resource());
    assertEquals("", e.resourceSchemaUrl(), "resource schema URL");
    assertEquals(EventSchema.SCOPE_NAME, e.scope().getName());
    assertEquals(0, e.scope().getAttributesCount(), "scope attributes: " + e.scope());
    assertEquals(0, e.scope().getDroppedAttributesCount(), "scope dropped count: " + e.scope());
    assertEquals("", e.scopeSchemaUrl(), "scope schema URL");
    assertEquals(0, e.record().getDroppedAttributesCount(), "record dropped count");
    assertTrue(EventSchema.attributeKeys().containsAll(e.attributes().keySet()), "non-schema key: " + e.attributes());
    // attributes() keeps one value per key; the wire list must not hold a second one behind it.
    assertEquals(e.attributes().size(), e.record().getAttributesCount(), "a key twice: " + e.record().getAttributesList());
    // One order, the one tbot-otel sends (sorted by key): the exporters keep the list's order, so
    // the client's would be a number it chose, stored beside the values.
    List<String> keys = new ArrayList<>();
    for (KeyValue kv : e.record().getAttributesList()) {
      keys.add(kv.getKey());
    }
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(null);
    assertEquals(sorted, keys, "attributes not in tbot-otel's order (sorted by key)");
    AnyValue body = e.record().getBody();
    assertTrue(
        body.getValueCase() == AnyValue.ValueCase.VALUE_NOT_SET || body.getStringValue().isEmpty(),
        "body must be empty: " + body);
    assertTrue(e.record().getTraceId().isEmpty(), "trace id");
    assertTrue(e.record().getSpanId().isEmpty(), "span id");
    assertEquals(0, e.record().getFlags());
    assertEquals("", e.record().getSeverityText());
  }

  /** One hour in nanoseconds: the edge and the warehouse store times truncated to it. */
  static final long HOUR_NANOS = 3_600_000_000_000L;

  /** The start of the UTC hour holding {@code unixNanos}. */
  static long hourOf(long unixNanos) {
    return Math.floorDiv(unixNanos, HOUR_NANOS) * HOUR_NANOS;
  }

  /**
   * Fails unless both times of {@code r} are equal and the start of the UTC hour of a receipt
   * between {@code beforeNanos} and {@code afterNanos} (this machine's clock around the send and
   * the arrival): the hour at either end, so a send across an hour's boundary passes either way.
   */
  static void assertHourOfReceipt(LogRecord r, long beforeNanos, long afterNanos) {
    long t = r.getTimeUnixNano();
    assertEquals(t, r.getObservedTimeUnixNano(), "time and observed time equal");
    assertEquals(0, t % HOUR_NANOS, "time not truncated to the hour: " + t + " (" + Instant.ofEpochSecond(0, t)
        + ", " + (t % HOUR_NANOS) + " ns into its hour)");
    assertTrue(t == hourOf(beforeNanos) || t == hourOf(afterNanos), "time " + Instant.ofEpochSecond(0, t)
        + " is not the hour of receipt, between " + Instant.ofEpochSecond(0, beforeNanos) + " and "
        + Instant.ofEpochSecond(0, afterNanos));
  }

  /** Number of records exported so far. */
  int size() {
    return records().size();
  }

  /**
   * Waits until records carrying each of {@code versions} are after index {@code from}, and returns
   * their join_type by version (every such record's: a duplicate with another value would show).
   */
  Map<String, String> joinTypesByVersion(int from, Set<String> versions, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> got = new TreeMap<>();
    while (System.nanoTime() < deadline) {
      got.clear();
      List<Exported> all = records();
      for (Exported e : all.subList(Math.min(from, all.size()), all.size())) {
        String version = e.attr("version");
        if (versions.contains(version)) {
          String was = got.put(version, e.attr("join_type"));
          assertEquals(null, was, "stored twice: " + version);
        }
      }
      if (got.keySet().equals(versions)) {
        return got;
      }
      Thread.sleep(50);
    }
    return got;
  }

  /** Waits until some record after index {@code from} matches, and returns all records after it. */
  List<Exported> awaitAfter(int from, Predicate<Exported> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<Exported> all = records();
      List<Exported> fresh = all.subList(Math.min(from, all.size()), all.size());
      if (fresh.stream().anyMatch(match)) {
        return List.copyOf(fresh);
      }
      Thread.sleep(50);
    }
    fail("no matching record reached the sink within " + timeout + "; sink:\n" + text());
    return List.of();
  }

  static Map<String, Object> attributes(List<KeyValue> kvs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (KeyValue kv : kvs) {
      AnyValue v = kv.getValue();
      Object o;
      switch (v.getValueCase()) {
        case STRING_VALUE:
          o = v.getStringValue();
          break;
        case INT_VALUE:
          o = v.getIntValue();
          break;
        default:
          o = v.toString().trim();
      }
      m.put(kv.getKey(), o);
    }
    return m;
  }
}
