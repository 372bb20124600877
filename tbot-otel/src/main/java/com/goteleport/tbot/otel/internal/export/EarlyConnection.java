package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.internal.export.Connector.Connection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * The collector connection, opened on a daemon thread of its own while the SDK and exporter are
 * built and the event encoded: DNS, TCP, a proxy tunnel and the TLS handshake run alongside that
 * work instead of after it. From a cold JVM each side takes a few hundred milliseconds (TLS set-up,
 * the JDK's trust store included, about 0.35 s here), so a host that exits at once delivers within
 * its exit budget only if the two overlap.
 */
final class EarlyConnection {

  /** Told on the connecting thread, once its line is out, that connecting failed. */
  interface OnFailure {
    /** Never throws. */
    void failed(Throwable failure);
  }

  private final CountDownLatch ready = new CountDownLatch(1);
  // Guarded by this.
  @Nullable private Connection connection;
  @Nullable private Throwable failure;
  private boolean taken;
  private boolean abandoned;
  // Set by the host's close giving up (InFlight.abort): a send waiting for the connection stops
  // waiting, though the look-up or connect under way cannot be stopped.
  private volatile boolean cutShort;

  private EarlyConnection() {}

  /**
   * Starts connecting at once; everything is bounded by {@code deadline} ({@link System#nanoTime}).
   * A connect that fails, unless the host's exit aborted it, is told to {@code onFailure} as soon as
   * it has.
   */
  static EarlyConnection start(Connector connector, long deadline, @Nullable OnFailure onFailure) {
    EarlyConnection early = new EarlyConnection();
    // An anonymous class, not a lambda: no lambda class is spun at run time before the connect starts.
    Thread t = new Thread(new Runnable() {
      @Override
      public void run() {
        early.connect(connector, deadline, onFailure);
      }
    }, "tbot-otel-connect");
    t.setDaemon(true);
    t.start();
    return early;
  }

  private void connect(Connector connector, long deadline, @Nullable OnFailure onFailure) {
    long start = System.nanoTime();
    @Nullable Connection opened = null;
    @Nullable Throwable failed = null;
    try {
      opened = connector.open(deadline);
    } catch (Throwable t) { // never let telemetry kill anything, even a thread
      failed = t;
    }
    try {
      synchronized (this) {
        if (abandoned && opened != null) {
          opened.close();
          opened = null;
        }
        connection = opened;
        failure = failed;
      }
      // Before the send is released: a send that fails on this failure could otherwise return,
      // and a CLI exit, before its reason is printed. Not after an abort: the close that aborted
      // says how the send ended, and a connect it cut short ("Socket closed") would be a second
      // line for the one fault.
      if (!connector.aborted()) {
        Diagnostics.debug((failed == null ? "connected" : "not connected: " + failed) + " after "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms"
            + RuntimeModules.connectionHint(failed));
        if (failed != null && onFailure != null) {
          onFailure.failed(failed);
        }
      }
    } catch (Throwable outOfMemory) {
      // The line could not be made: the heap is full. Nothing may leave this thread, or the host's
      // default uncaught-exception handler gets it (the JVM's prints it on stderr).
    } finally {
      ready.countDown(); // the send waits on it: released whatever happens
    }
  }

  /**
   * The open connection, once: waits for it until {@code deadline}. The caller closes it.
   *
   * @throws IOException if connecting failed, or did not finish in time
   */
  Connection take(long deadline) throws IOException {
    try {
      if (!ready.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new SocketTimeoutException("tbot-otel export deadline passed while connecting");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting", e);
    }
    synchronized (this) {
      if (taken || abandoned) {
        throw new IOException("the connection is used up: one request per start");
      }
      taken = true;
      if (connection == null && failure == null && cutShort) {
        throw new IOException("aborted while connecting: the exit budget is spent");
      }
      if (failure instanceof IOException) {
        throw (IOException) failure;
      }
      if (failure != null) {
        throw new IOException("connecting failed", failure);
      }
      return connection;
    }
  }

  /** Wakes a send waiting in {@link #take}: the host's exit gave up on it. Never throws. */
  void cutShort() {
    cutShort = true;
    ready.countDown();
  }

  /** Closes the connection unless it was taken, now or as soon as it is open. Never throws. */
  void abandon() {
    Connection open;
    synchronized (this) {
      abandoned = true;
      open = taken ? null : connection;
      connection = null;
    }
    if (open != null) {
      open.close();
    }
  }
}
