package com.goteleport.tbot.otel.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LeakTest} through the real process boundary: the shipped jar runs in a child JVM whose
 * actual environment ({@code HOSTNAME}, {@code USER}, {@code HOME}, {@code OTEL_*}, the helper
 * variables, ...) holds the markers, so anything reading {@code System.getenv()} or JVM system
 * properties derived from it would be caught.
 */
class LeakIT {

  static final long SEED = 0xC41DL;
  static final Duration CHILD_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void realEnvironmentMarkersNeverReachTheWire() throws Exception {
    // Three runs, both config versions among them.
    List<LeakCases.Case> cases = new ArrayList<>();
    for (int i = 0; cases.size() < 3; i++) {
      LeakCases.Case c = LeakCases.generate(SEED, i, dir);
      long v2s = cases.stream().filter(LeakIT::isV2).count();
      boolean repeatsTheOnlyVersion = cases.size() == 2 && (v2s == 0 ? !isV2(c) : v2s == 2 && isV2(c));
      if (!repeatsTheOnlyVersion) {
        cases.add(c);
      }
    }
    for (LeakCases.Case c : cases) {
      int i = c.index();
      try (OtlpReceiver receiver = OtlpReceiver.start()) {
        Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
        env.putAll(c.env(receiver.url()));
        String context = "seed " + SEED + " case " + i + " (" + c.description() + ")";
        // The longest exit wait: what is sent is checked, not how fast, and the wait ends on delivery.
        ChildJvm.Result r = ChildJvm.runJar(List.of(), c.startArgs(receiver.url(), "10s"), env, CHILD_TIMEOUT);
        assertEquals(0, r.exitCode(), context + ": " + r.stderr());
        List<OtlpReceiver.Received> got = receiver.await(1, Duration.ofSeconds(5));
        assertEquals(1, got.size(), context + ": " + r.stderr() + "\nreceived: " + got);
        Map<String, Object> attributes = Wire.assertAnonymous(got.get(0), c.markers(), context);
        Map<String, Object> expected = new HashMap<>(c.expected().attributes());
        if (c.description().contains("version=absent")) {
          // Without --tbot-version tbot's version is unknown (not the jar's own).
          expected.put("version", "unknown");
        }
        assertEquals(expected, attributes, context);
        assertEquals("", r.stdout(), context);
        NoticeTest.assertOneNotice(r.stderr(), "http", "127.0.0.1:" + receiver.port());
        for (String m : c.markers()) {
          assertFalse(r.stderr().contains(m), context + ": printed marker " + m);
        }
      }
    }
  }

  private static boolean isV2(LeakCases.Case c) {
    return c.description().startsWith("v2");
  }
}
