package com.goteleport.tbot.otel.export;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The collector faults of issue 4's fault matrix, each made real on 127.0.0.1: {@link #open}
 * returns the endpoint to send to, any environment it needs (a proxy), and the server to inspect.
 * Shared by the fault tests and the whole-process benchmark.
 */
public enum Fault {
  /** Nothing listens: the connection is refused at once. */
  CONNECTION_REFUSED,
  /** A listener whose backlog is full and which never accepts: connect never completes. */
  NEVER_ACCEPTS,
  /** The collector's name does not resolve. */
  DNS_FAILURE,
  /** Reads the request, never answers. */
  NEVER_ANSWERS,
  /** Answers one byte at a time, never finishing. */
  SLOW_DRIP,
  HTTP_500,
  HTTP_503,
  /** 429 asking to come back in 30 s: must not be waited for. */
  HTTP_429_RETRY_AFTER_30,
  HTTP_400,
  /** HTTPS with a self-signed certificate: verification fails, nothing is sent. */
  UNTRUSTED_TLS,
  /** 307 to another server, which must get no request. */
  REDIRECT,
  /** 200 with a 64 MiB body. */
  OVERSIZED_BODY,
  /** {@code HTTPS_PROXY} points at a proxy that refuses connections. */
  DEAD_PROXY;

  /** An endpoint that only a proxy could reach: {@code .invalid} never resolves. */
  public static final String UNRESOLVABLE_HTTPS_ENDPOINT = "https://collector.example.invalid/v1/logs";

  /** One fault, set up: close it to release every socket. */
  public static final class Setup implements AutoCloseable {
    private final String endpoint;
    private final Map<String, String> env;
    @Nullable private final LoopbackServer server;
    @Nullable private final LoopbackServer other;
    private final List<AutoCloseable> resources;

    Setup(String endpoint, Map<String, String> env, @Nullable LoopbackServer server,
        @Nullable LoopbackServer other, List<AutoCloseable> resources) {
      this.endpoint = endpoint;
      this.env = env;
      this.server = server;
      this.other = other;
      this.resources = resources;
    }

    /** The URL to send to. */
    public String endpoint() {
      return endpoint;
    }

    /** Extra environment variables (a proxy), empty for most faults. */
    public Map<String, String> env() {
      return env;
    }

    /** The faulty server, if the fault has one that can be inspected. */
    @Nullable
    public LoopbackServer server() {
      return server;
    }

    /** For {@link #REDIRECT}: the address redirected to, which must receive nothing. */
    @Nullable
    public LoopbackServer redirectTarget() {
      return other;
    }

    @Override
    public void close() {
      for (AutoCloseable r : resources) {
        try {
          r.close();
        } catch (Exception ignored) {
          // closing
        }
      }
    }
  }

  /** Sets the fault up on loopback. */
  public Setup open() {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      switch (this) {
        case CONNECTION_REFUSED:
          return new Setup("http://127.0.0.1:" + closedPort() + "/v1/logs", Map.of(), null, null, resources);
        case NEVER_ACCEPTS:
          return new Setup("http://127.0.0.1:" + fullBacklog(resources) + "/v1/logs", Map.of(), null, null,
              resources);
        case DNS_FAILURE:
          return new Setup("http://collector.example.invalid:4318/v1/logs", Map.of(), null, null, resources);
        case NEVER_ANSWERS:
          return served(LoopbackServer.silent(), resources);
        case SLOW_DRIP:
          return served(LoopbackServer.slowDrip(), resources);
        case HTTP_500:
          return served(LoopbackServer.status(500), resources);
        case HTTP_503:
          return served(LoopbackServer.status(503), resources);
        case HTTP_429_RETRY_AFTER_30:
          return served(LoopbackServer.status(429, "Retry-After: 30"), resources);
        case HTTP_400:
          return served(LoopbackServer.status(400), resources);
        case UNTRUSTED_TLS: {
          LoopbackServer tls = LoopbackServer.start(SelfSignedTls.stranger().serverSocketFactory(), LoopbackServer.ok());
          resources.add(tls);
          return new Setup(tls.url("https"), Map.of(), tls, null, resources);
        }
        case REDIRECT: {
          LoopbackServer target = LoopbackServer.start(LoopbackServer.ok());
          resources.add(target);
          LoopbackServer redirect = LoopbackServer.start(LoopbackServer.redirectTo(target.url()));
          resources.add(redirect);
          return new Setup(redirect.url(), Map.of(), redirect, target, resources);
        }
        case OVERSIZED_BODY:
          return served(LoopbackServer.oversized(), resources);
        case DEAD_PROXY:
          return new Setup(UNRESOLVABLE_HTTPS_ENDPOINT,
              Map.of("HTTPS_PROXY", "http://127.0.0.1:" + closedPort()), null, null, resources);
        default:
          throw new AssertionError(this);
      }
    } catch (IOException e) {
      new Setup("", Map.of(), null, null, resources).close();
      throw new AssertionError("cannot set up " + this, e);
    }
  }

  private static Setup served(LoopbackServer.Behavior behavior, List<AutoCloseable> resources) {
    LoopbackServer server = LoopbackServer.start(behavior);
    resources.add(server);
    return new Setup(server.url(), Map.of(), server, null, resources);
  }

  /**
   * A loopback port nothing listens on, held for the rest of this JVM by a socket bound to it that
   * never listens: a connection is refused, and no other process can listen there in the meantime,
   * as it could on a port bound and released (another build's receiver would then answer).
   */
  public static int closedPort() throws IOException {
    Socket held = new Socket();
    held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    HELD_PORTS.add(held);
    return held.getLocalPort();
  }

  // The sockets holding closedPort()'s ports: a few per JVM, so that they are never collected.
  private static final List<Socket> HELD_PORTS = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Binds a listener with backlog 1, never accepts, and fills its queue so connects hang. */
  private static int fullBacklog(List<AutoCloseable> resources) throws IOException {
    ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    resources.add(listener);
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    for (int i = 0; i < 16; i++) {
      Socket filler = new Socket();
      resources.add(filler);
      try {
        filler.connect(address, 200);
      } catch (SocketTimeoutException full) {
        return listener.getLocalPort();
      }
    }
    throw new AssertionError("the backlog of a never-accepting listener did not fill");
  }
}
