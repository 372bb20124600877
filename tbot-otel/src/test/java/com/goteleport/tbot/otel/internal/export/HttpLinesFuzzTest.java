package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as the answer of the collector or of a CONNECT proxy, read by {@link HttpLines} as the
 * send and the tunnel read them (docs/testing.md, Fuzzing). An input of odd length is sent again
 * and again, as a peer that never stops sending; one of even length, once, then the peer closes.
 * Holds that reading ends with a status or an IOException, nothing else; that it reads no more
 * than its bounds (six status lines of 8 KiB, five header sections of 16 KiB, each with its last
 * line's bytes); and that a status it returns is a final one of three digits (leading zeros allowed).
 */
class HttpLinesFuzzTest {

  private static final long LINE = 8 * 1024 + 1; // the bytes readLine takes before it gives up
  private static final long HEADERS = 16 * 1024 + LINE; // skipHeaders' budget, and the line that ends over it

  /** SocketHttpSender's read of the collector's answer. */
  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void collectorAnswer(byte[] answer) {
    Peer peer = new Peer(answer);
    try {
      int status = HttpLines.statusCode(HttpLines.finalStatusLine(peer));
      // Three digits, leading zeros too ("041" is 41, as Go's client reads it; a failure, not 2xx).
      assertTrue(status >= 0 && status <= 999 && (status / 100 != 1 || status == 101), "status " + status);
    } catch (IOException expected) {
      // no answer, or one refused: the send fails, as it should
    }
    assertTrue(peer.in.read <= 6 * LINE + 5 * HEADERS, "read " + peer.in.read + " bytes");
  }

  /** Connector's read of a proxy's answer to CONNECT: the status line, then the 200's headers. */
  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void proxyAnswer(byte[] answer) {
    Peer peer = new Peer(answer);
    try {
      int status = HttpLines.statusCode(HttpLines.readLine(peer));
      if (status == 200) {
        HttpLines.skipHeaders(peer);
      }
      assertTrue(status >= 0 && status <= 999, "status " + status);
    } catch (IOException expected) {
      // no tunnel
    }
    assertTrue(peer.in.read <= LINE + HEADERS, "read " + peer.in.read + " bytes");
  }

  /** A connection whose peer sends {@code answer}; never connected, so no network is touched. */
  private static final class Peer extends Socket {
    final Answer in;

    Peer(byte[] answer) {
      in = new Answer(answer);
    }

    @Override
    public InputStream getInputStream() {
      return in;
    }
  }

  private static final class Answer extends InputStream {
    private final byte[] bytes;
    private final boolean endless;
    long read;

    Answer(byte[] bytes) {
      this.bytes = bytes;
      this.endless = bytes.length % 2 == 1;
    }

    @Override
    public int read() {
      if (read >= bytes.length && !endless || read > 100 * 1024 * 1024) {
        return -1; // the peer closed (an endless peer too, long past any bound: the assertion says so)
      }
      return bytes[(int) (read++ % bytes.length)] & 0xff;
    }
  }
}
