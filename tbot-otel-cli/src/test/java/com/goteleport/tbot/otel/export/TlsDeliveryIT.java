package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path: {@code start} in a cold JVM delivers over https (the default endpoint is
 * https) to a collector whose certificate the JVM's trust store holds, verifying it as for any
 * other https peer; a collector with a certificate that trust store does not hold, or that names
 * another host, gets nothing.
 */
class TlsDeliveryIT {

  /** What follows the JDK's reason when the trust store cannot be loaded. */
  private static final String UNUSABLE_HINT = "; javax.net.ssl.trustStore must name a JKS or PKCS12 file, as keytool"
      + " writes (a PEM certificate is none: import it with keytool -importcert), and"
      + " -Djavax.net.ssl.trustStorePassword=... its password";

  @TempDir Path dir;

  @Test
  void deliversOverVerifiedTls() throws Exception {
    Path trustStore = SelfSignedTls.writeTrustStore(dir);
    try (OtlpReceiver collector = OtlpReceiver.start(SelfSignedTls.known().serverContext())) {
      ChildJvm.Result r = start(collector, List.of("-Djavax.net.ssl.trustStore=" + trustStore));
      assertEquals(0, r.exitCode(), r.stderr());
      assertOnlyTheNotice(r);
      List<OtlpReceiver.Received> got = collector.await(1, Duration.ofSeconds(5));
      assertEquals(1, got.size(), "one request over TLS");
      assertEquals(List.of("gzip"), got.get(0).headers().get("Content-encoding"));
      LogRecord record = got.get(0).decode().getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
      assertEquals(EventSchema.EVENT_NAME, record.getEventName());
    }
  }

  @Test
  void anUntrustedCollectorGetsNothing() throws Exception {
    // The same trust store, a certificate it does not hold: the chain fails, not the name.
    assertRefused(SelfSignedTls.writeTrustStore(dir), SelfSignedTls.stranger(), "PKIX path");
  }

  @Test
  void aTrustedCertificateForAnotherHostGetsNothing() throws Exception {
    // A certificate the trust store holds, issued for collector.invalid, served on 127.0.0.1: the
    // chain verifies, the host name does not.
    assertRefused(SelfSignedTls.writeTrustStore(dir, SelfSignedTls.misnamed()), SelfSignedTls.misnamed(),
        "No subject alternative names matching IP address 127.0.0.1");
  }

  @Test
  void aTrustStoreThatCannotBeReadSaysSo() throws Exception {
    // The JDK then checks against its own CAs, silently: the debug line must not advise setting a
    // property the user has set.
    assertRefused(dir.resolve("trust-store-misspelled.jks"), SelfSignedTls.known(),
        "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid"
            + " certification path to requested target; javax.net.ssl.trustStore names no file this JVM can read, so"
            + " it used the JDK's own CAs: check that path");
  }

  @Test
  void aPkcs12TrustStoreWithoutItsPasswordSaysSo() throws Exception {
    assertRefused(SelfSignedTls.writePasswordTrustStore(dir), SelfSignedTls.known(),
        "the trustAnchors parameter must be non-empty; the trust store gave this JVM no certificate: a PKCS12 one"
            + " (as keytool writes) is read only with -Djavax.net.ssl.trustStorePassword=...");
  }

  /**
   * A trust store that cannot be loaded (a PEM certificate given as one, as openssl writes it; a
   * PKCS12 one with a wrong password): the JDK's reason, the cause under its "problem accessing
   * trust store", and what the property must name (before, the line said only
   * "java.io.IOException: no TLS").
   */
  @Test
  void aPemFileGivenAsTheTrustStoreSaysSo() throws Exception {
    assertRefused(List.of("-Djavax.net.ssl.trustStore=" + SelfSignedTls.writePemCertificate(dir)),
        SelfSignedTls.known(),
        "java.io.IOException: the trust store cannot be used: toDerInputStream rejects tag type 45" + UNUSABLE_HINT);
  }

  @Test
  void aTrustStoreWithAWrongPasswordSaysSo() throws Exception {
    assertRefused(List.of("-Djavax.net.ssl.trustStore=" + SelfSignedTls.writePasswordTrustStore(dir),
            "-Djavax.net.ssl.trustStorePassword=not-its-password"),
        SelfSignedTls.known(),
        "java.io.IOException: the trust store cannot be used: keystore password was incorrect" + UNUSABLE_HINT);
  }

  /**
   * A collector serving {@code server}'s certificate, to a child JVM trusting {@code trustStore},
   * gets nothing, the child prints only the notice, and a second run with --debug names {@code
   * reason}.
   */
  private static void assertRefused(Path trustStore, SelfSignedTls server, String reason) throws Exception {
    assertRefused(List.of("-Djavax.net.ssl.trustStore=" + trustStore), server, reason);
  }

  /** As {@link #assertRefused(Path, SelfSignedTls, String)}, the child JVM given {@code jvmArgs}. */
  private static void assertRefused(List<String> jvmArgs, SelfSignedTls server, String reason) throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.start(server.serverContext())) {
      ChildJvm.Result r = start(collector, jvmArgs);
      assertEquals(0, r.exitCode(), r.stderr());
      assertOnlyTheNotice(r);
      ChildJvm.Result debug = start(collector, jvmArgs, "--debug");
      assertEquals(0, debug.exitCode(), debug.stderr());
      assertTrue(debug.stderr().contains(reason), "--debug names the reason '" + reason + "':\n" + debug.stderr());
      Thread.sleep(200); // the children have exited: anything they sent has arrived
      assertEquals(0, collector.requests().size(), "nothing sent to a peer that failed verification");
    }
  }

  /** Nothing but the opt-in notice: no TLS or export error reaches the user. */
  private static void assertOnlyTheNotice(ChildJvm.Result r) {
    List<String> lines = r.stderr().lines().toList();
    assertEquals(1, lines.size(), r.stderr());
    assertTrue(lines.get(0).startsWith("tbot-otel: Anonymous usage analytics is on"), r.stderr());
  }

  private static ChildJvm.Result start(OtlpReceiver collector, List<String> jvmArgs, String... extraArgs) {
    // The longest budget: this proves delivery, not speed (docs/benchmarks.md measures that). A cold
    // JVM's first handshake takes about 1 s of CPU, several times that on a loaded machine; a refused
    // one ends as soon as verification fails, never waiting it out.
    List<String> args = new java.util.ArrayList<>(List.of("start", "--anonymous-analytics",
        "--anonymous-analytics-endpoint", collector.url(), "--anonymous-analytics-exit-timeout", "10s",
        "--tbot-version", "18.1.0"));
    args.addAll(List.of(extraArgs));
    return ChildJvm.runJar(jvmArgs, args, ChildJvm.baseEnv(), Duration.ofSeconds(30));
  }
}
