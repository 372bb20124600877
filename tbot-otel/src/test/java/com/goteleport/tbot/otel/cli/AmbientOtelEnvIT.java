package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ambient OpenTelemetry settings never steer the anonymous exporter: with every common {@code
 * OTEL_*} variable pointing elsewhere or adding data, the event still goes only to its own endpoint
 * and carries none of it; and every setting the shipped OpenTelemetry code reads by itself, given a
 * hostile value, changes nothing either.
 */
class AmbientOtelEnvIT {

  /**
   * Every key the OpenTelemetry classes in the CLI jar read through {@code ConfigUtil} (a system
   * property, or the environment variable of the same name), and why it cannot change the send.
   */
  private static final Map<String, String> SDK_SETTINGS = Map.of(
      "otel.experimental.otlp.buffer-size", "a size that breaks the send is replaced by EncoderBufferSize",
      "io.opentelemetry.sdk.common.export.HttpSenderProvider", "the sender is pinned by a ComponentLoader",
      "io.opentelemetry.sdk.common.export.GrpcSenderProvider", "no gRPC exporter is built",
      "otel.java.global-autoconfigure.enabled", "GlobalOpenTelemetry is never used",
      "otel.experimental.sdk.jvm_stacktrace", "no exception is recorded");

  // javap -c: a key loaded as a constant shortly before a ConfigUtil.getString call.
  private static final Pattern CONFIG_READ = Pattern.compile(
      "// String ([A-Za-z][\\w.-]*\\.[\\w.-]+)\\n(?:.*\\n){0,3}?.*invokestatic.*io/opentelemetry/common/impl/ConfigUtil\\.get");

  @Test
  void everySettingTheShippedOpenTelemetryCodeReadsIsKnown() throws Exception {
    Set<String> read = new TreeSet<>();
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    try (JarFile jar = new JarFile(ChildJvm.jar().toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (!name.startsWith("io/opentelemetry/") || !name.endsWith(".class")) {
          continue;
        }
        byte[] bytes = jar.getInputStream(jar.getEntry(name)).readAllBytes();
        if (!new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("io/opentelemetry/common/impl/ConfigUtil")) {
          continue;
        }
        StringWriter out = new StringWriter();
        String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        int rc = javap.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
            "-c", "-p", "-constants", "-classpath", ChildJvm.jar().toString(), className);
        assertEquals(0, rc, "javap " + className);
        Matcher m = CONFIG_READ.matcher(out.toString());
        while (m.find()) {
          read.add(m.group(1));
        }
      }
    }
    assertTrue(read.contains("otel.experimental.otlp.buffer-size"), "the scan finds a known read: " + read);
    assertEquals(new TreeSet<>(SDK_SETTINGS.keySet()), read,
        "a new OpenTelemetry setting is read by the shipped code: make sure it cannot change the send, "
            + "then list it in SDK_SETTINGS and in docs/privacy.md");
  }

  /** Each value broke the send before EncoderBufferSize: no buffer, or one of 2 GB; the SDK reads any case. */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE, -1",
    "otel_experimental_otlp_buffer_size, 0",
    "OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE, 1",
    "Otel_Experimental_Otlp_Buffer_Size, 2000000000"})
  void hostileSdkSettingsChangeNothing(String variable, String bufferSize) throws Exception {
    try (OtlpReceiver ours = OtlpReceiver.start()) {
      Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
      env.put("TELEPORT_ANONYMOUS_TELEMETRY", "1");
      env.put("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", ours.url());
      for (String key : SDK_SETTINGS.keySet()) {
        env.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), "true");
      }
      env.remove("OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE");
      env.put(variable, bufferSize);
      env.put("IO_OPENTELEMETRY_SDK_COMMON_EXPORT_HTTPSENDERPROVIDER", "com.example.NoSuchSenderProvider");
      // A small heap: a buffer sized from the variable fails at once instead of taking 2 GB.
      ChildJvm.Result r = ChildJvm.runJar(List.of("-Xmx64m"),
          List.of("start", "--anonymous-analytics-exit-timeout", "3s", "--debug"), env, Duration.ofSeconds(30));
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals(1, ours.await(1, Duration.ofSeconds(5)).size(), r.stderr());
      assertTrue(r.stderr().contains("DELIVERED"), r.stderr());
    }
  }

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
