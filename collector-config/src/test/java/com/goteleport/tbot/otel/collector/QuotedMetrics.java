package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.Nullable;

/**
 * The collector's own metrics ({@code otelcol_...}) that the docs and the configs' comments quote
 * for operators to alert or troubleshoot on, read from the text itself, so a name quoted later is
 * held too. The end-to-end tests that run a config with the traffic that makes its metrics appear
 * check them with {@link #assertServed}: a collector upgrade that renames a metric or a label then
 * fails a test instead of leaving the docs wrong.
 *
 * <p>A quote is {@code otelcol_NAME}, with the label pairs written right after it
 * ({@code otelcol_NAME{key="value"}}) if any; in Markdown, a code span holding only label pairs
 * ({@code `{key="value"}`}) is one more quote of the last name of its paragraph. A quote is about
 * the config named last before it in its paragraph (a list item or lines between blank ones), else
 * in its Markdown section's heading, else its file's: the config itself, or {@link #ABOUT}.
 */
final class QuotedMetrics {

  /** Where the docs and configs are, relative to the repository's root (examples/: its text). */
  static final List<String> SOURCES = List.of("README.md", "docs", "collector-config/README.md",
      "collector-config/self-hosted.yaml", "collector-config/teleport-ingest.yaml",
      "collector-config/warehouse.yaml", "collector-config/overlays", "examples");

  /** The configs an end-to-end test runs and checks with {@link #assertServed}, and which test. */
  static final Map<String, String> CHECKED = Map.of(
      "self-hosted.yaml", "SelfHostedEndToEndTest",
      "teleport-ingest.yaml", "KafkaEndToEndTest",
      "warehouse.yaml", "KafkaEndToEndTest");

  /**
   * Metrics a collector serves only once something failed: the exporter helper makes the series at
   * the first failed export. {@link #assertServed} leaves them to {@link #assertServedOnFailure}, on
   * a collector made to fail.
   */
  static final Set<String> ON_FAILURE = Set.of("otelcol_exporter_send_failed_log_records");

  /** A file's config when no paragraph or heading of it names one. */
  private static final Map<String, String> ABOUT = Map.of(
      "docs/self-hosting.md", "self-hosted.yaml",
      "collector-config/self-hosted.yaml", "self-hosted.yaml",
      "collector-config/teleport-ingest.yaml", "teleport-ingest.yaml",
      "collector-config/warehouse.yaml", "warehouse.yaml");

