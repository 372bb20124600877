package com.goteleport.tbot.otel.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real OTLP/HTTP logs receiver on 127.0.0.1: accepts POSTs, keeps every request's raw bytes
 * (request line, headers, body) and decodes bodies with the official {@code opentelemetry-proto}
 * classes. Answers 200 with an empty {@code ExportLogsServiceResponse} unless told otherwise.
 */
public final class OtlpReceiver implements AutoCloseable {

  /** One request as it arrived. */
  public record Received(String requestLine, Map<String, List<String>> headers, byte[] body) {
    /** The body decoded as an OTLP logs export request. */
    public ExportLogsServiceRequest decode() {
      try {
        return ExportLogsServiceRequest.parseFrom(body);
      } catch (IOException e) {
        throw new AssertionError("body is not an ExportLogsServiceRequest", e);
      }
    }

    /** Everything the client sent, as text, for searching. */
    public String rawText() {
      return requestLine + "\n" + headers + "\n" + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Received> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile long delayMillis;

  private OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
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
    try {
      return new OtlpReceiver();
    } catch (IOException e) {
      throw new AssertionError("cannot start the receiver", e);
    }
  }

  /** The full logs URL, {@code http://127.0.0.1:PORT/v1/logs}. */
  public String url() {
    return "http://127.0.0.1:" + port() + "/v1/logs";
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

  /** Answers only after {@code delay} from now on (the request is recorded at once). */
  public OtlpReceiver respondAfter(Duration delay) {
    this.delayMillis = delay.toMillis();
    return this;
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
      byte[] body = in.readNBytes(1 << 20);
      String line = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getProtocol();
      requests.add(new Received(line, Map.copyOf(exchange.getRequestHeaders()), body));
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] reply = status == 200 ? ExportLogsServiceResponse.getDefaultInstance().toByteArray() : new byte[0];
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
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
