package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that closes twice while the collector's name is looked up for ever (a FIFO as the JVM's
 * hosts file: {@link HungLookupProbe}). The first close gives up on the look-up with about 320 ms
 * of its 2 s left, for the JVM's exit wait; the second, given less time, returns at once instead
 * of waiting its 300 ms for a send that is settled. The bounds are loose: only the mechanism is
 * checked (docs/benchmarks.md has the exit times).
 */
class HungLookupTest {

  @Test
  void bothClosesReturnOnceTheLookUpIsGivenUp(@TempDir Path dir) throws Exception {
    Path hosts = dir.resolve("hosts");
    assertEquals(0, new ProcessBuilder("mkfifo", hosts.toString()).inheritIO().start().waitFor(), "mkfifo");
    ChildJvm.Result r = ChildJvm.runMain(List.of("-Djdk.net.hosts.file=" + hosts), HungLookupProbe.class,
        Duration.ofSeconds(30));

    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("", r.stderr());
    assertTrue(r.stdout().contains("delivery TIMED_OUT\n"), r.stdout());
    // It waited for the connection until the send's own deadline, holding the host's class loader.
    assertTrue(r.stdout().contains("send thread alive 1 s after close false\n"), r.stdout());
    long first = millis(r.stdout(), "first close ms ");
    long second = millis(r.stdout(), "second close ms ");
    // At the cut-off, 1,680 ms, plus a wake-up's latency; not at the deadline (2,000), nor before
    // the cut-off.
    assertTrue(first >= 1680 && first < 1960, "first close " + first + " ms");
    assertTrue(second < 150, "second close " + second + " ms: it waited out its 300 ms");
  }

  private static long millis(String out, String label) {
    Matcher m = Pattern.compile(Pattern.quote(label) + "(\\d+)").matcher(out);
    assertTrue(m.find(), out);
    return Long.parseLong(m.group(1));
  }
}
