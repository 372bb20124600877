package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.internal.export.Connector.Connection;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import javax.annotation.Nullable;

/**
 * The OTLP exporter's HTTP sender for the one {@code tbot.start} POST: HTTP/1.1 on a plain socket,
 * synchronously on the caller's (daemon) thread, over the connection {@link EarlyConnection}
 * opened meanwhile. Compared with the JDK {@code HttpClient} sender it starts no selector or
 * executor thread (on JDK 17 those delay JVM exit by about 0.3 s), loads far fewer classes, and
 * sends only the headers OTLP needs.
 *
 * <p>Every step (DNS aside, which Java cannot bound) runs against one deadline: see {@link
 * Connector} for the proxy, TCP and TLS. Redirects are never followed (a 3xx is a failure); up to
 * five interim 1xx answers are skipped, with at most 16 KiB of headers each ({@link HttpLines}), so
 * a peer that never stops sending them fails the send at once; only the status line of the final
 * answer is read, so a huge or endless body costs nothing. A status line Go's client would refuse
 * ({@link HttpLines#statusCode}) is a failure too.
 *
 * <p>A failure is reported to the exporter only once the exporter is shut down ({@link #shutdown}),
 * after the send has ended: the SDK then logs it at FINE, below every default level, instead of
 * WARNING or SEVERE with a stack trace. A record logged at those levels reaches whatever hooks
 * {@code Logger.log} before tbot-otel's filter can drop it: the OpenTelemetry Java agent, for one,
 * exports it to the host's own log pipeline.
 */
final class SocketHttpSender implements HttpSender {

  private final String contentType;
  @Nullable private final Compressor compressor;
  private final long timeoutNanos;
  private final HttpSenderConfig config;
  private final EarlyConnection connection;
  // Set by send on a failure, run by shutdown; both on the send's thread.
  @Nullable private Runnable failure;

  SocketHttpSender(HttpSenderConfig config, EarlyConnection connection) {
    this.config = config;
    this.connection = connection;
    this.contentType = config.getContentType();
    this.compressor = config.getCompressor();
    this.timeoutNanos = config.getTimeout().toNanos();
  }

  @Override
  public void send(MessageWriter writer, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
    Response response;
    try {
      response = post(writer, System.nanoTime() + timeoutNanos);
    } catch (IOException | RuntimeException e) {
      failure = () -> onError.accept(e);
      return;
    }
    int status = response.getStatusCode();
    if (status >= 200 && status < 300) {
      onResponse.accept(response);
    } else {
      failure = () -> onResponse.accept(response);
    }
  }

  private Response post(MessageWriter writer, long deadline) throws IOException {
    byte[] body = body(writer);
    Connection c = connection.take(deadline);
    try {
      StringBuilder head = new StringBuilder(256)
          .append("POST ").append(c.requestTarget).append(" HTTP/1.1\r\n")
          .append("Host: ").append(c.hostHeader).append("\r\n")
          .append("Content-Type: ").append(contentType).append("\r\n");
      head.append("Content-Encoding: ").append(compressor != null ? compressor.getEncoding() : "gzip").append("\r\n");
      head.append("Content-Length: ").append(body.length).append("\r\n");
      if (c.proxyAuthorization != null) {
        head.append("Proxy-Authorization: ").append(c.proxyAuthorization).append("\r\n");
      }
      Map<String, List<String>> headers = config.getHeadersSupplier().get();
      if (headers != null) {
        headers.forEach((k, values) -> values.forEach(v -> head.append(k).append(": ").append(v).append("\r\n")));
      }
      head.append("Connection: close\r\n\r\n");
      byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
      byte[] request = new byte[headBytes.length + body.length];
      System.arraycopy(headBytes, 0, request, 0, headBytes.length);
      System.arraycopy(body, 0, request, headBytes.length, body.length);
      OutputStream out = c.channel.getOutputStream();
      out.write(request); // one write: one segment for a small request
      out.flush();
      c.written();
      String statusLine = HttpLines.finalStatusLine(c.channel);
      c.answered();
      return new Response(HttpLines.statusCode(statusLine),
          c.channel == c.socket && statusLine.equals("HTTP/1.0 400 Bad Request") && noHeaders(c),
          c.throughProxy);
    } finally {
      c.close();
    }
  }

  /**
   * Whether the answer has no header lines, as Go's https listener answers a plain HTTP request
   * (HTTP/1.0 400, an empty line, a sentence, closed); other servers' HTTP/1.0 answers have headers.
   * Reads one line more, within the deadline; a failure to read it is no.
   */
  private static boolean noHeaders(Connection c) {
    try {
      return HttpLines.readLine(c.channel).isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private byte[] body(MessageWriter writer) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.max(writer.getContentLength(), 64));
    // gzip unless the exporter was given a compressor: ~25 % fewer bytes (314 -> 233 for a typical
    // event), and every OTLP receiver takes it. As the SDK's own GzipCompressor does it.
    try (OutputStream compressed = compressor != null ? compressor.compress(buffer) : new GZIPOutputStream(buffer)) {
      writer.writeMessage(compressed);
    }
    return buffer.toByteArray();
  }

  @Override
  public CompletableResultCode shutdown() {
    connection.abandon(); // a connection never used is closed
    Runnable report = failure;
    failure = null;
    if (report != null) {
      report.run(); // the exporter is shut down by now: see the class comment
    }
    return CompletableResultCode.ofSuccess();
  }

  /** The answer: its status; the body is never read. */
  static final class Response implements HttpResponse {
    private final int status;
    private final boolean plainAnswerOfTls;
    private final boolean throughProxy;

    Response(int status, boolean plainAnswerOfTls, boolean throughProxy) {
      this.status = status;
      this.plainAnswerOfTls = plainAnswerOfTls;
      this.throughProxy = throughProxy;
    }

    /** Whether it came through a plain-HTTP proxy, which may have answered in the collector's place. */
    boolean throughProxy() {
      return throughProxy;
    }

    /** Whether this is what an https listener written in Go answers a plain HTTP request. */
    boolean plainAnswerOfTls() {
      return plainAnswerOfTls;
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
