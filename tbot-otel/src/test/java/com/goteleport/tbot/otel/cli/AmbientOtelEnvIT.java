package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ambient OpenTelemetry settings never steer the anonymous exporter: with every common {@code
 * OTEL_*} variable pointing elsewhere or adding data, the event still goes only to its own endpoint
 * and carries none of it.
 */
class AmbientOtelEnvIT {

  @Test
  void otelVariablesAreIgnored() throws Exception {
    try (OtlpReceiver ours = OtlpReceiver.start(); OtlpReceiver ambient = OtlpReceiver.start()) {
      Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
      env.put("TELEPORT_ANONYMOUS_TELEMETRY", "1");
      env.put("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", ours.url());
      String base = "http://127.0.0.1:" + ambient.port();
      env.put("OTEL_EXPORTER_OTLP_ENDPOINT", base);
      env.put("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", base + "/v1/logs");
      env.put("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer ambient-marker-header");
      env.put("OTEL_EXPORTER_OTLP_LOGS_HEADERS", "x-ambient=ambient-marker-logs-header");
      env.put("OTEL_EXPORTER_OTLP_COMPRESSION", "none");
      env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
      env.put("OTEL_RESOURCE_ATTRIBUTES", "host.name=ambient-marker-host,service.name=ambient-marker-svc");
      env.put("OTEL_SERVICE_NAME", "ambient-marker-service");
      env.put("OTEL_LOGS_EXPORTER", "console");
      ChildJvm.Result r = ChildJvm.runJar(List.of(),
          List.of("start", "--anonymous-analytics-exit-timeout", "3s"), env, Duration.ofSeconds(30));
      assertEquals(0, r.exitCode(), r.stderr());
      List<OtlpReceiver.Received> got = ours.await(1, Duration.ofSeconds(5));
      assertEquals(1, got.size());
      assertEquals(0, ambient.requests().size(), "OTEL_EXPORTER_OTLP_*ENDPOINT not used");
      OtlpReceiver.Received req = got.get(0);
      assertFalse(req.rawText().contains("ambient-marker"), "no ambient header or attribute: " + req.rawText());
      assertEquals(List.of("gzip"), req.headers().get("Content-encoding"), "our compression, not the ambient 'none'");
      assertFalse(req.headers().containsKey("Authorization"));
      ExportLogsServiceRequest decoded = req.decode();
      assertEquals(0, decoded.getResourceLogs(0).getResource().getAttributesCount());
      assertTrue(r.stdout().isEmpty(), "no console exporter output: " + r.stdout());
    }
  }
}
