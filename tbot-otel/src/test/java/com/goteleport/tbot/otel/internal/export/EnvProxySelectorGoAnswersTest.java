package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.goteleport.tbot.otel.config.Endpoints;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EnvProxySelector against Go's own answers: go-httpproxy-answers.jsonl, what
 * golang.org/x/net/http/httpproxy v0.56.0 chooses as tbot calls it, for ~150 NO_PROXY entries
 * against ~45 endpoints, ~100 proxy settings (with and without CGI) and 200 random combinations of
 * all seven variables. Written by src/test/go/httpproxy-answers (docs/testing.md says how to
 * regenerate it); this test needs no Go. Every disagreement fails it but the deliberate ones,
 * which are listed here, each in the one direction allowed: tbot-otel refuses (sends nothing) or
 * uses the proxy, never goes direct where tbot would not.
 */
class EnvProxySelectorGoAnswersTest {

  /**
   * Proxy settings Go's Transport can use and tbot-otel refuses: a host outside ASCII (Go converts
   * it to its IDNA form), escapes in an IPv6 zone, a password with an unencoded '/' before an '@'
   * (Go dials the name after the first '@' with the rest as credentials; tbot-otel never connects
   * to a fragment of a password: ProxyTest), and a path holding "://" in a setting without a scheme.
   */
  private static final Set<String> REFUSED_THOUGH_GO_USES_IT = Set.of(
      "http://bücher.example:3128", "http://[fe80::1%25en%301]:3128", "http://user:p@ss/x@proxy:3128",
      "proxy:3128/x://y");

  /**
   * NO_PROXY entries Go matches and tbot-otel does not (so it uses the proxy): ß, which Go keeps in
   * its IDNA form and java.net.IDN maps to "ss" (EnvProxySelectorTest).
   */
  private static final Map<String, String> PROXIED_THOUGH_GO_GOES_DIRECT =
      Map.of("straße.example", "https://xn--strae-oqa.example/v1/logs");

  private static final List<JsonObject> LINES = new ArrayList<>();

