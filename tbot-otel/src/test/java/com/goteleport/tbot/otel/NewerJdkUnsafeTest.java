package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From JDK 24 on, the first call of a memory-access method of {@code sun.misc.Unsafe} prints
 * "WARNING: A terminally deprecated method in sun.misc.Unsafe has been called" on stderr (JEP 471,
 * 498), which a send must never print. OpenTelemetry's encoder uses {@code Unsafe} below Java 23
 * only, deciding by {@code java.specification.version}; so a send on a JVM that says it is 25 must
 * not even load {@code sun.misc.Unsafe}, whatever JDK runs the test (CI's 17). Fails if a
 * dependency brings an {@code Unsafe} path that is not gated so. In a child JVM that logs its class
 * loading ({@link NewerJdkUnsafeProbe}).
 */
class NewerJdkUnsafeTest {

  static boolean loadsUnsafe(String mode, Path dir) throws Exception {
    Path log = dir.resolve(mode + ".log");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ChildJvm.Result r = ChildJvm.runMain(List.of("-Xlog:class+load=info:file=" + log),
          NewerJdkUnsafeProbe.class, Duration.ofSeconds(60), receiver.url(), mode);
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stderr(), "nothing printed");
      assertEquals("delivery DELIVERED", r.stdout().strip());
      assertEquals(1, receiver.requests().size());
    }
    List<String> loaded = Files.readAllLines(log);
    assertTrue(loaded.stream().anyMatch(l -> l.contains(" io.opentelemetry.exporter.internal.marshal.StringEncoderHolder ")),
        "the encoder was chosen in this run: " + log);
    return loaded.stream().anyMatch(l -> l.contains(" sun.misc.Unsafe "));
  }

  @Test
  void aSendOnAJvmThatSaysJava25NeverLoadsSunMiscUnsafe(@TempDir Path dir) throws Exception {
    assertEquals(false, loadsUnsafe("as-25", dir), "sun.misc.Unsafe loaded by a send on Java 25");
  }

  @Test
  void belowJava23TheSendDoesLoadIt(@TempDir Path dir) throws Exception {
    // The other half, so that the first can fail: the same send, the JVM's own version.
    assertEquals(Runtime.version().feature() < 23, loadsUnsafe("as-is", dir));
  }
}
