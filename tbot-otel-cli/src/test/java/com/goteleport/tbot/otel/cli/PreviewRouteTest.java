package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * preview says how start would reach the collector: directly, through which proxy, or not at all
 * when the proxy setting is one start refuses (it never goes around a proxy), so a user behind a
 * proxy sees before consenting whether anything would arrive.
 */
class PreviewRouteTest {

  private static final String ENDPOINT = "https://collector.example/v1/logs";

  private static String line(Map<String, String> vars, String endpoint) {
    Map<String, String> env = new HashMap<>(vars);
    Cli.Result r = Cli.run(env, "preview", "--anonymous-analytics", "--anonymous-analytics-endpoint", endpoint);
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stderr().strip();
  }

  private static String expected(String endpoint, String route) {
    return "tbot-otel: preview only, nothing was sent. With these settings start would send it to " + endpoint + route
        + " (--anonymous-analytics says yes; endpoint from --anonymous-analytics-endpoint).";
  }

  @Test
  void directWithoutProxySettings() {
    assertEquals(expected(ENDPOINT, ""), line(Map.of(), ENDPOINT));
  }

  @Test
  void namesTheProxyButNeverItsCredentials() {
    String line = line(Map.of("HTTPS_PROXY", "http://alice:s3cret@proxy.example:3128"), ENDPOINT);
    assertEquals(expected(ENDPOINT, " through the HTTP proxy proxy.example:3128"), line);
    assertFalse(line.contains("alice") || line.contains("s3cret"), line);
  }

  @Test
  void aProxySettingOfOneLongBareWordIsNotShown() {
    // A token pasted into HTTPS_PROXY reads as a host name on port 80: no scheme, user info or
    // port says it is one (red before: the line named SECRET:80).
    for (String secret : List.of("qzvbnmrtplkjhgfdswxcyeuoiaplm", "0f3a9c2e7b1d4e5f6a7b8c9d0e1f2a3b",
        "sEcReTtOkEnWiThOuTdIgItS", "correct-horse-battery-staple", "correct.horse.battery.staple")) {
      String line = line(Map.of("HTTPS_PROXY", secret), ENDPOINT);
      assertEquals(expected(ENDPOINT, " through an HTTP proxy on port 80 (its host not shown: a proxy setting of one"
          + " word, without http:// or a port, may be a secret)"), line);
    }
    // A short word, an IP address, or a host with a scheme or a port is named.
    assertEquals(expected(ENDPOINT, " through the HTTP proxy squid:80"),
        line(Map.of("HTTPS_PROXY", "squid"), ENDPOINT));
    assertEquals(expected(ENDPOINT, " through the HTTP proxy 192.168.100.200:80"),
        line(Map.of("HTTPS_PROXY", "192.168.100.200"), ENDPOINT));
    assertEquals(expected(ENDPOINT, " through the HTTP proxy corporate-proxy.example.com:3128"),
        line(Map.of("HTTPS_PROXY", "corporate-proxy.example.com:3128"), ENDPOINT));
    assertEquals(expected(ENDPOINT, " through the HTTP proxy corporate-proxy.example.com:80"),
        line(Map.of("HTTPS_PROXY", "http://corporate-proxy.example.com"), ENDPOINT));
  }

  @Test
  void aPasswordThatEndsTheHostEarlyIsNeitherShownNorUsed() {
    // Unencoded, the '/' ends the authority: "host" alice, "port" 1234, the password's start.
    String line = line(Map.of("HTTPS_PROXY", "http://alice:1234/s3cr3t@proxy.example:3128"), ENDPOINT);
    assertEquals(expected(ENDPOINT, ", but its proxy setting cannot be used (malformed proxy setting: an '@' after"
        + " its host; percent-encode the user name and password), so it would not be sent"), line);
    assertFalse(line.contains("alice") || line.contains("1234") || line.contains("s3cr3t"), line);
  }

  @Test
  void theLowerCaseVariableAndAnIpv6ProxyToo() {
    assertEquals(expected(ENDPOINT, " through the HTTP proxy [::1]:8080"),
        line(Map.of("https_proxy", "[::1]:8080"), ENDPOINT));
  }

  @Test
  void aProxySettingStartRefusesMeansNothingWouldBeSent() {
    assertEquals(expected(ENDPOINT, ", but its proxy setting cannot be used (socks5:// proxies are not supported;"
        + " give an http:// proxy), so it would not be sent"), line(Map.of("HTTPS_PROXY", "socks5://127.0.0.1:1080"), ENDPOINT));
  }

  @Test
  void aProxyPortOutOfRangeIsSaidPlainly() {
    assertEquals(expected(ENDPOINT, ", but its proxy setting cannot be used (proxy port out of range; give 1 to 65535),"
        + " so it would not be sent"), line(Map.of("HTTPS_PROXY", "http://proxy.example:99999"), ENDPOINT));
  }

  @Test
  void noProxyAndLoopbackGoDirect() {
    assertEquals(expected(ENDPOINT, ""),
        line(Map.of("HTTPS_PROXY", "http://proxy.example:3128", "NO_PROXY", ".example"), ENDPOINT));
    assertEquals(expected("http://127.0.0.1:4318/v1/logs", ""),
        line(Map.of("HTTP_PROXY", "http://proxy.example:3128"), "http://127.0.0.1:4318/v1/logs"));
  }

