package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The edge's layers that clean a request's resource each clean it alone: {@code transform/scrub}
 * empties its attributes, dropped count and schema URL (the README's step 4), and
 * {@code groupbyattrs/fresh} builds a new resource that holds only the attributes (step 5), which
 * {@code redaction/allowlist} then deletes as keys outside the schema (step 7). With all three in
 * the pipeline no one of them can be seen to work, so each runs here without the others that do
 * the same, in a collector whose logs pipeline is teleport-ingest.yaml's less those processors.
 * (Entity references are groupbyattrs' alone, as no OTTL path reaches them: IngestEndToEndTest
 * sends them.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScrubLayersTest {

  /** A first build takes minutes: done here, where the class's {@code @Timeout} does not apply. */
  @BeforeAll
  static void buildCollector() {
    Collector.binary();
  }

  @Test
  void theScrubAloneEmptiesTheResource() throws Exception {
    Sink.Exported e = sendWithout("groupbyattrs/fresh", "redaction/allowlist");
    assertEquals(0, e.resource().getAttributesCount(), "resource attributes: " + e.resource());
    assertEquals(0, e.resource().getDroppedAttributesCount(), "resource dropped count: " + e.resource());
    assertEquals("", e.resourceSchemaUrl(), "resource schema URL");
  }

  @Test
  void groupbyattrsAloneKeepsOnlyTheResourcesAttributes() throws Exception {
    Sink.Exported e = sendWithout("transform/scrub", "redaction/allowlist");
    assertEquals(List.of("host.name"), e.resource().getAttributesList().stream().map(kv -> kv.getKey()).toList(),
        "the resource's attributes pass groupbyattrs (the scrub empties them, and redaction would)");
    assertEquals(0, e.resource().getDroppedAttributesCount(), "resource dropped count: " + e.resource());
    assertEquals("", e.resourceSchemaUrl(), "resource schema URL");
  }

  /**
   * Posts a start under a resource with an attribute, a dropped count and a schema URL to the edge
   * without {@code processors}, and returns what it exported.
   */
  private static Sink.Exported sendWithout(String... processors) throws Exception {
    List<String> chain = new ArrayList<>(AllowlistDriftTest.at(AllowlistDriftTest.load("teleport-ingest.yaml"),
        "service", "pipelines", "logs", "processors"));
    for (String p : processors) {
      assertTrue(chain.remove(p), p + " in " + chain);
    }
    String name = processors[0].replace('/', '-');
    Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve("e2e-without-" + name));
    Path overlay = dir.resolve("overlay.yaml");
    Files.writeString(overlay,
        "service:\n  pipelines:\n    logs:\n      processors: [" + String.join(", ", chain) + "]\n", StandardCharsets.UTF_8);
    Path sinkFile = dir.resolve("sink.json");
    Files.deleteIfExists(sinkFile);
    int port = Collector.freePort();
    try (Collector c = Collector.start("without-" + name,
        Map.of("TBOT_OTEL_INGEST_ENDPOINT", "127.0.0.1:" + port, "TBOT_OTEL_TEST_SINK", sinkFile.toString()),
        Collector.config("teleport-ingest.yaml"), Collector.resource("file-sink-overlay.yaml"), overlay)) {
      Resource resource = Resource.newBuilder().addAttributes(Otlp.str("host.name", "build-42.corp.example"))
          .setDroppedAttributesCount(424242).build();
      InstrumentationScope scope = Otlp.tbotScope();
      ExportLogsServiceRequest request = Otlp.withSchemaUrls(
          Otlp.request(resource, scope, Otlp.validStart("1.1.1").build()), "https://evil.example/alice", "");
      assertEquals(200, Otlp.postLogs(port, request).statusCode());
      List<Sink.Exported> got =
          new Sink(sinkFile).awaitAfter(0, x -> "1.1.1".equals(x.attr("version")), Duration.ofSeconds(10));
      assertEquals(1, got.size(), "one record: " + got);
      return got.get(0);
    }
  }
}
