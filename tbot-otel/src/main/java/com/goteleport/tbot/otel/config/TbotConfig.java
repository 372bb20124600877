package com.goteleport.tbot.otel.config;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.event.DestinationCounts;
import javax.annotation.Nullable;

/**
 * What tbot-otel reads from a tbot YAML config; every other field of the file is ignored.
 *
 * @param anonymousAnalytics {@code anonymous_analytics}, or {@code null} when absent
 * @param anonymousAnalyticsEndpoint {@code anonymous_analytics_endpoint}, or {@code null}
 * @param oneshot {@code oneshot}
 * @param joinMethod {@code onboarding.join_method}, else the method of {@code join_uri} (v2), or
 *     {@code null} when neither gives one
 * @param joinUriMethod the method of {@code join_uri} alone (v2), or {@code null}: tbot takes it
 *     when its command line replaced onboarding and named no method
 * @param destinations the outputs ({@code outputs:} and {@code services:} in v2, {@code
 *     destinations:} in v1)
 * @param outputsList the outputs of v2's {@code outputs:} list alone ({@link DestinationCounts#NONE}
 *     in v1): tbot's {@code --destination-dir} replaces the others with its one identity output
 *     and keeps these, which join {@code services:} only after tbot applied its flags
 */
public record TbotConfig(
    @Nullable Boolean anonymousAnalytics,
    @Nullable String anonymousAnalyticsEndpoint,
    boolean oneshot,
    @Nullable String joinMethod,
    @Nullable String joinUriMethod,
    DestinationCounts destinations,
    DestinationCounts outputsList) {

  /**
   * Checks that the counts are given: a config without outputs has {@link DestinationCounts#NONE}.
   *
   * @param anonymousAnalytics {@code anonymous_analytics}, or {@code null} when absent
   * @param anonymousAnalyticsEndpoint {@code anonymous_analytics_endpoint}, or {@code null}
   * @param oneshot {@code oneshot}
   * @param joinMethod the join method, or {@code null}
   * @param joinUriMethod the method of {@code join_uri} alone, or {@code null}
   * @param destinations the outputs
   * @param outputsList the outputs of v2's {@code outputs:} list alone
   */
  public TbotConfig {
    requireNonNull(destinations, "destinations");
    requireNonNull(outputsList, "outputsList");
  }

  /** The config of a tbot started without a file. */
  public static final TbotConfig EMPTY =
      new TbotConfig(null, null, false, null, null, DestinationCounts.NONE, DestinationCounts.NONE);
}
