package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import com.goteleport.tbot.otel.testing.UnknownLaunchMechanism;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The process's own opt-out variables are a no even when a host resolves consent from a map of its
 * own: the map can add a no, never hide one (any explicit no wins).
 */
class ProcessOptOutTest {

  @Test
  void theProcesssDoNotTrackAndOtelSdkDisabledWinOverTheHostsMap() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      String[][] cases = {
        {"DO_NOT_TRACK", "1", "denied: DO_NOT_TRACK says no"},
        {"DO_NOT_TRACK", " ", "denied: DO_NOT_TRACK says no"},
        {"OTEL_SDK_DISABLED", "true", "denied: OTEL_SDK_DISABLED says no"},
        // Spellings of it OpenTelemetry Java reads too.
        {"otel_sdk_disabled", "true", "denied: otel_sdk_disabled says no"},
        {"OTEL.SDK.DISABLED", "TRUE", "denied: OTEL.SDK.DISABLED says no"},
      };
      for (String[] c : cases) {
        ChildJvm.Result r = host(Map.of(c[0], c[1]), receiver);
        assertEquals(List.of("host: Consent{" + c[2] + "}", "host: delivery=NOT_ATTEMPTED"), lines(r), c[0] + "=" + c[1]);
        assertEquals("", r.stderr(), "nothing printed");
      }
      assertEquals(0, receiver.requests().size(), "nothing sent");
      // The same host without them sends, so the cases above can fail.
      ChildJvm.Result yes = host(Map.of("DO_NOT_TRACK", "0"), receiver);
      assertEquals(List.of("host: Consent{granted: TELEPORT_ANONYMOUS_TELEMETRY says yes}", "host: delivery=DELIVERED"),
          lines(yes));
      assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size());
    }
  }

  /**
   * A host whose JVM cannot read its environment (from JDK 25, given an unknown launch mechanism)
   * cannot read the process's no either: its yes is then refused, and neither {@code
   * Consent.resolve} nor the builder throws into it. Where the JVM reads it, the same host sends.
   */
  @Test
  void aProcessEnvironmentTheJvmCannotReadIsANoNotAnErrorInTheHost() throws Exception {
    boolean readable = UnknownLaunchMechanism.environmentReadable();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ChildJvm.Result r = ChildJvm.runMain(List.of(UnknownLaunchMechanism.FLAG), ChildJvm.baseEnv(),
          ProcessOptOutHost.class, Duration.ofSeconds(30), receiver.url());
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stderr(), "nothing printed");
      if (readable) {
        assertEquals(List.of("host: Consent{granted: TELEPORT_ANONYMOUS_TELEMETRY says yes}", "host: delivery=DELIVERED"),
            lines(r));
        assertEquals(1, receiver.await(1, Duration.ofSeconds(5)).size());
      } else {
        assertEquals(List.of("host: Consent{denied: DO_NOT_TRACK cannot be read (" + UnknownLaunchMechanism.ERROR
                + ": LINUX), so it may say no}", "host: delivery=NOT_ATTEMPTED"), lines(r));
        assertEquals(0, receiver.requests().size(), "nothing sent");
      }
    }
  }

  private static ChildJvm.Result host(Map<String, String> extra, OtlpReceiver receiver) {
    Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
    env.putAll(extra);
    return ChildJvm.runMain(List.of(), env, ProcessOptOutHost.class, Duration.ofSeconds(30), receiver.url());
  }

  private static List<String> lines(ChildJvm.Result r) {
    return r.stdout().lines().toList();
  }
}
