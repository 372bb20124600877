package com.goteleport.tbot.otel.internal.export;

/**
 * Run in a child JVM with a small heap by {@link FullHeapStateTest}: the heap is full, down to the
 * last 16 bytes, while a send has changed JVM-wide state it must put back. {@code encoder}: while
 * {@link EncoderBufferSize#pin} has the buffer-size properties replaced. Prints that state once the
 * heap is free again.
 */
public final class FullHeapStateProbe {

  private static Object full;

  private FullHeapStateProbe() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "encoder":
        encoder();
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
