package com.goteleport.tbot.otel.export;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Run in a child JVM by {@link HostLoggingTest}: a host whose logging is its own. It puts a filter
 * of its own on one of the SDK's loggers and, with {@code throwing}, a root handler at FINE that
 * throws on tbot-otel's records, or, with {@code refusing}, registers one of the SDK's loggers as
 * its own that refuses filters (as under a security manager without {@code
 * LoggingPermission("control")}) and sends twice; sends to ENDPOINT; then, once the send's thread
 * has ended, prints what is left on the loggers. Arguments: {@code ENDPOINT [throwing|refusing]}.
 */
public final class HostLoggingProbe {

  public static void main(String[] args) throws Exception {
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> System.out.println("uncaught in " + t.getName()));
    Filter hostFilter = record -> true;
    Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter").setFilter(hostFilter);
    if (args.length > 1 && args[1].equals("throwing")) {
      Logger root = Logger.getLogger("");
      root.setLevel(Level.FINE);
      root.addHandler(new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLoggerName() != null && record.getLoggerName().startsWith("com.goteleport")) {
            throw new IllegalStateException("a host handler that throws");
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      });
    }
    boolean refusing = args.length > 1 && args[1].equals("refusing");
    if (refusing) {
      LogManager.getLogManager().addLogger(new Logger("io.opentelemetry.sdk.resources.Resource", null) {
        @Override
        public void setFilter(Filter filter) {
          throw new SecurityException("the host's logger takes no filter");
        }
      });
    }
    for (int i = 0; i < (refusing ? 2 : 1); i++) {
      AnonymousAnalytics analytics = AnonymousAnalytics.builder()
          .setConsent(Consent.resolve(true, null, Map.of()))
          .setEndpoint(URI.create(args[0]))
          // The longest exit wait: the delivery is what is checked, and it ends the wait.
          .setExitTimeout(Duration.ofSeconds(10))
          .build();
      analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
      analytics.close();
      System.out.println("delivery " + analytics.delivery());
    }
    // close returns once the outcome is known; the send takes its filters off afterwards, on its
    // own thread (CloseAfterTheOutcomeTest). What is left is looked at once that thread has ended.
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("tbot-otel-analytics")) {
        t.join(10_000);
        if (t.isAlive()) {
          System.out.println("send still cleaning up after 10 s");
        }
      }
    }
    System.out.println("host filter kept " + (Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter")
        .getFilter() == hostFilter));
    long left = Collections.list(LogManager.getLogManager().getLoggerNames()).stream()
        .filter(n -> n.startsWith("io.opentelemetry."))
        .map(n -> Logger.getLogger(n).getFilter())
        .filter(f -> f != null && f != hostFilter)
        .count();
    System.out.println("filters left " + left);
  }
}
