package com.goteleport.tbot.otel.internal.export;

import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import javax.annotation.Nullable;
import javax.net.ssl.SSLException;

/**
 * What a failed send's debug line adds, with a leading "; ", when its cause points at a likely
 * mistake and its fix: the scheme, the path, the port or the trust store of a self-hoster's
 * endpoint, or what a status means to a send that never retries. Several mistakes otherwise read
 * alike (a wrong path and a wrong port both end in a 404). Never quotes the peer's bytes; never
 * throws.
 */
final class FailureHints {

  // How deep a chain of causes is read: the JDK's TLS failures are two or three deep.
  static final int MAX_CAUSES = 8;

  // OTLP/gRPC's port by default: an OTLP/HTTP request there fails in ways that read like others.
  private static final int OTLP_GRPC_PORT = 4317;
  private static final String GRPC_PORT =
      "4317 is OTLP/gRPC's port: a collector takes OTLP/HTTP, which tbot-otel sends, on 4318 by default";

  private FailureHints() {}

  /**
   * The hint for a connection that failed, or "". The runtime's own ({@link
   * RuntimeModules#connectionHint}) is the connection line's.
   */
  static String connection(@Nullable Throwable failure, URI endpoint) {
    if (failure instanceof UnknownHostException) {
      // The port says nothing here: no connection was made.
      return String.valueOf(failure.getMessage()).startsWith(Connector.PROXY_HOST)
          ? "; the proxy's host name does not resolve here: check HTTPS_PROXY or HTTP_PROXY (or NO_PROXY, for an"
              + " endpoint reached without it)"
          : "; the host name does not resolve here: check its spelling and this host's DNS (a host reached only"
              + " through a proxy needs HTTPS_PROXY or HTTP_PROXY)";
    }
    if (failure != null && String.valueOf(failure.getMessage()).startsWith(Connector.PROXY_HOST)) {
      return ""; // the proxy refused or failed the tunnel: its line says so, whatever the port
    }
    return withGrpcPort(endpoint, specific(failure));
  }

