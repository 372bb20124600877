package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.export.LoopbackServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proxies as the rest of tbot uses them ({@code HTTPS_PROXY}/{@code https_proxy}, {@code
 * HTTP_PROXY}, {@code NO_PROXY}), against a loopback proxy that records what it is asked. The
 * collector's name ends in {@code .invalid}, so only the proxy path can get anywhere.
 */
class ProxyTest {

  static final Duration BUDGET = Duration.ofSeconds(2);
  static final StartEvent EVENT = StartEvent.builder().setVersion("18.1.0").build();
  static final URI UNRESOLVABLE = URI.create(Fault.UNRESOLVABLE_HTTPS_ENDPOINT);

  static String proxyUrl(LoopbackServer proxy) {
    return "http://127.0.0.1:" + proxy.port();
  }

  @Test
  void httpsGoesThroughAConnectTunnel() throws Exception {
    for (String variable : new String[] {"HTTPS_PROXY", "https_proxy"}) {
      try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502))) {
        Delivery d = EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of(variable, proxyUrl(proxy)));

        assertEquals(Delivery.FAILED, d, "the proxy refused the tunnel");
        assertEquals(1, proxy.requests().size(), variable);
        LoopbackServer.Request connect = proxy.requests().get(0);
        assertEquals("CONNECT collector.example.invalid:443 HTTP/1.1", connect.requestLine(), variable);
        assertTrue(connect.head().contains("Host: collector.example.invalid:443\r\n"), connect.head());
      }
    }
  }

  /**
   * A refused CONNECT ends the send at once, saying why: a proxy that wants credentials (407) and
   * keeps the connection open must not have the TLS handshake started on it, to wait out the
   * budget for an answer that never comes.
   */
  @Test
  void aRefusedTunnelFailsAtOnceWithTheProxysStatus() throws Exception {
    LoopbackServer.Behavior wantsCredentials = (request, out) -> {
      out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n"
          + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread.sleep(Long.MAX_VALUE); // keeps the connection open, as proxies do
    };
    try (LoopbackServer proxy = LoopbackServer.start(wantsCredentials)) {
      Delivery[] d = new Delivery[1];
      long t0 = System.nanoTime();
      String out = debugOutput(() -> d[0] = EventSender.send(EVENT, UNRESOLVABLE, BUDGET,
          Map.of("HTTPS_PROXY", proxyUrl(proxy))));
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      assertEquals(Delivery.FAILED, d[0], out);
      assertTrue(out.contains("not connected: java.io.IOException: proxy refused CONNECT: 407"), out);
      assertTrue(took.compareTo(BUDGET) < 0, "ended on the answer, not at the deadline: " + took);
    }
  }

  @Test
  void plainHttpIsForwardedWithAnAbsoluteTarget() throws Exception {
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.ok())) {
      Delivery d = EventSender.send(EVENT, URI.create("http://collector.example.invalid:4318/v1/logs"), BUDGET,
          Map.of("HTTP_PROXY", proxyUrl(proxy)));

      assertEquals(Delivery.DELIVERED, d);
      assertEquals("POST http://collector.example.invalid:4318/v1/logs HTTP/1.1", proxy.requests().get(0).requestLine());
      assertTrue(proxy.requests().get(0).body().length > 0);
    }
  }

  @Test
  void credentialsInTheProxyUrlAreSentToTheProxy() throws Exception {
    String basic = "Proxy-Authorization: Basic "
        + Base64.getEncoder().encodeToString("alice:s@cret+1".getBytes(StandardCharsets.UTF_8)) + "\r\n";
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502))) {
      String url = "http://alice:s%40cret+1@127.0.0.1:" + proxy.port();
      assertEquals(Delivery.FAILED, EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of("HTTPS_PROXY", url)));
      assertTrue(proxy.requests().get(0).head().contains(basic), proxy.requests().get(0).head());
    }
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.ok())) {
      String url = "alice:s%40cret+1@127.0.0.1:" + proxy.port(); // no scheme: http, as Go reads it
      assertEquals(Delivery.DELIVERED, EventSender.send(EVENT, URI.create("http://collector.example.invalid/v1/logs"),
          BUDGET, Map.of("HTTP_PROXY", url)));
      assertTrue(proxy.requests().get(0).head().contains(basic), proxy.requests().get(0).head());
    }
  }

  /**
   * Run as CGI ({@code REQUEST_METHOD} set), a client's {@code Proxy:} header arrives as
   * {@code HTTP_PROXY} ("httpoxy"): Go refuses it for http, and so does this, even for a loopback
   * collector; nothing is sent. HTTPS_PROXY is still used for https.
   */
  @Test
  void underCgiHttpProxyIsRefusedAndNothingIsSent() throws Exception {
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.ok());
        LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok())) {
      for (String endpoint : new String[] {"http://collector.example.invalid/v1/logs",
          "http://127.0.0.1:" + collector.port() + "/v1/logs"}) {
        String out = debugOutput(() -> assertEquals(Delivery.FAILED, EventSender.send(EVENT, URI.create(endpoint),
            BUDGET, Map.of("HTTP_PROXY", proxyUrl(proxy), "REQUEST_METHOD", "GET"))));
        assertTrue(out.contains("HTTP_PROXY (or http_proxy) is not used under CGI (REQUEST_METHOD is set)"), out);
      }
      assertEquals(0, proxy.connections(), "the proxy a request named");
      assertEquals(0, collector.connections(), "nor around it");
      assertEquals(Delivery.DELIVERED, EventSender.send(EVENT, URI.create("http://127.0.0.1:" + collector.port()
          + "/v1/logs"), BUDGET, Map.of("HTTP_PROXY", proxyUrl(proxy), "REQUEST_METHOD", "")), "empty: not CGI");
    }
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502))) {
      EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of("HTTPS_PROXY", proxyUrl(proxy), "REQUEST_METHOD", "GET"));
      assertTrue(proxy.requests().get(0).head().startsWith("CONNECT "), "HTTPS_PROXY is used under CGI too");
    }
  }

  @Test
  void aProxyWithoutCredentialsIsSentNoAuthorization() throws Exception {
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502))) {
      EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of("HTTPS_PROXY", proxyUrl(proxy)));
      assertFalse(proxy.requests().get(0).head().toLowerCase(Locale.ROOT).contains("proxy-authorization"),
          proxy.requests().get(0).head());
    }
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.ok())) {
      EventSender.send(EVENT, URI.create("http://collector.example.invalid/v1/logs"), BUDGET,
          Map.of("HTTP_PROXY", proxyUrl(proxy)));
      assertFalse(proxy.requests().get(0).head().toLowerCase(Locale.ROOT).contains("proxy-authorization"),
          proxy.requests().get(0).head());
    }
  }

  @Test
  void anEmptyUserNameIsSentAsGoSendsIt() throws Exception {
    // Go's transport sends "Basic " + base64(user + ":" + password) whenever the URL has user info.
    String basic = "Proxy-Authorization: Basic "
        + Base64.getEncoder().encodeToString(":t0ken".getBytes(StandardCharsets.UTF_8)) + "\r\n";
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502))) {
      EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of("HTTPS_PROXY", "http://:t0ken@127.0.0.1:" + proxy.port()));
      assertTrue(proxy.requests().get(0).head().contains(basic), proxy.requests().get(0).head());
    }
  }

  /**
   * Go's Transport opens the tunnel on a 200 only ({@code resp.StatusCode != 200} fails its dial);
   * any other answer, another 2xx included, fails the send before anything more is written.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"HTTP/1.1 204 No Content\r\n\r\n", "HTTP/1.1 206 Partial Content\r\n\r\n",
      "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 0200 OK\r\n\r\n"})
  void onlyA200OpensTheTunnel(String answer) throws Exception {
    try (ConnectAnswerProxy proxy = new ConnectAnswerProxy(answer)) {
      long start = System.nanoTime();
      Delivery d = EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of("HTTPS_PROXY", proxy.url()));

      assertEquals(0, proxy.sentAfterAnswer().length, "nothing written into a tunnel that was not opened");
      assertTrue(proxy.head().startsWith("CONNECT collector.example.invalid:443 HTTP/1.1\r\n"), proxy.head());
      assertEquals(Delivery.FAILED, d);
      assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(BUDGET) < 0, "failed at once");
    }
  }

  /**
   * A 200's headers are skipped, a {@code Content-Length} among them ignored (RFC 9110 9.3.6; Go
   * reads no body either): the TLS handshake starts right after the empty line.
   */
  @Test
  void aConnect200sHeadersAreSkippedAndItsContentLengthIgnored() throws Exception {
    try (ConnectAnswerProxy proxy = new ConnectAnswerProxy(
        "HTTP/1.1 200 Connection established\r\nProxy-Agent: test\r\nContent-Length: 1000\r\n\r\n")) {
      Delivery d = EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of("HTTPS_PROXY", proxy.url()));

      assertEquals(Delivery.TIMED_OUT, d, "the tunnel leads nowhere: no TLS server answers");
      byte[] after = proxy.sentAfterAnswer();
      assertTrue(after.length > 5 && after[0] == 0x16 && after[1] == 0x03, "a TLS ClientHello at once");
    }
  }

  /**
   * A proxy whose 200 never ends its headers fails the send at once: they were read byte by byte,
   * a core kept busy until the deadline, and none of the collector's TLS is spoken after them.
   */
  @Test
  void aConnect200WithoutEndToItsHeadersFailsAtOnce() throws Exception {
    String answer = "HTTP/1.1 200 Connection established\r\n" + "X-Hint: a\r\n".repeat(200_000);
    try (ConnectAnswerProxy proxy = new ConnectAnswerProxy(answer)) {
      long start = System.nanoTime();
      Delivery d = EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of("HTTPS_PROXY", proxy.url()));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertEquals(Delivery.FAILED, d, "took " + took.toMillis() + " ms");
      assertTrue(took.compareTo(BUDGET) < 0, "failed before the deadline: " + took.toMillis() + " ms");
      assertEquals(0, proxy.sentAfterAnswer().length, "nothing written into the tunnel");
    }
  }

  /**
   * The ClientHello names the endpoint's host (SNI, in clear, as privacy.md says) and no other:
   * its server_name extension holds that one host name, and nothing else in it spells one.
   */
  @Test
  void theClientHelloNamesOnlyTheEndpointsHost() throws Exception {
    try (ConnectAnswerProxy proxy = new ConnectAnswerProxy("HTTP/1.1 200 Connection established\r\n\r\n")) {
      EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of("HTTPS_PROXY", proxy.url()));
      byte[] hello = proxy.sentAfterAnswer();
      assertTrue(hello.length > 5 && hello[0] == 0x16 && hello[5] == 0x01, "a TLS ClientHello");
      int p = 5 + 4 + 2 + 32; // record header, handshake header, legacy_version, random
      p += 1 + (hello[p] & 0xff); // session id
      p += 2 + u16(hello, p); // cipher suites
      p += 1 + (hello[p] & 0xff); // compression methods
      int end = p + 2 + u16(hello, p);
      List<String> names = new ArrayList<>();
      for (p += 2; p < end; p += 4 + u16(hello, p + 2)) {
        if (u16(hello, p) == 0) { // server_name: list length, then (name type 0, length, name)...
          for (int q = p + 6; q < p + 4 + u16(hello, p + 2); q += 3 + u16(hello, q + 1)) {
            names.add(new String(hello, q + 3, u16(hello, q + 1), StandardCharsets.US_ASCII));
          }
        }
      }
      assertEquals(List.of(UNRESOLVABLE.getHost()), names, "SNI");
      String text = new String(hello, StandardCharsets.ISO_8859_1);
      assertEquals(text.indexOf(UNRESOLVABLE.getHost()), text.lastIndexOf(UNRESOLVABLE.getHost()),
          "the host is named once");
    }
  }

  /** The big-endian unsigned 16-bit number at {@code at}, as TLS writes its lengths and types. */
  static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  /**
   * A proxy that reads one request head, answers it with a fixed text, then records what the
   * client sends next until the client closes the connection (at most 10 s).
   */
  static final class ConnectAnswerProxy implements AutoCloseable {
    private final java.net.ServerSocket server;
    private final String answer;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final ByteArrayOutputStream after = new ByteArrayOutputStream();
    private final CountDownLatch done = new CountDownLatch(1);

    ConnectAnswerProxy(String answer) throws IOException {
      this.server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
      this.answer = answer;
      Thread t = new Thread(this::run, "connect-answer-proxy-" + server.getLocalPort());
      t.setDaemon(true);
      t.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void run() {
      try (java.net.Socket s = server.accept()) {
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        int matched = 0;
        while (matched < 4) {
          int b = in.read();
          if (b < 0) {
            return;
          }
          head.write(b);
          matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0; ) {
          synchronized (after) {
            after.write(buffer, 0, n);
          }
        }
      } catch (IOException e) {
        // the client reset the connection, or close(): what came so far is kept
      } finally {
        done.countDown();
      }
    }

    String head() throws InterruptedException {
      sentAfterAnswer();
      return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** What the client sent after the answer, once it has closed the connection. */
    byte[] sentAfterAnswer() throws InterruptedException {
      assertTrue(done.await(10, TimeUnit.SECONDS), "the client left the connection open");
      synchronized (after) {
        return after.toByteArray();
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /**
   * A guard: nothing prints a proxy's URL today (only its address and our own reasons), and every
   * path that could (a refused CONNECT, an unreachable proxy, plain http through it) is run here so
   * that a message added later that names the proxy setting fails this test.
   */
  @Test
  void proxyCredentialsNeverReachTheDebugOutput() throws Exception {
    String secret = "s3cr3t-marker";
    String encoded = Base64.getEncoder().encodeToString(("alice:" + secret).getBytes(StandardCharsets.UTF_8));
    int refused = com.goteleport.tbot.otel.export.Fault.closedPort(); // held: no one else listens there
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(407))) {
      for (int port : new int[] {proxy.port(), refused}) {
        for (String variable : new String[] {"HTTPS_PROXY", "HTTP_PROXY"}) {
          URI endpoint = variable.equals("HTTPS_PROXY") ? UNRESOLVABLE : URI.create("http://collector.example.invalid/v1/logs");
          String out = debugOutput(() -> EventSender.send(EVENT, endpoint, BUDGET,
              Map.of(variable, "http://alice:" + secret + "@127.0.0.1:" + port)));
          assertTrue(out.contains("tbot-otel debug: "), out);
          assertFalse(out.contains(secret) || out.contains(encoded) || out.contains("alice"), out);
        }
      }
    }
  }

  /**
   * A password with an unencoded '/', '?' or '#' ends the URL's authority early, so the user name
   * and the password's first digits read as host and port ({@code http://alice:1234/x@proxy:3128}:
   * host alice, port 1234, as for Go). Such a setting is refused before anything is looked up or
   * connected to, with a reason that quotes none of it.
   */
  @Test
  void anAtSignAfterTheProxysHostIsRefusedWithoutQuotingIt() throws Exception {
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502))) {
      for (String cut : new String[] {"/", "?", "#"}) {
        String setting = "http://alice:1234" + cut + "s3cr3t@127.0.0.1:" + proxy.port();
        String out = debugOutput(() -> assertEquals(Delivery.FAILED,
            EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of("HTTPS_PROXY", setting))));
        assertTrue(out.contains("not connected: java.io.IOException: malformed proxy setting: an '@' after its host;"
            + " percent-encode the user name and password"), setting + ": " + out);
        assertFalse(out.contains("alice") || out.contains("1234") || out.contains("s3cr3t"), setting + ": " + out);
      }
      assertEquals(0, proxy.connections());
    }
    // An '@' in the user info alone is the usual form, and fine.
    assertTrue(EnvProxySelector.parse("http://alice:s3cr3t@proxy.example:3128") instanceof EnvProxySelector.HttpProxy);
  }

  /**
   * A password with an unencoded '@' (p@ss): as Go's url.Parse, the authority's last '@' ends the
   * user info, and the proxy gets that password. (Found by the differential check against Go:
   * tbot-otel refused the setting, and sent nothing where tbot uses the proxy.)
   */
  @Test
  void anUnencodedAtSignInThePasswordIsPartOfIt() throws Exception {
    String basic = "Proxy-Authorization: Basic "
        + Base64.getEncoder().encodeToString("alice:p@ss@1".getBytes(StandardCharsets.UTF_8)) + "\r\n";
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502))) {
      EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of("HTTPS_PROXY", "http://alice:p@ss@1@127.0.0.1:" + proxy.port()));
      assertEquals(1, proxy.connections());
      assertTrue(proxy.requests().get(0).head().contains(basic), proxy.requests().get(0).head());
    }
  }

  /**
   * A user name or password with characters outside ASCII, not percent-encoded: Go's url.Parse
   * refuses it, and its retry with "http://" in front makes a proxy named "http" of it, which tbot
   * cannot reach. Refused here too, without quoting it, rather than sent through the proxy tbot
   * does not use. (Found by the differential check against Go.)
   */
  @Test
  void aUserNameOrPasswordOutsideAsciiIsRefusedWithoutQuotingIt() throws Exception {
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.ok())) {
      for (String userInfo : new String[] {"älice:s3cr3t", "alice:s3cr\u00e9t", "alice:s3cr3t\u00a0"}) {
        String setting = "http://" + userInfo + "@127.0.0.1:" + proxy.port();
        String out = debugOutput(() -> assertEquals(Delivery.FAILED,
            EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of("HTTPS_PROXY", setting))));
        assertTrue(out.contains("not connected: java.io.IOException: malformed proxy setting: characters outside ASCII"
            + " in its user name or password; percent-encode them"), setting + ": " + out);
        assertFalse(out.contains("lice") || out.contains("s3cr"), setting + ": " + out);
      }
      assertEquals(0, proxy.connections());
    }
    // Percent-encoded, as Go takes it: UTF-8.
    assertEquals("Basic " + Base64.getEncoder().encodeToString("älice:pw".getBytes(StandardCharsets.UTF_8)),
        ((EnvProxySelector.HttpProxy) EnvProxySelector.parse("http://%C3%A4lice:pw@proxy.example:3128")).authorization());
  }

  /**
   * A proxy host of numbers that is no IPv4 address as Go reads one (010.0.0.1, 1.2.3, 123): Go's
   * resolver refuses it, or glibc's reads 010 as octal (8), where InetAddress reads 10.0.0.1, 1.2.0.3
   * and 0.0.0.123, each a different proxy. Refused, before anything is looked up. (Found by the
   * differential check against Go.)
   */
  @Test
  void aProxyHostOfNumbersThatIsNoIpAddressIsRefused() {
    for (String setting : new String[] {"http://010.0.0.1:3128", "010.0.0.1", "http://123:3128"}) {
      java.net.Proxy p = EnvProxySelector.parse(setting);
      assertTrue(p instanceof EnvProxySelector.UnusableProxy, setting + ": " + p);
      assertEquals("malformed proxy setting: a host of numbers that is no IPv4 address; write one as 10.0.0.1",
          ((EnvProxySelector.UnusableProxy) p).reason(), setting);
    }
    for (String setting : new String[] {"http://1.2.3.4.5:3128", "http://10.0.0.1.:3128"}) {
      assertTrue(EnvProxySelector.parse(setting) instanceof EnvProxySelector.UnusableProxy, setting); // no URI host
    }
    assertEquals("10.0.0.1", ((java.net.InetSocketAddress) EnvProxySelector.parse("http://10.0.0.1:3128").address())
        .getHostString());
    assertEquals("proxy1.example", ((java.net.InetSocketAddress) EnvProxySelector.parse("http://proxy1.example:3128")
        .address()).getHostString());
  }

  /**
   * A proxy's IPv6 literal that Go's url.Parse refuses (an IPv4 part with a leading zero), zone or
   * not: Go then reads a proxy named "http", where InetAddress dialled 10.0.0.1. Refused. (Found by
   * the differential check against Go.)
   */
  @Test
  void aProxysIpv6LiteralGoReadsNoAddressInIsRefused() {
    for (String setting : new String[] {"http://[::ffff:010.0.0.1]:3128", "http://[::ffff:010.0.0.1%25eth0]:3128"}) {
      java.net.Proxy p = EnvProxySelector.parse(setting);
      assertTrue(p instanceof EnvProxySelector.UnusableProxy, setting + ": " + p);
      assertEquals("malformed proxy setting: an IPv6 address Go cannot read; write one as [2001:db8::1]",
          ((EnvProxySelector.UnusableProxy) p).reason(), setting);
    }
    assertEquals("::ffff:10.0.0.1", ((java.net.InetSocketAddress) EnvProxySelector.parse(
        "http://[::ffff:10.0.0.1]:3128").address()).getHostString());
    assertEquals("fe80::1%eth0", ((java.net.InetSocketAddress) EnvProxySelector.parse(
        "http://[fe80::1%25eth0]:3128").address()).getHostString());
  }

  /** An IPv6 zone in the proxy's URL is percent-encoded (%25); Go dials the zone it names. */
  @Test
  void aProxysIpv6ZoneIsDecoded() {
    java.net.Proxy p = EnvProxySelector.parse("http://[fe80::1%25eth0]:3128");
    assertTrue(p instanceof EnvProxySelector.HttpProxy, String.valueOf(p));
    assertEquals("fe80::1%eth0", ((java.net.InetSocketAddress) p.address()).getHostString());
  }

  /** What a send printed in debug mode, on this thread and the connection's. */
  static String debugOutput(Runnable send) {
    ByteArrayOutputStream debug = new ByteArrayOutputStream();
    Diagnostics.debugOnThisThread(new PrintStream(debug, true, StandardCharsets.UTF_8));
    try {
      send.run();
    } finally {
      Diagnostics.debugOnThisThread(null);
    }
    return debug.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aProxySettingThatCannotBeUsedFailsTheSendInsteadOfGoingDirect() throws Exception {
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502))) {
      Map<String, String> reasons = Map.of(
          "socks5://127.0.0.1:" + proxy.port(), "socks5:// proxies are not supported",
          "https://127.0.0.1:" + proxy.port(), "https:// proxies are not supported",
          "http://", "malformed proxy setting",
          "http://:8080", "proxy setting without a host",
          "?://127.0.0.1:" + proxy.port(), "malformed proxy setting",
          "http://127.0.0.1:99999", "proxy port out of range; give 1 to 65535");
      for (Map.Entry<String, String> setting : reasons.entrySet()) {
        String out = debugOutput(() -> assertEquals(Delivery.FAILED,
            EventSender.send(EVENT, UNRESOLVABLE, BUDGET, Map.of("HTTPS_PROXY", setting.getKey()))));
        assertTrue(out.contains("not connected: java.io.IOException: " + setting.getValue()), setting.getKey() + ": " + out);
      }
      assertEquals(0, proxy.connections(), "neither socks nor TLS is spoken to a proxy");
    }
  }

  @Test
  void aProxyPortFromOneTo65535IsTakenAndNoOther() {
    for (int port : new int[] {1, 65535}) {
      java.net.Proxy p = EnvProxySelector.parse("http://proxy.example:" + port);
      assertTrue(p instanceof EnvProxySelector.HttpProxy, port + ": " + p);
      assertEquals(port, ((java.net.InetSocketAddress) p.address()).getPort());
    }
    assertEquals(80, ((java.net.InetSocketAddress) EnvProxySelector.parse("proxy.example").address()).getPort(),
        "no port: 80, as Go's default for an http:// proxy");
    // A name with '_' (a Compose service's), which java.net.URI finds no host in and Go takes.
    for (String setting : new String[] {"http://squid_proxy:3128", "squid_proxy:3128", "http://a:b@squid_proxy:3128"}) {
      java.net.Proxy p = EnvProxySelector.parse(setting);
      assertTrue(p instanceof EnvProxySelector.HttpProxy, setting + ": " + p);
      assertEquals("squid_proxy", ((java.net.InetSocketAddress) p.address()).getHostString(), setting);
      assertEquals(3128, ((java.net.InetSocketAddress) p.address()).getPort(), setting);
    }
    assertEquals("Basic YTpi", ((EnvProxySelector.HttpProxy) EnvProxySelector.parse("http://a:b@squid_proxy:3128"))
        .authorization());
    assertEquals(80, ((java.net.InetSocketAddress) EnvProxySelector.parse("http://squid_proxy").address()).getPort());
    assertEquals(65535, ((java.net.InetSocketAddress) EnvProxySelector.parse("http://squid_proxy:65535").address())
        .getPort());
    assertEquals("_proxy", ((java.net.InetSocketAddress) EnvProxySelector.parse("http://_proxy:3128").address())
        .getHostString());
    assertEquals("proxy port out of range; give 1 to 65535",
        ((EnvProxySelector.UnusableProxy) EnvProxySelector.parse("http://squid_proxy:123456")).reason());
    assertEquals("malformed proxy setting",
        ((EnvProxySelector.UnusableProxy) EnvProxySelector.parse("http://squid proxy:3128")).reason());
    assertEquals("proxy setting without a host",
        ((EnvProxySelector.UnusableProxy) EnvProxySelector.parse("http://squid~proxy:3128")).reason());
    for (int port : new int[] {0, 65536}) {
      java.net.Proxy p = EnvProxySelector.parse("http://proxy.example:" + port);
      assertTrue(p instanceof EnvProxySelector.UnusableProxy, port + ": " + p);
      assertEquals("proxy port out of range; give 1 to 65535", ((EnvProxySelector.UnusableProxy) p).reason());
    }
  }

  @Test
  void noProxyExcludesTheCollector() throws Exception {
    for (String noProxy : new String[] {"collector.example.invalid", ".example.invalid", "*", "example.invalid:443"}) {
      try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502))) {
        Delivery d = EventSender.send(EVENT, UNRESOLVABLE, BUDGET,
            Map.of("HTTPS_PROXY", proxyUrl(proxy), "NO_PROXY", noProxy));

        assertEquals(Delivery.FAILED, d, "direct, and the name does not resolve");
        assertEquals(0, proxy.connections(), "NO_PROXY=" + noProxy);
      }
    }
  }

  @Test
  void loopbackIsNeverProxied() throws Exception {
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502));
        LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok())) {
      for (String endpoint : new String[] {collector.url(), "http://localhost:" + collector.port() + "/v1/logs"}) {
        Delivery d = EventSender.send(EVENT, URI.create(endpoint), BUDGET,
            Map.of("HTTPS_PROXY", proxyUrl(proxy), "HTTP_PROXY", proxyUrl(proxy)));
        assertEquals(Delivery.DELIVERED, d, endpoint);
      }
      assertEquals(2, collector.requests().size());
      assertEquals(0, proxy.connections());
    }
  }

  @Test
  void oneSmallRequestWithOnlyTheHeadersOtlpNeeds() throws Exception {
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok())) {
      assertEquals(Delivery.DELIVERED, EventSender.send(EVENT, URI.create(collector.url()), BUDGET, Map.of()));

      assertEquals(1, collector.requests().size());
      LoopbackServer.Request r = collector.requests().get(0);
      assertEquals("POST /v1/logs HTTP/1.1", r.requestLine());
      assertTrue(r.head().contains("\r\nContent-Type: application/x-protobuf\r\n"), r.head());
      assertTrue(r.head().contains("\r\nContent-Length: " + r.body().length + "\r\n"), r.head());
      assertEquals(r.head().length() + r.body().length, r.wireBytes(), "nothing else on the wire");
    }
  }
}
