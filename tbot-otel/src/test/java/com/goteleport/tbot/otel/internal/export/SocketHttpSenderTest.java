package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.export.LoopbackServer;
import com.goteleport.tbot.otel.testing.Events;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import javax.annotation.Nullable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The socket sender's protocol edges, against real loopback servers. */
class SocketHttpSenderTest {

  static final Duration BUDGET = Duration.ofSeconds(2);
  static final StartEvent EVENT = StartEvent.builder().setVersion("18.1.0").build();

  // --- IPv6 literals: one pair of brackets in CONNECT and Host ---

  @Test
  void authorityBracketsAnIpv6LiteralOnce() {
    assertEquals("[2001:db8::1]:443", Connector.authority("[2001:db8::1]", 443), "as URI.getHost gives it");
    assertEquals("[2001:db8::1]:443", Connector.authority("2001:db8::1", 443));
    assertEquals("[::1]:4318", Connector.authority("::1", 4318));
    assertEquals("collector.example.com:443", Connector.authority("collector.example.com", 443));
    assertEquals("10.0.0.1:80", Connector.authority("10.0.0.1", 80));
    assertEquals("2001:db8::1", Connector.bareHost("[2001:db8::1]"));
    assertEquals("example.com", Connector.bareHost("example.com"));
  }

