package com.goteleport.tbot.otel.config;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.internal.env.VariableNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Where tbot's YAML config comes from, found as tbot finds it: the file of {@code -c} (an empty
 * {@code -c} is no file), else of {@value #ENV_CONFIG_PATH}; or the base64 text of {@value
 * #ENV_CONFIG} (or tbot's {@code --config-string}); or nowhere. On Windows, as tbot there, the
 * variables' names are read in any case. Immutable.
 */
public final class TbotConfigSource {

  /** tbot's variable for its config file, read when {@code -c} is not given at all. */
  public static final String ENV_CONFIG_PATH = "TBOT_CONFIG_PATH";
  /** tbot's variable for its whole config, as base64 text (its hidden {@code --config-string}). */
  public static final String ENV_CONFIG = "TBOT_CONFIG";

  /** tbot's hidden flag for the same base64 text, which wins over {@value #ENV_CONFIG}. */
  static final String FLAG_CONFIG_STRING = "--config-string";

  private static final TbotConfigSource NONE = new TbotConfigSource(null, TbotConfigReader.FLAG, null, null);

  @Nullable private final Path file;
  private final String givenBy;
  @Nullable private final String base64;
  @Nullable private final String base64By;

  private TbotConfigSource(
      @Nullable Path file, String givenBy, @Nullable String base64, @Nullable String base64By) {
    this.file = file;
    this.givenBy = givenBy;
    this.base64 = base64;
    this.base64By = base64By;
  }

  /**
   * Finds the config as tbot would.
   *
   * @param flag {@code -c}: {@code null} if not given, an empty path if given empty
   * @param env the process environment, or the settings the caller finds the config from
   * @return where the config comes from
   * @throws ConfigException if {@code flag}, or else {@value #ENV_CONFIG_PATH}, is not a path this
   *     JVM can open, or a file and {@value #ENV_CONFIG} are both given (tbot refuses that too), or,
   *     on Windows, {@code env} holds one of the two variables under two spellings with different
   *     values (which one tbot reads is unknown)
   */
  public static TbotConfigSource resolve(@Nullable String flag, Map<String, String> env) throws ConfigException {
    return resolve(flag, null, env);
  }

  /**
   * As {@link #resolve(String, Map)}, with tbot's {@code --config-string} (base64 YAML), which
   * takes the place of {@value #ENV_CONFIG} when given.
   *
   * @param flag {@code -c}: {@code null} if not given, an empty path if given empty
   * @param configString {@code --config-string}, or {@code null} if not given
   * @param env the process environment, or the settings the caller finds the config from
   * @return where the config comes from
   * @throws ConfigException as {@link #resolve(String, Map)} does, and if a file and {@code
   *     --config-string} are both given
   */
  public static TbotConfigSource resolve(
      @Nullable String flag, @Nullable String configString, Map<String, String> env) throws ConfigException {
    return resolve(flag, configString, env, VariableNames.windows());
  }

  // Visible for testing: windows, whether a variable's name is read in any case.
  static TbotConfigSource resolve(
      @Nullable String flag, @Nullable String configString, Map<String, String> env, boolean windows)
      throws ConfigException {
    requireNonNull(env, "env");
    Path file;
    String givenBy;
    if (flag != null) {
      givenBy = TbotConfigReader.FLAG;
      file = path(flag, givenBy);
    } else {
      givenBy = ENV_CONFIG_PATH;
      file = path(variable(env, ENV_CONFIG_PATH, windows), givenBy);
    }
    boolean fromFlag = configString != null;
    String base64 = fromFlag ? configString : variable(env, ENV_CONFIG, windows);
    String base64By = fromFlag ? FLAG_CONFIG_STRING : ENV_CONFIG;
    if (base64 == null || base64.isEmpty()) {
      return file == null ? NONE : new TbotConfigSource(file, givenBy, null, null);
    }
    if (file != null) {
      throw new ConfigException(base64By + " and a config file are both given; tbot takes only one, "
          + "so drop " + base64By + " or " + givenBy + ".");
    }
    return new TbotConfigSource(null, givenBy, base64, base64By);
  }

  /**
   * {@code name}'s value in {@code env}. On Windows tbot reads it with Go's os.Getenv, which finds a
   * name in any case ({@code tbot_config_path}), but the JDK's {@code System.getenv()} map there is
   * case-sensitive: so every name that differs from it only in case is read too, and spellings that
   * disagree (a host's map may hold two, one variable to Windows) are refused, as which of them tbot
   * reads is unknown. A map that cannot be listed is read by the exact name only.
   */
  @Nullable
  private static String variable(Map<String, String> env, String name, boolean windows) throws ConfigException {
    if (!windows) {
      return env.get(name);
    }
    String exact = env.get(name);
    List<String> spellings;
    try {
      spellings = VariableNames.valuesInAnyCase(env, name);
    } catch (RuntimeException unlistable) {
      // Listing the host's map is this method's doing, not the host's: one that cannot be listed
      // (whatever it throws) is read by the exact name, as off Windows.
      return exact;
    }
    try {
      return VariableNames.agreed(exact, spellings);
    } catch (IllegalArgumentException disagreement) {
      throw new ConfigException(name + " is set more than once, in different cases, to different values, "
          + "which Windows takes for one variable; keep one.");
    }
  }

  /** {@code null} for no file (not given, or given empty, as tbot reads an empty value). */
  @Nullable
  private static Path path(@Nullable String value, String givenBy) throws ConfigException {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new ConfigException(invalidPath(givenBy, value));
    }
  }

  /**
   * Why {@code value} is no path here: a name this JVM cannot encode (outside ASCII in the C/POSIX
   * locale), which a UTF-8 locale cures; else a NUL, or on Windows one of {@code <>:"|?*}, which
   * no locale would.
   */
  // Visible for testing
  static String invalidPath(String givenBy, String value) {
    boolean ascii = value.chars().allMatch(c -> c < 0x80);
    return givenBy + " is not a path this JVM can open; give tbot's YAML config file"
        + (ascii ? "." : " (a name outside ASCII needs a UTF-8 locale, e.g. LANG=C.UTF-8).");
  }

  /**
   * Reads the config.
   *
   * @return the config; {@link TbotConfig#EMPTY} when there is none
   * @throws ConfigException as {@link TbotConfigReader#read(Path)} does, or if the base64 text is
   *     not base64
   */
  public TbotConfig read() throws ConfigException {
    if (file != null) {
      return TbotConfigReader.read(file, givenBy);
    }
    return base64 == null ? TbotConfig.EMPTY : TbotConfigReader.readBase64(base64, base64By);
  }

  /**
   * What this config's error messages start with: the file's path as given, or the flag or variable
   * that carried its base64 text; {@code null} when there is no config.
   *
   * @return the name, or {@code null}
   */
  @Nullable
  public String name() {
    return file != null ? file.toString() : base64By;
  }

  /**
   * {@code anonymous_analytics} alone, for a caller that must know consent when the rest of the
   * config is unusable (an unknown {@code version}, a field of the wrong type): {@code null} for no
   * config, no file at the path, or no key; a key that is not a boolean, or a config that cannot be
   * read or parsed (base64 text that is not, a file that is there but unreadable, not UTF-8, too
   * large or malformed), is a {@link ConfigException}, to be taken for a no.
   *
   * @return the key's value, or {@code null}
   * @throws ConfigException if the key is not a boolean or the config cannot be read or parsed
   */
  @Nullable
  public Boolean readConsent() throws ConfigException {
    if (file != null) {
      return TbotConfigReader.readConsent(file);
    }
    return base64 == null ? null : TbotConfigReader.readConsentBase64(base64, base64By);
  }
}