  @Test
  void theSchemeChoosesTheVariable() {
    // An http endpoint reads HTTP_PROXY, never HTTPS_PROXY, as Go does.
    assertEquals(expected("http://collector.example/v1/logs", ""),
        line(Map.of("HTTPS_PROXY", "socks5://127.0.0.1:1080"), "http://collector.example/v1/logs"));
  }

  @Test
  void withoutProxyVariablesTheJvmsProxySelectorDecidesAsForTheSend() {
    // The JVM-wide selector (-Dhttps.proxyHost, or a host's own) is the send's fallback too.
    ProxySelector saved = ProxySelector.getDefault();
    try {
      ProxySelector.setDefault(selector(() -> List.of(new Proxy(Proxy.Type.SOCKS,
          InetSocketAddress.createUnresolved("socks.example", 1080)))));
      assertEquals(expected(ENDPOINT, ", but its proxy setting cannot be used (unsupported proxy type: SOCKS), so it would not be sent"),
          line(Map.of(), ENDPOINT));
      ProxySelector.setDefault(selector(() -> {
        throw new IllegalStateException("no proxies today");
      }));
      assertEquals(expected(ENDPOINT, ", but choosing its proxy failed (java.lang.IllegalStateException: no proxies"
          + " today), so it would not be sent"), line(Map.of(), ENDPOINT));
      ProxySelector.setDefault(selector(() -> List.of(new Proxy(Proxy.Type.HTTP,
          InetSocketAddress.createUnresolved("jvm-proxy.example", 8080)))));
      assertEquals(expected(ENDPOINT, " through the HTTP proxy jvm-proxy.example:8080"), line(Map.of(), ENDPOINT));
      // -Dhttps.proxyHost=[::1] gives the host in brackets, and the send connects to ::1: shown once
      // bracketed, as the send's own authority, never [[::1]].
      for (String host : List.of("[::1]", "::1")) {
        ProxySelector.setDefault(selector(() -> List.of(new Proxy(Proxy.Type.HTTP,
            InetSocketAddress.createUnresolved(host, 3128)))));
        assertEquals(expected(ENDPOINT, " through the HTTP proxy [::1]:3128"), line(Map.of(), ENDPOINT), host);
      }
    } finally {
      ProxySelector.setDefault(saved);
    }
  }

  private static ProxySelector selector(Supplier<List<Proxy>> proxies) {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return proxies.get();
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    };
  }

  @Test
  void anExitTimeoutOfZeroLeavesStartNoTimeToSend() throws Exception {
    // start's close gives the send up at once, before it could connect: nothing arrives, so the
    // preview of that line must not say it would be sent.
    for (String zero : List.of("0", "0ms", "0s")) {
      try (OtlpReceiver receiver = OtlpReceiver.start()) {
        Cli.Result start = Cli.run(Map.of(), "start", "--anonymous-analytics", "--anonymous-analytics-endpoint",
            receiver.url(), "--anonymous-analytics-exit-timeout", zero);
        assertEquals(0, start.exitCode(), start.stderr());
        assertEquals(List.of(), receiver.await(1, Duration.ofSeconds(1)), "start with an exit timeout of " + zero);
        assertEquals("", start.stderr(), "no notice of a send that cannot happen");
        Cli.Result debug = Cli.run(Map.of(), "start", "--debug", "--anonymous-analytics", "--anonymous-analytics-endpoint",
            receiver.url(), "--anonymous-analytics-exit-timeout", zero);
        assertTrue(debug.stderr().contains("nothing sent: an exit timeout of 0 leaves start no time to send"),
            debug.stderr());

        Cli.Result preview = Cli.run(Map.of(), "preview", "--anonymous-analytics", "--anonymous-analytics-endpoint",
            receiver.url(), "--anonymous-analytics-exit-timeout", zero);
        assertEquals(0, preview.exitCode(), preview.stderr());
        assertEquals("tbot-otel: preview only, nothing was sent. With these settings start would send nothing, as"
            + " an exit timeout of 0 cancels the send at once (--anonymous-analytics says yes).",
            preview.stderr().strip());
      }
    }
    // exec's send has tbot's run to happen in: its line still names where it would go. (tbot named,
    // so that exec counts the start: a command that names no tbot, without a config, records nothing.)
    assertEquals(expected(ENDPOINT, "").replace(" start ", " exec "), Cli.run(Map.of(), "preview",
        "--anonymous-analytics", "--anonymous-analytics-endpoint", ENDPOINT, "--anonymous-analytics-exit-timeout", "0",
        "--", "sh", "-c", "exec tbot start").stderr().strip());
    // Any other exit timeout leaves the send its chance.
    assertEquals(expected(ENDPOINT, ""), Cli.run(Map.of(), "preview", "--anonymous-analytics",
        "--anonymous-analytics-endpoint", ENDPOINT, "--anonymous-analytics-exit-timeout", "1ms").stderr().strip());
  }

  @Test
  void withoutConsentNoRouteIsShown() {
    Cli.Result r = Cli.run(Map.of("HTTPS_PROXY", "socks5://127.0.0.1:1080"), "preview",
        "--anonymous-analytics-endpoint", ENDPOINT);
    assertEquals(0, r.exitCode(), r.stderr());
    assertFalse(r.stderr().contains("proxy"), r.stderr());
  }
}
