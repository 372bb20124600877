package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A config's transform/scrub log statements run in Java, in their order, on one record's attributes
 * (a {@link String} for an OTLP stringValue, a {@link Long} for an intValue): what the collector
 * keeps of them. It knows the statements {@link AllowlistDriftTest} parses (types, lengths, clamps,
 * the parts rule, the value rules, the helper screen, helper_version's need of a helper) and those
 * that rebuild the map; any other statement that reads or writes the attributes fails the run, so a
 * new kind of rule is not skipped unnoticed. Its regular expressions run with RE2's meaning where
 * Java's differs on the cases: {@code $} is the end of the value only (Java's also matches before a
 * final line break) and only {@code \n} ends a line.
 */
final class ScrubRun {

  private static final Pattern ACTION = Pattern.compile("delete_key\\(log\\.attributes, \"([^\"]+)\"\\)"
      + "|set\\(log\\.attributes\\[\"([^\"]+)\"\\], \"([^\"]*)\"\\)");
  private static final Pattern SCREEN = Pattern.compile(
      "delete_key\\(log\\.attributes, \"([^\"]+)\"\\) where IsString\\(log\\.attributes\\[\"\\1\"\\]\\)"
          + " and IsMatch\\(log\\.attributes\\[\"\\1\"\\], \"(.*)\"\\)");
  private static final Pattern COPY = Pattern.compile(
      "set\\(log\\.cache\\[\"([^\"]+)\"\\], Concat\\(\\[\" \", log\\.attributes\\[\"([^\"]+)\"\\], \" \"\\], \"\"\\)\\)"
          + " where IsString\\(log\\.attributes\\[\"\\2\"\\]\\)");
  private static final Pattern REPLACE =
      Pattern.compile("replace_pattern\\(log\\.cache\\[\"([^\"]+)\"\\], \"(.*?)\", \"(.*?)\"\\)");
  private static final Pattern CACHE_MATCH = Pattern.compile(
      "delete_key\\(log\\.attributes, \"([^\"]+)\"\\) where IsMatch\\(log\\.cache\\[\"([^\"]+)\"\\], \"(.*)\"\\)");
  private static final Pattern NEEDS = Pattern.compile(
      "delete_key\\(log\\.attributes, \"([^\"]+)\"\\) where log\\.attributes\\[\"([^\"]+)\"\\] == nil");
  private static final Pattern NEW_MAP = Pattern.compile("set\\(log\\.cache\\[\"([^\"]+)\"\\], \\{\\}\\)");
  private static final Pattern PUT = Pattern.compile(
      "set\\(log\\.cache\\[\"([^\"]+)\"\\]\\[\"([^\"]+)\"\\], log\\.attributes\\[\"\\2\"\\]\\)"
          + " where log\\.attributes\\[\"\\2\"\\] != nil");
  private static final Pattern FROM_MAP = Pattern.compile("set\\(log\\.attributes, log\\.cache\\[\"([^\"]+)\"\\]\\)");

  private ScrubRun() {}

