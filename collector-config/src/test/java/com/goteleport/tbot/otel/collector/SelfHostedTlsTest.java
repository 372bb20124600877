package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/self-hosting.md's "Behind TLS with a private CA", on the real collector serving TLS with a
 * certificate a CA of the test's own signed: the page's two lines, run as written but for the
 * endpoint and the paths, deliver; without the trust store, and with {@code http://} for the TLS
 * listener, {@code --debug} names the mistake and the fix (Go's https listener answers a plain
 * request with a 400 of its own).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SelfHostedTlsTest {

  private static final String PASSWORD = "changeit";

  @BeforeAll
  static void buildCollector() {
    Collector.binary(); // a first build takes minutes: here, where the class's @Timeout does not apply
  }

  @Test
  void aPrivateCasCertificateIsTrustedAsSelfHostingShowsAndMistakesSaySo() throws Exception {
    Path dir = Collector.BUILD_DIR.resolve("private-ca");
    Collector.deleteTree(dir);
    Files.createDirectories(dir);
    Path overlay = serverIdentity(dir);
    List<String> lines = documentedLines();

    Path events = Edges.eventsFile("e2e-private-ca");
    int port = Collector.freePort();
    try (Collector c = Collector.start("private-ca",
        Map.of("TBOT_OTEL_INGEST_ENDPOINT", "127.0.0.1:" + port,
            "TBOT_OTEL_PROMETHEUS_ENDPOINT", "127.0.0.1:" + Collector.freePort(),
            "TBOT_OTEL_EVENTS_FILE", events.toString()),
        Collector.config("self-hosted.yaml"), overlay)) {
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

      // Without the store: the JDK's roots do not hold the CA.
      List<String> args = new ArrayList<>(List.of("start", "--anonymous-analytics", "--anonymous-analytics-endpoint",
          https, "--oneshot", "--tbot-version", "18.1.0", "--anonymous-analytics-exit-timeout", "5s", "--debug"));
      TbotCli.Result untrusted = TbotCli.run(Map.of(), args);
      assertEquals(0, untrusted.exitCode(), untrusted.stderr());
      assertTrue(untrusted.stderr().contains("FAILED after ") && untrusted.stderr().contains("PKIX path building failed")
          && untrusted.stderr().contains("; no CA this JVM trusts signed the collector's certificate: for a private CA,"
              + " import it into a trust store and run java with -Djavax.net.ssl.trustStore=FILE"),
          untrusted.stderr());

      // http:// for the TLS listener.
      args.set(args.indexOf(https), https.replace("https://", "http://"));
      TbotCli.Result plain = TbotCli.run(Map.of(), args);
      assertEquals(0, plain.exitCode(), plain.stderr());
      assertTrue(plain.stderr().contains("FAILED after ") && plain.stderr().contains("(the collector answered 400; an"
          + " https listener's answer to plain HTTP: the endpoint starts with https://)"), plain.stderr());
      assertEquals(1, file.records().size(), "nothing more stored");
    }
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
   * A CA (ca.p12, its certificate ca.pem) and a server identity it signed for 127.0.0.1, made with
   * the JDK's keytool; returns a config overlay that has the OTLP listener serve it.
   */
  private static Path serverIdentity(Path dir) throws Exception {
    keytool(dir, "-genkeypair", "-alias", "ca", "-dname", "CN=tbot-otel test CA", "-keyalg", "EC", "-ext", "bc:c",
        "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD, "-file", "ca.pem");
    keytool(dir, "-genkeypair", "-alias", "server", "-dname", "CN=127.0.0.1", "-keyalg", "EC", "-validity", "2",
        "-keystore", "server.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool(dir, "-certreq", "-alias", "server", "-keystore", "server.p12", "-storepass", PASSWORD, "-file", "server.csr");
    keytool(dir, "-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD,
        "-infile", "server.csr", "-outfile", "server.pem", "-ext", "san=ip:127.0.0.1", "-validity", "2");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      store.load(in, PASSWORD.toCharArray());
    }
    PrivateKey key = (PrivateKey) store.getKey("server", PASSWORD.toCharArray());
    Files.writeString(dir.resolve("server-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
    Path overlay = dir.resolve("tls-overlay.yaml");
    Files.writeString(overlay, "receivers:\n  otlp:\n    protocols:\n      http:\n        tls:\n"
        + "          cert_file: " + dir.resolve("server.pem") + "\n"
        + "          key_file: " + dir.resolve("server-key.pem") + "\n", StandardCharsets.UTF_8);
    return overlay;
  }

  private static void keytool(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    Run r = run(dir, cmd);
    assertEquals(0, r.exitCode, "keytool " + String.join(" ", args) + ":\n" + r.stderr);
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
