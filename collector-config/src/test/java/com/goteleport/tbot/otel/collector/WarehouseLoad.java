package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.logs.v1.LogRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

/**
 * Bounded loopback load test of warehouse.yaml's Kafka side, for docs/scaling.md. Not part of the
 * default run (the class name does not end in Test); run it explicitly:
 *
 * <pre>
 *   mvn -B -pl collector-config -am verify -Dtest=WarehouseLoad -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * A real broker ({@link KafkaBroker}) holds {@value #EVENTS} tbot.start events on a one-partition
 * topic, written as the edge writes them (OTLP protobuf, zstd batches): once as one event per
 * message (the edge under light load, each 200 ms flush holding one event), once as 1000 per
 * message (the edge under load). The warehouse then starts, pinned to CPU 0 with GOMAXPROCS=1
 * (taskset), and drains the topic; it is done when its consumer group has committed the last
 * offset. ClickHouse is replaced by a Kafka exporter writing each insert batch to a second topic,
 * with the ClickHouse exporter's own sending_queue, retry_on_failure and timeout copied from
 * warehouse.yaml: the queue and batching that bound the warehouse are the shipped ones. Events/s
 * per core is the events drained divided by the CPU seconds the collector used meanwhile (from
 * /proc/PID/stat). Results: stdout and target/warehouse-load-report.txt.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class WarehouseLoad {

  static final int EVENTS = 200_000;
  private static final String GROUP = "tbot-otel-warehouse";

  @Test
  void measure() throws Exception {
    Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve("warehouse-load"));
    List<String> report = new ArrayList<>();
    try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"))) {
      report.add(drain(kafka, "single", 1));
      report.add(drain(kafka, "batched", 1000));
    }
    Files.write(Collector.BUILD_DIR.resolve("warehouse-load-report.txt"), report, StandardCharsets.UTF_8);
  }

  /**
   * An overlay that swaps the ClickHouse exporter for a Kafka exporter to {@code sinkTopic} carrying
   * the ClickHouse exporter's queue, retry and timeout settings from warehouse.yaml.
   */
  private static Path sinkOverlay(KafkaBroker kafka, String sinkTopic) throws Exception {
    kafka.createTopic(sinkTopic, 1);
    Map<String, Object> clickhouse = WarehouseConfig.clickhouseExporter();
    Map<String, Object> sink = new LinkedHashMap<>();
    sink.put("brokers", List.of(kafka.bootstrap()));
    sink.put("logs", Map.of("topic", sinkTopic, "encoding", "otlp_proto"));
    sink.put("producer", Map.of("required_acks", 1, "compression", "none",
        "max_message_bytes", KafkaBroker.MAX_MESSAGE_BYTES));
    for (String key : List.of("timeout", "sending_queue", "retry_on_failure")) {
      sink.put(key, clickhouse.get(key));
    }
    Map<String, Object> overlay = Map.of(
        "exporters", Map.of("kafka/inserts", sink),
        "service", Map.of("pipelines", Map.of("logs", Map.of("exporters", List.of("kafka/inserts")))));
    Path file = Collector.BUILD_DIR.resolve("warehouse-load").resolve(sinkTopic + "-overlay.yaml");
    Files.writeString(file, new Yaml().dump(overlay), StandardCharsets.UTF_8);
    return file;
  }

  /** Fills a new topic with {@link #EVENTS} events, {@code perMessage} to a message, and drains it. */
  private static String drain(KafkaBroker kafka, String topic, int perMessage) throws Exception {
    kafka.createTopic(topic, 1);
    LogRecord[] records = new LogRecord[perMessage];
    Arrays.fill(records, Otlp.validStart("18.1.0").build());
    byte[] message = Otlp.request(records).toByteArray();
    int messages = EVENTS / perMessage;
    kafka.produceMany(topic, message, messages);
    try (Collector c =
        Collector.start(
            List.of("taskset", "-c", "0"),
            "warehouse-load-" + topic,
            Map.of(
                "GOMAXPROCS", "1",
                "TBOT_OTEL_KAFKA_BROKERS", kafka.bootstrap(),
                "TBOT_OTEL_KAFKA_TOPIC", topic),
            Collector.config("warehouse.yaml"),
            sinkOverlay(kafka, topic + "-inserts"))) {
      double cpuBefore = c.cpuSeconds();
      long t0 = System.nanoTime();
      long deadline = t0 + TimeUnit.MINUTES.toNanos(3);
      long committed = 0;
      while (committed < messages && System.nanoTime() < deadline) {
        Thread.sleep(250);
        committed = kafka.committedOffset(GROUP, topic);
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = c.cpuSeconds() - cpuBefore;
      long events = committed * perMessage;
      String line = String.format(
          "%d per message (%d bytes): drained=%d events wall=%.1fs events/s=%.0f collector_cpu=%.1fs events/s/core=%.0f",
          perMessage, message.length, events, wall, events / wall, cpu, events / cpu);
      System.out.println(line);
      assertTrue(committed >= messages, "the warehouse did not drain the topic: " + line + "\n" + c.logTail());
      assertTrue(c.healthy(), c.logTail());
      return line;
    }
  }
}
