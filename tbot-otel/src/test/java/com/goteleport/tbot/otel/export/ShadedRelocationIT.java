package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.privacy.Wire;
import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * tbot-otel embedded as a Java agent often embeds its libraries: shaded into one jar with
 * relocation, so that its OpenTelemetry never clashes with the application's own. The build makes
 * such a jar (target/test-shaded/tbot-otel-relocated.jar, the {@code relocated-for-tests} shade
 * execution: OpenTelemetry, snakeyaml and tbot-otel itself moved under {@code com.example.shaded},
 * with the ServicesResourceTransformer, marked Multi-Release, and configured as the README advises).
 * Each case runs {@link RelocatedHost} in a child JVM with that jar first on the class path, alone
 * or before the application's own OpenTelemetry of an older release (target/otel-versions).
 *
 * <p>Shading rewrites the string constants that name a relocated class or path, and moves the
 * resources under a relocated path: the send's version check, its logger names, its pinned encoder
 * class and its sender all follow. What it does not move (MSHADE-406) are multi-release entries: a
 * jar that keeps {@code META-INF/versions/9/org/yaml/snakeyaml/...} answers for the application's
 * own snakeyaml with a relocated class, and breaks it.
 */
class ShadedRelocationIT {

  private static final String PACKAGE = "com.example.shaded.tbot.otel";
  private static final String SHADED_OTEL = "com/example/shaded/io/opentelemetry/";
  private static final Path VERSIONS = Paths.get("target", "otel-versions");

  @TempDir Path tmp;

