package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.internal.export.Connector.Connection;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connection opened alongside the SDK: handed over once, closed if unused, failures kept. */
class EarlyConnectionTest {

  static final long TIMEOUT = Duration.ofSeconds(5).toNanos();

  static EarlyConnection connect(String url, InFlight inFlight) {
    Connector connector = new Connector(URI.create(url), null, TIMEOUT, inFlight);
    return EarlyConnection.start(connector, System.nanoTime() + TIMEOUT);
  }

  static long in(Duration d) {
    return System.nanoTime() + d.toNanos();
  }

  @Test
  void theConnectionIsHandedOverOnce() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      EarlyConnection early = connect("http://127.0.0.1:" + server.getLocalPort() + "/v1/logs", new InFlight());
      Connection c = early.take(in(Duration.ofSeconds(5)));
      try (Socket accepted = server.accept()) {
        assertNotNull(accepted);
        assertEquals("/v1/logs", c.requestTarget);
        assertEquals("127.0.0.1:" + server.getLocalPort(), c.hostHeader);
        assertThrows(IOException.class, () -> early.take(in(Duration.ofSeconds(1))), "one request per start");
        early.abandon(); // taken: stays open for its taker
        c.channel.getOutputStream().write('x');
        assertEquals('x', accepted.getInputStream().read());
      } finally {
        c.close();
      }
    }
  }

  @Test
  void anUnusedConnectionIsClosedEvenIfItOpensAfterBeingAbandoned() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      EarlyConnection early = connect("http://127.0.0.1:" + server.getLocalPort() + "/v1/logs", new InFlight());
      early.abandon(); // most likely before the connect finished
      try (Socket accepted = server.accept()) {
        accepted.setSoTimeout(5_000);
        assertEquals(-1, accepted.getInputStream().read(), "closed without a byte sent");
      }
      assertThrows(IOException.class, () -> early.take(in(Duration.ofSeconds(1))));
    }
  }

  @Test
  void aFailedConnectIsWhatTakeThrows() throws Exception {
    EarlyConnection early = connect("http://127.0.0.1:" + Fault.closedPort() + "/v1/logs", new InFlight());
    assertThrows(ConnectException.class, () -> early.take(in(Duration.ofSeconds(5))));
  }

  @Test
  void takeGivesUpAtItsOwnDeadline() throws Exception {
    // Accepts, never answers the TLS handshake: the connect thread waits until aborted.
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InFlight inFlight = new InFlight();
      EarlyConnection early = connect("https://127.0.0.1:" + server.getLocalPort() + "/v1/logs", inFlight);
      long t0 = System.nanoTime();
      assertThrows(SocketTimeoutException.class, () -> early.take(in(Duration.ofMillis(200))));
      long took = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      assertTrue(took >= 150 && took < 2_000, "took " + took + " ms");
      inFlight.abort(); // as close() does: the handshake under way ends
      early.abandon();
    }
  }
}
