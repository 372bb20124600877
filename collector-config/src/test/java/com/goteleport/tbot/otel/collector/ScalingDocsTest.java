package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What docs/scaling.md and this module's README size and promise the edge's Kafka exporter and the
 * warehouse's ClickHouse exporter by, checked against the configs: the edge's durability,
 * compression, batches, queue and how long it retries a batch; the warehouse's queue, batches and
 * their pace, inserts retried without end while a full queue holds the consumer back, and the
 * insert timeout past which a retry may store a batch twice. Most of these no bounded test can
 * reach (a replica lost, a ClickHouse outage of more than 5 minutes), and the collector's default
 * differs from each (acks from the leader alone, no compression, 8192-record batches, a queue of
 * 1,000 requests, a flush every 200 ms, retries given up after 5 minutes, a full queue that
 * refuses, a 5 s timeout).
 */
class ScalingDocsTest {

  private static final String SOURCES = "collector-config/src/test/java/com/goteleport/tbot/otel/collector/";

  @Test
  void theEdgesKafkaExporterIsWhatTheDocsSay() throws Exception {
    Map<String, Object> kafka =
        AllowlistDriftTest.at(AllowlistDriftTest.load("teleport-ingest.yaml"), "exporters", "kafka");
    int acks = AllowlistDriftTest.at(kafka, "producer", "required_acks");
    String compression = AllowlistDriftTest.at(kafka, "producer", "compression");
    Map<String, Object> queue = AllowlistDriftTest.at(kafka, "sending_queue");
    assertEquals(true, queue.getOrDefault("enabled", true), "sending_queue.enabled");
    Map<String, Object> batch = AllowlistDriftTest.at(queue, "batch");
    int records = AllowlistDriftTest.at(batch, "max_size");
    assertEquals(records, (int) AllowlistDriftTest.at(batch, "min_size"), "a message is sent once full, and no fuller");
    assertEquals("items", AllowlistDriftTest.at(batch, "sizer"), "batches counted in records");
    String flush = spaced(AllowlistDriftTest.at(batch, "flush_timeout"));

    String scaling = page("docs/scaling.md");
    String perMessage = String.format(Locale.ROOT, "(`required_acks: %d`, %s, up to %,d records or %s per message)",
        acks, compression, records, flush);
    assertTrue(scaling.contains(perMessage), "scaling.md says: " + perMessage);
    // The queue is counted in bytes, which bound memory whatever a request holds (in requests, the
    // default, 10,000 hostile requests took 187 MB of heap).
    assertEquals("bytes", queue.get("sizer"), "the edge's queue is counted in bytes: " + queue);
    String bound = String.format(Locale.ROOT, "the queue bounded at %,d bytes of OTLP protobuf",
        (int) AllowlistDriftTest.at(queue, "queue_size"));
    assertTrue(scaling.contains(bound), "scaling.md says: " + bound);
    // How long a Kafka outage may last before queued events are lost (the default: 5 minutes).
    Map<String, Object> retry = AllowlistDriftTest.at(kafka, "retry_on_failure");
    assertEquals(true, AllowlistDriftTest.at(retry, "enabled"), "retry_on_failure.enabled");
    String lost = "Each batch an edge cannot deliver to Kafka is retried for "
        + spaced(AllowlistDriftTest.at(retry, "max_elapsed_time")) + " and then dropped";
    assertTrue(scaling.contains(lost), "scaling.md says: " + lost);

    String readme = page("collector-config/README.md");
    String exporter = String.format(Locale.ROOT, "OTLP protobuf, `required_acks: %d`, %s.", acks, compression);
    assertTrue(readme.contains(exporter), "the README says: " + exporter);
    String batches = String.format(Locale.ROOT, "batches up to %,d records or %s into one message", records, flush);
    assertTrue(readme.contains(batches), "the README says: " + batches);
  }

