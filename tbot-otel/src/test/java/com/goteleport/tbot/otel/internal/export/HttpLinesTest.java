package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The status line and the deadline arithmetic every socket read of a send goes through. */
class HttpLinesTest {

  @Test
  void theStatusIsTheSecondWordWithOrWithoutAReason() throws IOException {
    assertEquals(200, HttpLines.statusCode("HTTP/1.1 200 OK"));
    assertEquals(204, HttpLines.statusCode("HTTP/1.1 204 No Content"));
    assertEquals(200, HttpLines.statusCode("HTTP/1.1 200"), "the reason phrase may be left out");
    assertEquals(503, HttpLines.statusCode("HTTP/1.0 503 "));
    assertEquals(200, HttpLines.statusCode("HTTP/1.1  200 OK"), "Go skips spaces before the code");
    assertEquals(200, HttpLines.statusCode("HTTP/2.0 200 OK"), "any HTTP/d.d, as Go's ParseHTTPVersion");
  }

  @Test
  void theDigitsRunFromZeroToNineAndNoFurther() throws IOException {
    assertEquals(429, HttpLines.statusCode("HTTP/1.1 429 Too Many Requests"));
    assertEquals(599, HttpLines.statusCode("HTTP/0.9 599"));
    // The characters just outside '0'..'9': '/' and ':'.
    for (String line : new String[] {"HTTP/1.1 2/0", "HTTP/1.1 2:0", "HTTP/1./ 200", "HTTP/:.1 200"}) {
      assertThrows(IOException.class, () -> HttpLines.statusCode(line), line);
    }
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "HTTP/1.1", "HTTP/1.1 ", "HTTP/1.1   ", "HTTP/1.1200 OK", "SSH-2.0-OpenSSH_9.6 x",
      "HTTP/1.1 OK 200"})
  void anythingElseIsNotAnAnswer(String line) {
    assertThrows(IOException.class, () -> HttpLines.statusCode(line));
  }

  /**
   * Go's ReadResponse wants exactly three characters that read as a number of at least 0: a fourth
   * digit or a minus fails it. It reads {@code +20} as 20, a failed send there; here it is no answer.
   */
  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"HTTP/1.1 +200 OK", "HTTP/1.1 0200 OK", "HTTP/1.1 +20 OK", "HTTP/1.1 -20 OK",
      "HTTP/1.1 20 OK", "HTTP/1.1 2000", "HTTP/1.1 2O0 OK", "HTTP/1.1 200\tOK", "HTTP/1.1 \t200 OK"})
  void theCodeIsExactlyThreeDigitsAsInGo(String line) {
    assertThrows(IOException.class, () -> HttpLines.statusCode(line));
  }

  /** Go's ParseHTTPVersion: HTTP/, a digit, a dot, a digit. */
  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"HTTP/ 200 OK", "HTTP/1 200 OK", "HTTP/1.10 200 OK", "HTTP/x.y 200 OK", "http/1.1 200 OK",
      "HTTP/1,1 200 OK", "XHTTP/1.1 200 OK"})
  void theVersionIsHttpDigitDotDigitAsInGo(String line) {
    assertThrows(IOException.class, () -> HttpLines.statusCode(line));
  }

  /**
   * A peer that sends a line without end (a status line of megabytes, never a line feed) is cut
   * off at 8 KiB: the answer is read byte by byte into memory, and until the deadline a fast peer
   * could otherwise fill the host's heap.
   */
  @Test
  void aLineWithoutEndIsCutOffAtEightKibibytes() {
    int[] served = new int[1];
    Socket endless = new Socket() {
      @Override
      public InputStream getInputStream() {
        return new InputStream() {
          @Override
          public int read() {
            return served[0]++ < 1 << 20 ? 'x' : -1; // 1 MiB, then the end: the test ends either way
          }
        };
      }
    };
    IOException e = assertThrows(IOException.class, () -> HttpLines.readLine(endless));
    assertEquals("answer line too long", e.getMessage());
    assertTrue(served[0] <= 8 * 1024 + 1, "bytes read: " + served[0]);
  }

  /** Skipped header lines take at most 16 KiB, CRLFs included; the empty line that ends them always fits. */
  @Test
  void skippedHeadersTakeSixteenKibibytesAndNoMore() throws IOException {
    String kibibyte = "X-Hint: " + "a".repeat(1024 - 10) + "\r\n";
    Socket fits = answering(kibibyte.repeat(16) + "\r\nnext\n");
    HttpLines.skipHeaders(fits);
    assertEquals("next", HttpLines.readLine(fits), "the headers ended at the empty line");
    for (String more : new String[] {"X\r\n\r\n", "X\n\n", kibibyte.repeat(8) + "\r\n"}) {
      Socket over = answering(kibibyte.repeat(16) + more);
      IOException e = assertThrows(IOException.class, () -> HttpLines.skipHeaders(over), more);
      assertEquals("answer headers too long", e.getMessage(), more);
    }
  }

  @Test
  void aLineEndsAtItsLineFeedAndANulByteIsNoEnd() throws IOException {
    Socket peer = answering("HTTP/1.1 200 O\0K\r\nnext\n\n");
    assertEquals("HTTP/1.1 200 O\0K", HttpLines.readLine(peer));
    assertEquals("next", HttpLines.readLine(peer), "a bare LF ends a line too");
    assertEquals("", HttpLines.readLine(peer), "the empty line that ends the headers, with a bare LF");
    IOException closed = assertThrows(IOException.class, () -> HttpLines.readLine(peer));
    assertEquals("connection closed before a complete answer", closed.getMessage());
  }

  private static Socket answering(String bytes) {
    InputStream in = new java.io.ByteArrayInputStream(bytes.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    return new Socket() {
      @Override
      public InputStream getInputStream() {
        return in;
      }
    };
  }

  @Test
  void aReadWaitsWhatIsLeftOfTheDeadline() throws IOException {
    int millis = HttpLines.timeoutMillis(System.nanoTime() + 5_000_000_000L);
    assertTrue(millis > 4_000 && millis <= 5_000, "5 s left: " + millis);
    assertEquals(Integer.MAX_VALUE, HttpLines.timeoutMillis(System.nanoTime() + Long.MAX_VALUE / 2),
        "a socket timeout is an int");
  }

  @Test
  void lessThanAMillisecondLeftIsThePassedDeadlineNotAnEndlessRead() {
    // setSoTimeout(0) means no timeout at all: the last sub-millisecond must fail, not block.
    assertThrows(SocketTimeoutException.class, () -> HttpLines.timeoutMillis(System.nanoTime() + 500_000));
    assertThrows(SocketTimeoutException.class, () -> HttpLines.timeoutMillis(System.nanoTime()));
    assertThrows(SocketTimeoutException.class, () -> HttpLines.timeoutMillis(System.nanoTime() - 1_000_000_000L));
  }
}
