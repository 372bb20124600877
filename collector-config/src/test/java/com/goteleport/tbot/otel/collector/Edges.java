package com.goteleport.tbot.otel.collector;

import java.nio.file.Path;
import java.util.Map;

/**
 * The two configs that face tbot, started on loopback ports as their end-to-end tests run them:
 * teleport-ingest.yaml with Kafka swapped for a file (file-sink-overlay.yaml), and
 * self-hosted.yaml as shipped.
 */
final class Edges {

  private Edges() {}

  /** teleport-ingest.yaml listening on {@code port}, exporting to {@code sinkFile} instead of Kafka. */
  static Collector ingestToFile(String name, int port, Path sinkFile) throws Exception {
    return Collector.start(name,
        Map.of(
            "TBOT_OTEL_INGEST_ENDPOINT", "127.0.0.1:" + port,
            "TBOT_OTEL_TEST_SINK", sinkFile.toString()),
        Collector.config("teleport-ingest.yaml"),
        Collector.resource("file-sink-overlay.yaml"));
  }

  /**
   * self-hosted.yaml, with {@code overlays} merged over it in order (none: as shipped), on these
   * loopback ports, appending to {@code events}.
   */
  static Collector selfHosted(String name, int port, int prometheusPort, Path events, Path... overlays)
      throws Exception {
    Path[] configs = new Path[overlays.length + 1];
    configs[0] = Collector.config("self-hosted.yaml");
    System.arraycopy(overlays, 0, configs, 1, overlays.length);
    return Collector.start(name,
        Map.of(
            "TBOT_OTEL_INGEST_ENDPOINT", "127.0.0.1:" + port,
            "TBOT_OTEL_PROMETHEUS_ENDPOINT", "127.0.0.1:" + prometheusPort,
            "TBOT_OTEL_EVENTS_FILE", events.toString()),
        configs);
  }

  /**
   * An events file in a directory that does not exist yet (the collector makes it), under a fresh
   * {@code target/dir}.
   */
  static Path eventsFile(String dir) throws Exception {
    Collector.deleteTree(Collector.BUILD_DIR.resolve(dir));
    return Collector.BUILD_DIR.resolve(dir).resolve("new").resolve("tbot-events.jsonl");
  }
}
