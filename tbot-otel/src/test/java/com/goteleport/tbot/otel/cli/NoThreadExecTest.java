package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.testing.ChildJvm;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code exec} in a process that cannot start its analytics thread ({@link NoThreadProbe}): tbot,
 * already running, is waited for and its status passed on, and nothing is printed. Without the
 * thread's start guarded, exec exited at once with "unexpected error" while tbot ran on, orphaned.
 */
class NoThreadExecTest {

  @Test
  void noThreadForAnalyticsStillWaitsForTheCommandAndPrintsNothing() throws Exception {
    List<String> cmd = List.of(ChildJvm.javaBinary(), "-Djava.security.manager=allow",
        "-cp", System.getProperty("java.class.path"), NoThreadProbe.class.getName(),
        "exec", "--anonymous-analytics",
        "--anonymous-analytics-endpoint", "http://127.0.0.1:" + Fault.closedPort() + "/v1/logs",
        "--", "sh", "-c", "sleep 1; echo tbot ran; exit 7");
    ChildJvm.Result r = ChildJvm.run(cmd, ChildJvm.baseEnv(), Duration.ofSeconds(30));

    // JDK 17 warns on stderr that the probe set a security manager: the probe's, not exec's.
    String err = r.stderr().lines().filter(l -> !l.startsWith("WARNING: ")).collect(Collectors.joining("\n"));
    assertEquals("", err, "nothing printed");
    assertEquals("tbot ran\n", r.stdout(), "the command ran to its end");
    assertEquals(7, r.exitCode(), "the command's status");
  }
}
