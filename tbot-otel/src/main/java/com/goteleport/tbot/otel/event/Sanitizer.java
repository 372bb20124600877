package com.goteleport.tbot.otel.event;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Applies each attribute's rule from {@link Attribute} to a raw value, so that no free-form string
 * from a config file or the environment can reach the event.
 *
 * <p>Enumerated attributes pass only their listed values. Pattern attributes must match in full
 * (ASCII only, so no control character, newline or Unicode lookalike gets through) and fit their
 * length. Free text ({@code helper}, {@link Attribute#screened}) is also screened: a value shaped
 * like a credential, an e-mail address, a URL, a host name, a cloud instance's or a container's id,
 * an IP or a MAC address, or a path is dropped, because a wrapper could pass one by mistake and it
 * would identify someone.
 */
final class Sanitizer {

  // Prefixes of well-known credential formats (JWT, GitHub, GitLab, AWS, Slack, OpenAI, Stripe,
  // Google, npm, PyPI, Vault), compared case-insensitively at the start of a word.
  static final List<String> SECRET_PREFIXES = List.of(
      "eyj", "ghp_", "gho_", "ghs_", "ghu_", "ghr_", "github_pat_", "glpat-", "glrt-", "akia", "asia",
      "xox", "sk-", "sk_live", "rk_live", "bearer", "aiza", "ya29.", "npm_", "pypi-", "hvs.");
  // A token-like run once separators are removed: long, mixing letters with digits, as API keys,
  // UUIDs, hashes and JWT segments do.
  static final int MIXED_RUN = 20;
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern LETTER = Pattern.compile("[A-Za-z]");
  private static final Pattern DIGIT = Pattern.compile("[0-9]");
  // A run of letters, digits and '/' (base64's alphabet but for '+' and '=', which the charset
  // refuses) this long, mixing upper- and lower-case letters and digits: an AWS secret access key
  // (40 characters) and other base64 keys, whose '/'s cut the words the mixed-run rule reads
  // (wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY). Longer than a name's words joined by '/'.
  static final int BASE64_RUN = 32;
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9/]{" + BASE64_RUN + ",}");
  private static final Pattern UPPER = Pattern.compile("[A-Z]");
  private static final Pattern LOWER = Pattern.compile("[a-z]");
  // Nine digits or more: account numbers, phone numbers, epoch timestamps, and an IPv4 address
  // written as one number (10.0.0.1 is 167772161; every private one has 9 or 10 digits). A date
  // (20241207) has eight and passes.
  static final int DIGIT_RUN_LENGTH = 9;
  private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]{" + DIGIT_RUN_LENGTH + ",}");
  // This many digits, whatever separates them: an AWS account's id as its console prints it
  // (1234-5678-9012), a phone number with its country code (44.20.7946.0958).
  static final int DIGIT_GROUPS = 12;
  private static final Pattern SEPARATED_DIGITS =
      Pattern.compile("[0-9]([._:/@-]*[0-9]){" + (DIGIT_GROUPS - 1) + "}");
  // This many hex digits, whatever separates them: a key or a hash that ':', '/', '@', '.', '_' or
  // '-' cut into words shorter than the mixed run, or written in one case, as the base64 rule
  // needs both (a1b2c3d4e5f6a7b8c9d:0e1f2a3b4c5d6e7f8a9). A name's words hold other letters.
  static final int HEX_RUN = 32;
  private static final Pattern HEX =
      Pattern.compile("[0-9A-Fa-f]([._:/@-]*[0-9A-Fa-f]){" + (HEX_RUN - 1) + "}");
  // name.tld, where tld is letters and the name has a letter: example.com, ci.corp.internal. Found
  // anywhere, so a match may start at any letter of the name (no class is needed before it).
  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z][A-Za-z0-9-]*\\.[A-Za-z]{2,}(?![A-Za-z0-9])");
  // Four numbers of 1 to 3 digits joined by dots, not right after a digit or a dot after a digit,
  // where they would start inside a number (a calendar version's 2024.10.0.0.1); after a dot after
  // anything else, an address (runner.10.0.1.23).
  private static final Pattern IPV4 =
      Pattern.compile("(?<![0-9])(?<![0-9]\\.)[0-9]{1,3}(\\.[0-9]{1,3}){3}(?![0-9])");
  private static final Pattern IPV6 = Pattern.compile("::|([0-9A-Fa-f]{1,4}:){3,}");
  // A URL's scheme separator: what follows is an address, even a host name without a dot
  // (http://intranet/alice).
  private static final String URL_SCHEME = "://";
  // user@host: an @ may only introduce a whole version (action@v2, orb@1.2.3: up to three numbers
  // of 1 to 3 digits, then no letter, digit, '.', '_' or '-'), never a name, one led by a digit
  // (root@10host, alice@3rd-floor-pc) or by a v and a digit (bob@v2-laptop) included.
  private static final Pattern AT_NAME =
      Pattern.compile("@(?!v?[0-9]{1,3}(\\.[0-9]{1,3}){0,2}(?![A-Za-z0-9._-]))");
  // An IPv4 address written with dashes, as cloud host names carry it (ip-10-0-1-23), or with
  // underscores or slashes, as names and paths built from it do.
  private static final Pattern SEPARATED_IPV4 =
      Pattern.compile("(?<![0-9])[0-9]{1,3}([-_/][0-9]{1,3}){3}(?![0-9])");
  // A MAC address with dashes, underscores or dots between its pairs (with colons it is caught as
  // IPv6), or in three groups of four, as Cisco (001b.6384.45e6) and HP (001b-6384-45e6) write it:
  // a network card names its host. Found anywhere, so a name dated to the second with two-digit
  // numbers (build-24.12.07.10.30.15) is dropped too.
  private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}([-_.][0-9A-Fa-f]{2}){5}");
  private static final Pattern GROUPED_MAC = Pattern.compile("[0-9A-Fa-f]{4}([-_.:][0-9A-Fa-f]{4}){2}");
  // A word of exactly 12 hex digits: a container's short id, which Docker makes its host name
  // (f3a9c1b2d4e5), or a MAC address written without separators.
  private static final Pattern SHORT_ID =
      Pattern.compile("(?<![A-Za-z0-9])[0-9A-Fa-f]{12}(?![A-Za-z0-9])");
  // Windows' own computer names, which its set-up generates (DESKTOP-AB12CDE, LAPTOP-A1B2C3D4,
  // WIN-3K5J8Q0M2N1 on a server, EC2AMAZ-4B5I3RO on AWS): exactly that long, as a word, in any case,
  // as DNS and Linux tools lower-case them (desktop-ab12cde).
  private static final Pattern WINDOWS_HOST = Pattern.compile(
      "(?<![A-Za-z0-9])(?i:desktop-[a-z0-9]{7}|laptop-[a-z0-9]{8}|win-[a-z0-9]{11}|ec2amaz-[a-z0-9]{7})(?![A-Za-z0-9])");
  // A computer named after its owner, as the OS names it by default: Windows 7's JOHN-PC, macOS's
  // Alices-MacBook-Pro, Alices-iMac, Alices-Mac-mini (what `hostname -s` prints there), and the
  // owners' own alice-mbp: one of these words after a '-' that follows a letter or digit.
  private static final Pattern PERSONAL_HOST =
      Pattern.compile("(?<=[A-Za-z0-9])-(?i:pc|mac|macbook|imac|mbp)(?![A-Za-z0-9])");
  // IPv6 written with dashes for colons, as DNS names built from an address carry it (fe80--1,
  // 2001-db8--1): groups of hex digits around a "--", or eight groups, as a word of dashed groups.
  private static final Pattern DASHED_IPV6 = Pattern.compile(
      "(?<![A-Za-z0-9-])[0-9A-Fa-f]{0,4}(-[0-9A-Fa-f]{1,4})*--([0-9A-Fa-f]{1,4}(-[0-9A-Fa-f]{1,4})*)?(?![A-Za-z0-9-])"
          + "|(?<![A-Za-z0-9-])[0-9A-Fa-f]{1,4}(-[0-9A-Fa-f]{1,4}){7}(?![A-Za-z0-9-])");
  // A cloud resource's id as AWS writes it: an EC2 instance's (i-0abc123def4567890) names a host
  // and, at 18 characters, passes the mixed-run rule; so would the older 8-digit ids, caught after
  // the prefixes of the resources that name a host or an account's network (vol-1a2b3c4d).
  private static final Pattern CLOUD_ID = Pattern.compile("-[0-9a-f]{17}");
  private static final Pattern SHORT_CLOUD_ID =
      Pattern.compile("(?<![A-Za-z0-9])(i|r|vol|snap|eni|ami|sg|subnet|vpc)-[0-9a-f]{8}(?![A-Za-z0-9])");
  // A path names a user (home/alice), a file or a host's layout; the charset already refuses a
  // leading '/' or '.' and any '\'. Found anywhere: an absolute path after a drive letter or a
  // prefix (C:/Users/alice, gha:/home/alice; "://" is a URL's), an empty segment (a//b, as a
  // network share's //server has), or a segment led by a dot (/.tbot, /./, /../, gha:.tbot).
  private static final Pattern PATH = Pattern.compile(":/(?!/)|[^:]//|[:/]\\.");
  // A path written without its leading '/', told by its first segment: a root where an OS keeps
  // users' or the machine's files (home/alice, Users/alice, var/lib/teleport), in any case, as
  // macOS and Windows take it. No wrapper's name starts there. The roots of users' own directories
  // are found after any '/' too (builds/home/alice, ci:runner/Users/alice, a NAS's volume1/homes/).
  private static final Pattern PATH_ROOT = Pattern.compile(
      "(?i)(^|:)(root|tmp|var|etc|opt|usr|mnt|srv|private|volumes)/|(^|[:/])(home|homes|users)/");
  // Kubernetes' random suffixes use an alphabet without vowels (and without 0, 1, 3), so words
  // such as terraform-cloud never match, while pod names do: a Deployment's pod
  // (name-<replicaset hash>-<5>, tbot-7d9f8b6c5-x2k4q) or a DaemonSet's or Job's (name-<5>, with
  // a letter in it, tbot-x2k4q, tbot-xkbqz: about a fifth of such suffixes have no digit; a
  // build number, -24567, has no letter).
  private static final String K8S = "[bcdfghjklmnpqrstvwxz2456789]";
  private static final Pattern POD_NAME =
      Pattern.compile(
          "-" + K8S + "{8,10}-" + K8S + "{5}(?![A-Za-z0-9_])"
              + "|-(?=" + K8S + "{0,4}[a-z])" + K8S + "{5}(?![A-Za-z0-9_])");

  private Sanitizer() {}

  /**
   * Returns the value to send for a string attribute: {@code raw} when it passes the attribute's
   * rule, otherwise the attribute's fallback ({@code unknown}), or {@code null} to omit it.
   */
  @Nullable
  static String sanitize(Attribute attribute, @Nullable String raw) {
    if (attribute.type() != AttributeType.STRING) {
      throw new IllegalArgumentException(attribute.key() + " is not a string attribute");
    }
    return passes(attribute, raw) ? raw : attribute.fallback();
  }

  /** Clamps a count into {@code [0, Attribute.MAX_COUNT]}. */
  static long clamp(long count) {
    return Math.max(0, Math.min(Attribute.MAX_COUNT, count));
  }

  /**
   * Returns the counts to send for raw ones: each clamped, then the parts of a count ({@link
   * Attribute#partOf}) that add up to more than it set to {@link Attribute#INCONSISTENT_PART}. The
   * rule reads the clamped values, the only ones a collector sees, so both give the same result.
   */
  static Map<Attribute, Long> counts(Map<Attribute, Long> raw) {
    Map<Attribute, Long> counts = new EnumMap<>(Attribute.class);
    raw.forEach((a, v) -> counts.put(a, clamp(v)));
    for (Attribute whole : raw.keySet()) {
      List<Attribute> parts = whole.parts();
      if (!parts.isEmpty() && parts.stream().mapToLong(counts::get).sum() > counts.get(whole)) {
        parts.forEach(p -> counts.put(p, Attribute.INCONSISTENT_PART));
      }
    }
    return counts;
  }

  private static boolean passes(Attribute attribute, @Nullable String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > attribute.maxLength()) {
      return false;
    }
    if (!attribute.allowedValues().isEmpty()) {
      return attribute.allowedValues().contains(raw);
    }
    Pattern pattern = attribute.pattern();
    if (pattern == null || !pattern.matcher(raw).matches()) {
      return false;
    }
    return !attribute.screened() || !looksIdentifying(raw);
  }

  /** True for strings shaped like a credential, an address or a path; optional values must not be one. */
  static boolean looksIdentifying(String value) {
    return looksLikeSecret(value) || looksLikeAddress(value) || looksLikePath(value);
  }

  /**
   * True for strings holding a path: an absolute one after a drive letter or a prefix, an empty or
   * a dot-led segment, or a first segment that is a file system's well-known root ({@code
   * home/alice}), or the root of users' directories after any {@code /}. A wrapper's name ({@code
   * gha:teleport-actions/auth}) has none of these.
   */
  static boolean looksLikePath(String value) {
    return PATH.matcher(value).find() || PATH_ROOT.matcher(value).find();
  }

  /** True for strings shaped like credentials: known key prefixes; long mixed, base64, hex or digit runs. */
  static boolean looksLikeSecret(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    for (String prefix : SECRET_PREFIXES) {
      for (int i = lower.indexOf(prefix); i >= 0; i = lower.indexOf(prefix, i + 1)) {
        if (i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1))) {
          return true;
        }
      }
    }
    if (DIGIT_RUN.matcher(value).find() || SEPARATED_DIGITS.matcher(value).find() || HEX.matcher(value).find()) {
      return true;
    }
    Matcher words = WORD.matcher(value);
    while (words.find()) {
      String run = words.group().replaceAll("[._-]", "");
      if (run.length() >= MIXED_RUN && LETTER.matcher(run).find() && DIGIT.matcher(run).find()) {
        return true;
      }
    }
    Matcher base64 = BASE64.matcher(value);
    while (base64.find()) {
      String run = base64.group();
      if (UPPER.matcher(run).find() && LOWER.matcher(run).find() && DIGIT.matcher(run).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * True for strings containing an e-mail or {@code user@host} address, a URL, a host name with a
   * dot, a cloud VM's {@code ip-10-0-1-23} or instance id, a container's or a Kubernetes pod's
   * name, Windows' generated computer name or one named after its owner ({@code JOHN-PC}, {@code
   * Alices-MacBook-Pro}), an IP (IPv6 with dashes too) or a MAC address. Other
   * host names without a dot ({@code buildbox7}) have the shape of a wrapper's name and pass.
   */
  static boolean looksLikeAddress(String value) {
    return HOST_NAME.matcher(value).find()
        || AT_NAME.matcher(value).find()
        || IPV4.matcher(value).find()
        || SEPARATED_IPV4.matcher(value).find()
        || MAC.matcher(value).find()
        || GROUPED_MAC.matcher(value).find()
        || SHORT_ID.matcher(value).find()
        || CLOUD_ID.matcher(value).find()
        || SHORT_CLOUD_ID.matcher(value).find()
        || IPV6.matcher(value).find()
        || DASHED_IPV6.matcher(value).find()
        || WINDOWS_HOST.matcher(value).find()
        || PERSONAL_HOST.matcher(value).find()
        || value.contains(URL_SCHEME)
        || POD_NAME.matcher(value).find();
  }
}
