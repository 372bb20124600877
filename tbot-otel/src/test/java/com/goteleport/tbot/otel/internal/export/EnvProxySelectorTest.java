package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.goteleport.tbot.otel.internal.env.VariableNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NO_PROXY as Go's {@code golang.org/x/net/http/httpproxy} reads it (which tbot uses), case by case.
 * Pure: no name is ever looked up, so {@code .invalid} hosts are fine.
 */
class EnvProxySelectorTest {

  static final String PROXY = "http://proxy.example.invalid:3128";

  /** Whether {@code url} goes through the proxy with {@code NO_PROXY=noProxy}. */
  static boolean proxied(String noProxy, String url) {
    List<Proxy> proxies = new EnvProxySelector(Map.of("HTTPS_PROXY", PROXY, "HTTP_PROXY", PROXY,
        "NO_PROXY", noProxy), null).select(URI.create(url));
    assertEquals(1, proxies.size());
    if (proxies.get(0).type() == Proxy.Type.DIRECT) {
      return false;
    }
    InetSocketAddress a = (InetSocketAddress) proxies.get(0).address();
    assertEquals("proxy.example.invalid", a.getHostString());
    assertEquals(3128, a.getPort());
    return true;
  }

  @ParameterizedTest(name = "NO_PROXY={0} {1} proxied={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a name: the name itself and its subdomains, not names that merely end the same
        "example.com | https://example.com/v1/logs | false",
        "example.com | https://a.b.example.com/v1/logs | false",
        "example.com | https://badexample.com/v1/logs | true",
        "EXAMPLE.com | https://Example.COM/v1/logs | false",
        // a leading dot: subdomains only, not the apex
        ".example.com | https://a.example.com/v1/logs | false",
        ".example.com | https://example.com/v1/logs | true",
        // a leading *. reads as a leading dot
        "*.example.com | https://a.example.com/v1/logs | false",
        "*.example.com | https://example.com/v1/logs | true",
        // * alone: everything; * elsewhere is no wildcard
        "* | https://anything.example/v1/logs | false",
        "*example.com | https://a.example.com/v1/logs | true",
        // a port limits the entry
        "example.com:443 | https://example.com/v1/logs | false",
        "example.com:443 | http://example.com/v1/logs | true",
        "example.com:4318 | http://a.example.com:4318/v1/logs | false",
        // ports are compared as written, as Go compares them
        "example.com:0443 | https://example.com/v1/logs | true",
        "example.com:443 | https://example.com:0443/v1/logs | true",
        "example.com:0443 | https://example.com:0443/v1/logs | false",
        "example.com:443 | https://example.com:443/v1/logs | false",
        "example.com:443 | https://example.com:/v1/logs | false",
        "10.1.2.3:0443 | https://10.1.2.3/v1/logs | true",
        "[2001:db8::1]:443 | https://[2001:db8::1]/v1/logs | false",
        // IPs match IPs, exactly
        "10.1.2.3 | https://10.1.2.3/v1/logs | false",
        "10.1.2.3 | https://10.1.2.4/v1/logs | true",
        "10.1.2.3:443 | https://10.1.2.3/v1/logs | false",
        "10.1.2.3:80 | https://10.1.2.3/v1/logs | true",
        "::ffff:010.1.2.3 | https://10.1.2.3/v1/logs | true",
        "::ffff:010.0.0.0/104 | https://10.1.2.3/v1/logs | true",
        "2001:db8::1 | https://[2001:db8::1]/v1/logs | false",
        "[2001:db8::1]:443 | https://[2001:db8::1]/v1/logs | false",
        "[2001:db8::1]:80 | https://[2001:db8::1]/v1/logs | true",
        "2001:db8::2 | https://[2001:db8::1]/v1/logs | true",
        // a name entry never matches an IP, even one whose text ends the same
        "2.3 | https://10.1.2.3:4318/v1/logs | true",
        ".2.3 | https://10.1.2.3/v1/logs | true",
        "1.2.3 | https://10.1.2.3/v1/logs | true",
        "[2001:db8::1]: | https://[2001:db8::1]/v1/logs | false",
        // brackets without a port, or around a range, make no IP entry for Go: a name no host has
        "[2001:db8::1] | https://[2001:db8::1]/v1/logs | true",
        "[2001:db8::1]x | https://[2001:db8::1]/v1/logs | true",
        "[2001:db8::]/32 | https://[2001:db8::5]/v1/logs | true",
        // CIDR ranges match IPs inside them, never names
        "10.0.0.0/8 | https://10.200.3.4/v1/logs | false",
        "10.0.0.0/8 | https://11.0.0.1/v1/logs | true",
        "192.168.1.0/24 | https://192.168.1.77/v1/logs | false",
        "192.168.1.0/24 | https://192.168.2.77/v1/logs | true",
        "2001:db8::/32 | https://[2001:db8:1::5]/v1/logs | false",
        "::1/128 | https://[2001:db8::1]/v1/logs | true",
        "10.0.0.0/8 | https://ten.example.com/v1/logs | true",
        // the ends of the prefix range, as Go's net.ParseCIDR takes them: /0 is every address of
        // its family, /32 and /128 one address; a prefix Go refuses is no range at all
        "0.0.0.0/0 | https://203.0.113.9/v1/logs | false",
        "0.0.0.0/0 | https://[2001:db8::1]/v1/logs | true",
        "::/0 | https://[2001:db8::1]/v1/logs | false",
        "10.1.2.3/32 | https://10.1.2.3/v1/logs | false",
        "10.1.2.3/32 | https://10.1.2.2/v1/logs | true",
        "2001:db8::1/128 | https://[2001:db8::1]/v1/logs | false",
        "10.1.2.3/33 | https://10.1.2.3/v1/logs | true",
        "10.1.2.3/-1 | https://10.1.2.3/v1/logs | true",
        "10.0.0.0/+8 | https://10.1.2.3/v1/logs | true",
        // lists: spaces and empty entries are ignored
        "' foo.com, ,example.com ' | https://a.example.com/v1/logs | false",
        "foo.com,bar.com | https://example.com/v1/logs | true",
      })
  void noProxyFollowsGo(String noProxy, String url, boolean proxied) {
    assertEquals(proxied, proxied(noProxy, url));
  }

  /**
   * Entries are trimmed as Go's strings.TrimSpace trims: ASCII space, tab, CR, LF, VT, FF and
   * Unicode's white space (NEL, no-break space, em space, ...), but no other control character.
   * (Found by the differential check against Go: Java's trim() cut {@code \u0001} and kept
   * {@code \u00a0}.)
   */
  @Test
  void entriesAreTrimmedAsGoTrimsThem() {
    String url = "https://collector.example.com/v1/logs";
    assertEquals(false, proxied("\u00a0example.com\u00a0", url), "no-break space");
    assertEquals(false, proxied("\u2003example.com", url), "em space");
    assertEquals(false, proxied("\u0085example.com,\u3000foo.com", url), "NEL");
    assertEquals(false, proxied("\u000bexample.com\u000c", url), "VT, FF");
    assertEquals(true, proxied("\u0001example.com", url), "a control character is no space for Go");
    assertEquals(true, proxied("example.com\u001f", url), "a control character is no space for Go");
  }

  /**
   * A range written as an IPv4-mapped IPv6 address, as Go's net.ParseCIDR and IPNet.Contains read
   * it: from /96 on it is the IPv4 range of its last 32 bits (so ::ffff:10.0.0.0/104 is 10.0.0.0/8
   * and ::ffff:0.0.0.0/96 every IPv4 address); below /96 it is an IPv6 range that no IPv4 address
   * (mapped or not) is in. (Found by the differential check against Go.)
   */
  @ParameterizedTest(name = "NO_PROXY={0} {1} proxied={2}")
  @CsvSource(delimiter = '|', value = {
    "::ffff:10.0.0.0/104 | https://10.1.2.3/v1/logs | false",
    "::ffff:10.0.0.0/104 | https://[::ffff:10.1.2.3]/v1/logs | false",
    "::ffff:10.0.0.0/104 | https://11.1.2.3/v1/logs | true",
    "::FFFF:a00:0/104 | https://10.1.2.3/v1/logs | false",
    "::ffff:0.0.0.0/96 | https://203.0.113.9/v1/logs | false",
    "::ffff:0.0.0.0/96 | https://[2001:db8::1]/v1/logs | true",
    "::ffff:10.1.2.3/128 | https://10.1.2.3/v1/logs | false",
    "::ffff:10.1.2.3/128 | https://10.1.2.4/v1/logs | true",
    "::ffff:0.0.0.0/80 | https://[::]/v1/logs | false",
    "::ffff:0.0.0.0/80 | https://[::10.1.2.3]/v1/logs | false",
    "::ffff:0.0.0.0/80 | https://10.1.2.3/v1/logs | true",
    "::ffff:10.0.0.0/95 | https://10.1.2.3/v1/logs | true",
    "::ffff:10.0.0.0/129 | https://10.1.2.3/v1/logs | true",
    "10.0.0.0/8 | https://[::ffff:10.1.2.3]/v1/logs | false",
    "0.0.0.0/0 | https://[::ffff:10.1.2.3]/v1/logs | false",
    "::/0 | https://10.1.2.3/v1/logs | true",
    "::/0 | https://[::ffff:10.1.2.3]/v1/logs | true",
  })
  void aRangeWrittenAsAnIpv4MappedAddressIsReadAsGoReadsIt(String noProxy, String url, boolean proxied) {
    assertEquals(proxied, proxied(noProxy, url));
  }

  /**
   * A name written outside ASCII matches the host its IDNA form names, as Go converts it (its
   * idna.Lookup): bücher.example is xn--bcher-kva.example. One Go cannot convert matches nothing.
   * Where java.net.IDN (IDNA 2003) could convert otherwise than Go (ß and ς, which Go keeps; İ,
   * which Go lower-cases to i; combining marks, bidi, symbols) the entry matches nothing here,
   * rather than skip the proxy for a host tbot proxies: the proxy is used where Go might not.
   * (Found by the differential check against Go.)
   */
  @ParameterizedTest(name = "NO_PROXY={0} {1} proxied={2}")
  @CsvSource(delimiter = '|', value = {
    "bücher.example | https://xn--bcher-kva.example/v1/logs | false",
    "BÜCHER.example | https://a.xn--bcher-kva.example/v1/logs | false",
    ".bücher.example | https://xn--bcher-kva.example/v1/logs | true",
    "*.bücher.example:4318 | https://a.xn--bcher-kva.example:4318/v1/logs | false",
    "bücher.example:443 | https://xn--bcher-kva.example:4318/v1/logs | true",
    "ｅｘａｍｐｌｅ.com | https://example.com/v1/logs | false",
    "example。com | https://a.example.com/v1/logs | false",
    "МОСКВА.example | https://xn--80adxhks.example/v1/logs | false",
    "bücher.example | https://bucher.example/v1/logs | true",
    "bü_cher.example | https://xn--bcher-kva.example/v1/logs | true",
    // IDNA 2003 would give these forms, and Go none of them (it refuses the first two)
    "\u0661\u2603.com | https://xn--9hb013n.com/v1/logs | true",
    "\u0301a.example | https://xn--a-wbb.example/v1/logs | true",
    "straße.example | https://strasse.example/v1/logs | true",
    "\u0130.example | https://xn--i-9bb.example/v1/logs | true",
    // lower-cased one character at a time, as Go's strings.ToLower: İ is i, a final Σ is σ
    "\u0130.example | https://i.example/v1/logs | false",
    "ΑΣ | https://a.xn--mxa0b/v1/logs | false",
    "exam\u00adple.com | https://example.com/v1/logs | false",
    "example.com\u200b | https://a.example.com/v1/logs | false",
    // Go's form, which tbot-otel leaves to the proxy
    "straße.example | https://xn--strae-oqa.example/v1/logs | true",
  })
  void aNameOutsideAsciiMatchesItsIdnaFormAsInGo(String noProxy, String url, boolean proxied) {
    assertEquals(proxied, proxied(noProxy, url));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "http://localhost:4318/v1/logs", "http://127.0.0.1/v1/logs", "http://127.9.8.7/v1/logs",
    "http://[::1]:4318/v1/logs", "http://[::ffff:127.0.0.1]/v1/logs"
  })
  void loopbackIsNeverProxied(String url) {
    assertEquals(false, proxied("", url));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"https://127.example.com/v1/logs", "https://localhost.example.com/v1/logs",
    // Go skips the proxy for "localhost" as written only: a resolver may send a.localhost anywhere
    "https://a.localhost/v1/logs", "https://LOCALHOST/v1/logs", "http://Localhost:4318/v1/logs"})
  void namesThatOnlyLookLoopbackAreProxied(String url) {
    assertEquals(true, proxied("", url));
  }

  /**
   * Both spellings set, to different values (a CI image's https_proxy under the user's
   * HTTPS_PROXY): the upper-case one wins, for the proxy and for NO_PROXY, as Go's getEnvAny reads
   * them; the lower-case one counts only where the upper-case one is unset or empty.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "https | HTTPS_PROXY | https_proxy", "http | HTTP_PROXY | http_proxy"})
  void theUpperCaseVariableWinsOverTheLowerCaseOne(String scheme, String upper, String lower) {
    URI collector = URI.create(scheme + "://collector.example.invalid/v1/logs");
    String via = "http://upper.example.invalid:3128";
    String other = "http://lower.example.invalid:3128";
    assertEquals("upper.example.invalid", proxyHost(Map.of(upper, via, lower, other), collector));
    assertEquals("lower.example.invalid", proxyHost(Map.of(upper, "", lower, other), collector));
    assertEquals(null, proxyHost(Map.of(upper, via, "NO_PROXY", "example.invalid", "no_proxy", "other.invalid"),
        collector), "NO_PROXY excludes it; no_proxy is not read");
    assertEquals("upper.example.invalid", proxyHost(
        Map.of(upper, via, "NO_PROXY", "other.invalid", "no_proxy", "example.invalid"), collector));
  }

  /** The host of the proxy chosen for {@code uri}, or {@code null} for direct. */
  private static String proxyHost(Map<String, String> env, URI uri) {
    Proxy p = new EnvProxySelector(env, null).select(uri).get(0);
    return p.type() == Proxy.Type.DIRECT ? null : ((InetSocketAddress) p.address()).getHostString();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"example.com", "10.1.2", "1.2.3.4.5", "256.1.1.1", "010.0.0.1", "host:80", "a.b",
      // what Go's netip.ParseAddr refuses and InetAddress takes: an IPv4 part with a leading zero,
      // a group of more than four digits
      "::ffff:010.1.2.3", "::ffff:01.2.3.4", "::ffff:00.1.2.3", "::1.02.3.4", "00000::1", "::00001"})
  void onlyIpLiteralsAreParsedAsIps(String host) {
    assertNull(EnvProxySelector.ipLiteral(host), "a name is never resolved");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"::FFFF:127.0.0.1", "[2001:DB8::1]", "FE80::1", "10.1.2.3"})
  void ipLiteralsInEitherCaseAreIps(String host) {
    assertNotNull(EnvProxySelector.ipLiteral(host));
  }

  @Test
  void readsOnlyTheVariablesABuilderKeepsForIt() {
    // AnonymousAnalytics keeps only VariableNames.PROXY of a host's environment for the selector: a
    // name read here but not kept there would be dropped without a word (red with REQUEST_METHOD
    // taken off the list).
    Set<Object> asked = new TreeSet<>();
    Map<String, String> env = new HashMap<>() {
      @Override
      public String get(Object key) {
        asked.add(key);
        return super.get(key);
      }

      @Override
      public String getOrDefault(Object key, String otherwise) {
        asked.add(key);
        return super.getOrDefault(key, otherwise);
      }

      @Override
      public boolean containsKey(Object key) {
        asked.add(key);
        return super.containsKey(key);
      }
    };
    EnvProxySelector selector = new EnvProxySelector(env, null);
    for (Map<String, String> vars : List.of(Map.<String, String>of(), Map.of("https_proxy", PROXY, "http_proxy", PROXY,
        "no_proxy", "other.example"), Map.of("HTTPS_PROXY", PROXY, "HTTP_PROXY", PROXY, "NO_PROXY", "other.example",
        "REQUEST_METHOD", "GET"))) {
      env.clear();
      env.putAll(vars);
      for (String url : List.of("https://c.example/v1/logs", "http://c.example:4318/v1/logs", "http://127.0.0.1/")) {
        selector.select(URI.create(url));
        selector.connectFailed(URI.create(url), new InetSocketAddress("proxy.example.invalid", 3128),
            new IOException("refused"));
      }
    }
    assertEquals(new TreeSet<>(VariableNames.PROXY), asked);
  }
}
