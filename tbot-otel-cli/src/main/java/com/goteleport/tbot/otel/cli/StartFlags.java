package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.event.DestinationCounts;
import javax.annotation.Nullable;

/**
 * The flags a start is resolved from, fixed once read: start's or preview's own ({@link #of}), or
 * exec's merged with tbot's command line ({@link #merge}). picocli's {@link AnalyticsOptions} stays
 * as given.
 *
 * @param config tbot's config file, or {@code null} (empty if given empty)
 * @param configString tbot's {@code --config-string} (base64 YAML), or {@code null}; empty if given
 *     empty
 * @param consentFlag the flags' vote on consent, as {@link AnalyticsOptions#consentFlag}
 * @param noFlag the flag whose no {@code consentFlag} is, as given (exec's own before tbot's
 *     command line's), or {@code null}
 * @param endpoint the endpoint flag, or {@code null}
 * @param oneshot the run mode over the config's, or {@code null}
 * @param joinMethod the join method over the config's, or {@code null}
 * @param destinationDir the directory of the one identity output that replaces the config's {@code
 *     services:} (its {@code outputs:} list stays), or {@code null}
 * @param tbotVersion the version to report, or {@code null} for the default
 * @param commandOutputs the outputs tbot's command line adds ({@code tbot start database ...})
 * @param onboardingFromCommand tbot's command line sets {@code --token} or {@code --ca-pin}, with
 *     which tbot replaces its config's whole onboarding section (join method included)
 * @param tokenFromCommand tbot's command line gives {@code --token}, even empty, so tbot does not
 *     read {@code TELEPORT_BOT_TOKEN}
 * @param shadowedCommand under exec given its own {@code -c}, tbot's command line, whose config
 *     (its {@code -c}, its {@code --config-string}, or else the variables) is asked only for a no;
 *     {@code null} otherwise
 */
record StartFlags(
    @Nullable String config,
    @Nullable String configString,
    @Nullable Boolean consentFlag,
    @Nullable String noFlag,
    @Nullable String endpoint,
    @Nullable Boolean oneshot,
    @Nullable String joinMethod,
    @Nullable String destinationDir,
    @Nullable String tbotVersion,
    DestinationCounts commandOutputs,
    boolean onboardingFromCommand,
    boolean tokenFromCommand,
    @Nullable ChildArgs shadowedCommand) {

  /** The flags as given, with no command line behind them (start, and preview without COMMAND). */
  static StartFlags of(AnalyticsOptions own) {
    return new StartFlags(own.config, null, own.consentFlag(), own.noFlag, own.endpoint, own.oneshot, own.joinMethod,
        own.destinationDir, own.tbotVersion, DestinationCounts.NONE, false, false, null);
  }

  /**
   * exec's own flags over tbot's command line {@code tbots} (for {@code what}): a flag exec is given
   * wins (a join method or destination given empty is not given, as for start), else tbot's fills
   * in, and a no from either side is a no. {@code --no-oneshot} overrides the config's {@code
   * oneshot: true} only in the classic {@code tbot start}, as in tbot; its {@code start KIND}
   * commands only turn it on.
   */
  static StartFlags merge(AnalyticsOptions own, ChildArgs tbots, TbotCommand what) {
    // exec's own -c is read in place of tbot's config from anywhere (its -c, its --config-string,
    // TBOT_CONFIG): tbot never sees that file, so the two do not clash as a file and TBOT_CONFIG do
    // for tbot. tbot's own config is still asked for its anonymous_analytics: a no there wins.
    boolean ownConfig = own.config != null;
    @Nullable Boolean tbotsOneshot = tbots.oneshot();
    boolean oneshotCounts = Boolean.TRUE.equals(tbotsOneshot) || what.legacyStart();
    return new StartFlags(
        ownConfig ? own.config : tbots.config(),
        ownConfig ? "" : tbots.configString(), // "": given empty, so TBOT_CONFIG is not read either
        tbots.optOut() ? Boolean.FALSE : own.consentFlag(),
        own.noFlag != null ? own.noFlag : tbots.noFlag(),
        own.endpoint,
        own.oneshot != null ? own.oneshot : oneshotCounts ? tbotsOneshot : null,
        firstGiven(own.joinMethod, tbots.joinMethod()),
        firstGiven(own.destinationDir, tbots.destinationDir()),
        own.tbotVersion,
        what.outputs(),
        tbots.onboarding(),
        tbots.tokenFlag(),
        ownConfig ? tbots : null);
  }

  @Nullable
  private static String firstGiven(@Nullable String own, @Nullable String tbots) {
    return own != null && !own.isEmpty() ? own : tbots;
  }
}
