package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * overlays/kafka-security.yaml for real: the edge and the warehouse, each with the overlay and a
 * user of its own, talk to a broker's SASL_SSL listener (SCRAM-SHA-512 over TLS, the broker's
 * certificate from a CA of its own given as TBOT_OTEL_KAFKA_CA_FILE) whose authorizer allows each
 * user only what docs/scaling.md's {@code kafka-acls.sh} lines give it, and the CLI's event crosses;
 * an edge with a wrong password, without the CA, or as the warehouse's user publishes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaSecurityTest {

  private static final String TOPIC = "tbot-starts";
  private static final KafkaBroker.User EDGE = new KafkaBroker.User("tbot-edge", "s3cret-edge");
  private static final KafkaBroker.User WAREHOUSE = new KafkaBroker.User("tbot-warehouse", "s3cret-warehouse");
  /** The placeholders of scaling.md's ACL lines, and what this broker and its users make of them. */
  private static final Map<String, String> PLACEHOLDERS = Map.of(
      "User:EDGE_USER", "User:" + EDGE.name(), "User:WAREHOUSE_USER", "User:" + WAREHOUSE.name());
  private static final Pattern ACL_LINE = Pattern.compile("`kafka-acls\\.sh ([^`]+)`");
  private static final Duration ARRIVAL = Duration.ofSeconds(30);

  private KafkaBroker kafka;
  private Path dir;

  @BeforeAll
  void start() throws Exception {
    Collector.binary(); // a first build takes minutes: here, where the class's @Timeout does not apply
    dir = Files.createDirectories(Collector.BUILD_DIR.resolve("e2e-kafka-security"));
    kafka = KafkaBroker.startSecure(dir.resolve("kafka"), EDGE, WAREHOUSE);
    kafka.createTopic(TOPIC, 1);
    for (List<String> line : docsAclLines()) {
      kafka.acls(line);
    }
  }

  /**
   * docs/scaling.md's {@code kafka-acls.sh} lines, their placeholders filled in for this broker: the
   * edge's and the warehouse's. That the warehouse's user cannot publish, theWarehousesUserCannotPublish
   * shows; what else the edge's user cannot do is not tested.
   */
  private List<List<String>> docsAclLines() throws Exception {
    Matcher m = ACL_LINE.matcher(ScalingDocsTest.page("docs/scaling.md"));
    List<List<String>> lines = new ArrayList<>();
    while (m.find()) {
      lines.add(List.of(m.group(1).split(" ")));
    }
    assertEquals(2, lines.size(), "scaling.md gives one kafka-acls.sh line to the edge, one to the warehouse: " + lines);
    assertEquals(PLACEHOLDERS.keySet(), lines.stream().flatMap(List::stream).filter(PLACEHOLDERS::containsKey)
        .collect(Collectors.toSet()), "the users scaling.md's lines name: " + lines);
    List<List<String>> filled = new ArrayList<>();
    for (List<String> line : lines) {
      assertTrue(line.contains("--add") && !line.contains("--allow-host") && line.contains("BROKER:9092"),
          "an ACL the page adds, from any host, at BROKER:9092: " + line);
      filled.add(line.stream().map(word -> word.equals("BROKER:9092") ? kafka.bootstrap()
          : PLACEHOLDERS.getOrDefault(word, word)).toList());
    }
    return filled;
  }

  @AfterAll
  void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void theEventCrossesTlsAndScramBothWays() throws Exception {
    Path sinkFile = dir.resolve("warehouse-sink.json");
    Files.deleteIfExists(sinkFile);
    Sink sink = new Sink(sinkFile);
    int edgePort = Collector.freePort();
    try (Collector edge = startEdge("kafka-secure-edge", edgePort, secureEnv(EDGE, EDGE.password()));
        Collector warehouse = startWarehouse(sinkFile)) {
      TbotCli.Result r = TbotCli.run(Map.of(), List.of("start", "--anonymous-analytics",
          "--anonymous-analytics-endpoint", "http://127.0.0.1:" + edgePort + "/v1/logs",
          "--anonymous-analytics-exit-timeout", "10s", "--tbot-version", "18.3.0"));
      assertEquals(0, r.exitCode(), r.stderr());
      sink.awaitAfter(0, e -> "18.3.0".equals(e.attr("version")), ARRIVAL);
      // Once, without waiting for a duplicate: with its queue empty the edge sends nothing more
      // (retries end before the queue frees a request), and a sentinel produced behind its copies
      // into the one partition reaches the sink after all the warehouse makes of them (as in
      // KafkaEndToEndTest: read in order, nothing queued before the file sink, one group member).
      edge.awaitQueuesDrained(ARRIVAL);
      List<Sink.Exported> got = sink.arrivalsAfter(0, Sink.freshMarker(),
          marker -> kafka.produce(TOPIC, Otlp.request(Otlp.validStart(marker).build()).toByteArray()), ARRIVAL);
      assertEquals(List.of("18.3.0"), got.stream().map(e -> e.attr("version")).toList(),
          "one event through the SASL_SSL listener: " + sink.text() + "\nedge:\n" + edge.logTail()
              + "\nwarehouse:\n" + warehouse.logTail());
    }
  }

  @Test
  void aWrongPasswordPublishesNothing() throws Exception {
    Map<String, String> env = secureEnv(EDGE, "not-the-password");
    assertEdgePublishesNothing("kafka-secure-edge-wrong-password", env, "SASL_AUTHENTICATION_FAILED");
  }

  @Test
  void theWarehousesUserCannotPublish() throws Exception {
    // The ACLs give WRITE to the edge's user alone: the warehouse's credentials, wherever they leak
    // or are reused, cannot feed the warehouse (scaling.md: it trusts the topic's producers). The
    // exporter's idempotent producer asks for a producer id first, which needs WRITE on a topic
    // (or IDEMPOTENT_WRITE on the cluster): refused, nothing is sent.
    Map<String, String> env = secureEnv(WAREHOUSE, WAREHOUSE.password());
    assertEdgePublishesNothing("kafka-secure-edge-as-warehouse", env, "CLUSTER_AUTHORIZATION_FAILED");
  }

  @Test
  void withoutTheCaFileTheBrokersCertificateIsRefused() throws Exception {
    // No CA file: only the system's roots, which do not hold the broker's certificate.
    Map<String, String> env = secureEnv(EDGE, EDGE.password());
    env.remove("TBOT_OTEL_KAFKA_CA_FILE");
    assertEdgePublishesNothing("kafka-secure-edge-no-ca", env, "certificate signed by unknown authority");
  }

  /** An edge with {@code env} takes the CLI's event, logs {@code refusal}, and publishes nothing. */
  private void assertEdgePublishesNothing(String name, Map<String, String> env, String refusal) throws Exception {
    long before = kafka.endOffset(TOPIC);
    int edgePort = Collector.freePort();
    try (Collector edge = startEdge(name, edgePort, env)) {
      TbotCli.Result r = TbotCli.run(Map.of(), List.of("start", "--anonymous-analytics",
          "--anonymous-analytics-endpoint", "http://127.0.0.1:" + edgePort + "/v1/logs",
          "--anonymous-analytics-exit-timeout", "10s"));
      assertEquals(0, r.exitCode(), r.stderr());
      // The refusal is in the edge's log; once it is, nothing can have been published.
      long deadline = System.nanoTime() + ARRIVAL.toNanos();
      while (!edge.logText().contains(refusal) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(edge.logText().contains(refusal), "the edge logs '" + refusal + "':\n" + edge.logTail());
      assertEquals(before, kafka.endOffset(TOPIC), "nothing published");
      assertEquals(List.of(), edge.stackFrames(), "each error is one line");
    }
  }

  private Collector startEdge(String name, int port, Map<String, String> secureEnv) throws Exception {
    Map<String, String> env = new HashMap<>(secureEnv);
    env.put("TBOT_OTEL_INGEST_ENDPOINT", "127.0.0.1:" + port);
    return Collector.start(name, env, Collector.config("teleport-ingest.yaml"),
        Collector.config("overlays/kafka-security.yaml"));
  }

  private Collector startWarehouse(Path sinkFile) throws Exception {
    Map<String, String> env = secureEnv(WAREHOUSE, WAREHOUSE.password());
    env.put("TBOT_OTEL_TEST_SINK", sinkFile.toString());
    return Collector.start("kafka-secure-warehouse", env, Collector.config("warehouse.yaml"),
        Collector.config("overlays/kafka-security.yaml"), Collector.resource("file-sink-overlay.yaml"));
  }

  private Map<String, String> secureEnv(KafkaBroker.User user, String password) {
    Map<String, String> env = new HashMap<>();
    env.put("TBOT_OTEL_KAFKA_BROKERS", kafka.secureBootstrap());
    env.put("TBOT_OTEL_KAFKA_CA_FILE", kafka.caFile().toString());
    env.put("TBOT_OTEL_KAFKA_USERNAME", user.name());
    env.put("TBOT_OTEL_KAFKA_PASSWORD", password);
    return env;
  }
}
