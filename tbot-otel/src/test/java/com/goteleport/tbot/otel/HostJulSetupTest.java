package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * JUL's {@code LogManager} is set up once per JVM, from the {@code java.util.logging.*} properties
 * of that moment, by whatever first logs; the OpenTelemetry SDK logs through it. So, as the README
 * says, a send is what sets it up in a JVM where nothing logged before, and a host that sets
 * {@code java.util.logging.manager} in code does so before {@code recordStart}; without consent
 * tbot-otel leaves it to the host. In a child JVM ({@link HostJulSetupProbe}): the set-up is per
 * process.
 */
class HostJulSetupTest {

  static String logManagerAfter(String consent, String endpoint) {
    ChildJvm.Result r = ChildJvm.runMain(HostJulSetupProbe.class, Duration.ofSeconds(60), consent, endpoint);
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("", r.stderr(), "nothing printed");
    return r.stdout().strip();
  }

  @Test
  void withoutConsentTheHostStillChoosesItsLogManager() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      assertEquals("log_manager=" + HostJulSetupProbe.HostLogManager.class.getName(),
          logManagerAfter("denied", receiver.url()));
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void aSendSetsUpJulWhereNothingDidBefore() {
    // The other half, so that the first can fail: what the README tells hosts to plan for.
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      assertEquals("log_manager=java.util.logging.LogManager", logManagerAfter("granted", receiver.url()));
      assertEquals(1, receiver.requests().size(), "the send went");
    }
  }
}
