package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded loopback load test of teleport-ingest.yaml, for docs/scaling.md. Not part of the default
 * run (the class name does not end in Test); run it explicitly:
 *
 * <pre>
 *   apt-get install -y wrk   # Debian package
 *   mvn -B -pl collector-config -am verify -Dtest=IngestLoad -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The collector runs pinned to CPU 0 with GOMAXPROCS=1 (taskset), wrk pinned to CPU 1, against
 * 127.0.0.1 only, for {@value #SECONDS} s per run. Three set-ups: Kafka replaced by the file
 * exporter writing to /dev/null (the export path still marshals every request) with protobuf
 * bodies at 16, 64 and 256 connections; the same with gzip bodies, as tbot-otel sends them, with and
 * without a helper (the screen does its work only on a record with one); and the
 * edge as shipped, its Kafka exporter producing to a real broker ({@link KafkaBroker}, not pinned),
 * with gzip bodies. Events/s per core is the number of records the collector accepted divided by
 * the CPU seconds it used (from /proc/PID/stat), so it holds even if the generator, not the
 * collector, is the limit. Results: stdout and target/load-report.txt.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class IngestLoad {

  static final int SECONDS = 15;
  private static final String TOPIC = "tbot-starts";

  @Test
  void measure() throws Exception {
    Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve("load"));
    byte[] protobuf = Otlp.request(Otlp.validStart("18.1.0").clearObservedTimeUnixNano().build()).toByteArray();
    Path plain = Files.write(dir.resolve("tbot-start.binpb"), protobuf);
    Path gzip = Files.write(dir.resolve("tbot-start.binpb.gz"), Otlp.gzip(protobuf));
    // The same start with the GitHub Action's helper and its version: the only records the screen
    // does its work on.
    byte[] withHelper = Otlp.request(Otlp.validStart("18.1.0").clearObservedTimeUnixNano()
        .addAttributes(Otlp.str("helper", "gha:teleport-actions/auth"))
        .addAttributes(Otlp.str("helper_version", "v2.0.1")).build()).toByteArray();
    Path helperGzip = Files.write(dir.resolve("tbot-start-helper.binpb.gz"), Otlp.gzip(withHelper));
    List<String> report = new ArrayList<>();
    report.add("request body: " + Files.size(plain) + " bytes (one tbot.start, protobuf), "
        + Files.size(gzip) + " gzip; with a helper " + withHelper.length + ", " + Files.size(helperGzip) + " gzip");
    try (Collector c = startEdge("load", Map.of("TBOT_OTEL_TEST_SINK", "/dev/null"),
        Collector.resource("file-sink-overlay.yaml"))) {
      for (int connections : new int[] {16, 64, 256}) {
        report.add(run("file sink, protobuf", c, plain, null, connections));
      }
      report.add(run("file sink, gzip", c, gzip, "gzip", 64));
      report.add(run("file sink, gzip, with helper", c, helperGzip, "gzip", 64));
    }
    try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"))) {
      kafka.createTopic(TOPIC, 1);
      try (Collector c = startEdge("load-kafka", Map.of("TBOT_OTEL_KAFKA_BROKERS", kafka.bootstrap()))) {
        report.add(run("Kafka as shipped, gzip", c, gzip, "gzip", 64));
        // Everything accepted must reach the broker: the queue drains once the load stops.
        long accepted = (long) accepted(c);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long onTopic = 0;
        List<byte[]> messages = List.of();
        while (onTopic < accepted && System.nanoTime() < deadline) {
          Thread.sleep(250);
          messages = kafka.read(TOPIC, 0, 1, Duration.ofSeconds(5));
          onTopic = 0;
          for (byte[] m : messages) {
            onTopic += Sink.records(ExportLogsServiceRequest.parseFrom(m)).size();
          }
        }
        String line = String.format("Kafka: %d events in %d messages on the topic for %d accepted",
            onTopic, messages.size(), accepted);
        System.out.println(line);
        report.add(line);
        assertEquals(accepted, onTopic, "every accepted event on the topic\n" + c.logTail());
      }
    }
    Files.write(Collector.BUILD_DIR.resolve("load-report.txt"), report, StandardCharsets.UTF_8);
  }

  /** The edge, pinned to CPU 0 with GOMAXPROCS=1, with {@code overlays} over the shipped config. */
  private static Collector startEdge(String name, Map<String, String> env, Path... overlays) throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("GOMAXPROCS", "1");
    all.put("TBOT_OTEL_INGEST_ENDPOINT", "127.0.0.1:" + Collector.freePort());
    List<Path> configs = new ArrayList<>(List.of(Collector.config("teleport-ingest.yaml")));
    configs.addAll(List.of(overlays));
    return Collector.start(List.of("taskset", "-c", "0"), name, all, configs.toArray(new Path[0]));
  }

  /** One wrk run against {@code c}; returns (and prints) its report line. */
  private static String run(String setup, Collector c, Path body, String encoding, int connections)
      throws Exception {
    double acceptedBefore = accepted(c);
    double cpuBefore = c.cpuSeconds();
    long t0 = System.nanoTime();
    String wrk = runWrk(body, encoding, c.env("TBOT_OTEL_INGEST_ENDPOINT"), connections);
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = c.cpuSeconds() - cpuBefore;
    double n = accepted(c) - acceptedBefore;
    String line =
        String.format(
            "%s: connections=%d accepted=%.0f wall=%.1fs events/s=%.0f collector_cpu=%.1fs events/s/core=%.0f | wrk: %s",
            setup, connections, n, wall, n / wall, cpu, n / cpu,
            wrk.lines().filter(l -> l.contains("Requests/sec") || l.contains("Latency") || l.startsWith("non2xx")
                || l.startsWith("p50")).map(String::trim).reduce((a, b) -> a + "; " + b).orElse(""));
    System.out.println(line);
    assertTrue(n > 0, "nothing accepted: " + wrk);
    assertTrue(c.healthy(), c.logTail());
    return line;
  }

  private static String runWrk(Path body, String encoding, String endpoint, int connections) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "taskset", "-c", "1", "wrk", "-t1", "-c" + connections, "-d" + SECONDS + "s", "--latency",
                "-s", Collector.resource("post.lua").toString(), "http://" + endpoint + "/v1/logs")
            .redirectErrorStream(true);
    pb.environment().put("TBOT_LOAD_BODY", body.toString());
    pb.environment().put("TBOT_LOAD_ENCODING", encoding == null ? "" : encoding);
    Process p;
    try {
      p = pb.start();
    } catch (java.io.IOException e) {
      throw new AssertionError("wrk not found: apt-get install -y wrk", e);
    }
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(SECONDS + 30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("wrk did not stop");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  private static double accepted(Collector c) throws Exception {
    return c.telemetry("otelcol_receiver_accepted_log_records");
  }
}
