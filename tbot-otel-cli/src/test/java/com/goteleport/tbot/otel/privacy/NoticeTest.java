package com.goteleport.tbot.otel.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transparency of {@code start}: with consent, exactly one notice line on stderr saying that
 * anonymous usage data is sent, where to (scheme, host and port only) and how to turn it off; without
 * consent, nothing at all on either stream. {@link NoticeIT} checks the same in a child JVM.
 */
class NoticeTest {

  static final Pattern URL = Pattern.compile("([a-z]+)://([^\\s()'\"]+)");

  // What start's notice adds to the library's: how to see the event, as exec's says it (the CLI is
  // run as 'java -jar ...' or through a wrapper, and preview must read start's own flags).
  static final String START_SEE_IT = "see it by running this same line with 'preview' in place of 'start'";

  OtlpReceiver receiver;
  @TempDir Path dir;

  @BeforeEach
  void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  /** Asserts {@code stderr} is the one notice line naming {@code scheme://authority}; returns it. */
  static String assertOneNotice(String stderr, String scheme, String authority) {
    List<String> lines = stderr.lines().toList();
    assertEquals(1, lines.size(), "exactly one line: " + stderr);
    String line = lines.get(0);
    assertTrue(line.startsWith("tbot-otel: "), line);
    assertTrue(line.contains("nonymous usage"), "says what: " + line);
    assertTrue(line.contains(" sent "), "says it is sent: " + line);
    assertTrue(line.contains("--no-anonymous-analytics") && line.contains("DO_NOT_TRACK=1"),
        "says how to turn it off: " + line);
    assertTrue(line.contains("preview"), "says how to see it: " + line);
    Matcher m = URL.matcher(line);
    List<String> urls = new ArrayList<>();
    while (m.find()) {
      urls.add(m.group());
      assertEquals(scheme, m.group(1), line);
      assertEquals(authority, m.group(2), "where to, as scheme://host:port only: " + line);
    }
    assertEquals(1, urls.size(), "names one destination: " + line);
    return line;
  }

  static Stream<Arguments> consentSources() {
    return Stream.of(
        Arguments.of("flag", List.of("--anonymous-analytics"), "", Map.of()),
        Arguments.of("yaml", List.of(), "anonymous_analytics: true\n", Map.of()),
        Arguments.of("env 1", List.of(), "", Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1")),
        Arguments.of("env true", List.of(), "", Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "true")),
        Arguments.of("all three", List.of("--anonymous-analytics"), "anonymous_analytics: true\n",
            Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "DO_NOT_TRACK", "0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("consentSources")
  void withConsentStartPrintsExactlyOneNoticeLine(
      String name, List<String> flags, String yaml, Map<String, String> env) throws Exception {
    Cli.Result r = Cli.run(env, args(yaml, flags, "--anonymous-analytics-endpoint", receiver.url()));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("", r.stdout());
    assertOneNotice(r.stderr(), "http", "127.0.0.1:" + receiver.port());
    assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size());
  }

  @Test
  void theNoticeNamesTheEndpointFromTheEnvironment() throws Exception {
    Map<String, String> env =
        Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url());
    Cli.Result r = Cli.run(env, "start", "--anonymous-analytics-exit-timeout", "5s");
    assertOneNotice(r.stderr(), "http", "127.0.0.1:" + receiver.port());
    assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size());
  }