  private static String specific(@Nullable Throwable failure) {
    if (failure != null && String.valueOf(failure.getMessage()).startsWith(Connector.TRUST_STORE_UNUSABLE)) {
      return "; javax.net.ssl.trustStore must name a JKS or PKCS12 file, as keytool writes (a PEM certificate is"
          + " none: import it with keytool -importcert), and -Djavax.net.ssl.trustStorePassword=... its password";
    }
    if (failure instanceof SSLException
        && String.valueOf(failure.getMessage()).startsWith("Unsupported or unrecognized SSL message")) {
      return "; the server does not speak TLS: for a plain HTTP listener, the endpoint starts with http://";
    }
    // A bounded walk: a chain of causes can be a loop (initCause refuses only the exception itself).
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
      if (t instanceof CertPathBuilderException) {
        return trustStoreUnreadable()
            ? "; javax.net.ssl.trustStore names no file this JVM can read, so it used the JDK's own CAs: check that"
                + " path"
            : "; no CA this JVM trusts signed the collector's certificate: for a private CA, import it into a"
                + " trust store and run java with -Djavax.net.ssl.trustStore=FILE"
                + " (and -Djavax.net.ssl.trustStorePassword=... for a PKCS12 one)";
      }
      String message = String.valueOf(t.getMessage());
      if (t instanceof InvalidAlgorithmParameterException && message.startsWith("the trustAnchors parameter")) {
        // The JDK's words for a trust store it read no certificate from: most often a keytool PKCS12
        // one, whose certificates are encrypted, given without its password.
        return "; the trust store gave this JVM no certificate: a PKCS12 one (as keytool writes) is read only with"
            + " -Djavax.net.ssl.trustStorePassword=...";
      }
      if (t instanceof CertificateException
          && (message.startsWith("No subject alternative") || message.startsWith("No name matching"))) {
        // the JDK's host name check: "No subject alternative names matching IP address ...",
        // "No name matching ... found"
        return "; the collector's certificate does not name the endpoint's host";
      }
    }
    return "";
  }

  /**
   * Whether {@code javax.net.ssl.trustStore} names a file that is not there to read: the JDK then
   * falls back to its own {@code cacerts} without a word, so the usual advice (set that property)
   * would be wrong. Read now, as the send's trust manager was ({@link Connector}).
   */
  private static boolean trustStoreUnreadable() {
    try {
      String name = System.getProperty("javax.net.ssl.trustStore");
      if (name == null || name.isEmpty() || name.equals("NONE")) {
        return false; // NONE: a PKCS11 store, no file
      }
      Path file = Path.of(name);
      return !(Files.isRegularFile(file) && Files.isReadable(file));
    } catch (RuntimeException e) {
      return false; // a name that is no path here: the hint stays the general one
    }
  }

  /**
   * {@code hint}, and after it, on OTLP/gRPC's port, that port's: a guess from the number, so it
   * never replaces a hint the failure itself gives.
   */
  private static String withGrpcPort(URI endpoint, String hint) {
    if (endpoint.getPort() != OTLP_GRPC_PORT) {
      return hint;
    }
    return hint.isEmpty() ? "; " + GRPC_PORT : hint + "; and " + GRPC_PORT;
  }

  /**
   * The hint for an answer that failed the send, or "": {@code plainAnswerOfTls}, the answer an
   * https listener written in Go gives a plain HTTP request.
   */
  static String answer(int status, boolean plainAnswerOfTls, URI endpoint) {
    if (status == 407) {
      return ""; // the proxy's, whatever the port: its credentials, in HTTP_PROXY's URL
    }
    return withGrpcPort(endpoint, statusHint(status, plainAnswerOfTls, endpoint));
  }

  private static String statusHint(int status, boolean plainAnswerOfTls, URI endpoint) {
    // The path itself is never quoted: it may hold a secret (a proxy's token), as preview says.
    CollectorPath path = CollectorPath.of(endpoint);
    if (status == 404) {
      switch (path) {
        case NONE:
          return "; the endpoint has no path (or only /): an OpenTelemetry Collector takes logs at /v1/logs";
        case UNCLEAN:
          return "; the endpoint's path has an empty, . or .. segment: give it without them";
        case LOGS:
          return "; nothing takes OTLP logs at this port's /v1/logs: is it the collector's OTLP/HTTP port (4318 by"
              + " default)?";
        case PREFIXED_LOGS:
          return "; nothing takes OTLP logs at this path: check where the proxy in front routes it";
        default:
          return "; the endpoint's path does not end in /v1/logs, where an OpenTelemetry Collector takes logs";
      }
    }
    if (status / 100 == 3) {
      // Only the status line is read: the line cannot show where the redirect points.
      return path == CollectorPath.UNCLEAN
          ? "; the endpoint's path has an empty, . or .. segment, which the collector redirects to the cleaned"
              + " path: give it without them"
          : "; the send follows no redirect: give the URL it points to as the endpoint (curl -sI on the endpoint"
              + " shows its Location; https:// where an ingress redirects http:// there)";
    }
    if (status == 400 && plainAnswerOfTls) {
      return "; an https listener's answer to plain HTTP: the endpoint starts with https://";
    }
    switch (status) {
      case 401:
        return "; it wants credentials, which tbot-otel never sends to a collector: let the endpoint take the"
            + " event without them";
      case 403:
        return "; refused: credentials, an address allow-list or a proxy's access rules";
      case 405:
        return "; the path takes no POST: is it an OTLP/HTTP receiver's /v1/logs?";
      case 413:
        return "; the request is under 1 KiB: a limit in front of the collector is set below that";
      case 415:
        return "; no OTLP protobuf is taken there: is it an OTLP/HTTP receiver?";
      case 429:
        return "; rate-limited: the send does not retry, so this start is not counted";
      case 503:
        return "; unavailable: the collector is busy, or a proxy or load balancer in front of it has no collector"
            + " behind it; the send does not retry, so this start is not counted";
      default:
        return status >= 500
            ? "; a server error: the collector's log, or that of a proxy in front of it, says why (the send does not"
                + " retry)"
            : "";
    }
  }
}