  @Test
  void ipv6CollectorThroughAProxyIsNamedWithOneBracketPair() {
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502))) {
      Delivery d = EventSender.send(EVENT, URI.create("https://[2001:db8::1]/v1/logs"), BUDGET,
          Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port()));

      assertEquals(Delivery.FAILED, d, "the proxy refused the tunnel");
      LoopbackServer.Request connect = proxy.requests().get(0);
      assertEquals("CONNECT [2001:db8::1]:443 HTTP/1.1", connect.requestLine());
      assertTrue(connect.head().contains("\r\nHost: [2001:db8::1]:443\r\n"), connect.head());
    }
  }

  @Test
  void ipv6CollectorsHostHeaderHasOneBracketPair() {
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.ok())) {
      Delivery d = EventSender.send(EVENT, URI.create("http://[2001:db8::1]:4318/v1/logs"), BUDGET,
          Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port()));

      assertEquals(Delivery.DELIVERED, d);
      LoopbackServer.Request post = proxy.requests().get(0);
      assertEquals("POST http://[2001:db8::1]:4318/v1/logs HTTP/1.1", post.requestLine());
      assertTrue(post.head().contains("\r\nHost: [2001:db8::1]:4318\r\n"), post.head());
    }
  }

  // --- when the exporter hears of the outcome ---

  @Test
  void aSuccessIsReportedAtOnce() {
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok())) {
      Outcome outcome = Outcome.of(sender(URI.create(collector.url()), ProxySelector.getDefault()));
      assertEquals(200, outcome.status.get(), String.valueOf(outcome.error.get()));
      assertTrue(outcome.reportedBeforeShutdown);
    }
  }

  /** Reported after the exporter's shutdown, the SDK logs a failure at FINE: see SdkRecordsTest. */
  @Test
  void aFailedAnswerOrAnErrorIsReportedOnlyAtShutdown() throws Exception {
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.status(500))) {
      Outcome outcome = Outcome.of(sender(URI.create(collector.url()), ProxySelector.getDefault()));
      assertEquals(500, outcome.status.get(), String.valueOf(outcome.error.get()));
      assertFalse(outcome.reportedBeforeShutdown);
    }
    int closed = com.goteleport.tbot.otel.export.Fault.closedPort(); // held: no one else listens there
    Outcome refused = Outcome.of(sender(URI.create("http://127.0.0.1:" + closed + "/v1/logs"), ProxySelector.getDefault()));
    assertNotNull(refused.error.get());
    assertFalse(refused.reportedBeforeShutdown);
  }

  /**
   * Go's https listener answers a plain HTTP request with HTTP/1.0 400, no headers, and a sentence
   * (the hint: use https://); another server's HTTP/1.0 400 has headers (Python's http.server).
   */
  @Test
  void onlyAnHttp10BadRequestWithoutHeadersReadsAsAnHttpsListenersAnswer() throws Exception {
    String go = "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n";
    String python = "HTTP/1.0 400 Bad Request\r\nServer: BaseHTTP/0.6 Python/3.11.7\r\nContent-Length: 0\r\n\r\n";
    for (String answer : List.of(go, python)) {
      try (LoopbackServer collector = LoopbackServer.start(
          (request, out) -> out.write(answer.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))) {
        Outcome outcome = Outcome.of(sender(URI.create(collector.url()), ProxySelector.getDefault()));
        assertEquals(400, outcome.status.get(), String.valueOf(outcome.error.get()));
        assertEquals(answer.equals(go), outcome.plainAnswerOfTls, answer);
      }
    }
  }

  @Test
  void aFailureIsReportedOnceWhateverTheShutdowns() {
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.status(503))) {
      SocketHttpSender sender = sender(URI.create(collector.url()), ProxySelector.getDefault());
      java.util.concurrent.atomic.AtomicInteger reports = new java.util.concurrent.atomic.AtomicInteger();
      sender.send(new MessageWriter() {
        @Override
        public void writeMessage(OutputStream out) throws IOException {
          out.write(1);
        }

        @Override
        public int getContentLength() {
          return 1;
        }
      }, r -> reports.incrementAndGet(), e -> reports.incrementAndGet());
      assertEquals(0, reports.get());
      sender.shutdown();
      sender.shutdown();
      assertEquals(1, reports.get());
    }
  }

  // --- a proxy it cannot speak: fail, never go around it ---

  @Test
  void socksProxyFailsTheSendAndNothingGoesDirect() {
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok());
        LoopbackServer socks = LoopbackServer.start(LoopbackServer.ok())) {
      ProxySelector jvmDefault = new FixedSelector(
          new Proxy(Proxy.Type.SOCKS, new InetSocketAddress(InetAddress.getLoopbackAddress(), socks.port())));
      // No proxy variable: EnvProxySelector defers to the JVM's selector, as in production.
      ProxySelector selector = new EnvProxySelector(Map.of(), jvmDefault);
      Outcome outcome = Outcome.of(sender(URI.create(collector.url()), selector));

      assertNull(outcome.status.get(), "no answer");
      assertNotNull(outcome.error.get());
      assertTrue(outcome.error.get().getMessage().contains("unsupported proxy type"), outcome.error.get().toString());
      assertEquals(0, collector.connections(), "the host's proxy was not bypassed");
      assertEquals(0, socks.connections());
    }
  }

  @Test
  void httpProxyFromTheJvmSelectorIsStillUsed() {
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.ok())) {
      ProxySelector jvmDefault = new FixedSelector(
          new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port())));
      Outcome outcome = Outcome.of(sender(URI.create("http://collector.example.invalid/v1/logs"),
          new EnvProxySelector(Map.of(), jvmDefault)));

      assertEquals(200, outcome.status.get(), String.valueOf(outcome.error.get()));
      assertEquals(1, proxy.requests().size());
    }
  }

  // --- interim answers ---

  @Test
  void interimAnswersAreSkippedUpToTheFinalStatus() {
    try (LoopbackServer collector = LoopbackServer.start(raw(
        "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))) {
      assertEquals(Delivery.DELIVERED, EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of()));
    }
  }

  @Test
  void theFinalStatusAfterAnInterimOneDecides() {
    try (LoopbackServer collector = LoopbackServer.start(raw(
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n"))) {
      assertEquals(Delivery.FAILED, EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of()));
    }
    try (LoopbackServer collector = LoopbackServer.start(raw("HTTP/1.1 100 Continue\r\n\r\n"))) {
      assertEquals(Delivery.FAILED, EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of()),
          "an interim answer alone is no delivery");
    }
  }

  /**
   * Five interim answers are skipped and a sixth fails the send, as in Go's client (tbot's), whose
   * Transport allows five ({@code max1xxResponses} in golang/go src/net/http/transport.go).
   */
  @ParameterizedTest(name = "{0} interim answers -> {1}")
  @CsvSource({"5, DELIVERED", "6, FAILED"})
  void atMostFiveInterimAnswersAreSkipped(int interim, Delivery expected) {
    String answer = "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n".repeat(interim)
        + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    try (LoopbackServer collector = LoopbackServer.start(raw(answer))) {
      assertEquals(expected, EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of()));
    }
  }

  /** The debug line of a send the sixth interim answer failed says why, in the sender's words. */
  @Test
  void aSixthInterimAnswerIsNamedInTheDebugLine() {
    String answer = "HTTP/1.1 103 Early Hints\r\n\r\n".repeat(6) + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    try (LoopbackServer collector = LoopbackServer.start(raw(answer))) {
      String out = ProxyTest.debugOutput(() -> assertEquals(Delivery.FAILED,
          EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of())));

      assertTrue(out.contains(": FAILED after ") && out.contains(" ms (java.io.IOException: too many interim (1xx) answers)\n"),
          out);
    }
  }

  /**
   * A peer that never stops sending interim answers, or the header lines of one, fails the send
   * at once: they were read byte by byte until the deadline, a core kept busy for the whole send
   * timeout (10 s by default) beside the agent starting up.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"HTTP/1.1 100 Continue\r\n\r\n", "X-Hint: a\r\n"})
  void anEndlessStreamOfInterimAnswersOrOfTheirHeadersFailsAtOnce(String repeated) {
    String start = repeated.startsWith("HTTP/") ? "" : "HTTP/1.1 103 Early Hints\r\n";
    String why = start.isEmpty() ? "too many interim (1xx) answers" : "answer headers too long";
    try (LoopbackServer collector = LoopbackServer.start(endless(start, repeated))) {
      long begin = System.nanoTime();
      Delivery[] d = new Delivery[1];
      String out = ProxyTest.debugOutput(() -> d[0] = EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of()));
      Duration took = Duration.ofNanos(System.nanoTime() - begin);

      assertEquals(Delivery.FAILED, d[0], "took " + took.toMillis() + " ms");
      assertTrue(took.compareTo(BUDGET) < 0, "failed before the deadline: " + took.toMillis() + " ms");
      assertTrue(out.contains("(java.io.IOException: " + why + ")\n"), out);
    }
  }

  @Test
  void switchingProtocolsIsAFinalAnswerNotADelivery() {
    // 101 is final (this sender never asks to switch): what follows it is no longer HTTP, so a
    // 200 after it must not count as a delivery.
    try (LoopbackServer collector = LoopbackServer.start(raw(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))) {
      assertEquals(Delivery.FAILED, EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of()));
    }
  }

  @Test
  void anAnswerWithBareLineFeedsIsRead() {
    try (LoopbackServer collector = LoopbackServer.start(raw("HTTP/1.1 200 OK\nContent-Length: 0\n\n"))) {
      assertEquals(Delivery.DELIVERED, EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of()));
    }
    try (LoopbackServer collector = LoopbackServer.start(raw("HTTP/1.1 100 Continue\n\nHTTP/1.1 200 OK\n\n"))) {
      assertEquals(Delivery.DELIVERED, EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of()));
    }
  }

  /** As the SDK's exporter reads the status: any 2xx is a delivery, 300 and up a failure (not followed). */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"204, DELIVERED", "299, DELIVERED", "300, FAILED"})
  void a2xxIsADeliveryAndNothingElse(int status, Delivery expected) {
    String answer = "HTTP/1.1 " + status + " X\r\nContent-Length: 0\r\n\r\n";
    try (LoopbackServer collector = LoopbackServer.start(raw(answer))) {
      assertEquals(expected, EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of()));
      assertEquals(1, collector.requests().size());
    }
  }

  /** A status Go's ReadResponse refuses is no delivery here either: a failed send, nothing thrown. */
  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"HTTP/1.1 +200 OK", "HTTP/1.1 0200 OK", "HTTP/1.1 200.0 OK", "HTTP/x 200 OK"})
  void aStatusLineGoRefusesIsAFailedDelivery(String statusLine) {
    try (LoopbackServer collector = LoopbackServer.start(raw(statusLine + "\r\nContent-Length: 0\r\n\r\n"))) {
      assertEquals(Delivery.FAILED, EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of()));
      assertEquals(1, collector.requests().size(), "the request was sent and answered");
    }
  }

  /**
   * The collector's bytes never reach the debug output or the log: a status line made to clear the
   * terminal line and print a fake outcome over the real one is reported without them.
   */
  @Test
  void aMalformedStatusIsReportedWithoutTheCollectorsBytes() {
    String forged = "\u001b[2K\rtbot.start:DELIVERED";
    try (LoopbackServer collector = LoopbackServer.start(raw("HTTP/1.1 " + forged + " x\r\n\r\n"))) {
      String out = ProxyTest.debugOutput(() -> assertEquals(Delivery.FAILED,
          EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of())));

      assertTrue(out.contains("malformed HTTP status code"), out);
      assertFalse(out.contains("\u001b") || out.contains("\r") || out.contains(":DELIVERED"), out);
    }
  }

  // --- what is sent: the event itself, gzipped, with its exact length ---

  @Test
  void theBodyIsTheEventAsAnOtlpRequest() throws Exception {
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok())) {
      assertEquals(Delivery.DELIVERED, EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of()));
      LoopbackServer.Request post = collector.requests().get(0);
      assertEquals("POST /v1/logs HTTP/1.1", post.requestLine());
      assertTrue(post.head().contains("\r\nContent-Encoding: gzip\r\n"), post.head());
      assertTrue(post.head().contains("\r\nContent-Length: " + post.body().length + "\r\n"), post.head());
      ExportLogsServiceRequest request;
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(post.body()))) {
        request = ExportLogsServiceRequest.parseFrom(in);
      }
      LogRecord record = request.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
      assertEquals(EventSchema.EVENT_NAME, record.getEventName());
      assertEquals(Events.expected("continuous", "18.1.0", "token", 0, 0, 0, 0), Events.attributes(record));
    }
  }

  // --- the TLS handshake is bounded as a whole, not read by read ---

  @Test
  void tlsHandshakeDrippingBytesEndsAtTheDeadline() throws Exception {
    Duration budget = Duration.ofSeconds(1);
    try (DrippingTlsServer server = new DrippingTlsServer()) {
      long start = System.nanoTime();
      Delivery d = EventSender.send(EVENT, URI.create("https://127.0.0.1:" + server.port() + "/v1/logs"), budget,
          Map.of());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertNotEquals(Delivery.DELIVERED, d);
      assertTrue(server.dripped() > 0, "the handshake was under way");
      // The server drips for up to 10 s; without a bound on the whole handshake the send lasts that long.
      assertTrue(took.compareTo(budget.plusSeconds(3)) < 0, "bounded by the budget: " + took);
      // The connection's thread gives up at the deadline too, closing the socket: it is not left
      // blocked in a read (holding a thread and a socket in a long-running agent) for as long as
      // the peer drips.
      assertTrue(server.clientGone.await(3, TimeUnit.SECONDS), "the client closed the connection at the deadline");
    }
  }

  // --- helpers ---

  /** Answers every request with {@code answer}, as is. */
  static LoopbackServer.Behavior raw(String answer) {
    return (request, out) -> out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Answers with {@code start}, then {@code repeated} as fast as the client reads, for at most 10 s. */
  static LoopbackServer.Behavior endless(String start, String repeated) {
    return (request, out) -> {
      out.write(start.getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = repeated.repeat(1024).getBytes(StandardCharsets.ISO_8859_1);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < end) {
        out.write(chunk); // throws once the client has closed the connection
      }
    };
  }

  /**
   * Accepts one connection and sends what looks like the start of a 16 KiB TLS record, then one
   * more byte every 200 ms, for at most 10 s: each read gets a byte well within any socket timeout.
   */
  static final class DrippingTlsServer implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicReference<Socket> accepted = new AtomicReference<>();
    private volatile int dripped;
    /** Counted down once a drip fails: the client closed the connection. */
    final CountDownLatch clientGone = new CountDownLatch(1);

    DrippingTlsServer() throws IOException {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      Thread t = new Thread(this::run, "dripping-tls-" + server.getLocalPort());
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int dripped() {
      return dripped;
    }

    private void run() {
      try (Socket s = server.accept()) {
        accepted.set(s);
        s.getInputStream().read(new byte[8192]); // the ClientHello
        OutputStream out = s.getOutputStream();
        out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00}); // handshake record, 16384 bytes long
        out.flush();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
          out.write(0x02);
          out.flush();
          dripped++;
          Thread.sleep(200);
        }
      } catch (IOException e) {
        clientGone.countDown(); // the client gave up: expected
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      Socket s = accepted.get();
      if (s != null) {
        s.close();
      }
    }
  }

  static SocketHttpSender sender(URI endpoint, ProxySelector selector) {
    Config config = new Config(endpoint, selector);
    long timeout = config.getTimeout().toNanos();
    Connector connector = new Connector(endpoint, selector, timeout, new InFlight());
    return new SocketHttpSender(config, EarlyConnection.start(connector, System.nanoTime() + timeout, null));
  }

  /** The answer or error of one synchronous send of a few bytes, the sender then shut down. */
  static final class Outcome {
    final AtomicReference<Integer> status = new AtomicReference<>();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    /** Whether the answer read as Go's https listener's to a plain HTTP request. */
    volatile boolean plainAnswerOfTls;
    /** Whether the outcome was reported before the sender was shut down. */
    boolean reportedBeforeShutdown;

    static Outcome of(SocketHttpSender sender) {
      Outcome o = unfinished(sender);
      o.reportedBeforeShutdown = o.status.get() != null || o.error.get() != null;
      sender.shutdown();
      return o;
    }

    static Outcome unfinished(SocketHttpSender sender) {
      Outcome o = new Outcome();
      sender.send(new MessageWriter() {
        @Override
        public void writeMessage(OutputStream out) throws IOException {
          out.write(new byte[] {1, 2, 3});
        }

        @Override
        public int getContentLength() {
          return 3;
        }
      }, (HttpResponse r) -> {
        o.plainAnswerOfTls = r instanceof SocketHttpSender.Response && ((SocketHttpSender.Response) r).plainAnswerOfTls();
        o.status.set(r.getStatusCode());
      }, o.error::set);
      return o;
    }
  }

  /** Always the same proxy, as a JVM-wide selector might choose. */
  static final class FixedSelector extends ProxySelector {
    private final Proxy proxy;

    FixedSelector(Proxy proxy) {
      this.proxy = proxy;
    }

    @Override
    public List<Proxy> select(URI uri) {
      return List.of(proxy);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
  }

  /** The exporter's settings as EventSender makes them: protobuf, no compression, one timeout. */
  static final class Config implements HttpSenderConfig {
    private final URI endpoint;
    private final ProxySelector selector;

    Config(URI endpoint, ProxySelector selector) {
      this.endpoint = endpoint;
      this.selector = selector;
    }

    @Override
    public URI getEndpoint() {
      return endpoint;
    }

    @Override
    public String getContentType() {
      return "application/x-protobuf";
    }

    @Nullable
    @Override
    public Compressor getCompressor() {
      return null;
    }

    @Override
    public Duration getTimeout() {
      return BUDGET;
    }

    @Override
    public Duration getConnectTimeout() {
      return BUDGET;
    }

    @Override
    public Supplier<Map<String, List<String>>> getHeadersSupplier() {
      return Map::of;
    }

    @Override
    public ProxyOptions getProxyOptions() {
      return ProxyOptions.create(selector);
    }

    @Nullable
    @Override
    public RetryPolicy getRetryPolicy() {
      return null;
    }

    @Nullable
    @Override
    public SSLContext getSslContext() {
      return null;
    }

    @Nullable
    @Override
    public X509TrustManager getTrustManager() {
      return null;
    }

    @Nullable
    @Override
    public ExecutorService getExecutorService() {
      return null;
    }
  }
}
