package com.goteleport.tbot.otel.config;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.internal.net.GoIp;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/** Validates the address the event is POSTed to, as given by a user. */
public final class Endpoints {

  /** Environment variable that redirects the event, like today's Go tbot. */
  public static final String ENV_ADDRESS = "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS";

  /** The flag that sets the endpoint, over every other source. */
  public static final String FLAG = "--anonymous-analytics-endpoint";

  /** tbot's YAML key for the endpoint, under every other source. */
  public static final String YAML_KEY = "anonymous_analytics_endpoint";

  private static final String HEX = "0123456789ABCDEF";

  // Hex digits, dots and two colons at least: an IPv6 address (an IPv4 tail too), maybe a port.
  private static final Pattern IPV6_WITHOUT_BRACKETS = Pattern.compile("[0-9A-Fa-f.]*(:[0-9A-Fa-f.]*){2,}");

  private Endpoints() {}

  /**
   * Picks the endpoint by precedence (flag over environment over YAML). Every source that is set
   * is validated, so a broken value is reported even where another source overrides it. Without
   * consent no analytics setting should fail the host: report this error only once consent is
   * granted, as the CLI's {@code start} does.
   *
   * @param flag {@code --anonymous-analytics-endpoint}, or {@code null} when not given
   * @param env {@value #ENV_ADDRESS}, or {@code null} (or empty) when unset
   * @param yaml {@code anonymous_analytics_endpoint} from tbot's YAML, or {@code null}
   * @return the URI, or {@code null} when no source sets one (the default applies)
   * @throws ConfigException if a source that is set is not a URL {@link #parse} takes; the message
   *     names that source
   */
  @Nullable
  public static URI resolve(@Nullable String flag, @Nullable String env, @Nullable String yaml)
      throws ConfigException {
    URI fromYaml = yaml == null ? null : parse(yaml, YAML_KEY);
    URI fromEnv = env == null || env.isEmpty() ? null : parse(env, ENV_ADDRESS);
    URI fromFlag = flag == null ? null : parse(flag, FLAG);
    String chosen = source(flag, env, yaml);
    return chosen == null ? null : chosen.equals(FLAG) ? fromFlag : chosen.equals(ENV_ADDRESS) ? fromEnv : fromYaml;
  }

  /**
   * Which source {@link #resolve} takes the endpoint from, by its precedence: {@code
   * --anonymous-analytics-endpoint}, {@value #ENV_ADDRESS} or {@code anonymous_analytics_endpoint}
   * (tbot's YAML); {@code null} when none is set and the default applies. Lets a preview say which
   * setting to change.
   *
   * @param flag as for {@link #resolve}
   * @param env as for {@link #resolve}
   * @param yaml as for {@link #resolve}
   * @return the flag's, the variable's or the key's name, or {@code null}
   */
  @Nullable
  public static String source(@Nullable String flag, @Nullable String env, @Nullable String yaml) {
    return flag != null ? FLAG : env != null && !env.isEmpty() ? ENV_ADDRESS : yaml != null ? YAML_KEY : null;
  }

