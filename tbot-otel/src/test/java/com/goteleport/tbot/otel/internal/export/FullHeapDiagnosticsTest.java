package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A full heap as a send puts its log filters on or takes them off ({@link
 * FullHeapDiagnosticsProbe}, in a child JVM with a 32 MiB heap) leaves no trace on later sends:
 * they still keep the SDK's records from the host's handlers, and take every filter off again. A
 * count of sends under way left too high would leave every later send in that JVM unfiltered (a
 * host that logs FINE would get the SDK's records of its failures), or its filters on for good; a
 * filter never taken off pins tbot-otel's class loader in a plugin host.
 */
class FullHeapDiagnosticsTest {

  @Test
  void aFullHeapAsASendCountsItselfAndPutsItsFiltersOnLeavesLaterSendsFiltered() {
    assertLaterSendsUntouched("enter");
  }

  @Test
  void aFullHeapAsASendBesideAnotherMarksItsThreadLeavesNoFilterBehind() {
    assertLaterSendsUntouched("sending");
  }

  @Test
  void aFullHeapAsTheLastSendTakesItsFiltersOffLeavesNoFilterBehind() {
    assertLaterSendsUntouched("leave");
  }

  private static void assertLaterSendsUntouched(String when) {
    // G1 (the JDK's default from two CPUs and 2 GB on), whatever the machine: under it the probe's
    // heap is full to the last 16 bytes every time. The serial and parallel collectors found room
    // for one more small object after the fill's last OutOfMemoryError, and missed the windows.
    ChildJvm.Result r = ChildJvm.runMain(
        List.of("-Xmx32m", "-XX:+UseG1GC"), FullHeapDiagnosticsProbe.class, Duration.ofSeconds(60), when);
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertEquals("", r.stderr(), "nothing printed");
    assertEquals(List.of("before FAILED", "after FAILED"), r.stdout().lines().toList(),
        "no OpenTelemetry record reached the host's handler, no filter was left on, leaving threw nothing");
  }
}
