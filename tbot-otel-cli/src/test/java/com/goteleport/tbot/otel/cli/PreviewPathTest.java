package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * preview warns about an endpoint a collector answers 404 at: the commonest self-hosting mistake
 * is the collector's address without {@code /v1/logs}, which is used as given (as
 * OTEL_EXPORTER_OTLP_LOGS_ENDPOINT is) and posted to {@code /}. Without the warning the line said
 * "would send it to http://collector:4318" and only a {@code --debug} send told otherwise.
 */
class PreviewPathTest {

  private static String line(String endpoint, String... more) {
    List<String> args = new ArrayList<>(List.of("preview", "--anonymous-analytics-endpoint", endpoint));
    args.addAll(List.of(more));
    Cli.Result r = Cli.run(Map.of(), args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stderr().strip();
  }

  private static String sent(String shown) {
    return "tbot-otel: preview only, nothing was sent. With these settings start would send it to " + shown
        + " (--anonymous-analytics says yes; endpoint from --anonymous-analytics-endpoint).";
  }

  @Test
  void anEndpointWithoutAPathIsToldWhereCollectorsTakeLogs() {
    for (String endpoint : List.of("http://collector.internal:4318", "http://collector.internal:4318/")) {
      assertEquals(sent(endpoint) + " Its URL names no path, so it would post to /: a collector takes OTLP logs at"
          + " /v1/logs and answers 404 elsewhere; give http://collector.internal:4318/v1/logs.",
          line(endpoint, "--anonymous-analytics"));
    }
    // An IPv6 address keeps its brackets in the URL to give.
    assertEquals(sent("http://[::1]:4318") + " Its URL names no path, so it would post to /: a collector takes OTLP"
        + " logs at /v1/logs and answers 404 elsewhere; give http://[::1]:4318/v1/logs.",
        line("http://[::1]:4318", "--anonymous-analytics"));
  }

  @Test
  void anotherPathIsFlaggedWithoutQuotingIt() {
    // The path is not repeated (it may hold a proxy's token, which the line already hides).
    String line = line("https://collector.internal/ingest/sEcReTtOkEnWiThOuTdIgItS", "--anonymous-analytics");
    String other = " Its path does not end in /v1/logs, where a collector takes OTLP logs: unless a reverse proxy in"
        + " front of the collector routes it there, the send is answered 404.";
    assertEquals(sent("https://collector.internal/... (path not shown: it may hold a secret)") + other, line);
    assertFalse(line.contains("sEcReT"), line);
    for (String path : List.of("/v1/log", "/v1/logs/")) {
      String endpoint = "http://collector.internal:4318" + path;
      assertEquals(sent(endpoint) + other, line(endpoint, "--anonymous-analytics"), path);
    }
    // Go's server matches paths in their case, and an escaped '/' within its segment: both 404.
    for (String path : List.of("/V1/LOGS", "/v1%2Flogs", "/v1%2flogs")) {
      assertEquals(sent("http://collector.internal:4318/... (path not shown: it may hold a secret)") + other,
          line("http://collector.internal:4318" + path, "--anonymous-analytics"), path);
    }
  }

  @Test
  void otlpGrpcsPortIsToldWhereOtlpHttpIs() {
    String grpc = " Port 4317 is OTLP/gRPC's: a collector takes OTLP/HTTP, which start sends, on 4318 by default.";
    assertEquals(sent("http://collector.internal:4317/v1/logs") + grpc,
        line("http://collector.internal:4317/v1/logs", "--anonymous-analytics"));
    assertEquals(sent("https://collector.internal:4318/v1/logs"),
        line("https://collector.internal:4318/v1/logs", "--anonymous-analytics"));
  }

  @Test
  void anUncleanPathIsToldItIsRedirected() {
    // Go's server answers a path with an empty, '.' or '..' segment with a redirect (307) to the
    // cleaned one, which the send does not follow: it ends in /v1/logs and fails all the same.
    String redirected = " Its path has an empty, . or .. segment: a collector answers it with a redirect to the"
        + " cleaned path, which the send does not follow; give the path without them.";
    for (String path : List.of("//v1/logs", "/a/../v1/logs", "/v1/./logs", "/otlp//v1/logs")) {
      String line = line("http://collector.internal:4318" + path, "--anonymous-analytics");
      assertTrue(line.endsWith("(--anonymous-analytics says yes; endpoint from --anonymous-analytics-endpoint)." + redirected), path + ": " + line);
    }
  }

  @Test
  void aPathEndingInV1LogsOrNoSendGetsNoWarning() {
    for (String endpoint : List.of("http://collector.internal:4318/v1/logs", "https://proxy.internal/otlp/v1/logs")) {
      assertEquals(sent(endpoint), line(endpoint, "--anonymous-analytics"));
    }
    // Go's server matches the decoded path: /v1/%6Cogs is /v1/logs, answered 200 (red before: warned).
    assertEquals(sent("http://collector.internal:4318/... (path not shown: it may hold a secret)"),
        line("http://collector.internal:4318/v1/%6Cogs", "--anonymous-analytics"));
    // Nothing would be sent: where it would go is no matter.
    assertEquals("tbot-otel: preview only, nothing was sent. With these settings start would send nothing (no"
        + " source opted in).", line("http://collector.internal:4318"));
  }
}
