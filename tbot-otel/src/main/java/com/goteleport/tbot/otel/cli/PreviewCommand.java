package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.config.ConfigException;
import com.goteleport.tbot.otel.export.OtlpJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Shows exactly what start would send, without sending, with or without consent. */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    footerHeading = HelpText.ENVIRONMENT_HEADING,
    footer = HelpText.ENVIRONMENT,
    description = {
      "Prints the exact OTLP request start would send (OTLP JSON on stdout) and sends nothing.",
      "A line on stderr says whether start would send it with these settings, and where."
    })
final class PreviewCommand implements Callable<Integer> {

  @Mixin AnalyticsOptions options = new AnalyticsOptions();

  private final CliContext ctx;

  PreviewCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws ConfigException {
    StartInputs inputs = StartInputs.resolve(options, ctx.env());
    ctx.out().println(OtlpJson.exportRequest(inputs.event()));
    String where = inputs.endpoint() == null ? AnonymousAnalytics.DEFAULT_ENDPOINT : inputs.endpoint().toString();
    ctx.err()
        .println(
            "tbot-otel: preview only, nothing was sent. With these settings start "
                + (inputs.consent().granted() ? "would send it to " + where : "would send nothing")
                + " (" + inputs.consent().reason() + ").");
    return 0;
  }
}
