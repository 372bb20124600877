package com.goteleport.tbot.otel.collector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded candidate values for the screened string attributes ({@code helper}, {@code version} and
 * {@code helper_version}, {@code join_type}), aimed at the rules that screen them: the pieces are
 * read from a config's {@code IsMatch} rules (their literal alternatives, such as key prefixes,
 * path roots, cloud-id prefixes, pre-release tags and join methods; their character classes; their
 * repetition bounds, each tried one below, at and one above) and put together into the shapes the
 * screen looks for (digit and mixed runs, dotted names, IPv4, IPv6 and MAC shapes with separators,
 * hex ids, pod-name suffixes, paths, {@code @}, {@code ://}), in other cases, at and around each
 * length bound, with characters where RE2 and java.util.regex may disagree ({@link #PROBES}), and
 * plain random strings.
 */
final class ScreenCandidates {

  /**
   * Characters on which Unicode-aware matching or case folding differs from ASCII: the Kelvin sign
   * and the long s (RE2's {@code (?i)} folds them to k and s), dotted and dotless i, fullwidth,
   * Arabic-Indic and mathematical (a surrogate pair) digits, accented, Cyrillic and Greek letters,
   * white space and format characters, line ends (C0, NEL, LS, PS), a surrogate pair and a lone
   * surrogate (protobuf sends it as {@code ?}).
   */
  static final List<String> PROBES = List.of(
      "\u212A", "\u017F", "\u0131", "\u0130", "\uFF11", "\uFF10", "\u0663", "\uD835\uDFCF", "\u00E9", "\u00DF",
      "\u0430", "\u03BF", "\u00A0", "\u200B", "\uFEFF", "\n", "\r", "\t", "\u0000", "\u000B", "\u0085",
      "\u2028", "\u2029", "\uD83D\uDE00", "\uD800");

  /** The helper charset's characters after its first: separators and words are built from these. */
  private static final String SEPARATORS = "._:/@-";

  private static final Pattern MATCH = Pattern.compile(
      "IsMatch\\(log\\.(?:attributes|cache)\\[\"([^\"]+)\"\\], \"((?:[^\"\\\\]|\\\\.)*+)\"\\)"); // possessive: no stack per character
  private static final Pattern ALTERNATION = Pattern.compile(
      "\\((?:\\?i:)?((?:[A-Za-z0-9_-]|\\\\\\.)++(?:\\|(?:[A-Za-z0-9_-]|\\\\\\.)++)++)\\)");
  private static final Pattern CLASS = Pattern.compile("\\[([^\\]^][^\\]]*)\\]");
  private static final Pattern BOUND = Pattern.compile("\\{(\\d+)(?:,(\\d*))?\\}");

  private final Random rnd;
  private final Map<String, List<String>> literalsByKey;
  private final List<String> literals;
  private final List<String> classes;
  private final List<Integer> lengths;
  private final String podAlphabet;
  private final String hex;
  private int literalTurn;

  private ScreenCandidates(Random rnd, Map<String, List<String>> literalsByKey, List<String> classes,
      List<Integer> lengths) {
    this.rnd = rnd;
    this.literalsByKey = literalsByKey;
    Set<String> all = new LinkedHashSet<>();
    literalsByKey.values().forEach(all::addAll);
    this.literals = List.copyOf(all);
    this.classes = classes;
    this.lengths = lengths;
    // The class of Kubernetes' suffix alphabet (consonants and some digits), and the hex digits.
    this.podAlphabet = classes.stream().filter(c -> c.contains("b") && !c.contains("a") && c.contains("2"))
        .findFirst().orElse("bcdfghjklmnpqrstvwxz2456789");
    this.hex = classes.stream().filter(c -> c.length() == 22 && c.contains("a") && c.contains("F"))
        .findFirst().orElse("0123456789ABCDEFabcdef");
  }

  /** Candidates drawn from {@code rnd}, built from the {@code IsMatch} rules in {@code log} (a scrub's statements). */
  static ScreenCandidates of(Random rnd, List<String> log) {
    Map<String, List<String>> literalsByKey = new LinkedHashMap<>();
    Set<String> classes = new LinkedHashSet<>();
    Set<Integer> lengths = new TreeSet<>();
    for (String statement : log) {
      Matcher m = MATCH.matcher(statement);
      while (m.find()) {
        String regex = AllowlistDriftTest.ottlUnescape(m.group(2));
        Matcher alt = ALTERNATION.matcher(regex);
        while (alt.find()) {
          for (String word : alt.group(1).split("\\|")) {
            literalsByKey.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(word.replace("\\.", "."));
          }
        }
        Matcher cls = CLASS.matcher(regex);
        while (cls.find()) {
          classes.add(expand(cls.group(1)));
        }
        Matcher b = BOUND.matcher(regex);
        while (b.find()) {
          for (int i = 1; i <= 2; i++) {
            if (b.group(i) != null && !b.group(i).isEmpty()) {
              int n = Integer.parseInt(b.group(i));
              // The bound plus what its run sits in (a separator, one component): one below, at, one above.
              for (int d = -1; d <= 2; d++) {
                if (n + d > 0 && n + d <= 70) {
                  lengths.add(n + d);
                }
              }
            }
          }
        }
      }
    }
    return new ScreenCandidates(rnd, literalsByKey, List.copyOf(classes), List.copyOf(lengths));
  }

  /** The characters of a class's body, ranges expanded ({@code 0-9A-F} to its 16 digits). */
  private static String expand(String body) {
    StringBuilder out = new StringBuilder();
    String b = body.replace("\\.", ".").replace("\\-", "-");
    for (int i = 0; i < b.length(); i++) {
      if (i + 2 < b.length() && b.charAt(i + 1) == '-') {
        for (char c = b.charAt(i); c <= b.charAt(i + 2); c++) {
          out.append(c);
        }
        i += 2;
      } else {
        out.append(b.charAt(i));
      }
    }
    return out.toString();
  }

  /** The literal alternatives read from the rules, by the attribute (or cache entry) they screen. */
  Map<String, List<String>> literalsByKey() {
    return literalsByKey;
  }

  /** A candidate {@code helper}: the screen's shapes, joined, mutated; or a random string. */
  String helper() {
    int kind = rnd.nextInt(20);
    if (kind == 0) {
      return random(rnd.nextInt(70));
    }
    if (kind == 1) {
      return version(List.of());
    }
    StringBuilder s = new StringBuilder(token());
    int more = rnd.nextInt(4);
    for (int i = 0; i < more; i++) {
      s.append(rnd.nextInt(4) == 0 ? "" : String.valueOf(pick(SEPARATORS))).append(token());
    }
    return mutate(s.toString(), 64);
  }

  /** A candidate {@code version} or {@code helper_version}: release-like, off by a piece, or a helper. */
  String version() {
    int kind = rnd.nextInt(10);
    if (kind == 0) {
      return helper();
    }
    if (kind == 1) {
      return random(rnd.nextInt(40));
    }
    return mutate(version(literalsByKey.getOrDefault("version", List.of())), 32);
  }

  /** A candidate {@code join_type}: a method (read from its rule) as is, in another case, mutated, or a helper. */
  String joinType() {
    List<String> methods = literalsByKey.getOrDefault("join_type", List.of("token"));
    int kind = rnd.nextInt(10);
    if (kind == 0) {
      return helper();
    }
    String m = pick(methods);
    switch (kind) {
      case 1:
        return m + pick(List.of("\n", " ", "_", "|" + pick(methods), "\r\n", "\u0000"));
      case 2:
        return pick(List.of(" ", "\n", "|", "^")) + m;
      case 3:
        return m.substring(0, rnd.nextInt(m.length() + 1));
      case 4:
        return pad(m, 15 + rnd.nextInt(3));
      case 5:
        return m;
      default:
        return mutate(m, 16);
    }
  }

  private String version(List<String> tags) {
    StringBuilder s = new StringBuilder();
    s.append(pick(List.of("", "", "", "", "", "v", "v", "V", "vv", "-", ".")));
    // Three parts (version's shape) two times in three, else one to four (helper_version takes one to three).
    int parts = rnd.nextInt(3) > 0 ? 3 : 1 + rnd.nextInt(4);
    for (int i = 0; i < parts; i++) {
      if (i > 0) {
        s.append(rnd.nextInt(20) == 0 ? pick("-_/:") : '.');
      }
      s.append(digits(rnd.nextInt(16) == 0 ? 4 : 1 + rnd.nextInt(3)));
    }
    if (rnd.nextInt(3) == 0) {
      String tag = tags.isEmpty() ? pick(List.of("alpha", "beta", "rc", "dev")) : pick(tags);
      s.append(rnd.nextInt(10) == 0 ? pick("._+") : '-').append(rnd.nextInt(8) == 0 ? flipCase(tag) : tag);
      if (rnd.nextBoolean()) {
        s.append('.').append(digits(rnd.nextInt(8) == 0 ? 4 : 1 + rnd.nextInt(3)));
      }
    }
    if (rnd.nextInt(8) == 0) {
      s.append(pick(List.of("+build", "-SNAPSHOT", "-alice", "+host.local", ".", "-", "\n", " ", "-rc.1.2")));
    }
    return s.toString();
  }

  /** One of the shapes the screen looks for, or a plain word. */
  private String token() {
    switch (rnd.nextInt(19)) {
      case 0:
      case 15: { // a literal (key prefix, path root, cloud prefix, tag, method), in turn, any case, before more
        String lit = literals.isEmpty() ? "eyj" : literals.get(literalTurn++ % literals.size());
        return (rnd.nextBoolean() ? flipCase(lit) : lit) + (rnd.nextBoolean() ? word(1 + rnd.nextInt(8)) : "");
      }
      case 1:
        return digits(length());
      case 2:
        return fromClass(pick(classes), length());
      case 3: // a dotted name: name.tld, the tld 1 to 3 letters, maybe a digit or letter after
        return letters(1 + rnd.nextInt(6)) + fromClass("abcxyz-09", rnd.nextInt(3)) + '.' + letters(1 + rnd.nextInt(3))
            + pick(List.of("", "", "1", "x", "_", "-"));
      case 4: { // IPv4, dotted or with another separator, 3 to 5 parts of 1 to 4 digits
        char sep = pick(".-_/.");
        StringBuilder s = new StringBuilder(digits(1 + rnd.nextInt(4)));
        int parts = 3 + rnd.nextInt(3);
        for (int i = 1; i < parts; i++) {
          s.append(rnd.nextInt(10) == 0 ? pick(".-_/") : sep).append(digits(rnd.nextInt(6) == 0 ? 4 : 1 + rnd.nextInt(3)));
        }
        return s.toString();
      }
      case 5: { // IPv6: hex groups with ':', maybe '::'
        StringBuilder s = new StringBuilder();
        int groups = 2 + rnd.nextInt(4);
        for (int i = 0; i < groups; i++) {
          s.append(fromClass(hex, 1 + rnd.nextInt(5))).append(rnd.nextInt(8) == 0 ? "::" : ":");
        }
        return rnd.nextBoolean() ? s.substring(0, s.length() - 1) : s.toString();
      }
      case 6: { // MAC: pairs with a separator, or Cisco's dotted quads
        boolean cisco = rnd.nextInt(3) == 0;
        char sep = cisco ? '.' : pick("-_:.");
        int groups = cisco ? 2 + rnd.nextInt(3) : 4 + rnd.nextInt(4);
        StringBuilder s = new StringBuilder(fromClass(hex, cisco ? 4 : 2));
        for (int i = 1; i < groups; i++) {
          s.append(sep).append(fromClass(hex, cisco ? 3 + rnd.nextInt(3) : 1 + rnd.nextInt(3)));
        }
        return s.toString();
      }
      case 7: { // a hex id around 8, 12 and 17 digits, maybe after a cloud prefix
        int n = pick(List.of(7, 8, 9, 11, 12, 13, 16, 17, 18));
        String prefix = pick(List.of("", "", "i-", "vol-", "sg-", "subnet-", "x-", "-", "ami-", "I-"));
        return prefix + fromClass(rnd.nextBoolean() ? "0123456789abcdef" : hex, n);
      }
      case 8: // a pod name: a ReplicaSet hash and a suffix, or a suffix alone, near their lengths
        return word(2 + rnd.nextInt(6)) + (rnd.nextBoolean()
            ? "-" + pod(7 + rnd.nextInt(5)) + "-" + pod(4 + rnd.nextInt(3))
            : "-" + pod(4 + rnd.nextInt(3)));
      case 9: // a path: a root, a drive, an empty or a dot-led segment
        return pick(List.of("", "", "C:", "gha:", "x:", "builds/", "gha:a/b/")) + flipCase(pick(List.of("home", "Users", "tmp", "var",
            "private", "mnt", "root", "opt", "srv", "etc", "usr", "volumes", "homes", "myhome"))) + pick(List.of("/",
            "//", "/.", ":/", "")) + word(1 + rnd.nextInt(6));
      case 10: // '@': before a version (allowed) or a name
        return word(1 + rnd.nextInt(6)) + "@" + pick(List.of("v2", "2", "V2", "v", "", "vx", "alice", "1.2.3", "v.2"));
      case 11:
        return pick(List.of("://", "::", ":/", ":.", "/.", "//", ":/x", "a//b", "a:/b", "x:.y"));
      case 12: // letters and digits around the mixed-run length, separators inside
        return run(17 + rnd.nextInt(6), "abcdefXYZ", "0123456789", 3, "._-", 7);
      case 17: { // base64 around the base64 rule's length: '/' inside, one kind of character maybe missing
        String alphabet = pick(List.of("ABCXYZabcxyz0189", "abcxyz0189", "ABCXYZ0189", "ABCXYZabcxyz"));
        int n = 29 + rnd.nextInt(8);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
          s.append(rnd.nextInt(6) == 0 ? pick("/" + (rnd.nextInt(4) == 0 ? "-:._@" : "")) : pick(alphabet));
        }
        return s.toString();
      }
      case 18: // hex digits around the hex rule's 32, cut by separators, a letter that is none maybe inside
        return run(29 + rnd.nextInt(6), "0123456789abcdefABCDEF", "gxz", 40, ":/@._-", 5);
      case 13:
        return version(List.of());
      case 14:
        return pick(List.of("gha:teleport-actions/auth", "terraform-cloud", "buildbox7", "gitlab:teleport/ci",
            "circleci-orb@v1", "spacelift", "k8s:operator", "tbot-helm"));
      default:
        return word(1 + rnd.nextInt(10));
    }
  }

  /** Applies none, one or several mutations: case, a probe character, a bad first character, a length at a bound. */
  private String mutate(String s, int maxLength) {
    String out = s;
    if (rnd.nextInt(5) == 0) {
      out = flipCase(out);
    }
    if (rnd.nextInt(6) == 0) {
      out = probe(out);
    }
    if (rnd.nextInt(25) == 0) {
      out = pick(List.of("-", ".", "/", ":", "@", "_", " ")) + out;
    }
    if (rnd.nextInt(8) == 0) {
      out = pad(out, maxLength - 1 + rnd.nextInt(3));
    }
    return out;
  }

  /** {@code s} with one character replaced by, or one inserted, a {@link #PROBES} character (k by the Kelvin sign...). */
  private String probe(String s) {
    String p = pick(PROBES);
    for (String[] pair : new String[][] {{"k", "\u212A"}, {"K", "\u212A"}, {"s", "\u017F"}, {"i", "\u0131"},
        {"I", "\u0130"}, {"1", "\uFF11"}, {"0", "\uFF10"}}) {
      if (p.equals(pair[1]) && s.contains(pair[0]) && rnd.nextBoolean()) {
        int at = s.indexOf(pair[0], rnd.nextInt(s.length()));
        at = at < 0 ? s.indexOf(pair[0]) : at;
        return s.substring(0, at) + p + s.substring(at + 1);
      }
    }
    int at = rnd.nextInt(s.length() + 1);
    return s.substring(0, at) + p + s.substring(at);
  }

  /** {@code s} cut or filled with word characters to {@code length} UTF-16 units. */
  private String pad(String s, int length) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < length) {
      b.append(pick("abcdefghijklmnopqrstuvwxyz0123456789-"));
    }
    return b.substring(0, length);
  }

  private String random(int length) {
    String ascii = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(rnd.nextInt(12) == 0 ? pick(PROBES) : String.valueOf(pick(ascii)));
    }
    return b.toString();
  }

  private int length() {
    return lengths.isEmpty() ? 1 + rnd.nextInt(20) : pick(lengths);
  }

  private String pod(int n) {
    // Mostly the suffix alphabet; sometimes a vowel, a 0 or an upper-case letter, which it never holds.
    StringBuilder s = new StringBuilder(fromClass(podAlphabet, n));
    if (rnd.nextInt(4) == 0) {
      s.setCharAt(rnd.nextInt(n), pick("aeiou01B"));
    }
    return s.toString();
  }

  private String word(int n) {
    return fromClass("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", n);
  }

  private String letters(int n) {
    return fromClass("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", n);
  }

  private String digits(int n) {
    return fromClass("0123456789", n);
  }

  private String fromClass(String chars, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(pick(chars));
    }
    return s.toString();
  }

  private String flipCase(String s) {
    StringBuilder b = new StringBuilder(s);
    for (int i = 0; i < b.length(); i++) {
      char c = b.charAt(i);
      if (c < 128 && rnd.nextBoolean()) { // ASCII only: the probes bring the other foldings
        b.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
      }
    }
    return b.toString();
  }

  /**
   * {@code n} characters from {@code usual}, or one time in {@code rareOneIn} from {@code rare},
   * each followed one time in {@code separatorOneIn} by one of {@code separators}.
   */
  private String run(int n, String usual, String rare, int rareOneIn, String separators, int separatorOneIn) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(rnd.nextInt(rareOneIn) == 0 ? pick(rare) : pick(usual));
      if (rnd.nextInt(separatorOneIn) == 0) {
        s.append(pick(separators));
      }
    }
    return s.toString();
  }

  private char pick(String chars) {
    return chars.charAt(rnd.nextInt(chars.length()));
  }

  private <T> T pick(List<T> values) {
    return values.get(rnd.nextInt(values.size()));
  }
}
