package com.goteleport.tbot.otel.internal.net;

import java.util.regex.Pattern;

/**
 * IP literals as Go reads them (net.ParseIP, netip.ParseAddr), where {@link java.net.InetAddress}
 * takes more: {@code 010.1.2.3} (Go: no address; glibc: octal), {@code 10.1.2}, {@code 123},
 * {@code 00000::1}, {@code ::ffff:010.1.2.3}. Used by the endpoint's and the joining URI's readings
 * and by the proxy choice, so that all three take the same literals.
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public final class GoIp {

  // Four parts from 0 to 255 without leading zeros.
  private static final Pattern IPV4 = Pattern.compile(
      "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final Pattern NUMBERS = Pattern.compile("[0-9.]*[0-9][0-9.]*"); // a digit: "." is no number
  private static final Pattern GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

  private GoIp() {}

  /**
   * Whether {@code s} is an IPv4 address as Go writes one.
   *
   * @param s the text
   * @return whether it is four parts from 0 to 255 without leading zeros
   */
  public static boolean isIpv4(String s) {
    return IPV4.matcher(s).matches();
  }

  /**
   * Whether {@code host} is digits and dots but no IPv4 address as Go reads one: Go's resolver
   * refuses it where Java's and glibc's read an address into it.
   *
   * @param host the host, without brackets
   * @return whether it is such a host
   */
  public static boolean isNumbersButNoIpv4(String host) {
    return NUMBERS.matcher(host).matches() && !isIpv4(host);
  }

  /**
   * Whether {@code s} is an IPv6 address (without brackets or zone) as Go's netip reads one:
   * groups of one to four hex digits, one {@code ::} at most standing for one group or more, an
   * IPv4 part only at the end.
   *
   * @param s the text
   * @return whether it is such an address
   */
  public static boolean isIpv6(String s) {
    int ellipsis = s.indexOf("::");
    if (ellipsis >= 0 && s.indexOf("::", ellipsis + 1) >= 0) {
      return false;
    }
    String[] halves =
        ellipsis < 0 ? new String[] {s} : new String[] {s.substring(0, ellipsis), s.substring(ellipsis + 2)};
    int groups = 0;
    for (int h = 0; h < halves.length; h++) {
      String[] parts = halves[h].isEmpty() ? new String[0] : halves[h].split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        if (h == halves.length - 1 && i == parts.length - 1 && parts[i].indexOf('.') >= 0) {
          if (!isIpv4(parts[i])) {
            return false;
          }
          groups += 2;
        } else if (GROUP.matcher(parts[i]).matches()) {
          groups++;
        } else {
          return false;
        }
      }
    }
    return ellipsis < 0 ? groups == 8 : groups < 8;
  }
}
