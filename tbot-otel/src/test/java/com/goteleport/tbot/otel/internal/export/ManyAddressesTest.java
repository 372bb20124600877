package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector name with several addresses is reached on any that works, as Go's dialer (tbot's)
 * reaches it: one address that refuses, or never answers, does not fail the send.
 */
class ManyAddressesTest {

  @Test
  void anAddressThatRefusesIsSkippedForTheNext(@TempDir Path dir) throws Exception {
    assertDelivered(probe(dir));
  }

  /** The send's 5 s are shared: the blackhole gets 2.5 s, the collector what is left. */
  @Test
  void anAddressThatNeverAnswersGetsOnlyItsShareOfTheTime(@TempDir Path dir) throws Exception {
    assertDelivered(probe(dir, "blackhole"));
  }

  static ChildJvm.Result probe(Path dir, String... args) throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), "::1 collector.test\n127.0.0.1 collector.test\n");
    return ChildJvm.runMain(
        List.of("-Djdk.net.hosts.file=" + hosts, "-Djava.net.preferIPv6Addresses=true"),
        ManyAddressesProbe.class, Duration.ofSeconds(30), args);
  }

  static void assertDelivered(ChildJvm.Result r) {
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("addresses [collector.test/0:0:0:0:0:0:0:1, collector.test/127.0.0.1]"),
        "the failing address comes first: " + r.stdout());
    assertTrue(r.stdout().contains("delivery DELIVERED\n"), r.stdout());
    assertTrue(r.stdout().contains("requests 1\n"), "one request: " + r.stdout());
    assertEquals("", r.stderr());
  }
}
