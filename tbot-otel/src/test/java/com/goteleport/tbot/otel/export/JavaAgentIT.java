package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.privacy.Wire;
import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.Events;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A library host run under the real OpenTelemetry Java agent, the most common way Java services do
 * telemetry. The agent's {@code java.util.logging} instrumentation takes a record at {@code
 * Logger.log(LogRecord)}, checking only the logger's level, before any JUL filter runs: so what
 * tbot-otel keeps from the host's handlers (the SDK's export failures, see {@code
 * internal.export.Diagnostics}) must not reach the agent's log pipeline either. The agent's own
 * exporters send over OTLP/HTTP to a second receiver on loopback, so that what the agent captured
 * is read back, decoded: its logs and its spans. Positive control in every run: the host's own
 * SEVERE record on its own logger must be captured, so each run proves the capture works.
 * Traces are exported too (not {@code none}): the agent's spans show that the host's span was real
 * (so an event without trace id is no accident of a no-op tracer) and that the send made none.
 * The host is a library host ({@link AgentHost}, through {@code AnonymousAnalytics}), since only
 * host code can hold a span of its own around the start and log a record of its own.
 *
 * <p>The agent jar is never on the test class path: Maven copies it to {@code target/test-agents}
 * and hands its path over in {@value #AGENT_PROPERTY} (tbot-otel/pom.xml).
 */
class JavaAgentIT {

  static final String AGENT_PROPERTY = "tbot.otel.javaagent.jar";
  // The version the pom pins (opentelemetry-javaagent.version): the jar's must be that one.
  static final String AGENT_VERSION_PROPERTY = "tbot.otel.javaagent.version";
  // The agent instruments every class as it loads: a few seconds per JVM on a quiet machine, tens
  // of seconds on a loaded 2-core one. Only a hang should reach this.
  static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);
  // See host(): the agent's export has normally arrived when the child has exited.
  static final Duration AGENT_EXPORT_WAIT = Duration.ofSeconds(10);

  // Printed by HotSpot (not the host, not tbot-otel) when an agent appends to the boot class path
  // while class data sharing is on.
  static final Pattern JVM_CDS_WARNING = Pattern.compile(
      ".* VM warning: Sharing is only supported for boot loader classes because bootstrap classpath has been appended");
  // The agent's one line at start-up (its own logging, left at its default): any other agent line,
  // such as a warning about an instrumentation of tbot-otel's classes, fails the test.
  static final Pattern AGENT_VERSION_LINE = Pattern.compile(
      "\\[otel\\.javaagent [^]]+\\] \\[main\\] INFO io\\.opentelemetry\\.javaagent\\.tooling\\.VersionLogger - .*");
  static final Pattern SPAN_LINE = Pattern.compile("span ([0-9a-f]{32}) ([0-9a-f]{16}) valid true");

  /**
   * One log record the agent captured, as its scope (the JUL logger's name), level, message, and
   * the type of the exception it carries (with its stack trace), or "".
   */
  record Captured(String scope, String severity, String body, String exception) {
    @Override
    public String toString() {
      return scope + " " + severity + " '" + body + "'" + (exception.isEmpty() ? "" : " with " + exception
          + " and its stack trace");
    }
  }

  /** What one host run gave: its streams, its span's ids, and what the agent exported. */
  record Run(ChildJvm.Result result, String traceId, String spanId, List<Captured> logs, List<Span> spans) {}

  static final Captured HOST_RECORD = new Captured(AgentHost.HOST_LOGGER, "SEVERE", AgentHost.HOST_RECORD, "");

  static Path agentJar() {
    String prop = System.getProperty(AGENT_PROPERTY);
    assertTrue(prop != null, "no -D" + AGENT_PROPERTY + ": run through Maven's failsafe (mvn verify), which copies the"
        + " agent to target/test-agents");
    Path jar = Paths.get(prop);
    assertTrue(Files.isRegularFile(jar), "no " + jar + ": run through mvn verify");
    // The agent this class claims to run under: a jar left over from another version must not do.
    String pinned = System.getProperty(AGENT_VERSION_PROPERTY);
    assertTrue(pinned != null, "no -D" + AGENT_VERSION_PROPERTY + ": run through mvn verify");
    try (JarFile agent = new JarFile(jar.toFile())) {
      assertEquals(pinned, agent.getManifest().getMainAttributes().getValue("Implementation-Version"),
          jar + " is not the agent the pom pins (opentelemetry-javaagent.version)");
    } catch (IOException e) {
      throw new AssertionError("cannot read " + jar, e);
    }
    return jar;
  }

  /** Runs {@link AgentHost} under the agent, sending tbot-otel's event to {@code endpoint}. */
  static Run host(String endpoint, String... hostArgs) throws InterruptedException {
    try (OtlpReceiver agentCollector = OtlpReceiver.start()) {
      String base = "http://127.0.0.1:" + agentCollector.port();
      List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaBinary(),
          "-javaagent:" + agentJar(),
          "-Dotel.exporter.otlp.protocol=http/protobuf",
          "-Dotel.logs.exporter=otlp",
          "-Dotel.exporter.otlp.logs.endpoint=" + base + "/v1/logs",
          "-Dotel.traces.exporter=otlp",
          "-Dotel.exporter.otlp.traces.endpoint=" + base + "/v1/traces",
          "-Dotel.metrics.exporter=none",
          "-Dotel.blrp.schedule.delay=100",
          "-Dotel.bsp.schedule.delay=100",
          "-cp", System.getProperty("java.class.path"),
          AgentHost.class.getName(), endpoint));
      cmd.addAll(List.of(hostArgs));
      ChildJvm.Result r = ChildJvm.run(cmd, ChildJvm.baseEnv(), CHILD_TIMEOUT);
      assertEquals(0, r.exitCode(), "the host exits 0: " + r.stderr());

      List<String> out = r.stdout().lines().toList();
      assertTrue(!out.isEmpty(), "the host's span line: " + r.stdout() + r.stderr());
      Matcher span = SPAN_LINE.matcher(out.get(0));
      assertTrue(span.matches(), "the agent made the host a real span: " + r.stdout());

      // The agent flushes its batch at its shutdown hook, before the child exits, so this is only
      // for a slow receiver thread. The host's record is logged last, after close: once it is in,
      // everything logged before it on any thread (tbot-otel's send included) is in too, in the
      // same request or an earlier one (within a request, records are grouped by scope, in no set
      // order).
      long deadline = System.nanoTime() + AGENT_EXPORT_WAIT.toNanos();
      List<Captured> logs = logs(agentCollector);
      while (!logs.contains(HOST_RECORD) && System.nanoTime() < deadline) {
        Thread.sleep(50);
        logs = logs(agentCollector);
      }
      return new Run(r, span.group(1), span.group(2), logs, spans(agentCollector));
    }
  }

  /** stderr without the JVM's and the agent's own start-up lines. */
  static List<String> hostStderr(ChildJvm.Result r) {
    return r.stderr().lines()
        .filter(l -> !JVM_CDS_WARNING.matcher(l).matches() && !AGENT_VERSION_LINE.matcher(l).matches())
        .toList();
  }

  static List<Captured> logs(OtlpReceiver agentCollector) {
    List<Captured> logs = new ArrayList<>();
    for (OtlpReceiver.Received req : agentCollector.requests()) {
      if (req.requestLine().startsWith("POST /v1/logs ")) {
        for (ResourceLogs rl : req.decode().getResourceLogsList()) {
          for (ScopeLogs sl : rl.getScopeLogsList()) {
            for (LogRecord lr : sl.getLogRecordsList()) {
              String exception = lr.getAttributesList().stream().filter(kv -> kv.getKey().equals("exception.type"))
                  .map(kv -> kv.getValue().getStringValue()).findFirst().orElse("");
              logs.add(new Captured(sl.getScope().getName(), lr.getSeverityText(), lr.getBody().getStringValue(),
                  exception));
            }
          }
        }
      }
    }
    return logs;
  }

  static List<Span> spans(OtlpReceiver agentCollector) {
    List<Span> spans = new ArrayList<>();
    for (OtlpReceiver.Received req : agentCollector.requests()) {
      if (req.requestLine().startsWith("POST /v1/traces ")) {
        try {
          for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(req.body()).getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
              spans.addAll(ss.getSpansList());
            }
          }
        } catch (InvalidProtocolBufferException e) {
          throw new AssertionError("the agent's traces request is not an ExportTraceServiceRequest", e);
        }
      }
    }
    return spans;
  }

  /**
   * The host's own output and nothing else: on stdout its two lines, on stderr its one record as
   * JUL's console handler prints it (source line, then level and message), beside the JVM's and
   * the agent's own start-up lines.
   */
  static void assertOnlyTheHostsOutput(Run run, String delivery) {
    ChildJvm.Result r = run.result();
    assertEquals(List.of("span " + run.traceId() + " " + run.spanId() + " valid true", "delivery " + delivery),
        r.stdout().lines().toList(), "stdout: the host's lines only");
    List<String> err = hostStderr(r);
    assertEquals(2, err.size(), "stderr: the host's record only:\n" + r.stderr());
    assertTrue(err.get(0).endsWith(" " + AgentHost.class.getName() + " main"), r.stderr());
    assertEquals("SEVERE: " + AgentHost.HOST_RECORD, err.get(1), r.stderr());
  }

  /**
   * The agent captured the host's record (the control: capture works in this very run) and nothing
   * else: no record of tbot-otel's, of the OpenTelemetry SDK's ({@code io.opentelemetry.*}), or
   * of anyone's about the send. Its only span is the host's.
   */
  static void assertTheAgentCapturedOnlyTheHost(Run run) {
    assertTrue(run.logs().contains(HOST_RECORD),
        "positive control: the agent captures the host's own SEVERE record; captured: " + run.logs());
    assertEquals(List.of(HOST_RECORD), run.logs(),
        "the agent's log pipeline got records besides the host's (tbot-otel's telemetry faults leak into the"
            + " host's logs)");
    assertEquals(1, run.spans().size(), "the host's span only: " + run.spans());
    Span s = run.spans().get(0);
    assertEquals("s", s.getName());
    assertEquals(run.traceId(), hex(s.getTraceId()));
    assertEquals(run.spanId(), hex(s.getSpanId()));
  }

  static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  static int closedLoopbackPort() throws IOException {
    return Fault.closedPort(); // connections are refused; held, so no one else listens there
  }

  @Test
  void aRefusedSendReachesNeitherTheHostsStreamsNorTheAgentsLogs() throws Exception {
    Run run = host("http://127.0.0.1:" + closedLoopbackPort() + "/v1/logs", "yes");
    assertOnlyTheHostsOutput(run, "FAILED");
    assertTheAgentCapturedOnlyTheHost(run);
  }

  @Test
  void aCollectorAnswering500ReachesNeitherTheHostsStreamsNorTheAgentsLogs() throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.start().respondWith(500)) {
      Run run = host(collector.url(), "yes");
      assertEquals(1, collector.requests().size(), "the fault was met: one request, answered 500, no retry");
      assertOnlyTheHostsOutput(run, "FAILED");
      assertTheAgentCapturedOnlyTheHost(run);
    }
  }

  @Test
  void aHealthySendInsideTheHostsSpanIsTheAnonymousEventAlone() throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      Run run = host(collector.url(), "yes");
      assertOnlyTheHostsOutput(run, "DELIVERED");
      List<OtlpReceiver.Received> got = collector.requests();
      assertEquals(1, got.size(), "exactly one request");
      // Exactly the socket sender's headers (no traceparent, tracestate or baggage), neither of the
      // host span's ids anywhere in the request, an empty resource, the schema's event with no
      // trace or span id, and the schema's attributes alone.
      ExportLogsServiceRequest request = got.get(0).decode();
      Map<String, Object> attributes = Wire.assertAnonymous(got.get(0), List.of(run.traceId(), run.spanId()),
          "under the agent, inside the host's span");
      assertEquals(Events.expected("one-shot", "18.1.0", "github", 0, 0, 0, 0), attributes);
      LogRecord record = request.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
      assertEquals(ByteString.EMPTY, record.getTraceId());
      assertEquals(ByteString.EMPTY, record.getSpanId());
      assertEquals(0, record.getFlags());
      assertTheAgentCapturedOnlyTheHost(run);
    }
  }

  @Test
  void withoutConsentNothingConnectsAndTheAgentCapturesOnlyTheHost() throws Exception {
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok())) {
      Run run = host(collector.url(), "no");
      assertEquals(0, collector.connections(), "not even a connection");
      assertOnlyTheHostsOutput(run, "NOT_ATTEMPTED");
      assertTheAgentCapturedOnlyTheHost(run);
    }
  }

  /**
   * A host debugging its own logging at FINE, and a send its collector answers 500 (a refused one
   * may now end before the SDK is built, or before it logs the failure). Its console handler prints
   * tbot-otel's own FINE diagnostics (logger {@code com.goteleport.tbot.otel}, which a host may
   * route like any other) and none of the SDK's records from the send, which tbot-otel keeps from
   * every handler at every level. The agent takes records before any filter, so it also gets the
   * SDK's FINE ones (the exporter builder's "Using HttpSender", the failure the send reports after
   * the exporter's shutdown): the host asked for FINE, and a failure is what tbot-otel's own FINE
   * lines say too. Nothing of the SDK's at INFO or above, as at the default level.
   */
  @Test
  void aHostLoggingAtFineGetsTbotOtelsOwnDiagnosticsAndNothingOfTheSdksAboveFine() throws Exception {
    Run run;
    try (OtlpReceiver collector = OtlpReceiver.start().respondWith(500)) {
      run = host(collector.url(), "yes", "fine");
      assertEquals(1, collector.requests().size(), "the fault was met: one request, answered 500");
    }
    List<String> out = run.result().stdout().lines().toList();
    assertEquals("delivery FAILED", out.get(out.size() - 1), run.result().stdout());

    List<String> err = hostStderr(run.result());
    List<String> printedFine = err.stream().filter(l -> l.startsWith("FINE: ")).map(l -> l.substring(6)).sorted()
        .toList();
    assertTrue(printedFine.stream().anyMatch(l -> l.contains(": FAILED after ")),
        "the host's handler printed tbot-otel's diagnostics: " + run.result().stderr());
    assertTrue(err.contains("SEVERE: " + AgentHost.HOST_RECORD), run.result().stderr());
    assertEquals(2 * (printedFine.size() + 1), err.size(),
        "stderr: a source line and a message for each of those records, nothing else:\n" + run.result().stderr());

    assertTrue(run.logs().contains(HOST_RECORD), "positive control; captured: " + run.logs());
    List<Captured> sdk = run.logs().stream().filter(c -> c.scope().startsWith("io.opentelemetry.")).toList();
    assertTrue(sdk.stream().anyMatch(c -> c.body().startsWith("Failed to export")),
        "the failure, at FINE (the capture works at that level): " + run.logs());
    assertEquals(List.of(), sdk.stream().filter(c -> !c.severity().equals("FINE")).toList(),
        "the SDK's records from the send above FINE reached the agent's log pipeline");
    List<String> capturedFine = run.logs().stream()
        .filter(c -> !c.equals(HOST_RECORD) && !c.scope().startsWith("io.opentelemetry.")).map(c -> {
          assertEquals("com.goteleport.tbot.otel FINE", c.scope() + " " + c.severity(), c.toString());
          return c.body();
        }).sorted().toList();
    assertEquals(printedFine, capturedFine, "the agent captured tbot-otel's own lines as the host's handler printed them");
  }
}
