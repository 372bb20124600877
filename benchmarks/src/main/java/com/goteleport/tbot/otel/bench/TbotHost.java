package com.goteleport.tbot.otel.bench;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.event.RunMode;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;

/**
 * A stand-in agent for the whole-process benchmark, run in a child JVM: starts, optionally records
 * {@code tbot.start} through {@link AnonymousAnalytics}, works (sleeps) for a while, closes, and
 * returns from {@code main} (no {@code System.exit}, so any lingering non-daemon thread shows as
 * exit latency).
 *
 * <p>Arguments: {@code absent|off|on ENDPOINT WORK_MS BUDGET_MS [HOST_TLS_URL]}. {@code absent}
 * never touches a tbot-otel class: the baseline with telemetry code absent. With {@code
 * HOST_TLS_URL}, the host makes its own TLS connection there right after the start call, as tbot
 * joins its cluster ({@link HostTls}).
 */
public final class TbotHost {

  private TbotHost() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    URI endpoint = URI.create(args[1]);
    long workMillis = Long.parseLong(args[2]);
    long budgetMillis = Long.parseLong(args[3]);
    URI hostTls = args.length > 4 ? URI.create(args[4]) : null;
    long startCall = 0;
    long closeCall = 0;
    if (mode.equals("absent")) {
      joinOverTls(hostTls);
      Thread.sleep(workMillis);
    } else {
      long t0 = System.nanoTime();
      AnonymousAnalytics analytics =
          AnonymousAnalytics.builder()
              .setConsent(Consent.resolve(mode.equals("on"), null, System.getenv()))
              .setEndpoint(endpoint)
              .setExitTimeout(Duration.ofMillis(budgetMillis))
              .setEnvironment(System.getenv())
              .build();
      analytics.recordStart(event());
      startCall = System.nanoTime() - t0;
      joinOverTls(hostTls);
      Thread.sleep(workMillis);
      long t1 = System.nanoTime();
      analytics.close();
      closeCall = System.nanoTime() - t1;
    }
    HostReport.print(startCall, closeCall);
  }

  private static void joinOverTls(URI hostTls) throws Exception {
    if (hostTls != null) {
      HostTls.join(hostTls);
    }
  }

  static StartEvent event() {
    return StartEvent.builder()
        .setRunMode(RunMode.ONE_SHOT)
        .setVersion("18.1.0")
        .setJoinType("github")
        .setDestinations(new DestinationCounts(3, 1, 1, 0))
        .build();
  }
}
