package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry over TLS leaves the host's TLS alone, in child JVMs: settings the host makes after the
 * start still apply to its own connections, and the host's client certificate
 * ({@code javax.net.ssl.keyStore}) is never presented to the collector, which could identify it.
 */
class HostTlsSettingsTest {

  @TempDir Path dir;

  @Test
  void aTrustStoreTheHostSetsAfterTheStartStillApplies() throws Exception {
    Map<String, Boolean> seen = new ConcurrentHashMap<>();
    HttpsServer server = server(SelfSignedTls.known().serverContext(), false, seen);
    try {
      String base = "https://127.0.0.1:" + server.getAddress().getPort();
      String out = host(List.of(), base + "/v1/logs", base + "/host",
          SelfSignedTls.writeTrustStore(dir).toString());
      assertTrue(out.startsWith("host=200 "), "the host's own TLS saw its trust store: " + out);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theHostsClientCertificateIsNeverPresented() throws Exception {
    Map<String, Boolean> certificateBy = new ConcurrentHashMap<>();
    HttpsServer server = server(SelfSignedTls.known().serverContextTakingAnyClientCertificate(), true, certificateBy);
    try {
      String base = "https://127.0.0.1:" + server.getAddress().getPort();
      List<String> jvm = List.of(
          "-Djavax.net.ssl.trustStore=" + SelfSignedTls.writeTrustStore(dir),
          "-Djavax.net.ssl.keyStore=" + SelfSignedTls.stranger().writeKeyStore(dir),
          "-Djavax.net.ssl.keyStorePassword=changeit",
          "-Djavax.net.ssl.keyStoreType=PKCS12");
      String out = host(jvm, base + "/v1/logs", base + "/host", null);
      assertEquals("host=200 delivery=DELIVERED", out);
      assertEquals(Boolean.TRUE, certificateBy.get("/host"), "control: the JVM's default TLS presents it");
      assertEquals(Boolean.FALSE, certificateBy.get("/v1/logs"), "telemetry presented the host's certificate");
    } finally {
      server.stop(0);
    }
  }

  /** A loopback HTTPS server answering 200, recording by path whether the client sent a certificate. */
  private static HttpsServer server(SSLContext tls, boolean askForCertificate, Map<String, Boolean> certificateBy)
      throws Exception {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.setHttpsConfigurator(new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = tls.getDefaultSSLParameters();
        p.setWantClientAuth(askForCertificate);
        params.setSSLParameters(p);
      }
    });
    server.createContext("/", exchange -> {
      boolean certificate;
      try {
        certificate = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates().length > 0;
      } catch (SSLPeerUnverifiedException none) {
        certificate = false;
      }
      certificateBy.put(exchange.getRequestURI().getPath(), certificate);
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static String host(List<String> jvmArgs, String endpoint, String hostUrl, String lateTrustStore) {
    List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaBinary()));
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), TlsHostUnderTest.class.getName(),
        endpoint, hostUrl));
    if (lateTrustStore != null) {
      cmd.add(lateTrustStore);
    }
    ChildJvm.Result r = ChildJvm.run(cmd, ChildJvm.baseEnv(), Duration.ofSeconds(60));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("", r.stderr(), "the host prints nothing of telemetry's");
    return r.stdout().trim();
  }
}