  @Test
  void theWarehousesClickHouseExporterIsWhatTheDocsSay() throws Exception {
    Map<String, Object> clickhouse = WarehouseConfig.clickhouseExporter();
    Map<String, Object> queue = AllowlistDriftTest.at(clickhouse, "sending_queue");
    Map<String, Object> batch = AllowlistDriftTest.at(queue, "batch");
    Map<String, Object> retry = AllowlistDriftTest.at(clickhouse, "retry_on_failure");
    String scaling = page("docs/scaling.md");

    // A queue switched off would make the page's queue, and its hold on the consumer, fiction.
    assertEquals(true, queue.getOrDefault("enabled", true), "sending_queue.enabled");
    assertEquals("items", AllowlistDriftTest.at(queue, "sizer"), "the queue counted in records (events)");
    String held = String.format(Locale.ROOT, "in-memory queue (%,d events, batches being inserted included)",
        (int) AllowlistDriftTest.at(queue, "queue_size"));
    assertTrue(scaling.contains(held), "scaling.md says: " + held);
    for (String bound : new String[] {"min_size", "max_size"}) {
      int rows = AllowlistDriftTest.at(batch, bound);
      assertEquals(0, rows % 1000, bound + " " + rows + ": the page's figure is in whole thousands");
    }
    String inserts = String.format(Locale.ROOT, "insert batches of %d–%dk rows into ClickHouse",
        (int) AllowlistDriftTest.at(batch, "min_size") / 1000, (int) AllowlistDriftTest.at(batch, "max_size") / 1000);
    assertTrue(scaling.contains(inserts), "scaling.md says: " + inserts);
    // A batch's flush is how often a replica that is not busy inserts, each insert a part in
    // ClickHouse (the default, 200 ms, would make 25 times as many for merges to fold).
    String parts = "Each INSERT (an exporter batch, every " + spaced(AllowlistDriftTest.at(batch, "flush_timeout")) + ")";
    assertTrue(page("collector-config/README.md").contains(parts), "the README says: " + parts);
    // ... as it is sent: the exporter's default is ClickHouse's asynchronous inserts (async_insert=true
    // on its connection), which the server buffers and writes by its own timers.
    assertEquals(false, clickhouse.get("async_insert"), "warehouse.yaml's inserts are synchronous");
    assertTrue(page("collector-config/README.md").contains("inserts being synchronous (`async_insert: false`"),
        "the README says the inserts are synchronous");

    // "Retried without end": retries on, and no budget (0s); the exporter's default gives up after
    // 5 minutes, and the events of a batch given up are lost (their offsets are committed).
    assertEquals(true, AllowlistDriftTest.at(retry, "enabled"), "retry_on_failure.enabled");
    assertEquals("0s", AllowlistDriftTest.at(retry, "max_elapsed_time"), "retry_on_failure.max_elapsed_time");
    // "Holds the consumer back": a full queue blocks instead of refusing the message.
    assertEquals(true, AllowlistDriftTest.at(queue, "block_on_overflow"), "sending_queue.block_on_overflow");
    String outage = "Inserts are retried without end and a full queue holds the consumer back";
    assertTrue(scaling.contains(outage), "scaling.md says: " + outage);
    // Where a retry can store a batch twice: past the insert's timeout (the default is 5 s).
    String twice = "An insert that outlasts the exporter's `timeout` (" + spaced(AllowlistDriftTest.at(clickhouse, "timeout"))
        + ") is cancelled and retried";
    assertTrue(scaling.contains(twice), "scaling.md says: " + twice);
  }

  /**
   * The edge never creates its topic (allow_auto_topic_creation: false), so scaling.md shows how:
   * the configs' topic, the partitions it sizes the warehouse by, and, as the edge produces with
   * acks -1, min.insync.replicas=2 (Kafka's default, 1, lets acks -1 be met by the leader alone).
   */
  @Test
  void scalingMdCreatesTheConfigsTopic() throws Exception {
    Map<String, Object> kafka =
        AllowlistDriftTest.at(AllowlistDriftTest.load("teleport-ingest.yaml"), "exporters", "kafka");
    String topic = ((String) AllowlistDriftTest.at(kafka, "logs", "topic")).replaceFirst("^\\$\\{env:[A-Z_]+:-(.*)}$", "$1");
    assertEquals(-1, (int) AllowlistDriftTest.at(kafka, "producer", "required_acks"));
    String scaling = page("docs/scaling.md");
    String create = "kafka-topics.sh --bootstrap-server BROKER:9092 --create --topic " + topic
        + " --partitions 12 --replication-factor 3 --config retention.ms=604800000 --config segment.ms=86400000"
        + " --config min.insync.replicas=2";
    // The command wraps across lines: compared with its line breaks as spaces.
    assertTrue(scaling.replaceAll("\\s*\\n\\s*", " ").contains(create), "scaling.md says: " + create);
    assertTrue(scaling.contains("12 partitions leave room for 12 warehouse consumers"), "scaling.md's partitions");
    assertTrue(scaling.contains("(retention e.g. 7 days)"), "scaling.md's retention: 604800000 ms");
  }

