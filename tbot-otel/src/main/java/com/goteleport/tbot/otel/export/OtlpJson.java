package com.goteleport.tbot.otel.export;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.internal.export.EventRecorder;
import com.goteleport.tbot.otel.internal.export.SdkVersions;
import javax.annotation.Nullable;

/**
 * What would be sent, without sending it: the exact request {@code AnonymousAnalytics.recordStart}
 * (and the CLI's {@code start}) POSTs for an event, as OTLP JSON, rendered by the same recorder and
 * OTLP marshaler as the exporter, writing JSON instead of protobuf: the very message the request
 * sent later carries (the event has no timestamp to differ). Sends nothing and needs no consent;
 * it does load the OpenTelemetry SDK. The CLI's {@code preview} prints it.
 */
public final class OtlpJson {

  private OtlpJson() {}

  /**
   * Returns the {@code ExportLogsServiceRequest} for {@code event}, as one line of OTLP JSON, e.g.
   * for a host to show its user.
   *
   * @param event the event
   * @return the request, as JSON
   * @throws IllegalStateException if the OpenTelemetry on the class path is older than tbot-otel
   *     needs (1.67.0), saying which module and version, if the Java runtime has no {@code
   *     java.logging} module (which the SDK needs), if a SecurityManager denies the SDK what it
   *     needs (reading system properties), or if an OpenTelemetry jar is missing from the class path
   */
  public static String exportRequest(StartEvent event) {
    requireNonNull(event, "event");
    return render(event, false);
  }

  /**
   * Returns the log record of the same request as {@link #exportRequest}'s, recorded the same way,
   * as plain lines, one field each ({@code attribute run_mode: continuous}): for a person or a
   * screen reader, where the JSON is for a parser. Every field of the record is named, with
   * {@code none} where the request carries nothing (its resource attributes, body, timestamps,
   * trace and span); values are shown as text (a number and a string of the same digits look
   * alike) with control characters escaped. The lines' wording may change between releases; the
   * JSON's shape is OTLP's.
   *
   * @param event the event
   * @return the record's fields, one per line, each line ending in a line break
   * @throws IllegalStateException as {@link #exportRequest} does
   */
  public static String exportRequestLines(StartEvent event) {
    requireNonNull(event, "event");
    return render(event, true);
  }

  private static String render(StartEvent event, boolean lines) {
    // Before EventRecorder is loaded: in a runtime without java.logging, or on an OpenTelemetry
    // too old for it, its class may not link.
    @Nullable String cannot = SdkVersions.cannotRun();
    if (cannot != null) {
      throw new IllegalStateException(cannot);
    }
    try {
      return Render.onItsOwnThread(event, lines);
    } catch (SecurityException e) {
      // The SDK reads system properties as it builds; a host's SecurityManager may deny it that.
      throw new IllegalStateException("cannot render the request here: " + e.getMessage(), e);
    } catch (LinkageError e) {
      // An OpenTelemetry jar missing beside tbot-otel (a host that took it for optional): one
      // exception type for every "not here", which a host showing the preview as an extra catches.
      throw new IllegalStateException("cannot render the request here: " + e, e);
    }
  }

  /**
   * Renders on a short-lived thread of its own, joined: the OTLP marshaler leaves an encoder of
   * its own in a {@code ThreadLocal} of the thread it runs on, which on the caller's thread would
   * keep tbot-otel's class loader (and all its classes) for as long as that thread lives, so that a
   * plugin host could never unload tbot-otel ({@code PluginUnloadTest}). Where no thread can be
   * had, it renders on the caller's.
   */
  private static final class Render implements Runnable {
    private final StartEvent event;
    private final boolean lines;
    @Nullable private String rendered;
    @Nullable private Throwable failure;

    private Render(StartEvent event, boolean lines) {
      this.event = event;
      this.lines = lines;
    }

    /** As JSON, or as plain lines ({@code lines}): the SDK's record is built on the thread either way. */
    static String onItsOwnThread(StartEvent event, boolean lines) {
      Render render = new Render(event, lines);
      Thread thread;
      try {
        thread = new Thread(render, "tbot-otel-preview");
        thread.setDaemon(true);
        thread.start();
      } catch (RuntimeException | OutOfMemoryError noThread) { // a SecurityManager's refusal too
        return render.renderHere(); // no thread to be had: here, then
      }
      boolean interrupted = false;
      while (true) {
        try {
          thread.join(); // happens-before: the fields below are the thread's
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the render is short and bounded: finish it, keep the interrupt
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (render.failure instanceof RuntimeException) {
        throw (RuntimeException) render.failure;
      }
      if (render.failure instanceof Error) {
        throw (Error) render.failure;
      }
      if (render.failure != null) {
        throw new IllegalStateException(render.failure); // a checked one, thrown sneakily
      }
      return requireNonNull(render.rendered, "rendered");
    }

    private String renderHere() {
      return lines ? EventRecorder.plainLines(event) : EventRecorder.otlpJson(event);
    }

    @Override
    public void run() {
      try {
        rendered = renderHere();
      } catch (Throwable t) { // handed to the caller, never to an uncaught-exception handler
        failure = t;
      }
    }
  }
}
