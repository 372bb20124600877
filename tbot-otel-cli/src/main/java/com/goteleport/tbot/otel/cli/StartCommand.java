package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.config.ConfigException;
import com.goteleport.tbot.otel.consent.Consent;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** What tbot does for analytics at start-up: consent, config, one event, a bounded wait. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    abbreviateSynopsis = true,
    versionProvider = VersionProvider.class,
    footerHeading = HelpText.ENVIRONMENT_HEADING,
    footer = {HelpText.ENVIRONMENT, StartCommand.FOOTER},
    description = {
      "Records tbot.start and, only with consent, sends it over OTLP/HTTP.",
      "Waits at most the exit timeout for delivery and exits 0 whether or not the collector was reached."
    })
final class StartCommand implements Callable<Integer> {

  static final String FOOTER =
      "Exit status: 0 whether or not the collector was reached; 1 for a bad config%n"
          + "file or endpoint when a source says yes, or an anonymous_analytics that is%n"
          + "not a boolean; 2 for bad flags.%n";

  // How start's notice says the user sees the event without sending it, as exec's says it: the CLI
  // has no one name to give (java -jar, a wrapper), and preview must be given start's own flags.
  private static final String SEE_IT = "see it by running this same line with 'preview' in place of 'start'";

  @Mixin AnalyticsOptions options = new AnalyticsOptions();
  @Mixin Sending sending = new Sending();

  private final CliContext ctx;

  StartCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws ConfigException {
    Consent early = StartInputs.consentBeforeConfig(options, ctx.env());
    if (early.refused()) {
      // A "no" from the flag or the environment is final: not even the config file is read.
      if (options.debug) { // the reason costs a second resolve: only for its reader
        debug("nothing sent: " + StartInputs.reason(early, options.noFlag));
      }
      return 0;
    }
    StartInputs inputs;
    try {
      inputs = StartInputs.resolve(options, ctx.env());
    } catch (ConfigException problem) {
      Consent consent = StartInputs.consentDespite(options, ctx.env());
      if (consent.granted()) {
        throw problem;
      }
      if (options.debug) {
        debug("nothing sent: " + StartInputs.reason(consent, options.noFlag) + "; not reported without consent: "
            + problem.getMessage());
      }
      return 0;
    }
    if (inputs.consent().granted() && sending.exitTimeout.isZero()) {
      // close() would give the send up before it could connect: build nothing, and claim nothing.
      debug("nothing sent: an exit timeout of 0 leaves start no time to send");
      return 0;
    }
    try (AnonymousAnalytics analytics = sending.analytics(inputs, ctx, options.debug)) {
      if (!analytics.enabled()) {
        debug("nothing sent: " + inputs.consentReason());
        return 0;
      }
      ctx.err().println("tbot-otel: " + analytics.notice(SEE_IT));
      analytics.recordStart(inputs.event());
    }
    return 0;
  }

  private void debug(String message) {
    Main.debug(ctx, options.debug, message);
  }
}
