package com.goteleport.tbot.otel.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Where tbot's YAML config comes from, found as tbot finds it: the file of {@code -c} (an empty
 * {@code -c} is no file), else of {@value #ENV_CONFIG_PATH}; or the base64 text of {@value
 * #ENV_CONFIG}; or nowhere. Immutable.
 */
public final class TbotConfigSource {

  /** tbot's variable for its config file, read when {@code -c} is not given at all. */
  public static final String ENV_CONFIG_PATH = "TBOT_CONFIG_PATH";
  /** tbot's variable for its whole config, as base64 text (its hidden {@code --config-string}). */
  public static final String ENV_CONFIG = "TBOT_CONFIG";

  private static final TbotConfigSource NONE = new TbotConfigSource(null, null);

  @Nullable private final Path file;
  @Nullable private final String base64;

  private TbotConfigSource(@Nullable Path file, @Nullable String base64) {
    this.file = file;
    this.base64 = base64;
  }

  /**
   * Finds the config as tbot would.
   *
   * @param flag {@code -c}: {@code null} if not given, an empty path if given empty
   * @throws ConfigException if {@value #ENV_CONFIG_PATH} is not a path, or a file and {@value
   *     #ENV_CONFIG} are both given (tbot refuses that too)
   */
  public static TbotConfigSource resolve(@Nullable Path flag, Map<String, String> env) throws ConfigException {
    Path file;
    if (flag != null) {
      file = flag.toString().isEmpty() ? null : flag;
    } else {
      String fromEnv = env.get(ENV_CONFIG_PATH);
      try {
        file = fromEnv == null || fromEnv.isEmpty() ? null : Path.of(fromEnv);
      } catch (InvalidPathException e) {
        throw new ConfigException(ENV_CONFIG_PATH + " is not a valid path; give tbot's YAML config file.");
      }
    }
    String base64 = env.get(ENV_CONFIG);
    if (base64 == null || base64.isEmpty()) {
      return file == null ? NONE : new TbotConfigSource(file, null);
    }
    if (file != null) {
      throw new ConfigException(ENV_CONFIG + " and a config file are both given; tbot takes only one, "
          + "so unset " + ENV_CONFIG + " or drop -c/" + ENV_CONFIG_PATH + ".");
    }
    return new TbotConfigSource(null, base64);
  }

  /** The config; {@link TbotConfig#EMPTY} when there is none. */
  public TbotConfig read() throws ConfigException {
    if (file != null) {
      return TbotConfigReader.read(file);
    }
    return base64 == null ? TbotConfig.EMPTY : TbotConfigReader.readBase64(base64, ENV_CONFIG);
  }

  /** {@code anonymous_analytics} alone, as {@link TbotConfigReader#readConsent(Path)} reads it. */
  @Nullable
  public Boolean readConsent() throws ConfigException {
    if (file != null) {
      return TbotConfigReader.readConsent(file);
    }
    return base64 == null ? null : TbotConfigReader.readConsentBase64(base64, ENV_CONFIG);
  }
}
