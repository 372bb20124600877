package com.goteleport.tbot.otel.bench;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS server sockets that count every byte clients send on the wire, handshake and record framing
 * included. {@code LoopbackServer} counts what it reads from the socket it is given, which over
 * TLS is the decrypted HTTP request only: the bytes of the production case need this layer below.
 */
final class WireCountingTls extends ServerSocketFactory {

  private final SSLSocketFactory tls;
  private final AtomicLong bytesIn = new AtomicLong();

  /** Server sockets with the key of {@code serverContext}. */
  WireCountingTls(SSLContext serverContext) {
    this.tls = serverContext.getSocketFactory();
  }

  /** Every byte read from clients so far, on every connection. */
  long bytesIn() {
    return bytesIn.get();
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    return createServerSocket(port, 50, null);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    return createServerSocket(port, backlog, null);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
    return new ServerSocket(port, backlog, address) {
      @Override
      public Socket accept() throws IOException {
        Socket raw = new CountingSocket();
        implAccept(raw);
        try {
          return tls.createSocket(raw, null, true); // server mode, layered over the counted socket
        } catch (IOException | RuntimeException e) {
          raw.close();
          throw e;
        }
      }
    };
  }

  /** An accepted plain socket whose input counts what the TLS layer above it reads. */
  private final class CountingSocket extends Socket {
    @Override
    public InputStream getInputStream() throws IOException {
      return new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            bytesIn.incrementAndGet();
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = super.read(buf, off, len);
          if (n > 0) {
            bytesIn.addAndGet(n);
          }
          return n;
        }
      };
    }
  }
}
