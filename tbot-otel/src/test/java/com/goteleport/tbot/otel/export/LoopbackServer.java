package com.goteleport.tbot.otel.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;

/**
 * A raw-socket HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose: it reads each request
 * (head and {@code Content-Length} body), records it with the exact number of bytes the client
 * sent, and answers as its {@link Behavior} says, including not at all. Every thread it starts is
 * a daemon and {@link #close} closes every socket, so a test can never hang on it.
 */
public final class LoopbackServer implements AutoCloseable {

  /** How the server answers a request it has read. */
  @FunctionalInterface
  public interface Behavior {
    /** Writes the answer (or nothing) to {@code out}; returning closes the connection. */
    void answer(Request request, OutputStream out) throws IOException, InterruptedException;
  }

  /** One request as it arrived: the head's first line, the whole head, the body, bytes read. */
  public record Request(String requestLine, String head, byte[] body, long wireBytes) {}

  private final ServerSocket server;
  private final Behavior behavior;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong bytesIn = new AtomicLong();
  private volatile boolean closed;

  private LoopbackServer(ServerSocketFactory factory, Behavior behavior) throws IOException {
    this.server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.behavior = behavior;
    Thread acceptor = new Thread(this::acceptLoop, "loopback-server-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a plain-HTTP server on a free loopback port. */
  public static LoopbackServer start(Behavior behavior) {
    return start(ServerSocketFactory.getDefault(), behavior);
  }

  /** Starts a server whose sockets come from {@code factory} (e.g. TLS). */
  public static LoopbackServer start(ServerSocketFactory factory, Behavior behavior) {
    try {
      return new LoopbackServer(factory, behavior);
    } catch (IOException e) {
      throw new AssertionError("cannot start a loopback server", e);
    }
  }

  /** The port listened on. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code scheme://127.0.0.1:PORT/v1/logs}. */
  public String url(String scheme) {
    return scheme + "://127.0.0.1:" + port() + "/v1/logs";
  }

  /** {@code http://127.0.0.1:PORT/v1/logs}. */
  public String url() {
    return url("http");
  }

  /** Every complete request head read so far. */
  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /** Connections accepted so far (a TLS handshake that fails still counts). */
  public long connections() {
    return connections.get();
  }

  /** Every byte read from clients so far, on every connection. */
  public long bytesIn() {
    return bytesIn.get();
  }

  /** Waits until at least {@code count} requests arrived or the timeout passes; returns them. */
  public List<Request> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (requests.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return requests();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        sockets.add(socket);
        Thread handler = new Thread(() -> handle(socket), "loopback-conn-" + server.getLocalPort());
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void handle(Socket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      InputStream in = new CountingInput(socket.getInputStream());
      Request request = read(in);
      if (request == null) {
        return;
      }
      requests.add(request);
      OutputStream out = socket.getOutputStream();
      behavior.answer(request, out);
      out.flush();
    } catch (IOException | RuntimeException e) {
      // The client gave up or the server is closing: both are expected here.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final int MAX_HEAD = 64 * 1024;

  private Request read(InputStream in) throws IOException {
    long before = bytesIn.get();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0 || head.size() > MAX_HEAD) {
        return null;
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(Math.min(length, 1 << 20));
    return new Request(text.substring(0, text.indexOf("\r\n")), text, body, bytesIn.get() - before);
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  /** Counts the bytes clients send, for bytes-on-the-wire figures. */
  private final class CountingInput extends InputStream {
    private final InputStream in;

    CountingInput(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        bytesIn.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      if (n > 0) {
        bytesIn.addAndGet(n);
      }
      return n;
    }
  }

  // --- Behaviors --------------------------------------------------------------------------------

  /** Answers with {@code status} and no body, plus any extra header lines. */
  public static Behavior status(int status, String... headers) {
    return (request, out) -> {
      StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
      for (String h : headers) {
        sb.append(h).append("\r\n");
      }
      sb.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
      out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    };
  }

  /** A healthy OTLP/HTTP collector: 200 with an empty (zero-byte) protobuf response. */
  public static Behavior ok() {
    return status(200, "Content-Type: application/x-protobuf");
  }

  /** Reads the request and never answers, holding the connection open until closed. */
  public static Behavior silent() {
    return (request, out) -> Thread.sleep(Long.MAX_VALUE);
  }

  /** Starts a 200 answer, then drips its headers one byte every 50 ms, never finishing. */
  public static Behavior slowDrip() {
    return (request, out) -> {
      out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      while (true) {
        out.write('x');
        out.flush();
        Thread.sleep(50);
      }
    };
  }

  /** 200 announcing a 64 MiB body and streaming zeros as fast as the client reads. */
  public static Behavior oversized() {
    return (request, out) -> {
      long size = 64L << 20;
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: " + size
          + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = new byte[64 * 1024];
      for (long sent = 0; sent < size; sent += chunk.length) {
        out.write(chunk);
      }
    };
  }

  /** 307 to {@code location}. */
  public static Behavior redirectTo(String location) {
    return status(307, "Location: " + location);
  }
}
