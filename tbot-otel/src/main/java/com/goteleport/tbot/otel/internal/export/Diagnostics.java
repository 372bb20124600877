package com.goteleport.tbot.otel.internal.export;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Telemetry diagnostics. The OpenTelemetry SDK logs through {@code java.util.logging}, and nothing
 * of it may reach a tbot user. The send keeps the SDK's export failures at FINE ({@link
 * SocketHttpSender} says how), since a record logged at all reaches whatever hooks {@code
 * Logger.log} (the OpenTelemetry Java agent does) before any filter. What the SDK still logs on
 * the analytics send's own thread, at whatever level a host enables, is kept from every handler
 * here; in debug mode, what of it is at INFO or above is printed as one line on stderr (below
 * INFO it is chatter, or the FINE echo of a failure the send reports itself). The host's own use
 * of the same loggers, on its own threads, is left alone: no level, handler or parent link is
 * changed. tbot-otel's own messages go to the logger {@value #LOGGER_NAME} at FINE, which a host
 * may route like any other. The filters are on the SDK's loggers only while a send is under way,
 * also when two copies of tbot-otel (a plugin host's class loaders) send at once.
 */
final class Diagnostics {

  /** The logger tbot-otel writes its diagnostics to, at FINE. */
  static final String LOGGER_NAME = "com.goteleport.tbot.otel";

  // Exact names: a JUL filter applies to its own logger only, never to children. These are the
  // loggers the analytics send creates (DiagnosticsTest fails when an upgrade adds one, or when the
  // send stops loading one's class). Not LazyStorage's: the send leaves the context storage alone.
  static final List<String> SDK_LOGGERS =
      List.of(
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

  // The end of SendFilter's class name in every copy of tbot-otel, relocated or not.
  private static final String SEND_FILTER_SUFFIX = ".internal.export.Diagnostics$SendFilter";

  private static final Logger LOGGER = Logger.getLogger(LOGGER_NAME);
  private static final ThreadLocal<Boolean> SENDING = new ThreadLocal<>();
  // Guarded by Diagnostics.class. The filters are on only while a send is under way: a filter left
  // on a logger the host's own OpenTelemetry holds would pin this class's loader (a plugin host
  // could never unload tbot-otel). JUL holds loggers weakly, hence the strong references here (each
  // filter holds its logger).
  private static final List<SendFilter> INSTALLED = new ArrayList<>(); // in SEEN's order
  private static int sendsUnderWay;
  // Logger names seen in earlier sends, beyond SDK_LOGGERS (an upgrade's new one is covered from the
  // next send on).
  private static final Set<String> SEEN = new LinkedHashSet<>(SDK_LOGGERS);
  // Where the send under way on this thread prints its diagnostics; null: nowhere. Inherited by the
  // threads a send starts (the connection's), never set on a host's thread by tbot-otel, so one
  // instance's debug setting is never another's.
  private static final InheritableThreadLocal<PrintStream> DEBUG_OUT = new InheritableThreadLocal<>();

  private Diagnostics() {}

  /**
   * Prints diagnostics (tbot-otel's, and the SDK's at INFO or above) on {@code err} from now on,
   * for sends run on this thread and on the threads it starts; {@code null} silences them again.
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
    enter(); // never throws: from here on, leave() must follow whatever happens
    try {
      SENDING.set(Boolean.TRUE); // inside: it allocates, and a full heap failing it still leaves
      return send.get();
    } finally {
      SENDING.remove();
      leave();
    }
  }

  /**
   * Logs a diagnostic: FINE on {@value #LOGGER_NAME}, and one line on stderr in debug mode. Never
   * throws, whatever the host's handlers or stderr do.
   */
  static void debug(String message) {
    try {
      message = DebugLine.oneLine(message);
    } catch (Throwable outOfMemory) {
      return; // not even that: nothing may leave a send's thread
    }
    try {
      LOGGER.fine(message);
    } catch (Throwable hostHandler) {
      // a host's handler that throws is the host's business, not a reason to stop a send
    }
    PrintStream out = DEBUG_OUT.get();
    if (out != null) {
      try {
        out.println(DebugLine.PREFIX + message);
      } catch (Throwable brokenStream) {
        // as above
      }
    }
  }

  // Visible for testing
  static List<String> otelLoggerNames() {
    List<String> names = Collections.list(LogManager.getLogManager().getLoggerNames());
    names.removeIf(n -> !n.startsWith("io.opentelemetry."));
    return names;
  }

  // Never throws once the count is up: a count no leave() takes down would leave every later send
  // in this JVM unfiltered.
  private static synchronized void enter() {
    if (sendsUnderWay++ == 0) {
      try {
        for (String name : SEEN) {
          // One by one: a logger of the host's that refuses a filter (Logger.setFilter's
          // SecurityException, a bridge's logger) is left as it is, and neither stops the send nor
          // keeps the filters already set from being taken off.
          try {
            Logger logger = Logger.getLogger(name);
            synchronized (logger) { // see leave()
              SendFilter filter = new SendFilter(unwrap(logger.getFilter()), logger);
              INSTALLED.add(filter); // first: a filter set but not listed would never come off
              logger.setFilter(filter);
            }
          } catch (Throwable refused) { // an Error from a host's logger too
            // not silenced: the host's logging decides for that logger
          }
        }
      } catch (Throwable outOfMemory) {
        // the loop's iterator, the heap full: the loggers not reached go unfiltered for this send
      }
    }
  }

  // Never throws.
  //
  // Another copy of tbot-otel, in another class loader of a plugin host, may put its filter on
  // top of this one's while both send (its next is this one's). Its class is not this one's, so the
  // copies speak through JDK types only: a send filter is marked ended as its send ends, answers
  // what stands in its place through Supplier<Filter>, and whichever copy takes its own filter off
  // last skips the ended ones below it, so none pins its loader once the sends are over. The
  // logger's monitor, a JDK object both copies see, makes each copy's read-then-set atomic to the
  // other's.
  private static synchronized void leave() {
    if (--sendsUnderWay == 0) {
      try {
        // By index: an iterator is an allocation, and one the full heap refused here would leave
        // every filter on.
        for (int i = 0; i < INSTALLED.size(); i++) {
          try {
            SendFilter filter = INSTALLED.get(i);
            Logger logger = filter.logger;
            synchronized (logger) {
              filter.ended = true; // before the look: a copy above that leaves later skips it
              // Put back what was there, unless someone has set another filter since: theirs stays.
              if (logger.getFilter() == filter) {
                logger.setFilter(unwrap(filter.next));
              }
            }
          } catch (Throwable refused) { // an Error from a host's logger too: the others still go
            // the host's logger no longer takes filters: nothing more to do for it
          }
        }
      } finally {
        INSTALLED.clear(); // the next send starts afresh, even after a full heap cut this short
      }
      try {
        SEEN.addAll(otelLoggerNames());
      } catch (Throwable outOfMemory) {
        // Never thrown out of quietly's finally, over a send that has returned: a later send
        // learns the names.
      }
    }
  }

  /** What stands for {@code filter} once every ended send filter (of any copy) on top is skipped. */
  @Nullable
  @SuppressWarnings("unchecked")
  private static Filter unwrap(@Nullable Filter filter) {
    Filter f = filter;
    // Bounded: each step goes to an older filter, but another copy's answer is not ours to trust.
    for (int i = 0; i < 1_000 && isSendFilter(f); i++) {
      Filter instead = ((Supplier<Filter>) f).get();
      if (instead == f) {
        break; // its send is under way
      }
      f = instead;
    }
    return f;
  }

  // A send filter of any copy of tbot-otel, relocated or not; never a host's own Supplier filter.
  private static boolean isSendFilter(@Nullable Filter f) {
    return f instanceof Supplier && f.getClass().getName().endsWith(SEND_FILTER_SUFFIX);
  }

  /**
   * Drops records logged on a send's thread (printing some in debug mode); passes the rest on. Once
   * its send has ended it passes everything on, and {@link #get} answers what should stand in its
   * place (the filter below it); while the send is under way, itself.
   */
  private static final class SendFilter implements Filter, Supplier<Filter> {
    @Nullable private final Filter next;
    private final Logger logger; // the one it is set on
    private volatile boolean ended;

    SendFilter(@Nullable Filter next, Logger logger) {
      this.next = next;
      this.logger = logger;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
      if (ended || SENDING.get() == null) {
        return next == null || next.isLoggable(record);
      }
      // In debug mode, what the SDK did not expect to log. Below INFO it is chatter, or its FINE
      // echo of a failure the send reports itself.
      PrintStream out = DEBUG_OUT.get();
      if (out != null && record.getLevel().intValue() >= Level.INFO.intValue()) {
        out.println(DebugLine.PREFIX + oneLine(record));
      }
      return false;
    }

    // Called by any copy of tbot-otel, under the logger's monitor.
    @Override
    @Nullable
    public Filter get() {
      return ended ? next : this;
    }
  }

  /** The record's message and its cause's, on one line: never a stack trace. */
  private static String oneLine(LogRecord record) {
    StringBuilder line = new StringBuilder();
    line.append(record.getMessage() == null ? "" : DebugLine.oneLine(record.getMessage()));
    Throwable t = record.getThrown();
    if (t != null) {
      line.append(" (").append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        line.append(": ").append(DebugLine.oneLine(t.getMessage()));
      }
      line.append(')');
    }
    return line.toString();
  }
}
