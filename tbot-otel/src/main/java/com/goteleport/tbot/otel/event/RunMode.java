package com.goteleport.tbot.otel.event;

/**
 * How tbot runs: once and exit (most CI jobs), or on, renewing its credentials (agents, and the
 * tunnels some CI jobs keep open while they run).
 */
public enum RunMode {
  /** Runs once and exits ({@code --oneshot}), as in CI jobs; sent as {@code one-shot}. */
  ONE_SHOT("one-shot"),
  /**
   * Keeps running, renewing its credentials: an agent, but also a tunnel a CI job keeps open for its
   * duration (teleport-actions' database-tunnel and application-tunnel); sent as {@code continuous}.
   */
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
