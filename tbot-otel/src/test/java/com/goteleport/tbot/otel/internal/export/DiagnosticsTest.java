package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The SDK's logging from the analytics send is silent; the host's own logging is untouched. */
class DiagnosticsTest {

  static ChildJvm.Result probe(String... args) {
    return probe(List.of(), args);
  }

  static ChildJvm.Result probe(List<String> jvmOptions, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(ChildJvm.javaBinary()));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DiagnosticsProbe.class.getName()));
    cmd.addAll(List.of(args));
    ChildJvm.Result r = ChildJvm.run(cmd, ChildJvm.baseEnv(), Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("delivery FAILED"), r.stdout());
    return r;
  }

  @Test
  void failedSendPrintsNothingButTheHostsOwnRecordsStillPrint() {
    ChildJvm.Result r = probe();
    // Exactly the host's own record, as JUL's default console format prints it: date and source,
    // then level and message. Anything the send printed would be another line.
    List<String> lines = r.stderr().lines().collect(Collectors.toList());
    assertEquals(2, lines.size(), "only the host's record: " + r.stderr());
    assertTrue(lines.get(0).matches(".+ " + Pattern.quote(DiagnosticsProbe.class.getName()) + " main"), r.stderr());
    assertEquals("SEVERE: host record", lines.get(1), "host logging untouched: " + r.stderr());
  }

  @Test
  void theFilteredLoggerListCoversEveryOpenTelemetryLoggerTheSendCreates() {
    List<String> created = probe().stdout().lines().filter(l -> l.startsWith("logger "))
        .map(l -> l.substring("logger ".length())).collect(Collectors.toList());
    assertTrue(created.contains("io.opentelemetry.exporter.otlp.internal.HttpExporter"), created.toString());
    List<String> missing = created.stream().filter(n -> !Diagnostics.SDK_LOGGERS.contains(n)).collect(Collectors.toList());
    assertEquals(List.of(), missing, "add these to Diagnostics.SDK_LOGGERS (an OpenTelemetry upgrade added loggers)");
  }

  /**
   * The other way round: the filter installs each listed logger (creating it), so a name no send
   * creates any more would go unnoticed above. Each is the logger of a class the send loads.
   */
  @Test
  void everyFilteredLoggerBelongsToAClassTheSendLoads() {
    String classLog = probe(List.of("-Xlog:class+load=info:stdout")).stdout();
    List<String> stale = Diagnostics.SDK_LOGGERS.stream().filter(n -> !classLog.contains(" " + n + " source: "))
        .collect(Collectors.toList());
    assertEquals(List.of(), stale, "remove these from Diagnostics.SDK_LOGGERS: the send no longer loads them");
  }

  @Test
  void debugSaysWhyTheSendFailedOnOneLine() {
    ChildJvm.Result r = probe("debug");
    // The SDK's own report of the failure is logged at FINE (SdkRecordsTest): the send says it.
    assertTrue(r.stderr().lines().anyMatch(l -> l.matches(
        "tbot-otel debug: tbot\\.start to http://127\\.0\\.0\\.1:\\d+: FAILED after \\d+ ms"
            + " \\(java\\.net\\.ConnectException: Connection refused\\)")), r.stderr());
    assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
  }

  /**
   * Where a host hands the SDK's loggers to a handler of its own at every level, what the SDK logs
   * on the send's thread, at any level, reaches none of it; the host's own record on the same
   * logger, outside the send, still does.
   */
  @Test
  void recordsTheSdkLogsOnTheSendsThreadReachNoHandlerOfTheHost() {
    Logger sdk = Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter");
    List<String> handled = new CopyOnWriteArrayList<>();
    Handler host = new Handler() {
      @Override
      public void publish(LogRecord record) {
        handled.add(record.getLevel() + " " + record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    host.setLevel(Level.ALL);
    Level before = sdk.getLevel();
    boolean parents = sdk.getUseParentHandlers();
    sdk.setLevel(Level.ALL);
    sdk.setUseParentHandlers(false); // the console stays quiet; the host's handler sees it all
    sdk.addHandler(host);
    try {
      Diagnostics.quietly(() -> {
        sdk.log(Level.SEVERE, "from the send");
        sdk.fine("fine from the send");
        return null;
      });
      sdk.log(Level.SEVERE, "the host's own");
    } finally {
      sdk.removeHandler(host);
      sdk.setUseParentHandlers(parents);
      sdk.setLevel(before);
    }
    assertEquals(List.of("SEVERE the host's own"), handled);
  }

  /** Where a host logs everything, debug mode shows the SDK's warnings from the send, not its chatter. */
  @Test
  void debugPrintsTheSdksWarningsFromTheSendOnOneLineButNotItsFineRecords() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Logger sdk = Logger.getLogger("io.opentelemetry.sdk.logs.SdkLoggerProvider");
    Level before = sdk.getLevel();
    sdk.setLevel(Level.ALL);
    Diagnostics.debugOnThisThread(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      Diagnostics.quietly(() -> {
        sdk.log(Level.WARNING, "unexpected\nsecond line", new IllegalStateException("cause"));
        sdk.fine("chatter");
        return null;
      });
    } finally {
      Diagnostics.debugOnThisThread(null);
      sdk.setLevel(before);
    }
    assertEquals("tbot-otel debug: unexpected second line (IllegalStateException: cause)" + System.lineSeparator(),
        printed.toString(StandardCharsets.UTF_8));
  }
}
