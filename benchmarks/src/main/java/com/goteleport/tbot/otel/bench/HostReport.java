package com.goteleport.tbot.otel.bench;

import java.time.Instant;

/** The one stdout line a benchmark host prints last, parsed by {@link ProcessBench}. */
final class HostReport {

  private HostReport() {}

  /** Prints the start call and close durations and the wall-clock instant main ends. */
  static void print(long startCallNanos, long closeNanos) {
    Instant end = Instant.now();
    System.out.println(
        "HOST start_call_ns=" + startCallNanos + " close_ns=" + closeNanos + " main_end_epoch_us="
            + (end.getEpochSecond() * 1_000_000L + end.getNano() / 1_000));
    System.out.flush();
  }
}
