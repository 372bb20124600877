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
 * What would be sent, without sending it: the exact request {@code AnonymousAnalytics.recordStart}
 * (and the CLI's {@code start}) POSTs for an event, as OTLP JSON, rendered by the same recorder and
 * OTLP marshaler as the exporter, writing JSON instead of protobuf. Only the timestamps, taken when
 * the event is recorded, differ from the request sent later. Sends nothing and needs no consent;
 * it does load the OpenTelemetry SDK. The CLI's {@code preview} prints it.
 */
public final class OtlpJson {

  private OtlpJson() {}

  /**
   * Returns the {@code ExportLogsServiceRequest} for {@code event}, as one line of OTLP JSON, e.g.
   * for a host to show its user.
   */
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
