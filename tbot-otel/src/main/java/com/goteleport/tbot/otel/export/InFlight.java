package com.goteleport.tbot.otel.export;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;

/**
 * A handle on one send, so the host's thread can stop it once the exit budget is spent. Aborting
 * closes the socket under way, which wakes the sending thread out of its blocking read or connect:
 * HotSpot waits up to 300 ms at JVM exit for threads still blocked in native code, daemon or not,
 * so a send left hanging would otherwise delay every exit by that much. Internal: used by {@code
 * AnonymousAnalytics}.
 */
public final class InFlight {

  private final AtomicBoolean aborted = new AtomicBoolean();
  @Nullable private volatile Closeable connection;
  // Whether the request may be written once ready: at once, unless the host confirms later.
  private final CompletableFuture<Boolean> go;

  /** A send that goes as soon as it is ready. */
  public InFlight() {
    go = CompletableFuture.completedFuture(Boolean.TRUE);
  }

  /**
   * A send that gets ready (connection, exporter) at once but writes its request only once {@code
   * confirmed} completes with {@code true}; with {@code false} or an exception, nothing is sent.
   */
  public InFlight(CompletionStage<Boolean> confirmed) {
    go = new CompletableFuture<>();
    confirmed.whenComplete((yes, failed) -> go.complete(failed == null && Boolean.TRUE.equals(yes)));
  }

  /** Stops the send: no connection is opened after this, the open one is closed. Never throws. */
  public void abort() {
    aborted.set(true);
    go.complete(Boolean.FALSE);
    closeQuietly(connection);
  }

  /** Whether the host has already said this start is not to be sent. */
  public boolean refused() {
    return go.isDone() && !go.getNow(Boolean.TRUE);
  }

  /** Waits until the send may go, at most until {@code deadline} ({@link System#nanoTime}). */
  boolean awaitGo(long deadline) {
    try {
      return go.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /** Registers the connection under way; closes it at once if already aborted. */
  void register(Closeable c) throws IOException {
    connection = c;
    if (aborted.get()) {
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
