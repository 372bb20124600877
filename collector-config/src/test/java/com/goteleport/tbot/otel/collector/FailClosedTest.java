package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

/**
 * The edge filter fails closed: with the production error_mode (propagate), a condition that errors
 * drops the request instead of letting records through. failing-filter-overlay.yaml adds such a
 * condition; a valid tbot.start must then be refused and never reach the sink. And it drops that
 * request only: in self-hosted.yaml too, whose batch merges concurrent requests.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailClosedTest {

  /** The helper value on whose record {@link #poisonOverlay}'s condition fails to evaluate. */
  private static final String POISON = "fail-closed-poison";

  /** Valid requests sent together with each poisoned one. */
  private static final int GOOD = 8;

  /** Rounds of {@link #GOOD} valid requests and a poisoned one, sent together. */
  private static final int ROUNDS = 3;

  /** A first build takes minutes: done here, where the class's {@code @Timeout} does not apply. */
  @BeforeAll
  static void buildCollector() {
    Collector.binary();
  }

  @Test
  void aFilterErrorDropsTheRequest() throws Exception {
    Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve("e2e-fail-closed"));
    Path sinkFile = dir.resolve("sink.json");
    Files.deleteIfExists(sinkFile);
    int port = Collector.freePort();
    try (Collector c =
        Collector.start(
            "fail-closed",
            Map.of(
                "TBOT_OTEL_INGEST_ENDPOINT", "127.0.0.1:" + port,
                "TBOT_OTEL_TEST_SINK", sinkFile.toString()),
            Collector.config("teleport-ingest.yaml"),
            Collector.resource("file-sink-overlay.yaml"),
            Collector.resource("failing-filter-overlay.yaml"))) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r = Otlp.postLogs(port, Otlp.request(Otlp.validStart("1.0." + i).build()));
        assertRefusedAsUnevaluated(r);
      }
      assertTrue(c.healthy(), c.logTail());
      // No sentinel can show that nothing follows: this filter refuses every tbot.start and drops
      // anything else. Nor a wait: the sink writes out its buffer on a ticker that a busy machine
      // may delay. But the pipeline is synchronous up to the sink, so whatever these requests put in
      // it was handed over before they were answered, and a collector that stopped gracefully has
      // shut its sink down, which writes out the buffer.
      assertEquals(0, c.stop(), "a graceful stop, which flushes the sink:\n" + c.logTail());
      assertEquals(0, new Sink(sinkFile).size(), "nothing may reach the sink: " + new Sink(sinkFile).text());
      assertRefusalsLoggedOnALineEach(c);
    }
  }

  /** The filter's refusals are in the log, each an error of one line (no stack trace). */
  private static void assertRefusalsLoggedOnALineEach(Collector c) throws Exception {
    assertTrue(c.logText().contains("\terror\t") && c.logText().contains("failed processing logs"), c.logTail());
    assertEquals(List.of(), c.stackFrames(), "each refusal's error is one line");
  }

  /**
   * self-hosted.yaml answers each request for its own records, as the edge does: a condition that
   * fails to evaluate on one client's record refuses that request and loses none of the requests
   * sent with it, which its batch/serialize merges with it when it comes first (as it did until
   * 2026-12-07: the merged batch was dropped, every request in it already answered 200).
   */
  @Test
  void selfHostedRefusesOnlyTheRequestWhoseFilteringFailed() throws Exception {
    Path events = Edges.eventsFile("e2e-fail-closed-self-hosted");
    Path overlay = poisonOverlay(Files.createDirectories(events.getParent().getParent()));
    int port = Collector.freePort();
    int prom = Collector.freePort();
    ExecutorService clients = Executors.newFixedThreadPool(GOOD + 1);
    try (Collector c = Edges.selfHosted("fail-closed-self-hosted", port, prom, events, overlay)) {
      Map<String, Long> expected = new TreeMap<>();
      for (int round = 0; round < ROUNDS; round++) {
        // All at once, well within one 200 ms batch window.
        CyclicBarrier together = new CyclicBarrier(GOOD + 1);
        List<Future<HttpResponse<String>>> good = new ArrayList<>();
        for (int i = 0; i < GOOD; i++) {
          String version = "18." + round + "." + i;
          expected.put(version + "|github|one-shot|none", 1L);
          good.add(clients.submit(post(port, together, Otlp.request(Otlp.validStart(version).build()))));
        }
        Future<HttpResponse<String>> poisoned = clients.submit(post(port, together,
            Otlp.request(Otlp.validStart("17.0." + round).addAttributes(Otlp.str("helper", POISON)).build())));
        assertRefusedAsUnevaluated(poisoned.get(30, TimeUnit.SECONDS));
        for (Future<HttpResponse<String>> g : good) {
          HttpResponse<String> r = g.get(30, TimeUnit.SECONDS);
          assertEquals(200, r.statusCode(), "round " + round + ": a valid request: " + r.body());
        }
      }
      assertTrue(c.healthy(), c.logTail());
      Map<String, Long> counted = Map.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline && !(counted = SelfHostedEndToEndTest.scrape(prom)).equals(expected)) {
        Thread.sleep(200);
      }
      assertEquals(expected, counted, "tbot_starts_total: every valid start, once");
      assertEquals(0, c.stop(), "a graceful stop, which flushes the events file:\n" + c.logTail());
      assertRefusalsLoggedOnALineEach(c);
      List<String> stored = new Sink(events).records().stream().map(e -> e.attr("version")).sorted()
          .collect(Collectors.toList());
      List<String> sent = expected.keySet().stream().map(k -> k.substring(0, k.indexOf('|'))).sorted()
          .collect(Collectors.toList());
      assertEquals(sent, stored, "the events file: every valid start, once, and no poisoned one");
    } finally {
      clients.shutdownNow();
    }
  }

  /** POSTs {@code request} once every party of {@code together} is ready. */
  private static Callable<HttpResponse<String>> post(
      int port, CyclicBarrier together, ExportLogsServiceRequest request) {
    return () -> {
      together.await(10, TimeUnit.SECONDS);
      return Otlp.postLogs(port, request);
    };
  }

  /**
   * The answer collector-config/README.md names for a request a fail-closed processor could not
   * evaluate: 503 (the receiver's status for an error not marked permanent, retryable to an OTLP
   * client), the processor's error in the body.
   */
  private static void assertRefusedAsUnevaluated(HttpResponse<String> r) {
    assertEquals(503, r.statusCode(), "a request whose filtering failed must be refused: " + r.body());
    assertTrue(r.body().contains("failed to eval condition"), r.body());
  }

  /**
   * An overlay that gives self-hosted.yaml's filter one more condition, failing to evaluate on a
   * record whose helper is {@link #POISON} only: OTTL's "and" stops at its first false term, so on
   * any other record the Substring past the end of "tbot.start" is never reached. The shipped
   * conditions come first, copied from the file.
   */
  private static Path poisonOverlay(Path dir) throws Exception {
    String filter = "filter/tbot_start_only";
    List<String> conditions = new ArrayList<>(
        AllowlistDriftTest.at(AllowlistDriftTest.load("self-hosted.yaml"), "processors", filter, "log_conditions"));
    conditions.add(
        "log.attributes[\"helper\"] == \"" + POISON + "\" and Substring(log.event_name, 0, 1000) == \"never\"");
    Path file = dir.resolve("poison-filter-overlay.yaml");
    Files.writeString(file, new Yaml().dump(Map.of("processors", Map.of(filter, Map.of("log_conditions", conditions)))),
        StandardCharsets.UTF_8);
    return file;
  }
}
