package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.privacy.Wire;
import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A host that uses OpenTelemetry itself decides its version for the whole class path. Each release
 * here (copied by the build to target/otel-versions/VERSION, as a host's resolution leaves it, the
 * autoconfigure SPI included; never on a test's class path) replaces the OpenTelemetry jars of a
 * child JVM running {@link OpenTelemetryVersionHost}. Below 1.67.0 the exporter logs a failed export
 * at SEVERE before any filter (the OpenTelemetry Java agent exports it into the host's logs), and
 * 1.60 to 1.62 under a logger name the send does not filter, so their console handler printed it
 * with its stack trace on a refused connection: there the send is not attempted (no request, even
 * to a healthy collector), nothing is printed, and debug mode says which version on one line. From
 * 1.67.0 the event is delivered as on the pinned version, and a refused connection prints nothing.
 * Without consent, no OpenTelemetry class is loaded whatever the version.
 */
class OpenTelemetryVersionsTest {

  private static final Path VERSIONS = Paths.get("target", "otel-versions");
  private static final String MINIMUM = "1.67.0";

  @ParameterizedTest
  @ValueSource(strings = {"1.40.0", "1.62.0", "1.66.0"})
  void belowTheMinimumNothingIsSentOrPrintedAndDebugSaysWhy(String version) throws Exception {
    ChildJvm.Result refused = host(version, refused(), "yes");
    assertEquals("delivery FAILED\n", refused.stdout(), refused.stderr());
    assertEquals("", refused.stderr(), version + ": nothing printed");
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      ChildJvm.Result healthy = host(version, collector.url(), "yes");
      assertEquals("delivery FAILED\n", healthy.stdout(), healthy.stderr());
      assertEquals("", healthy.stderr());
      Thread.sleep(100);
      assertEquals(0, collector.requests().size(), version + ": nothing sent, even to a healthy collector");
    }
    ChildJvm.Result debug = host(version, refused(), "yes", "debug");
    assertEquals("delivery FAILED\n", debug.stdout(), debug.stderr());
    assertEquals(List.of("tbot-otel debug: tbot.start not sent: opentelemetry-api " + version
        + " is on the class path; tbot-otel needs OpenTelemetry Java " + MINIMUM + " or newer"),
        debug.stderr().lines().collect(Collectors.toList()));
    // A preview says the same, as an IllegalStateException (not a NoSuchMethodError or a missing
    // Jackson class from deep inside the SDK).
    assertEquals("preview threw java.lang.IllegalStateException: opentelemetry-api " + version
        + " is on the class path; tbot-otel needs OpenTelemetry Java " + MINIMUM + " or newer\n",
        host(version, refused(), "preview").stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {MINIMUM})
  void fromTheMinimumTheEventIsDeliveredAndAFailureIsSilent(String version) throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      ChildJvm.Result healthy = host(version, collector.url(), "yes");
      assertEquals("delivery DELIVERED\n", healthy.stdout(), healthy.stderr());
      assertEquals("", healthy.stderr());
      List<OtlpReceiver.Received> got = collector.await(1, Duration.ofSeconds(2));
      assertEquals(1, got.size());
      assertTrue(got.get(0).headers().get("User-agent").get(0).endsWith("/" + version), got.get(0).headers().toString());
      Wire.assertAnonymous(got.get(0), List.of(), version);
    }
    ChildJvm.Result refused = host(version, refused(), "yes");
    assertEquals("delivery FAILED\n", refused.stdout(), refused.stderr());
    assertEquals("", refused.stderr(), version + ": nothing printed");
    List<String> debug = host(version, refused(), "yes", "debug").stderr().lines().collect(Collectors.toList());
    assertEquals(2, debug.size(), debug.toString());
    assertTrue(debug.get(0).startsWith("tbot-otel debug: not connected: java.net.ConnectException"), debug.toString());
    assertTrue(debug.get(1).matches("tbot-otel debug: tbot\\.start to \\S+: FAILED after \\d+ ms \\(java\\.net\\.ConnectException: .*\\)"),
        debug.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.40.0", "1.62.0", "1.66.0", MINIMUM})
  void withoutConsentNoOpenTelemetryClassIsLoaded(String version) {
    List<String> cmd = command(version, "-Xlog:class+load=info:stdout", "http://127.0.0.1:9/v1/logs", "no");
    ChildJvm.Result r = ChildJvm.run(cmd, ChildJvm.baseEnv(), Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("", r.stderr());
    List<String> lines = r.stdout().lines().collect(Collectors.toList());
    assertTrue(lines.contains("delivery NOT_ATTEMPTED"), r.stdout());
    assertTrue(lines.stream().anyMatch(l -> l.contains(" com.goteleport.tbot.otel.AnonymousAnalytics ")), "the probe sees class loading");
    assertEquals(List.of(), lines.stream().filter(l -> l.contains(" io.opentelemetry.")).collect(Collectors.toList()));
  }

  private static ChildJvm.Result host(String version, String endpoint, String... args) {
    ChildJvm.Result r = ChildJvm.run(command(version, null, endpoint, args), ChildJvm.baseEnv(), Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    return r;
  }

  private static List<String> command(String version, String jvmOption, String endpoint, String... args) {
    List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaBinary()));
    if (jvmOption != null) {
      cmd.add(jvmOption);
    }
    cmd.addAll(List.of("-cp", classPath(version), OpenTelemetryVersionHost.class.getName(), endpoint));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** This class path without its OpenTelemetry jars, plus those of {@code version}. */
  private static String classPath(String version) {
    List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.contains(File.separator + "io" + File.separator + "opentelemetry" + File.separator))
        .collect(Collectors.toCollection(ArrayList::new));
    Path dir = VERSIONS.resolve(version);
    try (Stream<Path> jars = Files.list(dir)) {
      List<String> found = jars.filter(p -> p.toString().endsWith(".jar"))
          .map(p -> p.toAbsolutePath().toString()).sorted().collect(Collectors.toList());
      assertTrue(found.size() >= 8, "the jars of " + version + " in " + dir + ": " + found);
      assertTrue(found.stream().allMatch(j -> j.endsWith("-" + version + ".jar")), found.toString());
      entries.addAll(found);
    } catch (IOException e) {
      throw new AssertionError("no " + dir + ": the build copies the releases there (mvn test)", e);
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String refused() {
    try {
      return "http://127.0.0.1:" + Fault.closedPort() + "/v1/logs"; // refused; held, so no one else listens there
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
