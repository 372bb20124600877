package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The library as a host embeds it, in a child JVM (so its stderr and threads are its own): {@code
 * recordStart} returns at once even when the collector hangs, {@code close} returns within the
 * budget, no non-daemon thread is left, nothing is printed at the default level (the SDK logs
 * failed exports at WARNING or SEVERE with stack traces), and the process exits by itself.
 */
class LibraryBoundsTest {

  // Long enough for a cold JVM to reach the collector, so the hang is really met, and to hear the
  // 500: the first send of a cold JVM has only this budget, recordStart and close being back to
  // back, and with four CPU burners on two cores a cold start's send took up to 1 s.
  static final long BUDGET_MS = 3000;

  @Test
  void startIsImmediateCloseIsBoundedNothingPrintedNoThreadLeft() throws Exception {
    try (Fault.Setup hang = Fault.NEVER_ANSWERS.open();
        Fault.Setup error = Fault.HTTP_500.open();
        Fault.Setup refused = Fault.CONNECTION_REFUSED.open()) {
      List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaBinary(), "-cp", System.getProperty("java.class.path"),
          HostUnderTest.class.getName(), Long.toString(BUDGET_MS), hang.endpoint(), error.endpoint(),
          refused.endpoint()));
      ChildJvm.Result r = ChildJvm.run(cmd, ChildJvm.baseEnv(), Duration.ofSeconds(30));

      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stderr(), "nothing printed at the default level");
      List<String> lines = r.stdout().lines().toList();
      assertEquals(4, lines.size(), r.stdout());
      Pattern line = Pattern.compile("start_ms=(\\d+) close_ms=(\\d+) delivery=(\\w+)");
      for (String l : lines.subList(0, 3)) {
        Matcher m = line.matcher(l);
        assertTrue(m.matches(), l);
        // Generous bounds that only prove "does not wait for the collector".
        assertTrue(Long.parseLong(m.group(1)) < 1000, "recordStart returned at once: " + l);
        assertTrue(Long.parseLong(m.group(2)) < BUDGET_MS + 2000, "close within the budget: " + l);
      }
      // Hanging: close gave up at the budget, the send was aborted and may still be winding down.
      assertFalse(lines.get(0).endsWith("delivery=DELIVERED"), lines.get(0));
      assertTrue(lines.get(1).endsWith("delivery=FAILED"), "a 500 is a failure: " + lines.get(1));
      assertEquals("non_daemon=[]", lines.get(3), "no non-daemon thread of the library is alive");
      assertTrue(r.wall().compareTo(Duration.ofSeconds(3 * BUDGET_MS / 1000 + 5)) < 0, "exits by itself");
      assertEquals(1, hang.server().await(1, Duration.ofSeconds(10)).size(), "the hang was met");
      assertEquals(1, error.server().await(1, Duration.ofSeconds(10)).size());
    }
  }
}
