package com.goteleport.tbot.otel.consent;

/** What one consent source says. */
enum Vote {
  /** Opts in, unless another source says no. */
  YES,
  /** Opts out, whatever the other sources say. */
  NO,
  /** Not set, or set to a value that is neither. */
  ABSTAIN
}
