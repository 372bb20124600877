package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.config.ConfigException;
import com.goteleport.tbot.otel.config.Endpoints;
import com.goteleport.tbot.otel.config.TbotConfig;
import com.goteleport.tbot.otel.config.TbotConfigReader;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.event.RunMode;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Everything a start needs, resolved from flags, tbot's config and the environment. Bad input fails
 * in {@link #resolve}; the event itself is built only when asked for, so a start without consent
 * never runs the schema's rules.
 */
final class StartInputs {

  private final Consent consent;
  @Nullable private final URI endpoint;
  private final AnalyticsOptions options;
  private final TbotConfig config;
  private final Map<String, String> env;
  private final String defaultVersion;

  private StartInputs(Consent consent, @Nullable URI endpoint, AnalyticsOptions options, TbotConfig config,
      Map<String, String> env, String defaultVersion) {
    this.consent = consent;
    this.endpoint = endpoint;
    this.options = options;
    this.config = config;
    this.env = env;
    this.defaultVersion = defaultVersion;
  }

  /** Resolves inputs for tbot-otel itself: without --tbot-version, it reports its own version. */
  static StartInputs resolve(AnalyticsOptions options, Map<String, String> env) throws ConfigException {
    return resolve(options, env, ProjectVersion.get());
  }

  /**
   * Consent from the flag and the environment alone. When it is {@link Consent#refused()}, no config
   * file can overturn it: the caller can stop before reading anything.
   */
  static Consent consentBeforeConfig(AnalyticsOptions options, Map<String, String> env) {
    return Consent.resolve(options.anonymousAnalytics, null, env);
  }

  /** Resolves inputs, reporting {@code defaultVersion} unless --tbot-version is given. */
  static StartInputs resolve(AnalyticsOptions options, Map<String, String> env, String defaultVersion)
      throws ConfigException {
    Path file = configFile(options, env);
    TbotConfig config = file == null ? TbotConfig.EMPTY : TbotConfigReader.read(file);
    Consent consent = Consent.resolve(options.anonymousAnalytics, config.anonymousAnalytics(), env);
    URI endpoint =
        Endpoints.resolve(options.endpoint, env.get(Endpoints.ENV_ADDRESS), config.anonymousAnalyticsEndpoint());
    return new StartInputs(consent, endpoint, options, config, env, defaultVersion);
  }

  /**
   * Consent when {@link #resolve} failed: from the flag, the environment and the config file's
   * {@code anonymous_analytics} alone. A problem with the rest of the file or with the endpoint is
   * reported only if this is granted: without consent nothing about analytics is printed, and tbot,
   * which reads the same file, reports its own problems.
   *
   * @throws ConfigException only if {@code anonymous_analytics} itself is there but not a boolean
   */
  static Consent consentDespite(AnalyticsOptions options, Map<String, String> env) throws ConfigException {
    Path file;
    try {
      file = configFile(options, env);
    } catch (ConfigException unusable) {
      file = null; // no file to read consent from
    }
    Boolean fromFile = file == null ? null : TbotConfigReader.readConsent(file);
    return Consent.resolve(options.anonymousAnalytics, fromFile, env);
  }

  /** tbot's variable for its config file, read when {@code -c} is not given (as tbot does). */
  static final String ENV_CONFIG_PATH = "TBOT_CONFIG_PATH";

  // As tbot reads its flags: an empty value (-c "", --destination-dir=) means no such value, and
  // the variable is read only when -c is not given at all (kingpin's Envar).
  @Nullable
  private static Path configFile(AnalyticsOptions options, Map<String, String> env) throws ConfigException {
    if (options.config != null) {
      return options.config.toString().isEmpty() ? null : options.config;
    }
    String fromEnv = env.get(ENV_CONFIG_PATH);
    try {
      return fromEnv == null || fromEnv.isEmpty() ? null : Path.of(fromEnv);
    } catch (InvalidPathException e) {
      throw new ConfigException(ENV_CONFIG_PATH + " is not a valid path; give tbot's YAML config file.");
    }
  }

  @Nullable
  private static String given(@Nullable String flag) {
    return flag == null || flag.isEmpty() ? null : flag;
  }

  Consent consent() {
    return consent;
  }

  /** The endpoint the user chose, or {@code null} for the default. */
  @Nullable
  URI endpoint() {
    return endpoint;
  }

  /** The event for these inputs (flags over the config file). */
  StartEvent event() {
    return StartEvent.builder()
        .setRunMode(options.oneshot || config.oneshot() ? RunMode.ONE_SHOT : RunMode.CONTINUOUS)
        .setVersion(options.tbotVersion != null ? options.tbotVersion : defaultVersion)
        .setJoinType(given(options.joinMethod) != null ? options.joinMethod : config.joinMethod())
        .setHelperFromEnvironment(env)
        // As in tbot: --destination-dir replaces the config's outputs with one identity output.
        .setDestinations(given(options.destinationDir) != null
            ? DestinationCounts.DESTINATION_DIR_ONLY
            : config.destinations().plus(options.commandOutputs))
        .build();
  }
}
