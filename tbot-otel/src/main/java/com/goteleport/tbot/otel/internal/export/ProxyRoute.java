package com.goteleport.tbot.otel.internal.export;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * How a send would reach its endpoint, in words, for {@code preview}: directly, through a proxy, or
 * not at all because the proxy setting cannot be used. Chosen and judged by the send's own
 * {@link Connector} methods.
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public final class ProxyRoute {

  private ProxyRoute() {}

  /**
   * The words to append to "would send it to ENDPOINT": empty when it goes directly, {@code "
   * through the HTTP proxy host:port"}, or why it would not be sent at all. The proxy's credentials
   * are never shown, nor the host of a setting of one word longer than a short word ({@code
   * HTTPS_PROXY=TOKEN}, a secret pasted into the wrong variable): only its port.
   *
   * @param env the environment the send would read its proxy variables from
   */
  public static String describe(URI endpoint, Map<String, String> env) {
    requireNonNull(endpoint, "endpoint");
    requireNonNull(env, "env");
    Proxy proxy;
    try {
      proxy = Connector.proxyFor(endpoint, new EnvProxySelector(env, ProxySelector.getDefault()));
    } catch (RuntimeException e) { // a JVM-wide selector of the host's own
      return ", but choosing its proxy failed (" + e + "), so it would not be sent";
    }
    @Nullable String refused = Connector.refusal(proxy);
    if (refused != null) {
      return ", but its proxy setting cannot be used (" + refused + "), so it would not be sent";
    }
    if (proxy.type() == Proxy.Type.DIRECT) {
      return "";
    }
    InetSocketAddress address = (InetSocketAddress) proxy.address();
    if (proxy instanceof EnvProxySelector.HttpProxy && !((EnvProxySelector.HttpProxy) proxy).hostShown()) {
      return " through an HTTP proxy on port " + address.getPort() + " (its host not shown: a proxy setting of one"
          + " word, without http:// or a port, may be a secret)";
    }
    return " through the HTTP proxy " + Connector.authority(address.getHostString(), address.getPort());
  }
}
