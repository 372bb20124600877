package com.goteleport.tbot.otel.event;

/** How tbot runs: once and exit (CI jobs), or as a long-lived agent. */
public enum RunMode {
  ONE_SHOT("one-shot"),
  CONTINUOUS("continuous");

  private final String value;

  RunMode(String value) {
    this.value = value;
  }

  /** The value sent as {@code run_mode}. */
  public String value() {
    return value;
  }
}
