package com.goteleport.tbot.otel.event;

/** How tbot runs: once and exit (CI jobs), or as a long-lived agent. */
public enum RunMode {
  /** Runs once and exits ({@code --oneshot}), as in CI jobs; sent as {@code one-shot}. */
  ONE_SHOT("one-shot"),
  /** Runs as a long-lived agent, renewing its credentials; sent as {@code continuous}. */
  CONTINUOUS("continuous");

  private final String value;

  RunMode(String value) {
    this.value = value;
  }

  /**
   * The value sent as {@code run_mode}.
   *
   * @return {@code one-shot} or {@code continuous}
   */
  public String value() {
    return value;
  }
}
