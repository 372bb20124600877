package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The library in a legacy host that runs under a SecurityManager (JDK 17 to 23 allow one) and
 * grants tbot-otel and OpenTelemetry less than everything ({@link SecurityManagerHost}): no public
 * call throws a SecurityException into the host, nothing is printed without debug, a denied
 * permission makes the send fail quietly (debug mode says which), and a "no" that tbot-otel may
 * not read counts as a no.
 */
class SecurityManagerHostTest {

  // What the JDK itself prints when a SecurityManager is installed (JEP 411): neither ours nor the host's.
  private static final Pattern JDK_WARNING = Pattern.compile(
      "WARNING: (A terminally deprecated method in java\\.lang\\.System has been called"
          + "|System::setSecurityManager .*|Please consider reporting this to the maintainers of .*)\n");

  record Run(List<String> host, String quiet, List<String> debug) {}

  /**
   * The host's run; {@code null} on JDK 24 and later, which removed the SecurityManager (JEP 486):
   * there no host can run one, these cases cannot arise, and the JVM's refusal is checked instead.
   */
  @Nullable
  static Run host(String deny, String consent, OtlpReceiver receiver) {
    ChildJvm.Result r = ChildJvm.runMain(List.of("-Djava.security.manager=allow"), SecurityManagerHost.class,
        Duration.ofSeconds(60), deny, consent, receiver.url());
    if (Runtime.version().feature() >= 24) {
      // The JVM says so on stdout.
      assertTrue(r.exitCode() != 0 && r.stdout().contains("Enabling a Security Manager is not supported"), r.stdout());
      assertEquals(0, receiver.requests().size());
      return null;
    }
    assertEquals(0, r.exitCode(), "this JDK (17 to 23) allows a SecurityManager: " + r.stderr());
    String[] parts = JDK_WARNING.matcher(r.stderr()).replaceAll("").split("--- debug\n", -1);
    assertEquals(2, parts.length, r.stderr());
    List<String> host = r.stdout().lines().filter(l -> l.startsWith("host: ")).toList();
    return new Run(host, parts[0], parts[1].lines().toList());
  }

  @Test
  void grantedEverythingTheHostGetsTheEvent() {
    assertDeliveredQuietly("none"); // the control: the harness itself lets a send through
  }

  @Test
  void whatTheReadmeTellsAHostToGrantLetsItSend() {
    // Only README.md's list for tbot-otel and OpenTelemetry, in a host that checks every thread.
    assertDeliveredQuietly("readme");
  }

