package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.testing.ChildJvm;
import io.opentelemetry.exporter.internal.FailedExportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * The send makes the SDK log nothing at INFO or above, whatever the collector does: not merely
 * filtered, but never logged, since whatever hooks {@code Logger.log} (the OpenTelemetry Java agent
 * exports such records to the host's log pipeline) sees a record before tbot-otel's filter.
 */
class SdkRecordsTest {

  @Test
  void noSdkRecordAtInfoOrAboveForAHealthySendOrAnyFault() {
    ChildJvm.Result r = ChildJvm.runMain(SdkRecordsProbe.class, Duration.ofSeconds(60));
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> out = r.stdout().lines().collect(Collectors.toList());
    assertTrue(out.contains("healthy DELIVERED"), r.stdout());
    for (Fault fault : Fault.values()) {
      // Some faults deliver (a slow drip, an oversized body: only the status line is read).
      assertTrue(out.stream().anyMatch(l -> l.startsWith(fault + " ")), fault + " was sent into: " + r.stdout());
    }
    assertTrue(out.contains("HTTP_500 FAILED") && out.contains("CONNECTION_REFUSED FAILED")
        && out.contains("NEVER_ANSWERS TIMED_OUT"), "an answer, an error and a time-out failed the send: " + r.stdout());
    List<String> seen = out.stream().filter(l -> l.startsWith("seen ")).collect(Collectors.toList());
    assertEquals(List.of("seen SEVERE io.opentelemetry.exporter.otlp.internal.HttpExporter: host record"), seen,
        "only the host's own record (the control) may reach the SDK's loggers at INFO or above");
  }

  // --- what the send says instead, in debug mode ---

  private static final URI LOGS = URI.create("http://127.0.0.1:4318/v1/logs");

  private static String whyAnswered(int status, boolean plainAnswerOfTls, URI endpoint) {
    return EventSender.why(FailedExportException.httpFailedWithResponse(
        new SocketHttpSender.Response(status, plainAnswerOfTls, false)), endpoint);
  }

  @Test
  void whyNamesTheCollectorsStatus() {
    assertEquals("the collector answered 400", whyAnswered(400, false, LOGS));
    assertEquals("the collector answered 422", whyAnswered(422, false, LOGS));
    // Plain http through HTTP_PROXY: a proxy that wants credentials answers in the collector's place.
    assertEquals("the proxy answered 407", whyAnswered(407, false, LOGS));
    // Any other answer through it may be the proxy's as well as the collector's.
    assertEquals("the proxy or the collector answered 502; a server error: the collector's log, or that of a proxy"
        + " in front of it, says why (the send does not retry)", EventSender.why(FailedExportException
            .httpFailedWithResponse(new SocketHttpSender.Response(502, false, true)), LOGS));
  }

  /** What a status means to a send that never retries and sends a collector no credentials. */
  @Test
  void aStatusSaysWhatItMeansToTheSend() {
    assertEquals("the collector answered 401; it wants credentials, which tbot-otel never sends to a collector: let"
        + " the endpoint take the event without them", whyAnswered(401, false, LOGS));
    assertEquals("the collector answered 403; refused: credentials, an address allow-list or a proxy's access rules",
        whyAnswered(403, false, LOGS));
    assertEquals("the collector answered 405; the path takes no POST: is it an OTLP/HTTP receiver's /v1/logs?",
        whyAnswered(405, false, LOGS));
    assertEquals("the collector answered 413; the request is under 1 KiB: a limit in front of the collector is set"
        + " below that", whyAnswered(413, false, LOGS));
    assertEquals("the collector answered 415; no OTLP protobuf is taken there: is it an OTLP/HTTP receiver?",
        whyAnswered(415, false, LOGS));
    assertEquals("the collector answered 429; rate-limited: the send does not retry, so this start is not counted",
        whyAnswered(429, false, LOGS));
    assertEquals("the collector answered 503; unavailable: the collector is busy, or a proxy or load balancer in front"
        + " of it has no collector behind it; the send does not retry, so this start is not counted",
        whyAnswered(503, false, LOGS));
    String error = "; a server error: the collector's log, or that of a proxy in front of it, says why (the send does"
        + " not retry)";
    for (int status : new int[] {500, 502, 504, 599}) {
      assertEquals("the collector answered " + status + error, whyAnswered(status, false, LOGS));
    }
  }

  /** 4317 is OTLP/gRPC's port: an OTLP/HTTP request there fails as a reset, a closed answer, or TLS. */
  @Test
  void theGrpcPortSaysSo() {
    URI grpc = URI.create("http://127.0.0.1:4317/v1/logs");
    String port = "4317 is OTLP/gRPC's port: a collector takes OTLP/HTTP, which tbot-otel sends, on 4318 by default";
    assertEquals("java.net.SocketException: Connection reset; " + port,
        EventSender.why(new java.net.SocketException("Connection reset"), grpc));
    assertEquals("the collector answered 400; " + port, whyAnswered(400, false, grpc));
    assertEquals("java.net.SocketException: Connection reset",
        EventSender.why(new java.net.SocketException("Connection reset"), LOGS), "another port: no hint");
    // A guess from the number: it comes after what the failure itself says, never instead of it.
    assertEquals("javax.net.ssl.SSLException: Unsupported or unrecognized SSL message; the server does not speak TLS:"
        + " for a plain HTTP listener, the endpoint starts with http://; and " + port,
        EventSender.why(new SSLException("Unsupported or unrecognized SSL message"), URI.create("https://h:4317/v1/logs")));
    assertEquals("the collector answered 503; unavailable: the collector is busy, or a proxy or load balancer in front"
        + " of it has no collector behind it; the send does not retry, so this start is not counted; and " + port,
        whyAnswered(503, false, grpc));
    // Nor where the proxy, not the collector, failed the send.
    assertEquals("the proxy answered 407", whyAnswered(407, false, grpc));
    assertEquals("java.io.IOException: proxy refused CONNECT: 403",
        EventSender.why(new IOException("proxy refused CONNECT: 403"), URI.create("https://h:4317/v1/logs")));
  }

  /** A proxy's name that does not resolve is the proxy's setting to check, not a proxy to add. */
  @Test
  void aProxysNameThatDoesNotResolveSaysSo() throws Exception {
    InFlight inFlight = new InFlight();
    Connector connector = new Connector(URI.create("http://collector.invalid:4318/v1/logs"),
        new EnvProxySelector(Map.of("HTTP_PROXY", "http://proxy.invalid:3128"), null), 5_000_000_000L, inFlight);
    java.net.UnknownHostException e = assertThrows(java.net.UnknownHostException.class,
        () -> connector.open(System.nanoTime() + 5_000_000_000L));
    assertTrue(e.getMessage().startsWith("proxy proxy.invalid:3128 (HTTP_PROXY) does not resolve ("), e.getMessage());
    assertTrue(EventSender.why(e, LOGS).endsWith("; the proxy's host name does not resolve here: check HTTPS_PROXY or"
        + " HTTP_PROXY (or NO_PROXY, for an endpoint reached without it)"), EventSender.why(e, LOGS));
  }

  /**
   * A token pasted into HTTPS_PROXY is a proxy "host" of one word: as preview, a failure's lines
   * name the setting and the port, never that word (red before: the look-up's message quoted it).
   */
  @Test
  void aProxySettingOfOneWordIsNotQuotedWhenItFails() throws Exception {
    String token = "ghpQ7x2Lm9Zt4Kd8Wv3Rb6Ny1Pc5Hs0";
    Map<String, String> env = Map.of("HTTPS_PROXY", token);
    URI endpoint = URI.create("https://collector.invalid:4318/v1/logs");
    EnvProxySelector selector = new EnvProxySelector(env, null);
    assertEquals("on port 80 (HTTPS_PROXY; its host not shown: a setting of one word may be a secret)",
        selector.named(endpoint, Connector.proxyFor(endpoint, selector)));
    Connector connector = new Connector(endpoint, selector, 5_000_000_000L, new InFlight());
    java.net.UnknownHostException e = assertThrows(java.net.UnknownHostException.class,
        () -> connector.open(System.nanoTime() + 5_000_000_000L));
    assertFalse(e.getMessage().contains(token), e.getMessage());
    assertFalse(EventSender.why(e, endpoint).contains(token), EventSender.why(e, endpoint));
    assertTrue(e.getMessage().startsWith("proxy on port 80 (HTTPS_PROXY;"), e.getMessage());
    // The look-up's message is said without it too (as the proxy's own debug line, connectFailed, says it).
    assertEquals("on port 80 (HTTPS_PROXY; its host not shown: a setting of one word may be a secret) does not"
        + " resolve ((its host): Name or service not known)",
        selector.unresolved(endpoint, token + ": Name or service not known"));
    // A setting written as a URL names its host.
    EnvProxySelector url = new EnvProxySelector(Map.of("HTTPS_PROXY", "http://127.0.0.1:3128"), null);
    assertEquals("127.0.0.1:3128 (HTTPS_PROXY)", url.named(endpoint, Connector.proxyFor(endpoint, url)));
  }

  @Test
  void aNameThatDoesNotResolveSaysSo() {
    assertEquals("java.net.UnknownHostException: collector.invalid: Name or service not known; the host name does not"
        + " resolve here: check its spelling and this host's DNS (a host reached only through a proxy needs"
        + " HTTPS_PROXY or HTTP_PROXY)", EventSender.why(FailedExportException.httpFailedExceptionally(
            new java.net.UnknownHostException("collector.invalid: Name or service not known")),
            URI.create("http://collector.invalid:4317/v1/logs")));
  }

  /** A wrong path and a wrong port both end in a 404: the line says which it can be. */
  @Test
  void aNotFoundSaysWhatThePathIs() {
    assertEquals("the collector answered 404; the endpoint has no path (or only /): an OpenTelemetry Collector takes"
        + " logs at /v1/logs", whyAnswered(404, false, URI.create("http://127.0.0.1:4318")));
    assertEquals("the collector answered 404; the endpoint has no path (or only /): an OpenTelemetry Collector takes"
        + " logs at /v1/logs", whyAnswered(404, false, URI.create("http://127.0.0.1:4318/")));
    // A server that does not clean the path (not Go's) answers 404 where a collector redirects.
    assertEquals("the collector answered 404; the endpoint's path has an empty, . or .. segment: give it without them",
        whyAnswered(404, false, URI.create("http://127.0.0.1:4318//v1/logs")));
    // The path is never quoted: it may hold a secret (a proxy's token).
    assertEquals("the collector answered 404; the endpoint's path does not end in /v1/logs, where an OpenTelemetry"
        + " Collector takes logs", whyAnswered(404, false, URI.create("https://collector.example:4318/tok_4f9c2e7a/v1/traces")));
    assertEquals("the collector answered 404; nothing takes OTLP logs at this path: check where the proxy in front"
        + " routes it", whyAnswered(404, false, URI.create("https://collector.example/tok_4f9c2e7a/v1/logs")));
    assertEquals("the collector answered 404; nothing takes OTLP logs at this port's /v1/logs: is it the collector's"
        + " OTLP/HTTP port (4318 by default)?", whyAnswered(404, false, URI.create("http://127.0.0.1:13133/v1/logs")));
    // The path is read as the collector's Go server matches it, as preview reads it (CollectorPath).
    assertEquals("the collector answered 404; nothing takes OTLP logs at this port's /v1/logs: is it the collector's"
        + " OTLP/HTTP port (4318 by default)?", whyAnswered(404, false, URI.create("http://127.0.0.1:13133/v1/%6Cogs")));
  }

  /** Go's server redirects a path with an empty, . or .. segment, and the send follows no redirect. */
  @Test
  void aRedirectOfAnUncleanPathSaysSo() {
    assertEquals("the collector answered 307; the endpoint's path has an empty, . or .. segment, which the collector"
        + " redirects to the cleaned path: give it without them",
        whyAnswered(307, false, URI.create("http://127.0.0.1:4318//v1/logs")));
    for (int status : new int[] {301, 302, 307, 308}) {
      assertEquals("the collector answered " + status + "; the send follows no redirect: give the URL it points to as"
          + " the endpoint (curl -sI on the endpoint shows its Location; https:// where an ingress redirects http://"
          + " there)", whyAnswered(status, false, LOGS));
    }
  }

  @Test
  void aPlainRequestToAnHttpsListenerSaysSo() {
    assertEquals("the collector answered 400; an https listener's answer to plain HTTP: the endpoint starts with"
        + " https://", whyAnswered(400, true, LOGS));
  }

  @Test
  void whyNamesTheErrorOnOneLine() {
    assertEquals("java.net.ConnectException: Connection refused",
        EventSender.why(FailedExportException.httpFailedExceptionally(new ConnectException("Connection refused")), LOGS));
    assertEquals("java.io.IOException: two lines", EventSender.why(new IOException("two\nlines"), LOGS));
    assertEquals("no result", EventSender.why(null, LOGS));
  }

  /**
   * A chain of causes can be a loop (a host's ProxySelector may throw one): reading it ends. Red
   * before: deadlinePassed kept the connecting thread busy for ever.
   */
  @Test
  void aLoopOfCausesIsReadToAnEnd() {
    IOException a = new IOException("a");
    IOException b = new IOException("b");
    a.initCause(b);
    b.initCause(a);
    assertEquals("java.io.IOException: a", assertTimeoutPreemptively(Duration.ofSeconds(5), () -> EventSender.why(a, LOGS)));
    assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> EventSender.deadlinePassed(a)));
  }

  @Test
  void aTlsFailureSaysWhatItCanMean() {
    assertEquals("javax.net.ssl.SSLException: Unsupported or unrecognized SSL message; the server does not speak"
        + " TLS: for a plain HTTP listener, the endpoint starts with http://",
        EventSender.why(new SSLException("Unsupported or unrecognized SSL message"), LOGS));
    SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed: ...");
    untrusted.initCause(new CertificateException("PKIX path building failed",
        new CertPathBuilderException("unable to find valid certification path to requested target")));
    assertTrue(EventSender.why(untrusted, LOGS).endsWith("; no CA this JVM trusts signed the collector's certificate:"
        + " for a private CA, import it into a trust store and run java with -Djavax.net.ssl.trustStore=FILE (and"
        + " -Djavax.net.ssl.trustStorePassword=... for a PKCS12 one)"), EventSender.why(untrusted, LOGS));
    // The JDK's words for a trust store it read no certificate from (a PKCS12 one without its password).
    SSLException empty = new SSLException("Unexpected error: java.security.InvalidAlgorithmParameterException: the"
        + " trustAnchors parameter must be non-empty",
        new RuntimeException(new InvalidAlgorithmParameterException("the trustAnchors parameter must be non-empty")));
    assertTrue(EventSender.why(empty, LOGS).endsWith("; the trust store gave this JVM no certificate: a PKCS12 one (as"
        + " keytool writes) is read only with -Djavax.net.ssl.trustStorePassword=..."), EventSender.why(empty, LOGS));
    // A trust store the JDK cannot load: its reason is in the message, the fix after it.
    IOException unusable = new IOException(Connector.TRUST_STORE_UNUSABLE + "keystore password was incorrect");
    assertEquals("java.io.IOException: the trust store cannot be used: keystore password was incorrect; javax.net.ssl"
        + ".trustStore must name a JKS or PKCS12 file, as keytool writes (a PEM certificate is none: import it with"
        + " keytool -importcert), and -Djavax.net.ssl.trustStorePassword=... its password",
        EventSender.why(unusable, LOGS));
    SSLHandshakeException misnamed = new SSLHandshakeException("No subject alternative names matching IP address"
        + " 127.0.0.1 found");
    misnamed.initCause(new CertificateException("No subject alternative names matching IP address 127.0.0.1 found"));
    assertTrue(EventSender.why(misnamed, LOGS).endsWith("; the collector's certificate does not name the endpoint's"
        + " host"), EventSender.why(misnamed, LOGS));
  }
}
