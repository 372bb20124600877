package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host with OpenTelemetry of its own, in a child JVM (OpenTelemetry's global instance and context
 * storage are per process): tbot-otel neither uses nor fixes them. Its send, or its preview, before
 * the host's set-up leaves the host free to wrap the context storage and set its global instance;
 * a global instance the host set first is never used for the event.
 */
class HostOpenTelemetryTest {

  static List<String> host(String endpoint, String... mode) {
    List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaBinary(), "-cp", System.getProperty("java.class.path"),
        HostOpenTelemetryProbe.class.getName(), endpoint));
    cmd.addAll(List.of(mode));
    ChildJvm.Result r = ChildJvm.run(cmd, ChildJvm.baseEnv(), Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("", r.stderr(), "nothing printed");
    return r.stdout().lines().toList();
  }

  @Test
  void theSendLeavesTheHostsContextStorageAndGlobalInstanceToTheHost() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      assertEquals(List.of("delivery DELIVERED", "host context wrapper applied true", "host global set",
          "--- the host's own use of its global instance", "host logs bridge used"), host(receiver.url(), "send"));
      assertEquals(1, receiver.requests().size());
    }
  }

  @Test
  void thePreviewLeavesThemToTheHostToo() {
    assertEquals(List.of("previewed", "host context wrapper applied true", "host global set",
        "--- the host's own use of its global instance", "host logs bridge used"),
        host("http://127.0.0.1:9/v1/logs", "preview"));
  }

  @Test
  void aGlobalInstanceTheHostSetFirstIsNeverUsed() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      assertEquals(List.of("delivery DELIVERED", "host context wrapper applied true",
          "--- the host's own use of its global instance", "host logs bridge used"),
          host(receiver.url(), "send", "global-first"));
      assertEquals(1, receiver.requests().size());
    }
  }
}
