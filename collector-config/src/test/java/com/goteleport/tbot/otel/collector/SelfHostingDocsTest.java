package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/self-hosting.md's claims about the counter's label sets, checked against self-hosted.yaml:
 * how long one unseen is kept, and how many are kept at most. Both are bounds no end-to-end test
 * can reach (a day, ten thousand series), and without them in the config the collector's defaults
 * (5 minutes, no limit) would apply while the page still promised these.
 */
class SelfHostingDocsTest {

  @Test
  void theDocumentedLifetimeAndNumberOfLabelSetsAreTheConfigs() throws Exception {
    Map<String, Object> cfg = AllowlistDriftTest.load("self-hosted.yaml");
    Object maxStale = AllowlistDriftTest.at(cfg, "processors", "deltatocumulative", "max_stale");
    Object maxStreams = AllowlistDriftTest.at(cfg, "processors", "deltatocumulative", "max_streams");
    assertEquals("24h", maxStale, "deltatocumulative's max_stale");
    assertEquals(10_000, maxStreams, "deltatocumulative's max_streams");

    String page = EnvironmentDocsTest.read("docs/self-hosting.md").replaceAll("\\s+", " ");
    assertTrue(page.contains("A label set unseen for 24 h is dropped"), "the lifetime in self-hosting.md");
    assertTrue(page.contains("at most 10,000 label sets are kept"), "the number in self-hosting.md");
  }
}
