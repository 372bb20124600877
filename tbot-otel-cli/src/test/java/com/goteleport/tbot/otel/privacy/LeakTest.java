package com.goteleport.tbot.otel.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing identifying leaves the process: seeded, generated tbot configs (v1 and v2), flags and
 * environments put a unique marker into every string they can hold; {@code start} runs with consent
 * against a real OTLP/HTTP receiver, and the raw bytes it got must contain none of them, only the
 * schema's attributes, and exactly the values the inputs call for.
 *
 * <p>In-process runs cannot fake {@code System.getenv()}; {@link LeakIT} repeats a few cases in a
 * child JVM whose real environment holds the markers.
 */
class LeakTest {

  /** Change the seed to explore other cases; a failure names the seed and case to replay. */
  static final long SEED = Long.getLong("tbot.otel.leakSeed", 0x7B07L);
  static final int CASES = 200;

  static OtlpReceiver receiver;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    receiver = OtlpReceiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @Test
  void noMarkerReachesTheWireAndOnlyTheSchemaIsSent() throws Exception {
    Set<String> seenHelperClasses = new HashSet<>();
    int v1 = 0;
    int base = receiver.requests().size();
    for (int i = 0; i < CASES; i++) {
      LeakCases.Case c = LeakCases.generate(SEED, i, dir);
      String context = "seed " + SEED + " case " + i + " (" + c.description() + ")";
      Cli.Result r = Cli.run(c.env(receiver.url()), c.startArgs(receiver.url(), "5s").toArray(String[]::new));
      assertEquals(0, r.exitCode(), context + ": " + r.stderr());
      List<OtlpReceiver.Received> got = receiver.await(base + i + 1, Duration.ofSeconds(5));
      assertEquals(base + i + 1, got.size(), context + ": exactly one request per start; stderr: " + r.stderr());
      Map<String, Object> attributes = Wire.assertAnonymous(got.get(base + i), c.markers(), context);
      assertEquals(c.expected().attributes(), attributes, context);
      assertEquals("", r.stdout(), context);
      assertEquals(1, r.stderr().lines().count(), context + ": only the notice: " + r.stderr());
      for (String m : c.markers()) {
        if (r.stderr().contains(m)) {
          fail(context + ": marker " + m + " printed: " + r.stderr());
        }
      }
      seenHelperClasses.add(c.description().replaceAll(".*helper=", ""));
      v1 += c.description().startsWith("v1") ? 1 : 0;
    }
    // The generator must actually cover what it claims to.
    assertEquals(new HashSet<>(LeakCases.HELPER_CLASSES), seenHelperClasses);
    assertTrue(v1 > CASES / 4 && v1 < CASES * 3 / 4, "both config versions: " + v1 + " v1 of " + CASES);
  }

  @Test
  void theCheckCatchesALeak() throws Exception {
    // Guard against a vacuous suite: a marker that does reach the wire must fail the check.
    LeakCases.Case c = LeakCases.generate(SEED, CASES + 1, dir);
    Map<String, String> env = c.env(receiver.url());
    String marker = "mkleakcanary";
    env.put("_TBOT_TELEMETRY_HELPER", "gha:" + marker);
    int before = receiver.requests().size();
    Cli.Result r = Cli.run(env, c.startArgs(receiver.url(), "5s").toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.stderr());
    List<OtlpReceiver.Received> got = receiver.await(before + 1, Duration.ofSeconds(5));
    AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> Wire.assertAnonymous(got.get(before), List.of(marker), "canary"));
    assertTrue(e.getMessage().contains(marker), e.getMessage());
  }
}
