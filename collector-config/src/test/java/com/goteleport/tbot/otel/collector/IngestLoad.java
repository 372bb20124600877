package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * 127.0.0.1 only, for {@value #SECONDS} s per concurrency level. Kafka is replaced by the file
 * exporter writing to /dev/null (the export path still marshals every request). Events/s per core
 * is the number of records the collector accepted divided by the CPU seconds it used (from
 * /proc/PID/stat), so it holds even if the generator, not the collector, is the limit.
 * Results: stdout and target/load-report.txt.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class IngestLoad {

  static final int SECONDS = 15;
  private static final Pattern METRIC =
      Pattern.compile("^otelcol_receiver_accepted_log_records\\{[^}]*\\} (\\S+)$", Pattern.MULTILINE);

  @Test
  void measure() throws Exception {
    Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve("load"));
    Path body = dir.resolve("tbot-start.binpb");
    Files.write(body, Otlp.request(Otlp.validStart("18.1.0").clearObservedTimeUnixNano().build()).toByteArray());
    int port = Collector.freePort();
    int health = Collector.freePort();
    int telemetry = Collector.freePort();
    List<String> report = new ArrayList<>();
    report.add("request body: " + Files.size(body) + " bytes (one tbot.start, protobuf)");
    try (Collector c =
        Collector.start(
            List.of("taskset", "-c", "0"),
            "load",
            Map.of(
                "GOMAXPROCS", "1",
                "TBOT_OTEL_INGEST_ENDPOINT", "127.0.0.1:" + port,
                "TBOT_OTEL_HEALTH_ENDPOINT", "127.0.0.1:" + health,
                "TBOT_OTEL_TELEMETRY_PORT", String.valueOf(telemetry),
                "TBOT_OTEL_TEST_SINK", "/dev/null"),
            health,
            Collector.config("teleport-ingest.yaml"),
            Collector.resource("file-sink-overlay.yaml"))) {
      for (int connections : new int[] {16, 64, 256}) {
        double acceptedBefore = accepted(telemetry);
        double cpuBefore = cpuSeconds(c.pid());
        long t0 = System.nanoTime();
        String wrk = runWrk(body, port, connections);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = cpuSeconds(c.pid()) - cpuBefore;
        double n = accepted(telemetry) - acceptedBefore;
        String line =
            String.format(
                "connections=%d accepted=%.0f wall=%.1fs events/s=%.0f collector_cpu=%.1fs events/s/core=%.0f | wrk: %s",
                connections, n, wall, n / wall, cpu, n / cpu,
                wrk.lines().filter(l -> l.contains("Requests/sec") || l.contains("Latency") || l.startsWith("non2xx")
                    || l.startsWith("p50")).map(String::trim).reduce((a, b) -> a + "; " + b).orElse(""));
        System.out.println(line);
        report.add(line);
        assertTrue(n > 0, "nothing accepted: " + wrk);
      }
      assertTrue(c.healthy(), c.logTail());
    }
    Files.write(Collector.BUILD_DIR.resolve("load-report.txt"), report, StandardCharsets.UTF_8);
  }

  private static String runWrk(Path body, int port, int connections) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "taskset", "-c", "1", "wrk", "-t1", "-c" + connections, "-d" + SECONDS + "s", "--latency",
                "-s", Collector.resource("post.lua").toString(), "http://127.0.0.1:" + port + "/v1/logs")
            .redirectErrorStream(true);
    pb.environment().put("TBOT_LOAD_BODY", body.toString());
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

  private static double accepted(int telemetryPort) throws Exception {
    HttpResponse<String> r =
        Collector.HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + telemetryPort + "/metrics"))
                .timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = METRIC.matcher(r.body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** utime + stime of a process, in seconds (clock ticks assumed 100 Hz, as on Linux x86-64). */
  private static double cpuSeconds(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
  }
}
