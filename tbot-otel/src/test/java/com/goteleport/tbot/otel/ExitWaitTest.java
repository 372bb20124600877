package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.internal.export.InFlight;
import java.io.Closeable;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One close's wait, without a send: a latch stands for the send's end, an {@link InFlight} for its
 * handle. Time is checked only where it cannot be late (not before the deadline, not before the
 * grace); {@code HostCallsTest}, {@code LookupCutoffTest} and {@code FaultMatrixIT} wait on real
 * sends. Each test is bounded on a thread of its own: a wait that ignores its deadline (and the
 * interrupt, as this one does) fails here instead of hanging the build.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExitWaitTest {

  private static final long MS = 1_000_000L;

  @Test
  void aSendThatHasEndedIsNeitherWaitedForNorAborted() {
    InFlight send = new InFlight(new CompletableFuture<>()); // refused() shows an abort
    long start = System.nanoTime();
    ExitWait waited = ExitWait.await(new CountDownLatch(0), send, start + 10_000 * MS, 10_000 * MS, false);
    assertTrue(System.nanoTime() - start < 5_000 * MS, "returned at once");
    assertFalse(waited.aborted());
    assertFalse(waited.interrupted());
    assertFalse(send.refused(), "not aborted");
  }

  @Test
  void aSendStillUnderWayIsAbortedWithinTheGraceAndWaitedForUntilTheDeadline() throws Exception {
    InFlight send = new InFlight(new CompletableFuture<>());
    long deadline = System.nanoTime() + 100 * MS;
    ExitWait waited = ExitWait.await(new CountDownLatch(1), send, deadline, 100 * MS, false);
    assertTrue(System.nanoTime() - deadline >= 0, "waited until the deadline");
    assertTrue(waited.aborted());
    assertTrue(send.refused(), "aborted");
    assertFalse(send.lookupGivenUp());
  }

  @Test
  void theAbortComesNoEarlierThanTheGrace() throws Exception {
    // 20 ms before the deadline, or half the budget when that is less.
    for (long timeoutMillis : new long[] {200, 10}) {
      CountDownLatch done = new CountDownLatch(1);
      InFlight send = new InFlight();
      long[] abortedAt = new long[1];
      register(send, () -> { // the send ends on the abort, which closes its connection
        abortedAt[0] = System.nanoTime();
        done.countDown();
      });
      long deadline = System.nanoTime() + timeoutMillis * MS;
      ExitWait waited = ExitWait.await(done, send, deadline, timeoutMillis * MS, false);
      assertTrue(waited.aborted(), timeoutMillis + " ms");
      long grace = Math.min(20, timeoutMillis / 2) * MS;
      assertTrue(abortedAt[0] - (deadline - grace) >= 0,
          timeoutMillis + " ms: aborted " + (deadline - abortedAt[0]) / MS + " ms before the deadline");
    }
  }

  @Test
  void aCloseLeftToTheFirstOnlyWaits() throws Exception {
    InFlight send = new InFlight(new CompletableFuture<>());
    invoke(send, "lookupStarting"); // a look-up well past its patience, under way all along
    long deadline = System.nanoTime() + 100 * MS;
    ExitWait waited = ExitWait.await(new CountDownLatch(1), send, deadline, 100 * MS, true);
    assertTrue(System.nanoTime() - deadline >= 0, "waited until the deadline");
    assertFalse(waited.aborted());
    assertFalse(send.refused(), "not aborted");
    assertFalse(send.lookupGivenUp(), "its look-ups are the first close's to watch");
  }

  @Test
  void aLookUpThatRunsPastTheCutoffIsGivenUpOnOnceItHasRunItsPatience() throws Exception {
    InFlight send = new InFlight();
    long[] abortedAt = {Long.MIN_VALUE};
    register(send, () -> abortedAt[0] = System.nanoTime());
    invoke(send, "lookupStarting");
    long since = send.lookupSince();
    long deadline = System.nanoTime() + 300 * MS; // within 320 ms: past the cut-off at once
    ExitWait waited = ExitWait.await(new CountDownLatch(1), send, deadline, 300 * MS, false);
    assertTrue(waited.aborted());
    assertTrue(abortedAt[0] != Long.MIN_VALUE, "the send was aborted");
    assertTrue(abortedAt[0] - since >= 20 * MS, "given up on " + (abortedAt[0] - since) / MS + " ms into the look-up");
    assertTrue(send.lookupGivenUp(), "any other close returns too");
    String line = waited.outcomeLine(Delivery.TIMED_OUT, "http://collector:4318", 300 * MS, "looking up the host name");
    Matcher left = Pattern.compile("tbot.start to http://collector:4318: TIMED_OUT, a host name look-up was still under"
        + " way with (\\d+) ms of the exit timeout \\(300 ms\\) left; .*").matcher(line);
    assertTrue(left.matches(), line);
    assertTrue(Long.parseLong(left.group(1)) <= 300, line);
  }

  @Test
  void aLookUpUnderWayBeforeTheCutoffIsWaitedFor() throws Exception {
    InFlight send = new InFlight();
    invoke(send, "lookupStarting");
    CountDownLatch done = new CountDownLatch(1);
    Thread waiter = Thread.currentThread();
    // The wait sleeps until the cut-off: an interrupt 50 ms into the look-up, past its patience,
    // wakes it to look at the look-up before the cut-off, which is not yet the time to give up.
    Thread sender = new Thread(() -> { // ends 100 ms on, long before the cut-off
      try {
        Thread.sleep(50);
        waiter.interrupt();
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      done.countDown();
    });
    sender.start();
    long deadline = System.nanoTime() + 10_000 * MS;
    ExitWait waited;
    try {
      waited = ExitWait.await(done, send, deadline, 10_000 * MS, false);
      sender.join();
    } finally {
      Thread.interrupted(); // should the wait have returned before the interrupt
    }
    assertTrue(waited.interrupted(), "woken before the cut-off");
    assertFalse(waited.aborted());
    assertFalse(send.lookupGivenUp());
  }

  @Test
  void aCloseReturnsOnceAnotherHasGivenUpOnALookUp() {
    InFlight send = new InFlight();
    send.giveUpOnLookup();
    assertTrue(send.lookupGivenUp());
    long start = System.nanoTime();
    ExitWait waited = ExitWait.await(new CountDownLatch(1), send, start + 10_000 * MS, 10_000 * MS, false);
    assertTrue(System.nanoTime() - start < 5_000 * MS, "returned at once");
    assertFalse(waited.aborted(), "the send was the other close's to give up on");
  }

  @Test
  void anInterruptDoesNotCutTheWaitShortAndIsLeftToTheCaller() {
    long deadline = System.nanoTime() + 100 * MS;
    Thread.currentThread().interrupt();
    try {
      ExitWait waited = ExitWait.await(new CountDownLatch(1), new InFlight(), deadline, 100 * MS, true);
      assertTrue(System.nanoTime() - deadline >= 0, "waited until the deadline");
      assertTrue(waited.interrupted());
      assertFalse(Thread.currentThread().isInterrupted(), "close restores it, once its line is out");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theLineSaysTheExitTimeoutWasSpentAndWhatWasLeftOfIt() {
    ExitWait spent = new ExitWait(500 * MS, true, false, 0, false);
    assertEquals("tbot.start to http://h:1: TIMED_OUT, the exit timeout (500 ms) was spent",
        spent.outcomeLine(Delivery.TIMED_OUT, "http://h:1", 500 * MS, null));
    // What the send was doing, which tells a firewall from a silent collector.
    assertEquals("tbot.start to http://h:1: TIMED_OUT, the exit timeout (500 ms) was spent waiting for an answer",
        spent.outcomeLine(Delivery.TIMED_OUT, "http://h:1", 500 * MS, "waiting for an answer"));
    // A start never confirmed wrote nothing, whatever its connection did.
    assertEquals("tbot.start to http://h:1: CANCELLED, not confirmed before the exit timeout (500 ms) was spent",
        spent.outcomeLine(Delivery.CANCELLED, "http://h:1", 500 * MS, "in the TLS handshake"));
    ExitWait shorter = new ExitWait(300 * MS, true, false, 0, false); // exec's close, after the child's exit
    assertEquals("tbot.start to http://h:1: TIMED_OUT, the exit timeout (500 ms, 300 ms of it left at close) was spent",
        shorter.outcomeLine(Delivery.TIMED_OUT, "http://h:1", 500 * MS, null));
  }

  @Test
  void theLineSaysALookUpHeldTheSend() {
    ExitWait held = new ExitWait(400 * MS, true, true, 120 * MS, false);
    String rest = " a host name look-up was still under way with 120 ms of the exit timeout (500 ms, 400 ms of it left"
        + " at close) left; none can be stopped, and the JVM's exit waits up to 300 ms for one";
    assertEquals("tbot.start to http://h:1: TIMED_OUT," + rest,
        held.outcomeLine(Delivery.TIMED_OUT, "http://h:1", 500 * MS, "looking up the host name"));
    assertEquals("tbot.start to http://h:1: CANCELLED, not confirmed, and" + rest,
        held.outcomeLine(Delivery.CANCELLED, "http://h:1", 500 * MS, null));
  }

  /** Calls one of the send's own (package-private) methods, as the send does. */
  private static void invoke(InFlight send, String method) throws ReflectiveOperationException {
    Method m = InFlight.class.getDeclaredMethod(method);
    m.setAccessible(true);
    m.invoke(send);
  }

  /** Registers {@code connection} as the send's, as its connector does: abort closes it. */
  private static void register(InFlight send, Closeable connection) throws ReflectiveOperationException {
    Method m = InFlight.class.getDeclaredMethod("register", Closeable.class);
    m.setAccessible(true);
    m.invoke(send, connection);
  }
}