  private static final String LABELS = "\\{\\w+=\"[^\"]*\"(?:,\\s*\\w+=\"[^\"]*\")*\\}";
  private static final Pattern NAMED = Pattern.compile("\\b(otelcol_\\w*[A-Za-z0-9])(" + LABELS + ")?");
  private static final Pattern BARE = Pattern.compile("`(" + LABELS + ")`");
  private static final Pattern PAIR = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern CONFIG = Pattern.compile("\\b(self-hosted|teleport-ingest|warehouse)\\.yaml\\b");
  /** A paragraph's start: after a blank line (or an empty comment line), or at a list item. */
  private static final Pattern PARAGRAPH = Pattern.compile("\\n[ \\t#]*\\n|\\n(?=[ \\t#]*(?:[-*]|\\d+\\.) )");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} .*$");
  private static final Pattern SERIES = Pattern.compile("(?m)^([A-Za-z_:][A-Za-z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");

  private QuotedMetrics() {}

  /**
   * A quoted metric: where (file:line), its name, the label pairs written with it, and the config
   * the text is about (null when nothing says).
   */
  record Quote(String where, String name, Map<String, String> labels, @Nullable String config) {
    /** The line of {@link #where}. */
    int line() {
      return Integer.parseInt(where.substring(where.lastIndexOf(':') + 1));
    }

    @Override
    public String toString() {
      String pairs = labels.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
          .sorted().collect(Collectors.joining(",", "{", "}"));
      return name + (labels.isEmpty() ? "" : pairs) + " (" + where + ", about " + config + ")";
    }
  }

  /** Every quote of {@link #SOURCES}, in file and text order. */
  static List<Quote> quotes() throws IOException {
    Path root = EnvironmentDocsTest.root();
    List<Quote> all = new ArrayList<>();
    for (String source : SOURCES) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root.resolve(source))) {
        files = walk.filter(Files::isRegularFile)
            .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/test/"))
            .filter(p -> !source.equals("docs") || p.toString().endsWith(".md"))
            .sorted()
            .collect(Collectors.toList());
      }
      for (Path file : files) {
        String name = root.relativize(file).toString();
        all.addAll(quotes(name, Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    return all;
  }

  /** The quotes about {@code config}. */
  static List<Quote> about(String config) throws IOException {
    return quotes().stream().filter(q -> config.equals(q.config())).collect(Collectors.toList());
  }

  /** The quotes of one file's text. */
  static List<Quote> quotes(String file, String text) {
    List<Quote> out = new ArrayList<>();
    Matcher named = NAMED.matcher(text);
    while (named.find()) {
      out.add(quote(file, text, named.start(), named.group(1), named.group(2)));
    }
    if (file.endsWith(".md")) {
      Matcher bare = BARE.matcher(text);
      while (bare.find()) {
        int start = paragraphStart(text, bare.start());
        Matcher before = NAMED.matcher(text.substring(start, bare.start()));
        String last = null;
        while (before.find()) {
          last = before.group(1);
        }
        if (last != null) {
          out.add(quote(file, text, bare.start(), last, bare.group(1)));
        }
      }
    }
    out.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return out;
  }

  private static Quote quote(String file, String text, int at, String name, String labels) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (labels != null) {
      Matcher p = PAIR.matcher(labels);
      while (p.find()) {
        pairs.put(p.group(1), p.group(2));
      }
    }
    int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    return new Quote(file + ":" + line, name, Map.copyOf(pairs), configOf(file, text, at));
  }

  @Nullable
  private static String configOf(String file, String text, int at) {
    if (file.startsWith("collector-config/") && ABOUT.containsKey(file)) {
      return ABOUT.get(file);
    }
    String named = lastConfig(text.substring(paragraphStart(text, at), at));
    if (named == null && file.endsWith(".md")) {
      Matcher h = HEADING.matcher(text.substring(0, at));
      String heading = null;
      while (h.find()) {
        heading = h.group();
      }
      named = heading == null ? null : lastConfig(heading);
    }
    return named != null ? named : ABOUT.get(file);
  }

  @Nullable
  private static String lastConfig(String text) {
    Matcher m = CONFIG.matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group();
    }
    return last;
  }

  private static int paragraphStart(String text, int at) {
    Matcher m = PARAGRAPH.matcher(text.substring(0, at));
    int start = 0;
    while (m.find()) {
      start = m.end();
    }
    return start;
  }

  /**
   * Waits (up to 15 s) until {@code collector}'s own metrics serve every quote about
   * {@code config}: a series of that exact name (so no {@code _total} the text leaves out) with each
   * label pair the text writes beside it. Fails with what is missing and what is served instead.
   * The caller has already driven the traffic that makes them appear.
   */
  static void assertServed(Collector collector, String config) throws Exception {
    assertServed(collector, config, about(config).stream().filter(q -> !ON_FAILURE.contains(q.name())).toList());
  }

  /**
   * {@link #assertServed} for the quotes about {@code config} of {@link #ON_FAILURE}'s metrics, on a
   * collector whose exports fail.
   */
  static void assertServedOnFailure(Collector collector, String config) throws Exception {
    assertServed(collector, config, about(config).stream().filter(q -> ON_FAILURE.contains(q.name())).toList());
  }

  private static void assertServed(Collector collector, String config, List<Quote> quotes) throws Exception {
    if (quotes.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    List<String> missing;
    String page;
    do {
      page = collector.ownMetrics();
      missing = missing(quotes, page);
      if (missing.isEmpty()) {
        return;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    String served = SERIES.matcher(page).results()
        .filter(m -> m.group(1).startsWith("otelcol_"))
        .map(m -> m.group(1) + (m.group(2) == null ? "" : "{" + m.group(2) + "}"))
        .collect(Collectors.joining("\n  "));
    fail(config + " does not serve what the docs quote:\n  " + String.join("\n  ", missing)
        + "\nit serves:\n  " + served);
  }

  /** The quotes {@code page} (the Prometheus text format) does not serve, as failure lines. */
  static List<String> missing(List<Quote> quotes, String page) {
    List<Series> series = series(page);
    List<String> missing = new ArrayList<>();
    for (Quote q : quotes) {
      boolean named = series.stream().anyMatch(s -> s.name().equals(q.name()));
      boolean labelled = series.stream().anyMatch(s -> s.has(q.name(), q.labels()));
      if (!named) {
        missing.add(q + ": no such metric");
      } else if (!labelled) {
        missing.add(q + ": no series with these labels");
      }
    }
    return missing;
  }

  /**
   * The sum of the series of {@code page} named exactly {@code name} (no {@code _total} added)
   * that carry {@code labels}; 0 if none.
   */
  static double value(String page, String name, Map<String, String> labels) {
    return series(page).stream().filter(s -> s.has(name, labels)).mapToDouble(Series::value).sum();
  }

  /** One line of the Prometheus text format. */
  private record Series(String name, Map<String, String> labels, double value) {
    boolean has(String metric, Map<String, String> pairs) {
      return name.equals(metric) && labels.entrySet().containsAll(pairs.entrySet());
    }
  }

  private static List<Series> series(String page) {
    List<Series> series = new ArrayList<>();
    Matcher m = SERIES.matcher(page);
    while (m.find()) {
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher p = PAIR.matcher(m.group(2));
        while (p.find()) {
          labels.put(p.group(1), p.group(2));
        }
      }
      // The format writes infinities as +Inf and -Inf, which parseDouble does not take.
      String v = m.group(3);
      double value = v.endsWith("Inf") ? (v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
          : Double.parseDouble(v);
      series.add(new Series(m.group(1), labels, value));
    }
    return series;
  }
}
