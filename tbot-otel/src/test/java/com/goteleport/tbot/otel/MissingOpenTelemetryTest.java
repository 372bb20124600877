package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A host whose class path lacks the OpenTelemetry jars (left out as optional, or excluded by a
 * dependency conflict) and whose user consented: nothing is thrown into the host or left uncaught,
 * the delivery is FAILED, nothing is printed, and with debug one line says why.
 */
class MissingOpenTelemetryTest {

  static ChildJvm.Result run(String... more) {
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("opentelemetry"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaBinary(), "-cp", classPath,
        MissingOpenTelemetryHost.class.getName(), "http://127.0.0.1:9/v1/logs"));
    cmd.addAll(List.of(more));
    ChildJvm.Result r = ChildJvm.run(cmd, ChildJvm.baseEnv(), Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    return r;
  }

  static ChildJvm.Result host(String... more) {
    ChildJvm.Result r = run(more);
    assertEquals("delivery FAILED\n", r.stdout(), "nothing thrown or left uncaught");
    return r;
  }

  /**
   * A preview, which a host asks for, cannot be had: it says so with the one exception its Javadoc
   * names, so that a host showing it as an extra catches one type, not an Error it would let pass.
   */
  @Test
  void aPreviewThrowsTheIllegalStateExceptionItsJavadocNames() {
    ChildJvm.Result r = run("preview");
    assertEquals("", r.stderr());
    assertTrue(r.stdout().startsWith("java.lang.IllegalStateException: cannot render the request here: "
        + "java.lang.NoClassDefFoundError: io/opentelemetry/"), r.stdout());
    assertEquals(1, r.stdout().lines().count(), r.stdout());
  }

  @Test
  void nothingIsThrownOrPrinted() {
    assertEquals("", host().stderr());
  }

  @Test
  void debugSaysWhatIsMissing() {
    String err = host("debug").stderr();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("tbot-otel debug: tbot.start not sent: java.lang.NoClassDefFoundError: io/opentelemetry/"),
        err);
  }
}
