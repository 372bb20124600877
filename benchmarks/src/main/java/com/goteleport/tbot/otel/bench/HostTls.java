package com.goteleport.tbot.otel.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The host's own TLS, telemetry aside: tbot joins its Teleport cluster over TLS at start-up, so
 * JSSE, the trust store and the handshake code are already paid for by the host when telemetry
 * sends over TLS. Stood in for by one HTTPS request with the default {@link SSLContext}.
 */
final class HostTls {

  private HostTls() {}

  /** Sends one GET to {@code url} ({@code https://HOST:PORT/PATH}) and reads the answer to its end. */
  static void join(URI url) throws IOException, NoSuchAlgorithmException {
    SSLContext context = SSLContext.getDefault();
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(url.getHost(), url.getPort())) {
      SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS"); // a real client checks the host name too
      socket.setSSLParameters(params);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      if (!answer.startsWith("HTTP/1.1 200 ")) {
        throw new IOException("the host's TLS server answered: " + answer);
      }
    }
  }
}
