package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without consent {@code start} starts no thread at all ({@link StartThreadsProbe} counts every
 * thread started, even one that ended), whatever else says yes. With consent the same count is not
 * zero, which proves the probe can see them. ConsentClassLoadingIT holds the classes and sockets of
 * the same runs. ({@code preview}, which the user asks for, renders on a short-lived thread of its
 * own and loads the SDK by design: OtlpJson.)
 */
class NoConsentThreadsTest {

  private static final String CONFIG = "../tbot-otel/src/test/resources/configs/v2-all-kinds.yaml";

  @Test
  void withoutConsentNoThreadIsStarted() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      List<Map<String, String>> envs = List.of(Map.of(), Map.of("DO_NOT_TRACK", "1", "TELEPORT_ANONYMOUS_TELEMETRY", "1"),
          Map.of("OTEL_SDK_DISABLED", "true", "TELEPORT_ANONYMOUS_TELEMETRY", "1"));
      for (Map<String, String> extra : envs) {
        assertEquals("probe: exit=0 threads_started=0", run(extra, "start", "-c", CONFIG,
            "--anonymous-analytics-endpoint", receiver.url()), "env " + extra);
      }
      assertEquals("probe: exit=0 threads_started=0", run(Map.of(), "start", "--anonymous-analytics",
          "--no-anonymous-analytics", "--anonymous-analytics-endpoint", receiver.url()), "a no flag beside a yes");
      assertEquals(0, receiver.requests().size());

      // The default 500 ms may pass before a cold child JVM on a busy machine delivers (by design:
      // then nothing is sent); the longest wait makes the send this check needs certain.
      String granted = run(Map.of(), "start", "--anonymous-analytics", "-c", CONFIG,
          "--anonymous-analytics-endpoint", receiver.url(), "--anonymous-analytics-exit-timeout", "10s");
      assertTrue(granted.startsWith("probe: exit=0 threads_started=") && !granted.endsWith("=0"), granted);
      assertEquals(1, receiver.requests().size(), "the probe's yes is sent");
    }
  }

  /** The probe's last stdout line (preview prints the message before it). */
  private static String run(Map<String, String> extra, String... args) {
    Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
    env.putAll(extra);
    ChildJvm.Result r = ChildJvm.runMain(List.of(), env, StartThreadsProbe.class, Duration.ofSeconds(30), args);
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> lines = new ArrayList<>(r.stdout().lines().toList());
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }
}
