package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host whose SecurityManager lets tbot-otel read {@code otel.sdk.disabled} by its name but not
 * list every property (less than README.md says to grant): {@code -Dotel.sdk.disabled=true} is
 * still a no. Consent reads the exact name first, then lists the properties for other spellings;
 * with the exact read skipped (PIT's STRONGER mutant of {@code Consent.otelDisabledProperty}),
 * the listing's refusal was taken for "no other spelling" and the yes went through.
 */
class SecurityManagerPropertyListingTest {

  @Test
  void theExactPropertyIsANoWhereTheListingIsDenied() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      List<String> no = host(List.of("-Dotel.sdk.disabled=true"), receiver);
      if (no == null) {
        return; // JDK 24+: no SecurityManager (SecurityManagerHostTest checks the JVM's refusal)
      }
      assertEquals("host: Consent{denied: -Dotel.sdk.disabled says no}", no.get(0), no.toString());
      assertEquals("host: quiet delivery NOT_ATTEMPTED", no.get(1), no.toString());
      assertEquals(0, receiver.requests().size(), "nothing sent");
      // The control: the same host and policy without the property has the flag's yes.
      List<String> yes = host(List.of(), receiver);
      assertEquals("host: Consent{granted: --anonymous-analytics says yes}", yes.get(0), yes.toString());
    }
  }

  private static List<String> host(List<String> extraJvmArgs, OtlpReceiver receiver) {
    List<String> jvmArgs = new ArrayList<>(List.of("-Djava.security.manager=allow"));
    jvmArgs.addAll(extraJvmArgs);
    ChildJvm.Result r = ChildJvm.runMain(jvmArgs, SecurityManagerHost.class, Duration.ofSeconds(60),
        "listing", "yes", receiver.url());
    if (Runtime.version().feature() >= 24) {
      assertTrue(r.exitCode() != 0 && r.stdout().contains("Enabling a Security Manager is not supported"), r.stdout());
      return null;
    }
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout().lines().filter(l -> l.startsWith("host: ")).toList();
  }
}
