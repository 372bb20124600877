package com.goteleport.tbot.otel.internal.export;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** The little of HTTP/1.1 this sender reads: status lines and the headers it skips, bounded. */
final class HttpLines {

  private static final int MAX_LINE = 8 * 1024;
  // The bytes of the header lines skipped after one status line: Node's client default
  // (http.maxHeaderSize). Read byte by byte, an endless header section kept a core busy until the
  // deadline.
  private static final int MAX_HEADERS = 16 * 1024;
  // Interim answers skipped before the final one: five, as Go's Transport (max1xxResponses).
  private static final int MAX_INTERIM = 5;

  private HttpLines() {}

  /**
   * The status line of the final answer, a valid one ({@link #statusCode} reads its code): up to
   * five interim 1xx answers ({@code 100 Continue}, {@code 103 Early Hints}) and their headers are
   * skipped. {@code 101} is final: this sender never asks to switch.
   */
  static String finalStatusLine(Socket socket) throws IOException {
    for (int interim = 0; ; interim++) {
      String line = readLine(socket);
      int status = statusCode(line);
      if (status / 100 != 1 || status == 101) {
        return line;
      }
      if (interim == MAX_INTERIM) {
        throw new IOException("too many interim (1xx) answers");
      }
      skipHeaders(socket);
    }
  }

  /** Skips header lines up to the empty line that ends them: at most 16 KiB, CRLFs included. */
  static void skipHeaders(Socket socket) throws IOException {
    int left = MAX_HEADERS;
    while (true) {
      // A line may take what is left; the empty line that ends them always fits.
      String line = readLine(socket, Math.max(Math.min(MAX_LINE, left), 1));
      if (line.isEmpty()) {
        return;
      }
      left -= line.length() + 2;
      if (left < 0) {
        throw new IOException("answer headers too long");
      }
    }
  }

  /** Reads one CRLF-terminated line (each read bounded by the socket's deadline). */
  static String readLine(Socket socket) throws IOException {
    return readLine(socket, MAX_LINE);
  }

  private static String readLine(Socket socket, int max) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before a complete answer");
      }
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      if (line.length() >= max) {
        throw new IOException(max == MAX_LINE ? "answer line too long" : "answer headers too long");
      }
      line.append((char) b);
    }
  }

  /**
   * The code of a status line, read as Go's {@code http.ReadResponse} reads it (tbot's client): the
   * version, {@code HTTP/} digit dot digit; spaces; exactly three digits; then a space and the
   * reason, or nothing. Anything else, {@code +200} or {@code 0200} included, is no answer. (Go's
   * {@code Atoi} also takes {@code +20}, as status 20: a failure there as it is here.)
   */
  static int statusCode(String statusLine) throws IOException {
    // "HTTP/1.1 200 OK"
    int space = statusLine.indexOf(' ');
    if (space < 0 || !isHttpVersion(statusLine.substring(0, space))) {
      throw new IOException("not an HTTP answer");
    }
    int start = space + 1;
    while (start < statusLine.length() && statusLine.charAt(start) == ' ') {
      start++;
    }
    int end = statusLine.indexOf(' ', start);
    String code = statusLine.substring(start, end < 0 ? statusLine.length() : end);
    if (code.length() != 3 || !isDigit(code.charAt(0)) || !isDigit(code.charAt(1)) || !isDigit(code.charAt(2))) {
      // Not quoted: the peer's bytes would reach the log and --debug (ESC, CR: a forged line).
      throw new IOException("malformed HTTP status code");
    }
    return Integer.parseInt(code);
  }

  /** Go's {@code http.ParseHTTPVersion}: {@code HTTP/1.1}, {@code HTTP/1.0}, or any {@code HTTP/d.d}. */
  private static boolean isHttpVersion(String version) {
    return version.length() == 8 && version.startsWith("HTTP/") && isDigit(version.charAt(5))
        && version.charAt(6) == '.' && isDigit(version.charAt(7));
  }

  /** An ASCII digit only: {@link Character#isDigit} would take other scripts' digits too. */
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The time left, for a socket timeout; fails once the deadline has passed (0 would mean forever). */
  static int timeoutMillis(long deadline) throws SocketTimeoutException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("tbot-otel export deadline passed");
    }
    return (int) Math.min(left, Integer.MAX_VALUE);
  }
}
