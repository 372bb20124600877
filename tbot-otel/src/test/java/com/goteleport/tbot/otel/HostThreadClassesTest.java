package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With consent, the start call only hands the send to its daemon threads: the host's own thread,
 * which {@code recordStart} must return to at once, links to no OpenTelemetry class (building the
 * SDK or exporter there would cost the host tens of milliseconds on a cold JVM). Checked in a
 * child JVM, {@link HostThreadClassesHost}, whose loader notes which thread asks for each class.
 */
class HostThreadClassesTest {

  @Test
  void theHostsThreadLinksToNoOpenTelemetryClassAsItBuildsAndRecords() {
    ChildJvm.Result r = ChildJvm.runMain(HostThreadClassesHost.class, Duration.ofSeconds(30));
    String all = "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr();
    assertEquals(0, r.exitCode(), all);
    assertEquals("", r.stderr(), all);
    assertEquals(List.of("DELIVERED", "host-thread=[]"), r.stdout().lines().toList(), all);
  }
}
