package com.goteleport.tbot.otel.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.annotation.Nullable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The OTLP exporter's HTTP sender for the one {@code tbot.start} POST: HTTP/1.1 on a plain socket,
 * synchronously on the caller's (daemon) thread. Compared with the JDK {@code HttpClient} sender it
 * starts no selector or executor thread (on JDK 17 those delay JVM exit by about 0.3 s), loads far
 * fewer classes, and sends only the headers OTLP needs.
 *
 * <p>Every step (DNS aside, which Java cannot bound), the proxy tunnel, the TLS handshake and each
 * read, runs against one deadline: the exporter's timeout from the start of {@link #send}. Every
 * read on the connection, the TLS layer's included, waits at most what is left of it, so a peer
 * dripping bytes cannot stretch the send. TLS verifies the certificate chain and the host name;
 * redirects are never followed (a 3xx is a failure); interim 1xx answers are skipped; only the
 * status line of the final answer is read, so a huge or endless body costs nothing. Proxies come
 * from the exporter's {@link ProxyOptions}: HTTP proxies (CONNECT for https); any other kind, such
 * as SOCKS, fails the send rather than going around the host's proxy.
 */
final class SocketHttpSender implements HttpSender {

  private static final int MAX_STATUS_LINE = 8 * 1024;

  private final URI endpoint;
  private final String contentType;
  @Nullable private final Compressor compressor;
  private final long timeoutNanos;
  private final long connectTimeoutNanos;
  private final HttpSenderConfig config;
  @Nullable private final ProxySelector proxySelector;
  private final InFlight inFlight;

  SocketHttpSender(HttpSenderConfig config, InFlight inFlight) {
    this.config = config;
    this.inFlight = inFlight;
    this.endpoint = config.getEndpoint();
    this.contentType = config.getContentType();
    this.compressor = config.getCompressor();
    this.timeoutNanos = config.getTimeout().toNanos();
    this.connectTimeoutNanos = config.getConnectTimeout().toNanos();
    ProxyOptions proxy = config.getProxyOptions();
    this.proxySelector = proxy == null ? null : proxy.getProxySelector();
  }

  @Override
  public void send(MessageWriter writer, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
    int status;
    try {
      status = post(writer, System.nanoTime() + timeoutNanos);
    } catch (IOException | RuntimeException e) {
      onError.accept(e);
      return;
    }
    onResponse.accept(new Response(status));
  }

  private int post(MessageWriter writer, long deadline) throws IOException {
    boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
    String host = bareHost(endpoint.getHost());
    int port = endpoint.getPort() != -1 ? endpoint.getPort() : https ? 443 : 80;
    Proxy proxy = proxyFor();
    InetSocketAddress proxyAddress;
    if (proxy.type() == Proxy.Type.DIRECT) {
      proxyAddress = null;
    } else if (proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress) {
      proxyAddress = (InetSocketAddress) proxy.address();
    } else {
      // Going direct would bypass a proxy the host relies on (and may leak where it runs).
      throw new IOException("unsupported proxy type: " + proxy.type());
    }

    Socket socket = new DeadlineSocket(deadline);
    try {
      inFlight.register(socket);
      InetSocketAddress target = proxyAddress != null
          ? new InetSocketAddress(bareHost(proxyAddress.getHostString()), proxyAddress.getPort())
          : new InetSocketAddress(host, port);
      try {
        socket.connect(target, timeoutMillis(Math.min(deadline, System.nanoTime() + connectTimeoutNanos)));
      } catch (IOException e) {
        if (proxyAddress != null && proxySelector != null) {
          proxySelector.connectFailed(endpoint, proxyAddress, e);
        }
        throw e;
      }
      socket.setTcpNoDelay(true);
      Socket channel = socket;
      if (https) {
        if (proxyAddress != null) {
          tunnel(socket, host, port);
        }
        channel = tls(socket, host, port);
      }
      byte[] body = body(writer);
      String target2 = proxyAddress != null && !https ? endpoint.toString() : pathAndQuery();
      StringBuilder head = new StringBuilder(256)
          .append("POST ").append(target2).append(" HTTP/1.1\r\n")
          .append("Host: ").append(hostHeader(host, port, https)).append("\r\n")
          .append("Content-Type: ").append(contentType).append("\r\n");
      if (compressor != null) {
        head.append("Content-Encoding: ").append(compressor.getEncoding()).append("\r\n");
      }
      head.append("Content-Length: ").append(body.length).append("\r\n");
      Map<String, List<String>> headers = config.getHeadersSupplier().get();
      if (headers != null) {
        headers.forEach((k, values) -> values.forEach(v -> head.append(k).append(": ").append(v).append("\r\n")));
      }
      head.append("Connection: close\r\n\r\n");
      byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
      byte[] request = new byte[headBytes.length + body.length];
      System.arraycopy(headBytes, 0, request, 0, headBytes.length);
      System.arraycopy(body, 0, request, headBytes.length, body.length);
      OutputStream out = channel.getOutputStream();
      out.write(request); // one write: one segment for a small request
      out.flush();
      return finalStatus(channel);
    } finally {
      inFlight.unregister();
      socket.close();
    }
  }

