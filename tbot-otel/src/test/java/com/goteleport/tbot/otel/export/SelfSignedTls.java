package com.goteleport.tbot.otel.export;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * A TLS server socket factory with a self-signed certificate for 127.0.0.1, made at test time with
 * the running JDK's {@code keytool}: valid in every way except that nobody trusts it.
 */
public final class SelfSignedTls {

  private static final char[] PASSWORD = "changeit".toCharArray();
  private static SSLServerSocketFactory factory;

  private SelfSignedTls() {}

  /** The factory, created once per JVM. */
  public static synchronized SSLServerSocketFactory serverSocketFactory() {
    if (factory == null) {
      factory = create();
    }
    return factory;
  }

  private static SSLServerSocketFactory create() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("tbot-otel-tls");
      Path store = dir.resolve("server.p12");
      String keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
      Process p =
          new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
                  "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost",
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
      return ctx.getServerSocketFactory();
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
