package com.goteleport.tbot.otel.export;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.internal.export.EventRecorder;
import com.goteleport.tbot.otel.internal.export.RuntimeModules;
import com.goteleport.tbot.otel.internal.export.SdkVersions;

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
   *
   * @throws IllegalStateException if the OpenTelemetry on the class path is older than tbot-otel
   *     needs (1.67.0), saying which module and version, if the Java runtime has no {@code
   *     java.logging} module (which the SDK needs), or if a SecurityManager denies the SDK what it
   *     needs (reading system properties)
   */
  public static String exportRequest(StartEvent event) {
    requireNonNull(event, "event");
    // Before EventRecorder is loaded: in a runtime without java.logging, or on an OpenTelemetry
    // too old for it, its class may not link.
    String cannot = RuntimeModules.missingForSend();
    if (cannot == null) {
      cannot = SdkVersions.tooOld();
    }
    if (cannot != null) {
      throw new IllegalStateException(cannot);
    }
    try {
      return EventRecorder.otlpJson(event);
    } catch (SecurityException e) {
      // The SDK reads system properties as it builds; a host's SecurityManager may deny it that.
      throw new IllegalStateException("cannot render the request here: " + e.getMessage(), e);
    }
  }
}
