package com.goteleport.tbot.otel.internal.export;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** The little of HTTP/1.1 this sender reads: status lines and the headers it skips, bounded. */
final class HttpLines {

  private static final int MAX_LINE = 8 * 1024;

  private HttpLines() {}

  /**
   * The status of the final answer: interim 1xx answers ({@code 100 Continue}, {@code 103 Early
   * Hints}) and their headers are skipped. {@code 101} is final: this sender never asks to switch.
   */
  static int finalStatus(Socket socket) throws IOException {
    while (true) {
      int status = statusCode(readLine(socket));
      if (status / 100 != 1 || status == 101) {
        return status;
      }
      skipHeaders(socket);
    }
  }

  /** Skips header lines, up to the empty line that ends them. */
  static void skipHeaders(Socket socket) throws IOException {
    while (!readLine(socket).isEmpty()) {
      // a header: not needed
    }
  }

  /** Reads one CRLF-terminated line (each read bounded by the socket's deadline). */
  static String readLine(Socket socket) throws IOException {
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
      if (line.length() >= MAX_LINE) {
        throw new IOException("answer line too long");
      }
      line.append((char) b);
    }
  }

  static int statusCode(String statusLine) throws IOException {
    // "HTTP/1.1 200 OK"
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP answer");
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status: " + parts[1], e);
    }
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
