package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.export.SelfSignedTls;
import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A send leaves the process as the host had it, in a child JVM ({@link HostGlobalStateProbe}):
 * once {@code close()} has returned and the send's threads have ended, no system or security
 * property, default {@code ProxySelector}, {@code Authenticator}, {@code CookieHandler} or {@code
 * ResponseCache}, security provider, default uncaught-exception handler, locale, time zone, standard
 * stream, shutdown hook or host-thread setting is changed, and no level, filter, handler or parent
 * link of a logger the host had (the SDK's own among them). Nor does the send make JUL's root console
 * handler, which would then write to the stderr of the send's moment instead of the one the host
 * redirects to later, or take the one-shot URL stream handler factory. Delivered, refused, answered
 * 500, and over TLS.
 */
class HostGlobalStateTest {

  @TempDir Path dir;

  /** Runs the probe against {@code endpoint}, with {@code jvmArgs}. */
  private static ChildJvm.Result host(List<String> jvmArgs, String endpoint) {
    List<String> args = new ArrayList<>(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"));
    args.addAll(jvmArgs);
    return ChildJvm.runMain(args, HostGlobalStateProbe.class, Duration.ofSeconds(60), endpoint);
  }

  /** The send ended as {@code delivery}, and changed nothing: the probe's lines first, which name what changed. */
  private static void assertUnchanged(String delivery, ChildJvm.Result r) {
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(List.of("delivery " + delivery, "host console follows setErr true", "url stream handler factory free"),
        r.stdout().lines().toList());
    assertEquals("", r.stderr(), "nothing printed");
  }

  @Test
  void aDeliveredSendChangesNothingTheHostSees() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      assertUnchanged("DELIVERED", host(List.of(), receiver.url()));
      assertEquals(1, receiver.requests().size());
    }
  }

  @Test
  void aFailedSendChangesNothingEither() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      receiver.respondWith(500);
      assertUnchanged("FAILED", host(List.of(), receiver.url()));
    }
    assertUnchanged("FAILED", host(List.of(), "http://127.0.0.1:9/v1/logs"));
  }

  @Test
  void aSendOverTlsChangesNothingEither() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start(SelfSignedTls.known().serverContext())) {
      assertUnchanged("DELIVERED",
          host(List.of("-Djavax.net.ssl.trustStore=" + SelfSignedTls.writeTrustStore(dir)), receiver.url()));
      assertEquals(1, receiver.requests().size());
    }
  }
}
