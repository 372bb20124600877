package com.goteleport.tbot.otel.config;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.internal.net.GoIp;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The join method a joining URI ({@code tbot+proxy+METHOD://TOKEN[:PARAMETER]@ADDRESS}, or {@code
 * tbot+auth+...} for an Auth Service address) names, as tbot reads it. The method comes from the
 * scheme; the rest is only checked as Go's url.Parse checks it (the token and parameter, a secret,
 * are never kept).
 */
final class JoinUri {

  // The URL-safe names a joining URI gives the join methods spelled with '_' (a scheme takes no
  // '_'; tbot's joinuri.MapURLSafeJoinMethod); the other methods are named as they are. tbot's list
  // grew (oracle in 18.2.1, env0 in 18.4.0, generic_oidc later): an older tbot refuses a URI naming
  // a newer method, and starts nothing.
  static final Map<String, String> URL_SAFE_METHODS = Map.of(
      "bound-keypair", "bound_keypair", "boundkeypair", "bound_keypair",
      "azure-devops", "azure_devops", "azuredevops", "azure_devops",
      "terraform-cloud", "terraform_cloud", "terraformcloud", "terraform_cloud",
      "generic-oidc", "generic_oidc", "genericoidc", "generic_oidc");

  private static final String HEX = "0123456789abcdefABCDEF";

  private JoinUri() {}

  /**
   * The join method of {@code joinUri} as tbot reads it, or {@code null} if tbot would not take the
   * URI. Only a method's own name is returned.
   */
  @Nullable
  static String joinMethodOf(String joinUri) {
    int colon = joinUri.indexOf(':');
    // Go's url.Parse: a scheme of ASCII letters, digits, '+', '-' and '.', lower-cased; a token
    // (the user of an authority) is required.
    if (colon < 1 || !joinUri.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")
        || !joinUri.startsWith("//", colon + 1)) {
      return null;
    }
    String authority = joinUri.substring(colon + 3).split("[/?#]", 2)[0];
    if (!goParses(joinUri, colon + 3, authority)) {
      return null;
    }
    String[] scheme = joinUri.substring(0, colon).toLowerCase(Locale.ROOT).split("\\+", 3);
    if (!authority.contains("@") || scheme.length != 3 || !scheme[0].equals("tbot")
        || !(scheme[1].equals("proxy") || scheme[1].equals("auth"))) {
      return null;
    }
    String method = scheme[2];
    if (URL_SAFE_METHODS.containsKey(method)) {
      return URL_SAFE_METHODS.get(method);
    }
    return Attribute.JOIN_TYPE.allowedValues().contains(method) && !method.equals(Attribute.UNKNOWN) ? method : null;
  }

  /**
   * Whether Go's url.Parse takes {@code uri} (of a scheme tbot's, its authority from {@code
   * start}), which tbot's parse of it starts with. Its checks, as of Go 1.26: no control character
   * before the fragment, valid %-escapes, the userinfo's characters, and the host's and port's.
   */
  private static boolean goParses(String uri, int start, String authority) {
    int hash = uri.indexOf('#');
    String beforeFragment = hash < 0 ? uri : uri.substring(0, hash);
    for (int i = 0; i < beforeFragment.length(); i++) {
      if (beforeFragment.charAt(i) < 0x20 || beforeFragment.charAt(i) == 0x7f) {
        return false;
      }
    }
    String rest = beforeFragment.substring(start + authority.length()).split("\\?", 2)[0]; // the path
    int at = authority.lastIndexOf('@');
    String userinfo = at < 0 ? "" : authority.substring(0, at);
    return escapes(rest, false, false) && (hash < 0 || escapes(uri.substring(hash + 1), false, false))
        && userinfo.matches("[A-Za-z0-9._:~!$&'()*+,;=%@-]*") && escapes(userinfo, false, false)
        && host(authority.substring(at + 1));
  }

  /** Go's parseHost for a scheme other than http(s). */
  private static boolean host(String host) {
    if (host.lastIndexOf('[') > 0) {
      return false;
    }
    if (host.startsWith("[")) {
      int close = host.lastIndexOf(']');
      if (close < 0 || !host.substring(close + 1).matches("(:[0-9]*)?")) {
        return false;
      }
      String name = host.substring(1, close);
      int zone = name.indexOf("%25");
      // An IPv6 address (net/netip's), with a zone that is no empty one
      return zone < 0 ? GoIp.isIpv6(name) : GoIp.isIpv6(name.substring(0, zone)) && name.length() > zone + 3
          && escapes(name.substring(zone), true, true);
    }
    int colon = host.lastIndexOf(':');
    return (colon < 0 || host.substring(colon).matches(":[0-9]*")) && escapes(host, true, false);
  }

  /**
   * Whether Go's unescape takes {@code s}: every '%' is followed by two hex digits; in a host, what
   * it escapes is outside ASCII (or {@code %25}) and what it holds of ASCII a host may hold; in a
   * zone, what it escapes a host may hold.
   */
  private static boolean escapes(String s, boolean host, boolean zone) {
    for (int i = 0; i < s.length(); i++) {
      int c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || HEX.indexOf(s.charAt(i + 1)) < 0 || HEX.indexOf(s.charAt(i + 2)) < 0) {
          return false;
        }
        int v = Integer.parseInt(s.substring(i + 1, i + 3), 16);
        boolean percent = v == '%';
        if (host && !zone && v < 0x80 && !percent || zone && !percent && v != ' ' && !hostHolds(v)) {
          return false;
        }
        i += 2;
      } else if (host && c < 0x80 && !hostHolds(c)) {
        return false;
      }
    }
    return true;
  }

  /** A character Go's shouldEscape leaves alone in a host. */
  private static boolean hostHolds(int c) {
    return c < 0x80 && (Character.isLetterOrDigit(c) || "!$&'()*+,;=:[]<>\"-_.~".indexOf(c) >= 0);
  }
}
