package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by {@link ClassGoneAtCloseTest}, on a copy of the library's classes: records a
 * start to a collector that never answers, deletes CLASS_FILE from the copy (as an upgrade that
 * replaces the library under a running host does), closes, and prints what close did. Arguments:
 * {@code ENDPOINT CLASS_FILE}.
 */
public final class ClassGoneAtCloseHost {

  private ClassGoneAtCloseHost() {}

  public static void main(String[] args) throws Exception {
    AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(URI.create(args[0]))
        .setEnvironment(Map.of())
        .build();
    analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
    Files.delete(Path.of(args[1]));
    try {
      analytics.close();
      System.out.println("closed");
    } catch (Throwable t) {
      System.out.println("threw " + t);
    }
  }
}
