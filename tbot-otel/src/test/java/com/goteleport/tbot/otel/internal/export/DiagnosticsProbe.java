package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Run in a child JVM by DiagnosticsTest: a failing send, then the host's own SDK-logger records. */
public final class DiagnosticsProbe {
  public static void main(String[] args) throws Exception {
    int refused;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      refused = s.getLocalPort(); // closed: connection refused
    }
    if (args.length > 0 && args[0].equals("debug")) {
      Diagnostics.debugOnThisThread(System.err);
    }
    Delivery d = EventSender.send(StartEvent.builder().build(), URI.create("http://127.0.0.1:" + refused + "/v1/logs"),
        Duration.ofSeconds(2), Map.of());
    System.out.println("delivery " + d);
    for (String name : Diagnostics.otelLoggerNames()) {
      System.out.println("logger " + name);
    }
    // The host's own records on the very loggers the send used still reach its handlers.
    Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter").log(Level.SEVERE, "host record");
  }
}
