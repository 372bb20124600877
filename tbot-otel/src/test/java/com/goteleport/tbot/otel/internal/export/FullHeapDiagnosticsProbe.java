package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Run in a child JVM with a small heap by {@link FullHeapDiagnosticsTest}: a host that logs every
 * level to a handler of its own, after a first send. Its heap is then full, down to the last 16
 * bytes, just as a send goes into {@link Diagnostics#quietly} ({@code enter}: with no other send
 * under way, as it counts itself and puts its filters on; {@code sending}: beside a send under
 * way, as it marks its thread) or out of it ({@code leave}: as it takes the filters off). The heap
 * is freed, and a later send fails against a refused port. Prints both sends' deliveries, each
 * OpenTelemetry record that reached the host's handler, each SDK logger a filter was left on, and
 * whether leaving threw.
 */
public final class FullHeapDiagnosticsProbe {

  private static final List<String> HANDLED = new CopyOnWriteArrayList<>();
  private static Object full;
  private static boolean returned;

  /** The smallest object there is: a failed allocation of it leaves less than 16 bytes. */
  private static final class Node {
    final Object next;

    Node(Object next) {
      this.next = next;
    }
  }

  private FullHeapDiagnosticsProbe() {}

  public static void main(String[] args) throws Exception {
    Handler host = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLoggerName() != null && record.getLoggerName().startsWith("io.opentelemetry.")) {
          HANDLED.add("handled " + record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    host.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    root.setLevel(Level.ALL); // the default console handler stays at INFO
    root.addHandler(host);

    int refused;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      refused = s.getLocalPort(); // closed: connection refused
    }
    URI endpoint = URI.create("http://127.0.0.1:" + refused + "/v1/logs");
    // A send before: the SDK's classes hold their loggers, as they do in a host after its first send.
    System.out.println("before " + send(endpoint));
    Supplier<Object> nothing = () -> null;
    Thread beside = null;
    CountDownLatch underWay = new CountDownLatch(1);
    CountDownLatch end = new CountDownLatch(1);
    try {
      switch (args[0]) {
        case "enter":
          full = fillTheHeap();
          Diagnostics.quietly(nothing);
          break;
        case "sending":
          beside = new Thread(() -> Diagnostics.quietly(() -> {
            underWay.countDown();
            awaitQuietly(end);
            return null;
          }));
          beside.start();
          underWay.await();
          full = fillTheHeap();
          Diagnostics.quietly(nothing);
          break;
        case "leave":
          Diagnostics.quietly(() -> full = fillTheHeap());
          returned = true;
          break;
        default:
          throw new IllegalArgumentException(args[0]);
      }
    } catch (OutOfMemoryError expected) {
      // the send's thread catches it (AnonymousAnalytics): what matters is what it leaves behind
    }
    full = null;
    if (args[0].equals("leave") && !returned) {
      // Its send had returned: a Throwable out of leave would take the place of its outcome.
      System.out.println("leave threw");
    }
    end.countDown();
    if (beside != null) {
      beside.join();
    }
    System.gc();

    System.out.println("after " + send(endpoint));
    for (String line : HANDLED) {
      System.out.println(line);
    }
    for (String name : Diagnostics.SDK_LOGGERS) {
      if (Logger.getLogger(name).getFilter() != null) {
        System.out.println("filter left on " + name);
      }
    }
  }

  private static Delivery send(URI endpoint) {
    return EventSender.send(StartEvent.builder().build(), endpoint, Duration.ofSeconds(5), Map.of());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Allocates until even the smallest object fails; returns what it holds. */
  static Object fillTheHeap() {
    Object head = null;
    for (int size = 1 << 20; size >= 8; size /= 2) {
      try {
        while (true) {
          head = new Object[] {new byte[size], head};
        }
      } catch (OutOfMemoryError expected) {
        // the next, smaller size
      }
    }
    // A failed pair above may have left its array as garbage: the last bytes go one node at a time,
    // whose failed allocation leaves nothing behind.
    try {
      while (true) {
        head = new Node(head);
      }
    } catch (OutOfMemoryError expected) {
      return head;
    }
  }
}