  @Test
  void aRefusingCollectorAddsNothingToTheNotice() throws Exception {
    receiver.respondWith(500);
    Cli.Result r = Cli.run(Map.of(),
        args("", List.of("--anonymous-analytics"), "--anonymous-analytics-endpoint", receiver.url()));
    assertEquals(0, r.exitCode());
    assertEquals("", r.stdout());
    assertOneNotice(r.stderr(), "http", "127.0.0.1:" + receiver.port());
    assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size());
  }

  @Test
  void anUnreachableCollectorAddsNothingToTheNotice() throws Exception {
    int port = com.goteleport.tbot.otel.export.Fault.closedPort(); // held: no one else listens there
    Cli.Result r = Cli.run(Map.of(), "start", "--anonymous-analytics", "--anonymous-analytics-endpoint",
        "http://127.0.0.1:" + port + "/v1/logs", "--anonymous-analytics-exit-timeout", "2s");
    assertEquals(0, r.exitCode());
    assertEquals("", r.stdout());
    assertOneNotice(r.stderr(), "http", "127.0.0.1:" + port);
  }

  /** The notice's way to see the event works as it says: start's own line, preview in place of start. */
  @Test
  void theNoticesWayToSeeTheEventWorks() throws Exception {
    List<String> line = new ArrayList<>(List.of(args("anonymous_analytics: true\n", List.of("--tbot-version", "18.1.0"),
        "--anonymous-analytics-endpoint", receiver.url())));
    Cli.Result start = Cli.run(Map.of(), line.toArray(String[]::new));
    String notice = assertOneNotice(start.stderr(), "http", "127.0.0.1:" + receiver.port());
    assertTrue(notice.contains(" (" + START_SEE_IT + "; "), notice);
    assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size());
    line.set(line.indexOf("start"), "preview");
    Cli.Result preview = Cli.run(Map.of(), line.toArray(String[]::new));
    assertEquals(0, preview.exitCode(), preview.stderr());
    assertTrue(preview.stdout().contains("\"eventName\":\"tbot.start\""), preview.stdout());
    assertEquals(1, receiver.requests().size(), "preview sends nothing");
  }

  static Stream<Arguments> noConsent() {
    return Stream.of(
        Arguments.of("no source", List.of(), "", Map.of()),
        Arguments.of("flag no", List.of("--no-anonymous-analytics"), "", Map.of()),
        Arguments.of("yaml false", List.of(), "anonymous_analytics: false\n", Map.of()),
        Arguments.of("env 0", List.of(), "", Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "0")),
        Arguments.of("env false", List.of(), "", Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "false")),
        Arguments.of("yes flag, DO_NOT_TRACK",
            List.of("--anonymous-analytics"), "", Map.of("DO_NOT_TRACK", "1")),
        Arguments.of("yes yaml, OTEL_SDK_DISABLED",
            List.of(), "anonymous_analytics: true\n", Map.of("OTEL_SDK_DISABLED", "true")),
        Arguments.of("yes yaml, flag no",
            List.of("--no-anonymous-analytics"), "anonymous_analytics: true\n", Map.of()),
        Arguments.of("yes env, yaml no",
            List.of(), "anonymous_analytics: false\n", Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1")),
        Arguments.of("unrelated variables", List.of(), "",
            Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "maybe", "OTEL_SDK_DISABLED", "false", "DO_NOT_TRACK", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("noConsent")
  void withoutConsentStartPrintsNothingAtAll(
      String name, List<String> flags, String yaml, Map<String, String> env) {
    Cli.Result r = Cli.run(env, args(yaml, flags, "--anonymous-analytics-endpoint", receiver.url()));
    assertEquals(0, r.exitCode());
    assertEquals("", r.stdout(), "stdout");
    assertEquals("", r.stderr(), "stderr");
    // Nothing was started, so nothing can arrive later.
    assertEquals(0, receiver.requests().size());
  }

  @Test
  void theDefaultEndpointIsNamedByHostOnly() {
    String notice =
        AnonymousAnalytics.builder().setConsent(Consent.resolve(true, null, Map.of())).build().notice(START_SEE_IT);
    assertOneNotice("tbot-otel: " + notice, "https", URI.create(AnonymousAnalytics.DEFAULT_ENDPOINT).getHost());
    assertFalse(notice.contains("/v1/logs"));
  }

  @Test
  void aCustomEndpointIsNamedBySchemeHostAndPortOnly() {
    String notice = AnonymousAnalytics.builder()
        .setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(URI.create("https://collector.example.com:4318/tenant-a/v1/logs"))
        .build()
        .notice(START_SEE_IT);
    assertOneNotice("tbot-otel: " + notice, "https", "collector.example.com:4318");
    assertFalse(notice.contains("tenant-a"), notice);
  }

  private String[] args(String yaml, List<String> flags, String... more) {
    List<String> all = new ArrayList<>(List.of("start"));
    if (!yaml.isEmpty()) {
      try {
        Path config = Files.createTempFile(dir, "tbot", ".yaml");
        String text = yaml + "onboarding:\n  join_method: github\n  token: mksecrettoken\n";
        Files.writeString(config, text, StandardCharsets.UTF_8);
        all.addAll(List.of("-c", config.toString()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    all.addAll(flags);
    all.addAll(List.of(more));
    all.addAll(List.of("--anonymous-analytics-exit-timeout", "5s"));
    return all.toArray(String[]::new);
  }
}
