package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A library host, run in a child JVM by {@link NoConsentLibraryTest}: for each endpoint given,
 * builds {@link AnonymousAnalytics} (consent left unset and denied by {@code DO_NOT_TRACK} when the
 * first argument is {@code denied}, granted by the flag when it is {@code granted}) and calls
 * {@code recordStart}; then works a while and closes them all. Prints each delivery and how many
 * threads the JVM started meanwhile, counting those that already ended.
 */
public final class NoConsentHost {

  // The host's work between recordStart and close: time for anything started to reach the network.
  static final long WORK_MILLIS = 300;

  private NoConsentHost() {}

  public static void main(String[] args) throws Exception {
    boolean granted = args[0].equals("granted");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long before = threads.getTotalStartedThreadCount();
    List<AnonymousAnalytics> instances = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      for (Consent consent : granted
          ? new Consent[] {Consent.resolve(true, null, Map.of())}
          : new Consent[] {null, Consent.resolve(true, null, Map.of("DO_NOT_TRACK", "1"))}) {
        AnonymousAnalytics.Builder builder = AnonymousAnalytics.builder().setEndpoint(URI.create(args[i]));
        if (consent != null) {
          builder.setConsent(consent);
        }
        AnonymousAnalytics analytics = builder.build();
        analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
        instances.add(analytics);
      }
    }
    Thread.sleep(WORK_MILLIS);
    for (AnonymousAnalytics analytics : instances) {
      analytics.close();
      System.out.println("host: enabled=" + analytics.enabled() + " delivery=" + analytics.delivery());
    }
    System.out.println("host: threads_started=" + (threads.getTotalStartedThreadCount() - before));
  }
}
