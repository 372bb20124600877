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
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The connection opened alongside the SDK: handed over once, closed if unused, failures kept. */
class EarlyConnectionTest {

  static final long TIMEOUT = Duration.ofSeconds(5).toNanos();

  static EarlyConnection connect(String url, InFlight inFlight) {
    Connector connector = new Connector(URI.create(url), null, TIMEOUT, inFlight);
    return EarlyConnection.start(connector, System.nanoTime() + TIMEOUT, null);
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

  /**
   * A failure whose message spans lines (a host's ProxySelector's, say) is one debug line: a CR or
   * LF in it would start a line that looks like one of tbot-otel's own, or overwrite one.
   */
  @Test
  void aFailureWhoseMessageSpansLinesIsOneDebugLine() {
    ProxySelector throwing = new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        throw new IllegalStateException("first\r\ntbot-otel debug: second\nthird\rfourth");
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    };
    String out = ProxyTest.debugOutput(() -> {
      Connector connector = new Connector(URI.create("http://127.0.0.1:9/v1/logs"), throwing, TIMEOUT, new InFlight());
      EarlyConnection early = EarlyConnection.start(connector, System.nanoTime() + TIMEOUT, null);
      assertThrows(IOException.class, () -> early.take(in(Duration.ofSeconds(5))));
    });
    assertEquals(1, out.split("\n", -1).length - 1, out);
    assertTrue(out.startsWith("tbot-otel debug: not connected: java.lang.IllegalStateException: "
        + "first  tbot-otel debug: second third fourth after "), out);
  }

  /** The connect's line gives the time it took: no longer than the test waited for it. */
  @Test
  void theConnectedLineSaysHowLongTheConnectTook() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      long t0 = System.nanoTime();
      String out = ProxyTest.debugOutput(() -> {
        EarlyConnection early = connect("http://127.0.0.1:" + server.getLocalPort() + "/v1/logs", new InFlight());
        try {
          early.take(in(Duration.ofSeconds(5))).close();
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
      long waited = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      Matcher m = Pattern.compile("tbot-otel debug: connected after (-?\\d+) ms\n").matcher(out);
      assertTrue(m.matches(), out);
      long said = Long.parseLong(m.group(1));
      assertTrue(said >= 0 && said <= waited, "said " + said + " ms, waited " + waited + " ms");
    }
  }

  /**
   * A connect that the host's exit aborts (here mid-TLS handshake) says nothing: the close that
   * aborted says how the send ended, and "not connected: Socket closed" would be a second line for
   * the one fault.
   */
  @Test
  void aConnectCutShortByAnAbortPrintsNoLine() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InFlight inFlight = new InFlight();
      String out = ProxyTest.debugOutput(() -> {
        EarlyConnection early = connect("https://127.0.0.1:" + server.getLocalPort() + "/v1/logs", inFlight);
        try (Socket accepted = server.accept()) { // connected; the handshake waits for an answer
          assertNotNull(accepted);
          inFlight.abort();
          // take returns once the connect thread is done, its line printed or not
          assertThrows(IOException.class, () -> early.take(in(Duration.ofSeconds(5))));
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
      assertEquals("", out);
    }
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
