package com.goteleport.tbot.otel.export;

import java.io.PrintStream;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Telemetry diagnostics, through {@code java.util.logging}. Silent unless debug is on: the
 * OpenTelemetry SDK logs export failures at SEVERE with stack traces, and those must never reach a
 * tbot user. With debug on, tbot-otel's own logger and the SDK loggers it uses print one line each
 * to stderr.
 */
public final class Diagnostics {

  /** The logger tbot-otel writes its diagnostics to. */
  public static final String LOGGER_NAME = "com.goteleport.tbot.otel";

  // The SDK loggers on the analytics path: the OTLP HTTP exporter (which logs failed exports at
  // SEVERE with stack traces; in 1.68 it lives in exporter.otlp.internal), the exporter's shared
  // internals (sender resolution, marshaling) and the logs SDK (SimpleLogRecordProcessor).
  private static final List<String> SDK_LOGGERS =
      List.of(
          "io.opentelemetry.exporter.otlp.internal",
          "io.opentelemetry.exporter.internal",
          "io.opentelemetry.exporter.otlp.http",
          "io.opentelemetry.sdk.logs");

  // JUL keeps loggers weakly: holding them keeps their configuration alive.
  private static final List<Logger> CONFIGURED = configured();

  private static final Logger LOGGER = CONFIGURED.get(0);

  private Diagnostics() {}

  private static List<Logger> configured() {
    List<Logger> loggers = new java.util.ArrayList<>();
    loggers.add(Logger.getLogger(LOGGER_NAME));
    SDK_LOGGERS.forEach(name -> loggers.add(Logger.getLogger(name)));
    return List.copyOf(loggers);
  }

  /**
   * Turns diagnostics on (one line per event on {@code err}) or off (nothing printed). Called once
   * by the CLI or the library before any telemetry code runs; a library host that routes JUL
   * itself can instead configure the logger {@value #LOGGER_NAME}.
   */
  public static synchronized void configure(boolean debug, PrintStream err) {
    Handler handler = debug ? new OneLineHandler(err) : null;
    for (Logger logger : CONFIGURED) {
      for (Handler h : logger.getHandlers()) {
        if (h instanceof OneLineHandler) {
          logger.removeHandler(h);
        }
      }
      logger.setUseParentHandlers(false);
      logger.setLevel(debug ? Level.FINE : Level.OFF);
      if (handler != null) {
        logger.addHandler(handler);
      }
    }
  }

  /** Logs a diagnostic at debug level. */
  static void debug(String message) {
    LOGGER.fine(message);
  }

  /** Whether debug diagnostics are on. */
  static boolean debugEnabled() {
    return LOGGER.isLoggable(Level.FINE);
  }

  /** Prints {@code tbot-otel debug: message (cause)} on one line, never a stack trace. */
  private static final class OneLineHandler extends Handler {
    private final PrintStream err;

    OneLineHandler(PrintStream err) {
      this.err = err;
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
      if (record == null || !isLoggable(record)) {
        return;
      }
      StringBuilder line = new StringBuilder("tbot-otel debug: ");
      line.append(record.getMessage() == null ? "" : record.getMessage().replace('\n', ' '));
      Throwable t = record.getThrown();
      if (t != null) {
        line.append(" (").append(t.getClass().getSimpleName());
        if (t.getMessage() != null) {
          line.append(": ").append(t.getMessage().replace('\n', ' '));
        }
        line.append(')');
      }
      err.println(line);
    }

    @Override
    public void flush() {
      err.flush();
    }

    @Override
    public void close() {}
  }
}
