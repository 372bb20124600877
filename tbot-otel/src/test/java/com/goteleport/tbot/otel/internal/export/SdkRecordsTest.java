package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.testing.ChildJvm;
import io.opentelemetry.exporter.internal.FailedExportException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The send makes the SDK log nothing at INFO or above, whatever the collector does: not merely
 * filtered, but never logged, since whatever hooks {@code Logger.log} (the OpenTelemetry Java agent
 * exports such records to the host's log pipeline) sees a record before tbot-otel's filter.
 */
class SdkRecordsTest {

  @Test
  void noSdkRecordAtInfoOrAboveForAHealthySendOrAnyFault() {
    ChildJvm.Result r = ChildJvm.runMain(SdkRecordsProbe.class, Duration.ofSeconds(60));
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> out = r.stdout().lines().collect(Collectors.toList());
    assertTrue(out.contains("healthy DELIVERED"), r.stdout());
    for (Fault fault : Fault.values()) {
      // Some faults deliver (a slow drip, an oversized body: only the status line is read).
      assertTrue(out.stream().anyMatch(l -> l.startsWith(fault + " ")), fault + " was sent into: " + r.stdout());
    }
    assertTrue(out.contains("HTTP_500 FAILED") && out.contains("CONNECTION_REFUSED FAILED")
        && out.contains("NEVER_ANSWERS TIMED_OUT"), "an answer, an error and a time-out failed the send: " + r.stdout());
    List<String> seen = out.stream().filter(l -> l.startsWith("seen ")).collect(Collectors.toList());
    assertEquals(List.of("seen SEVERE io.opentelemetry.exporter.otlp.internal.HttpExporter: host record"), seen,
        "only the host's own record (the control) may reach the SDK's loggers at INFO or above");
  }

  // --- what the send says instead, in debug mode ---

  @Test
  void whyNamesTheCollectorsStatus() {
    assertEquals("the collector answered 503", EventSender.why(FailedExportException.httpFailedWithResponse(new SocketHttpSender.Response(503))));
    // Plain http through HTTP_PROXY: a proxy that wants credentials answers in the collector's place.
    assertEquals("the proxy answered 407", EventSender.why(FailedExportException.httpFailedWithResponse(new SocketHttpSender.Response(407))));
  }

  @Test
  void whyNamesTheErrorOnOneLine() {
    assertEquals("java.net.ConnectException: Connection refused",
        EventSender.why(FailedExportException.httpFailedExceptionally(new ConnectException("Connection refused"))));
    assertEquals("java.io.IOException: two lines", EventSender.why(new IOException("two\nlines")));
    assertEquals("no result", EventSender.why(null));
  }
}
