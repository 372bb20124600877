package com.goteleport.tbot.otel.internal.export;

import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import javax.annotation.Nullable;
import javax.net.ssl.SSLException;

/**
 * What a failed send's debug line adds, with a leading "; ", when its cause points at a likely
 * mistake and its fix: the scheme, the path or the trust store of a self-hoster's endpoint. Several
 * mistakes otherwise read alike (a wrong path and a wrong port both end in a 404). Never quotes the
 * peer's bytes; never throws.
 */
final class FailureHints {

  // How deep a chain of causes is read: the JDK's TLS failures are two or three deep.
  static final int MAX_CAUSES = 8;

  private FailureHints() {}

  /**
   * The hint for a connection that failed, or "". The runtime's own ({@link
   * RuntimeModules#connectionHint}) is the connection line's.
   */
  static String connection(@Nullable Throwable failure) {
    if (failure instanceof SSLException
        && String.valueOf(failure.getMessage()).startsWith("Unsupported or unrecognized SSL message")) {
      return "; the server does not speak TLS: for a plain HTTP listener, the endpoint starts with http://";
    }
    // A bounded walk: a chain of causes can be a loop (initCause refuses only the exception itself).
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
      if (t instanceof CertPathBuilderException) {
        return "; no CA this JVM trusts signed the collector's certificate: for a private CA, import it into a"
            + " trust store and run java with -Djavax.net.ssl.trustStore=FILE"
            + " (and -Djavax.net.ssl.trustStorePassword=... for a PKCS12 one)";
      }
      String message = String.valueOf(t.getMessage());
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
   * The hint for an answer that failed the send, or "": {@code plainAnswerOfTls}, the answer an
   * https listener written in Go gives a plain HTTP request.
   */
  static String answer(int status, boolean plainAnswerOfTls, URI endpoint) {
    // The path itself is never quoted: it may hold a secret (a proxy's token), as preview says.
    CollectorPath path = CollectorPath.of(endpoint);
    if (status == 404) {
      switch (path) {
        case NONE:
          return "; the endpoint has no path: an OpenTelemetry Collector takes logs at /v1/logs";
        case LOGS:
          return "; nothing takes OTLP logs at this port's /v1/logs: is it the collector's OTLP/HTTP port (4318 by"
              + " default)?";
        case PREFIXED_LOGS:
          return "; nothing takes OTLP logs at this path: check where the proxy in front routes it";
        default:
          return "; the endpoint's path does not end in /v1/logs, where an OpenTelemetry Collector takes logs";
      }
    }
    if (status / 100 == 3 && path == CollectorPath.UNCLEAN) {
      return "; the endpoint's path has an empty, . or .. segment, which the collector redirects to the cleaned"
          + " path: give it without them";
    }
    if (status == 400 && plainAnswerOfTls) {
      return "; an https listener's answer to plain HTTP: the endpoint starts with https://";
    }
    return "";
  }
}
