package com.goteleport.tbot.otel.export;

import java.io.PrintStream;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Filter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Telemetry diagnostics. The OpenTelemetry SDK logs export failures through {@code
 * java.util.logging} at SEVERE with stack traces, and those must never reach a tbot user: records
 * logged on the analytics send's own thread are kept from every handler, and printed as one line
 * on stderr only in debug mode. The host's own use of the same loggers, on its own threads, is left
 * alone: no level, handler or parent link is changed. tbot-otel's own messages go to the logger
 * {@value #LOGGER_NAME} at FINE, which a host may route like any other.
 */
public final class Diagnostics {

  /** The logger tbot-otel writes its diagnostics to, at FINE. */
  public static final String LOGGER_NAME = "com.goteleport.tbot.otel";

  // Exact names: a JUL filter applies to its own logger only, never to children. These are the
  // loggers the analytics send creates (DiagnosticsTest fails when an upgrade adds one).
  static final List<String> SDK_LOGGERS =
      List.of(
          "io.opentelemetry.context.ContextStorageWrappers",
          "io.opentelemetry.context.LazyStorage",
          "io.opentelemetry.context.ThreadLocalContextStorage",
          "io.opentelemetry.exporter.internal.SenderUtil",
          "io.opentelemetry.exporter.internal.marshal.StringEncoderHolder",
          "io.opentelemetry.exporter.otlp.internal.HttpExporter",
          "io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder",
          "io.opentelemetry.sdk.common.CompletableResultCode",
          "io.opentelemetry.sdk.logs.SdkLoggerProvider",
          "io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor",
          "io.opentelemetry.sdk.resources.Resource",
          "io.opentelemetry.sdk.resources.ResourceBuilder");

  private static final Logger LOGGER = Logger.getLogger(LOGGER_NAME);
  private static final ThreadLocal<Boolean> SENDING = new ThreadLocal<>();
  // JUL holds loggers weakly: these strong references keep the filters installed.
  private static final List<Logger> FILTERED = new CopyOnWriteArrayList<>();
  // Where the send under way on this thread prints its diagnostics; null: nowhere. Inherited by the
  // threads a send starts (the connection's), never set on a host's thread by tbot-otel, so one
  // instance's debug setting is never another's.
  private static final InheritableThreadLocal<PrintStream> DEBUG_OUT = new InheritableThreadLocal<>();

  private Diagnostics() {}

  /**
   * Prints diagnostics (tbot-otel's and the SDK's) on {@code err} from now on, for sends run on
   * this thread and on the threads it starts; {@code null} silences them again.
   */
  static void debugOnThisThread(@Nullable PrintStream err) {
    if (err == null) {
      DEBUG_OUT.remove();
    } else {
      DEBUG_OUT.set(err);
    }
  }

  /** Runs the analytics send on this thread with the SDK's log records kept from the host. */
  static <T> T quietly(Supplier<T> send) {
    installFilters(SDK_LOGGERS);
    SENDING.set(Boolean.TRUE);
    try {
      return send.get();
    } finally {
      SENDING.remove();
      // Any OpenTelemetry logger created during the send (an upgrade's new one) is covered next time.
      installFilters(otelLoggerNames());
    }
  }

  /** Logs a diagnostic: FINE on {@value #LOGGER_NAME}, and one line on stderr in debug mode. */
  static void debug(String message) {
    LOGGER.fine(message);
    PrintStream out = DEBUG_OUT.get();
    if (out != null) {
      out.println("tbot-otel debug: " + message);
    }
  }

  // Visible for testing
  static List<String> otelLoggerNames() {
    List<String> names = Collections.list(LogManager.getLogManager().getLoggerNames());
    names.removeIf(n -> !n.startsWith("io.opentelemetry."));
    return names;
  }

  private static synchronized void installFilters(List<String> names) {
    for (String name : names) {
      Logger logger = Logger.getLogger(name);
      Filter current = logger.getFilter();
      if (!(current instanceof SendFilter)) {
        logger.setFilter(new SendFilter(current));
        FILTERED.add(logger);
      }
    }
  }

  /** Drops records logged on a send's thread (printing them in debug mode); passes the rest on. */
  private static final class SendFilter implements Filter {
    @Nullable private final Filter next;

    SendFilter(@Nullable Filter next) {
      this.next = next;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
      if (SENDING.get() == null) {
        return next == null || next.isLoggable(record);
      }
      PrintStream out = DEBUG_OUT.get();
      if (out != null) {
        out.println("tbot-otel debug: " + oneLine(record));
      }
      return false;
    }
  }

  /** The record's message and its cause's, on one line: never a stack trace. */
  private static String oneLine(LogRecord record) {
    StringBuilder line = new StringBuilder();
    line.append(record.getMessage() == null ? "" : record.getMessage().replace('\n', ' '));
    Throwable t = record.getThrown();
    if (t != null) {
      line.append(" (").append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        line.append(": ").append(t.getMessage().replace('\n', ' '));
      }
      line.append(')');
    }
    return line.toString();
  }
}
