package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.collector.QuotedMetrics.Quote;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * How {@link QuotedMetrics} reads the collector's own metric names out of the docs, and that every
 * name quoted today is about a config an end-to-end test runs and checks: a name quoted where no
 * config is named, or about a config no test checks, fails here rather than going unchecked.
 */
class QuotedMetricsTest {

  @Test
  void everyQuotedMetricIsAboutAConfigAnEndToEndTestChecks() throws Exception {
    List<Quote> quotes = QuotedMetrics.quotes();
    assertFalse(quotes.isEmpty(), "the docs quote the collector's own metrics");
    List<Quote> unchecked = quotes.stream()
        .filter(q -> q.config() == null || !QuotedMetrics.CHECKED.containsKey(q.config()))
        .collect(Collectors.toList());
    assertEquals(List.of(), unchecked, "quotes about no config that " + QuotedMetrics.CHECKED
        + " check: name the config in the quote's paragraph, or check the config's metrics in its end-to-end test");
  }

  @Test
  void eachCheckedConfigsTestAssertsItServesItsQuotes() throws Exception {
    // CHECKED is what the test above trusts: each named test must make the call, or a config's
    // quotes pass here and are checked nowhere.
    for (Map.Entry<String, String> e : QuotedMetrics.CHECKED.entrySet()) {
      String source = EnvironmentDocsTest.read("collector-config/src/test/java/com/goteleport/tbot/otel/collector/"
          + e.getValue() + ".java");
      Pattern call = Pattern.compile("QuotedMetrics\\.assertServed\\(\\w+, \"" + Pattern.quote(e.getKey()) + "\"\\)");
      assertTrue(call.matcher(source).find(), e.getValue() + " does not call QuotedMetrics.assertServed(collector, \""
          + e.getKey() + "\"), as QuotedMetrics.CHECKED says");
      boolean onFailure = QuotedMetrics.about(e.getKey()).stream().anyMatch(q -> QuotedMetrics.ON_FAILURE.contains(q.name()));
      Pattern failing = Pattern.compile("QuotedMetrics\\.assertServedOnFailure\\(\\w+, \"" + Pattern.quote(e.getKey()) + "\"\\)");
      assertTrue(!onFailure || failing.matcher(source).find(), e.getValue() + " does not call"
          + " QuotedMetrics.assertServedOnFailure(collector, \"" + e.getKey() + "\"), which the docs' quotes of "
          + QuotedMetrics.ON_FAILURE + " need");
    }
  }

  @Test
  void aQuoteTakesItsLabelsItsParagraphsConfigAndABareLabelSetTakesTheNameBeforeIt() {
    String text = "# Title with warehouse.yaml\n\n"
        + "Alert on `otelcol_a_b{x=\"1\"}` in the\nsame paragraph, or `{x=\"2\"}`.\n\n"
        + "- teleport-ingest.yaml: `otelcol_c` and `otelcol_d{y=\"p/q\", z=\"\"}`\n"
        + "- `otelcol_e` (grep '^otelcol_(f|g)')\n";
    assertEquals(List.of(
            new Quote("doc.md:3", "otelcol_a_b", Map.of("x", "1"), "warehouse.yaml"),
            new Quote("doc.md:4", "otelcol_a_b", Map.of("x", "2"), "warehouse.yaml"),
            new Quote("doc.md:6", "otelcol_c", Map.of(), "teleport-ingest.yaml"),
            new Quote("doc.md:6", "otelcol_d", Map.of("y", "p/q", "z", ""), "teleport-ingest.yaml"),
            new Quote("doc.md:7", "otelcol_e", Map.of(), "warehouse.yaml")),
        QuotedMetrics.quotes("doc.md", text));
    assertEquals(List.of(new Quote("docs/self-hosting.md:1", "otelcol_h", Map.of(), "self-hosted.yaml")),
        QuotedMetrics.quotes("docs/self-hosting.md", "`otelcol_h`"), "the page's own config");
  }

  @Test
  void aMetricIsServedUnderItsExactNameWithTheQuotedLabels() {
    List<Quote> quotes = List.of(
        new Quote("a", "otelcol_sent", Map.of("exporter", "file/events"), "self-hosted.yaml"),
        new Quote("b", "otelcol_refused", Map.of(), "self-hosted.yaml"),
        new Quote("c", "otelcol_points", Map.of("error", "limit"), "self-hosted.yaml"));
    String page = "# HELP otelcol_sent x\n"
        + "otelcol_sent{exporter=\"count\",otel_signal=\"logs\"} 1\n"
        + "otelcol_sent{exporter=\"file/events\",otel_signal=\"logs\"} 2\n"
        + "otelcol_refused_total{receiver=\"otlp\"} 0\n"
        + "otelcol_points{error=\"none\"} 3\n";
    assertEquals(List.of(
            "otelcol_refused (b, about self-hosted.yaml): no such metric",
            "otelcol_points{error=\"limit\"} (c, about self-hosted.yaml): no series with these labels"),
        QuotedMetrics.missing(quotes, page), "a _total the text leaves out, or another label value, is not it");
    assertEquals(2.0, QuotedMetrics.value(page, "otelcol_sent", Map.of("exporter", "file/events")));
  }
}
