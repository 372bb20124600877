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
 * reaches it: one address that refuses does not fail the send.
 */
class ManyAddressesTest {

  @Test
  void anAddressThatRefusesIsSkippedForTheNext(@TempDir Path dir) throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), "::1 collector.test\n127.0.0.1 collector.test\n");
    ChildJvm.Result r = ChildJvm.runMain(
        List.of("-Djdk.net.hosts.file=" + hosts, "-Djava.net.preferIPv6Addresses=true"),
        ManyAddressesProbe.class, Duration.ofSeconds(30));

    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("addresses [collector.test/0:0:0:0:0:0:0:1, collector.test/127.0.0.1]"),
        "the refusing address comes first: " + r.stdout());
    assertTrue(r.stdout().contains("delivery DELIVERED\n"), r.stdout());
    assertTrue(r.stdout().contains("requests 1\n"), "one request: " + r.stdout());
    assertEquals("", r.stderr());
  }
}
