package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointsTest {

  @Test
  void flagBeatsEnvironmentBeatsYaml() throws Exception {
    assertEquals("http://flag:1/v1/logs", Endpoints.resolve("http://flag:1/v1/logs", "http://env:2/x", "http://yaml:3/x").toString());
    assertEquals("http://env:2/x", Endpoints.resolve(null, "http://env:2/x", "http://yaml:3/x").toString());
    assertEquals("http://yaml:3/x", Endpoints.resolve(null, "", "http://yaml:3/x").toString());
    assertNull(Endpoints.resolve(null, null, null));
    // source names the one resolve takes, by the same precedence.
    assertEquals("--anonymous-analytics-endpoint", Endpoints.source("http://flag:1/v1/logs", "http://env:2/x", "y"));
    assertEquals("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", Endpoints.source(null, "http://env:2/x", "y"));
    assertEquals("anonymous_analytics_endpoint", Endpoints.source(null, "", "http://yaml:3/x"));
    assertNull(Endpoints.source(null, "", null));
  }

  @Test
  void usedAsGiven() throws Exception {
    assertEquals("https://c.example.com:4318/custom/path", Endpoints.parse("https://c.example.com:4318/custom/path", "f").toString());
  }

  @Test
  void aPathOutsideAsciiIsSentPercentEncodedAsGoSendsIt() throws Exception {
    assertEquals("http://127.0.0.1:4318/v1/%E6%97%A5%E5%BF%97",
        Endpoints.parse("http://127.0.0.1:4318/v1/\u65e5\u5fd7", "f").toString());
    assertEquals("https://c.example.com/v1/l%C3%B6gs", Endpoints.parse("https://c.example.com/v1/l\u00f6gs", "f").toString());
    // a right-to-left override cannot make the URL a preview prints read otherwise
    assertEquals("https://c.example.com/v1/%E2%80%AEsgol", Endpoints.parse("https://c.example.com/v1/\u202esgol", "f")
        .toString());
    assertEquals("/v1/%E2%80%AEsgol", Endpoints.parse("https://c.example.com/v1/\u202esgol", "f").getRawPath());
  }

  @Test
  void theSchemeIsLowerCasedForTheExporter() throws Exception {
    assertEquals("http://C.example.com:4318/v1/logs", Endpoints.parse("HTTP://C.example.com:4318/v1/logs", "f").toString());
  }

  @Test
  void aPathWithCharactersOutsideAsciiIsEscapedAgainAsGoSendsIt() throws Exception {
    // Go's EscapedPath keeps a path as written only if it needs no escaping; one outside ASCII it
    // unescapes and escapes anew, so %2f goes as '/', %41 as 'A', "(')*!" as %28 %27 %29 %2A %21.
    assertEquals("/a/b%28A%29%27/%C3%A9", Endpoints.parse("http://h/a%2fb(%41)'/\u00e9", "f").getRawPath());
    assertEquals("/%C3%A9%C3%A9%2A%21", Endpoints.parse("http://h/\u00e9%c3%a9*!", "f").getRawPath());
    assertEquals("http://h/a/b%28A%29%27/%C3%A9", Endpoints.parse("http://h/a%2fb(%41)'/\u00e9", "f").toString());
    // the ends of each range kept, the characters next to them escaped but for '/', ':' and '@'
    // (given as %40: a literal '@' in the path is refused, as credentials whose '/' ended the host)
    assertEquals("/zZ09-%C3%A9", Endpoints.parse("http://h/zZ09-\u00e9", "f").getRawPath());
    assertEquals("/a-z%5BA@Z%600:9%7B%C3%A9", Endpoints.parse("http://h/a-z%5BA%40Z%600:9%7B\u00e9", "f").getRawPath());
    // all ASCII: as written
    assertEquals("/a%2fb(%41)'/", Endpoints.parse("http://h/a%2fb(%41)'/", "f").getRawPath());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {" http://c.example.com/v1/logs", "http://c.example.com/v1/logs ", "\thttp://c.example.com/v1/logs",
      "http://c.example.com/v1/logs\n", " Https://c.example.com/v1/logs "})
  void spacesAroundTheUrlAreIgnored(String raw) throws Exception {
    // What the user meant, not Go's reading (a leading space refused, a trailing one sent as %20):
    // a value pasted or read from a file with its newline still reaches the collector it names.
    assertEquals("http" + (raw.contains("Https") ? "s" : "") + "://c.example.com/v1/logs", Endpoints.parse(raw, "f").toString());
  }

  @Test
  void theOriginNamedInTheNoticeIsSchemeHostAndPortOnly() throws Exception {
    // The notice and debug lines name the endpoint by its origin: a path may carry what a user
    // would not want in a CI log.
    assertEquals("https://c.example.com:4318",
        Endpoints.origin(Endpoints.parse("HTTPS://c.example.com:4318/tenant-7f3a/v1/logs", "f")));
    assertEquals("https://c.example.com", Endpoints.origin(Endpoints.parse("https://c.example.com/v1/logs", "f")));
    assertEquals("http://[::1]:4318", Endpoints.origin(Endpoints.parse("http://[::1]:4318/v1/logs", "f")));
  }

  @Test
  void everyPortFromOneTo65535IsAccepted() throws Exception {
    assertEquals(1, Endpoints.parse("http://c.example.com:1/v1/logs", "f").getPort());
    assertEquals(65535, Endpoints.parse("http://c.example.com:65535/v1/logs", "f").getPort());
    assertEquals(65535, Endpoints.parse("http://[::1]:65535/v1/logs", "f").getPort());
    assertThrows(ConfigException.class, () -> Endpoints.parse("http://c.example.com:65536/v1/logs", "f"));
    // Go takes leading zeros (its NO_PROXY compares the port as written: EnvProxySelectorTest)
    assertEquals(4318, Endpoints.parse("http://c.example.com:04318/v1/logs", "f").getPort());
  }

  @Test
  void anIpv4AddressWrittenAsGoReadsOneIsAccepted() throws Exception {
    for (String host : new String[] {"10.1.2.3", "0.0.0.0", "255.255.255.255", "127.0.0.1", "100.64.0.1"}) {
      assertEquals(host, Endpoints.parse("http://" + host + ":4318/v1/logs", "f").getHost());
    }
    for (String host : new String[] {"[::ffff:10.1.2.3]", "[::10.1.2.3]", "[::1]", "[2001:db8::1]"}) {
      assertEquals(host, Endpoints.parse("http://" + host + ":4318/v1/logs", "f").getHost());
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp://c.example.com/v1/logs | must start with http:// or https://",
        "c.example.com:4318 | must start with http:// or https://",
        "http://user:s3cret@c.example.com/v1/logs | must not contain user:password",
        "http:///v1/logs | has no host",
        "http://c.example.com/v1/logs?token=x | must not have a query",
        "http://c example.com/ | is not a valid URL",
        "http://otel_collector:4318/v1/logs | has no valid host name; a host name holds letters, digits, '-' and '.' (not '_')",
        "http://user:s3cret@otel_collector:4318/v1/logs | must not contain user:password",
        "http://c.example.com:99999/v1/logs | has a port that is not a number from 1 to 65535",
        "http://c.example.com:0/v1/logs | has a port that is not a number",
        "http://collector:abc/v1/logs | has a port that is not a number",
        "http://collector:4318x/v1/logs | has a port that is not a number",
        "http://collector:-1/v1/logs | has a port that is not a number",
        "http://collector:99999999999/v1/logs | has a port that is not a number",
        // a password with '/', '?' or '#' ends the authority early: its tail looks like a port
        "https://bot:s3cret/Zm9vYmFy@collector:4318/v1/logs | has a port that is not a number",
        "https://bot:s3cret?x@collector/v1/logs | has a port that is not a number",
        "https://bot:s3cret#x@collector/v1/logs | has a port that is not a number",
        // a user name with a '/' ends the authority early too: its start was taken for the host
        // (named by start's notice, looked up and sent the rest in the request line)
        "https://bots3cret/Zm9vYmFy@collector:4318/v1/logs | must not contain user:password (its path holds an '@'",
        "http://s3cret/Zm9v@127.0.0.1:4318/v1/logs | must not contain user:password",
        "http://otel_collector:/v1/logs | has no valid host name",
        "http://[::1]/v1/logs?x | must not have a query",
        // a lone surrogate, which YAML's "\uD800" gives: no UTF-8 for it (URI would throw)
        "'http://c.example.com/v1/\uD800' | is not a valid URL (it holds a character UTF-8 cannot encode)",
        "'http://c.example.com/v1/\uDC00x' | is not a valid URL",
        // an IPv6 zone would go into the Host header, and an interface's name can hold a MAC address
        "http://[::1%lo]:4318/v1/logs | has an IPv6 zone (%)",
        "http://[fe80::1%25wlx001a2b3c4d5e]:4318/v1/logs | has an IPv6 zone (%)",
        // numbers that are no IPv4 address as Go reads one: tbot's resolver refuses them or reads
        // 010 as octal (8), where InetAddress took 010 for 10, 10.1.2 for 10.1.0.2 and 123 for 0.0.0.123
        "http://010.1.2.3:4318/v1/logs | has a host of numbers that is no IPv4 address; write its four parts "
            + "without leading zeros",
        "http://10.1.2:4318/v1/logs | has a host of numbers that is no IPv4 address",
        "http://123:4318/v1/logs | has a host of numbers that is no IPv4 address",
        "http://10.1.2.256:4318/v1/logs | has a host of numbers that is no IPv4 address",
        // dots alone are no numbers (said so before): no host name
        "http://.:4318/v1/logs | has no valid host name",
        "http://..:4318/v1/logs | has no valid host name",
        // Go's url.Parse refuses an IPv6 literal whose IPv4 part has a leading zero (tbot sends
        // nothing), where InetAddress took ::ffff:010.1.2.3 for 10.1.2.3
        "http://[::ffff:010.1.2.3]:4318/v1/logs | has an IPv6 address whose IPv4 part is no IPv4 address; write its "
            + "four parts without leading zeros",
        "http://[::010.1.2.3]:4318/v1/logs | has an IPv6 address whose IPv4 part is no IPv4 address",
        // without brackets an IPv6 address's colons cannot be told from its port's
        "http://::1:4318/v1/logs | has an IPv6 address without brackets; write it in [ ], e.g. http://[::1]:4318/v1/logs.",
        "http://fe80::1/v1/logs | has an IPv6 address without brackets",
        "http://::ffff:1.2.3.4/v1/logs | has an IPv6 address without brackets",
        // a host name with two colons is no IPv6 address
        "http://collector:4318:99/v1/logs | has no valid host name",
        // nothing there (an unset template variable): said so, not "must start with http://"
        "'' | is empty; give a full URL such as",
        "'   ' | is blank; give a full URL such as",
        // what the JVM could not decode (a non-ASCII path in the C locale) would go to another path
        "http://127.0.0.1:4318/v1/l\uFFFD\uFFFDgs | holds U+FFFD, which stands for bytes not decoded (from a flag or",
      })
  void rejectsWithOneLineNamingTheField(String raw, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> Endpoints.parse(raw, "--anonymous-analytics-endpoint"));
    assertTrue(e.getMessage().startsWith("--anonymous-analytics-endpoint "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("Zm9v"), "never echoes credentials: " + e.getMessage());
  }
}
