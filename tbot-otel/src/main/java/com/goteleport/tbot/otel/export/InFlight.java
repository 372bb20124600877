package com.goteleport.tbot.otel.export;

import java.io.Closeable;
import java.io.IOException;
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

  /** Stops the send: no connection is opened after this, the open one is closed. Never throws. */
  public void abort() {
    aborted.set(true);
    closeQuietly(connection);
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
