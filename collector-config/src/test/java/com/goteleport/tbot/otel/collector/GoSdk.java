package com.goteleport.tbot.otel.collector;

import com.goteleport.tbot.otel.event.EventSchema;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tbot.start as a Go tbot would send it with the Go OpenTelemetry SDK (go.opentelemetry.io/otel
 * sdk v1.44.0, sdk/log and otlploghttp v0.20.0): the RFD has tbot send it itself, and names no SDK. Written
 * from what that SDK put on the wire for a record built from docs/attributes.md (captured once, by
 * hand, and compared byte for byte with {@link #request}; see docs/attributes.md, "For a second
 * implementation"). What differs from tbot-otel's request is what the pipelines must remove or
 * ignore: the SDK's resource, its schema URL, an empty body message, the observed time and the
 * attributes in the order the code added them.
 */
final class GoSdk {

  private GoSdk() {}

  /** sdk/resource's telemetry.sdk.version: the SDK's own version. */
  static final String SDK_VERSION = "1.44.0";

  /** The resource's schema URL: that of the semantic conventions sdk/resource uses (semconv v1.41.0). */
  static final String RESOURCE_SCHEMA_URL = "https://opentelemetry.io/schemas/1.41.0";

  /**
   * What a host's environment adds to that resource: {@code OTEL_RESOURCE_ATTRIBUTES} (here a
   * Kubernetes pod's, as an operator or a Helm chart sets it), {@code OTEL_SERVICE_NAME}, and the
   * random per-process {@code service.instance.id} that {@code OTEL_GO_X_RESOURCE=true} adds.
   */
  static final Map<String, String> HOST_ENVIRONMENT = Map.of(
      "host.name", "build-42.corp.example",
      "k8s.pod.name", "tbot-7d9f8b6c5-x2k4q",
      "k8s.namespace.name", "team-alice",
      "service.name", "tbot-build-42",
      "service.instance.id", "e9331cf4-8dd2-4348-a23b-55fa337b7a32");

  /** Text of {@link #defaultResource} of {@link #HOST_ENVIRONMENT} that no collector may store. */
  static final List<String> RESOURCE_TEXT = List.of("build-42", "tbot-7d9f8b6c5", "team-alice", "e9331cf4",
      "unknown_service", "telemetry.sdk", "opentelemetry.io/schemas", SDK_VERSION);

  /**
   * sdk/log's resource when none is given: {@code resource.Default()}, which is
   * {@code OTEL_RESOURCE_ATTRIBUTES}, {@code OTEL_SERVICE_NAME} (else {@code unknown_service:} and
   * the executable's name) and telemetry.sdk.*, sorted by key as attribute.Set keeps them. Given
   * one, {@code sdklog.WithResource} still merges the same two variables into it.
   */
  static Resource defaultResource(Map<String, String> fromEnvironment) {
    Map<String, String> attributes = new TreeMap<>();
    attributes.put("service.name", "unknown_service:tbot");
    attributes.putAll(fromEnvironment);
    attributes.put("telemetry.sdk.language", "go");
    attributes.put("telemetry.sdk.name", "opentelemetry");
    attributes.put("telemetry.sdk.version", SDK_VERSION);
    Resource.Builder r = Resource.newBuilder();
    attributes.forEach((k, v) -> r.addAttributes(Otlp.str(k, v)));
    return r.build();
  }

  /** The scope of {@code provider.Logger(name, log.WithInstrumentationVersion(version))}. */
  static InstrumentationScope scope(String name, String version) {
    return InstrumentationScope.newBuilder().setName(name).setVersion(version).build();
  }

  /**
   * A start as {@code logger.Emit} sends a {@code log.Record} with {@code SetEventName},
   * {@code SetSeverity(log.SeverityInfo)} and the attributes added in the catalogue's order
   * ({@code log.String}, {@code log.Int}): no timestamp (the code set none), the observed time the
   * SDK stamps, and a body message that is present but empty.
   */
  static LogRecord.Builder start(String version, long observedUnixNanos) {
    return LogRecord.newBuilder()
        .setObservedTimeUnixNano(observedUnixNanos)
        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
        .setBody(AnyValue.getDefaultInstance())
        .addAttributes(Otlp.str("run_mode", "one-shot"))
        .addAttributes(Otlp.str("version", version))
        .addAttributes(Otlp.str("join_type", "github"))
        .addAttributes(Otlp.num("destinations_configured", 3))
        .addAttributes(Otlp.num("destinations_configured_database_access", 1))
        .addAttributes(Otlp.num("destinations_configured_kubernetes_access", 1))
        .addAttributes(Otlp.num("destinations_configured_application_access", 0))
        .setEventName(EventSchema.EVENT_NAME);
  }

  /** The attributes of {@link #start}, as a collector stores them. */
  static Map<String, Object> startAttributes(String version) {
    return Map.of("run_mode", "one-shot", "version", version, "join_type", "github",
        "destinations_configured", 3L, "destinations_configured_database_access", 1L,
        "destinations_configured_kubernetes_access", 1L, "destinations_configured_application_access", 0L);
  }

  /** otlploghttp's request: one ResourceLogs with the resource's schema URL, one ScopeLogs. */
  static ExportLogsServiceRequest request(Resource resource, InstrumentationScope scope, LogRecord... records) {
    return Otlp.withSchemaUrls(Otlp.request(resource, scope, records), RESOURCE_SCHEMA_URL, "");
  }
}
