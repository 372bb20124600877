package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.internal.export.InFlight;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * One {@link AnonymousAnalytics#close} call's wait for the send, and what it came to. The wait ends
 * once the send's outcome is known, once any close has given up on a host name look-up, or at the
 * deadline; a close that may abort the send does so shortly before the deadline, or as soon as a
 * look-up runs too close to it. Immutable; made by {@link #await}. Here, not in {@code
 * AnonymousAnalytics}, so that the facade keeps only the decisions taken under its lock; loaded
 * only by a close that has a send to wait for, never without consent.
 */
final class ExitWait {

  // How long before the exit timeout a send still under way is aborted, for its thread to leave
  // the blocking socket call.
  private static final long ABORT_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  // How long before the exit timeout a host name look-up still under way is given up on: HotSpot's
  // exit waits up to 300 ms (30 waits of 10 ms) for a thread in native code, and the JDK's
  // resolver cannot be interrupted. From then on a look-up may still start (most end within a
  // millisecond: localhost, the hosts file, the JDK's cache), but one that runs LOOKUP_PATIENCE is
  // given up on: one under way since before the cut-off leaves the JVM's wait within the budget.
  private static final long LOOKUP_CUTOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(320);
  private static final long LOOKUP_PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  private static final long LOOKUP_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final long timeoutNanos; // the first close's budget: the abort grace's, the line's
  private final boolean aborted; // by this close
  private final boolean heldByLookup; // aborted because a look-up ran too close to the deadline
  private final long leftAtGiveUpNanos; // of the deadline, when this close gave up on that look-up
  private final boolean interrupted; // the interrupt is the host's: the caller restores it

  ExitWait(long timeoutNanos, boolean aborted, boolean heldByLookup, long leftAtGiveUpNanos, boolean interrupted) {
    this.timeoutNanos = timeoutNanos;
    this.aborted = aborted;
    this.heldByLookup = heldByLookup;
    this.leftAtGiveUpNanos = leftAtGiveUpNanos;
    this.interrupted = interrupted;
  }

  /**
   * Waits until {@code done} is counted down, any close has given up on a look-up, or {@code
   * deadline} ({@link System#nanoTime}). {@code timeoutNanos} is the first close's budget, which
   * sets the abort grace. A close {@code leftToTheFirst} only waits: it neither aborts the send nor
   * watches its look-ups.
   */
  static ExitWait await(
      CountDownLatch done, InFlight inFlight, long deadline, long timeoutNanos, boolean leftToTheFirst) {
    long grace = Math.min(ABORT_GRACE_NANOS, timeoutNanos / 2);
    // An interrupt does not cut the wait short, which is bounded anyway: a host interrupted on its
    // way out (a shutdown) would otherwise never deliver. The interrupt is kept for the host.
    boolean interrupted = false;
    boolean aborted = leftToTheFirst; // such a close never aborts: it only waits
    long lookupCutoff = deadline - LOOKUP_CUTOFF_NANOS;
    boolean heldByLookup = false;
    long leftAtGiveUp = 0;
    while (done.getCount() > 0 && !inFlight.lookupGivenUp()) {
      long now = System.nanoTime();
      boolean pastCutoff = now - lookupCutoff >= 0;
      // Only a close that may abort watches look-ups; one that leaves the send to the first waits.
      @Nullable Long lookupSince = leftToTheFirst ? null : inFlight.lookupSince();
      if (pastCutoff && lookupSince != null && now - lookupSince >= LOOKUP_PATIENCE_NANOS) {
        // A look-up that has run a while with less left than the JVM's exit would wait for it:
        // give up now, so that wait ends within the budget (or as close to it as can be).
        inFlight.giveUpOnLookup();
        aborted = true;
        heldByLookup = true;
        leftAtGiveUp = Math.max(0, deadline - now);
        break;
      }
      long left = (aborted ? deadline : deadline - grace) - now;
      if (left <= 0) {
        if (aborted) {
          break;
        }
        inFlight.abort();
        aborted = true;
        continue;
      }
      // Wake at the cut-off, then when a look-up under way has run its time, or every few ms (also
      // to see another close give up on one).
      long wake = !pastCutoff ? lookupCutoff - now
          : lookupSince != null ? lookupSince + LOOKUP_PATIENCE_NANOS - now : LOOKUP_POLL_NANOS;
      left = Math.min(left, Math.max(wake, 1));
      try {
        done.await(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return new ExitWait(timeoutNanos, aborted && !leftToTheFirst, heldByLookup, leftAtGiveUp, interrupted);
  }

  /** Whether this close aborted the send: the send's outcome, if still pending, is its to settle. */
  boolean aborted() {
    return aborted;
  }

  /** Whether the waiting thread was interrupted: the wait went on, and the interrupt is to restore. */
  boolean interrupted() {
    return interrupted;
  }

  /**
   * The debug line, past its prefix, for a send this close gave up on: {@code gaveUp} is {@link
   * Delivery#TIMED_OUT}, or {@link Delivery#CANCELLED} for a start not confirmed yet; {@code where}
   * names the endpoint; {@code step}, what the send was doing ({@code InFlight#stepPhrase}).
   */
  String outcomeLine(Delivery gaveUp, String where, long exitTimeoutNanos, @Nullable String step) {
    // A close given less than the exit timeout (exec's, after the child's exit) says both.
    String budget = TimeUnit.NANOSECONDS.toMillis(exitTimeoutNanos) + " ms"
        + (timeoutNanos < exitTimeoutNanos
            ? ", " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms of it left at close" : "");
    return "tbot.start to " + where + ": " + gaveUp + (heldByLookup
        ? (gaveUp == Delivery.CANCELLED ? ", not confirmed, and" : ",") + " a host name look-up was still"
            + " under way with " + TimeUnit.NANOSECONDS.toMillis(leftAtGiveUpNanos) + " ms of the exit timeout ("
            + budget + ") left; none can be stopped, and the JVM's exit waits up to 300 ms for one"
        : (gaveUp == Delivery.CANCELLED ? ", not confirmed before" : ",") + " the exit timeout (" + budget
            + ") was spent" + (gaveUp == Delivery.TIMED_OUT && step != null ? " " + step : ""));
  }
}
