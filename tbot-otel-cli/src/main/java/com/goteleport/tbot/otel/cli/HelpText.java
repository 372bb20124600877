package com.goteleport.tbot.otel.cli;

/** Help text shared by the subcommands that resolve consent and the endpoint. */
final class HelpText {

  static final String ENVIRONMENT_HEADING = "%nEnvironment:%n";

  // Each line under 80 columns: picocli wraps longer ones mid-phrase.
  static final String ENVIRONMENT =
      "  TELEPORT_ANONYMOUS_TELEMETRY   1, t or true opts in; other values opt out,%n" +
      "                                 but for empty or blanks, as if unset.%n" +
      "  DO_NOT_TRACK                   Any value except empty, 0 or false opts out.%n" +
      "  OTEL_SDK_DISABLED              true opts out (so does -Dotel.sdk.disabled).%n" +
      "  TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS%n" +
      "                                 Endpoint URL; overrides YAML, not the flag.%n" +
      "  _TBOT_TELEMETRY_HELPER         Wrapper running tbot, sent as helper.%n" +
      "  _TBOT_TELEMETRY_HELPER_VERSION Its version, sent as helper_version with it.%n" +
      "  TBOT_CONFIG_PATH               tbot's config file when -c is not given.%n" +
      "  TBOT_CONFIG                    tbot's config as base64, instead of a file.%n" +
      "  TELEPORT_BOT_TOKEN             If set, replaces onboarding (join_uri stays).%n" +
      "  HTTPS_PROXY, HTTP_PROXY, NO_PROXY%n" +
      "                                 Proxies, as for the rest of tbot.%n" +
      "%n" +
      "YAML keys read from -c: anonymous_analytics, anonymous_analytics_endpoint,%n" +
      "oneshot, onboarding.join_method, join_uri (v2), version, outputs,%n" +
      "services (v2), destinations (v1).%n" +
      "The tbot.start event is sent only if at least one setting (a flag, a YAML key%n" +
      "or a variable) says yes and none says no.%n";

  private HelpText() {}
}