  /**
   * scaling.md puts the edge's cost per request down to, among others, the statements of
   * transform/scrub, which a one-record request runs each once (resource, scope and log contexts):
   * the number it names is the edge's count, which grows with the schema's rules.
   */
  @Test
  void scalingMdCountsTheEdgesScrubStatements() throws Exception {
    Map<String, Object> edge = AllowlistDriftTest.load("teleport-ingest.yaml");
    int statements = 0;
    for (String context : new String[] {"resource", "scope", "log"}) {
      statements += AllowlistDriftTest.statements(edge, context).size();
    }
    String named = "the " + statements + " OTTL statements of `transform/scrub`";
    assertTrue(page("docs/scaling.md").contains(named), "scaling.md says: " + named);
  }

  /**
   * The heap a Kafka-less edge's full queue holds is measured in one place, scaling.md, under the
   * bound {@code KafkaEndToEndTest} asserts; the README's row for that test names the bound alone
   * and points to scaling.md (it repeated figures once, and they drifted from scaling.md's).
   */
  @Test
  void theKafkaQueuesHeapIsMeasuredInScalingMdUnderTheTestsBound() throws Exception {
    Matcher asserted = Pattern.compile("assertTrue\\(heap < (\\d+)e6,")
        .matcher(EnvironmentDocsTest.read(SOURCES + "KafkaEndToEndTest.java"));
    assertTrue(asserted.find(), "KafkaEndToEndTest bounds the heap as heap < Ne6");
    int bound = Integer.parseInt(asserted.group(1));
    assertEquals(List.of(), heapFiguresOverTheBound(page("docs/scaling.md"), bound));
    String row = EnvironmentDocsTest.read("collector-config/README.md").lines()
        .filter(l -> l.startsWith("| `KafkaEndToEndTest` |")).findFirst().orElseThrow();
    String points = "its heap stays under " + bound
        + " MB above idle ([scaling.md](../docs/scaling.md#capacity-plan) has what it measured";
    assertTrue(row.contains(points), "the README's KafkaEndToEndTest row says: " + points);
    assertEquals(List.of(bound + " MB"), figures(row, Pattern.compile("\\d[\\d.,]* MB\\b")),
        "the README's KafkaEndToEndTest row names the bound alone; the measured figures are scaling.md's");
  }

  @Test
  void aHeapFigureOverTheBoundIsReported() {
    String page = "512 MiB per pod. Measured on 2026-12-04 with no broker to reach and the queue full: 10 requests"
        + " took +33 MB of heap (+46 MB RSS), and 8 hostile ones +70 MB (+25 MB RSS); later runs that day measured"
        + " 15 to 65 MB. Counted in requests, 187 MB of heap.";
    assertEquals(List.of("+70 MB", "65 MB"), heapFiguresOverTheBound(page, 64));
    assertEquals(List.of("scaling.md's measurement (from 'Measured on ' to 'Counted in requests')"),
        heapFiguresOverTheBound("Measured with no broker. Counted in requests", 64));
  }

  /** The heap figures of scaling.md's measurement of a full queue (RSS not counted) above {@code bound} MB. */
  static List<String> heapFiguresOverTheBound(String scaling, int bound) {
    int start = scaling.indexOf("Measured on ");
    int end = start < 0 ? -1 : scaling.indexOf("Counted in requests", start);
    if (end < 0) {
      return List.of("scaling.md's measurement (from 'Measured on ' to 'Counted in requests')");
    }
    List<String> over = new ArrayList<>();
    for (String figure : figures(scaling.substring(start, end), Pattern.compile("\\+?\\d+ MB\\b(?! RSS)"))) {
      if (Integer.parseInt(figure.replaceAll("[^\\d]", "")) >= bound) {
        over.add(figure);
      }
    }
    return over;
  }

  private static List<String> figures(String text, Pattern figure) {
    List<String> out = new ArrayList<>();
    Matcher m = figure.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** A page with its line breaks and runs of spaces made single spaces. */
  static String page(String path) throws Exception {
    return EnvironmentDocsTest.read(path).replaceAll("\\s+", " ");
  }

  /** "200ms" as the docs write it, "200 ms". */
  static String spaced(String duration) {
    return duration.replaceFirst("^(\\d+)([a-z]+)$", "$1 $2");
  }
}