  /**
   * Parses a full OTLP/HTTP logs URL, e.g. {@code http://127.0.0.1:4318/v1/logs}; used as given,
   * but for the scheme, which is lower-cased ({@code HTTP://} is {@code http://}), and a path with
   * characters outside ASCII, which is sent as Go sends it: unescaped, then percent-encoded anew
   * (as UTF-8; {@code /a%2fb(/ö} goes as {@code /a/b%28/%C3%B6}).
   *
   * @param raw the URL as the user gave it; spaces around it are ignored
   * @param field the flag, variable or YAML key it came from, named in the error
   * @return the URL to POST to
   * @throws ConfigException if it is not a URL, its scheme is not http or https, or it has
   *     credentials, a port outside 1 to 65535, no valid host, a host of numbers that is no IPv4
   *     address as Go reads one ({@code 010.1.2.3}, {@code 123}) or an IPv6 address whose IPv4 part
   *     is none ({@code [::ffff:010.1.2.3]}), an IPv6 zone, an {@code @} in its path (credentials
   *     whose {@code /} ended the host early), a query or a fragment
   */
  public static URI parse(String raw, String field) throws ConfigException {
    requireNonNull(raw, "raw");
    requireNonNull(field, "field");
    String fix = "; give a full URL such as https://collector.example.com:4318/v1/logs.";
    if (raw.indexOf('\uFFFD') >= 0) {
      // What the JVM could not decode from a flag or a variable (a non-ASCII path in the C locale):
      // sent, it would go to another path.
      throw new ConfigException(field + " holds U+FFFD, which stands for bytes not decoded (from a flag or a"
          + " variable: run in a UTF-8 locale, e.g. LANG=C.UTF-8); percent-encode what the URL needs there.");
    }
    if (raw.isBlank()) {
      // "must start with http://" would not say that nothing is there (an unset template variable).
      throw new ConfigException(field + " is " + (raw.isEmpty() ? "empty" : "blank") + fix);
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(raw)) {
      // A lone surrogate (YAML's "\uD800") has no UTF-8: URI.toASCIIString would fail on it.
      throw new ConfigException(field + " is not a valid URL (it holds a character UTF-8 cannot encode)" + fix);
    }
    URI given;
    URI uri;
    try {
      // As ASCII: the request line carries the path as bytes, and a preview shows it as sent (a
      // right-to-left override in a path could make a printed URL read otherwise).
      given = new URI(raw.trim());
      uri = new URI(given.toASCIIString());
    } catch (URISyntaxException e) {
      throw new ConfigException(field + " is not a valid URL" + fix);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ConfigException(field + " must start with http:// or https://" + fix);
    }
    if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
      // The URL would be logged and sent in clear: credentials never belong in it.
      throw new ConfigException(field + " must not contain user:password; remove the credentials from the URL.");
    }
    String authority = uri.getRawAuthority();
    if (authority != null && IPV6_WITHOUT_BRACKETS.matcher(authority).matches()) {
      // http://::1:4318: without brackets an IPv6 address's colons cannot be told from its port's.
      throw new ConfigException(field + " has an IPv6 address without brackets; write it in [ ], e.g."
          + " http://[::1]:4318/v1/logs.");
    }
    String port = authority == null ? "" : portOf(authority);
    if (!port.isEmpty()
        && !(port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535)) {
      // Never quoted: in a URL like https://bot:pa/ss@host the "port" is part of a password.
      throw new ConfigException(field + " has a port that is not a number from 1 to 65535" + fix);
    }
    String host = authority == null ? "" : hostOf(authority);
    if (GoIp.isNumbersButNoIpv4(host)) {
      // Go reads no IPv4 address in it, so tbot's resolver refuses it or reads 010 as octal (8),
      // where InetAddress takes 010 for 10, 10.1.2 for 10.1.0.2 and 123 for 0.0.0.123.
      throw new ConfigException(field + " has a host of numbers that is no IPv4 address; write its four parts "
          + "without leading zeros, e.g. http://10.1.2.3:4318/v1/logs.");
    }
    if (host.startsWith("[") && host.indexOf('.') >= 0 && host.indexOf('%') < 0
        && !GoIp.isIpv4(host.substring(host.lastIndexOf(':') + 1, host.length() - 1))) {
      // Go's url.Parse refuses [::ffff:010.1.2.3] (tbot sends nothing), where InetAddress takes 10.1.2.3.
      throw new ConfigException(field + " has an IPv6 address whose IPv4 part is no IPv4 address; write its four "
          + "parts without leading zeros, e.g. http://[::ffff:10.1.2.3]:4318/v1/logs.");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      // java.net.URI finds no host in an authority it cannot read as host:port, e.g. otel_collector:4318.
      throw new ConfigException(field + (authority == null
          ? " has no host" + fix
          : " has no valid host name; a host name holds letters, digits, '-' and '.' (not '_'), "
              + "e.g. https://otel-collector:4318/v1/logs."));
    }
    if (uri.getHost().indexOf('%') >= 0) {
      // An IPv6 zone would go into the Host header, and an interface's name can hold a MAC address.
      throw new ConfigException(field + " has an IPv6 zone (%); give the address without it, or a host name.");
    }
    if (given.getRawPath() != null && given.getRawPath().indexOf('@') >= 0) {
      // A user name or password with a '/' ended the authority early: what was taken for the host
      // is the credentials' start (named in the notice, looked up, sent the rest in the request
      // line). Go reads it so too; as for a proxy, it is refused. An '@' meant for the path is %40.
      throw new ConfigException(field + " must not contain user:password (its path holds an '@': a '/' in a user"
          + " name or password ends the host early); remove the credentials from the URL, or write an '@' of the"
          + " path as %40.");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigException(field + " must not have a query or fragment" + fix);
    }
    String path = uri.getRawPath();
    if (!path.equals(given.getRawPath())) {
      // Go's EscapedPath keeps the path as written only when nothing in it needs escaping.
      path = goEscaped(path);
    }
    // The exporter accepts only a lower-case scheme.
    return scheme.equals(uri.getScheme()) && path.equals(uri.getRawPath())
        ? uri
        : URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }

  /** Go's {@code escape(unescape(path), encodePath)}: what it sends of a path it must escape. */
  private static String goEscaped(String asciiPath) {
    StringBuilder out = new StringBuilder(asciiPath.length() + 16);
    for (int i = 0; i < asciiPath.length(); i++) {
      int b = asciiPath.charAt(i);
      if (b == '%') { // URI has checked the two hex digits
        b = Integer.parseInt(asciiPath.substring(i + 1, i + 3), 16);
        i += 2;
      }
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
          || "-_.~$&+,/:;=@".indexOf(b) >= 0) {
        out.append((char) b);
      } else {
        out.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 15));
      }
    }
    return out.toString();
  }

  /**
   * {@code endpoint}'s scheme, host and port only, as the notice and debug lines name it: a path
   * may carry what a user would not want in a CI log.
   *
   * @param endpoint an endpoint {@link #parse} returned (of another URI, say a relative one, the
   *     result is meaningless)
   * @return e.g. {@code https://collector.example.com:4318}
   */
  public static String origin(URI endpoint) {
    String port = endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort();
    return endpoint.getScheme() + "://" + endpoint.getHost() + port;
  }

  /** What precedes the authority's last ':' outside an IPv6 literal's brackets; all of it if none. */
  private static String hostOf(String authority) {
    int colon = authority.lastIndexOf(':');
    return colon < 0 || colon < authority.lastIndexOf(']') ? authority : authority.substring(0, colon);
  }

  /** What follows the authority's last ':' outside an IPv6 literal's brackets; empty if none. */
  private static String portOf(String authority) {
    int colon = authority.lastIndexOf(':');
    return colon < 0 || colon < authority.lastIndexOf(']') ? "" : authority.substring(colon + 1);
  }
}
