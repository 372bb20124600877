package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/self-hosting.md's claims about what self-hosted.yaml keeps, checked against it: how long a
 * label set unseen is kept and how many are kept at most, and how large, how many and how old the
 * events file's rotated files get. All are bounds no end-to-end test can reach (a day, ten thousand
 * series, gigabytes, months), and without them in the config the collector's defaults (label sets
 * dropped after 5 minutes, no limit on their number, 100 rotated files of any age) would apply
 * while the page still promised these.
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
    // The exporter that serves the counter forgets a series on its own clock (its default: 5
    // minutes); the page's "unseen for 24 h" holds only if both say a day.
    assertEquals(maxStale, AllowlistDriftTest.at(cfg, "exporters", "prometheus/adoption", "metric_expiration"),
        "prometheus/adoption's metric_expiration, as deltatocumulative's max_stale");
  }

  @Test
  void theDocumentedRotationOfTheEventsFileIsTheConfigs() throws Exception {
    Map<String, Object> rotation =
        AllowlistDriftTest.at(AllowlistDriftTest.load("self-hosted.yaml"), "exporters", "file/events", "rotation");
    int megabytes = number(rotation, "max_megabytes");
    int backups = number(rotation, "max_backups");
    int days = number(rotation, "max_days");
    String page = EnvironmentDocsTest.read("docs/self-hosting.md").replaceAll("\\s+", " ");
    // The variables' table, then the limits: the file and its rotated ones (lumberjack's megabyte is a MiB).
    String table = "rotated at " + megabytes + " MiB; the " + backups + " newest rotated files, at most "
        + days + " days old, are kept";
    assertTrue(page.contains(table), "self-hosting.md says: " + table);
    String limits = String.format(Locale.ROOT, "~%.1f GiB (the file and %d rotated ones of %d MiB) or %d days",
        (backups + 1) * megabytes / 1024.0, backups, megabytes, days);
    assertTrue(page.contains(limits), "self-hosting.md says: " + limits);
  }

  private static int number(Map<String, Object> rotation, String key) {
    Object n = rotation.get(key);
    assertTrue(n instanceof Integer, "file/events rotation's " + key + " is a number: " + rotation);
    return (Integer) n;
  }
}
