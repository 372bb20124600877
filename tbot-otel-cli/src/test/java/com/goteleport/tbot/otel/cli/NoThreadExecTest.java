package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.testing.ChildJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code exec} in a process that cannot start its analytics thread ({@link NoThreadProbe}): tbot,
 * already running, is waited for and its status passed on, and nothing is printed. Without the
 * thread's start guarded, exec exited at once with "unexpected error" while tbot ran on, orphaned.
 */
class NoThreadExecTest {

  @Test
  void noThreadForAnalyticsStillWaitsForTheCommandAndPrintsNothing() throws Exception {
    ChildJvm.Result r = ChildJvm.runMain(NoThreadProbe.class, Duration.ofSeconds(30), "exec", "--anonymous-analytics",
        "--anonymous-analytics-endpoint", "http://127.0.0.1:" + Fault.closedPort() + "/v1/logs",
        "--", "sh", "-c", "sleep 1; echo tbot ran; exit 7");

    assertEquals("", r.stderr(), "nothing printed");
    assertEquals("tbot ran\n", r.stdout(), "the command ran to its end");
    assertEquals(7, r.exitCode(), "the command's status");
  }
}
