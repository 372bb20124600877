package com.goteleport.tbot.otel.internal.env;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Where a variable's name has no case, and its values under every spelling. On Windows tbot reads
 * its variables with Go's os.Getenv, which finds {@code tbot_config_path} for {@code
 * TBOT_CONFIG_PATH}, but the JDK's {@code System.getenv()} map there is case-sensitive, and a
 * host's copy of it may hold one variable under two spellings. What spellings that disagree mean is
 * the caller's to say: for consent a no among them wins, a config source is refused, an attribute
 * is not sent. Nothing here loads OpenTelemetry: consent reads it with consent off.
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public final class VariableNames {

  /**
   * The variables the send's proxy selector reads, and all a builder keeps of a host's
   * environment for it; a name read there and missing here would be dropped without a word.
   */
  public static final List<String> PROXY = List.of(
      "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "REQUEST_METHOD");

  private VariableNames() {}

  /**
   * Whether this JVM runs on Windows, where a variable's name has no case.
   *
   * @return {@code true} on Windows; {@code false} elsewhere, or where a SecurityManager keeps
   *     {@code os.name} from tbot-otel
   */
  public static boolean windows() {
    try {
      return System.getProperty("os.name", "").startsWith("Windows");
    } catch (SecurityException e) {
      return false;
    }
  }

  /**
   * The values {@code env} holds under {@code name} in any case, the exact name's among them, in
   * {@code env}'s order; a {@code null} value as it is. Whatever listing {@code env} throws is
   * thrown.
   *
   * @param env the variables
   * @param name the variable's name
   * @return the values, unmodifiable; empty where no spelling is there
   */
  public static List<String> valuesInAnyCase(Map<String, String> env, String name) {
    requireNonNull(env, "env");
    requireNonNull(name, "name");
    List<String> values = new ArrayList<>(1);
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (name.equalsIgnoreCase(e.getKey())) {
        values.add(e.getValue());
      }
    }
    return Collections.unmodifiableList(values);
  }

  /**
   * The one value {@code env} holds under {@code name} in any case: the exact name's, else the one
   * its other spellings share; spellings mapped to {@code null} count as unset, an empty value as
   * set. Whatever listing {@code env} throws is thrown.
   *
   * @param env the variables
   * @param name the variable's name
   * @return the value, or {@code null} where no spelling is set
   * @throws IllegalArgumentException if two spellings hold different values, as {@link #agreed}
   */
  @Nullable
  public static String agreedInAnyCase(Map<String, String> env, String name) {
    String exact = env.get(requireNonNull(name, "name"));
    return agreed(exact, valuesInAnyCase(env, name));
  }

  /**
   * {@code name}'s value as tbot reads it: by the exact name, or in any case on Windows ({@code
   * windows}, as {@link #agreedInAnyCase}); {@code null} where it cannot be told (two spellings
   * that disagree, or {@code env} throwing as it is read) as where it is unset.
   *
   * @param env the variables
   * @param name the variable's name
   * @param windows whether a name is read in any case
   * @return the value, or {@code null}
   */
  @Nullable
  public static String toldOrNull(Map<String, String> env, String name, boolean windows) {
    requireNonNull(env, "env"); // a caller's bug, not a value that cannot be told
    requireNonNull(name, "name");
    try {
      return windows ? agreedInAnyCase(env, name) : env.get(name);
    } catch (RuntimeException disagreementOrUnreadable) {
      return null;
    }
  }

  /**
   * The one value of {@code exact} and {@code spellings}: {@code exact}, else the one the spellings
   * share; {@code null}s count as unset. Reads no map, so a caller that must tell a disagreement
   * from a host's map that throws lists the map first ({@link #valuesInAnyCase}) and calls this
   * after.
   *
   * @param exact the exact name's value, or {@code null}
   * @param spellings the values under every spelling, as {@link #valuesInAnyCase} gives them
   * @return the value, or {@code null} where none is set
   * @throws IllegalArgumentException if two values differ: which of them tbot reads is unknown, and
   *     the caller words what that means. A JDK type, not one of ours: a class of our own would be
   *     loaded (by the verifier) on the path without consent.
   */
  @Nullable
  public static String agreed(@Nullable String exact, List<String> spellings) {
    String value = exact;
    for (String other : spellings) {
      if (other != null && !other.equals(value)) {
        if (value != null) {
          throw new IllegalArgumentException("two spellings of one variable hold different values");
        }
        value = other;
      }
    }
    return value;
  }
}
