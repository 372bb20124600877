package com.goteleport.tbot.otel.event;

import java.util.Locale;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Applies each attribute's rule from {@link Attribute} to a raw value, so that no free-form string
 * from a config file or the environment can reach the event.
 */
final class Sanitizer {

  // A token-like run: long, and mixing letters with digits, as API keys and JWT segments do.
  private static final Pattern SECRET_RUN = Pattern.compile("[A-Za-z0-9]{20,}");
  private static final Pattern LETTER = Pattern.compile("[A-Za-z]");
  private static final Pattern DIGIT = Pattern.compile("[0-9]");
  private static final String[] SECRET_PREFIXES = {
    "eyj", "ghp_", "gho_", "ghs_", "ghu_", "ghr_", "github_pat_", "glpat-", "akia", "asia", "xox",
    "sk-", "sk_live", "bearer"
  };

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
    return attribute.required() || !looksLikeSecret(raw);
  }

  /** True for strings shaped like credentials; free-form optional values must not carry one. */
  static boolean looksLikeSecret(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    for (String prefix : SECRET_PREFIXES) {
      if (lower.startsWith(prefix) || lower.contains(":" + prefix) || lower.contains("/" + prefix)) {
        return true;
      }
    }
    var runs = SECRET_RUN.matcher(value);
    while (runs.find()) {
      String run = runs.group();
      if (LETTER.matcher(run).find() && DIGIT.matcher(run).find()) {
        return true;
      }
    }
    return false;
  }
}
