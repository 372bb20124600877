package com.goteleport.tbot.otel.consent;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.internal.env.GoBool;
import com.goteleport.tbot.otel.internal.env.VariableNames;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The user's decision on anonymous analytics. The rule: the event is sent only if at least one
 * source says yes and none says no. Immutable.
 *
 * <p>Sources of yes: the {@code --anonymous-analytics} flag, {@code anonymous_analytics: true} in
 * tbot's YAML, {@code TELEPORT_ANONYMOUS_TELEMETRY} set to a true value of Go's {@code
 * strconv.ParseBool} ({@code 1}, {@code t}, {@code true}, ...). Sources of no: {@code
 * --no-anonymous-analytics}, {@code anonymous_analytics: false}, {@code
 * TELEPORT_ANONYMOUS_TELEMETRY} set to any other value but blanks ({@code 0}, {@code off}, {@code
 * disabled}, {@code yes}: tbot turns its telemetry on for a true value only, and a value meant as a
 * no must not be outvoted by a flag), {@code DO_NOT_TRACK} set to anything
 * but empty, {@code 0} or {@code false} (any case, nothing around it), and {@code
 * OTEL_SDK_DISABLED=true} or the JVM's {@code
 * -Dotel.sdk.disabled=true} (OpenTelemetry Java reads the property as it reads the variable), under
 * any spelling OpenTelemetry Java reads as the same: a variable's name in any case with {@code _}
 * or {@code .} ({@code otel_sdk_disabled}), a property's in any case with {@code -} or {@code .}
 * ({@code -Dotel-sdk-disabled}). The two
 * opt-out variables are read from the process's environment as well as from the map a caller gives:
 * a caller's map can add a no but never hide the process's. A property or variable that a
 * SecurityManager keeps from tbot-otel is a no: it may have been set. On Windows a variable's name
 * is read in any case, as Windows (and tbot) reads it.
 *
 * <p>A value: two decisions are equal when they grant or refuse alike and the same source decided
 * (the same {@link #reason}).
 */
public final class Consent {

  /** Environment variable today's Go tbot reads for consent. */
  public static final String ENV_TELEPORT = "TELEPORT_ANONYMOUS_TELEMETRY";
  /** The cross-tool opt-out (consoledonottrack.com). */
  public static final String ENV_DO_NOT_TRACK = "DO_NOT_TRACK";
  /** OpenTelemetry's own switch; {@code true} disables this exporter too. */
  public static final String ENV_OTEL_SDK_DISABLED = "OTEL_SDK_DISABLED";
  /** The system property OpenTelemetry Java reads as {@link #ENV_OTEL_SDK_DISABLED}; {@code true} is a no too. */
  public static final String PROPERTY_OTEL_SDK_DISABLED = "otel.sdk.disabled";

  // Windows reads a variable's name in any case (Go's os.Getenv, which tbot reads consent with,
  // too), but the JDK's System.getenv() map there is case-sensitive.
  private static final boolean WINDOWS = VariableNames.windows();

  private static final Consent DENIED_BY_DEFAULT = new Consent(false, false, "no source opted in");
  // A no spelled out (normalized): Go's false values and a person's no. Any other value is a no too,
  // and its reason says why (UNCLEAR_TELEPORT_NO).
  private static final Set<String> SPELLED_NO = Set.of("0", "f", "false", "no", "n", "off");
  // The no of a value that is no spelling of false: the likeliest reason a user expected a send.
  private static final String UNCLEAR_TELEPORT_NO = ENV_TELEPORT + " opts in only with 1, t or true (T, TRUE, True),"
      + " as tbot reads it; any other value says no";

  private final boolean granted;
  private final boolean refused;
  private final String reason;

  private Consent(boolean granted, boolean refused, String reason) {
    this.granted = granted;
    this.refused = refused;
    this.reason = reason;
  }

  /**
   * Resolves consent from every source: these arguments, the JVM's {@value
   * #PROPERTY_OTEL_SDK_DISABLED} system property, whose {@code true} is a no as the variable's is,
   * and the process's own {@value #ENV_DO_NOT_TRACK} and {@value #ENV_OTEL_SDK_DISABLED}, so that
   * an {@code env} other than {@link System#getenv()} cannot drop their no; the variable and the
   * property also under the other spellings OpenTelemetry Java reads (see the class).
   *
   * @param flag the CLI flag: {@code true} for {@code --anonymous-analytics}, {@code false} for
   *     {@code --no-anonymous-analytics}, {@code null} when absent
   * @param configFile {@code anonymous_analytics} from tbot's YAML, {@code null} when absent
   * @param env the process environment, or the settings the caller resolves consent from
   * @return the decision; never {@code null}. Nothing is thrown for what cannot be read: a source
   *     kept from tbot-otel (a SecurityManager, a JVM that cannot read its environment, a map that
   *     throws as it is read) counts as a no
   */
  public static Consent resolve(
      @Nullable Boolean flag, @Nullable Boolean configFile, Map<String, String> env) {
    return resolve(flag, configFile, env, WINDOWS);
  }

  // Visible for testing
  static Consent resolve(
      @Nullable Boolean flag, @Nullable Boolean configFile, Map<String, String> env, boolean windows) {
    requireNonNull(env, "env");
    @Nullable String yes = null;
    Source[] sources = {
      new Source(Boolean.FALSE.equals(flag) ? "--no-anonymous-analytics" : "--anonymous-analytics", flagVote(flag)),
      new Source("anonymous_analytics in tbot's config", flagVote(configFile)),
      variable(env, ENV_TELEPORT, windows),
      variable(env, ENV_DO_NOT_TRACK, windows),
      variable(env, ENV_OTEL_SDK_DISABLED, windows),
      otelDisabledSpelling(env),
      processVariable(ENV_DO_NOT_TRACK),
      processVariable(ENV_OTEL_SDK_DISABLED),
      otelDisabledSpelling(processEnvironment()),
      otelDisabledProperty(),
    };
    for (Source source : sources) {
      if (source.vote == Vote.NO) {
        return new Consent(false, true, source.no != null ? source.no : source.name + " says no");
      }
      if (source.vote == Vote.YES && yes == null) {
        yes = source.name;
      }
    }
    return yes != null ? new Consent(true, false, yes + " says yes") : DENIED_BY_DEFAULT;
  }

  /**
   * Whether the variable {@code name} ({@value #ENV_TELEPORT}, {@value #ENV_DO_NOT_TRACK} or {@value
   * #ENV_OTEL_SDK_DISABLED}, exactly) set to {@code value} says no by itself: unlike {@link
   * #resolve}, the process's own variables and the system property are not read, so their no makes
   * no other value a no. False for any other name.
   *
   * @param name the variable's exact name
   * @param value its value, or {@code null} when unset
   * @return {@code true} if that value of that variable opts out
   */
  public static boolean saysNo(String name, @Nullable String value) {
    return (name.equals(ENV_TELEPORT) || name.equals(ENV_DO_NOT_TRACK) || name.equals(ENV_OTEL_SDK_DISABLED))
        && vote(name, value) == Vote.NO;
  }

  /**
   * A decision with no sources: denied. {@link #resolve} gives an equal one when no source votes.
   *
   * @return the denied decision, {@code "no source opted in"}
   */
  public static Consent denied() {
    return DENIED_BY_DEFAULT;
  }

  /**
   * Whether the event may be sent.
   *
   * @return {@code true} if a source said yes and none said no
   */
  public boolean granted() {
    return granted;
  }

  /**
   * Whether a source said no outright. A "no" is final whatever the other sources say, so a caller
   * that resolves the flag and the environment first can stop before reading the config file.
   *
   * @return {@code true} if a source said no
   */
  public boolean refused() {
    return refused;
  }

  /**
   * Which source decided: for debug output, and in the notice a host shows its user (the first
   * source that says yes: the flag, the config's key, then the variable). Names a source only,
   * never a value or a path.
   *
   * @return e.g. {@code "DO_NOT_TRACK says no"}; never {@code null}
   */
  public String reason() {
    return reason;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Consent)) {
      return false;
    }
    Consent that = (Consent) o;
    return granted == that.granted && refused == that.refused && reason.equals(that.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(granted, refused, reason);
  }

  /** The decision and its reason, e.g. {@code Consent{denied: DO_NOT_TRACK says no}}. */
  @Override
  public String toString() {
    return "Consent{" + (granted ? "granted" : "denied") + ": " + reason + "}";
  }

  private static Vote flagVote(@Nullable Boolean value) {
    return value == null ? Vote.ABSTAIN : value ? Vote.YES : Vote.NO;
  }

  /**
   * Yes exactly where today's tbot, reading the variable with Go's {@code strconv.ParseBool}, turns
   * its telemetry on; no for any other value but nothing or spaces (unset): tbot leaves its
   * telemetry off for each, and one may be meant as a no ({@code off}, {@code disabled}, {@code
   * never}, {@code -1}), which any yes elsewhere must not outvote.
   */
  static Vote teleportVote(@Nullable String value) {
    if (value != null && GoBool.TRUE.contains(value)) {
      return Vote.YES;
    }
    return normalize(value).isEmpty() ? Vote.ABSTAIN : Vote.NO;
  }

  /** Whether {@code value} says no without being a spelling of false: its no says why. */
  private static boolean unclearTeleportNo(@Nullable String value) {
    return teleportVote(value) == Vote.NO && !SPELLED_NO.contains(normalize(value));
  }

  static Vote doNotTrackVote(@Nullable String value) {
    // Not trimmed: " " or "0 " is set to something other than the three ways of saying "not set".
    String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
    return v.isEmpty() || v.equals("0") || v.equals("false") ? Vote.ABSTAIN : Vote.NO;
  }

  static Vote otelDisabledVote(@Nullable String value) {
    return normalize(value).equals("true") ? Vote.NO : Vote.ABSTAIN;
  }

  /** An opt-out variable as the process has it, whatever map the caller passed. */
  private static Source processVariable(String name) {
    try {
      String value = System.getenv(name);
      return new Source(name, name.equals(ENV_DO_NOT_TRACK) ? doNotTrackVote(value) : otelDisabledVote(value));
    } catch (SecurityException e) {
      return new Source(name, Vote.NO, name + " cannot be read (the SecurityManager denies it), so it may say no");
    } catch (Error e) {
      // From JDK 25 the environment is decoded with ProcessImpl's charset, whose class initializer
      // throws for an unknown -Djdk.lang.Process.launchMechanism (a JAVA_TOOL_OPTIONS typo); after
      // the first read, a NoClassDefFoundError whose cause has its words.
      Throwable cause = e.getCause();
      return new Source(name, Vote.NO, name + " cannot be read ("
          + (cause != null ? e + ": " + cause.getMessage() : e) + "), so it may say no");
    }
  }

  /** {@code name}'s vote in {@code env}, as a source. */
  private static Source variable(Map<String, String> env, String name, boolean windows) {
    try {
      Vote vote = variableVote(env, name, windows);
      boolean unclear = vote == Vote.NO && name.equals(ENV_TELEPORT) && (unclearTeleportNo(env.get(name))
          || windows && VariableNames.valuesInAnyCase(env, name).stream().anyMatch(Consent::unclearTeleportNo));
      return new Source(name, vote, unclear ? UNCLEAR_TELEPORT_NO : null);
    } catch (RuntimeException e) {
      return unlisted(e);
    }
  }

  // A caller's map that throws as it is listed (changed by another thread meanwhile, say): never a
  // throw into the host, and a no that cannot be ruled out is a no.
  private static Source unlisted(RuntimeException e) {
    return new Source("the variables", Vote.NO, "the variables cannot be listed (" + e + "), so they may say no");
  }

  /**
   * {@code name}'s vote in {@code env}. On Windows every name that differs from it only in case
   * votes too: a host's copy of System.getenv() there may hold two, one variable to Windows, which
   * tbot reads in whichever comes first; a no under either is a no.
   */
  private static Vote variableVote(Map<String, String> env, String name, boolean windows) {
    Vote vote = vote(name, env.get(name));
    if (windows) {
      for (String value : VariableNames.valuesInAnyCase(env, name)) {
        Vote other = vote(name, value);
        vote = vote == Vote.NO || other == Vote.NO ? Vote.NO : vote == Vote.ABSTAIN ? other : vote;
      }
    }
    return vote;
  }

  private static Vote vote(String name, @Nullable String value) {
    return name.equals(ENV_TELEPORT) ? teleportVote(value)
        : name.equals(ENV_DO_NOT_TRACK) ? doNotTrackVote(value) : otelDisabledVote(value);
  }

  /**
   * A no under another spelling of {@value #ENV_OTEL_SDK_DISABLED} in {@code env}: OpenTelemetry Java
   * reads a variable's name in any case with {@code _} as {@code .} ({@code otel_sdk_disabled}),
   * and its SDK is off for one that says true. Abstains for {@code null} (no environment to read).
   */
  private static Source otelDisabledSpelling(@Nullable Map<String, String> env) {
    if (env != null) {
      try {
        for (Map.Entry<String, String> e : env.entrySet()) {
          if (otelDisabledName(e.getKey(), '_') && otelDisabledVote(e.getValue()) == Vote.NO) {
            return new Source(e.getKey(), Vote.NO);
          }
        }
      } catch (RuntimeException e) {
        return unlisted(e);
      }
    }
    return new Source(ENV_OTEL_SDK_DISABLED, Vote.ABSTAIN);
  }

  // The process's variables, or null where they cannot be read: a SecurityManager may let the exact
  // names be read (processVariable) and not the rest, and a JVM that reads none says no there.
  @Nullable
  private static Map<String, String> processEnvironment() {
    try {
      return System.getenv();
    } catch (SecurityException | Error e) {
      return null;
    }
  }

  /**
   * A no under another spelling of {@value #PROPERTY_OTEL_SDK_DISABLED} among the JVM's properties
   * ({@code -Dotel-sdk-disabled}, {@code -DOTEL.SDK.DISABLED}), as OpenTelemetry Java reads them.
   * Where a SecurityManager lets the property be read but not all of them be listed, the exact name
   * alone counts.
   */
  private static Source otelDisabledPropertySpelling() {
    try {
      for (Map.Entry<Object, Object> p : System.getProperties().entrySet()) {
        if (otelDisabledName(p.getKey(), '-') && otelDisabledVote(String.valueOf(p.getValue())) == Vote.NO) {
          return new Source("-D" + p.getKey(), Vote.NO);
        }
      }
    } catch (RuntimeException listing) {
      // a SecurityManager's refusal: the exact name was read
    }
    return new Source("-D" + PROPERTY_OTEL_SDK_DISABLED, Vote.ABSTAIN);
  }

  // As OpenTelemetry Java's ConfigUtil and DefaultConfigProperties read a name: lower case, and '_'
  // (variables) or '-' (properties) as '.'. Compared a character at a time, with no lower-cased copy
  // of every name, as this runs over the whole environment and every property on the host's start;
  // a name past ASCII is lower-cased whole, as OpenTelemetry does (U+0130 becomes two chars).
  private static boolean otelDisabledName(@Nullable Object name, char separator) {
    if (name == null) {
      return false;
    }
    String s = name.toString(); // OpenTelemetry reads a property's key by toString() too
    int n = PROPERTY_OTEL_SDK_DISABLED.length();
    if (s.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c > 0x7f) {
        return s.toLowerCase(Locale.ROOT).replace(separator, '.').equals(PROPERTY_OTEL_SDK_DISABLED);
      }
      char want = PROPERTY_OTEL_SDK_DISABLED.charAt(i);
      if (want == '.' ? c != '.' && c != separator : Character.toLowerCase(c) != want) {
        return false;
      }
    }
    return true;
  }

  private static Source otelDisabledProperty() {
    String name = "-D" + PROPERTY_OTEL_SDK_DISABLED;
    try {
      if (otelDisabledVote(System.getProperty(PROPERTY_OTEL_SDK_DISABLED)) == Vote.NO) {
        return new Source(name, Vote.NO);
      }
    } catch (SecurityException e) {
      // A SecurityManager that keeps the property from tbot-otel does not mean it is unset: a no
      // that cannot be ruled out is a no (fail closed).
      return new Source(name, Vote.NO, name + " cannot be read (the SecurityManager denies it), so it may say no");
    }
    return otelDisabledPropertySpelling();
  }

  private static String normalize(@Nullable String value) {
    return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
  }

  private static final class Source {
    final String name;
    final Vote vote;
    @Nullable final String no; // the reason when the vote is no; null: "NAME says no", made only then

    Source(String name, Vote vote) {
      this(name, vote, null);
    }

    Source(String name, Vote vote, @Nullable String no) {
      this.name = name;
      this.vote = vote;
      this.no = no;
    }
  }
}
