package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.event.AttributeType;
import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.event.StartEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Records {@code tbot.start} through the OpenTelemetry Logs API as an event. Shared by the exporting
 * pipeline and {@code preview} ({@link com.goteleport.tbot.otel.export.OtlpJson}), so what is
 * previewed is what is sent.
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public final class EventRecorder {

  private EventRecorder() {}

  /**
   * The {@code ExportLogsServiceRequest} for {@code event} as one line of OTLP JSON, recorded and
   * marshaled as the exporter does it, writing JSON instead of protobuf.
   *
   * @param event the event
   * @return the request, as JSON
   */
  public static String otlpJson(StartEvent event) {
    // The marshaler initialises the encoder, once per class loader: a preview before the send
    // must not fix a broken buffer size for both (EncoderBufferSize).
    EncoderBufferSize.pin();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      LogsRequestMarshaler.create(captured(event)).writeJsonTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * The same record as {@link #otlpJson}'s, as plain lines, one field each, for a person or a
   * screen reader: see {@link RecordLines}.
   *
   * @param event the event
   * @return the record's fields, a line each, each line ending in {@code \n}
   */
  public static String plainLines(StartEvent event) {
    return RecordLines.of(captured(event));
  }

  /** What the exporter would be handed for {@code event}. */
  private static List<LogRecordData> captured(StartEvent event) {
    Capture capture = new Capture();
    SdkLoggerProvider provider = provider(processor(capture));
    record(provider, event);
    provider.shutdown();
    return capture.records;
  }

  /**
   * A logger provider for the event: an empty resource (no {@code service.name}, SDK, host or
   * process attributes) and nothing from the environment.
   */
  static SdkLoggerProvider provider(LogRecordProcessor processor) {
    return SdkLoggerProvider.builder()
        .setResource(Resource.empty())
        .setClock(NoWallClock.INSTANCE)
        .setMeterProvider(DroppedInternalMetrics.SUPPLIER)
        .addLogRecordProcessor(processor)
        .build();
  }

  /** A processor that hands each record to {@code exporter} at once; its own metrics are dropped. */
  static LogRecordProcessor processor(LogRecordExporter exporter) {
    return SimpleLogRecordProcessor.builder(exporter).setMeterProvider(DroppedInternalMetrics.SUPPLIER).build();
  }

  /** Emits the event: name, INFO severity, no body, no time, typed attributes, the schema's scope. */
  static void record(SdkLoggerProvider provider, StartEvent event) {
    LogRecordBuilder builder =
        provider
            .loggerBuilder(EventSchema.SCOPE_NAME)
            .setInstrumentationVersion(EventSchema.VERSION)
            .build()
            .logRecordBuilder()
            .setEventName(EventSchema.EVENT_NAME)
            .setSeverity(Severity.INFO)
            // Never the caller's context: a trace or span id would link the event to other data.
            // The root from the default storage, not Context.root(): that would initialise the
            // process's one ContextStorage (running the host's ContextStorageProvider on this
            // thread), after which OpenTelemetry ignores the host's ContextStorage.addWrapper.
            .setContext(ContextStorage.defaultStorage().root());
    event
        .attributes()
        .forEach(
            (attribute, value) -> {
              if (attribute.type() == AttributeType.STRING) {
                builder.setAttribute(AttributeKey.stringKey(attribute.key()), (String) value);
              } else {
                builder.setAttribute(AttributeKey.longKey(attribute.key()), (Long) value);
              }
            });
    builder.emit();
  }

  /**
   * The record's clock: no wall time, so the event carries no timestamp (OTLP's 0, "unknown", is
   * not even encoded). The host's clock to the nanosecond is no attribute of the schema, and a
   * number that could tell hosts apart by their clock's offset; the collectors stamp their own
   * time of receipt. Elapsed time, which the SDK may measure, is the system's.
   */
  private enum NoWallClock implements Clock {
    INSTANCE;

    @Override
    public long now() {
      return 0;
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }
  }

  /** Holds what would have been exported. */
  static final class Capture implements LogRecordExporter {
    final List<LogRecordData> records = new ArrayList<>();

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      records.addAll(logs);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
