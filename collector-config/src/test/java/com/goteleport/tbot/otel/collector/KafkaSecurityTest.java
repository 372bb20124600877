package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * overlays/kafka-security.yaml for real: the edge and the warehouse, each with the overlay, talk to
 * a broker's SASL_SSL listener (SCRAM-SHA-512 over TLS, the broker's certificate from a CA of its
 * own given as TBOT_OTEL_KAFKA_CA_FILE) and the CLI's event crosses; an edge with a wrong password
 * publishes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaSecurityTest {

  private static final String TOPIC = "tbot-starts";
  private static final KafkaBroker.User USER = new KafkaBroker.User("tbot-pipeline", "s3cret-scram");
  private static final Duration ARRIVAL = Duration.ofSeconds(30);

  private KafkaBroker kafka;
  private Path dir;

  @BeforeAll
  void start() throws Exception {
    Collector.binary(); // a first build takes minutes: here, where the class's @Timeout does not apply
    dir = Files.createDirectories(Collector.BUILD_DIR.resolve("e2e-kafka-security"));
    kafka = KafkaBroker.startSecure(dir.resolve("kafka"), USER);
    kafka.createTopic(TOPIC, 1);
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
    try (Collector edge = startEdge("kafka-secure-edge", edgePort, secureEnv(USER.password()));
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
    Map<String, String> env = secureEnv("not-the-password");
    assertEdgePublishesNothing("kafka-secure-edge-wrong-password", env, "SASL_AUTHENTICATION_FAILED");
  }

  @Test
  void withoutTheCaFileTheBrokersCertificateIsRefused() throws Exception {
    // No CA file: only the system's roots, which do not hold the broker's certificate.
    Map<String, String> env = secureEnv(USER.password());
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
    }
  }

  private Collector startEdge(String name, int port, Map<String, String> secureEnv) throws Exception {
    Map<String, String> env = new HashMap<>(secureEnv);
    env.put("TBOT_OTEL_INGEST_ENDPOINT", "127.0.0.1:" + port);
    return Collector.start(name, env, Collector.config("teleport-ingest.yaml"),
        Collector.config("overlays/kafka-security.yaml"));
  }

  private Collector startWarehouse(Path sinkFile) throws Exception {
    Map<String, String> env = secureEnv(USER.password());
    env.put("TBOT_OTEL_TEST_SINK", sinkFile.toString());
    return Collector.start("kafka-secure-warehouse", env, Collector.config("warehouse.yaml"),
        Collector.config("overlays/kafka-security.yaml"), Collector.resource("file-sink-overlay.yaml"));
  }

  private Map<String, String> secureEnv(String password) {
    Map<String, String> env = new HashMap<>();
    env.put("TBOT_OTEL_KAFKA_BROKERS", kafka.secureBootstrap());
    env.put("TBOT_OTEL_KAFKA_CA_FILE", kafka.caFile().toString());
    env.put("TBOT_OTEL_KAFKA_USERNAME", USER.name());
    env.put("TBOT_OTEL_KAFKA_PASSWORD", password);
    return env;
  }
}
