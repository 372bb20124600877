package com.goteleport.tbot.otel.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.annotation.Nullable;
import javax.net.ssl.SSLContext;

/**
 * A real OTLP/HTTP logs receiver on 127.0.0.1: accepts POSTs, keeps every request's raw bytes
 * (request line, headers, body) and decodes bodies with the official {@code opentelemetry-proto}
 * classes. Answers 200 with an empty {@code ExportLogsServiceResponse} unless told otherwise. A
 * gzip body is inflated, as a collector does, so that every check reads what was sent.
 */
public final class OtlpReceiver implements AutoCloseable {

  /**
   * One request as it arrived: {@code body} is the payload ({@code Content-Encoding} undone),
   * {@code wireBody} the bytes that crossed the socket after the head.
   */
  public record Received(String requestLine, Map<String, List<String>> headers, byte[] body, byte[] wireBody) {
    /** The body decoded as an OTLP logs export request. */
    public ExportLogsServiceRequest decode() {
      try {
        return ExportLogsServiceRequest.parseFrom(body);
      } catch (IOException e) {
        throw new AssertionError("body is not an ExportLogsServiceRequest", e);
      }
    }

    /**
     * The request line, headers and body as decoded OTLP (or the body's length): where a test
     * counts more requests than it sent, this says where the other one came from (a closed port of
     * another test that this receiver was given, say).
     */
    @Override
    public String toString() {
      String decoded;
      try {
        decoded = ExportLogsServiceRequest.parseFrom(body).toString().replaceAll("\\s+", " ");
      } catch (IOException | RuntimeException e) {
        decoded = body.length + " bytes, not OTLP logs";
      }
      return requestLine + " " + headers + " " + decoded;
    }

    /** Everything the client sent, as text, for searching. */
    public String rawText() {
      return requestLine + "\n" + headers + "\n" + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  private final HttpServer server;
  private final String scheme;
  private final ExecutorService executor;
  private final List<Received> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile long delayMillis;
  @Nullable private volatile String location;
  private volatile CountDownLatch held = new CountDownLatch(0);

  private OtlpReceiver(@Nullable SSLContext tls) throws IOException {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(loopback, 16);
      scheme = "http";
    } else {
      HttpsServer https = HttpsServer.create(loopback, 16);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
      scheme = "https";
    }
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "otlp-receiver");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a receiver on a free loopback port. */
  public static OtlpReceiver start() {
    return start(null);
  }

  /** Starts a receiver that speaks TLS with {@code tls} (plain HTTP when {@code null}). */
  public static OtlpReceiver start(@Nullable SSLContext tls) {
    try {
      return new OtlpReceiver(tls);
    } catch (IOException e) {
      throw new AssertionError("cannot start the receiver", e);
    }
  }

  /** The full logs URL, {@code http://127.0.0.1:PORT/v1/logs} ({@code https} with TLS). */
  public String url() {
    return scheme + "://127.0.0.1:" + port() + "/v1/logs";
  }

  /** The port listened on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Sets the status code answered from now on. */
  public OtlpReceiver respondWith(int status) {
    this.status = status;
    return this;
  }

  /**
   * Answers 307 with {@code location} from now on, as an OpenTelemetry Collector (Go's server)
   * answers a path with an empty, {@code .} or {@code ..} segment.
   */
  public OtlpReceiver redirectTo(String location) {
    this.location = location;
    return respondWith(307);
  }

  /** Answers only after {@code delay} from now on (the request is recorded at once). */
  public OtlpReceiver respondAfter(Duration delay) {
    this.delayMillis = delay.toMillis();
    return this;
  }

  /**
   * Holds every answer from now on until {@link #release()} (the request is recorded at once): a
   * send stays under way for as long as a test needs, whatever the machine's load.
   */
  public OtlpReceiver holdAnswers() {
    this.held = new CountDownLatch(1);
    return this;
  }

  /** Lets the held answers go, and any later one. */
  public void release() {
    held.countDown();
  }

  /** Every request so far. */
  public List<Received> requests() {
    return new ArrayList<>(requests);
  }

  /** Waits until at least {@code count} requests arrived or the timeout passes; returns them. */
  public List<Received> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (requests.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return requests();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      byte[] wire = in.readNBytes(1 << 20);
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      byte[] body = wire;
      if ("gzip".equalsIgnoreCase(encoding)) {
        try (InputStream inflated = new GZIPInputStream(new java.io.ByteArrayInputStream(wire))) {
          body = inflated.readNBytes(1 << 20);
        }
      }
      String line = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getProtocol();
      requests.add(new Received(line, Map.copyOf(exchange.getRequestHeaders()), body, wire));
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      try {
        held.await(); // close() interrupts it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      byte[] reply = status == 200 ? ExportLogsServiceResponse.getDefaultInstance().toByteArray() : new byte[0];
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      if (location != null) {
        exchange.getResponseHeaders().add("Location", location);
      }
      exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
      if (reply.length > 0) {
        exchange.getResponseBody().write(reply);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
