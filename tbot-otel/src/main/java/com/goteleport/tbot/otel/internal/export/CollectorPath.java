package com.goteleport.tbot.otel.internal.export;

import java.net.URI;
import java.util.Locale;

/**
 * What an endpoint's path is to an OpenTelemetry Collector's OTLP/HTTP receiver, read as Go's HTTP
 * server matches it: decoded ({@code /v1/%6Cogs} is {@code /v1/logs}) but for an escaped {@code /},
 * which stays inside its segment ({@code /v1%2Flogs}). The one reading behind {@code preview}'s
 * warning and a failed send's hint, which name the likely mistake without quoting the path (it may
 * hold a proxy's token).
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public enum CollectorPath {
  /** Empty or {@code /}: the endpoint as given posts to {@code /}. */
  NONE,
  /** An empty, {@code .} or {@code ..} segment: Go's server redirects (307) to the cleaned path. */
  UNCLEAN,
  /** Exactly {@code /v1/logs}, where a collector takes OTLP logs. */
  LOGS,
  /** {@code /v1/logs} after a prefix, which a reverse proxy in front may route to a collector. */
  PREFIXED_LOGS,
  /** Any other path, which a collector answers 404. */
  OTHER;

  /** The kind of {@code endpoint}'s path. */
  public static CollectorPath of(URI endpoint) {
    String raw = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
    String path = raw.toUpperCase(Locale.ROOT).contains("%2F") ? raw : endpoint.getPath();
    if (path.isEmpty() || path.equals("/")) {
      return NONE;
    }
    String[] segments = path.split("/", -1);
    for (int i = 1; i < segments.length; i++) {
      String segment = segments[i];
      // A trailing '/' (an empty last segment) is kept by Go's cleaning.
      if (segment.equals(".") || segment.equals("..") || segment.isEmpty() && i < segments.length - 1) {
        return UNCLEAN;
      }
    }
    return path.equals("/v1/logs") ? LOGS : path.endsWith("/v1/logs") ? PREFIXED_LOGS : OTHER;
  }
}
