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

  private final CompletableFuture<Boolean> go = new CompletableFuture<>();

  /** Yes only if {@code confirmed} completes with {@code true}. */
  Confirmation(CompletionStage<Boolean> confirmed) {
    // A class, not a lambda: this runs on the host's thread, in recordStart, where a lambda's
    // first call costs milliseconds of invokedynamic bootstrap in a cold JVM (as for Send).
    confirmed.whenComplete(new Answer(go));
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
    return go.isDone() && !go.getNow(Boolean.TRUE);
  }

  /** Whether the answer is in, and yes. */
  boolean confirmed() {
    return go.getNow(Boolean.FALSE);
  }

  /** Waits for the answer at most until {@code deadline} ({@link System#nanoTime}); no answer is a no. */
  boolean await(long deadline) {
    try {
      return go.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
