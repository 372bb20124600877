package com.goteleport.tbot.otel.consent;

/** What one consent source says. */
enum Vote {
  YES,
  NO,
  ABSTAIN
}
