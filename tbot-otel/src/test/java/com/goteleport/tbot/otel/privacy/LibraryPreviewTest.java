package com.goteleport.tbot.otel.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.event.RunMode;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.OtlpJson;
import com.goteleport.tbot.otel.testing.Events;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A library host shows its user what would be sent, as the README says, with {@link
 * OtlpJson#exportRequest}: the same message {@link AnonymousAnalytics#recordStart} then sends for
 * the event, whole (it carries no timestamp); rendering it sends nothing, with or without consent.
 */
class LibraryPreviewTest {

  @Test
  void theHostsPreviewIsTheMessageRecordStartSends() throws Exception {
    StartEvent event = StartEvent.builder().setRunMode(RunMode.ONE_SHOT).setVersion("18.1.0").setJoinType("github")
        .setHelper("gha:teleport-actions/auth").setHelperVersion("v2.0.1")
        .setDestinations(new DestinationCounts(3, 1, 1, 0)).build();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ExportLogsServiceRequest previewed = Events.previewRequest(OtlpJson.exportRequest(event));
      assertEquals(0, receiver.requests().size(), "the preview sends nothing");

      try (AnonymousAnalytics analytics = AnonymousAnalytics.builder()
          .setConsent(Consent.resolve(true, null, Map.of()))
          .setEndpoint(URI.create(receiver.url()))
          .setExitTimeout(Duration.ofSeconds(5))
          .setEnvironment(Map.of())
          .build()) {
        analytics.recordStart(event);
      }
      ExportLogsServiceRequest sent = receiver.await(1, Duration.ofSeconds(5)).get(0).decode();
      assertEquals(sent, previewed);
      assertEquals(Wire.assertSchemaOnly(sent, "sent"), Wire.assertSchemaOnly(previewed, "previewed"));
    }
  }

  /**
   * preview --format text's lines, {@link OtlpJson#exportRequestLines}, are the fields of the
   * message {@link OtlpJson#exportRequest} renders (the one sent, above), each as the lines say, and
   * the message sets no field the lines do not show.
   */
  @Test
  void theTextPreviewShowsEveryFieldOfTheMessageAndItsValue() {
    StartEvent event = StartEvent.builder().setRunMode(RunMode.CONTINUOUS).setVersion("18.1.0").setJoinType("iam")
        .setHelper("k8s:tbot/v1").setDestinations(new DestinationCounts(2, 0, 1, 0)).build();
    ExportLogsServiceRequest request = Events.previewRequest(OtlpJson.exportRequest(event));
    ResourceLogs resourceLogs = request.getResourceLogs(0);
    ScopeLogs scopeLogs = resourceLogs.getScopeLogs(0);
    LogRecord r = scopeLogs.getLogRecords(0);
    List<String> expected = new ArrayList<>();
    expected.add("event: " + r.getEventName());
    expected.add("severity: " + r.getSeverityNumber().name().replace("SEVERITY_NUMBER_", "") + " ("
        + r.getSeverityNumberValue() + ")");
    List<KeyValue> attributes = new ArrayList<>(r.getAttributesList());
    attributes.sort(Comparator.comparing(KeyValue::getKey));
    for (KeyValue kv : attributes) {
      AnyValue v = kv.getValue();
      expected.add("attribute " + kv.getKey() + ": " + (v.hasIntValue() ? String.valueOf(v.getIntValue()) : v.getStringValue()));
    }
    expected.add("body: none");
    expected.add("timestamp: none");
    expected.add("observed timestamp: none");
    expected.add("trace and span: none");
    expected.add("scope: " + scopeLogs.getScope().getName() + ", version " + scopeLogs.getScope().getVersion());
    expected.add("resource attributes: none");
    assertEquals(String.join("\n", expected) + "\n", OtlpJson.exportRequestLines(event));
    assertEquals(8, attributes.size(), "the event's attributes, each a line");
    // What the message sets beyond those is what the lines above would have to show.
    assertEquals(Set.of("resource_logs"), setFields(request));
    assertEquals(Set.of("resource", "scope_logs"), setFields(resourceLogs));
    assertEquals(Set.of(), setFields(resourceLogs.getResource()));
    assertEquals(Set.of("scope", "log_records"), setFields(scopeLogs));
    assertEquals(Set.of("name", "version"), setFields(scopeLogs.getScope()));
    assertEquals(Set.of("event_name", "severity_number", "attributes"), setFields(r));
  }

  private static Set<String> setFields(Message m) {
    Set<String> names = new TreeSet<>();
    for (FieldDescriptor f : m.getAllFields().keySet()) {
      names.add(f.getName());
    }
    assertEquals(0, m.getUnknownFields().asMap().size(), "unknown fields in " + m);
    return names;
  }
}
