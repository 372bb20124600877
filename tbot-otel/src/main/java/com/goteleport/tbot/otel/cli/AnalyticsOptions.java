package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.event.DestinationCounts;
import java.nio.file.Path;
import javax.annotation.Nullable;
import picocli.CommandLine.Option;

/** The flags tbot itself takes that shape the event, plus the analytics switches. Shared by every subcommand. */
final class AnalyticsOptions {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "tbot's YAML config file (v1 or v2); only read, never written.")
  @Nullable Path config;

  @Option(
      names = "--anonymous-analytics",
      negatable = true,
      description = "Opt in to (or, with --no-, out of) sending the anonymous tbot.start event. Any \"no\" wins.")
  @Nullable Boolean anonymousAnalytics;

  @Option(
      names = "--anonymous-analytics-endpoint",
      paramLabel = "URL",
      description = "Full URL the event is POSTed to (OTLP/HTTP), e.g. http://127.0.0.1:4318/v1/logs. "
          + "Overrides $TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS and anonymous_analytics_endpoint.")
  @Nullable String endpoint;

  @Option(names = "--oneshot", description = "As tbot's --oneshot: report run_mode one-shot.")
  boolean oneshot;

  @Option(
      names = "--join-method",
      paramLabel = "METHOD",
      description = "As tbot's --join-method; overrides onboarding.join_method (default: token).")
  @Nullable String joinMethod;

  @Option(
      names = "--destination-dir",
      paramLabel = "DIR",
      description = "As tbot's --destination-dir: one identity output, replacing the config's.")
  @Nullable String destinationDir;

  @Option(
      names = "--tbot-version",
      paramLabel = "VERSION",
      description =
          "The tbot version to report (default: this tool's own version; under exec, which "
              + "cannot tell which tbot it runs, unknown).")
  @Nullable String tbotVersion;

  @Option(names = "--debug", description = "Print telemetry diagnostics on stderr.")
  boolean debug;

  // Not a flag: under exec, the outputs tbot's own command line adds (tbot start database ...).
  DestinationCounts commandOutputs = DestinationCounts.NONE;
}
