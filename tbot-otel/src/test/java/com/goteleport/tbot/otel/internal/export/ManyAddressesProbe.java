package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.export.LoopbackServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import javax.net.ServerSocketFactory;

/**
 * Run in a child JVM by ManyAddressesTest, whose hosts file gives {@code collector.test} two
 * addresses: {@code ::1}, where nothing listens, first; then {@code 127.0.0.1}, the collector.
 */
public final class ManyAddressesProbe {
  public static void main(String[] args) throws Exception {
    System.out.println("addresses " + Arrays.toString(InetAddress.getAllByName("collector.test")));
    // On 127.0.0.1 only: with IPv6 preferred, the loopback address would be ::1.
    ServerSocketFactory ipv4Only = new ServerSocketFactory() {
      @Override
      public ServerSocket createServerSocket(int port) throws IOException {
        return new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return createServerSocket(port);
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog, InetAddress ignored) throws IOException {
        return createServerSocket(port);
      }
    };
    try (LoopbackServer collector = LoopbackServer.start(ipv4Only, LoopbackServer.ok())) {
      Delivery d = EventSender.send(StartEvent.builder().build(),
          URI.create("http://collector.test:" + collector.port() + "/v1/logs"), Duration.ofSeconds(5), Map.of());
      System.out.println("delivery " + d);
      System.out.println("requests " + collector.requests().size());
    }
  }
}