  @BeforeAll
  static void read() throws Exception {
    try (InputStream in = EnvProxySelectorGoAnswersTest.class.getResourceAsStream("go-httpproxy-answers.jsonl")) {
      assertNotNull(in, "go-httpproxy-answers.jsonl");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        LINES.add(JsonParser.parseString(line).getAsJsonObject());
      }
    }
  }

  @Test
  void noProxyEntriesAsGoMatchesThem() {
    List<String> targets = new ArrayList<>();
    LINES.get(0).getAsJsonArray("targets").forEach(t -> targets.add(t.getAsString()));
    String via = "http://proxy.example.invalid:3128";
    int checked = 0;
    List<String> wrong = new ArrayList<>();
    for (JsonObject line : LINES) {
      if (!line.has("no_proxy")) {
        continue;
      }
      String entry = line.get("no_proxy").getAsString();
      String proxied = line.get("proxied").getAsString();
      for (int i = 0; i < targets.size(); i++) {
        Proxy p = choose(Map.of("HTTPS_PROXY", via, "HTTP_PROXY", via, "NO_PROXY", entry), targets.get(i));
        boolean goProxies = proxied.charAt(i) == 'P';
        boolean javaProxies = p.type() != Proxy.Type.DIRECT;
        boolean allowed = !goProxies && targets.get(i).equals(PROXIED_THOUGH_GO_GOES_DIRECT.get(entry));
        if (goProxies != javaProxies && !allowed) {
          wrong.add("NO_PROXY=" + quote(entry) + " " + targets.get(i) + ": Go " + (goProxies ? "proxies" : "direct"));
        }
        checked++;
      }
    }
    assertTrue(checked > 5000, "cases: " + checked);
    assertEquals(List.of(), wrong);
  }

  @Test
  void proxySettingsAsGoReadsThem() {
    int checked = 0;
    List<String> wrong = new ArrayList<>();
    for (JsonObject line : LINES) {
      if (!line.has("proxy")) {
        continue;
      }
      String setting = line.get("proxy").getAsString();
      Map<String, String> env = Map.of("HTTPS_PROXY", setting, "HTTP_PROXY", setting);
      check(wrong, setting, setting, line.getAsJsonObject("https"),
          choose(env, "https://anonymous-analytics.teleport.sh/v1/logs"));
      check(wrong, setting, setting, line.getAsJsonObject("http"), choose(env, "http://collector.example.com:4318/v1/logs"));
      check(wrong, setting + " (CGI)", setting, line.getAsJsonObject("http_cgi"),
          choose(Map.of("HTTP_PROXY", setting, "REQUEST_METHOD", "GET"), "http://collector.example.com:4318/v1/logs"));
      checked += 3;
    }
    assertTrue(checked > 250, "cases: " + checked);
    assertEquals(List.of(), wrong);
  }

  @Test
  void randomCombinationsAsGoChooses() {
    int checked = 0;
    List<String> wrong = new ArrayList<>();
    for (JsonObject line : LINES) {
      if (!line.has("env")) {
        continue;
      }
      Map<String, String> env = new HashMap<>();
      for (Map.Entry<String, JsonElement> e : line.getAsJsonObject("env").entrySet()) {
        env.put(e.getKey(), e.getValue().getAsString());
      }
      String url = line.get("url").getAsString();
      JsonObject go = line.getAsJsonObject("go");
      Proxy p = choose(env, url);
      String noProxy = first(env, "NO_PROXY").toLowerCase(Locale.ROOT);
      boolean allowed = go.get("kind").getAsString().equals("direct") && p.type() != Proxy.Type.DIRECT
          && PROXIED_THOUGH_GO_GOES_DIRECT.entrySet().stream()
              .anyMatch(d -> noProxy.contains(d.getKey()) && url.equals(d.getValue()));
      if (!allowed) {
        String setting = first(env, url.startsWith("https:") ? "HTTPS_PROXY" : "HTTP_PROXY");
        check(wrong, env + " " + url, setting, go, p);
      }
      checked++;
    }
    assertEquals(200, checked);
    assertEquals(List.of(), wrong);
  }

  /**
   * Adds {@code what} to {@code wrong} where tbot-otel's {@code java} is neither Go's {@code go} nor
   * a deliberate refusal of the proxy {@code setting}.
   */
  private static void check(List<String> wrong, String what, String setting, JsonObject go, Proxy java) {
    String kind = go.get("kind").getAsString();
    boolean direct = java.type() == Proxy.Type.DIRECT;
    boolean refused = java instanceof EnvProxySelector.UnusableProxy;
    boolean ok;
    switch (kind) {
      case "direct":
        ok = direct;
        break;
      case "ignored": // Go could not parse the setting and goes direct; tbot-otel refuses it
        ok = direct || refused;
        break;
      case "error": // CGI: Go refuses HTTP_PROXY, and so does tbot-otel
        ok = refused;
        break;
      case "proxy":
        if (!go.has("usable") || REFUSED_THOUGH_GO_USES_IT.contains(setting)) {
          // An https:// or socks5:// proxy (Go speaks them, tbot-otel does not), or one Go's
          // Transport cannot reach either; or a deliberate refusal.
          ok = refused;
        } else {
          ok = java instanceof EnvProxySelector.HttpProxy && sameProxy(go, (EnvProxySelector.HttpProxy) java);
        }
        break;
      default:
        throw new AssertionError(kind);
    }
    if (!ok) {
      wrong.add(quote(what) + ": Go " + go + ", tbot-otel " + (refused ? java.toString() : java + " "
          + (java instanceof EnvProxySelector.HttpProxy ? ((EnvProxySelector.HttpProxy) java).authorization() : "")));
    }
  }

  private static boolean sameProxy(JsonObject go, EnvProxySelector.HttpProxy java) {
    InetSocketAddress a = (InetSocketAddress) java.address();
    String auth = go.has("auth") ? go.get("auth").getAsString() : null;
    return a.getHostString().equalsIgnoreCase(go.get("host").getAsString())
        && String.valueOf(a.getPort()).equals(String.valueOf(Integer.parseInt(go.get("port").getAsString())))
        && (auth == null ? java.authorization() == null : auth.equals(java.authorization()));
  }

  /** The proxy tbot-otel chooses, from these variables only (no JVM-wide fallback). */
  private static Proxy choose(Map<String, String> env, String url) {
    try {
      return new EnvProxySelector(env, null).select(Endpoints.parse(url, "url")).get(0);
    } catch (Exception e) {
      return fail(url, e);
    }
  }

  private static String first(Map<String, String> env, String name) {
    String v = env.getOrDefault(name, "");
    return v.isEmpty() ? env.getOrDefault(name.toLowerCase(Locale.ROOT), "") : v;
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return b.toString();
  }
}
