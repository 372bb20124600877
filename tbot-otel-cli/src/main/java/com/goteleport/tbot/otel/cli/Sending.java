package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of the subcommands that send: how long exit may wait. */
final class Sending {

  @Option(
      names = "--anonymous-analytics-exit-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = AnonymousAnalytics.DEFAULT_EXIT_TIMEOUT_MILLIS + "ms",
      showDefaultValue = picocli.CommandLine.Help.Visibility.ALWAYS,
      description = "Longest wait at exit for delivery (0 to 10s); the event is dropped after it.")
  Duration exitTimeout;

  /** Builds the analytics for these inputs: nothing is constructed beyond the value without consent. */
  AnonymousAnalytics analytics(StartInputs inputs, CliContext ctx, boolean debug) {
    return AnonymousAnalytics.builder()
        .setConsent(inputs.consent())
        .setEndpoint(inputs.endpoint())
        .setExitTimeout(exitTimeout)
        .setEnvironment(ctx.env())
        .setDebug(debug)
        .build();
  }
}
