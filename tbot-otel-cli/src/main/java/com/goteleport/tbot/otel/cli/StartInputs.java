package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.config.ConfigException;
import com.goteleport.tbot.otel.config.Endpoints;
import com.goteleport.tbot.otel.config.TbotConfig;
import com.goteleport.tbot.otel.config.TbotConfigSource;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.event.RunMode;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.internal.env.VariableNames;
import com.goteleport.tbot.otel.internal.text.Printable;
import com.goteleport.tbot.otel.internal.text.ShownWords;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Everything a start needs, resolved from flags, tbot's config and the environment. Bad input fails
 * in {@link #resolve}; the event itself is built only when asked for, so a start without consent
 * never runs the schema's rules.
 */
final class StartInputs {

  /** tbot's variable for its join token; its --token flag reads it. */
  static final String ENV_BOT_TOKEN = "TELEPORT_BOT_TOKEN";

  private static final String SHADOWED_NO = "anonymous_analytics in tbot's own config says no";

  private final Consent consent;
  // Why the config file says no when it is not the key's own no (a shadowed tbot config's, or one a
  // word in front of tbot gives: ConfigsInFront); null: the consent's reason is the one to give.
  @Nullable private final String fileNo;
  @Nullable private final URI endpoint;
  // Which setting chose the endpoint, as preview names it; null: none did, the default applies.
  @Nullable private final String endpointSource;
  private final StartFlags flags;
  private final TbotConfig config;
  private final Map<String, String> env;
  private final String defaultVersion;

  private StartInputs(Consent consent, @Nullable String fileNo, @Nullable URI endpoint,
      @Nullable String endpointSource, StartFlags flags, TbotConfig config, Map<String, String> env,
      String defaultVersion) {
    this.consent = consent;
    this.fileNo = fileNo;
    this.endpoint = endpoint;
    this.endpointSource = endpointSource;
    this.flags = flags;
    this.config = config;
    this.env = env;
    this.defaultVersion = defaultVersion;
  }

  /** Resolves inputs for start and preview without a command: without --tbot-version, the version is unknown. */
  static StartInputs resolve(AnalyticsOptions options, Map<String, String> env) throws ConfigException {
    // tbot-otel's own version is no tbot's: without --tbot-version, tbot's is unknown, as under exec.
    return resolve(StartFlags.of(options), env, Attribute.UNKNOWN);
  }

  /**
   * What exec records for its command, read as {@code command} ({@link ShellString#commandLine}):
   * {@code options} merged with the command line's own flags ({@link StartFlags#merge}), and
   * without --tbot-version the version is unknown (tbot-otel's own version is not the tbot's it
   * runs). {@code null} if exec records nothing for it: a tbot command other than start.
   *
   * @throws ConfigException where tbot's config cannot be found from here (a launcher of another
   *     root, {@link ChildArgs#configElsewhere}) or cannot be seen (a command that names no tbot,
   *     given no config exec sees), without exec's own {@code -c}; both come before any no the line
   *     or the config gives, as nothing is sent either way
   */
  @Nullable
  static StartInputs forCommand(AnalyticsOptions options, ShellString.Line command, Map<String, String> env)
      throws ConfigException {
    TbotCommand what = TbotCommand.of(command, env);
    List<String> line = command.words(); // null: no line read
    if (!what.counted() || line == null) {
      return null;
    }
    ChildArgs args = ChildArgs.parse(line);
    Map<String, String> tbotEnv = LauncherEnvironment.environment(line, env);
    if (options.config == null && args.configElsewhere(tbotEnv)) {
      throw new ConfigException("tbot's config cannot be found from here: sudo -R, env -S, chroot, a container, "
          + "another host and the like run tbot where exec cannot see, and a program exec does not know may; give "
          + "tbot's config as an absolute path and run tbot without them, or give exec a copy of it with its own -c.");
    }
    StartFlags flags = StartFlags.merge(options, args, what);
    if (!what.namesTbot()
        && TbotConfigSource.resolve(flags.config(), flags.configString(), tbotEnv).name() == null) {
      // A wrapper reads a config, or none, that exec cannot see: counted, it would report made-up
      // values (join_type token, no outputs) and miss that config's no. Only a config exec is given
      // (its -c, or TBOT_CONFIG_PATH or TBOT_CONFIG in its environment) counts it: a variable the
      // line sets for the wrapper is not tbot's as far as exec can tell (LauncherEnvironment).
      throw new ConfigException("tbot's config cannot be seen from here: COMMAND does not name tbot (a wrapper "
          + "script, a shell string), so which config, and which no, tbot reads is unknown; give exec tbot's "
          + "config with its own -c (or TBOT_CONFIG_PATH or TBOT_CONFIG in exec's environment), or put tbot "
          + "itself after '--'.");
    }
    String inFront = ConfigsInFront.maySayNo(line, args, env);
    return resolve(flags, tbotEnv, Attribute.UNKNOWN, inFront);
  }

  /**
   * Consent from the flag and the environment alone. When it is {@link Consent#refused()}, no config
   * file can overturn it: the caller can stop before reading anything.
   */
  static Consent consentBeforeConfig(AnalyticsOptions options, Map<String, String> env) {
    return Consent.resolve(options.consentFlag(), null, env);
  }

  /** Resolves inputs, reporting {@code defaultVersion} unless --tbot-version is given. */
  static StartInputs resolve(StartFlags flags, Map<String, String> env, String defaultVersion)
      throws ConfigException {
    return resolve(flags, env, defaultVersion, null);
  }

  /** As {@link #resolve(StartFlags, Map, String)}, with {@code inFront}: why another config may say no, if it may. */
  private static StartInputs resolve(StartFlags flags, Map<String, String> env, String defaultVersion,
      @Nullable String inFront) throws ConfigException {
    TbotConfigSource source = TbotConfigSource.resolve(flags.config(), flags.configString(), env);
    TbotConfig config = source.read();
    FileVote file = fileVote(config.anonymousAnalytics(), flags, env, inFront);
    Consent consent = file.consent(flags, env);
    if (config.anonymousAnalyticsEndpoint() != null) {
      // Checked here first so that the line names the file to fix, as the config's other errors do.
      Endpoints.parse(config.anonymousAnalyticsEndpoint(), source.name() + ": " + Endpoints.YAML_KEY);
    }
    String flag = flags.endpoint();
    String variable = env.get(Endpoints.ENV_ADDRESS);
    String key = config.anonymousAnalyticsEndpoint();
    URI endpoint = Endpoints.resolve(flag, variable, key);
    String endpointSource = Endpoints.source(flag, variable, key);
    if (Endpoints.YAML_KEY.equals(endpointSource)) {
      endpointSource = Endpoints.YAML_KEY + " in " + Printable.of(String.valueOf(source.name()));
    }
    return new StartInputs(consent, file.no(), endpoint, endpointSource, flags, config, env, defaultVersion);
  }

  /**
   * start's consent when {@link #resolve(AnalyticsOptions, Map)} failed: from the flag, the
   * environment and the config file's {@code anonymous_analytics} alone. A problem with the rest of
   * the file or with the endpoint is reported only if this is granted: without consent nothing about
   * analytics is printed, and tbot, which reads the same file, reports its own problems.
   *
   * @throws ConfigException only if {@code anonymous_analytics} itself is there but not a boolean
   */
  static Consent consentDespite(AnalyticsOptions options, Map<String, String> env) throws ConfigException {
    StartFlags flags = StartFlags.of(options);
    TbotConfigSource source;
    try {
      source = TbotConfigSource.resolve(flags.config(), flags.configString(), env);
    } catch (ConfigException unusable) {
      source = null; // no config to read consent from
    }
    Boolean fromFile;
    try {
      fromFile = source == null ? null : source.readConsent();
    } catch (ConfigException unreadable) {
      if ("anonymous_analytics".equals(unreadable.field())) {
        throw unreadable;
      }
      // The file resolve failed on cannot be read or parsed: nothing is sent on this path, and the
      // caller reports resolve's problem if the flag or environment say yes.
      fromFile = null;
    }
    return fileVote(fromFile, flags, env, null).consent(flags, env);
  }

  /**
   * The config file's vote: the one read's, unless exec was given its own -c and the config tbot
   * itself reads says no, or cannot be read here (a yes there does not count: exec's file speaks
   * for analytics), or {@code inFront} gives why a config named in front of tbot may say no.
   */
  private static FileVote fileVote(@Nullable Boolean read, StartFlags flags, Map<String, String> env,
      @Nullable String inFront) {
    if (Boolean.FALSE.equals(read)) {
      return new FileVote(read, null);
    }
    String no = flags.shadowedCommand() == null ? null : tbotsConfigMaySayNo(flags.shadowedCommand(), env);
    no = no != null ? no : inFront;
    return no == null ? new FileVote(read, null) : new FileVote(Boolean.FALSE, no);
  }

  /** The config file's vote, and the reason to give if its no decides ({@code null}: the key's). */
  private record FileVote(@Nullable Boolean vote, @Nullable String no) {
    Consent consent(StartFlags flags, Map<String, String> env) {
      return Consent.resolve(flags.consentFlag(), vote, env);
    }
  }

  /**
   * Why tbot's own config, shadowed by exec's -c, may say no, or {@code null} if it does not: it
   * says no, or cannot be read here, where it may say no (a file tbot reads as root under sudo, or
   * YAML Go takes and this reader refuses). Without exec's -c such a config stops the event
   * altogether; with it, it must not let a no through.
   */
  @Nullable
  private static String tbotsConfigMaySayNo(ChildArgs command, Map<String, String> env) {
    String unreadable = "tbot's own config cannot be read here, and may say no";
    if (command.configElsewhere(env)) {
      return unreadable;
    }
    try {
      return configMaySayNo(TbotConfigSource.resolve(command.config(), command.configString(), env), SHADOWED_NO,
          unreadable);
    } catch (ConfigException unusable) {
      return unreadable;
    }
  }

  /** {@code no} if {@code config} says no, {@code unreadable} if it cannot be read here, else {@code null}. */
  @Nullable
  static String configMaySayNo(TbotConfigSource config, String no, String unreadable) {
    try {
      return Boolean.FALSE.equals(config.read().anonymousAnalytics()) ? no : null;
    } catch (ConfigException partly) {
      // The key alone, as when exec has no -c of its own: a file whose key is readable decides.
      try {
        Boolean vote = config.readConsent();
        return Boolean.TRUE.equals(vote) ? null : Boolean.FALSE.equals(vote) ? no : unreadable;
      } catch (ConfigException unusable) {
        return unreadable;
      }
    }
  }

  // As tbot reads its flags: an empty value (--join-method=, --destination-dir=) is no value.
  @Nullable
  private static String given(@Nullable String flag) {
    return flag == null || flag.isEmpty() ? null : flag;
  }

  Consent consent() {
    return consent;
  }

  /**
   * Why the event is sent or not: the consent's reason, but a shadowed tbot config's own when its no
   * is the one that decides (the consent is the config file's no with this flag and no other
   * source, and not the flag's alone).
   */
  String consentReason() {
    Boolean flag = flags.consentFlag();
    if (fileNo != null && consent.equals(Consent.resolve(flag, Boolean.FALSE, Map.of()))
        && !consent.equals(Consent.resolve(flag, null, Map.of()))) {
      return fileNo;
    }
    return reason(consent, flags.noFlag());
  }

  /**
   * {@code consent}'s reason, but when the flag's no decides, naming the flag as given ({@code
   * noFlag}): Consent names every flag's no {@code --no-anonymous-analytics}, and a user who typed
   * {@code --anonymous-analytics=false} would look for a flag not given.
   */
  static String reason(Consent consent, @Nullable String noFlag) {
    if (noFlag != null && consent.equals(Consent.resolve(Boolean.FALSE, null, Map.of()))) {
      return noFlag + " says no";
    }
    return consent.reason();
  }

  /**
   * The setting that chose {@link #endpoint()}, as the user would change it ({@code
   * anonymous_analytics_endpoint in tbot.yaml}), or {@code null} for the default.
   */
  @Nullable
  String endpointSource() {
    return endpointSource;
  }

  /** The endpoint the user chose, or {@code null} for the default. */
  @Nullable
  URI endpoint() {
    return endpoint;
  }

  /**
   * As tbot: {@code --join-method}; else, if a token or CA pin comes from the command line or
   * {@value #ENV_BOT_TOKEN} (with which tbot replaces the config's onboarding section, its join
   * method included), the method of {@code join_uri}, which is outside that section; else the
   * config's ({@code onboarding.join_method}, then {@code join_uri}'s). {@code null}: the default.
   */
  @Nullable
  private String joinType() {
    if (given(flags.joinMethod()) != null) {
      return flags.joinMethod();
    }
    boolean replaced =
        flags.onboardingFromCommand() || (!flags.tokenFromCommand() && given(env.get(ENV_BOT_TOKEN)) != null);
    // tbot applies join_uri after its flags, to an onboarding with no join method (with a token
    // too it then refuses the start, as the URI brings its own token; the method is the URI's).
    return replaced ? config.joinUriMethod() : config.joinMethod();
  }

  /**
   * Why a value of {@link #event()} is not what was given: one line per attribute replaced by
   * {@code unknown} or left out, naming where the value came from and the rule, and quoting it only
   * where it is a short word (a value that fails a rule may be a secret). For a preview: a user sees
   * the event, and here why it says what it says.
   */
  List<String> replacements() {
    StartEvent e = event();
    List<String> lines = new ArrayList<>();
    String version = flags.tbotVersion(); // without it, unknown as documented: no line for that
    if (version != null && !version.equals("unknown") && "unknown".equals(e.get(Attribute.VERSION))) {
      lines.add("version is sent as unknown: --tbot-version" + quoted(version)
          + " is not a release version (18.1.0, v18.1.0, 18.1.0-rc.1)");
    }
    String join = joinType();
    if (join != null && !join.equals("unknown") && "unknown".equals(e.get(Attribute.JOIN_TYPE))) {
      lines.add("join_type is sent as unknown: the join method" + quoted(join)
          + " is none tbot-otel knows (docs/attributes.md lists them)");
    }
    String helper = variable(StartEvent.ENV_HELPER);
    if (helper != null && e.get(Attribute.HELPER) == null) {
      lines.add("helper is left out: " + StartEvent.ENV_HELPER
          + "'s value fails helper's rule (docs/attributes.md: a name, not an address, path or credential)");
    }
    String helperVersion = variable(StartEvent.ENV_HELPER_VERSION);
    if (helperVersion != null && e.get(Attribute.HELPER) != null && e.get(Attribute.HELPER_VERSION) == null) {
      lines.add("helper_version is left out: " + StartEvent.ENV_HELPER_VERSION + quoted(helperVersion)
          + " is not a release version (v2, 2.0.1, 2.0.1-rc.1)");
    }
    return lines;
  }

  /** A helper variable as the event reads it; null when it cannot be told, is unset or empty. */
  @Nullable
  private String variable(String name) {
    String v = VariableNames.toldOrNull(env, name, VariableNames.windows());
    return v == null || v.isEmpty() ? null : v;
  }

  /** {@code value} quoted after a space where it is a short word, else nothing: it may be a secret. */
  private static String quoted(String value) {
    return ShownWords.shortWord(value) ? " '" + value + "'" : "";
  }

  /** The event for these inputs (flags over the config file). */
  StartEvent event() {
    return StartEvent.builder()
        .setRunMode(
            (flags.oneshot() != null ? flags.oneshot() : config.oneshot()) ? RunMode.ONE_SHOT : RunMode.CONTINUOUS)
        .setVersion(flags.tbotVersion() != null ? flags.tbotVersion() : defaultVersion)
        .setJoinType(joinType())
        .setHelperFromEnvironment(env)
        // As in tbot: --destination-dir replaces services: with one identity output, and the
        // outputs: list joins them after (CheckAndSetDefaults), so it stays.
        .setDestinations(given(flags.destinationDir()) != null
            ? DestinationCounts.DESTINATION_DIR_ONLY.plus(config.outputsList())
            : config.destinations().plus(flags.commandOutputs()))
        .build();
  }
}
