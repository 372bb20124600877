package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A host whose heap is full for a moment while the send is under way ({@link FullHeapProbe}, in a
 * child JVM with a 32 MiB heap): the send's OutOfMemoryError stays on its own threads. One that
 * escaped would reach the host's default uncaught-exception handler, which a host may have set to
 * log or alert, and which by default prints "Exception in thread ..." on stderr. The send then
 * ends FAILED, not PENDING forever.
 */
class FullHeapTest {

  @Test
  void aFullHeapWhileBuildingTheSendReachesNoHandler() {
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      assertNothingEscaped(run(collector.url(), "at-once"));
    }
  }

  @Test
  void aFullHeapWhileConnectingReachesNoHandler() {
    try (Fault.Setup neverAccepts = Fault.NEVER_ACCEPTS.open()) {
      assertNothingEscaped(run(neverAccepts.endpoint(), "connecting"));
    }
  }

  @Test
  void aFullHeapAsTheHostRecordsThrowsNothingIntoIt() {
    // recordStart's own allocations fail: nothing reaches the host's thread, and close after it
    // finds the send FAILED.
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      assertNothingEscaped(run(collector.url(), "before"));
    }
  }

  @Test
  void aFullHeapAsTheHostClosesThrowsNothingIntoIt() {
    // close's first use of a JDK class (Math) makes the JVM load it through the library's loader,
    // which needs the heap: an OutOfMemoryError reached the host's try-with-resources. How the send
    // ends with the heap full for a moment depends on when; that nothing escapes does not.
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      ChildJvm.Result r = run(collector.url(), "closing");
      assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
      assertEquals("", r.stderr(), "nothing printed");
      List<String> lines = r.stdout().lines().toList();
      assertEquals(List.of("close threw nothing", "uncaught=0"), lines.subList(0, Math.min(2, lines.size())), r.stdout());
      assertEquals(3, lines.size(), r.stdout());
      assertTrue(lines.get(2).startsWith("delivery="), r.stdout());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"again", "after-close"})
  void aFullHeapAsADebugHostRecordsLateThrowsNothingIntoIt(String when) {
    // From a diff review: the line's text was a string constant first used under the lock, outside
    // any try (red before: OutOfMemoryError thrown into the host).
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      ChildJvm.Result r = run(collector.url(), when);
      assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
      assertEquals(List.of("late recordStart threw nothing"), r.stdout().lines().toList(), r.stderr());
    }
  }

  private static ChildJvm.Result run(String endpoint, String when) {
    return ChildJvm.runMain(List.of("-Xmx32m"), FullHeapProbe.class, Duration.ofSeconds(60), endpoint, when);
  }

  private static void assertNothingEscaped(ChildJvm.Result r) {
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertEquals("", r.stderr(), "nothing printed");
    assertEquals(List.of("uncaught=0", "delivery=FAILED"), r.stdout().lines().toList());
  }
}
