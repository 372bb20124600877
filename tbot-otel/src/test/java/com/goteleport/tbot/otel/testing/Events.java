package com.goteleport.tbot.otel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.AttributeType;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/** Reads and spells {@code tbot.start} attributes in tests, shared by every module's tests. */
public final class Events {

  private Events() {}

  /**
   * What {@code preview} printed on stdout, which must be one line of OTLP JSON and nothing else,
   * parsed strictly: a field the OTLP schema lacks, at any depth, fails, as would any other text.
   */
  public static ExportLogsServiceRequest previewRequest(String stdout) {
    List<String> lines = stdout.lines().toList();
    assertEquals(1, lines.size(), "preview prints one line: " + stdout);
    ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
    try {
      JsonFormat.parser().merge(lines.get(0), b);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("preview's JSON is not exactly an OTLP logs request: " + e.getMessage() + "\n" + stdout, e);
    }
    return b.build();
  }

  /**
   * The record's attributes as key to value ({@link String} or {@link Long}), asserting that each
   * is a schema attribute carried with the schema's type.
   */
  public static Map<String, Object> attributes(LogRecord record) {
    Map<String, Object> out = new HashMap<>();
    for (KeyValue kv : record.getAttributesList()) {
      Attribute a = Attribute.forKey(kv.getKey());
      assertTrue(a != null, "attribute outside the schema: " + kv.getKey());
      AnyValue v = kv.getValue();
      if (a.type() == AttributeType.STRING) {
        assertEquals(AnyValue.ValueCase.STRING_VALUE, v.getValueCase(), kv.getKey());
        out.put(kv.getKey(), v.getStringValue());
      } else {
        assertEquals(AnyValue.ValueCase.INT_VALUE, v.getValueCase(), kv.getKey());
        out.put(kv.getKey(), v.getIntValue());
      }
    }
    return out;
  }

  /** The attributes of an event without helper, as {@link #attributes} returns them. */
  public static Map<String, Object> expected(
      String runMode, String version, String join, long total, long db, long kube, long app) {
    return expected(runMode, version, join, null, null, total, db, kube, app);
  }

  /** The attributes of an event, as {@link #attributes} returns them; a null helper is absent. */
  public static Map<String, Object> expected(String runMode, String version, String join,
      @Nullable String helper, @Nullable String helperVersion, long total, long db, long kube, long app) {
    Map<String, Object> m = new HashMap<>();
    m.put("run_mode", runMode);
    m.put("version", version);
    m.put("join_type", join);
    if (helper != null) {
      m.put("helper", helper);
    }
    if (helperVersion != null) {
      m.put("helper_version", helperVersion);
    }
    m.put("destinations_configured", total);
    m.put("destinations_configured_database_access", db);
    m.put("destinations_configured_kubernetes_access", kube);
    m.put("destinations_configured_application_access", app);
    return m;
  }
}
