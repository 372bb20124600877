package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import com.google.protobuf.TextFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ambient OpenTelemetry settings never steer the anonymous exporter: with every {@code OTEL_*}
 * variable of the SDK's specification set to a hostile value, the request that arrives is the one
 * sent without them, and nothing goes elsewhere; and every setting the shipped OpenTelemetry code reads by itself, given a
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
      // A small heap: a buffer sized from the variable fails at once instead of taking 2 GB. The
      // longest exit wait: what is sent is checked here, not how fast (a cold JVM, a loaded machine).
      ChildJvm.Result r = ChildJvm.runJar(List.of("-Xmx64m"),
          List.of("start", "--anonymous-analytics-exit-timeout", "10s", "--debug"), env, Duration.ofSeconds(30));
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals(1, ours.await(1, Duration.ofSeconds(5)).size(), r.stderr());
      assertTrue(r.stderr().contains("DELIVERED"), r.stderr());
    }
  }

  /**
   * Every variable of the OpenTelemetry SDK environment specification that touches logs,
   * exporters, resources or limits, the Java SDK's own, and the settings in {@code SDK_SETTINGS},
   * each set to a value that would change the request (or break the send) if it were read.
   * {@code OTEL_SDK_DISABLED} is left out: it is a consent input, tested by ConsentClassLoadingIT.
   */
  static Map<String, String> hostileOtelEnv(String ambientBase, Path junk) {
    Map<String, String> env = new TreeMap<>();
    for (String signal : List.of("", "LOGS_", "TRACES_", "METRICS_")) {
      String p = "OTEL_EXPORTER_OTLP_" + signal;
      env.put(p + "ENDPOINT", ambientBase + (signal.isEmpty() ? "" : "/v1/" + signal.toLowerCase(Locale.ROOT).replace("_", "")));
      env.put(p + "HEADERS", "authorization=Bearer ambient-marker-" + signal + "header,x-ambient=ambient-marker");
      env.put(p + "COMPRESSION", "none");
      env.put(p + "PROTOCOL", "grpc");
      env.put(p + "TIMEOUT", "1");
      env.put(p + "INSECURE", "true");
      env.put(p + "CERTIFICATE", junk.toString());
      env.put(p + "CLIENT_KEY", junk.toString());
      env.put(p + "CLIENT_CERTIFICATE", junk.toString());
    }
    env.put("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "delta");
    env.put("OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION", "base2_exponential_bucket_histogram");
    env.put("OTEL_EXPORTER_OTLP_LOGS_EXPERIMENTAL_EVENT_NAME", "ambient-marker-event");
    env.put("OTEL_EXPERIMENTAL_EXPORTER_OTLP_RETRY_ENABLED", "true");
    env.put("OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE", "1");
    env.put("OTEL_RESOURCE_ATTRIBUTES", "host.name=ambient-marker-host,service.name=ambient-marker-svc");
    env.put("OTEL_SERVICE_NAME", "ambient-marker-service");
    env.put("OTEL_EXPERIMENTAL_RESOURCE_DISABLED_KEYS", "telemetry.sdk.name");
    env.put("OTEL_ENTITIES", "ambient-marker-entity{id=1}");
    env.put("OTEL_ATTRIBUTE_COUNT_LIMIT", "0");
    env.put("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "1");
    env.put("OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT", "0");
    env.put("OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT", "1");
    env.put("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "0");
    env.put("OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "1");
    env.put("OTEL_SPAN_EVENT_COUNT_LIMIT", "0");
    env.put("OTEL_SPAN_LINK_COUNT_LIMIT", "0");
    env.put("OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", "0");
    env.put("OTEL_LINK_ATTRIBUTE_COUNT_LIMIT", "0");
    for (String processor : List.of("OTEL_BLRP_", "OTEL_BSP_")) {
      env.put(processor + "SCHEDULE_DELAY", "3600000");
      env.put(processor + "EXPORT_TIMEOUT", "1");
      env.put(processor + "MAX_QUEUE_SIZE", "0");
      env.put(processor + "MAX_EXPORT_BATCH_SIZE", "0");
    }
    env.put("OTEL_LOGS_EXPORTER", "console");
    env.put("OTEL_TRACES_EXPORTER", "console");
    env.put("OTEL_METRICS_EXPORTER", "console");
    env.put("OTEL_METRIC_EXPORT_INTERVAL", "1");
    env.put("OTEL_METRIC_EXPORT_TIMEOUT", "1");
    env.put("OTEL_METRICS_EXEMPLAR_FILTER", "always_on");
    env.put("OTEL_PROPAGATORS", "ambient-marker-propagator");
    env.put("OTEL_TRACES_SAMPLER", "always_off");
    env.put("OTEL_TRACES_SAMPLER_ARG", "0");
    env.put("OTEL_LOG_LEVEL", "debug");
    env.put("OTEL_CONFIG_FILE", junk.toString());
    env.put("OTEL_EXPERIMENTAL_CONFIG_FILE", junk.toString());
    env.put("OTEL_JAVA_GLOBAL_AUTOCONFIGURE_ENABLED", "true");
    env.put("OTEL_JAVA_ENABLED_RESOURCE_PROVIDERS", "ambient.marker.Provider");
    env.put("OTEL_JAVA_DISABLED_RESOURCE_PROVIDERS", "ambient.marker.Provider");
    env.put("OTEL_JAVA_EXPORTER_MEMORY_MODE", "reusable_data");
    env.put("OTEL_JAVA_EXPERIMENTAL_EXPORTER_MEMORY_MODE", "reusable_data");
    env.put("OTEL_JAVA_EXPERIMENTAL_AUTOCONFIGURE_ENABLED", "true");
    env.put("OTEL_JAVA_EXPORTER_OTLP_RETRY_DISABLED", "false");
    env.put("OTEL_EXPERIMENTAL_SDK_JVM_STACKTRACE", "true");
    env.put("OTEL_SEMCONV_STABILITY_OPT_IN", "ambient-marker");
    for (String key : SDK_SETTINGS.keySet()) {
      env.putIfAbsent(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), "true");
    }
    env.put("IO_OPENTELEMETRY_SDK_COMMON_EXPORT_HTTPSENDERPROVIDER", "com.example.NoSuchSenderProvider");
    env.put("IO_OPENTELEMETRY_SDK_COMMON_EXPORT_GRPCSENDERPROVIDER", "com.example.NoSuchSenderProvider");
    return env;
  }

  /**
   * What the receiver got, as text: request line, headers (but Date) and the decoded body, whole:
   * the event carries no timestamp, so an ambient setting that added one, or anything else, shows.
   */
  static String wireView(OtlpReceiver.Received req) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(req.headers());
    headers.remove("Date");
    return req.requestLine() + "\n" + headers + "\n" + TextFormat.printer().printToString(req.decode());
  }

  /** The same settings as variables, or as the {@code otel.*} system properties a Java host may run with. */
  @ParameterizedTest(name = "as {0}")
  @ValueSource(strings = {"variables", "system properties"})
  void everyOtelVariableLeavesTheRequestByteForByteAsWithout(String as, @TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("ambient.pem"), "not a certificate, key or config file");
    try (OtlpReceiver ours = OtlpReceiver.start(); OtlpReceiver ambient = OtlpReceiver.start()) {
      Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
      env.put("TELEPORT_ANONYMOUS_TELEMETRY", "1");
      env.put("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", ours.url());
      // The longest exit wait: what is sent is checked here, not how fast (a cold JVM, a loaded machine).
      List<String> args = List.of("start", "--anonymous-analytics-exit-timeout", "10s", "--tbot-version", "18.1.0");
      ChildJvm.Result plain = ChildJvm.runJar(List.of(), args, env, Duration.ofSeconds(30));
      assertEquals(0, plain.exitCode(), plain.stderr());
      assertEquals(1, ours.await(1, Duration.ofSeconds(5)).size(), plain.stderr());

      Map<String, String> hostile = hostileOtelEnv("http://127.0.0.1:" + ambient.port(), junk);
      List<String> properties = new ArrayList<>();
      if (as.equals("variables")) {
        env.putAll(hostile);
      } else {
        // ConfigUtil's spelling of a variable as a property: lower case, '.' for '_'.
        hostile.forEach((k, v) -> properties.add("-D" + k.toLowerCase(Locale.ROOT).replace('_', '.') + "=" + v));
      }
      ChildJvm.Result r = ChildJvm.runJar(properties, args, env, Duration.ofSeconds(30));
      assertEquals(0, r.exitCode(), r.stderr());
      List<OtlpReceiver.Received> got = ours.await(2, Duration.ofSeconds(5));
      assertEquals(2, got.size(), r.stderr());
      assertEquals(0, ambient.requests().size(), "OTEL_EXPORTER_OTLP_*ENDPOINT not used");
      assertEquals(wireView(got.get(0)), wireView(got.get(1)), hostile.size() + " hostile " + as + " changed the request");
      assertFalse(got.get(1).rawText().contains("ambient-marker"), got.get(1).rawText());
      assertEquals(plain.stdout() + plain.stderr(), r.stdout() + r.stderr(), "no console exporter or SDK logging");
    }
  }
}
