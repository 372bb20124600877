package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin host (Jenkins, an IDE, a Gradle daemon, an app server redeploying) loads tbot-otel in a
 * class loader of its own and unloads it again: after every kind of use, the correct ones and the
 * sloppy ones, the loader must be collectable, and so must the host's plugin loader the send's
 * threads inherit as their context class loader; nothing may print, reach the host's
 * uncaught-exception handler or stay behind (threads, JUL filters, classes). Each case runs in a
 * fresh loader in one child JVM, {@link PluginHost}.
 */
class PluginUnloadTest {

  private static final Pattern LINE = Pattern.compile(
      "(\\S+) (.+) lib=(\\S+) plugin=(\\S+) threads=(\\S+) filters=(\\[.*?\\]) loaded=(\\d+) tccl=\\[(.*?)\\] .*");

  @Test
  void everyUseLeavesTheLoaderCollectable(@TempDir Path dir) {
    List<String> cases = List.of("send", "off", "preview", "config", "refused", "hang", "sloppy", "sloppy-early",
        "send", "send");
    List<String> outcomes = List.of("DELIVERED", "NOT_ATTEMPTED", "rendered", "read github", "FAILED", "TIMED_OUT",
        "unloaded", "unloaded", "DELIVERED", "DELIVERED");
    List<Integer> loaded = run(dir, cases, outcomes);
    // No accumulation across cycles: a pinned send keeps some 1,300 classes.
    int firstSend = loaded.get(0);
    int lastSend = loaded.get(loaded.size() - 1);
    assertTrue(lastSend - firstSend < 150, "classes loaded grew from " + firstSend + " to " + lastSend);
  }

  /**
   * A start the host confirms with a stage it never completes and keeps: the stage held a
   * tbot-otel callback, and through it the loader, until completed.
   */
  @Test
  void aConfirmationThatNeverComesLeavesTheLoaderCollectable(@TempDir Path dir) {
    run(dir, List.of("pending", "pending"), List.of("CANCELLED", "CANCELLED"));
  }

  @Test
  void aSendOverTlsLeavesTheLoaderCollectable(@TempDir Path dir) {
    run(dir, List.of("tls", "tls"), List.of("DELIVERED", "DELIVERED"));
  }

  /**
   * Two plugins, each with its own copy of tbot-otel, sending at once ({@link TwoPluginsHost}):
   * whichever send ends first, no copy's JUL filter stays on an SDK logger to pin its loader, and
   * the host's own filters, set before, while both send and between their ends, are kept.
   */
  @Test
  void twoCopiesSendingAtOnceLeaveNoFilterBehind() {
    List<String> rounds = List.of("a-first:bare", "b-first:bare", "a-first:host", "b-first:host");
    ChildJvm.Result r = ChildJvm.runMain(TwoPluginsHost.class, Duration.ofSeconds(90), rounds.toArray(new String[0]));
    String all = "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr();
    assertEquals(0, r.exitCode(), all);
    assertEquals("", r.stderr(), all);
    List<String> expected = new ArrayList<>();
    for (String round : rounds) {
      expected.add(round + " a=DELIVERED b=DELIVERED libA=collected libB=collected threads=ended filters=[]");
    }
    assertEquals(expected, r.stdout().lines().toList(), all);
  }

  /** Runs the cases, checks every line; returns the classes loaded after each. */
  private static List<Integer> run(Path dir, List<String> cases, List<String> outcomes) {
    List<String> args = new ArrayList<>(List.of(dir.toString()));
    args.addAll(cases);
    ChildJvm.Result r = ChildJvm.runMain(PluginHost.class, Duration.ofSeconds(90), args.toArray(new String[0]));
    String all = "stdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr();
    assertEquals(0, r.exitCode(), all);
    assertEquals("", r.stderr(), all);
    List<String> lines = r.stdout().lines().toList();
    assertEquals(cases.size(), lines.size(), all); // nothing else printed: no "uncaught in ..."
    List<Integer> loaded = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Matcher m = LINE.matcher(lines.get(i));
      assertTrue(m.matches(), lines.get(i));
      assertEquals(cases.get(i), m.group(1), all);
      assertEquals(outcomes.get(i), m.group(2), lines.get(i));
      assertEquals("collected", m.group(3), "tbot-otel's class loader is pinned: " + lines.get(i));
      assertEquals("collected", m.group(4), "the host's plugin loader is pinned: " + lines.get(i));
      assertEquals("ended", m.group(5), "tbot-otel threads outlive the use: " + lines.get(i));
      assertEquals("[]", m.group(6), "filters left on the host's loggers: " + lines.get(i));
      loaded.add(Integer.parseInt(m.group(7)));
      // README: while they run, the send's threads have the context class loader of the thread
      // that called recordStart (the host's plugin loader), never tbot-otel's own or none.
      List<String> tccl = m.group(8).isEmpty() ? List.of() : List.of(m.group(8).split(", "));
      for (String seen : tccl) {
        assertTrue(seen.endsWith(":plugin-" + i), "a thread's context class loader: " + lines.get(i));
      }
      if (cases.get(i).equals("hang") || cases.get(i).startsWith("sloppy")) { // still sending when looked at
        assertTrue(tccl.contains("tbot-otel-analytics:plugin-" + i), "the send's thread was seen: " + lines.get(i));
      }
    }
    return loaded;
  }
}