  @Test
  void aloneTheRelocatedCopyDeliversAndPrintsNothing() throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      // A buffer size that fails every export unless the send pins the (relocated) encoder first.
      ChildJvm.Result r = host(classPath(jar()), List.of("-Dotel.experimental.otlp.buffer-size=1"), collector.url());
      assertDelivered(r, collector, "alone, -Dotel.experimental.otlp.buffer-size=1");
      assertEquals(List.of("INFO: host starts", "SEVERE: the host's own record"), messages(r.stderr()), r.stderr());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.40.0", "1.62.0"})
  void besideTheHostsOlderOpenTelemetryItsOwnCopyDelivers(String version) throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      ChildJvm.Result r = host(classPath(jar(), hostOpenTelemetry(version, false)), List.of(), collector.url());
      assertDelivered(r, collector, "beside the host's " + version);
      assertEquals(List.of("INFO: host starts", "SEVERE: the host's own record"), messages(r.stderr()), r.stderr());
    }
  }

  /**
   * A refused connection and a 500 print nothing of the send, with the host's logging as it comes
   * and with its root logger and console handler at ALL: there only tbot-otel's own FINE lines, on
   * its relocated logger, beside the host's records; none of the (relocated) SDK's.
   */
  @ParameterizedTest
  @CsvSource({"refused, default", "500, default", "refused, all", "500, all"})
  void aFaultPrintsNothingOfTheSend(String fault, String logging) throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.start().respondWith(500)) {
      String endpoint = fault.equals("refused") ? refused() : collector.url();
      ChildJvm.Result r = logging.equals("all")
          ? host(classPath(jar(), hostOpenTelemetry("1.62.0", false)), List.of(), endpoint, "all")
          : host(classPath(jar(), hostOpenTelemetry("1.62.0", false)), List.of(), endpoint);
      String context = fault + ", logging " + logging + ":\n" + r.stderr();
      assertEquals(List.of("delivery FAILED", "preview rendered", "config github oneshot true", "unrelocated SDK loggers []"),
          r.stdout().lines().collect(Collectors.toList()), context);
      List<String> messages = messages(r.stderr());
      if (logging.equals("default")) {
        assertEquals(List.of("INFO: host starts", "SEVERE: the host's own record"), messages, context);
        return;
      }
      assertEquals("INFO: host starts", messages.get(0), context);
      assertEquals("SEVERE: the host's own record", messages.get(messages.size() - 1), context);
      List<String> between = messages.subList(1, messages.size() - 1);
      assertEquals(2, between.size(), context);
      assertTrue(between.get(0).matches("FINE: (not connected: .*|connected after \\d+ ms)"), context);
      assertTrue(between.get(1).matches("FINE: tbot\\.start to \\S+: FAILED after \\d+ ms \\(.*\\)"), context);
      // Each record's source line: the host's, or tbot-otel's diagnostics under the relocated name.
      List<String> sources = r.stderr().lines().filter(l -> !messages.contains(l)).collect(Collectors.toList());
      assertTrue(sources.stream().allMatch(l -> l.endsWith(" " + RelocatedHost.class.getName() + " main")
          || l.endsWith(" " + PACKAGE + ".internal.export.Diagnostics debug")), context);
    }
  }

  /**
   * The version check reads the relocated copy's own version.properties, not the host's: with its
   * own opentelemetry-api's made to say 1.66.0, the send refuses and names that version, beside a
   * host's 1.62.0 that it would otherwise send beside (above).
   */
  @Test
  void theVersionCheckReadsItsOwnCopy() throws Exception {
    Path tampered = tmp.resolve("tbot-otel-relocated.jar");
    Files.copy(jar(), tampered);
    try (FileSystem zip = FileSystems.newFileSystem(tampered)) {
      Path properties = zip.getPath(SHADED_OTEL + "api/version.properties");
      assertTrue(Files.isRegularFile(properties), "the shaded jar moved version.properties under the relocated path");
      Files.writeString(properties, "sdk.version=1.66.0\n");
    }
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      ChildJvm.Result r = host(classPath(tampered, hostOpenTelemetry("1.62.0", false)), List.of(), collector.url(), "debug");
      assertTrue(r.stdout().startsWith("delivery FAILED\n"), r.stdout() + r.stderr());
      assertTrue(r.stderr().lines().anyMatch(l -> l.equals("tbot-otel debug: tbot.start not sent: opentelemetry-api "
          + "1.66.0 is on the class path; tbot-otel needs OpenTelemetry Java 1.67.0 or newer")), r.stderr());
      Thread.sleep(100);
      assertEquals(0, collector.requests().size());
    }
  }

  /**
   * The host's own snakeyaml and OpenTelemetry stay the host's with the shaded jar first on the class
   * path: its multi-release entries (snakeyaml's internal Logger, the exporter's VarHandle encoder)
   * must not answer for the unrelocated names, nor its service files name a provider the host does
   * not have (an application with OpenTelemetry's autoconfigure but not the OTLP exporter).
   */
  @Test
  void theHostsOwnLibrariesStayTheHosts() throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      List<Path> host = new ArrayList<>(hostOpenTelemetry("1.62.0", true));
      host.add(codeSource(Yaml.class));
      ChildJvm.Result r = host(classPath(jar(), host), List.of(), collector.url(), "host-libraries");
      assertEquals(List.of("delivery DELIVERED", "preview rendered", "config github oneshot true", "unrelocated SDK loggers []", "host yaml {a=1}",
          "host encoder loaded", "host providers []"), r.stdout().lines().collect(Collectors.toList()), r.stderr());
      assertEquals(1, collector.await(1, Duration.ofSeconds(2)).size());
    }
  }

  private void assertDelivered(ChildJvm.Result r, OtlpReceiver collector, String context) throws Exception {
    assertEquals(List.of("delivery DELIVERED", "preview rendered", "config github oneshot true", "unrelocated SDK loggers []"),
        r.stdout().lines().collect(Collectors.toList()), context + ":\n" + r.stderr());
    List<OtlpReceiver.Received> got = collector.await(1, Duration.ofSeconds(2));
    assertEquals(1, got.size(), context);
    // Its own exporter, not the host's.
    String agent = got.get(0).headers().get("User-agent").get(0);
    assertTrue(agent.endsWith("/" + ownOpenTelemetryVersion()), context + ": " + agent);
    Wire.assertAnonymous(got.get(0), List.of(), context);
  }

  /** The JUL console lines that carry a record's level and message (the others name its source). */
  private static List<String> messages(String stderr) {
    return stderr.lines().filter(l -> l.matches("(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): .*"))
        .collect(Collectors.toList());
  }

  private static ChildJvm.Result host(String classPath, List<String> jvmArgs, String endpoint, String... flags) {
    List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaBinary()));
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", classPath, RelocatedHost.class.getName(), PACKAGE, endpoint));
    cmd.addAll(List.of(flags));
    ChildJvm.Result r = ChildJvm.run(cmd, ChildJvm.baseEnv(), Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    return r;
  }

  /** The shaded jar first, then the host's jars, then the host's own class (no tbot-otel beside). */
  private static String classPath(Path jar, List<Path> host) {
    List<String> entries = new ArrayList<>();
    entries.add(jar.toAbsolutePath().toString());
    host.forEach(p -> entries.add(p.toAbsolutePath().toString()));
    entries.add(codeSource(RelocatedHost.class).toString());
    return String.join(ChildJvm.pathSeparator(), entries);
  }

  private static String classPath(Path jar) {
    return classPath(jar, List.of());
  }

  private static Path jar() {
    String prop = System.getProperty("tbot.otel.relocated.jar");
    Path p = prop != null ? Paths.get(prop) : Paths.get("target", "test-shaded", "tbot-otel-relocated.jar");
    assertTrue(Files.isRegularFile(p), "no " + p + ": the build's relocated-for-tests shade makes it (mvn verify)");
    return p;
  }

  /** A host's OpenTelemetry release, as its resolution leaves it; without the OTLP exporter if asked. */
  private static List<Path> hostOpenTelemetry(String version, boolean withoutOtlpExporter) {
    try (Stream<Path> jars = Files.list(VERSIONS.resolve(version))) {
      List<Path> found = jars.filter(p -> p.toString().endsWith("-" + version + ".jar"))
          .filter(p -> !withoutOtlpExporter
              || !p.getFileName().toString().equals("opentelemetry-exporter-otlp-" + version + ".jar"))
          .sorted().collect(Collectors.toList());
      assertTrue(found.size() >= 7, "the jars of " + version + " in " + VERSIONS + ": " + found);
      return found;
    } catch (IOException e) {
      throw new AssertionError("no " + VERSIONS.resolve(version) + ": the build copies the releases there", e);
    }
  }

  private static Path codeSource(Class<?> c) {
    try {
      return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The OpenTelemetry release tbot-otel is built with, which the shaded jar carries. */
  private static String ownOpenTelemetryVersion() throws IOException {
    try (InputStream in = ShadedRelocationIT.class.getClassLoader()
        .getResourceAsStream("io/opentelemetry/exporter/otlp/version.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("sdk.version");
    }
  }

  private static String refused() {
    try {
      return "http://127.0.0.1:" + Fault.closedPort() + "/v1/logs"; // refused; held, so no one else listens there
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
