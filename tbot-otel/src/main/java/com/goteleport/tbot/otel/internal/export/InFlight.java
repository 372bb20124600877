package com.goteleport.tbot.otel.internal.export;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.export.Delivery;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * A handle on one send, so the host's thread can stop it once the exit budget is spent. Aborting
 * closes the socket under way, which wakes the sending thread out of its blocking read or connect:
 * HotSpot waits up to 300 ms at JVM exit for threads still blocked in native code, daemon or not,
 * so a send left hanging would otherwise delay every exit by that much. Used by {@code
 * AnonymousAnalytics}.
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public final class InFlight {

  /** The diagnostic for a start the host did not confirm. */
  public static final String NOT_CONFIRMED = "tbot.start not sent: the start was not confirmed";

  // Plain volatiles, not an AtomicBoolean: that would set up VarHandles on the host's thread (~1.5 ms
  // cold), and two volatile writes each followed by a read of the other's field already make sure
  // a connection registered while aborting is closed by one side or the other.
  private volatile boolean aborted;
  @Nullable private volatile Closeable connection;
  // The connection being opened for the send, whose wait for it an abort ends.
  @Nullable private volatile EarlyConnection early;
  // Whether the request may be written once ready; null: at once (only a host that confirms later
  // makes one, and loads its class).
  @Nullable private final Confirmation confirmation;
  @Nullable private volatile Consumer<Delivery> whenEnded;
  // When the host name look-up under way began (System.nanoTime), or null. No close() can stop a
  // look-up (the JDK's resolver is native and uninterruptible), and HotSpot's exit waits up to
  // 300 ms for a thread still in one: close gives up on one that runs too close to the deadline.
  @Nullable private volatile Long lookupSince;
  // Set by a close that gave up on a host name look-up: the send's outcome is settled, though its
  // thread, stuck in the look-up, cannot say so; any other close waiting returns too.
  private volatile boolean lookupGivenUp;
  // How far the send got: what a close that gives up on it says it was doing, as it was at the
  // abort (a look-up that ends just after would otherwise move it to a connect never tried).
  @Nullable private volatile Step step;
  @Nullable private volatile Step stepAtAbort;
  private boolean outcomeSaid; // guarded by this
  // How the send ended, once the send or its early connection's failure settled it, and the lock
  // under which the one who settles it also says so: whoever reads it waits until the line is out
  // (the host may exit as soon as the send returns).
  private final Object settling = new Object();
  @Nullable private Delivery settled; // guarded by settling

  /** A send that goes as soon as it is ready. */
  public InFlight() {
    confirmation = null;
  }

  /**
   * A send that gets ready (connection, exporter) at once but writes its request only once {@code
   * confirmed} completes with {@code true}; with {@code false} or an exception, nothing is sent.
   */
  public InFlight(CompletionStage<Boolean> confirmed) {
    confirmation = new Confirmation(confirmed);
  }

  /**
   * Tells {@code listener} how the send ended as soon as that is known, before the send shuts its
   * SDK down: a host waiting at exit need not wait for that clean-up. Set before the send starts.
   */
  public void whenEnded(Consumer<Delivery> listener) {
    whenEnded = requireNonNull(listener, "listener");
  }

  /**
   * Settles how the send ended, if nothing has yet, and runs {@code say} (its debug line) before
   * any other caller of this or {@link #settled} goes on: the send's own thread and its early
   * connection's (a connect that failed) may both try. Returns {@code null} for the first caller,
   * and the outcome that stands for any other.
   */
  @Nullable
  Delivery settle(Delivery delivery, Runnable say) {
    synchronized (settling) {
      if (settled != null) {
        return settled;
      }
      settled = delivery;
      say.run();
      return null;
    }
  }

  /** How the send ended, once settled and said; {@code null} before. */
  @Nullable
  Delivery settled() {
    synchronized (settling) {
      return settled;
    }
  }

  /** Called by the send once its outcome is known and {@linkplain #settle settled}. Never throws. */
  void ended(Delivery delivery) {
    Consumer<Delivery> listener = whenEnded;
    if (listener != null) {
      try {
        listener.accept(delivery);
      } catch (Throwable ignored) { // never let telemetry kill anything
        // the listener's business; the send is over anyway
      }
    }
  }

  /** Stops the send: no connection is opened after this, the open one is closed. Never throws. */
  public void abort() {
    if (!aborted) {
      stepAtAbort = step;
    }
    // Before the refusal: a send woken by it then sees the abort, and leaves its line to the close.
    aborted = true;
    if (confirmation != null) {
      confirmation.refuse();
    }
    closeQuietly(connection);
    EarlyConnection e = early;
    if (e != null) {
      e.cutShort();
    }
  }

  /**
   * The connection being opened for the send: an abort, now or later, ends the send's wait for it,
   * so that the send's thread ends with the close that gave up, not at its own deadline.
   */
  void opening(EarlyConnection e) {
    early = e;
    if (aborted) {
      e.cutShort();
    }
  }

  /** Whether {@link #abort} was called: the host's exit budget is spent. */
  boolean aborted() {
    return aborted;
  }

  /**
   * How an aborted send ended, as the close that aborted it says: {@link Delivery#CANCELLED} for a
   * start left unconfirmed (its refusal may still be on its way), else {@link Delivery#TIMED_OUT};
   * {@code null} while not aborted.
   */
  @Nullable
  Delivery abortedAs() {
    return !aborted ? null : unconfirmed() ? Delivery.CANCELLED : Delivery.TIMED_OUT;
  }

  /** Whether the host has not said yes (yet): such a start, aborted, ends CANCELLED. */
  boolean unconfirmed() {
    return confirmation != null && !confirmation.confirmed();
  }

  /**
   * Claims the one debug line that says how the send ended: the send's own, or, for a send that
   * the exit timeout ended, the line of the close that aborted it. True for the first caller only.
   */
  public synchronized boolean claimOutcomeLine() {
    if (outcomeSaid) {
      return false;
    }
    outcomeSaid = true;
    return true;
  }

  /** Whether the host has already said this start is not to be sent. */
  public boolean refused() {
    return confirmation != null && confirmation.refused();
  }

  /** Waits until the send may go, at most until {@code deadline} ({@link System#nanoTime}). */
  boolean awaitGo(long deadline) {
    return confirmation == null || confirmation.await(deadline);
  }

  /**
   * How far a send got, for the line of a close that gives up on it: a time-out reads alike at every
   * step, and each has its own likely cause.
   */
  enum Step {
    LOOKING_UP("looking up the host name"),
    // No answer yet, which may be a cold JVM's own slowness: the cause that never gives one is named.
    CONNECTING("connecting over TCP (no answer yet: a firewall that drops packets or a full listen queue never"
        + " gives one)"),
    CONNECTING_TO_PROXY("connecting to the proxy over TCP (no answer yet)"),
    TUNNELLING("waiting for the proxy to open its tunnel (CONNECT)"),
    TLS_HANDSHAKE("in the TLS handshake (about 0.35 s from a cold JVM: a longer exit timeout shows how it ends)"),
    CONNECTED("before the request was written (connected; the send's set-up is slow from a cold JVM)"),
    REQUEST_WRITTEN("waiting for an answer (the request was written)"),
    ANSWERED("after the answer was read, as the send finished (slow from a cold JVM)");

    final String phrase;

    Step(String phrase) {
      this.phrase = phrase;
    }
  }

  void step(Step now) {
    step = now;
  }

  /**
   * What the send was doing when it was aborted (or now, if it was not), as a phrase after "was
   * spent ", or {@code null} before it began. Never throws.
   */
  @Nullable
  public String stepPhrase() {
    Step s = aborted ? stepAtAbort : step;
    return s == null ? null : s.phrase;
  }

  /** Marks a host name look-up as under way, from now; end it with {@link #lookupEnded}. */
  void lookupStarting() {
    lookupSince = System.nanoTime();
  }

  void lookupEnded() {
    lookupSince = null;
  }

  /**
   * When the host name look-up under way began ({@link System#nanoTime}), or {@code null} if none
   * is. Never throws.
   */
  @Nullable
  public Long lookupSince() {
    return lookupSince;
  }

  /**
   * Gives up on the host name look-up under way, which nothing can stop: marks the send settled
   * for every close waiting, then {@linkplain #abort aborts} it. Never throws.
   */
  public void giveUpOnLookup() {
    lookupGivenUp = true;
    abort();
  }

  /** Whether a close gave up on a look-up of this send: no close need wait for it any longer. */
  public boolean lookupGivenUp() {
    return lookupGivenUp;
  }

  /** Registers the connection under way; closes it at once if already aborted. */
  void register(Closeable c) throws IOException {
    connection = c;
    if (aborted) {
      closeQuietly(c);
      throw new IOException("aborted: the exit budget is spent");
    }
  }

  void unregister() {
    connection = null;
  }

  private static void closeQuietly(@Nullable Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException | RuntimeException ignored) {
        // the send is being abandoned anyway
      }
    }
  }
}
