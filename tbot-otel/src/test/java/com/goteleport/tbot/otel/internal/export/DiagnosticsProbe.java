package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Run in a child JVM by DiagnosticsTest: a failing send, then the host's own SDK-logger records.
 * The send fails on a collector that answers 500, so that the SDK is built and sends (a connection
 * refused settles the send before the SDK is built, if the refusal comes first); with "debug", on
 * a closed port, its debug lines on stderr.
 */
public final class DiagnosticsProbe {
  public static void main(String[] args) throws Exception {
    Delivery d;
    if (args.length > 0 && args[0].equals("debug")) {
      int refused;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        refused = s.getLocalPort(); // closed: connection refused
      }
      Diagnostics.debugOnThisThread(System.err);
      d = send("http://127.0.0.1:" + refused + "/v1/logs");
    } else {
      try (OtlpReceiver collector = OtlpReceiver.start().respondWith(500)) {
        d = send(collector.url());
      }
    }
    System.out.println("delivery " + d);
    for (String name : Diagnostics.otelLoggerNames()) {
      System.out.println("logger " + name);
    }
    // The host's own records on the very loggers the send used still reach its handlers.
    Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter").log(Level.SEVERE, "host record");
  }

  private static Delivery send(String endpoint) {
    return EventSender.send(StartEvent.builder().build(), URI.create(endpoint), Duration.ofSeconds(2), Map.of());
  }
}
