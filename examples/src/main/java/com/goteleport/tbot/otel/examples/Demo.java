package com.goteleport.tbot.otel.examples;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The README's first command: an embedded OTLP/HTTP collector on loopback, the real {@code
 * tbot-otel start} sending to it with consent for a sample tbot config, the event printed as
 * received, and then the same start without consent, to which nothing arrives.
 */
public final class Demo {

  /** One request: the bytes on the wire and the protobuf payload they carry. */
  private record Request(byte[] wire, byte[] payload, String encoding) {}

  private static final LinkedBlockingQueue<Request> RECEIVED = new LinkedBlockingQueue<>();

  private Demo() {}

  public static void main(String[] args) throws Exception {
    // Exits only once demo() has returned, so its finally has deleted the temporary config.
    System.exit(demo() ? 0 : 1);
  }

  /** Runs the demo; true when the event arrived with consent and nothing arrived without. */
  private static boolean demo() throws Exception {
    Path jar = findCliJar();
    Path config = Files.createTempFile("tbot-demo-", ".yaml");
    HttpServer collector = null;
    try {
      try (InputStream in = Demo.class.getResourceAsStream("tbot.yaml")) {
        Files.copy(in, config, StandardCopyOption.REPLACE_EXISTING);
      }
      collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
      collector.createContext("/v1/logs", exchange -> {
        try (exchange; InputStream body = exchange.getRequestBody()) {
          byte[] wire = body.readNBytes(64 * 1024);
          String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
          byte[] payload = wire;
          if ("gzip".equalsIgnoreCase(encoding)) { // as a collector does
            try (InputStream inflated = new GZIPInputStream(new ByteArrayInputStream(wire))) {
              payload = inflated.readNBytes(64 * 1024);
            }
          }
          RECEIVED.add(new Request(wire, payload, encoding == null ? "identity" : encoding));
          exchange.sendResponseHeaders(200, -1);
        }
      });
      collector.start();
      String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/logs";
      System.out.println("Embedded OTLP/HTTP collector listening at " + endpoint);
      System.out.println("Sample tbot config (examples/src/main/resources/.../tbot.yaml) copied to " + config);
      System.out.println();

      System.out.println("1) tbot-otel start --anonymous-analytics  (the user opted in)");
      // A real tbot works for seconds after its start; this stand-in exits at once, from a cold JVM,
      // where the default 500 ms exit budget can run out on a busy machine. Give it 5 s.
      run(jar, List.of("start", "-c", config.toString(), "--anonymous-analytics",
          "--anonymous-analytics-endpoint", endpoint, "--tbot-version", "18.1.0",
          "--anonymous-analytics-exit-timeout", "5s"),
          Map.of("_TBOT_TELEMETRY_HELPER", "gha:teleport-actions/auth", "_TBOT_TELEMETRY_HELPER_VERSION", "v2.0.1"));
      Request got = RECEIVED.poll(5, TimeUnit.SECONDS);
      if (got == null) {
        System.out.println("   !! nothing arrived: the demo failed");
        return false;
      }
      print(ExportLogsServiceRequest.parseFrom(got.payload()), got);

      System.out.println();
      System.out.println("2) tbot-otel start  (no opt-in: no flag, no YAML key, no variable)");
      run(jar, List.of("start", "-c", config.toString(), "--anonymous-analytics-endpoint", endpoint), Map.of());
      Request unexpected = RECEIVED.poll(1500, TimeUnit.MILLISECONDS);
      System.out.println(unexpected == null
          ? "   collector received nothing: without consent no exporter exists and nothing leaves the process."
          : "   !! something arrived without consent: the demo failed");
      return unexpected == null;
    } finally {
      if (collector != null) {
        collector.stop(0);
      }
      Files.deleteIfExists(config);
    }
  }

  private static void run(Path jar, List<String> args, Map<String, String> extraEnv) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    // A clean environment, so that ambient opt-outs (DO_NOT_TRACK, ...) do not change the demo.
    String path = System.getenv("PATH");
    pb.environment().clear();
    pb.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
    pb.environment().putAll(extraEnv);
    System.out.println("   $ " + String.join(" ", args) + with(extraEnv));
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("tbot-otel did not exit");
    }
    System.out.println("   exit code " + p.exitValue());
  }

  /** How the command line's variables are shown after it: by name, as Map.of has no set order. */
  static String with(Map<String, String> extraEnv) {
    return extraEnv.isEmpty() ? "" : "   with " + new TreeMap<>(extraEnv);
  }

  private static void print(ExportLogsServiceRequest request, Request got) {
    System.out.println("   collector received one OTLP/HTTP request: " + got.wire().length + " bytes of body ("
        + got.encoding() + "), " + got.payload().length + " bytes of protobuf:");
    for (ResourceLogs rl : request.getResourceLogsList()) {
      int resourceAttributes = rl.getResource().getAttributesCount();
      System.out.println("   resource attributes: " + resourceAttributes
          + (resourceAttributes == 0 ? " (empty: nothing about the host)" : " " + rl.getResource().getAttributesList()));
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        System.out.println("   scope: " + sl.getScope().getName() + " " + sl.getScope().getVersion());
        for (LogRecord r : sl.getLogRecordsList()) {
          System.out.println("   event: " + r.getEventName() + ", severity number " + r.getSeverityNumberValue()
              + " (INFO), no body");
          for (KeyValue kv : r.getAttributesList()) {
            System.out.printf("     %-44s %s%n", kv.getKey(), value(kv.getValue()));
          }
        }
      }
    }
  }

  private static String value(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE:
        return '"' + v.getStringValue() + '"';
      case INT_VALUE:
        return Long.toString(v.getIntValue());
      default:
        return v.toString().trim();
    }
  }

  private static Path findCliJar() {
    String prop = System.getProperty("tbot.otel.jar");
    List<Path> candidates = new ArrayList<>();
    if (prop != null) {
      candidates.add(Paths.get(prop));
    }
    candidates.add(Paths.get("tbot-otel", "target", "tbot-otel.jar"));
    candidates.add(Paths.get("..", "tbot-otel", "target", "tbot-otel.jar"));
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("tbot-otel/target/tbot-otel.jar not found: run 'mvn -q -DskipTests package' first");
  }
}
