package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A full heap while a send has changed JVM-wide state ({@link FullHeapStateProbe}, in a child JVM
 * with a 32 MiB heap) still has the send put it back: a host must not find it changed for the
 * JVM's life.
 */
class FullHeapStateTest {

  @Test
  void aFullHeapWhileTheEncoderIsPinnedLeavesTheHostsBufferSizeProperties() {
    assertEquals(List.of("otel.experimental.otlp.buffer-size=4096 OTEL.EXPERIMENTAL.OTLP.BUFFER-SIZE=0"),
        run("encoder"));
  }

  @Test
  void aFullHeapWhileConnectingLeavesNoSocketOpen() {
    // Registered, a socket stays reachable from the host's AnonymousAnalytics, its descriptor
    // open, after the send has ended: the host's close finds the send over and aborts nothing.
    assertEquals(List.of("open failed: OutOfMemoryError", "sockets left open: 0"), run("connect"));
  }

  private static List<String> run(String when) {
    // G1, whatever the machine: FullHeapDiagnosticsTest says why.
    ChildJvm.Result r = ChildJvm.runMain(
        List.of("-Xmx32m", "-XX:+UseG1GC"), FullHeapStateProbe.class, Duration.ofSeconds(60), when);
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertEquals("", r.stderr(), "nothing printed");
    return r.stdout().lines().toList();
  }
}
