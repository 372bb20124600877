package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    boolean debug = args.length > 0 && args[0].equals("debug");
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    int port = server.getLocalPort();
    if (debug) {
      server.close(); // closed: connection refused
      Diagnostics.debugOnThisThread(System.err);
    } else {
      Thread answer = new Thread(() -> answer500(server));
      answer.setDaemon(true);
      answer.start();
    }
    Delivery d = EventSender.send(StartEvent.builder().build(), URI.create("http://127.0.0.1:" + port + "/v1/logs"),
        Duration.ofSeconds(2), Map.of());
    System.out.println("delivery " + d);
    for (String name : Diagnostics.otelLoggerNames()) {
      System.out.println("logger " + name);
    }
    // The host's own records on the very loggers the send used still reach its handlers.
    Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter").log(Level.SEVERE, "host record");
  }

  /** Reads one request (head, then Content-Length bytes) and answers 500. */
  private static void answer500(ServerSocket server) {
    try (server; Socket s = server.accept()) {
      s.setSoTimeout(5_000);
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head.append((char) b);
      }
      Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
      in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
      OutputStream out = s.getOutputStream();
      out.write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      // the send fails either way
    }
  }
}
