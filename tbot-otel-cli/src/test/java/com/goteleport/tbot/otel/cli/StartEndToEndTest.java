package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.Events;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code tbot-otel start} against a real OTLP/HTTP receiver on loopback. */
class StartEndToEndTest {

  static final String CONFIGS = "../tbot-otel/src/test/resources/configs/";
  // The longest: a loaded CI machine must not turn a delivery into a flake, and every run here either
  // delivers (the wait ends then) or has no consent (nothing to wait for). Boundedness is issue 4's tests.
  static final String BUDGET = "10s";

  OtlpReceiver receiver;

  @BeforeEach
  void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  /** Runs start with consent by flag against the receiver and returns the one log record sent. */
  LogRecord sendOne(Map<String, String> env, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("start", "--anonymous-analytics",
        "--anonymous-analytics-endpoint", receiver.url(), "--anonymous-analytics-exit-timeout", BUDGET));
    all.addAll(List.of(args));
    Cli.Result r = Cli.run(env, all.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.stderr());
    List<OtlpReceiver.Received> got = receiver.await(1, Duration.ofSeconds(5));
    assertEquals(1, got.size(), "exactly one request per start");
    OtlpReceiver.Received req = got.get(0);
    assertEquals("POST /v1/logs HTTP/1.1", req.requestLine());
    assertEquals(List.of("application/x-protobuf"), req.headers().get("Content-type"));
    ExportLogsServiceRequest decoded = req.decode();
    assertEquals(1, decoded.getResourceLogsCount());
    assertEquals(0, decoded.getResourceLogs(0).getResource().getAttributesCount(), "empty resource");
    assertEquals("", decoded.getResourceLogs(0).getSchemaUrl());
    assertEquals(1, decoded.getResourceLogs(0).getScopeLogsCount());
    ScopeLogs scope = decoded.getResourceLogs(0).getScopeLogs(0);
    assertEquals(EventSchema.SCOPE_NAME, scope.getScope().getName());
    assertEquals(EventSchema.VERSION, scope.getScope().getVersion());
    assertEquals(0, scope.getScope().getAttributesCount());
    assertEquals(1, scope.getLogRecordsCount());
    LogRecord record = scope.getLogRecords(0);
    assertEquals(EventSchema.EVENT_NAME, record.getEventName());
    assertEquals(SeverityNumber.SEVERITY_NUMBER_INFO, record.getSeverityNumber());
    assertFalse(record.hasBody(), "no body");
    assertTrue(record.getTraceId().isEmpty() && record.getSpanId().isEmpty());
    assertEquals(0, record.getObservedTimeUnixNano(), "no timestamp: the host's clock is not sent");
    assertEquals(0, record.getTimeUnixNano());
    return record;
  }

  static Map<String, Object> attributes(LogRecord record) {
    return Events.attributes(record);
  }

  static Map<String, Object> expected(String runMode, String version, String join, long total, long db, long kube, long app) {
    return Events.expected(runMode, version, join, total, db, kube, app);
  }

  @Test
  void v2OneShotWithHelper() throws Exception {
    LogRecord r = sendOne(
        Map.of("_TBOT_TELEMETRY_HELPER", "gha:teleport-actions/auth", "_TBOT_TELEMETRY_HELPER_VERSION", "v2.0.1"),
        "-c", CONFIGS + "v2-all-kinds.yaml", "--tbot-version", "18.1.0");
    Map<String, Object> want = expected("one-shot", "18.1.0", "github", 7, 1, 2, 1);
    want.put("helper", "gha:teleport-actions/auth");
    want.put("helper_version", "v2.0.1");
    assertEquals(want, attributes(r));
  }

  @Test
  void v1ContinuousWithoutHelperOmitsOptionalAttributes() throws Exception {
    LogRecord r = sendOne(Map.of(), "-c", CONFIGS + "v1-mixed.yaml", "--tbot-version", "17.4.2");
    assertEquals(expected("continuous", "17.4.2", "iam", 5, 1, 1, 2), attributes(r));
  }

  @Test
  void emptyHelperIsOmitted() throws Exception {
    LogRecord r = sendOne(Map.of("_TBOT_TELEMETRY_HELPER", "", "_TBOT_TELEMETRY_HELPER_VERSION", ""),
        "-c", CONFIGS + "v1-mixed.yaml", "--tbot-version", "17.4.2");
    assertFalse(attributes(r).containsKey("helper"));
    assertFalse(attributes(r).containsKey("helper_version"));
  }

  @Test
  void flagsOverrideTheConfig() throws Exception {
    LogRecord r = sendOne(Map.of(), "-c", CONFIGS + "v2-continuous-default-join.yaml", "--oneshot",
        "--join-method", "kubernetes", "--tbot-version", "18.0.0");
    assertEquals(expected("one-shot", "18.0.0", "kubernetes", 1, 0, 0, 0), attributes(r));
  }

  @Test
  void destinationDirReplacesTheServicesAndKeepsTheOutputsListAsTbotDoes() throws Exception {
    // One identity output for the directory, plus the 7 of outputs: (its services: write nothing).
    LogRecord r = sendOne(Map.of(), "-c", CONFIGS + "v2-all-kinds.yaml", "--destination-dir", "/opt/out",
        "--tbot-version", "18.0.0");
    assertEquals(expected("one-shot", "18.0.0", "github", 8, 1, 2, 1), attributes(r));
  }

  @Test
  void destinationDirReplacesAV1ConfigsDestinationsAsTbotDoes() throws Exception {
    // v1's destinations migrate into services:, which the flag replaces.
    LogRecord v1 = sendOne(Map.of(), "-c", CONFIGS + "v1-mixed.yaml", "--destination-dir", "/opt/out",
        "--tbot-version", "18.0.0");
    assertEquals(expected("continuous", "18.0.0", "iam", 1, 0, 0, 0), attributes(v1));
  }

  @Test
  void defaultsWithoutAConfig() throws Exception {
    LogRecord r = sendOne(Map.of(), "--tbot-version", "18.0.0");
    // token is tbot's default join method; no outputs.
    assertEquals(expected("continuous", "18.0.0", "token", 0, 0, 0, 0), attributes(r));
  }

  @Test
  void unknownJoinMethodAndVersionAreNotSentVerbatim() throws Exception {
    LogRecord r = sendOne(Map.of(), "--join-method", "my-secret-method", "--tbot-version", "build of hostA");
    assertEquals("unknown", attributes(r).get("join_type"));
    assertEquals("unknown", attributes(r).get("version"));
  }

  /** config file, extra args, env, expected requests. */
  static Stream<Arguments> consentMatrix() {
    String optIn = CONFIGS + "v2-continuous-default-join.yaml";
    String optOut = CONFIGS + "v2-opt-out.yaml";
    String silent = CONFIGS + "v1-mixed.yaml";
    return Stream.of(
        Arguments.of(silent, List.of(), Map.of(), 0),
        Arguments.of(silent, List.of("--anonymous-analytics"), Map.of(), 1),
        Arguments.of(optIn, List.of(), Map.of(), 1),
        Arguments.of(silent, List.of(), Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), 1),
        Arguments.of(silent, List.of(), Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "true"), 1),
        Arguments.of(silent, List.of("--no-anonymous-analytics"), Map.of(), 0),
        Arguments.of(optIn, List.of("--no-anonymous-analytics"), Map.of(), 0),
        Arguments.of(optOut, List.of("--anonymous-analytics"), Map.of(), 0),
        Arguments.of(optIn, List.of("--anonymous-analytics"), Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "0"), 0),
        Arguments.of(optIn, List.of("--anonymous-analytics"), Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "false"), 0),
        Arguments.of(optIn, List.of("--anonymous-analytics"), Map.of("DO_NOT_TRACK", "1"), 0),
        Arguments.of(optIn, List.of("--anonymous-analytics"), Map.of("DO_NOT_TRACK", "yes"), 0),
        Arguments.of(optIn, List.of("--anonymous-analytics"), Map.of("DO_NOT_TRACK", "0"), 1),
        Arguments.of(optIn, List.of("--anonymous-analytics"), Map.of("DO_NOT_TRACK", "false"), 1),
        Arguments.of(optIn, List.of("--anonymous-analytics"), Map.of("DO_NOT_TRACK", ""), 1),
        Arguments.of(optIn, List.of("--anonymous-analytics"), Map.of("OTEL_SDK_DISABLED", "true"), 0),
        Arguments.of(optIn, List.of("--anonymous-analytics"), Map.of("OTEL_SDK_DISABLED", "false"), 1));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3} request(s)")
  @MethodSource("consentMatrix")
  void consentMatrix(String config, List<String> args, Map<String, String> env, int expected) throws Exception {
    List<String> all = new ArrayList<>(List.of("start", "-c", config,
        "--anonymous-analytics-endpoint", receiver.url(), "--anonymous-analytics-exit-timeout", BUDGET));
    all.addAll(args);
    Cli.Result r = Cli.run(env, all.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.stderr());
    // Without consent nothing was started, so nothing can arrive later: no wait is needed for 0.
    List<OtlpReceiver.Received> got = expected == 0 ? receiver.requests() : receiver.await(1, Duration.ofSeconds(5));
    assertEquals(expected, got.size(), r.stderr());
    assertEquals(expected == 1, r.stderr().contains("Anonymous usage analytics is on"), r.stderr());
    if (expected == 0) {
      assertEquals("", r.stderr() + r.stdout(), "prints nothing without consent");
    }
  }

  static Stream<Arguments> whoSaidNo() {
    String optIn = CONFIGS + "v2-continuous-default-join.yaml";
    return Stream.of(
        Arguments.of(CONFIGS + "v1-mixed.yaml", List.of(), Map.of(), "no source opted in"),
        Arguments.of(optIn, List.of("--no-anonymous-analytics"), Map.of(), "--no-anonymous-analytics says no"),
        // The spelling given, not the other one (red before: "--no-anonymous-analytics says no").
        Arguments.of(optIn, List.of("--anonymous-analytics=false"), Map.of(), "--anonymous-analytics=false says no"),
        Arguments.of(CONFIGS + "v2-opt-out.yaml", List.of("--anonymous-analytics"), Map.of(),
            "anonymous_analytics in tbot's config says no"),
        Arguments.of(optIn, List.of(), Map.of("DO_NOT_TRACK", "1"), "DO_NOT_TRACK says no"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("whoSaidNo")
  void withDebugAStartWithoutConsentSaysWhichSourceDecided(String config, List<String> args,
      Map<String, String> env, String reason) throws Exception {
    List<String> all = new ArrayList<>(List.of("start", "--debug", "-c", config,
        "--anonymous-analytics-endpoint", receiver.url()));
    all.addAll(args);
    Cli.Result r = Cli.run(env, all.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(List.of("tbot-otel debug: nothing sent: " + reason), r.stderr().lines().toList());
    assertEquals(0, receiver.requests().size());
  }

  @Test
  void anUpperCaseSchemeIsDelivered() throws Exception {
    // The exporter refuses "HTTP://": the event was once dropped after "would send it to HTTP://...".
    String url = "HTTP" + receiver.url().substring("http".length());
    Cli.Result r = Cli.run(Map.of(), "start", "--anonymous-analytics", "--anonymous-analytics-endpoint", url,
        "--anonymous-analytics-exit-timeout", BUDGET);
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size(), r.stderr());
  }

  @Test
  void endpointPrecedenceFlagOverEnvOverYaml() throws Exception {
    try (OtlpReceiver fromEnv = OtlpReceiver.start(); OtlpReceiver fromYaml = OtlpReceiver.start()) {
      java.nio.file.Path cfg = java.nio.file.Files.createTempFile("tbot", ".yaml");
      try {
        java.nio.file.Files.writeString(cfg, "anonymous_analytics: true\nanonymous_analytics_endpoint: " + fromYaml.url() + "\n");
        Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", fromEnv.url());
        assertEquals(0, Cli.run(Map.of(), "start", "-c", cfg.toString(), "--anonymous-analytics-exit-timeout", BUDGET).exitCode());
        assertEquals(1, fromYaml.await(1, Duration.ofSeconds(5)).size(), "YAML alone");
        assertEquals(0, Cli.run(env, "start", "-c", cfg.toString(), "--anonymous-analytics-exit-timeout", BUDGET).exitCode());
        assertEquals(1, fromEnv.await(1, Duration.ofSeconds(5)).size(), "env over YAML");
        assertEquals(0, Cli.run(env, "start", "-c", cfg.toString(), "--anonymous-analytics-endpoint", receiver.url(),
            "--anonymous-analytics-exit-timeout", BUDGET).exitCode());
        assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size(), "flag over env");
        assertEquals(List.of(1, 1), Stream.of(fromEnv, fromYaml).map(x -> x.requests().size()).collect(Collectors.toList()));
      } finally {
        java.nio.file.Files.deleteIfExists(cfg);
      }
    }
  }
}
