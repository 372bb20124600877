package com.goteleport.tbot.otel.internal.export;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * A host's later yes or no for one start. A class of its own so that a send without one loads none
 * of it: its exception types and CompletableFuture (whose first use sets up ForkJoinPool) cost the
 * host's thread milliseconds in a cold JVM.
 */
final class Confirmation {

  // The host's answer as it comes (true, anything else, or a failure), or a no from refuse().
  private final CompletableFuture<Boolean> go;

  /** Yes only if {@code confirmed} completes with {@code true}. */
  Confirmation(CompletionStage<Boolean> confirmed) {
    // What the host's stage holds until it completes must be the JDK's alone: a tbot-otel object
    // there pins the library's class loader for as long as the host keeps a stage that never
    // completes (a plugin unloaded meanwhile). copy() relays the answer to a future of our own
    // through the JDK's classes, and spins no lambda on the host's thread (whose first call costs
    // milliseconds of invokedynamic bootstrap in a cold JVM). A stage that cannot be a
    // CompletableFuture gets a callback of ours, a class, not a lambda, for the same reason.
    CompletableFuture<Boolean> mirror;
    try {
      mirror = confirmed.toCompletableFuture().copy();
    } catch (RuntimeException e) { // UnsupportedOperationException, as the interface allows; a null
      mirror = new CompletableFuture<>();
      confirmed.whenComplete(new Answer(mirror));
    }
    go = mirror;
  }

  /** Completes {@code go} with the host's answer: yes only for {@code true}. */
  private static final class Answer implements BiConsumer<Boolean, Throwable> {
    private final CompletableFuture<Boolean> go;

    Answer(CompletableFuture<Boolean> go) {
      this.go = go;
    }

    @Override
    public void accept(@Nullable Boolean yes, @Nullable Throwable failed) {
      go.complete(failed == null && Boolean.TRUE.equals(yes));
    }
  }

  /** A no, whatever the host says later (the send is being abandoned). */
  void refuse() {
    go.complete(Boolean.FALSE);
  }

  /** Whether the answer is in, and no. */
  boolean refused() {
    return go.isDone() && !confirmed();
  }

  /** Whether the answer is in, and yes. */
  boolean confirmed() {
    return go.isDone() && !go.isCompletedExceptionally() && Boolean.TRUE.equals(go.getNow(Boolean.FALSE));
  }

  /** Waits for the answer at most until {@code deadline} ({@link System#nanoTime}); no answer is a no. */
  boolean await(long deadline) {
    try {
      return Boolean.TRUE.equals(go.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
      return false;
    }
  }
}
