package com.goteleport.tbot.otel.export;

import com.goteleport.tbot.otel.event.StartEvent;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The exact request {@code start} would send, as OTLP JSON: the same recorder and the same OTLP
 * marshaler as the exporter, writing JSON instead of protobuf. Sends nothing.
 */
public final class OtlpJson {

  private OtlpJson() {}

  /** Returns the {@code ExportLogsServiceRequest} for the event, as one line of OTLP JSON. */
  public static String exportRequest(StartEvent event) {
    Capture capture = new Capture();
    SdkLoggerProvider provider = EventRecorder.provider(EventRecorder.processor(capture));
    EventRecorder.record(provider, event);
    provider.shutdown();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      LogsRequestMarshaler.create(capture.records).writeJsonTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Holds what would have been exported. */
  private static final class Capture implements LogRecordExporter {
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
