package com.goteleport.tbot.otel.cli;

import java.time.Duration;
import javax.annotation.Nullable;
import picocli.CommandLine.Option;

/**
 * The options of start and exec that change how the event is delivered but not what it holds:
 * preview takes them (a bad value is still refused), so that any start or exec line becomes its
 * own preview by changing the subcommand's name alone.
 */
final class PreviewAccepts {

  @Option(
      names = "--anonymous-analytics-exit-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "As for start and exec; nothing is sent, so nothing waits.")
  @Nullable
  Duration exitTimeout;

  @Option(
      names = "--keep-tbot-telemetry",
      description = "As for exec. The request shown is the same; the flag changes only whether exec "
          + "sends it when tbot's command line turns tbot's own telemetry on (without it, exec leaves that "
          + "start to tbot).")
  boolean keepTbotTelemetry;
}
