package com.goteleport.tbot.otel.internal.export;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * How a send would reach its endpoint, in words, for {@code preview}: directly, through a proxy, or
 * not at all because the proxy setting cannot be used. Chosen exactly as the send chooses it.
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public final class ProxyRoute {

  private ProxyRoute() {}

  /**
   * The words to append to "would send it to ENDPOINT": empty when it goes directly, {@code "
   * through the HTTP proxy host:port"}, or why it would not be sent at all. The proxy's credentials
   * are never shown.
   *
   * @param env the environment the send would read its proxy variables from
   */
  public static String describe(URI endpoint, Map<String, String> env) {
    requireNonNull(endpoint, "endpoint");
    requireNonNull(env, "env");
    Proxy proxy;
    try {
      List<Proxy> proxies = new EnvProxySelector(env, ProxySelector.getDefault()).select(endpoint);
      proxy = proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
    } catch (RuntimeException e) { // a JVM-wide selector of the host's own
      return ", but choosing its proxy failed (" + e + "), so it would not be sent";
    }
    if (proxy instanceof EnvProxySelector.UnusableProxy) {
      return ", but its proxy setting cannot be used (" + ((EnvProxySelector.UnusableProxy) proxy).reason()
          + "), so it would not be sent";
    }
    if (proxy.type() == Proxy.Type.DIRECT) {
      return "";
    }
    if (proxy.type() != Proxy.Type.HTTP || !(proxy.address() instanceof InetSocketAddress)) {
      // What Connector refuses: only HTTP proxies are spoken to.
      return ", but its proxy (" + proxy.type() + ") cannot be used, so it would not be sent";
    }
    InetSocketAddress address = (InetSocketAddress) proxy.address();
    String host = address.getHostString();
    return " through the HTTP proxy " + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
