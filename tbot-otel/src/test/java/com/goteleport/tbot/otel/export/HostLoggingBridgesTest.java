package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failed send under the logging set-ups hosts commonly run: log4j as the JUL LogManager (its
 * default configuration, and one with everything on), logback behind jul-to-slf4j with its
 * LevelChangePropagator at DEBUG, a logging.properties with everything on, and one that turns the
 * OpenTelemetry loggers off. Each runs {@link BridgeHostProbe} in a child JVM whose class path is
 * this one plus the set-up's jars, copied by the build to target/host-logging (never on a test's own
 * class path). Outside debug mode nothing of the send is printed but tbot-otel's own FINE records
 * where the host logs FINE (documented), and the host's records still are; in debug mode the
 * fault's reason is printed, without a stack trace, whatever the host's levels, and nothing of the
 * SDK's. The reason once came from the SDK's own record only, which Diagnostics' filter sees only
 * where the host's level lets it through (not under log4j's default configuration, nor with the
 * io.opentelemetry loggers turned off); the send now says it itself.
 */
class HostLoggingBridgesTest {

  private static final Path BRIDGES = Paths.get("target", "host-logging");
  private static final String LOG4J_MANAGER = "-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager";

  /** A host's logging set-up: its JVM options, extra jars, probe flags, and the records it shows. */
  enum Setup {
    /** logging.properties: root and console at ALL. */
    JUL_ALL(true, true),
    /** logging.properties: the io.opentelemetry loggers OFF, as a host tired of the SDK's warnings. */
    JUL_OPENTELEMETRY_OFF(true, false),
    /** log4j-jul as the LogManager, log4j's default configuration (root at ERROR). */
    LOG4J_DEFAULT(false, true),
    /** log4j-jul as the LogManager, root at ALL. */
    LOG4J_ALL(true, true),
    /** logback behind jul-to-slf4j (SLF4JBridgeHandler.install), LevelChangePropagator, root at DEBUG. */
    LOGBACK_DEBUG(true, true);

    /** Whether the host's WARNING records are printed (log4j's default configuration prints ERROR only). */
    final boolean showsWarnings;
    /** Whether the host's own record on an io.opentelemetry logger is printed (not when it turned them off). */
    final boolean showsOpenTelemetry;

    Setup(boolean showsWarnings, boolean showsOpenTelemetry) {
      this.showsWarnings = showsWarnings;
      this.showsOpenTelemetry = showsOpenTelemetry;
    }
  }

  /** How the send fails. */
  enum Failure { CONNECTION_REFUSED, HTTP_500 }

  @TempDir Path dir;

