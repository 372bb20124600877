package com.goteleport.tbot.otel.cli;

import javax.annotation.Nullable;
import picocli.CommandLine.Option;

/**
 * The flags tbot itself takes that shape the event, plus the analytics switches. Shared by every
 * subcommand; only picocli writes them ({@link StartFlags} is what a start is resolved from).
 */
final class AnalyticsOptions {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "tbot's YAML config file (v1 or v2); only read, never written.")
  @Nullable String config;

  // Two flags rather than one negatable one: given both (or either twice), the "no" wins, where
  // a negatable flag would take the last.
  boolean optIn;

  boolean optOut;

  // The flag whose no decides, as given (the first no): Consent names its no
  // --no-anonymous-analytics, which --anonymous-analytics=false is not. Null without a no.
  @Nullable String noFlag;

  // picocli lets a boolean flag take an attached value: --anonymous-analytics=false is a no, not
  // the absence of a yes, and --no-anonymous-analytics is a no whatever follows it (=false there
  // is a double negative, never a yes).
  @Option(names = "--anonymous-analytics", description = "Opt in to sending the anonymous tbot.start event.")
  void optIn(boolean yes) {
    if (yes) {
      optIn = true;
    } else {
      optOut = true;
      noFlag = noFlag == null ? "--anonymous-analytics=false" : noFlag;
    }
  }

  @Option(
      names = "--no-anonymous-analytics",
      description = "Opt out; wins over any yes, from this flag or anywhere else.")
  void optOut(boolean ignored) {
    optOut = true;
    noFlag = noFlag == null ? "--no-anonymous-analytics" : noFlag;
  }

  @Option(
      names = "--anonymous-analytics-endpoint",
      paramLabel = "URL",
      description = "Full URL the event is POSTed to (OTLP/HTTP), e.g. http://127.0.0.1:4318/v1/logs. "
          + "Overrides $TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS and anonymous_analytics_endpoint.")
  @Nullable String endpoint;

  @Option(
      names = "--oneshot",
      negatable = true,
      description =
          "As tbot's --oneshot: report run_mode one-shot (--no-oneshot: continuous, over the config's oneshot).")
  @Nullable Boolean oneshot;

  @Option(
      names = "--join-method",
      paramLabel = "METHOD",
      description = "As tbot's --join-method: the join_type to report (default: the config's "
          + "onboarding.join_method, else join_uri's method, else token).")
  @Nullable String joinMethod;

  @Option(
      names = "--destination-dir",
      paramLabel = "DIR",
      description = "As tbot's --destination-dir: one identity output, replacing the config's services: (the"
          + " outputs: list stays).")
  @Nullable String destinationDir;

  @Option(
      names = "--tbot-version",
      paramLabel = "VERSION",
      description =
          "The tbot version to report. Default: unknown, as tbot-otel cannot tell which tbot it "
              + "stands for (and does not send its own version instead).")
  @Nullable String tbotVersion;

  @Option(names = "--debug", description = "Print telemetry diagnostics on stderr.")
  boolean debug;

  /** The flags' vote on consent: {@code false} if any says no, {@code true} if one says yes. */
  @Nullable
  Boolean consentFlag() {
    return optOut ? Boolean.FALSE : optIn ? Boolean.TRUE : null;
  }
}
