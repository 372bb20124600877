package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A send that close() gave up on before its thread began (a host exiting at once) opens nothing:
 * no connection reaches the collector, and no connection thread is started after the host's exit.
 */
class AbortedBeforeStartTest {

  @Test
  void anAbortedSendConnectsToNothing() throws Exception {
    try (ServerSocket collector = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      InFlight inFlight = new InFlight();
      inFlight.abort();
      java.io.ByteArrayOutputStream debug = new java.io.ByteArrayOutputStream();
      Delivery d = EventSender.send(Consent.resolve(true, null, Map.of()), StartEvent.builder().build(),
          URI.create("http://127.0.0.1:" + collector.getLocalPort() + "/v1/logs"), Duration.ofSeconds(2), Map.of(),
          inFlight, new java.io.PrintStream(debug, true, java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(Delivery.TIMED_OUT, d);
      // The close that aborted it says how it ended, in one line (HostCallsTest): the send says nothing.
      assertEquals("", debug.toString(java.nio.charset.StandardCharsets.UTF_8), "what the aborted send printed");
      assertEquals("none", firstConnection(collector), "connections the aborted send made");
    }
  }

  /**
   * The abort may also land after the send's own check and before its connection thread opens the
   * socket: the connector then refuses to connect (abort's promise, kept by InFlight.register).
   */
  @Test
  void aConnectorWhoseSendWasAbortedConnectsToNothing() throws Exception {
    try (ServerSocket collector = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      InFlight inFlight = new InFlight();
      inFlight.abort();
      Connector connector = new Connector(URI.create("http://127.0.0.1:" + collector.getLocalPort() + "/v1/logs"),
          null, Duration.ofSeconds(2).toNanos(), inFlight);
      java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
          () -> connector.open(System.nanoTime() + Duration.ofSeconds(2).toNanos()).close());
      assertEquals("aborted: the exit budget is spent", e.getMessage());
      assertEquals("none", firstConnection(collector), "connections the aborted connector made");
    }
  }

  /** The first connection {@code collector} gets within 300 ms, or "none". */
  private static String firstConnection(ServerSocket collector) throws java.io.IOException {
    collector.setSoTimeout(300);
    try (java.net.Socket s = collector.accept()) {
      return "a connection from " + s.getRemoteSocketAddress();
    } catch (SocketTimeoutException none) {
      return "none";
    }
  }
}