  private static void assertDeliveredQuietly(String deny) {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Run run = host(deny, "yes", receiver);
      if (run == null) {
        return; // JDK 24+: no SecurityManager (checked in host)
      }
      assertEquals(List.of("host: Consent{granted: --anonymous-analytics says yes}", "host: quiet delivery DELIVERED",
          "host: debug delivery DELIVERED", "host: preview rendered"), run.host(), deny);
      assertEquals("", run.quiet(), deny);
      assertEquals(2, receiver.requests().size(), deny);
    }
  }

  @Test
  void anEnvironmentItMayNotReadThrowsNothingAndSendsNothing() {
    // builder() read the proxy variables with System.getenv and threw AccessControlException.
    // (Single variables are granted: consent reads DO_NOT_TRACK and OTEL_SDK_DISABLED one by one.)
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Run run = host("environment", "yes", receiver);
      if (run == null) {
        return; // JDK 24+: no SecurityManager (checked in host)
      }
      assertEquals(List.of("host: Consent{granted: --anonymous-analytics says yes}", "host: quiet delivery FAILED",
          "host: debug delivery FAILED", "host: preview threw java.lang.IllegalStateException: cannot render the "
              + "request here: access denied (\"java.lang.RuntimePermission\" \"getenv.*\")"), run.host());
      assertEquals("", run.quiet());
      assertEquals(List.of("tbot-otel debug: tbot.start not sent: the SecurityManager denies reading the environment, "
          + "so HTTPS_PROXY and NO_PROXY are unknown; pass them with setEnvironment"), run.debug());
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void anOptOutVariableItMayNotReadIsANo() {
    // The process's DO_NOT_TRACK may be set: unread, it would be taken for unset.
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Run run = host("getenv", "yes", receiver);
      if (run == null) {
        return; // JDK 24+: no SecurityManager (checked in host)
      }
      assertEquals(List.of("host: Consent{denied: DO_NOT_TRACK cannot be read (the SecurityManager denies it), so it "
          + "may say no}", "host: quiet delivery NOT_ATTEMPTED", "host: debug delivery NOT_ATTEMPTED",
          "host: preview threw java.lang.IllegalStateException: cannot render the request here: access denied "
              + "(\"java.lang.RuntimePermission\" \"getenv.*\")"), run.host());
      assertEquals("", run.quiet());
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void anOptOutPropertyItMayNotReadIsANo() {
    // -Dotel.sdk.disabled=true may be set: unread, it was taken for unset, and the send connected.
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Run run = host("property", "yes", receiver);
      if (run == null) {
        return; // JDK 24+: no SecurityManager (checked in host)
      }
      String reason = "-Dotel.sdk.disabled cannot be read (the SecurityManager denies it), so it may say no";
      assertEquals(List.of("host: Consent{denied: " + reason + "}", "host: quiet delivery NOT_ATTEMPTED",
          "host: debug delivery NOT_ATTEMPTED", "host: preview threw java.lang.IllegalStateException: cannot render the "
              + "request here: access denied (\"java.util.PropertyPermission\" \"*\" \"read,write\")"), run.host());
      assertEquals("", run.quiet());
      assertEquals(List.of("tbot-otel debug: tbot.start not sent: " + reason), run.debug());
    }
  }

  @Test
  void aRefusedThreadProxySelectorOrSocketFailsTheSendQuietly() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      for (String[] denial : new String[][] {
          {"thread", "(\"java.lang.RuntimePermission\" \"modifyThreadGroup\")"},
          {"proxy", "(\"java.net.NetPermission\" \"getProxySelector\")"},
          {"connect", "(\"java.net.SocketPermission\" \"127.0.0.1:" + receiver.port() + "\" \"connect,resolve\")"}}) {
        Run run = host(denial[0], "yes", receiver);
        if (run == null) {
          return; // JDK 24+: no SecurityManager (checked in host)
        }
        assertEquals(List.of("host: Consent{granted: --anonymous-analytics says yes}", "host: quiet delivery FAILED",
            "host: debug delivery FAILED", "host: preview rendered"), run.host(), denial[0]);
        assertEquals("", run.quiet(), denial[0]);
        // The first line says why (the thread and the proxy selector were once refused in silence).
        String first = run.debug().isEmpty() ? "(nothing)" : run.debug().get(0);
        assertTrue(first.matches("tbot-otel debug: (tbot\\.start not sent|not connected): "
            + "java\\.security\\.AccessControlException: access denied " + Pattern.quote(denial[1]) + ".*"),
            denial[0] + ": " + first);
      }
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void anExporterRefusedMidSendPrintsNothing() {
    // Without LoggingPermission tbot-otel cannot filter the SDK's loggers, and the processor logged
    // the exporter's SecurityException at WARNING, stack trace and all, on the host's stderr.
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Run run = host("logging+reflect", "yes", receiver);
      if (run == null) {
        return; // JDK 24+: no SecurityManager (checked in host)
      }
      assertEquals(List.of("host: Consent{granted: --anonymous-analytics says yes}", "host: quiet delivery FAILED",
          "host: debug delivery FAILED", "host: preview threw java.lang.IllegalStateException: cannot render the "
              + "request here: access denied (\"java.lang.reflect.ReflectPermission\" \"suppressAccessChecks\")"),
          run.host());
      assertEquals("", run.quiet());
      // The outcome, not necessarily last: the connection's own line may come after a send that
      // failed before it needed the connection.
      assertTrue(run.debug().stream().anyMatch(line -> line.matches("tbot-otel debug: tbot\\.start to \\S+: FAILED "
          + "after \\d+ ms \\(java\\.security\\.AccessControlException: .*suppressAccessChecks.*\\)")),
          run.debug().toString());
      assertEquals(0, receiver.requests().size());
    }
  }

  @Test
  void withoutConsentNothingHappensWhateverIsDenied() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Run run = host("all", "dnt", receiver);
      if (run == null) {
        return; // JDK 24+: no SecurityManager (checked in host)
      }
      assertEquals(List.of("host: Consent{denied: DO_NOT_TRACK says no}", "host: quiet delivery NOT_ATTEMPTED",
          "host: debug delivery NOT_ATTEMPTED", "host: preview threw java.lang.IllegalStateException: cannot render the "
              + "request here: access denied (\"java.util.PropertyPermission\" \"*\" \"read,write\")"), run.host());
      assertEquals("", run.quiet());
      assertEquals(List.of("tbot-otel debug: tbot.start not sent: DO_NOT_TRACK says no"), run.debug());
      assertEquals(0, receiver.requests().size());
    }
  }
}
