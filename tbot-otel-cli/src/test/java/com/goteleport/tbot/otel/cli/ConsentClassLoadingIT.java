package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Without consent the OpenTelemetry SDK and exporter are never constructed: the shaded jar, run in
 * a child JVM with {@code -Xlog:class+load}, loads no class from {@code io.opentelemetry.sdk} or
 * {@code io.opentelemetry.exporter}, starts no thread of ours and opens no socket. With consent the
 * same count is non-zero, which proves the probe can see them.
 */
class ConsentClassLoadingIT {

  static final List<String> LOG_CLASSES =
      List.of("-Xlog:class+load=info:stdout", "-Xlog:library=info:stdout", "-Xshare:off");

  static List<String> telemetryClasses(String classLog) {
    return classLog
        .lines()
        .filter(l -> l.contains(" io.opentelemetry.sdk.") || l.contains(" io.opentelemetry.exporter."))
        .collect(Collectors.toList());
  }

  @Test
  void noSdkOrExporterClassWithoutConsent() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      String config = "../tbot-otel/src/test/resources/configs/v2-all-kinds.yaml";
      for (Map<String, String> extra : List.of(
          Map.<String, String>of(),
          Map.of("DO_NOT_TRACK", "1", "TELEPORT_ANONYMOUS_TELEMETRY", "1"),
          Map.of("OTEL_SDK_DISABLED", "true", "TELEPORT_ANONYMOUS_TELEMETRY", "1"))) {
        Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
        env.putAll(extra);
        ChildJvm.Result r = ChildJvm.runJar(LOG_CLASSES,
            List.of("start", "-c", config, "--anonymous-analytics-endpoint", receiver.url()), env, Duration.ofSeconds(30));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(), telemetryClasses(r.stdout()), "env " + extra);
        assertTrue(r.stdout().contains("com.goteleport.tbot.otel.cli.StartCommand"), "the probe sees class loading");
        assertEquals(List.of(), sockets(r.stdout()), "no socket: " + extra);
        assertEquals("", r.stderr(), "prints nothing");
      }
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void theJvmsOtelSdkDisabledPropertyIsANo() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
      env.put("TELEPORT_ANONYMOUS_TELEMETRY", "1");
      List<String> jvm = new java.util.ArrayList<>(LOG_CLASSES);
      jvm.add("-Dotel.sdk.disabled=true");
      ChildJvm.Result r = ChildJvm.runJar(jvm, List.of("start", "--anonymous-analytics",
          "--anonymous-analytics-endpoint", receiver.url()), env, Duration.ofSeconds(30));
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals(List.of(), telemetryClasses(r.stdout()));
      assertEquals(List.of(), sockets(r.stdout()));
      assertTrue(r.stdout().contains("com.goteleport.tbot.otel.cli.StartCommand"), "the probe sees class loading");
      assertEquals("", r.stderr(), "prints nothing");
      assertEquals(0, receiver.requests().size());
    }
  }

  /**
   * Socket classes a connection would load (the sender uses java.net.Socket over NioSocketImpl),
   * and the JDK's network library, whose loading opens sockets itself (socket(2) to probe IPv4 and
   * IPv6, never connected): a FileChannel loads it, as reading a file with {@code Files} did.
   */
  static List<String> sockets(String classLog) {
    return classLog.lines()
        .filter(l -> l.contains(" java.net.Socket ") || l.contains(" sun.nio.ch.NioSocketImpl ")
            || l.contains(" java.net.http.HttpClient ")
            || l.contains("Loaded library") && l.contains("/libnet."))
        .collect(Collectors.toList());
  }

  @Test
  void execWithANoStartsNothingAndReadsNoConfig(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path tbot = dir.resolve("tbot");
    java.nio.file.Files.writeString(tbot, "#!/bin/sh\nexit 0\n");
    tbot.toFile().setExecutable(true);
    Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
    env.put("DO_NOT_TRACK", "1");
    env.put("TELEPORT_ANONYMOUS_TELEMETRY", "1");
    ChildJvm.Result r = ChildJvm.runJar(LOG_CLASSES, List.of("exec", "--anonymous-analytics", "--",
        tbot.toString(), "start", "-c", "../tbot-otel/src/test/resources/configs/v2-all-kinds.yaml"), env, Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(List.of(), telemetryClasses(r.stdout()));
    assertTrue(r.stdout().lines().noneMatch(l -> l.contains(" org.yaml.snakeyaml.")
        || l.contains(" com.goteleport.tbot.otel.config.TbotConfigReader ")), "the config is not even read");
    assertTrue(r.stdout().contains("com.goteleport.tbot.otel.cli.ExecCommand"), "the probe sees class loading");
    assertEquals(List.of(), sockets(r.stdout()));
    assertEquals("", r.stderr());
  }

  /** exec without consent reads tbot's config, and its own files under /proc, opening no socket. */
  @Test
  void execWithoutConsentReadsTheConfigAndOpensNoSocket(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path tbot = dir.resolve("tbot");
    java.nio.file.Files.writeString(tbot, "#!/bin/sh\nexit 0\n");
    tbot.toFile().setExecutable(true);
    ChildJvm.Result r = ChildJvm.runJar(LOG_CLASSES, List.of("exec", "--",
        tbot.toString(), "start", "-c", "../tbot-otel/src/test/resources/configs/v2-all-kinds.yaml"), ChildJvm.baseEnv(),
        Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains(" com.goteleport.tbot.otel.config.TbotConfigReader "), "the config is read");
    assertTrue(r.stdout().contains("Loaded library"), "the probe sees libraries load");
    assertEquals(List.of(), telemetryClasses(r.stdout()));
    assertEquals(List.of(), sockets(r.stdout()));
    assertEquals("", r.stderr());
  }

  /**
   * The class log of a {@code start} with consent whose event was delivered: the longest exit wait,
   * as a cold JVM logging every class it loads, on a loaded machine, may take seconds to send.
   */
  private static String deliveredSendClassLog() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ChildJvm.Result r = ChildJvm.runJar(LOG_CLASSES,
          List.of("start", "--anonymous-analytics", "--anonymous-analytics-endpoint", receiver.url(),
              "--anonymous-analytics-exit-timeout", "10s"),
          ChildJvm.baseEnv(), Duration.ofSeconds(30));
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size());
      return r.stdout();
    }
  }

  @Test
  void withConsentTheSameProbeSeesTheSdk() throws Exception {
    String classLog = deliveredSendClassLog();
    assertTrue(telemetryClasses(classLog).size() > 20, "SDK classes load with consent");
    assertTrue(!sockets(classLog).isEmpty(), "the socket probe sees a connection with consent");
    assertTrue(classLog.lines().anyMatch(l -> l.contains("Loaded library") && l.contains("/libnet.")),
        "the probe sees the network library load with consent");
  }

  /**
   * The send's own metrics go nowhere without loading the API's no-op meter (~60 classes, about
   * 20 ms of a cold JVM) and without touching the global OpenTelemetry instance.
   */
  @Test
  void aDeliveredSendLoadsNeitherTheNoopMeterNorTheGlobalInstance() throws Exception {
    String classLog = deliveredSendClassLog();
    List<String> metrics = classLog.lines().filter(l -> l.contains(" io.opentelemetry.api.metrics."))
        .collect(Collectors.toList());
    assertTrue(metrics.stream().anyMatch(l -> l.contains(" io.opentelemetry.api.metrics.LongCounter ")),
        "the probe sees the metrics API the send does use: " + metrics);
    assertEquals(List.of(), metrics.stream().filter(l -> l.contains(".metrics.Default"))
        .collect(Collectors.toList()));
    assertEquals(List.of(), classLog.lines().filter(l -> l.contains(" io.opentelemetry.api.GlobalOpenTelemetry"))
        .collect(Collectors.toList()));
  }
}
