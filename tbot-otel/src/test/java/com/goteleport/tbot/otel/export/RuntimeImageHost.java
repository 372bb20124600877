package com.goteleport.tbot.otel.export;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.config.TbotConfig;
import com.goteleport.tbot.otel.config.TbotConfigReader;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.RunMode;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * An agent as README shows it, run by {@code RuntimeImageIT} (tbot-otel-cli) in Java runtimes that hold only some
 * of the JDK's modules (jlink images): reads tbot's YAML ({@code args[0]}), takes consent from it,
 * sends to {@code args[1]} (with {@code debug} as {@code args[2]}, in debug mode), closes, and prints
 * what the config said, the delivery, and what the preview gave. Anything thrown at the host, on
 * any thread, is printed as {@code uncaught}.
 */
public final class RuntimeImageHost {

  private RuntimeImageHost() {}

  public static void main(String[] args) throws Exception {
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> System.out.println("uncaught " + t.getName() + " " + e));
    TbotConfig config = TbotConfigReader.read(Path.of(args[0]));
    System.out.println("anonymous_analytics=" + config.anonymousAnalytics()
        + " database=" + config.destinations().database());
    StartEvent event = StartEvent.builder()
        .setRunMode(config.oneshot() ? RunMode.ONE_SHOT : RunMode.CONTINUOUS)
        .setVersion("18.1.0")
        .setJoinType(config.joinMethod())
        .setDestinations(config.destinations())
        .build();
    try (AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(Consent.resolve(null, config.anonymousAnalytics(), Map.of()))
        .setEndpoint(URI.create(args[1]))
        .setEnvironment(Map.of())
        .setExitTimeout(Duration.ofSeconds(10)) // cold TLS in a small image, loaded: not the budget under test
        .setDebug(args.length > 2 && args[2].equals("debug"))
        .build()) {
      analytics.recordStart(event);
      analytics.close();
      System.out.println("delivery=" + analytics.delivery());
    }
    try {
      System.out.println("preview=" + OtlpJson.exportRequest(event).contains("\"tbot.start\""));
    } catch (IllegalStateException e) {
      System.out.println("preview refused: " + e.getMessage());
    }
  }
}
