package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/self-hosting.md's "Behind TLS with a private CA", on the real collector serving TLS through
 * the shipped overlays/otlp-tls.yaml with a certificate a CA of the test's own signed: the page's
 * trust store lines, run as written but for the endpoint and the paths, deliver; without the trust
 * store, and with {@code http://} for the TLS listener, {@code --debug} names the mistake and the
 * fix (Go's https listener answers a plain request with a 400 of its own). Each of those two failed
 * handshakes puts the client's address in the collector's log, as self-hosting.md and privacy.md
 * say; the delivered one does not.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SelfHostedTlsTest {

  @BeforeAll
  static void buildCollector() {
    Collector.binary(); // a first build takes minutes: here, where the class's @Timeout does not apply
  }

  @Test
  void aPrivateCasCertificateIsTrustedAsSelfHostingShowsAndMistakesSaySo() throws Exception {
    Path dir = Collector.BUILD_DIR.resolve("private-ca");
    Collector.deleteTree(dir);
    Files.createDirectories(dir);
    serverIdentity(dir);
    List<String> lines = documentedLines();
    String page = EnvironmentDocsTest.read("docs/self-hosting.md");

    Path events = Edges.eventsFile("e2e-private-ca");
    int port = Collector.freePort();
    try (Collector c = Collector.start("private-ca",
        Map.of("TBOT_OTEL_INGEST_ENDPOINT", "127.0.0.1:" + port,
            "TBOT_OTEL_PROMETHEUS_ENDPOINT", "127.0.0.1:" + Collector.freePort(),
            "TBOT_OTEL_EVENTS_FILE", events.toString(),
            "TBOT_OTEL_TLS_CERT_FILE", dir.resolve("server.pem").toString(),
            "TBOT_OTEL_TLS_KEY_FILE", dir.resolve("server-key.pem").toString()),
        Collector.config("self-hosted.yaml"), Collector.config("overlays/otlp-tls.yaml"))) {
      String https = "https://127.0.0.1:" + port + "/v1/logs";

      // The page's lines, in a directory holding the CA's certificate as ca.pem.
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      assertTrue(lines.get(0).startsWith("keytool "), lines.get(0));
      assertEquals(0, sh(dir, keytool + lines.get(0).substring("keytool".length())).exitCode);
      String documented = "https://collector.internal:4318/v1/logs";
      assertTrue(lines.get(1).startsWith("java ") && lines.get(1).contains(documented), lines.get(1));
      String start = java + lines.get(1).substring("java".length())
          .replace("tbot-otel/target/tbot-otel.jar", TbotCli.JAR.toString())
          .replace(documented, https)
          .replace("examples/self-host/tbot.yaml", EnvironmentDocsTest.root().resolve("examples/self-host/tbot.yaml").toString())
          + " --debug";
      Run delivered = sh(dir, start);
      assertEquals(0, delivered.exitCode, delivered.stderr);
      assertTrue(delivered.stderr.contains(": DELIVERED after "), delivered.stderr);
      Sink file = new Sink(events);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline && file.size() < 1) {
        Thread.sleep(200);
      }
      assertEquals(1, file.records().size(), "the start is stored: " + events);
      String handshakeError = "TLS handshake error from 127.0.0.1:";
      assertFalse(c.logText().contains(handshakeError), c.logTail());

      // Without the store: the JDK's roots do not hold the CA.
      List<String> args = new ArrayList<>(List.of("start", "--anonymous-analytics", "--anonymous-analytics-endpoint",
          https, "--oneshot", "--tbot-version", "18.1.0", "--anonymous-analytics-exit-timeout", "5s", "--debug"));
      TbotCli.Result untrusted = TbotCli.run(Map.of(), args);
      assertEquals(0, untrusted.exitCode(), untrusted.stderr());
      assertTrue(untrusted.stderr().contains("FAILED after ") && untrusted.stderr().contains("PKIX path building failed")
          && untrusted.stderr().contains("; no CA this JVM trusts signed the collector's certificate: for a private CA,"
              + " import it into a trust store and run java with -Djavax.net.ssl.trustStore=FILE"),
          untrusted.stderr());
      // Go's HTTP server logs the failed handshake with the client's address and port.
      assertLogs(c, handshakeError + "\\d+: remote error: tls: ");
      assertTrue(page.replaceAll("\\s+", " ").contains("`http: TLS handshake error from "),
          "self-hosting.md shows the log line that keeps a client's address");
      assertTrue(EnvironmentDocsTest.read("docs/privacy.md").replaceAll("\\s+", " ").contains("TLS handshake error"),
          "privacy.md names the log line that keeps a client's address");

      // http:// for the TLS listener.
      args.set(args.indexOf(https), https.replace("https://", "http://"));
      TbotCli.Result plain = TbotCli.run(Map.of(), args);
      assertEquals(0, plain.exitCode(), plain.stderr());
      assertTrue(plain.stderr().contains("FAILED after ") && plain.stderr().contains("(the collector answered 400; an"
          + " https listener's answer to plain HTTP: the endpoint starts with https://)"), plain.stderr());
      assertLogs(c, handshakeError + "\\d+: client sent an HTTP request to an HTTPS server");
      assertEquals(1, file.records().size(), "nothing more stored");
      assertEquals(List.of(), c.stackFrames(), "each failed handshake is one line");
    }
    assertTrue(page.contains("--config collector-config/overlays/otlp-tls.yaml"), "self-hosting.md runs the overlay");
  }

  /** Waits (up to 5 s) for a line of the collector's log that {@code regex} finds. */
  private static void assertLogs(Collector c, String regex) throws Exception {
    Pattern p = Pattern.compile(regex);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline && !p.matcher(c.logText()).find()) {
      Thread.sleep(100);
    }
    assertTrue(p.matcher(c.logText()).find(), regex + " in\n" + c.logTail());
  }

  /** The commands of the page's private-CA block, one per line. */
  private static List<String> documentedLines() throws Exception {
    String page = EnvironmentDocsTest.read("docs/self-hosting.md");
    Matcher block = Pattern.compile("<!-- private-ca: [^>]*-->\\n```sh\\n([^`]*)```").matcher(page);
    assertTrue(block.find(), "self-hosting.md has the private-CA block");
    List<String> lines = block.group(1).lines().filter(l -> !l.isBlank()).toList();
    assertEquals(2, lines.size(), "the trust store, then the start line: " + lines);
    return lines;
  }

  /**
   * A CA (ca.pem) and a server certificate it signed (server.pem, server-key.pem), made by the
   * page's OpenSSL lines, run as written but for the server's name: 127.0.0.1, which the test
   * connects to, in place of collector.internal.
   */
  private static void serverIdentity(Path dir) throws Exception {
    String page = EnvironmentDocsTest.read("docs/self-hosting.md");
    Matcher block = Pattern.compile("<!-- tls-certificates: [^>]*-->\\n```sh\\n([^`]*)```").matcher(page);
    assertTrue(block.find(), "self-hosting.md has the certificates block");
    List<String> lines = block.group(1).lines().filter(l -> !l.isBlank()).toList();
    assertEquals(4, lines.size(), "the CA, the server's key and request, its extensions, its certificate: " + lines);
    String name = "DNS:collector.internal";
    assertEquals(1, lines.stream().filter(l -> l.contains(name)).count(), "one line names the server: " + lines);
    // The lines run openssl: a machine without it fails here with that cause, not a missing file.
    assertEquals(0, sh(dir, "command -v openssl").exitCode, "these tests need an openssl binary on PATH");
    for (String line : lines) {
      Run r = sh(dir, line.replace(name, "IP:127.0.0.1"));
      assertEquals(0, r.exitCode, line + ":\n" + r.stderr);
    }
    for (String made : List.of("ca.pem", "server.pem", "server-key.pem")) {
      assertTrue(Files.isRegularFile(dir.resolve(made)), made);
    }
  }

  private record Run(int exitCode, String stderr) {}

  private static Run sh(Path dir, String line) throws Exception {
    return run(dir, List.of("sh", "-c", line));
  }

  private static Run run(Path dir, List<String> cmd) throws Exception {
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
    // A clean environment: no ambient consent, opt-out, endpoint, proxy or OTEL_* settings.
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", System.getProperty("user.home"));
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(cmd + " did not exit within 60 s");
    }
    return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
  }
}
