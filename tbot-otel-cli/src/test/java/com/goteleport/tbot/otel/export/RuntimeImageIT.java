package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that ships a Java runtime of its own, made with {@code jlink} from only the modules it
 * needs: README names the ones a send needs, and a real image of just those sends over HTTP and
 * https (made once per JDK under {@code target/}, in a few seconds). With fewer, left out here with
 * {@code --limit-modules} (the same boot layer as an image without them, at no jlink cost): with
 * {@code java.base} alone the agent still reads its config (snakeyaml needs no other module) and
 * nothing is sent or printed; with {@code java.logging} it sends over HTTP, but https needs {@code
 * jdk.crypto.ec} as well before JDK 22 (this test's collector has an EC certificate; Go's TLS and
 * most load balancers offer only elliptic-curve key exchange); debug mode names what is missing.
 */
class RuntimeImageIT {

  private static final Duration CHILD = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aRuntimeWithJavaBaseOnlyReadsTheConfigAndSendsNothingQuietly() throws Exception {
    List<String> java = limitedTo("java.base");
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      ChildJvm.Result off = host(java, config("false"), collector.url(), List.of(), false);
      assertEquals("anonymous_analytics=false database=1\ndelivery=NOT_ATTEMPTED\n"
          + "preview refused: " + JAVA_LOGGING + "\n", off.stdout(), off.stderr());
      assertEquals("", off.stderr());

      ChildJvm.Result on = host(java, config("true"), collector.url(), List.of(), false);
      assertEquals(0, on.exitCode(), on.stderr());
      assertEquals("anonymous_analytics=true database=1\ndelivery=FAILED\n"
          + "preview refused: " + JAVA_LOGGING + "\n", on.stdout(), "nothing thrown at the host");
      assertEquals("", on.stderr(), "nothing printed");

      ChildJvm.Result debug = host(java, config("true"), collector.url(), List.of(), true);
      assertTrue(debug.stderr().contains("tbot-otel debug: tbot.start not sent: " + JAVA_LOGGING + "\n"),
          debug.stderr());
      assertEquals(0, collector.requests().size());
    }
  }

  @Test
  void theClisPreviewInARuntimeWithJavaBaseOnlySaysWhyInOneLine() {
    List<String> jvm = List.of("--limit-modules", "java.base");
    ChildJvm.Result r = ChildJvm.runJar(jvm, List.of("preview", "--anonymous-analytics"), ChildJvm.baseEnv(), CHILD);
    assertEquals(1, r.exitCode(), r.stderr());
    assertEquals("", r.stdout());
    assertEquals("tbot-otel: cannot render the preview: " + JAVA_LOGGING + "\n", r.stderr());
  }

  @Test
  void theModulesReadmeNamesSendOverHttpAndHttps() throws Exception {
    List<String> java = List.of(image("java.base,java.logging,jdk.crypto.ec").resolve("bin").resolve("java").toString());
    Path trustStore = SelfSignedTls.writeTrustStore(dir);
    try (OtlpReceiver http = OtlpReceiver.start();
        OtlpReceiver https = OtlpReceiver.start(SelfSignedTls.known().serverContext())) {
      assertDelivered(host(java, config("true"), http.url(), List.of(), false), http);
      assertDelivered(host(java, config("true"), https.url(), trustStoreFlags(trustStore), false), https);
    }
  }

  @Test
  void withoutJdkCryptoEcHttpsFailsQuietlyBeforeJdk22AndDebugNamesTheModule() throws Exception {
    List<String> java = limitedTo("java.base,java.logging");
    Path trustStore = SelfSignedTls.writeTrustStore(dir);
    try (OtlpReceiver https = OtlpReceiver.start(SelfSignedTls.known().serverContext())) {
      if (Runtime.version().feature() >= 22) { // the curves moved into java.base
        assertDelivered(host(java, config("true"), https.url(), trustStoreFlags(trustStore), false), https);
        return;
      }
      ChildJvm.Result quiet = host(java, config("true"), https.url(), trustStoreFlags(trustStore), false);
      assertTrue(quiet.stdout().contains("delivery=FAILED\n"), quiet.stdout());
      assertEquals("", quiet.stderr());
      ChildJvm.Result debug = host(java, config("true"), https.url(), trustStoreFlags(trustStore), true);
      assertTrue(debug.stderr().contains("; this Java runtime has no jdk.crypto.ec module, without which TLS before "
          + "JDK 22 has no elliptic curves: add it to the runtime image (jlink --add-modules jdk.crypto.ec) or the "
          + "module graph (--add-modules)\n"),
          debug.stderr());
      assertEquals(0, https.requests().size());
    }
  }

  private static final String JAVA_LOGGING = "this Java runtime has no java.logging module, which the "
      + "OpenTelemetry SDK needs: add it to the runtime image (jlink --add-modules java.logging) or the "
      + "module graph (--add-modules)";

  private static void assertDelivered(ChildJvm.Result r, OtlpReceiver collector) throws Exception {
    assertEquals("anonymous_analytics=true database=1\ndelivery=DELIVERED\npreview=true\n", r.stdout(), r.stderr());
    assertEquals("", r.stderr());
    assertEquals(1, collector.await(1, Duration.ofSeconds(5)).size());
  }

  private static List<String> trustStoreFlags(Path trustStore) {
    return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit");
  }

  /** A tbot config with one database output and {@code anonymous_analytics} as given. */
  private Path config(String analytics) throws IOException {
    Path f = dir.resolve("tbot-" + analytics + ".yaml");
    Files.writeString(f, "version: v2\nanonymous_analytics: " + analytics + "\n"
        + "outputs:\n  - type: database\n    destination: {type: directory, path: /tmp/db}\n"
        + "    service: postgres\n    database: app\n    username: app\n", StandardCharsets.UTF_8);
    return f;
  }

  /** This JDK's java, with only {@code modules} in its module graph. */
  private static List<String> limitedTo(String modules) {
    return List.of(ChildJvm.javaBinary(), "--limit-modules", modules);
  }

  /** Runs {@link RuntimeImageHost} with {@code java} (the launcher and its first options). */
  private static ChildJvm.Result host(List<String> java, Path config, String url, List<String> jvmArgs, boolean debug) {
    List<String> cmd = new ArrayList<>(java);
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RuntimeImageHost.class.getName(),
        config.toString(), url));
    if (debug) {
      cmd.add("debug");
    }
    return ChildJvm.run(cmd, ChildJvm.baseEnv(), CHILD);
  }

  /** A runtime image of this JDK with {@code modules}, made once under target/. */
  private static synchronized Path image(String modules) throws Exception {
    Path image = Paths.get("target", "runtime-images",
        Runtime.version().toString().replaceAll("[^0-9A-Za-z.]", "_") + "-" + modules.replace(',', '+'));
    if (Files.isRegularFile(image.resolve("release"))) {
      return image;
    }
    Path made = Files.createDirectories(image.getParent()).resolve(image.getFileName() + ".tmp");
    deleteTree(made);
    String jlink = Paths.get(System.getProperty("java.home"), "bin", "jlink").toString();
    Process p = new ProcessBuilder(jlink, "--add-modules", modules, "--output", made.toString(),
            "--strip-debug", "--no-header-files", "--no-man-pages")
        .redirectErrorStream(true)
        .start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError("jlink " + modules + " failed: " + output);
    }
    Files.move(made, image);
    return image;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
