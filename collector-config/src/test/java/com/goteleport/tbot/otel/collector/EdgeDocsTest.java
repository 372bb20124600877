package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What this module's README says the receiver and {@code memory_limiter} do ("What the edge does
 * to a request"), checked against the configs: the receiver's timeouts and the memory share past
 * which data is refused. No bounded test tells 5 s from 6 s, or 55 % from 60 % of the memory, and
 * each value here differs from the collector's default (no header timeout; a soft limit of 80 % of
 * the hard one).
 */
class EdgeDocsTest {

  @Test
  void theReceiversTimeoutsAreTheReadmes() throws Exception {
    Map<String, Object> http = AllowlistDriftTest.at(AllowlistDriftTest.load("teleport-ingest.yaml"),
        "receivers", "otlp", "protocols", "http");
    String timeouts = String.format(Locale.ROOT,
        "`read_header_timeout` %s (slowloris), `read_timeout` %s, `write_timeout` %s, `idle_timeout` %s;",
        ScalingDocsTest.spaced(AllowlistDriftTest.at(http, "read_header_timeout")),
        ScalingDocsTest.spaced(AllowlistDriftTest.at(http, "read_timeout")),
        ScalingDocsTest.spaced(AllowlistDriftTest.at(http, "write_timeout")),
        ScalingDocsTest.spaced(AllowlistDriftTest.at(http, "idle_timeout")));
    String readme = ScalingDocsTest.page("collector-config/README.md");
    assertTrue(readme.contains(timeouts), "the README says: " + timeouts);
  }

  /**
   * The limiter refuses data while the heap is over the soft limit, the hard limit less the
   * spike's share: both are shares of the whole memory (without a spike, 20 % of the hard limit).
   */
  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void memoryLimiterRefusesDataWhereTheReadmeSays(String file) throws Exception {
    Map<String, Object> limiter = AllowlistDriftTest.at(AllowlistDriftTest.load(file), "processors", "memory_limiter");
    int hard = AllowlistDriftTest.at(limiter, "limit_percentage");
    int spike = AllowlistDriftTest.at(limiter, "spike_limit_percentage");
    String refuses = String.format(Locale.ROOT,
        "refuses data (retryable) while the collector's heap is over %d %% of the memory it may use "
            + "(`limit_percentage` %d %% less `spike_limit_percentage` %d %%, of the container's memory limit or "
            + "else the machine's; measured every %s)",
        hard - spike, hard, spike, ScalingDocsTest.spaced(AllowlistDriftTest.at(limiter, "check_interval")));
    String readme = ScalingDocsTest.page("collector-config/README.md");
    assertTrue(readme.contains(refuses), file + ": the README says: " + refuses);
  }
}
