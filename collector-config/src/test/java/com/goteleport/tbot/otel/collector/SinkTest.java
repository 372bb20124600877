package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sink is the end-to-end tests' last check: a line holding something the scrub must have dropped
 * fails them. JsonFormat refuses a name OTLP does not define, but each opentelemetry-proto release
 * may define more, and what it defines it reads in silence.
 */
class SinkTest {

  private static final String ATTRIBUTE = "{\"key\":\"run_mode\",\"value\":{\"stringValue\":\"one-shot\"}}";

  @TempDir
  Path dir;

  @Test
  void aCleanLineIsRead() throws IOException {
    assertEquals("one-shot", sinkOf(line(ATTRIBUTE, "{\"stringValue\":\"\"}")).records().get(0).attr("run_mode"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"keyStrindex", "key_strindex"})
  void aNumberBesideAnAttributeKeyFailsTheTest(String name) throws IOException {
    String attribute = "{\"key\":\"run_mode\",\"" + name + "\":77,\"value\":{\"stringValue\":\"one-shot\"}}";
    Sink sink = sinkOf(line(attribute, "{\"stringValue\":\"\"}"));
    AssertionError e = assertThrows(AssertionError.class, sink::records);
    assertTrue(e.getMessage().contains("key_strindex"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"stringValueStrindex", "string_value_strindex"})
  void aNumberAsTheBodysStringIndexFailsTheTest(String name) throws IOException {
    Sink sink = sinkOf(line(ATTRIBUTE, "{\"" + name + "\":4242}"));
    AssertionError e = assertThrows(AssertionError.class, sink::records);
    assertTrue(e.getMessage().contains("string_value_strindex"), e.getMessage());
  }

  @Test
  void aNumberAsAnAttributesStringIndexFailsTheTest() throws IOException {
    String attribute = "{\"key\":\"run_mode\",\"value\":{\"stringValueStrindex\":5}}";
    Sink sink = sinkOf(line(attribute, "{\"stringValue\":\"\"}"));
    assertThrows(AssertionError.class, sink::records);
  }

  /**
   * Every field a logs export request can hold, at any depth, is one Sink was checked against: a
   * newer opentelemetry-proto that defines another fails here, and its reader decides whether Sink
   * must refuse it (Sink.PROFILE_ONLY) before adding it to this list.
   */
  @Test
  void theLogsRequestDefinesNoFieldSinkWasNotCheckedAgainst() {
    Set<String> known = Set.of(
        "opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest.resource_logs",
        "opentelemetry.proto.logs.v1.ResourceLogs.resource",
        "opentelemetry.proto.logs.v1.ResourceLogs.scope_logs",
        "opentelemetry.proto.logs.v1.ResourceLogs.schema_url",
        "opentelemetry.proto.resource.v1.Resource.attributes",
        "opentelemetry.proto.resource.v1.Resource.dropped_attributes_count",
        "opentelemetry.proto.resource.v1.Resource.entity_refs",
        "opentelemetry.proto.common.v1.EntityRef.schema_url",
        "opentelemetry.proto.common.v1.EntityRef.type",
        "opentelemetry.proto.common.v1.EntityRef.id_keys",
        "opentelemetry.proto.common.v1.EntityRef.description_keys",
        "opentelemetry.proto.logs.v1.ScopeLogs.scope",
        "opentelemetry.proto.logs.v1.ScopeLogs.log_records",
        "opentelemetry.proto.logs.v1.ScopeLogs.schema_url",
        "opentelemetry.proto.common.v1.InstrumentationScope.name",
        "opentelemetry.proto.common.v1.InstrumentationScope.version",
        "opentelemetry.proto.common.v1.InstrumentationScope.attributes",
        "opentelemetry.proto.common.v1.InstrumentationScope.dropped_attributes_count",
        "opentelemetry.proto.logs.v1.LogRecord.time_unix_nano",
        "opentelemetry.proto.logs.v1.LogRecord.observed_time_unix_nano",
        "opentelemetry.proto.logs.v1.LogRecord.severity_number",
        "opentelemetry.proto.logs.v1.LogRecord.severity_text",
        "opentelemetry.proto.logs.v1.LogRecord.body",
        "opentelemetry.proto.logs.v1.LogRecord.attributes",
        "opentelemetry.proto.logs.v1.LogRecord.dropped_attributes_count",
        "opentelemetry.proto.logs.v1.LogRecord.flags",
        "opentelemetry.proto.logs.v1.LogRecord.trace_id",
        "opentelemetry.proto.logs.v1.LogRecord.span_id",
        "opentelemetry.proto.logs.v1.LogRecord.event_name",
        "opentelemetry.proto.common.v1.KeyValue.key",
        "opentelemetry.proto.common.v1.KeyValue.value",
        "opentelemetry.proto.common.v1.AnyValue.string_value",
        "opentelemetry.proto.common.v1.AnyValue.bool_value",
        "opentelemetry.proto.common.v1.AnyValue.int_value",
        "opentelemetry.proto.common.v1.AnyValue.double_value",
        "opentelemetry.proto.common.v1.AnyValue.array_value",
        "opentelemetry.proto.common.v1.AnyValue.kvlist_value",
        "opentelemetry.proto.common.v1.AnyValue.bytes_value",
        "opentelemetry.proto.common.v1.ArrayValue.values",
        "opentelemetry.proto.common.v1.KeyValueList.values");
    Set<String> defined = new TreeSet<>();
    Set<Descriptor> seen = new HashSet<>();
    Deque<Descriptor> todo = new ArrayDeque<>(List.of(ExportLogsServiceRequest.getDescriptor()));
    while (!todo.isEmpty()) {
      Descriptor d = todo.pop();
      if (!seen.add(d)) {
        continue;
      }
      for (FieldDescriptor f : d.getFields()) {
        defined.add(f.getFullName());
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
          todo.push(f.getMessageType());
        }
      }
    }
    Set<String> unchecked = new TreeSet<>(defined);
    unchecked.removeAll(known);
    unchecked.removeAll(Sink.PROFILE_ONLY);
    assertEquals(Set.of(), unchecked, "fields this opentelemetry-proto defines that Sink was not checked against");
    Set<String> gone = new TreeSet<>(known);
    gone.addAll(Sink.PROFILE_ONLY);
    gone.removeAll(defined);
    assertEquals(Set.of(), gone, "fields listed here that this opentelemetry-proto no longer defines");
  }

  private Sink sinkOf(String line) throws IOException {
    Path file = dir.resolve("sink.json");
    Files.writeString(file, line + "\n", StandardCharsets.UTF_8);
    return new Sink(file);
  }

  private static String line(String attribute, String body) {
    return "{\"resourceLogs\":[{\"resource\":{},\"scopeLogs\":[{\"scope\":{\"name\":\"tbot\"},\"logRecords\":["
        + "{\"eventName\":\"tbot.start\",\"body\":" + body + ",\"attributes\":[" + attribute + "]}]}]}]}";
  }
}
