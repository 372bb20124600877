package com.goteleport.tbot.otel.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link NoticeTest} in a child JVM running the shipped jar: the whole process, JVM and SDK
 * included, prints exactly the notice line with consent and nothing at all without it.
 */
class NoticeIT {

  static final Duration CHILD_TIMEOUT = Duration.ofSeconds(30);

  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void withConsentTheProcessPrintsOnlyTheNotice() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      // The longest exit wait: delivery is checked, not its speed, and the wait ends on it.
      ChildJvm.Result r = ChildJvm.runJar(List.of(), List.of("start", "--anonymous-analytics-exit-timeout", "10s"),
          env("TELEPORT_ANONYMOUS_TELEMETRY", "1", "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()),
          CHILD_TIMEOUT);
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stdout());
      NoticeTest.assertOneNotice(r.stderr(), "http", "127.0.0.1:" + receiver.port());
      assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size());
    }
  }

  @Test
  void aRefusingCollectorStillPrintsOnlyTheNotice() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start().respondWith(503)) {
      // The longest exit wait: the 503, not the budget, is to end the send, and it ends the wait at once.
      ChildJvm.Result r = ChildJvm.runJar(List.of(), List.of("start", "--anonymous-analytics",
          "--anonymous-analytics-endpoint", receiver.url(), "--anonymous-analytics-exit-timeout", "10s"),
          env(), CHILD_TIMEOUT);
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stdout());
      NoticeTest.assertOneNotice(r.stderr(), "http", "127.0.0.1:" + receiver.port());
    }
  }

  @Test
  void withoutConsentTheProcessPrintsNothing() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      List<Map<String, String>> envs = List.of(
          env("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()),
          env("TELEPORT_ANONYMOUS_TELEMETRY", "1", "DO_NOT_TRACK", "1",
              "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url()));
      for (Map<String, String> e : envs) {
        ChildJvm.Result r = ChildJvm.runJar(List.of(), List.of("start"), e, CHILD_TIMEOUT);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stdout(), "stdout with " + e);
        assertEquals("", r.stderr(), "stderr with " + e);
      }
      assertEquals(0, receiver.requests().size());
    }
  }
}