  private Proxy proxyFor() {
    if (proxySelector == null) {
      return Proxy.NO_PROXY;
    }
    List<Proxy> proxies = proxySelector.select(endpoint);
    return proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
  }

  /** Opens a CONNECT tunnel through an HTTP proxy; anything but 2xx fails. */
  private static void tunnel(Socket socket, String host, int port) throws IOException {
    String authority = authority(host, port);
    OutputStream out = socket.getOutputStream();
    out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    int status = statusCode(readLine(socket));
    skipHeaders(socket);
    if (status / 100 != 2) {
      throw new IOException("proxy refused CONNECT: " + status);
    }
  }

  private SSLSocket tls(Socket socket, String host, int port) throws IOException {
    SSLContext context = config.getSslContext();
    if (context == null) {
      try {
        context = SSLContext.getDefault();
      } catch (NoSuchAlgorithmException e) {
        throw new IOException("no TLS", e);
      }
    }
    SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
    SSLParameters params = ssl.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
    List<String> protocols = config.getEnabledProtocols();
    if (protocols != null && !protocols.isEmpty()) {
      params.setProtocols(protocols.toArray(new String[0]));
    }
    ssl.setSSLParameters(params);
    ssl.startHandshake(); // bounded: its reads go through the DeadlineSocket underneath
    return ssl;
  }

  private byte[] body(MessageWriter writer) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.max(writer.getContentLength(), 64));
    if (compressor != null) {
      try (OutputStream compressed = compressor.compress(buffer)) {
        writer.writeMessage(compressed);
      }
    } else {
      writer.writeMessage(buffer);
    }
    return buffer.toByteArray();
  }

  /**
   * The status of the final answer: interim 1xx answers ({@code 100 Continue}, {@code 103 Early
   * Hints}) and their headers are skipped. {@code 101} is final: this sender never asks to switch.
   */
  private static int finalStatus(Socket socket) throws IOException {
    while (true) {
      int status = statusCode(readLine(socket));
      if (status / 100 != 1 || status == 101) {
        return status;
      }
      skipHeaders(socket);
    }
  }

  /** Skips header lines, up to the empty line that ends them. */
  private static void skipHeaders(Socket socket) throws IOException {
    while (!readLine(socket).isEmpty()) {
      // a header: not needed
    }
  }

  /** Reads one CRLF-terminated line (each read bounded by the {@link DeadlineSocket}). */
  private static String readLine(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before a complete answer");
      }
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      if (line.length() >= MAX_STATUS_LINE) {
        throw new IOException("answer line too long");
      }
      line.append((char) b);
    }
  }

  private static int statusCode(String statusLine) throws IOException {
    // "HTTP/1.1 200 OK"
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP answer");
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status: " + parts[1], e);
    }
  }

  /** The time left, for a socket timeout; fails once the deadline has passed (0 would mean forever). */
  private static int timeoutMillis(long deadline) throws SocketTimeoutException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("tbot-otel export deadline passed");
    }
    return (int) Math.min(left, Integer.MAX_VALUE);
  }

  private String pathAndQuery() {
    String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    return endpoint.getRawQuery() == null ? path : path + "?" + endpoint.getRawQuery();
  }

  private static String hostHeader(String host, int port, boolean https) {
    return port == (https ? 443 : 80) ? bracketed(host) : authority(host, port);
  }

  /** {@code host:port}, an IPv6 literal in brackets: {@code [2001:db8::1]:443}. */
  static String authority(String host, int port) {
    return bracketed(bareHost(host)) + ":" + port;
  }

  private static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** The host without the brackets {@link URI#getHost} keeps around an IPv6 literal. */
  static String bareHost(String host) {
    return host.length() > 1 && host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1)
        : host;
  }

  @Override
  public CompletableResultCode shutdown() {
    inFlight.abort(); // a send still under way stops
    return CompletableResultCode.ofSuccess();
  }

  /**
   * A plain socket whose every read, including those a TLS layer on top of it makes during the
   * handshake, waits at most what is left of the deadline: a socket timeout alone bounds each read,
   * not their sum, so a peer sending a byte now and then could otherwise hold the send for ever.
   */
  private static final class DeadlineSocket extends Socket {
    private final long deadline;

    DeadlineSocket(long deadline) {
      super(Proxy.NO_PROXY);
      this.deadline = deadline;
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          setSoTimeout(timeoutMillis(deadline));
          return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          setSoTimeout(timeoutMillis(deadline));
          return super.read(b, off, len);
        }
      };
    }
  }

  /** The answer: its status; the body is never read. */
  private static final class Response implements HttpResponse {
    private final int status;

    Response(int status) {
      this.status = status;
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    public String getStatusMessage() {
      return Integer.toString(status);
    }

    @Override
    public byte[] getResponseBody() {
      return new byte[0];
    }
  }
}