  /**
   * Runs {@code log} on a copy of {@code attributes}.
   *
   * @param log the transform's log statements, in order
   * @param attributes the record's attributes as received
   * @return what is left of them after the statements
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> apply(List<String> log, Map<String, Object> attributes) {
    Map<String, Object> attrs = new LinkedHashMap<>(attributes);
    Map<String, Object> cache = new LinkedHashMap<>();
    for (String s : log) {
      Matcher m;
      if (!s.contains("log.attributes") && !s.contains("log.cache")) {
        continue; // body, times, trace context, severity: no attribute
      } else if ((m = AllowlistDriftTest.KEEP_KEYS.matcher(s)).matches()) {
        attrs.keySet().retainAll(List.of(m.group(1).replace("\"", "").split(",\\s*")));
      } else if (s.equals("merge_maps(log.cache, log.attributes, \"insert\")")) {
        attrs.forEach(cache::putIfAbsent);
      } else if (s.equals("set(log.attributes, log.cache)")) {
        attrs = new LinkedHashMap<>(cache);
      } else if ((m = AllowlistDriftTest.TYPE.matcher(s)).matches()) {
        Object v = attrs.get(m.group(1));
        if (v != null && !(m.group(2).equals("IsString") ? v instanceof String : v instanceof Long)) {
          attrs.remove(m.group(1));
        }
      } else if ((m = AllowlistDriftTest.LENGTH.matcher(s)).matches()) {
        // OTTL's Len counts a string's bytes; a value that is not ASCII fails its value rule anyway.
        if (attrs.get(m.group(2)) instanceof String v
            && v.getBytes(StandardCharsets.UTF_8).length > Integer.parseInt(m.group(3))) {
          act(m.group(1), attrs);
        }
      } else if ((m = AllowlistDriftTest.CLAMP.matcher(s)).matches()) {
        if (attrs.get(m.group(1)) instanceof Long v) {
          long bound = Long.parseLong(m.group(4));
          if (m.group(3).equals("<") ? v < bound : v > bound) {
            attrs.put(m.group(1), Long.parseLong(m.group(2)));
          }
        }
      } else if ((m = AllowlistDriftTest.PARTS_OVER.matcher(s)).matches()) {
        Map<String, Object> a = attrs;
        if (AllowlistDriftTest.keysIn(m.group(2)).stream().allMatch(k -> a.get(k) instanceof Long)) {
          long sum = AllowlistDriftTest.keysIn(m.group(3)).stream().mapToLong(k -> (Long) a.get(k)).sum();
          if (sum > (Long) attrs.get(m.group(4))) {
            cache.put(m.group(1), Boolean.TRUE);
          }
        }
      } else if ((m = AllowlistDriftTest.PART_RESET.matcher(s)).matches()) {
        if (Boolean.TRUE.equals(cache.get(m.group(3)))) {
          attrs.put(m.group(1), Long.parseLong(m.group(2)));
        }
      } else if ((m = AllowlistDriftTest.VALUE_RULE.matcher(s)).matches()) {
        if (attrs.get(m.group(2)) instanceof String v && !re2(m.group(3)).matcher(v).find()) {
          act(m.group(1), attrs);
        }
      } else if ((m = SCREEN.matcher(s)).matches()) {
        if (attrs.get(m.group(1)) instanceof String v && re2(m.group(2)).matcher(v).find()) {
          attrs.remove(m.group(1));
        }
      } else if ((m = COPY.matcher(s)).matches()) {
        if (attrs.get(m.group(2)) instanceof String v) {
          cache.put(m.group(1), " " + v + " ");
        }
      } else if ((m = REPLACE.matcher(s)).matches()) {
        String with = AllowlistDriftTest.ottlUnescape(m.group(3));
        assertTrue(!with.contains("$"), "a replacement that expands $: teach ScrubRun: " + s);
        if (cache.get(m.group(1)) instanceof String v) {
          cache.put(m.group(1), re2(m.group(2)).matcher(v).replaceAll(with));
        }
      } else if ((m = CACHE_MATCH.matcher(s)).matches()) {
        if (cache.get(m.group(2)) instanceof String v && re2(m.group(3)).matcher(v).find()) {
          attrs.remove(m.group(1));
        }
      } else if ((m = NEEDS.matcher(s)).matches()) {
        if (attrs.get(m.group(2)) == null) {
          attrs.remove(m.group(1));
        }
      } else if ((m = NEW_MAP.matcher(s)).matches()) {
        cache.put(m.group(1), new LinkedHashMap<String, Object>());
      } else if ((m = PUT.matcher(s)).matches()) {
        if (attrs.get(m.group(2)) != null) {
          ((Map<String, Object>) cache.get(m.group(1))).put(m.group(2), attrs.get(m.group(2)));
        }
      } else if ((m = FROM_MAP.matcher(s)).matches()) {
        attrs = new LinkedHashMap<>((Map<String, Object>) cache.get(m.group(1)));
      } else {
        throw new AssertionError("a statement on the attributes ScrubRun does not know (teach it): " + s);
      }
    }
    return attrs;
  }

  /** Applies a rule's action: the fallback set, or the attribute removed. */
  private static void act(String action, Map<String, Object> attrs) {
    Matcher a = ACTION.matcher(action);
    assertTrue(a.matches(), "an action ScrubRun does not know: " + action);
    if (a.group(1) != null) {
      attrs.remove(a.group(1));
    } else {
      attrs.put(a.group(2), a.group(3));
    }
  }

  /**
   * An OTTL regular expression (as the YAML quotes it) compiled to match as RE2 does on the cases:
   * {@code $} outside a class is the end of the value ({@code \z}), and only {@code \n} ends a line.
   */
  static Pattern re2(String quoted) {
    String regex = AllowlistDriftTest.ottlUnescape(quoted);
    StringBuilder out = new StringBuilder();
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        out.append(c).append(regex.charAt(++i));
        continue;
      }
      if (c == '[' && !inClass) {
        inClass = true;
      } else if (c == ']' && inClass && out.charAt(out.length() - 1) != '[') {
        inClass = false;
      }
      out.append(!inClass && c == '$' ? "\\z" : String.valueOf(c));
    }
    return Pattern.compile(out.toString(), Pattern.UNIX_LINES);
  }
}
