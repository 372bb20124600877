package com.goteleport.tbot.otel.internal.export;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.config.ConfigException;
import com.goteleport.tbot.otel.config.Endpoints;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.io.PrintStream;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * Sends one {@code tbot.start} over OTLP/HTTP protobuf: one gzip-compressed POST, no retries, every
 * step inside one timeout, and abortable through {@link InFlight} when the host exits first. Built
 * by hand, never by autoconfigure, so no {@code OTEL_*} variable can change where the event goes or
 * what it carries; the one the SDK's encoder would still read is kept away by {@link
 * EncoderBufferSize}. The HTTP sender is pinned to {@link SocketHttpSender}, whatever senders the
 * class path holds, and runs on the calling thread; the connection is opened meanwhile by {@link
 * EarlyConnection} on a second daemon thread. A host uses {@code AnonymousAnalytics}.
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public final class EventSender {

  private EventSender() {}

  /**
   * Builds the SDK and exporter, sends the event, waits at most {@code timeout} for the answer, and
   * shuts everything down without waiting. Never throws but for a null argument (the package's
   * null policy).
   *
   * @param env the environment for proxy settings ({@code HTTPS_PROXY}, {@code NO_PROXY}, ...)
   */
  // Visible for testing
  static Delivery send(StartEvent event, URI endpoint, Duration timeout, Map<String, String> env) {
    return send(event, endpoint, timeout, env, new InFlight());
  }

  /**
   * As {@link #send(StartEvent, URI, Duration, Map)}, only with {@code consent} granted (else {@link
   * Delivery#NOT_ATTEMPTED}, before any OpenTelemetry class is loaded), stoppable from another
   * thread through {@code inFlight}, with diagnostics printed on {@code debugOut} (nowhere if {@code
   * null}). An {@code inFlight} made with a confirmation writes the request only once that says yes;
   * otherwise the result is {@link Delivery#CANCELLED} and nothing is sent.
   *
   * <p>Public only for {@code AnonymousAnalytics}, in another package. The consent is checked here
   * too, so that no public method sends without it.
   */
  public static Delivery send(Consent consent, StartEvent event, URI endpoint, Duration timeout,
      Map<String, String> env, InFlight inFlight, @Nullable PrintStream debugOut) {
    requireNonNull(event, "event");
    requireNonNull(endpoint, "endpoint");
    requireNonNull(timeout, "timeout");
    requireNonNull(env, "env");
    requireNonNull(inFlight, "inFlight");
    if (!consent.granted()) {
      return Delivery.NOT_ATTEMPTED;
    }
    return send(event, endpoint, timeout, env, inFlight, debugOut);
  }

  // Visible for testing
  static Delivery send(StartEvent event, URI endpoint, Duration timeout, Map<String, String> env,
      InFlight inFlight, @Nullable PrintStream debugOut) {
    Diagnostics.debugOnThisThread(debugOut);
    try {
      return send(event, endpoint, timeout, env, inFlight);
    } finally {
      Diagnostics.debugOnThisThread(null);
    }
  }

  private static Delivery send(
      StartEvent event, URI given, Duration timeout, Map<String, String> env, InFlight inFlight) {
    long start = System.nanoTime();
    if (inFlight.refused()) {
      say(inFlight, Delivery.CANCELLED, InFlight.NOT_CONFIRMED);
      return Delivery.CANCELLED; // before any connection or SDK class
    }
    URI endpoint;
    try {
      // As the CLI checks user input, and lower-cased: a URL the exporter would refuse must not
      // be connected to first (HTTP://, ftp://, credentials).
      endpoint = Endpoints.parse(given.toString(), "endpoint");
    } catch (ConfigException e) {
      say(inFlight, Delivery.FAILED, "tbot.start not sent: " + e.getMessage());
      return Delivery.FAILED;
    }
    // close() gave up before this thread got here (the host is exiting): no look-up, socket or
    // thread after that, and no SDK class. The close says how the send ended.
    @Nullable Delivery gaveUp = inFlight.abortedAs();
    if (gaveUp != null) {
      return gaveUp;
    }
    EarlyConnection connection;
    try {
      // First of all, so that DNS, TCP and TLS overlap with everything below, the logging set-up
      // included (about 40 ms cold). A connect that fails settles the send at once: the host's
      // close need not wait for the SDK that would only fail on it, nor report a time-out.
      connection = EarlyConnection.start(
          new Connector(endpoint, new EnvProxySelector(env, ProxySelector.getDefault()), timeout.toNanos(), inFlight),
          start + timeout.toNanos(),
          new EarlyConnection.OnFailure() {
            @Override
            public void failed(Throwable failure) {
              // A start the host has not confirmed yet is left to its answer: a no is CANCELLED,
              // as documented, and a yes fails at once on this failure.
              if (!deadlinePassed(failure) && !inFlight.unconfirmed()) {
                finish(inFlight, Delivery.FAILED, outcomeLine(endpoint, Delivery.FAILED, start, failure));
              }
            }
          });
      inFlight.opening(connection);
    } catch (RuntimeException e) { // a SecurityManager's, say: the default ProxySelector, the thread
      say(inFlight, Delivery.FAILED, "tbot.start not sent: " + e);
      return Delivery.FAILED;
    }
    return Diagnostics.quietly(() -> sendNow(event, endpoint, timeout, connection, inFlight, start));
  }

  private static Delivery sendNow(StartEvent event, URI endpoint, Duration timeout, EarlyConnection connection,
      InFlight inFlight, long start) {
    @Nullable SdkLoggerProvider provider = null;
    @Nullable Delivery gaveUp;
    try {
      @Nullable Delivery settled = inFlight.settled();
      if (settled != null) {
        return settled; // the connect failed already: no SDK to build for nothing
      }
      // The host's close gave up before this point and says how the send ended: no SDK is built
      // for nothing, nor the JVM's properties touched (EncoderBufferSize).
      if ((gaveUp = inFlight.abortedAs()) != null) {
        return gaveUp;
      }
      EncoderBufferSize.pin();
      OtlpHttpLogRecordExporter exporter =
          OtlpHttpLogRecordExporter.builder()
              .setEndpoint(endpoint.toString())
              .setTimeout(timeout)
              .setConnectTimeout(timeout)
              .setRetryPolicy(null)
              // No setCompression("gzip"): its look-up constructs every Compressor a ServiceLoader
              // finds on the class path, a host's own too. SocketHttpSender gzips the body itself.
              // The exporter's own metrics would otherwise go to the global OpenTelemetry instance.
              .setMeterProvider(DroppedInternalMetrics.INSTANCE)
              .setComponentLoader(new PinnedSender(connection))
              .build();
      // Again once the exporter is built (a cold one loads some hundred classes), and before the
      // record: a host that unloads the library once close returns sees no class loaded after.
      if ((gaveUp = inFlight.abortedAs()) != null) {
        return gaveUp;
      }
      ResultCapture capture = new ResultCapture(exporter);
      provider = EventRecorder.provider(EventRecorder.processor(capture));
      // Everything is ready (the connection opening meanwhile); the request waits for the go.
      if (!inFlight.awaitGo(start + timeout.toNanos())) {
        return finish(inFlight, Delivery.CANCELLED, InFlight.NOT_CONFIRMED);
      }
      if ((gaveUp = inFlight.abortedAs()) != null) {
        return gaveUp;
      }
      EventRecorder.record(provider, event);
      // The send ran on this thread and has ended. Shut the exporter down before it hears of a
      // failure, so that the SDK logs the failure at FINE (SocketHttpSender says why).
      capture.shutdown();
      long left = timeout.toNanos() - (System.nanoTime() - start);
      CompletableResultCode result = capture.result();
      result.join(Math.max(left, 0), TimeUnit.NANOSECONDS);
      // A deadline the send ran into, or the host's exit budget (close aborted it), is a time-out
      // too, not a failure.
      Delivery delivery = result.isSuccess() ? Delivery.DELIVERED
          : !result.isDone() || deadlinePassed(result.getFailureThrowable()) || inFlight.aborted()
              ? Delivery.TIMED_OUT : Delivery.FAILED;
      return finish(inFlight, delivery, outcomeLine(endpoint, delivery, start,
          result.isSuccess() || !result.isDone() ? null : result.getFailureThrowable()));
    } catch (RuntimeException | LinkageError e) {
      return finish(inFlight, Delivery.FAILED, "tbot.start not sent: " + e);
    } finally {
      connection.abandon(); // if the exporter never took it
      if (provider != null) {
        provider.shutdown(); // not joined: the simple processor has no thread, and the time is spent
      }
    }
  }

  /**
   * In debug mode, the line that says how the send ended, unless the close that aborted it says
   * so: a send the exit timeout ended gets one line, whichever thread saw the end first. A send
   * that was delivered or failed says so even after the close gave up on it.
   */
  private static void say(InFlight inFlight, Delivery delivery, String line) {
    boolean timedOut = delivery == Delivery.TIMED_OUT || delivery == Delivery.CANCELLED;
    if (timedOut && inFlight.aborted()) {
      return; // the close's line
    }
    if (inFlight.claimOutcomeLine() || !timedOut) {
      Diagnostics.debug(line);
    }
  }

  /**
   * Settles the send, unless the early connection's failure already did: says how it ended, then
   * tells the host, before the clean-up in sendNow's finally, which it need not wait for. Returns
   * the outcome that stands.
   */
  private static Delivery finish(InFlight inFlight, Delivery delivery, String line) {
    @Nullable Delivery earlier = inFlight.settle(delivery, new Runnable() {
      @Override
      public void run() {
        say(inFlight, delivery, line);
      }
    });
    if (earlier != null) {
      return earlier;
    }
    inFlight.ended(delivery);
    return delivery;
  }

  /** The line that says how the send ended, and why if it failed ({@code failure}). */
  private static String outcomeLine(URI endpoint, Delivery delivery, long start, @Nullable Throwable failure) {
    return "tbot.start to " + Endpoints.origin(endpoint) + ": " + delivery + " after "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms"
        + (failure == null ? "" : " (" + why(failure, endpoint) + ")");
  }

  /** The collector's status, or the error that ended the send, on one line, with a hint at the fix. */
  // Visible for testing
  static String why(@Nullable Throwable failure, URI endpoint) {
    if (failure instanceof FailedExportException.HttpExportException) {
      HttpResponse response = ((FailedExportException.HttpExportException) failure).getResponse();
      if (response != null) {
        // 407 is a proxy's (plain http through HTTP_PROXY), never the collector's own answer.
        int status = response.getStatusCode();
        @Nullable SocketHttpSender.Response ours =
            response instanceof SocketHttpSender.Response ? (SocketHttpSender.Response) response : null;
        // Through a plain-HTTP proxy, the proxy may answer in the collector's place.
        return (status == 407 ? "the proxy answered "
                : ours != null && ours.throughProxy() ? "the proxy or the collector answered "
                : "the collector answered ") + status
            + FailureHints.answer(status, ours != null && ours.plainAnswerOfTls(), endpoint);
      }
    }
    // The exporter wraps the sender's error once.
    Throwable cause =
        failure instanceof FailedExportException && failure.getCause() != null ? failure.getCause() : failure;
    return cause == null
        ? "no result"
        : cause.toString().replace('\n', ' ') + FailureHints.connection(cause, endpoint);
  }

  // Visible for testing
  static boolean deadlinePassed(@Nullable Throwable failure) {
    // Bounded, as FailureHints reads causes: a chain of them can be a loop.
    Throwable t = failure;
    for (int depth = 0; t != null && depth < FailureHints.MAX_CAUSES; depth++, t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Hands the exporter {@link SocketHttpSenderProvider}, and no other provider. */
  private static final class PinnedSender implements ComponentLoader {
    private final EarlyConnection connection;

    PinnedSender(EarlyConnection connection) {
      this.connection = connection;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Iterable<T> load(Class<T> type) {
      if (type == HttpSenderProvider.class) {
        return (Iterable<T>) List.of(new SocketHttpSenderProvider(connection));
      }
      // Nothing else of the class path's: a host's providers are its own business, never run here.
      return List.of();
    }
  }

  /**
   * Keeps the export's own result: the processor's flush cannot tell a failed export from a finished
   * one, since it forgets exports once they complete. Shuts its exporter down once: the send does it
   * before the provider does, and the SDK logs a second shutdown at INFO.
   */
  private static final class ResultCapture implements LogRecordExporter {
    private final LogRecordExporter delegate;
    private volatile CompletableResultCode result = CompletableResultCode.ofFailure();
    @Nullable private CompletableResultCode shutdown; // on the send's thread only

    ResultCapture(LogRecordExporter delegate) {
      this.delegate = delegate;
    }

    CompletableResultCode result() {
      return result;
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      CompletableResultCode r;
      try {
        r = delegate.export(logs);
      } catch (RuntimeException e) {
        // E.g. a SecurityManager's refusal while encoding. Thrown, the processor would log it at
        // WARNING with a stack trace (on the host's stderr where its filter cannot be set); failed,
        // at FINE.
        r = CompletableResultCode.ofExceptionalFailure(e);
      }
      result = r;
      return r;
    }

    @Override
    public CompletableResultCode flush() {
      return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      if (shutdown == null) {
        shutdown = delegate.shutdown();
      }
      return shutdown;
    }
  }
}
