package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.testing.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A collector that takes the request and never answers. Past the send timeout, while the host keeps
 * working, the delivery is TIMED_OUT (neither a failure nor a success) and nothing was printed. At
 * {@code close}, the send still under way is aborted: the collector sees the client close its
 * connection right after {@code close} returns, not when the (10 s) send timeout would have ended it.
 */
class SilentCollectorTest {

  @Test
  void pastTheSendTimeoutTheSendHasEndedQuietly() throws Exception {
    try (Fault.Setup hang = Fault.NEVER_ANSWERS.open()) {
      ChildJvm.Result r = ChildJvm.runMain(SendTimeoutHost.class, Duration.ofSeconds(30), hang.endpoint());
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stderr(), "nothing printed at the default level");
      assertEquals("delivery=TIMED_OUT\n", r.stdout());
      assertEquals(1, hang.server().await(1, Duration.ofSeconds(10)).size(), "the request arrived: the hang was met");
    }
  }

  @Test
  void closeAbortsTheSendUnderWay() throws Exception {
    try (ServerSocket collector = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      AnonymousAnalytics analytics = sendingTo("http", collector);
      collector.setSoTimeout(10_000);
      try (Socket connection = collector.accept()) {
        connection.setSoTimeout(5_000);
        InputStream in = connection.getInputStream();
        readRequest(in); // the client now waits for an answer that never comes
        assertEquals(Delivery.PENDING, analytics.delivery(), "the send is under way");

        analytics.close();
        long closed = System.nanoTime();
        long endedMillis;
        try {
          assertEquals(-1, in.read(), "the client sent more after its request");
          endedMillis = (System.nanoTime() - closed) / 1_000_000;
        } catch (SocketException reset) {
          endedMillis = (System.nanoTime() - closed) / 1_000_000;
        } catch (SocketTimeoutException stillOpen) {
          throw new AssertionError("the client's connection is still open 5 s after close returned");
        }
        // Generous: only tells "aborted at close" from "ended by the 10 s send timeout".
        assertTrue(endedMillis < 2_000, "connection closed " + endedMillis + " ms after close returned");
      }
      // Not FAILED: nothing failed but the host's exit budget, and a host must be able to tell.
      assertEquals(Delivery.TIMED_OUT, ended(analytics), "the aborted send has ended, out of time");
    }
  }

  @Test
  void aSendAbortedWhileConnectingTimedOutToo() throws Exception {
    // Takes the connection and never answers the TLS handshake: close aborts the send while connecting.
    try (ServerSocket collector = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      AnonymousAnalytics analytics = sendingTo("https", collector);
      collector.setSoTimeout(10_000);
      try (Socket connection = collector.accept()) {
        analytics.close();
        assertEquals(Delivery.TIMED_OUT, ended(analytics));
      }
    }
  }

  @Test
  void aSendCloseGaveUpOnIsTimedOutWhenCloseReturns() throws Exception {
    // No exit budget at all: close aborts and returns at once, long before the send's thread ends.
    try (ServerSocket collector = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      AnonymousAnalytics analytics = sendingTo("http", collector, Duration.ZERO);
      analytics.close();
      // Not PENDING, which a host reading delivery() after close would take for "still sending".
      assertEquals(Delivery.TIMED_OUT, analytics.delivery());
      assertEquals(Delivery.TIMED_OUT, ended(analytics), "and still so once the aborted send has ended");
    }
  }

  /** A send under way to {@code collector}, with a 300 ms exit timeout. */
  private static AnonymousAnalytics sendingTo(String scheme, ServerSocket collector) {
    return sendingTo(scheme, collector, Duration.ofMillis(300));
  }

  private static AnonymousAnalytics sendingTo(String scheme, ServerSocket collector, Duration exitTimeout) {
    AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(URI.create(scheme + "://127.0.0.1:" + collector.getLocalPort() + "/v1/logs"))
        .setExitTimeout(exitTimeout)
        .setEnvironment(Map.of())
        .build(); // the default send timeout, 10 s: only close can end the send sooner
    analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
    return analytics;
  }

  /** The delivery once the aborted send has ended (its thread winds down just after close). */
  private static Delivery ended(AnonymousAnalytics analytics) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (analytics.delivery() == Delivery.PENDING && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return analytics.delivery();
  }

  /** Reads one request: its head, then the Content-Length bytes of body. */
  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertTrue(b >= 0, "connection closed mid-request: " + head);
      head.write(b);
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    assertTrue(length > 0 && in.readNBytes(length).length == length, "a whole request body");
  }
}
