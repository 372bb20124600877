package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The edge filter fails closed: with the production error_mode (propagate), a condition that errors
 * drops the request instead of letting records through. failing-filter-overlay.yaml adds such a
 * condition; a valid tbot.start must then be refused and never reach the sink.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailClosedTest {

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
        assertNotEquals(200, r.statusCode(), "a request whose filtering failed must not be accepted");
      }
      assertTrue(c.healthy(), c.logTail());
      // No sentinel can show that nothing follows: this filter refuses every tbot.start and drops
      // anything else. Nor a wait: the sink writes out its buffer on a ticker that a busy machine
      // may delay. But the pipeline is synchronous up to the sink, so whatever these requests put in
      // it was handed over before they were answered, and a collector that stopped gracefully has
      // shut its sink down, which writes out the buffer.
      assertEquals(0, c.stop(), "a graceful stop, which flushes the sink:\n" + c.logTail());
      assertEquals(0, new Sink(sinkFile).size(), "nothing may reach the sink: " + new Sink(sinkFile).text());
    }
  }
}
