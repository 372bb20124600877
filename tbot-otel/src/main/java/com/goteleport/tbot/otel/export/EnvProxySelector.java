package com.goteleport.tbot.otel.export;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Proxies as Go's {@code http.ProxyFromEnvironment} chooses them, so tbot-otel reaches the
 * collector the way the rest of tbot reaches Teleport: {@code HTTPS_PROXY}/{@code https_proxy} for
 * https, {@code HTTP_PROXY}/{@code http_proxy} for http, {@code NO_PROXY}/{@code no_proxy}
 * exclusions, and never a proxy for localhost or loopback addresses.
 */
final class EnvProxySelector extends ProxySelector {

  private final Map<String, String> env;
  @Nullable private final ProxySelector fallback;

  EnvProxySelector(Map<String, String> env, @Nullable ProxySelector fallback) {
    this.env = env;
    this.fallback = fallback;
  }

  @Override
  public List<Proxy> select(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String proxy =
        scheme.equals("https") ? first("HTTPS_PROXY", "https_proxy") : first("HTTP_PROXY", "http_proxy");
    if (proxy == null) {
      return fallback == null ? List.of(Proxy.NO_PROXY) : fallback.select(uri);
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    if (isLoopback(host) || excluded(host, port)) {
      return List.of(Proxy.NO_PROXY);
    }
    InetSocketAddress address = proxyAddress(proxy);
    return address == null ? List.of(Proxy.NO_PROXY) : List.of(new Proxy(Proxy.Type.HTTP, address));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    Diagnostics.debug("proxy " + sa + " failed: " + ioe.getMessage());
  }

  @Nullable
  private String first(String upper, String lower) {
    String v = env.get(upper);
    if (v == null || v.isEmpty()) {
      v = env.get(lower);
    }
    return v == null || v.isEmpty() ? null : v;
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.endsWith(".localhost")
        || host.startsWith("127.")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  /** NO_PROXY: {@code *}, host names (with or without a leading dot, matching subdomains), IPs, optional {@code :port}. */
  private boolean excluded(String host, int port) {
    String noProxy = first("NO_PROXY", "no_proxy");
    if (noProxy == null) {
      return false;
    }
    for (String raw : noProxy.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("*")) {
        return true;
      }
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && entry.indexOf(':') == colon) {
        if (!entry.substring(colon + 1).equals(Integer.toString(port))) {
          continue;
        }
        entry = entry.substring(0, colon);
      }
      String domain = entry.startsWith(".") ? entry.substring(1) : entry;
      if (host.equals(domain) || host.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }

  @Nullable
  private static InetSocketAddress proxyAddress(String proxy) {
    try {
      URI uri = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
      if (uri.getHost() == null) {
        Diagnostics.debug("ignoring proxy setting without a host");
        return null;
      }
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      // Unresolved: the proxy's name is looked up when connecting, on the exporter's thread.
      return InetSocketAddress.createUnresolved(uri.getHost(), port);
    } catch (IllegalArgumentException e) {
      Diagnostics.debug("ignoring malformed proxy setting");
      return null;
    }
  }
}
