package com.goteleport.tbot.otel.internal.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * The log records of one request as plain lines, one field each ({@code attribute run_mode:
 * continuous}), for a person or a screen reader rather than a parser. Every field the OTLP
 * marshaler would write for a record is named, with "none" where it writes nothing, so a field
 * added to the record shows here as it would on the wire. Values are shown as text: a number and
 * the same digits as a string look alike (the JSON tells them apart), and a control character in a
 * string is escaped ({@code \n}), so that a value cannot make a line of its own.
 */
final class RecordLines {

  private RecordLines() {}

  /** One line per field of each record, in the order they are listed; ends with a line break. */
  static String of(List<LogRecordData> records) {
    List<String> lines = new ArrayList<>();
    for (LogRecordData r : records) {
      lines.add("event: " + shown(r.getEventName()));
      lines.add("severity: " + (r.getSeverity().getSeverityNumber() == 0 ? "none"
          : r.getSeverity().name() + " (" + r.getSeverity().getSeverityNumber() + ")"));
      if (r.getSeverityText() != null && !r.getSeverityText().isEmpty()) {
        lines.add("severity text: " + r.getSeverityText());
      }
      attributes(lines, "attribute ", r.getAttributes());
      int dropped = r.getTotalAttributeCount() - r.getAttributes().size();
      if (dropped > 0) {
        lines.add("attributes dropped: " + dropped);
      }
      Value<?> body = r.getBodyValue();
      lines.add("body: " + (body == null ? "none" : escaped(body.asString())));
      lines.add("timestamp: " + time(r.getTimestampEpochNanos()));
      lines.add("observed timestamp: " + time(r.getObservedTimestampEpochNanos()));
      lines.add("trace and span: " + (r.getSpanContext().isValid()
          ? r.getSpanContext().getTraceId() + " " + r.getSpanContext().getSpanId() + ", flags "
              + r.getSpanContext().getTraceFlags().asHex()
          : "none"));
      InstrumentationScopeInfo scope = r.getInstrumentationScopeInfo();
      lines.add("scope: " + shown(scope.getName()) + ", version " + shown(scope.getVersion()));
      attributes(lines, "scope attribute ", scope.getAttributes());
      schema(lines, "scope schema URL", scope.getSchemaUrl());
      Resource resource = r.getResource();
      if (resource.getAttributes().isEmpty()) {
        lines.add("resource attributes: none");
      }
      attributes(lines, "resource attribute ", resource.getAttributes());
      schema(lines, "resource schema URL", resource.getSchemaUrl());
    }
    return String.join("\n", lines) + "\n";
  }

  /** Sorted by key, as the marshaler's JSON lists them too. */
  private static void attributes(List<String> lines, String prefix, Attributes attributes) {
    Map<String, Object> sorted = new TreeMap<>();
    for (Map.Entry<AttributeKey<?>, Object> e : attributes.asMap().entrySet()) {
      sorted.put(e.getKey().getKey(), e.getValue());
    }
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      lines.add(prefix + escaped(e.getKey()) + ": " + escaped(String.valueOf(e.getValue())));
    }
  }

  private static void schema(List<String> lines, String what, @Nullable String url) {
    if (url != null) {
      lines.add(what + ": " + url);
    }
  }

  private static String time(long epochNanos) {
    return epochNanos == 0 ? "none" : String.format(Locale.ROOT, "%d ns after 1970", epochNanos);
  }

  private static String shown(@Nullable String s) {
    return s == null || s.isEmpty() ? "none" : escaped(s);
  }

  /** {@code s} with each control character escaped: {@code \n}, {@code \t}, others as a backslash, u and 4 hex digits. */
  private static String escaped(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
          || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