  static Stream<Arguments> setupsAndFaults() {
    List<Arguments> all = new ArrayList<>();
    for (Setup s : Setup.values()) {
      for (Failure f : Failure.values()) {
        all.add(Arguments.of(s, f));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("setupsAndFaults")
  void aFailedSendPrintsNothingAndTheHostsRecordsStillPrint(Setup setup, Failure fault) {
    ChildJvm.Result r = run(setup, fault, false);
    String all = r.stdout() + r.stderr();
    assertEquals(setup.showsOpenTelemetry, all.contains("host record on the SDK's logger"),
        "host's own record on the SDK's logger: " + all);
    if (setup.showsWarnings) {
      assertTrue(all.contains("host record before") && all.contains("host record after"), "host's records: " + all);
    }
    // Every line is the host's, or tbot-otel's own FINE record (to com.goteleport.tbot.otel, which
    // the host routes as it likes). An SDK record, a stack trace line or anything else is a leak.
    List<String> leaked = all.lines()
        .filter(l -> !l.isBlank() && !l.startsWith("delivery ") && !l.contains("host record")
            && !l.contains(" com.goteleport.tbot.otel - "))
        .collect(Collectors.toList());
    assertEquals(List.of(), leaked, "printed by the send under " + setup + ": " + all);
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void debugGivesTheHttpFaultsReasonWithoutAStackTraceWhateverTheHostsLevels(Setup setup) {
    ChildJvm.Result r = run(setup, Failure.HTTP_500, true);
    List<String> debug = r.stderr().lines().filter(l -> l.startsWith("tbot-otel debug: ")).collect(Collectors.toList());
    assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
    // The status is the reason (connected, then FAILED says nothing more). Not the SDK's wording:
    // any debug line that gives 500 once the endpoint and durations are taken out.
    Pattern status = Pattern.compile("\\b500\\b");
    assertTrue(debug.stream().map(l -> l.replaceAll("https?://\\S+", "").replaceAll("\\d+ ms", ""))
            .anyMatch(l -> status.matcher(l).find()),
        "debug mode under " + setup + " must say the collector answered 500: " + debug);
    // tbot-otel's own lines only: the connection's and the outcome's. Not the SDK's chatter, nor
    // its FINE echo of the failure, printed where the host logs FINE (JUL_ALL, LOG4J_ALL).
    List<String> others = debug.stream()
        .filter(l -> !l.matches("tbot-otel debug: (connected after \\d+ ms|tbot\\.start to .*)"))
        .collect(Collectors.toList());
    assertEquals(List.of(), others, "under " + setup);
  }

  private ChildJvm.Result run(Setup setup, Failure fault, boolean debug) {
    if (fault == Failure.HTTP_500) {
      try (OtlpReceiver receiver = OtlpReceiver.start().respondWith(500)) {
        return run(setup, receiver.url(), debug);
      }
    }
    int refused;
    try {
      refused = Fault.closedPort(); // refused; held, so no one else listens there
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return run(setup, "http://127.0.0.1:" + refused + "/v1/logs", debug);
  }

  private ChildJvm.Result run(Setup setup, String endpoint, boolean debug) {
    List<String> options = new ArrayList<>();
    List<String> jars = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    switch (setup) {
      case JUL_ALL -> options.add("-Djava.util.logging.config.file=" + write("logging.properties",
          "handlers=java.util.logging.ConsoleHandler\n.level=ALL\njava.util.logging.ConsoleHandler.level=ALL\n"
              + "java.util.logging.SimpleFormatter.format=%4$s %3$s - %5$s%6$s%n\n"));
      case JUL_OPENTELEMETRY_OFF -> options.add("-Djava.util.logging.config.file=" + write("logging.properties",
          "handlers=java.util.logging.ConsoleHandler\n.level=INFO\nio.opentelemetry.level=OFF\n"
              + "java.util.logging.SimpleFormatter.format=%4$s %3$s - %5$s%6$s%n\n"));
      case LOG4J_DEFAULT -> {
        options.add(LOG4J_MANAGER);
        jars.addAll(bridgeJars("log4j-jul-", "log4j-api-", "log4j-core-"));
      }
      case LOG4J_ALL -> {
        options.add(LOG4J_MANAGER);
        options.add("-Dlog4j2.configurationFile=" + write("log4j2.xml",
            "<Configuration status=\"WARN\"><Appenders><Console name=\"err\" target=\"SYSTEM_ERR\">"
                + "<PatternLayout pattern=\"%level %logger - %msg%n%throwable\"/></Console></Appenders>"
                + "<Loggers><Root level=\"ALL\"><AppenderRef ref=\"err\"/></Root></Loggers></Configuration>"));
        jars.addAll(bridgeJars("log4j-jul-", "log4j-api-", "log4j-core-"));
      }
      case LOGBACK_DEBUG -> {
        options.add("-Dlogback.configurationFile=" + write("logback.xml",
            "<configuration><contextListener class=\"ch.qos.logback.classic.jul.LevelChangePropagator\">"
                + "<resetJUL>true</resetJUL></contextListener>"
                + "<appender name=\"err\" class=\"ch.qos.logback.core.ConsoleAppender\"><target>System.err</target>"
                + "<encoder><pattern>%level %logger - %msg%n</pattern></encoder></appender>"
                + "<root level=\"DEBUG\"><appender-ref ref=\"err\"/></root></configuration>"));
        jars.addAll(bridgeJars("logback-classic-", "logback-core-", "jul-to-slf4j-", "slf4j-api-"));
        flags.add("bridge");
      }
      default -> throw new AssertionError(setup);
    }
    if (debug) {
      flags.add("debug");
    }
    List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaBinary()));
    cmd.addAll(options);
    jars.add(0, System.getProperty("java.class.path"));
    cmd.addAll(List.of("-cp", String.join(ChildJvm.pathSeparator(), jars), BridgeHostProbe.class.getName(), endpoint));
    cmd.addAll(flags);
    ChildJvm.Result r = ChildJvm.run(cmd, ChildJvm.baseEnv(), Duration.ofSeconds(60));
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("delivery FAILED"), r.stdout() + r.stderr());
    return r;
  }

  private String write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> bridgeJars(String... prefixes) {
    List<String> found = new ArrayList<>();
    for (String prefix : prefixes) {
      try (Stream<Path> files = Files.list(BRIDGES)) {
        List<Path> jar = files.filter(p -> p.getFileName().toString().startsWith(prefix)
            && p.getFileName().toString().endsWith(".jar")).collect(Collectors.toList());
        assertEquals(1, jar.size(), "one " + prefix + "*.jar in " + BRIDGES + " (copied by the build: mvn test)");
        found.add(jar.get(0).toAbsolutePath().toString());
      } catch (IOException e) {
        throw new AssertionError("no " + BRIDGES + ": the build copies the bridges there (mvn test)", e);
      }
    }
    return found;
  }
}
