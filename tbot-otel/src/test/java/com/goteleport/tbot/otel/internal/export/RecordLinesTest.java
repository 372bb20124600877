package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.LogLimits;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * preview's plain lines hide nothing a record carries: a record with every field set, none of
 * which tbot.start sets, shows each of them (LibraryPreviewTest holds the lines to the event's
 * message).
 */
class RecordLinesTest {

  @Test
  void everyFieldARecordCarriesIsALine() {
    EventRecorder.Capture capture = new EventRecorder.Capture();
    SdkLoggerProvider provider = SdkLoggerProvider.builder()
        .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("host.name"), "alice-laptop"),
            "https://opentelemetry.io/schemas/1.0.0"))
        .setLogLimits(() -> LogLimits.builder().setMaxNumberOfAttributes(2).build())
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(capture))
        .build();
    SpanContext span = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
        TraceFlags.getSampled(), TraceState.getDefault());
    provider.loggerBuilder("a.scope").setInstrumentationVersion("2.0").setSchemaUrl("https://example.com/s")
        .build().logRecordBuilder()
        .setEventName("x.event")
        .setSeverity(Severity.WARN)
        .setSeverityText("careful")
        .setBody("a body")
        .setTimestamp(Instant.ofEpochSecond(1, 5))
        .setObservedTimestamp(Instant.ofEpochSecond(2))
        .setContext(Context.root().with(Span.wrap(span)))
        .setAttribute(AttributeKey.stringKey("b"), "two\nattribute forged: yes\u001b[31m")
        .setAttribute(AttributeKey.longKey("a"), 1L)
        .setAttribute(AttributeKey.stringKey("c"), "three")
        .emit();
    provider.shutdown();
    assertEquals(String.join("\n",
        "event: x.event",
        "severity: WARN (13)",
        "severity text: careful",
        "attribute a: 1",
        "attribute b: two\\nattribute forged: yes\\u001b[31m", // one line: a value cannot make its own
        "attributes dropped: 1",
        "body: a body",
        "timestamp: 1000000005 ns after 1970",
        "observed timestamp: 2000000000 ns after 1970",
        "trace and span: 0af7651916cd43dd8448eb211c80319c b7ad6b7169203331, flags 01",
        "scope: a.scope, version 2.0",
        "scope schema URL: https://example.com/s",
        "resource attribute host.name: alice-laptop",
        "resource schema URL: https://opentelemetry.io/schemas/1.0.0") + "\n", RecordLines.of(capture.records));
  }
}
