package com.goteleport.tbot.otel.export;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS server identity with a self-signed certificate, made at test time with the running JDK's
 * {@code keytool}. Three exist per JVM: {@link #known()}, for 127.0.0.1, which a child JVM trusts
 * when given {@link #writeTrustStore} as its {@code javax.net.ssl.trustStore}; {@link #stranger()},
 * for 127.0.0.1 too, which no trust store ever holds; and {@link #misnamed()}, issued for another
 * host name.
 */
public final class SelfSignedTls {

  private static final char[] PASSWORD = "changeit".toCharArray();
  private static SelfSignedTls known;
  private static SelfSignedTls stranger;
  private static SelfSignedTls misnamed;
  private static final String LOOPBACK = "san=ip:127.0.0.1,dns:localhost";

  private final SSLContext context;
  private final Certificate certificate;
  private final KeyStore keyStore;

  private SelfSignedTls(SSLContext context, Certificate certificate, KeyStore keyStore) {
    this.context = context;
    this.certificate = certificate;
    this.keyStore = keyStore;
  }

  /** The identity {@link #writeTrustStore} adds to the JDK's roots. */
  public static synchronized SelfSignedTls known() {
    if (known == null) {
      known = create("CN=127.0.0.1", LOOPBACK);
    }
    return known;
  }

  /** An identity of its own, in no trust store: the untrusted server of the fault matrix. */
  public static synchronized SelfSignedTls stranger() {
    if (stranger == null) {
      stranger = create("CN=127.0.0.1", LOOPBACK);
    }
    return stranger;
  }

  /**
   * An identity for {@code collector.invalid} only: trusted (given to {@link #writeTrustStore(Path,
   * SelfSignedTls)}), a server on 127.0.0.1 presenting it must still fail host name verification.
   */
  public static synchronized SelfSignedTls misnamed() {
    if (misnamed == null) {
      misnamed = create("CN=collector.invalid", "san=dns:collector.invalid");
    }
    return misnamed;
  }

  /** The server side's TLS context. */
  public SSLContext serverContext() {
    return context;
  }

  /**
   * A server context of this identity that takes any client certificate offered: for a server
   * that asks clients for one and records whether it got it.
   */
  public SSLContext serverContextTakingAnyClientCertificate() throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, PASSWORD);
    X509TrustManager any = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), new TrustManager[] {any}, null);
    return ctx;
  }

  /** Writes this identity's key and certificate as a PKCS12 key store (password changeit). */
  public Path writeKeyStore(Path dir) throws Exception {
    Path out = dir.resolve("identity.p12");
    try (OutputStream os = Files.newOutputStream(out)) {
      keyStore.store(os, PASSWORD);
    }
    return out;
  }

  /** The server socket factory of {@link #serverContext()}. */
  public SSLServerSocketFactory serverSocketFactory() {
    return context.getServerSocketFactory();
  }

  /**
   * Writes a trust store that holds every root the running JDK trusts by default plus {@link
   * #known()}'s certificate, and returns its path: given to a child JVM as {@code
   * -Djavax.net.ssl.trustStore=PATH}, that server is trusted while the trust store stays as large,
   * and as costly to load, as the JDK's own.
   */
  public static Path writeTrustStore(Path dir) throws Exception {
    return writeTrustStore(dir, known());
  }

  /** As {@link #writeTrustStore(Path)}, trusting {@code trusted} instead of {@link #known()}. */
  public static Path writeTrustStore(Path dir, SelfSignedTls trusted) throws Exception {
    Path jdkRoots = Paths.get(System.getProperty("java.home"), "lib", "security", "cacerts");
    // JKS: its certificates load without a password, as javax.net.ssl.trustStore reads them.
    KeyStore trust = KeyStore.getInstance("JKS");
    try (InputStream in = Files.newInputStream(jdkRoots)) {
      trust.load(in, null);
    }
    trust.setCertificateEntry("tbot-otel-test-server", trusted.certificate);
    Path out = dir.resolve("trust-store.jks");
    try (OutputStream os = Files.newOutputStream(out)) {
      trust.store(os, PASSWORD);
    }
    return out;
  }

  /**
   * Writes a PKCS12 trust store holding only {@link #known()}'s certificate, stored with the
   * password changeit as {@code keytool -importcert -storetype PKCS12} writes one: the JDK
   * encrypts its certificates, so a JVM given it without {@code javax.net.ssl.trustStorePassword}
   * reads none of them.
   */
  public static Path writePasswordTrustStore(Path dir) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("tbot-otel-test-server", known().certificate);
    Path out = dir.resolve("trust-store.p12");
    try (OutputStream os = Files.newOutputStream(out)) {
      trust.store(os, PASSWORD);
    }
    return out;
  }

  /**
   * Writes {@link #known()}'s certificate as PEM, as openssl writes one: a file a user may give as
   * {@code javax.net.ssl.trustStore}, which is no key store.
   */
  public static Path writePemCertificate(Path dir) throws Exception {
    Path out = dir.resolve("collector-ca.pem");
    Files.writeString(out, "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(known().certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    return out;
  }

  private static SelfSignedTls create(String dname, String subjectAltNames) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("tbot-otel-tls");
      Path store = dir.resolve("server.p12");
      String keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
      Process p =
          new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
                  "-groupname", "secp256r1", "-dname", dname, "-ext", subjectAltNames,
                  "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                  "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new AssertionError("keytool failed: " + output);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, PASSWORD);
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return new SelfSignedTls(ctx, ks.getCertificate("server"), ks);
    } catch (Exception e) {
      throw new AssertionError("cannot make a self-signed TLS server", e);
    } finally {
      if (dir != null) {
        try (var files = Files.list(dir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Files.deleteIfExists(f);
          }
          Files.deleteIfExists(dir);
        } catch (Exception ignored) {
          // best effort
        }
      }
    }
  }
}
