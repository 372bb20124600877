package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.OtlpJson;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

  @Test
  void anAmbientSpanNeverAttachesToTheEvent() {
    SpanContext ambient = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
        TraceFlags.getSampled(), TraceState.getDefault());
    String json;
    try (Scope ignored = Span.wrap(ambient).makeCurrent()) {
      json = OtlpJson.exportRequest(StartEvent.builder().build());
    }
    assertTrue(json.contains("\"eventName\":\"tbot.start\""), json);
    assertFalse(json.contains("0af7651916cd43dd8448eb211c80319c") || json.contains("traceId"), json);
    assertFalse(json.contains("b7ad6b7169203331") || json.contains("spanId"), json);
  }

  /**
   * As above, with the span current on the thread that records: exportRequest renders on a thread
   * of its own, which the span above never reaches (that test passes whatever context the record
   * takes), but renders on the caller's thread where it can have no thread of its own.
   */
  @Test
  void aSpanCurrentWhereTheEventIsRecordedNeverAttachesToIt() {
    SpanContext ambient = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
        TraceFlags.getSampled(), TraceState.getDefault());
    String json;
    try (Scope ignored = Span.wrap(ambient).makeCurrent()) {
      json = EventRecorder.otlpJson(StartEvent.builder().build());
    }
    assertTrue(json.contains("\"eventName\":\"tbot.start\""), json);
    assertFalse(json.contains("0af7651916cd43dd8448eb211c80319c") || json.contains("traceId"), json);
    assertFalse(json.contains("b7ad6b7169203331") || json.contains("spanId"), json);
  }
}
