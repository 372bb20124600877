package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.export.Fault;
import java.io.IOException;
import java.lang.ref.Reference;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM with a small heap by {@link FullHeapStateTest}: the heap is full, down to the
 * last 16 bytes, while a send has changed JVM-wide state it must put back. {@code encoder}: while
 * {@link EncoderBufferSize#pin} has the buffer-size properties replaced. {@code connect}: while
 * {@link Connector} waits for a collector that never accepts, with a socket open and registered
 * for an abort. Prints that state once the heap is free again.
 */
public final class FullHeapStateProbe {

  private static Object full;
  private static volatile Throwable openFailed;

  private FullHeapStateProbe() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "encoder":
        encoder();
        break;
      case "connect":
        connect();
        break;
      default:
        throw new IllegalArgumentException(args[0]);
    }
  }

  private static void encoder() {
    // A host's workable size, and a broken one under another spelling: pin replaces both. The
    // broken one's key fills the heap as pin puts it (both are replaced in place, so nothing
    // else in the try allocates before the encoder's class loads): the restore then runs with the
    // heap full.
    System.setProperty(EncoderBufferSize.PROPERTY, "4096");
    FillingKey broken = new FillingKey();
    System.getProperties().put(broken, "0");
    broken.armed = true;
    try {
      EncoderBufferSize.pin();
    } catch (Throwable expected) {
      // the send's thread catches it (AnonymousAnalytics): what matters is what it leaves behind
    }
    full = null;
    System.gc();
    System.out.println(EncoderBufferSize.PROPERTY + "=" + System.getProperty(EncoderBufferSize.PROPERTY)
        + " " + broken + "=" + System.getProperties().get(broken));
  }

  private static void connect() throws Exception {
    try (Fault.Setup neverAccepts = Fault.NEVER_ACCEPTS.open()) {
      InFlight inFlight = new InFlight();
      Connector connector = new Connector(
          URI.create(neverAccepts.endpoint()), null, TimeUnit.SECONDS.toNanos(1), inFlight);
      long before = openSockets();
      Thread opening = new Thread(new Runnable() {
        @Override
        public void run() {
          try {
            connector.open(System.nanoTime() + TimeUnit.SECONDS.toNanos(2)).close();
          } catch (Throwable t) {
            openFailed = t;
          }
        }
      });
      opening.start();
      awaitConnecting(opening);
      full = FullHeapDiagnosticsProbe.fillTheHeap();
      opening.join(); // it times out on the full heap
      full = null;
      System.gc();
      System.out.println("open failed: " + openFailed.getClass().getSimpleName());
      // A socket forgotten is closed by its cleaner once collected; one an abort could still
      // reach is held until then, its descriptor open.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (openSockets() > before && System.nanoTime() - deadline < 0) {
        System.gc();
        Thread.sleep(50);
      }
      System.out.println("sockets left open: " + (openSockets() - before));
      Reference.reachabilityFence(inFlight);
    }
  }

  /** Waits until {@code t} waits for the connect to complete. */
  private static void awaitConnecting(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() - deadline < 0) {
      for (StackTraceElement e : t.getStackTrace()) {
        if (e.getMethodName().equals("timedFinishConnect")) {
          return;
        }
      }
      Thread.sleep(1);
    }
    throw new AssertionError("never connecting");
  }

  /** This process's open sockets (Linux). */
  private static long openSockets() throws IOException {
    long n = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          n += Files.readSymbolicLink(fd).toString().startsWith("socket:") ? 1 : 0;
        } catch (IOException closedMeanwhile) {
          // the stream's own descriptor, say
        }
      }
    }
    return n;
  }

  /** A property key the SDK reads as the buffer size, which fills the heap once pin puts it. */
  private static final class FillingKey {
    volatile boolean armed;

    @Override
    public int hashCode() {
      if (armed && putting()) {
        armed = false;
        full = FullHeapDiagnosticsProbe.fillTheHeap();
      }
      return 42;
    }

    // Put into the system properties: pin's own copy of them is a HashMap.
    private static boolean putting() {
      for (StackTraceElement e : new Throwable().getStackTrace()) {
        if (e.getClassName().equals("java.util.Properties") && e.getMethodName().equals("put")) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return "OTEL.EXPERIMENTAL.OTLP.BUFFER-SIZE";
    }
  }
}
