package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.export.LoopbackServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ServerSocketFactory;

/**
 * Run in a child JVM by ManyAddressesTest, whose hosts file gives {@code collector.test} two
 * addresses: {@code ::1} first, where nothing listens (or, with {@code blackhole}, a listener whose
 * backlog is full, so a connect there never completes); then {@code 127.0.0.1}, the collector.
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
    List<Closeable> hole = new ArrayList<>();
    try (LoopbackServer collector = LoopbackServer.start(ipv4Only, LoopbackServer.ok())) {
      if (args.length > 0 && args[0].equals("blackhole")) {
        fillBacklog(collector.port(), hole);
      }
      Delivery d = EventSender.send(StartEvent.builder().build(),
          URI.create("http://collector.test:" + collector.port() + "/v1/logs"), Duration.ofSeconds(5), Map.of());
      System.out.println("delivery " + d);
      System.out.println("requests " + collector.requests().size());
    } finally {
      for (Closeable c : hole) {
        c.close();
      }
    }
  }

  /** A listener on [::1]:port whose backlog is full: SYNs there go unanswered, as Fault.NEVER_ACCEPTS. */
  private static void fillBacklog(int port, List<Closeable> hole) throws IOException {
    ServerSocket listener = new ServerSocket(port, 1, InetAddress.getByName("::1"));
    hole.add(listener);
    for (int i = 0; i < 16; i++) {
      Socket filler = new Socket();
      hole.add(filler);
      try {
        filler.connect(new InetSocketAddress(listener.getInetAddress(), port), 200);
      } catch (SocketTimeoutException full) {
        return;
      }
    }
    throw new IOException("the backlog never filled");
  }
}
