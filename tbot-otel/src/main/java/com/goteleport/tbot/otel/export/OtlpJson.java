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
    // Before EventRecorder is loaded: in a runtime without java.logging, or on an OpenTelemetry
    // too old for it, its class may not link.
    @Nullable String cannot = SdkVersions.cannotRun();
    if (cannot != null) {
      throw new IllegalStateException(cannot);
    }
    try {
      return Render.onItsOwnThread(event);
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
    @Nullable private String json;
    @Nullable private Throwable failure;

    private Render(StartEvent event) {
      this.event = event;
    }

    static String onItsOwnThread(StartEvent event) {
      Render render = new Render(event);
      Thread thread;
      try {
        thread = new Thread(render, "tbot-otel-preview");
        thread.setDaemon(true);
        thread.start();
      } catch (RuntimeException | OutOfMemoryError noThread) { // a SecurityManager's refusal too
        return EventRecorder.otlpJson(event); // no thread to be had: here, then
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
      return requireNonNull(render.json, "json");
    }

    @Override
    public void run() {
      try {
        json = EventRecorder.otlpJson(event);
      } catch (Throwable t) { // handed to the caller, never to an uncaught-exception handler
        failure = t;
      }
    }
  }
}
