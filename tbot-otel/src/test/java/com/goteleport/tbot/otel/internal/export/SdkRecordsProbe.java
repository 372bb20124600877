package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Run in a child JVM by SdkRecordsTest. Sees what the OpenTelemetry Java agent's log capture sees:
 * every record that reaches {@code Logger.log(LogRecord)} on the SDK's loggers, before any filter.
 * Its loggers are registered before any SDK class asks for them, so the SDK's static loggers are
 * these. Sends once to a healthy collector and once into every fault, then logs a record of the
 * host's own as a control, and prints each record seen at INFO or above.
 */
public final class SdkRecordsProbe {

  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  /** Records what reaches it, then logs as usual. */
  static final class Watching extends Logger {
    Watching(String name) {
      super(name, null);
    }

    @Override
    public void log(LogRecord record) {
      if (record.getLevel().intValue() >= Level.INFO.intValue()) {
        SEEN.add(record.getLevel() + " " + getName() + ": " + record.getMessage());
      }
      super.log(record);
    }
  }

  public static void main(String[] args) throws Exception {
    for (String name : Diagnostics.SDK_LOGGERS) {
      if (!LogManager.getLogManager().addLogger(new Watching(name))) {
        throw new IllegalStateException(name + " existed before the probe");
      }
    }
    StartEvent event = StartEvent.builder().build();
    try (OtlpReceiver healthy = OtlpReceiver.start()) {
      // Long enough for a cold JVM's first send.
      System.out.println("healthy " + EventSender.send(event, URI.create(healthy.url()), Duration.ofSeconds(10), Map.of()));
    }
    // Long enough for a loaded machine to get an answer from a collector that gives one (HTTP_500).
    Duration timeout = Duration.ofMillis(1500);
    for (Fault fault : Fault.values()) {
      try (Fault.Setup setup = fault.open()) {
        Delivery d = EventSender.send(event, URI.create(setup.endpoint()), timeout, setup.env());
        System.out.println(fault + " " + d);
      }
    }
    // The control: the host's own record on the exporter's logger is seen (and printed by JUL).
    Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter").log(Level.SEVERE, "host record");
    for (String seen : SEEN) {
      System.out.println("seen " + seen);
    }
  }
}
