package com.goteleport.tbot.otel.internal.export;

import java.io.IOException;
import com.goteleport.tbot.otel.internal.net.GoIp;
import com.goteleport.tbot.otel.internal.text.ShownWords;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Proxies as Go's {@code http.ProxyFromEnvironment} chooses them, so tbot-otel reaches the
 * collector the way the rest of tbot reaches Teleport: {@code HTTPS_PROXY}/{@code https_proxy} for
 * https, {@code HTTP_PROXY}/{@code http_proxy} for http, {@code NO_PROXY}/{@code no_proxy}
 * exclusions read as Go's {@code golang.org/x/net/http/httpproxy} reads them, and never a proxy for
 * {@code localhost} or a loopback IP. Proxies are HTTP proxies, with the Basic credentials of their
 * URL; any other setting is an {@link UnusableProxy}, never a reason to go direct. As in Go, a
 * process run as CGI ({@code REQUEST_METHOD} set) refuses {@code HTTP_PROXY}, which a request's
 * {@code Proxy:} header sets there ("httpoxy").
 */
final class EnvProxySelector extends ProxySelector {

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  // host[:port] after any user info: a name java.net.URI refuses as a host (squid_proxy), as Go's
  // url.Parse takes it.
  private static final Pattern NAME_AUTHORITY = Pattern.compile("(?:(.*)@)?([A-Za-z0-9_.-]+)(?::([0-9]*))?");

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
    String requestMethod = env.get("REQUEST_METHOD");
    if (!scheme.equals("https") && requestMethod != null && !requestMethod.isEmpty()) {
      return List.of(
          new UnusableProxy("HTTP_PROXY (or http_proxy) is not used under CGI (REQUEST_METHOD is set), as in Go"));
    }
    String rawHost = uri.getHost() == null ? "" : Connector.bareHost(uri.getHost());
    String host = rawHost.toLowerCase(Locale.ROOT);
    InetAddress ip = ipLiteral(host);
    if (isLoopback(rawHost, ip) || excluded(host, portAsWritten(uri, scheme), ip)) {
      return List.of(Proxy.NO_PROXY);
    }
    return List.of(parse(proxy));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    Proxy proxy = Connector.proxyFor(uri, this);
    Diagnostics.debug("proxy " + named(uri, proxy) + " failed: " + withoutHiddenHost(proxy, ioe.getMessage()));
  }

  /**
   * What {@link Connector} says of the proxy for {@code uri} whose name did not resolve, with
   * {@code message}, its look-up's.
   */
  String unresolved(URI uri, @Nullable String message) {
    Proxy proxy = Connector.proxyFor(uri, this);
    return named(uri, proxy) + " does not resolve (" + withoutHiddenHost(proxy, message) + ")";
  }

  /**
   * The proxy chosen for {@code uri} as a failure's line names it: its host and port, and the
   * setting it came from; as preview, only the port of a setting of one word that may be a secret
   * (a token pasted into HTTPS_PROXY). Asked only once the proxy has failed.
   */
  String named(URI uri, Proxy proxy) {
    if (!(proxy.address() instanceof InetSocketAddress)) {
      return String.valueOf(proxy);
    }
    InetSocketAddress address = (InetSocketAddress) proxy.address();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String upper = scheme.equals("https") ? "HTTPS_PROXY" : "HTTP_PROXY";
    String lower = upper.toLowerCase(Locale.ROOT);
    String setting = !(proxy instanceof HttpProxy) ? "the JVM's proxy settings"
        : env.get(upper) != null && !env.get(upper).isEmpty() ? upper : lower;
    return proxy instanceof HttpProxy && !((HttpProxy) proxy).hostShown()
        ? "on port " + address.getPort() + " (" + setting
            + "; its host not shown: a setting of one word may be a secret)"
        : Connector.authority(address.getHostString(), address.getPort()) + " (" + setting + ")";
  }

  /** {@code message} without the host of {@code proxy}, where {@link #named} does not show it. */
  private static String withoutHiddenHost(Proxy proxy, @Nullable String message) {
    if (message == null || !(proxy instanceof HttpProxy) || ((HttpProxy) proxy).hostShown()) {
      return String.valueOf(message);
    }
    return message.replace(((InetSocketAddress) proxy.address()).getHostString(), "(its host)");
  }

  @Nullable
  private String first(String upper, String lower) {
    String v = env.get(upper);
    if (v == null || v.isEmpty()) {
      v = env.get(lower);
    }
    return v == null || v.isEmpty() ? null : v;
  }

  // The endpoint's port as written (04318 stays 04318: Go compares NO_PROXY's ports as strings), or
  // the scheme's.
  private static String portAsWritten(URI uri, String scheme) {
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    int colon = authority.lastIndexOf(':');
    if (colon < 0 || colon < authority.lastIndexOf(']') || colon == authority.length() - 1) {
      return scheme.equals("https") ? "443" : "80";
    }
    return authority.substring(colon + 1);
  }

  // As Go: "localhost" as written (not LOCALHOST, not a.localhost, which a resolver may send
  // anywhere), or a loopback IP literal.
  private static boolean isLoopback(String host, @Nullable InetAddress ip) {
    return host.equals("localhost") || (ip != null && ip.isLoopbackAddress());
  }

  /**
   * NO_PROXY as Go reads it: comma-separated, case-insensitive entries; {@code *} alone matches
   * everything; an IP ({@code 10.1.2.3}, {@code ::1}, {@code [::1]:443}, but not {@code [::1]}, which
   * Go reads as a name) matches that IP; a CIDR
   * range ({@code 10.0.0.0/8}, {@code ::1/128}) matches IPs in it; {@code example.com} matches the
   * name and its subdomains, never an IP; {@code .example.com} and {@code *.example.com} match
   * subdomains only. A {@code :port} limits an IP or name entry to that port, compared as written
   * ({@code 0443} is not {@code 443}).
   */
  private boolean excluded(String host, String port, @Nullable InetAddress ip) {
    String noProxy = first("NO_PROXY", "no_proxy");
    if (noProxy == null) {
      return false;
    }
    for (String raw : noProxy.split(",")) {
      String entry = lowerAsGo(trimAsGo(raw));
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("*")) {
        return true;
      }
      int slash = entry.indexOf('/');
      if (slash >= 0) {
        if (ip != null && inCidr(ip, entry.substring(0, slash), entry.substring(slash + 1))) {
          return true;
        }
        continue;
      }
      String entryHost = entry;
      String entryPort = "";
      int close = entry.indexOf(']');
      if (entry.startsWith("[") && close > 0) {
        if (entry.lastIndexOf(':') != close + 1) {
          // Go reads "[ip]" without its ":port", or with more after it, as a name, which no host
          // matches: it is no reason to go direct.
          continue;
        }
        entryHost = entry.substring(1, close);
        String rest = entry.substring(close + 1);
        entryPort = rest.startsWith(":") ? rest.substring(1) : "";
      } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
        int colon = entry.indexOf(':');
        entryHost = entry.substring(0, colon);
        entryPort = entry.substring(colon + 1);
      }
      if (entryHost.isEmpty() || !(entryPort.isEmpty() || entryPort.equals(port))) {
        continue;
      }
      InetAddress entryIp = ipLiteral(entryHost);
      if (entryIp != null) {
        if (entryIp.equals(ip)) {
          return true;
        }
        continue;
      }
      if (ip != null) {
        continue; // a name entry never matches an IP, however it ends
      }
      String dotted = entryHost.startsWith("*.") ? entryHost.substring(1) : entryHost;
      boolean matchApex = !dotted.startsWith(".");
      String suffix = asciiName(matchApex ? "." + dotted : dotted);
      if (suffix != null && (host.endsWith(suffix) || (matchApex && host.equals(suffix.substring(1))))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A name entry (its leading dots kept) as Go's idna.Lookup.ToASCII converts it, bücher.example to
   * xn--bcher-kva.example; or {@code null}, which matches no host (hosts are ASCII), where Go
   * leaves it outside ASCII or java.net.IDN (IDNA 2003) might convert it otherwise than Go (IDNA
   * 2008, UTS 46). Never a match Go would not make: that would skip the proxy.
   */
  @Nullable
  static String asciiName(String name) {
    int i = 0;
    while (i < name.length() && name.charAt(i) == '.') {
      i++;
    }
    String labels = name.substring(i);
    boolean ascii = true;
    for (int k = 0; k < labels.length(); k++) {
      char c = labels.charAt(k);
      ascii &= c < 0x80;
      if (!convertsAsInGo(c)) {
        return null;
      }
    }
    if (ascii) {
      return name;
    }
    String converted;
    try {
      converted = IDN.toASCII(labels, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      return null;
    }
    for (String label : IDN.toUnicode(converted).split("\\.", -1)) {
      byte[] b = label.getBytes(StandardCharsets.UTF_8); // Go refuses "--" in bytes 3 and 4
      if (b.length > 4 && b[2] == '-' && b[3] == '-') {
        return null;
      }
    }
    return name.substring(0, i) + converted.toLowerCase(Locale.ROOT);
  }

  /**
   * Where IDNA 2003 and Go agree: ASCII, the letters of scripts without joiners, bidi or combining
   * marks (ß and ς aside, which Go keeps), fullwidth digits, the ideographic full stops, and the
   * soft hyphen and zero-width space a pasted name may hold. Anything
   * else (a surrogate too) makes the entry match nothing.
   */
  private static boolean convertsAsInGo(char c) {
    if (c < 0x80 || c == '\u3002' || c == '\uff0e' || c == '\uff61' || (c >= '\uff10' && c <= '\uff19')
        || c == '\u00ad' || c == '\u200b') { // soft hyphen and zero-width space, which both drop
      return true;
    }
    if (c == '\u00df' || c == '\u03c2' || !Character.isLetter(c)) {
      return false;
    }
    switch (Character.UnicodeScript.of(c)) {
      case LATIN:
      case GREEK:
      case CYRILLIC:
      case HAN:
      case HIRAGANA:
      case KATAKANA:
      case HANGUL:
        return true;
      default:
        return false;
    }
  }

  /**
   * As Go's strings.ToLower: each character by itself (Character.toLowerCase, Unicode's simple
   * mapping), where String.toLowerCase makes İ two characters and a final Σ ς.
   */
  private static String lowerAsGo(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      b.appendCodePoint(Character.toLowerCase(c));
      i += Character.charCount(c);
    }
    return b.toString();
  }

  /**
   * As Go's strings.TrimSpace: ASCII's space, tab, LF, VT, FF and CR, NEL and Unicode's other white
   * space (a no-break space pasted with a list), but none of the control characters trim() also cuts.
   */
  private static String trimAsGo(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isGoSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isGoSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  // Unicode's White_Space, all in the BMP: \t to \r, NEL, and the space, line and paragraph
  // separators.
  private static boolean isGoSpace(char c) {
    return (c >= '\t' && c <= '\r') || c == '\u0085' || Character.isSpaceChar(c);
  }

  /**
   * As Go's net.ParseCIDR and IPNet.Contains: the range's address is masked as 16 bytes; a network
   * that is then IPv4-mapped (an IPv4 range, or ::ffff:a.b.c.d/96 and longer) holds IPv4 addresses
   * only (::ffff:10.0.0.0/104 is 10.0.0.0/8), any other network IPv6 addresses only.
   */
  private static boolean inCidr(InetAddress ip, String network, String bits) {
    // As Go's net.ParseCIDR: no brackets around the address, a prefix of ASCII digits only.
    if (network.startsWith("[") || !DIGITS.matcher(bits).matches()) {
      return false;
    }
    InetAddress base = ipLiteral(network);
    int prefix;
    try {
      prefix = Integer.parseInt(bits);
    } catch (NumberFormatException e) {
      return false;
    }
    // Written with a ':', an address is IPv6 for the prefix's range, even one Java reads as IPv4.
    boolean writtenAsIpv6 = network.indexOf(':') >= 0;
    if (base == null || prefix > (writtenAsIpv6 ? 128 : 32)) {
      return false;
    }
    int prefix128 = writtenAsIpv6 ? prefix : prefix + 96;
    byte[] net = new byte[16];
    byte[] b = base.getAddress();
    if (b.length == 4) {
      net[10] = (byte) 0xff;
      net[11] = (byte) 0xff;
    }
    System.arraycopy(b, 0, net, 16 - b.length, b.length);
    for (int i = 0; i < 16; i++) {
      int keep = Math.max(0, Math.min(8, prefix128 - 8 * i));
      net[i] &= (byte) (0xff00 >>> keep);
    }
    boolean ipv4Network = true;
    for (int i = 0; i < 12; i++) {
      ipv4Network &= net[i] == (i < 10 ? 0 : (byte) 0xff);
    }
    byte[] a = ip.getAddress();
    if (ipv4Network != (a.length == 4)) {
      return false;
    }
    int offset = 16 - a.length;
    for (int i = 0; i < prefix128 - 8 * offset; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((a[i / 8] & mask) != (net[offset + i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** The address an IP literal names, or {@code null} for anything else; never looks a name up. */
  @Nullable
  static InetAddress ipLiteral(String host) {
    String h = Connector.bareHost(host).toLowerCase(Locale.ROOT);
    if (!GoIp.isIpv4(h) && !GoIp.isIpv6(h)) {
      return null; // a name: InetAddress would resolve it
    }
    try {
      return InetAddress.getByName(h); // a literal: parsed, not resolved
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The proxy a setting names, as Go reads it: a URL without a scheme is {@code http://}. Only HTTP
   * proxies are spoken to; a setting that cannot be used (malformed, no host, an {@code @} after the
   * host, a user name or password outside ASCII, or a {@code socks5://} or {@code https://} proxy)
   * gives an {@link UnusableProxy}, so the
   * send fails rather than go around a proxy the host relies on.
   */
  static Proxy parse(String proxy) {
    String url = proxy.contains("://") ? proxy : "http://" + proxy;
    int start = url.indexOf("://") + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int at = url.lastIndexOf('@', end - 1);
    if (at >= start) {
      String userInfo = url.substring(start, at);
      for (int i = 0; i < userInfo.length(); i++) {
        if (userInfo.charAt(i) >= 0x80) {
          // Go's url.Parse refuses it, and its retry reads a proxy named "http" out of it.
          return new UnusableProxy("malformed proxy setting: characters outside ASCII in its user name or password;"
              + " percent-encode them");
        }
      }
      // As Go's url.Parse: the authority's last '@' ends the user info (p@ss is a password).
      url = url.substring(0, start) + userInfo.replace("@", "%40") + url.substring(at);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return new UnusableProxy("malformed proxy setting");
    }
    if (uri.getScheme() == null) {
      return new UnusableProxy("malformed proxy setting"); // "?://host": a "://" but no scheme
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      return new UnusableProxy(scheme + ":// proxies are not supported; give an http:// proxy");
    }
    String host = uri.getHost();
    int port = uri.getPort();
    String userInfo = uri.getRawUserInfo();
    // One word (no scheme, user info or port, "squid" or a token pasted into the wrong variable):
    // its host is named where shown (preview) only as a short word or an IP address (ProxyRoute).
    boolean oneWord = !proxy.contains("://") && proxy.indexOf('@') < 0 && proxy.indexOf(':') < 0;
    if (host == null && uri.getRawAuthority() != null) {
      Matcher name = NAME_AUTHORITY.matcher(uri.getRawAuthority());
      if (name.matches() && name.group(2).indexOf('_') >= 0) {
        userInfo = name.group(1);
        host = name.group(2);
        port = name.group(3) == null || name.group(3).isEmpty() ? -1 : parsePort(name.group(3));
      }
    }
    if (host == null) {
      return new UnusableProxy("proxy setting without a host");
    }
    if (afterAuthority(uri).contains("@")) {
      // A password's unencoded '/', '?' or '#' ended the authority early: the "host" and "port"
      // are the user name and the password's start (Go reads them so too). Never looked up,
      // connected to or shown.
      return new UnusableProxy(
          "malformed proxy setting: an '@' after its host; percent-encode the user name and password");
    }
    port = port != -1 ? port : 80;
    if (port < 1 || port > 65535) {
      return new UnusableProxy("proxy port out of range; give 1 to 65535"); // URI takes any digits
    }
    String bare = Connector.bareHost(host);
    int zone = bare.indexOf('%');
    if (zone >= 0) {
      // An IPv6 zone, which a URL writes %25eth0 (Go refuses a bare '%' there).
      if (!bare.startsWith("%25", zone) || bare.length() == zone + 3) {
        return new UnusableProxy("malformed proxy setting: write an IPv6 zone as %25 and its name");
      }
      bare = bare.substring(0, zone) + "%" + decode(bare.substring(zone + 3));
    }
    String ipv6 = zone >= 0 ? bare.substring(0, zone) : bare;
    if (ipv6.indexOf(':') >= 0 && ipLiteral(ipv6) == null) {
      // ::ffff:010.0.0.1: Go's url.Parse refuses it (and reads a proxy named "http"), InetAddress dials 10.0.0.1.
      return new UnusableProxy("malformed proxy setting: an IPv6 address Go cannot read; write one as [2001:db8::1]");
    }
    if (GoIp.isNumbersButNoIpv4(bare)) {
      // 010.0.0.1, 123: Go's resolver refuses it, glibc's reads 010 as octal, InetAddress as 10.
      return new UnusableProxy(
          "malformed proxy setting: a host of numbers that is no IPv4 address; write one as 10.0.0.1");
    }
    // Unresolved: the proxy's name is looked up when connecting, on the exporter's thread.
    InetSocketAddress address = InetSocketAddress.createUnresolved(bare, port);
    return new HttpProxy(address, basicAuthorization(userInfo), oneWord);
  }

  private static int parsePort(String digits) {
    return digits.length() > 5 ? 0 : Integer.parseInt(digits);
  }

  private static String afterAuthority(URI uri) {
    return (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
        + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
  }

  /** {@code Basic base64(user:password)} from a URL's user info, as Go's transport sends it. */
  @Nullable
  private static String basicAuthorization(@Nullable String rawUserInfo) {
    if (rawUserInfo == null) {
      return null;
    }
    int colon = rawUserInfo.indexOf(':');
    String user = decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(rawUserInfo.substring(colon + 1));
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * An HTTP proxy, with the credentials its URL holds, if any. ({@link Proxy#equals} is final and
   * compares type and address only; nothing here compares proxies.)
   */
  static final class HttpProxy extends Proxy {
    @Nullable private final String authorization;
    private final boolean oneWord;

    HttpProxy(InetSocketAddress address, @Nullable String authorization, boolean oneWord) {
      super(Proxy.Type.HTTP, address);
      this.authorization = authorization;
      this.oneWord = oneWord;
    }

    /**
     * Whether its host may be named (ProxyRoute): not for a setting of one word (no scheme, user
     * info or port) longer than a short word (ShownWords) and no IP address, which may be a secret
     * pasted into the wrong variable. Asked by preview only: the send never loads ShownWords.
     */
    boolean hostShown() {
      String host = ((InetSocketAddress) address()).getHostString();
      return !oneWord || ShownWords.shortWord(host) || ipLiteral(host) != null;
    }

    /** The {@code Proxy-Authorization} header's value, or {@code null}. Never logged. */
    @Nullable
    String authorization() {
      return authorization;
    }
  }

  /** A proxy setting that cannot be used: the connection fails with its reason, never goes direct. */
  static final class UnusableProxy extends Proxy {
    private final String reason;

    UnusableProxy(String reason) {
      super(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("unusable-proxy.invalid", 1));
      this.reason = reason;
    }

    String reason() {
      return reason;
    }

    @Override
    public String toString() {
      return "unusable proxy setting: " + reason;
    }
  }
}
