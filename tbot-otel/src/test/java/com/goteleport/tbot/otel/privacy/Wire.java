package com.goteleport.tbot.otel.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.AttributeType;
import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Assertions on what actually crossed the wire: the raw request and its decoded OTLP message.
 * Public for the tests of other packages that check a delivered event (export's {@code JavaAgentIT}).
 */
public final class Wire {

  /**
   * Every header the exporter may send, with its only acceptable value (names as the JDK server
   * reports them): exactly the socket sender's set. Anything else, such as an {@code Authorization}
   * from {@code OTEL_EXPORTER_OTLP_HEADERS}, another encoding or an upgrade offer, or a value with
   * more in it, is a leak.
   */
  static final Map<String, Pattern> HEADERS = Map.of(
      "Host", Pattern.compile("127\\.0\\.0\\.1:[0-9]+"),
      "Content-type", Pattern.compile("application/x-protobuf"),
      "Content-encoding", Pattern.compile("gzip"),
      "Content-length", Pattern.compile("[0-9]{1,4}"),
      "User-agent", Pattern.compile("OTel-OTLP-Exporter-Java/[0-9]+\\.[0-9]+\\.[0-9]+"),
      "Connection", Pattern.compile("close"));

  private Wire() {}

  /**
   * Checks one received request: no marker anywhere in it (request line, headers, inflated body,
   * compared case-insensitively), only expected headers, an anonymous user agent, an empty resource,
   * the schema's scope and event, and only schema attributes with schema types and valid values.
   *
   * @return the attributes as key to value ({@link String} or {@link Long})
   */
  public static Map<String, Object> assertAnonymous(OtlpReceiver.Received req, Collection<String> markers, String context) {
    String raw = (req.requestLine() + "\n" + req.headers() + "\n"
        + new String(req.body(), StandardCharsets.ISO_8859_1)).toLowerCase(Locale.ROOT);
    for (String marker : markers) {
      if (raw.contains(marker.toLowerCase(Locale.ROOT))) {
        fail(context + ": marker " + marker + " left the process:\n" + req.rawText());
      }
    }
    assertEquals("POST /v1/logs HTTP/1.1", req.requestLine(), context);
    for (Map.Entry<String, List<String>> h : req.headers().entrySet()) {
      Pattern allowed = HEADERS.get(h.getKey());
      assertNotNull(allowed, context + ": unexpected header " + h + " in " + req.headers());
      assertTrue(allowed.matcher(String.join(", ", h.getValue())).matches(),
          context + ": header value reveals more: " + h);
    }
    assertEquals(HEADERS.keySet(), req.headers().keySet(), context + ": exactly the socket sender's headers");
    assertEquals(String.valueOf(req.wireBody().length), req.headers().get("Content-length").get(0), context);
    return assertSchemaOnly(req.decode(), context);
  }

  /** Checks the decoded message: one record of the schema's event, empty resource, schema attributes. */
  public static Map<String, Object> assertSchemaOnly(ExportLogsServiceRequest request, String context) {
    assertEquals(1, request.getResourceLogsCount(), context);
    ResourceLogs rl = request.getResourceLogs(0);
    assertEquals(0, rl.getResource().getAttributesCount(), context + ": resource must be empty: " + rl.getResource());
    assertEquals(0, rl.getResource().getDroppedAttributesCount(), context);
    assertEquals("", rl.getSchemaUrl(), context);
    assertEquals(1, rl.getScopeLogsCount(), context);
    ScopeLogs sl = rl.getScopeLogs(0);
    assertEquals(EventSchema.SCOPE_NAME, sl.getScope().getName(), context);
    assertEquals(EventSchema.VERSION, sl.getScope().getVersion(), context);
    assertEquals(0, sl.getScope().getAttributesCount(), context);
    assertEquals("", sl.getSchemaUrl(), context);
    assertEquals(1, sl.getLogRecordsCount(), context);
    LogRecord record = sl.getLogRecords(0);
    assertEquals(EventSchema.EVENT_NAME, record.getEventName(), context);
    assertEquals(SeverityNumber.SEVERITY_NUMBER_INFO, record.getSeverityNumber(), context);
    assertFalse(record.hasBody(), context + ": no body");
    assertTrue(record.getTraceId().isEmpty() && record.getSpanId().isEmpty(), context);
    assertEquals(0, record.getDroppedAttributesCount(), context);
    // No time at all: the host's clock is no attribute (collectors stamp their time of receipt).
    assertEquals(0, record.getTimeUnixNano(), context + ": no time");
    assertEquals(0, record.getObservedTimeUnixNano(), context + ": no observed time, the host's clock");
    assertEquals(0, record.getFlags(), context);
    assertEquals("", record.getSeverityText(), context);
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValue kv : record.getAttributesList()) {
      Attribute a = Attribute.forKey(kv.getKey());
      assertNotNull(a, context + ": attribute outside the schema: " + kv.getKey());
      assertFalse(out.containsKey(kv.getKey()), context + ": duplicate " + kv.getKey());
      AnyValue v = kv.getValue();
      if (a.type() == AttributeType.STRING) {
        assertEquals(AnyValue.ValueCase.STRING_VALUE, v.getValueCase(), context + ": " + kv.getKey());
        String s = v.getStringValue();
        assertTrue(s.length() <= a.maxLength(), context + ": " + kv);
        boolean valid = s.equals(a.fallback())
            || (a.allowedValues().isEmpty() ? a.pattern().matcher(s).matches() : a.allowedValues().contains(s));
        assertTrue(valid, context + ": value outside its rule: " + kv);
        out.put(kv.getKey(), s);
      } else {
        assertEquals(AnyValue.ValueCase.INT_VALUE, v.getValueCase(), context + ": " + kv.getKey());
        assertTrue(v.getIntValue() >= 0 && v.getIntValue() <= a.maxValue(), context + ": " + kv);
        out.put(kv.getKey(), v.getIntValue());
      }
    }
    for (Attribute a : Attribute.values()) {
      assertTrue(!a.required() || out.containsKey(a.key()), context + ": required attribute missing: " + a.key());
    }
    return out;
  }
}
