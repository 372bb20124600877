package com.goteleport.tbot.otel;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.config.Endpoints;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.internal.env.VariableNames;
import com.goteleport.tbot.otel.internal.export.DebugLine;
import com.goteleport.tbot.otel.internal.export.EventSender;
import com.goteleport.tbot.otel.internal.export.InFlight;
import com.goteleport.tbot.otel.internal.export.SdkVersions;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * tbot's anonymous usage analytics: sends one {@code tbot.start} event when the user opted in, and
 * does nothing at all otherwise. Create one at start-up with the host's settings, call {@link
 * #recordStart}, and {@link #close} it at exit.
 *
 * <p>The end of README's library snippet ({@code env} is {@link System#getenv()}), which also shows
 * how {@code config}, {@code consent} and {@code endpoint} are resolved, and what to do when one
 * cannot be (a test keeps the two the same):
 *
 * <pre>{@code
 * try (AnonymousAnalytics analytics = AnonymousAnalytics.builder()
 *     .setConsent(consent)
 *     .setEndpoint(endpoint)
 *     .setEnvironment(env)
 *     .build()) {
 *   if (analytics.enabled()) { // one line: what is sent, where to, and how to turn it off
 *     System.err.println("agent: " + analytics.notice());
 *   }
 *   analytics.recordStart(StartEvent.builder()
 *       .setRunMode(config.oneshot() ? RunMode.ONE_SHOT : RunMode.CONTINUOUS)
 *       .setVersion("18.1.0")
 *       .setJoinType(config.joinMethod())
 *       .setHelperFromEnvironment(env)
 *       .setDestinations(config.destinations())
 *       .build());
 *   // ... the agent's work: start-up was not blocked ...
 * } // close(): waits at most 500 ms for delivery, then gives up silently
 * }</pre>
 *
 * <p>One instance stands for one start of the agent: a long-running agent that reloads its config
 * has not started again, and records no second start. Instances are safe to use from several
 * threads.
 *
 * <p>Without consent no OpenTelemetry SDK class is loaded, and no thread or socket is created. With
 * consent, {@link #recordStart} returns at once: the SDK and exporter are built and the event sent
 * on a daemon thread, while a second daemon thread opens the connection (TLS included) alongside.
 * Once built, nothing here throws into the host or prints, debug mode aside ({@link #recordStart},
 * {@link #close}, {@link #delivery}, {@link #notice}); the builder's setters check their arguments
 * as documented, as the OpenTelemetry SDK's builders do. The send's diagnostics go to the JUL logger
 * {@code com.goteleport.tbot.otel} at FINE; with {@link Builder#setDebug}, they and this instance's
 * own (why nothing was sent, a close that gave up) are also printed on stderr.
 */
public final class AnonymousAnalytics implements AutoCloseable {

  /** Where events go unless redirected: the collector Teleport runs for tbot. */
  public static final String DEFAULT_ENDPOINT = "https://anonymous-analytics.teleport.sh/v1/logs";

  /** The longest {@link #close} waits for delivery unless set otherwise: {@value} ms. */
  public static final long DEFAULT_EXIT_TIMEOUT_MILLIS = 500;

  /** The largest exit timeout accepted: {@value} ms. */
  public static final long MAX_EXIT_TIMEOUT_MILLIS = 10_000;

  /**
   * The longest the send may take in the background unless set otherwise: {@value} ms. It only
   * matters while the host keeps running; at {@link #close} a send still under way is aborted.
   */
  public static final long DEFAULT_SEND_TIMEOUT_MILLIS = 10_000;

  // Nanoseconds, and the send's state below made only by recordStart: without consent, this class
  // loads little it does not need (Duration pulls in BigInteger; ENDED, one latch, is the class's
  // and costs no java.lang.invoke on JDK 17, as -Xlog:class+load shows).
  private final Consent consent;
  @Nullable private final URI endpoint;
  private final long exitTimeoutNanos;
  private final long sendTimeoutNanos;
  @Nullable private final Map<String, String> env; // null: the process's, which it may not read
  @Nullable private final Throwable envUnread; // and why
  @Nullable private final PrintStream debugOut; // stderr in debug mode, else null: silent
  // recordStart and close decide under one lock, so no send can start after close. A private one,
  // not this: a host may synchronize on the instance, and the send's thread takes the lock too.
  private final Object lock = new Object();
  // Guarded by lock.
  private boolean started;
  private boolean closed;
  private long firstCloseDeadline; // System.nanoTime() the first close waits until
  private long firstCloseTimeout; // and how long that was, in ns (for the debug line)
  @Nullable private CountDownLatch done;
  @Nullable private InFlight inFlight;
  // Written under lock, so that close marks a send TIMED_OUT only if it has not ended meanwhile.
  // Not an AtomicReference: that sets up VarHandles on the host's thread (~1.5 ms cold), consent
  // or not.
  private volatile Delivery delivery = Delivery.NOT_ATTEMPTED;

  private AnonymousAnalytics(Builder builder) {
    this.consent = builder.consent;
    this.endpoint = builder.endpoint;
    this.exitTimeoutNanos = builder.exitTimeoutNanos;
    this.sendTimeoutNanos = builder.sendTimeoutNanos;
    this.env = builder.env;
    this.envUnread = builder.envUnread;
    this.debugOut = builder.debug ? System.err : null;
  }

  /**
   * Returns a new builder; consent is denied unless set. It reads the process's proxy variables
   * now, unless {@link Builder#setEnvironment} replaces them; where they cannot be read, it does not
   * throw (nothing is then sent).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether the user opted in, so that {@link #recordStart} sends.
   *
   * @return {@code true} if consent was granted
   */
  public boolean enabled() {
    return consent.granted();
  }

  /**
   * The consent decision and which source made it.
   *
   * @return the decision given to the builder, or {@link Consent#denied()}
   */
  public Consent consent() {
    return consent;
  }

  /**
   * The endpoint as given to the builder, or {@link #DEFAULT_ENDPOINT}: the URL the event is POSTed
   * to, once the send has checked it ({@link Endpoints#parse}: one it refuses, such as a URL with
   * credentials, gets nothing). To show where the data goes, use {@link #notice} or {@link
   * Endpoints#origin}, which name no path or credentials.
   *
   * @return the endpoint; never {@code null}
   */
  public URI endpoint() {
    return endpoint == null ? URI.create(DEFAULT_ENDPOINT) : endpoint;
  }

  /**
   * The longest {@link #close} waits.
   *
   * @return the exit timeout given to the builder, or {@value #DEFAULT_EXIT_TIMEOUT_MILLIS} ms
   */
  public Duration exitTimeout() {
    return Duration.ofNanos(exitTimeoutNanos);
  }

  /**
   * The one line a host shows its user when analytics is on: which setting turned it on (the
   * consent's {@link Consent#reason()}), what is sent, where, and how to turn it off. Show it when
   * {@link #enabled()}; without consent it says only that analytics is off and nothing is sent. It
   * names no command of tbot-otel's own: a host that lets its user see the event first says how
   * with {@link #notice(String)}.
   *
   * @return the line, without a line separator
   */
  public String notice() {
    return notice(null);
  }

  /**
   * As {@link #notice()}, also saying how the user sees the event without sending it: {@code
   * howToSee} as a clause, e.g. {@code "see it by running this same line with 'preview' in place of
   * 'start'"} (as the CLI's {@code start} says), or {@code null} (or blank) for nothing. A line
   * break or other control character in it is made a space: the notice stays one line.
   *
   * @param howToSee how the user sees the event, or {@code null}
   * @return the line, without a line separator
   */
  public String notice(@Nullable String howToSee) {
    String clause = howToSee == null ? "" : DebugLine.oneLine(howToSee).strip();
    boolean noClause = clause.isEmpty();
    if (!enabled()) { // a host showing the line unconditionally must not claim it is on
      return "Anonymous usage analytics is off: nothing is sent" + (noClause ? "." : " (" + clause + ").");
    }
    @Nullable String origin = origin();
    // Which setting said yes: one the user may have set for something else (tbot's own
    // TELEPORT_ANONYMOUS_TELEMETRY) is named where the user sees that analytics is on.
    String on = "Anonymous usage analytics is on (" + consent.reason() + ")";
    return (origin == null
            ? on + ", but nothing is sent: its endpoint is " + REFUSED
            : on + ": one tbot.start event is sent to " + origin)
        + " ("
        + (noClause ? "" : clause + "; ")
        + "turn it off with --no-anonymous-analytics or DO_NOT_TRACK=1).";
  }

  private static final String REFUSED = "not a plain http(s) URL";

  // Scheme, host and port only: never a path. An endpoint the send refuses (user:password, a scheme
  // other than http(s)) is null here, and named as one that nothing goes to, never by its host.
  @Nullable
  private String origin() {
    URI to;
    try {
      to = Endpoints.parse(endpoint().toString(), "endpoint"); // as the send checks it
    } catch (Exception refused) { // a ConfigException; not named: the verifier would load it for every host
      return null;
    }
    return Endpoints.origin(to);
  }

  private String where() {
    @Nullable String origin = origin();
    return origin == null ? REFUSED + ", so nothing is sent" : origin;
  }

  /**
   * Sends {@code event} if the user opted in; otherwise does nothing (in debug mode, one line gives
   * consent's reason). Returns at once, never throws (a {@code null} event is ignored too);
   * only the first call of an instance sends, and none after {@link #close} (in debug mode, one line
   * says why such a call sent nothing).
   *
   * @param event the start to send; {@code null} sends nothing (debug mode says so)
   */
  public void recordStart(@Nullable StartEvent event) {
    recordStart(event, null);
  }

  /**
   * As {@link #recordStart(StartEvent)}, for a host that learns only later whether this start is
   * one to count (a wrapper waiting to see its child get past its config): the send gets ready at
   * once (connection, exporter), but the request is written only once {@code confirmed} completes
   * with {@code true}. With {@code false}, an exception, or no answer before the send timeout or
   * {@link #close}, nothing is sent and {@link #delivery()} is {@link Delivery#CANCELLED}. The
   * answer is read through the JDK's {@code toCompletableFuture().copy()}, so a stage that never
   * completes holds no tbot-otel object; a stage that cannot be converted gets a short callback of
   * tbot-otel's, which never throws, run by the thread that completes it.
   *
   * @param event the start to send; {@code null} sends nothing (debug mode says so)
   * @param confirmed completes with {@code true} once this start is one to count; {@code null}
   *     sends as soon as the send is ready, as {@link #recordStart(StartEvent)} does
   */
  public void recordStart(@Nullable StartEvent event, @Nullable CompletionStage<Boolean> confirmed) {
    if (event == null) {
      if (debugOut != null) {
        try { // a string constant's first use allocates, which a full heap refuses
          debugNotSent("recordStart was given no event");
        } catch (Throwable outOfMemory) {
          // the line is lost; the host is not hurt
        }
      }
      return;
    }
    if (!consent.granted()) {
      if (debugOut != null) { // only then: this is the host's thread, and the usual case
        debugNotSent(consent.reason()); // e.g. a "no" a SecurityManager, or the JVM, kept unread
      }
      return;
    }
    // The host's code (its stage's toCompletableFuture, copy or whenComplete) runs before the lock,
    // and the host's stderr is written after it: either may block, and a close() on another thread
    // (the host's exit path, a shutdown hook) must not wait for them past its exit timeout.
    @Nullable InFlight send = null;
    @Nullable Throwable unconvertible = null;
    try {
      send = confirmed == null ? null : new InFlight(confirmed);
    } catch (Throwable t) {
      unconvertible = t;
    }
    @Nullable Object notSent = null;
    boolean late = false; // this call came after close, or after the first: a host may wonder why
    boolean afterClose = false;
    synchronized (lock) {
      if (!closed && !started) {
        started = true;
        notSent = startSender(event, send, unconvertible);
      } else {
        late = true;
        afterClose = closed && !started;
      }
    }
    if (debugOut != null && (late || notSent != null)) {
      try { // in debug mode only: a string constant's first use allocates, which a full heap refuses
        if (late) {
          debugNotSent(afterClose
              ? "recordStart was called after close"
              : "recordStart was called again; only an instance's first start is sent");
        } else if (notSent == InFlight.NOT_CONFIRMED) {
          debug(InFlight.NOT_CONFIRMED, "");
        } else {
          debugNotSent(notSent);
        }
      } catch (Throwable outOfMemory) {
        // the line is lost; the host is not hurt
      }
    }
  }

  /**
   * Called holding the lock; prints nothing. Returns why the event is not sent, for debug mode
   * ({@link InFlight#NOT_CONFIRMED} itself for a start already refused its confirmation), or
   * {@code null} once its thread is started.
   */
  @Nullable
  private Object startSender(StartEvent event, @Nullable InFlight confirming, @Nullable Throwable unconvertible) {
    done = ENDED; // until the latch below exists: close then finds a send that has ended
    try {
      CountDownLatch finished = new CountDownLatch(1);
      done = finished;
      if (unconvertible != null) {
        throw unconvertible; // the host's stage threw: this start fails as any other fault here
      }
      InFlight send = confirming != null ? confirming : new InFlight();
      inFlight = send;
      if (send.refused()) {
        delivery = Delivery.CANCELLED; // already a no: no thread, no connection
        finished.countDown();
        return InFlight.NOT_CONFIRMED;
      }
      if (env == null) {
        // Unknown proxy settings: a connection that may bypass the proxy the user set is not made.
        delivery = Delivery.FAILED;
        finished.countDown();
        return debugOut == null ? null : whyEnvironmentUnread(envUnread)
            + ", so HTTPS_PROXY and NO_PROXY are unknown; pass them with setEnvironment";
      }
      delivery = Delivery.PENDING;
      Send task = new Send(event, endpoint(), send, finished);
      send.whenEnded(task);
      Thread sender = new Thread(task, "tbot-otel-analytics");
      sender.setDaemon(true);
      sender.start();
      return null;
    } catch (Throwable t) {
      // E.g. Thread.start at the process's thread limit, a SecurityManager that refuses the thread,
      // a heap too full for the allocations above, or the host's stage.
      delivery = Delivery.FAILED;
      done.countDown();
      return t;
    }
  }

  // Why the builder could not read the process's variables. An Error's cause has the words of a
  // NoClassDefFoundError (from JDK 25 a JVM whose launch mechanism is unknown gives one on every read
  // but the first), as Consent words it.
  private static String whyEnvironmentUnread(@Nullable Throwable why) {
    if (why instanceof SecurityException) {
      return "the SecurityManager denies reading the environment";
    }
    if (why instanceof UnreadableMap) {
      return "the map given to setEnvironment cannot be read (" + why.getCause() + ")";
    }
    @Nullable Throwable cause = why == null ? null : why.getCause();
    return "the JVM cannot read the environment (" + (cause != null ? why + ": " + cause.getMessage() : why) + ")";
  }

  // Apart, and only in debug mode: a string constant's first use allocates, which a full heap refuses.
  private void debugNotSent(Object why) {
    if (debugOut != null) {
      try {
        debug("tbot.start not sent: ", why);
      } catch (Throwable outOfMemory) {
        // the line is lost; the host is not hurt
      }
    }
  }

  // A send that ended before it began: what close finds if startSender could not even allocate.
  private static final CountDownLatch ENDED = new CountDownLatch(0);

  /**
   * How the send ended so far: {@link Delivery#NOT_ATTEMPTED} without consent or before {@link
   * #recordStart}, {@link Delivery#PENDING} while under way.
   *
   * @return the outcome so far; never {@code null}
   */
  public Delivery delivery() {
    return delivery;
  }

  /**
   * Waits at most the exit timeout for the event to be delivered, then returns, whatever the
   * collector does (as any timed wait, late by the scheduler's wake-up and the close's own
   * bookkeeping: up to a few milliseconds on a loaded machine). It returns as soon as the send's
   * outcome is known: the send's daemon thread shuts its SDK down afterwards. A send still under way is aborted (its connection closed)
   * shortly before the timeout, so that its thread is not left blocked in a socket call, which
   * HotSpot would wait up to 300 ms for at JVM exit. A host name look-up, which nothing can stop,
   * is given up on once it has run 20 ms with 320 ms or less of the timeout left, so that wait ends
   * within the timeout when the look-up began at least 20 ms before that; one that begins later
   * (with a timeout under 320 ms, or a send that starts late) may still add up to 300 ms at exit.
   * Threads still running are daemons and cannot keep the JVM alive. An interrupt does not cut the
   * wait short (it is bounded anyway); the thread stays interrupted. A send that has not ended when
   * this returns is {@link Delivery#TIMED_OUT} ({@link Delivery#CANCELLED} if its start was not
   * confirmed yet), and in debug mode one line says so; should the aborted send still end later,
   * {@link #delivery()} then says how it did. Called again, or from several threads at once (the
   * host's exit path and its shutdown hook), each call waits in the same way, never past the first
   * call's deadline; one given less time than the first's waits that long and leaves the send to
   * the first (it neither aborts it nor marks it {@link Delivery#TIMED_OUT}), but returns as soon
   * as another call has given up on a look-up.
   */
  @Override
  public void close() {
    close(null);
  }

  /**
   * As {@link #close()}, waiting at most {@code maxWait} or the exit timeout, whichever is
   * shorter: for a host whose exit budget is partly spent already.
   *
   * @param maxWait the most this call waits; {@code null} means the exit timeout; zero or negative,
   *     not at all (the first call then aborts a send still under way at once)
   */
  public void close(@Nullable Duration maxWait) {
    try {
      closeWithin(maxWait);
    } catch (Throwable unloadable) {
      // A full heap as the host closes: close's first use of a class (Math, in a loader that had
      // not yet asked for it) loads it through the library's loader, which allocates. Nothing is
      // thrown into the host; the send, on a daemon thread, ends by itself.
    }
  }

  private void closeWithin(@Nullable Duration maxWait) {
    CountDownLatch done;
    InFlight inFlight;
    long wait = maxWait == null ? exitTimeoutNanos : saturatedNanos(maxWait);
    long timeout = Math.max(0, Math.min(wait, exitTimeoutNanos));
    long deadline = System.nanoTime() + timeout;
    boolean leftToTheFirst = false;
    synchronized (lock) {
      if (closed) {
        // Another close, perhaps still waiting (the host's exit path and its shutdown hook): this
        // one waits as well, never past the first one's deadline, so that it returns no sooner
        // than the outcome is known, nor waits longer in all than the exit timeout. One with less
        // time waits that long, but the send is the first's to give up on.
        leftToTheFirst = deadline - firstCloseDeadline < 0;
        deadline = leftToTheFirst ? deadline : firstCloseDeadline;
      } else {
        closed = true;
        firstCloseDeadline = deadline;
        firstCloseTimeout = timeout;
      }
      if (!started) {
        return;
      }
      done = this.done;
      inFlight = this.inFlight;
      timeout = firstCloseTimeout;
    }
    if (done.getCount() == 0) {
      // The outcome is known, as it usually is at exit: nothing to wait for, so no class to load or
      // object to allocate (a full heap refuses both).
      return;
    }
    ExitWait waited;
    try {
      waited = ExitWait.await(done, inFlight, deadline, timeout, leftToTheFirst);
    } catch (Throwable unloadable) {
      // Its class is loaded only now, on the host's thread: the library's jar replaced under the
      // host, or a full heap, must not throw into it. The send, on a daemon thread, ends by itself.
      return;
    }
    @Nullable Delivery gaveUp = null;
    synchronized (lock) {
      if (waited.aborted()) {
        if (done.getCount() > 0 && delivery == Delivery.PENDING) {
          // Aborting refuses a confirmation not yet given: such a start never writes its request,
          // and its send ends CANCELLED. The send may still record how it ended, if it ever does.
          delivery = inFlight.refused() ? Delivery.CANCELLED : Delivery.TIMED_OUT;
        }
        // Also a send that ended on the abort within the grace: the exit timeout ended it.
        gaveUp = delivery == Delivery.TIMED_OUT || delivery == Delivery.CANCELLED ? delivery : null;
      }
    }
    // One line says how the send ended: this one, unless the send said it before the abort.
    if (gaveUp != null && debugOut != null && inFlight.claimOutcomeLine()) {
      // The host usually exits now, before the aborted send could say how it ended.
      try {
        debug(waited.outcomeLine(gaveUp, where(), exitTimeoutNanos, inFlight.stepPhrase()), "");
      } catch (Throwable outOfMemory) {
        // the line is lost; close never throws
      }
    }
    if (waited.interrupted()) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * In debug mode, one line on stderr. Never throws: a host's own stream may (System.setErr), and
   * on a full heap even the concatenation, done here inside the try, fails.
   */
  private void debug(String what, Object detail) {
    if (debugOut != null) {
      try {
        debugOut.println(DebugLine.PREFIX + what + DebugLine.oneLine(String.valueOf(detail)));
      } catch (Throwable hostStream) {
        // the line is lost; the host is not hurt
      }
    }
  }

  // Duration.toNanos throws past about 292 years either way; close never throws.
  private static long saturatedNanos(Duration d) {
    if (d.isNegative()) {
      return 0;
    }
    return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
  }

  @Override
  public String toString() {
    return "AnonymousAnalytics{" + consent + ", endpoint=" + where() + "}";
  }

  // A host's map for setEnvironment that threw as it was read (changed by another thread meanwhile, say).
  private static final class UnreadableMap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableMap(RuntimeException cause) {
      super(null, cause, false, false);
    }
  }

  // Only what the sender reads: the rest of the environment has no business in this object. On
  // Windows a name has no case (as for Go's os.Getenv, which tbot reads its proxy with), but the
  // JDK's System.getenv() map there is case-sensitive: a Https_Proxy is found by any case, and of
  // two spellings the one listed last is taken.
  // Visible for testing
  static Map<String, String> proxyVariables(Map<String, String> env, boolean anyCase) {
    Map<String, String> proxies = new HashMap<>();
    for (String name : VariableNames.PROXY) {
      String value = env.get(name);
      if (value == null && anyCase) {
        List<String> spellings = VariableNames.valuesInAnyCase(env, name);
        value = spellings.isEmpty() ? null : spellings.get(spellings.size() - 1);
      }
      if (value != null) {
        proxies.put(name, value);
      }
    }
    return Map.copyOf(proxies);
  }

  /**
   * The sender thread's work. A class, not a lambda: it is made on the host's thread, where a first
   * lambda would cost ~10 ms of {@code invokedynamic} bootstrap in a cold JVM (measured).
   */
  private final class Send implements Runnable, Consumer<Delivery> {
    private final StartEvent event;
    private final URI to;
    private final InFlight inFlight;
    private final CountDownLatch finished;
    private volatile boolean reported; // through accept

    Send(StartEvent event, URI to, InFlight inFlight, CountDownLatch finished) {
      this.event = event;
      this.to = to;
      this.inFlight = inFlight;
      this.finished = finished;
    }

    @Override
    public void run() {
      try {
        try {
          // Before EventSender is loaded: in a runtime without java.logging, or on an OpenTelemetry
          // too old for it, its class may not link.
          @Nullable String cannot = SdkVersions.cannotRun();
          if (cannot != null) {
            notSent(cannot);
            return;
          }
          // env is set: startSender starts no send without it.
          Delivery result =
              EventSender.send(consent, event, to, Duration.ofNanos(sendTimeoutNanos), env, inFlight, debugOut);
          settleUnlessReported(result); // an outcome reported through accept stands, whatever the clean-up did
        } catch (Throwable t) { // never let telemetry kill anything, even a thread
          if (reported) {
            return; // a clean-up that failed after the outcome: nothing to say
          }
          // E.g. a NoClassDefFoundError: a host that left out the OpenTelemetry jars.
          notSent(String.valueOf(t));
        }
      } catch (Throwable outOfMemory) {
        // Saying why failed too: the heap is full. Nothing may leave this thread, or the host's
        // default uncaught-exception handler gets it (the JVM's prints it on stderr). Allocates
        // nothing.
        settleUnlessReported(Delivery.FAILED);
      } finally {
        finished.countDown();
      }
    }

    /** The outcome, as soon as the send knows it: close need not wait for the send's clean-up. */
    @Override
    public void accept(Delivery result) {
      synchronized (lock) { // with the flag, so that run's check and write cannot fall between
        delivery = result;
        reported = true;
      }
      finished.countDown();
    }

    private void settleUnlessReported(Delivery result) {
      synchronized (lock) {
        if (!reported) {
          delivery = result;
        }
      }
    }

    private void notSent(String why) {
      settle(Delivery.FAILED);
      debug("tbot.start not sent: ", why);
    }

    private void settle(Delivery result) {
      synchronized (lock) {
        delivery = result;
      }
    }
  }

  /** Builder for {@link AnonymousAnalytics}. */
  public static final class Builder {
    private Consent consent = Consent.denied();
    @Nullable private URI endpoint;
    private long exitTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_EXIT_TIMEOUT_MILLIS);
    private long sendTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_SEND_TIMEOUT_MILLIS);
    @Nullable private Map<String, String> env;
    @Nullable private Throwable envUnread; // why env is null
    private boolean debug;

    // builder() never throws: where the process's variables cannot be read (a SecurityManager's
    // denial; from JDK 25 an unknown -Djdk.lang.Process.launchMechanism, as Consent reads it; a
    // full heap), env stays null and nothing is sent.
    private Builder() {
      try {
        env = proxyVariables(System.getenv(), VariableNames.windows());
      } catch (SecurityException | Error e) {
        unreadEnvironment(e);
      }
    }

    // Visible for testing: as if reading the process's variables had thrown e.
    Builder unreadEnvironment(Throwable e) {
      env = null;
      envUnread = e;
      return this;
    }

    /**
     * Sets the user's decision. If this method is not invoked, consent is denied.
     *
     * @param consent the decision, e.g. from {@link Consent#resolve}
     * @return this builder
     */
    public Builder setConsent(Consent consent) {
      this.consent = requireNonNull(consent, "consent");
      return this;
    }

    /**
     * Sets the full URL to POST to, e.g. {@code http://127.0.0.1:4318/v1/logs}. If this method is
     * not invoked or given {@code null}, {@link #DEFAULT_ENDPOINT}. Validate user input with {@code
     * Endpoints.parse} first, for a clear message: an endpoint it refuses (another scheme, no host,
     * credentials) is never connected to, and the send fails.
     *
     * @param endpoint the OTLP/HTTP logs URL, or {@code null} for the default
     * @return this builder
     */
    public Builder setEndpoint(@Nullable URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Sets the longest {@link #close} waits for delivery; a send still under way then is aborted.
     * If this method is not invoked, {@value #DEFAULT_EXIT_TIMEOUT_MILLIS} ms.
     *
     * @param exitTimeout from 0 to {@value #MAX_EXIT_TIMEOUT_MILLIS} ms
     * @return this builder
     * @throws IllegalArgumentException if negative or over {@value #MAX_EXIT_TIMEOUT_MILLIS} ms
     */
    public Builder setExitTimeout(Duration exitTimeout) {
      requireNonNull(exitTimeout, "exitTimeout");
      if (exitTimeout.isNegative() || exitTimeout.compareTo(Duration.ofMillis(MAX_EXIT_TIMEOUT_MILLIS)) > 0) {
        throw new IllegalArgumentException(
            "exitTimeout must be between 0 and " + MAX_EXIT_TIMEOUT_MILLIS + " ms: " + exitTimeout);
      }
      this.exitTimeoutNanos = exitTimeout.toNanos();
      return this;
    }

    /**
     * Sets the longest the background send may take (connect, TLS, request and answer together)
     * while the host keeps running; however long it is, {@link #close} never waits past the exit
     * timeout. If this method is not invoked, {@value #DEFAULT_SEND_TIMEOUT_MILLIS} ms.
     *
     * @param sendTimeout more than 0, at most {@value #MAX_EXIT_TIMEOUT_MILLIS} ms
     * @return this builder
     * @throws IllegalArgumentException if not positive or over {@value #MAX_EXIT_TIMEOUT_MILLIS} ms
     */
    public Builder setSendTimeout(Duration sendTimeout) {
      requireNonNull(sendTimeout, "sendTimeout");
      if (sendTimeout.isNegative() || sendTimeout.isZero()
          || sendTimeout.compareTo(Duration.ofMillis(MAX_EXIT_TIMEOUT_MILLIS)) > 0) {
        throw new IllegalArgumentException(
            "sendTimeout must be more than 0 and at most " + MAX_EXIT_TIMEOUT_MILLIS + " ms: " + sendTimeout);
      }
      this.sendTimeoutNanos = sendTimeout.toNanos();
      return this;
    }

    /**
     * Sets the environment proxy settings are read from ({@code HTTPS_PROXY}, {@code HTTP_PROXY},
     * {@code NO_PROXY} and their lower-case forms, and {@code REQUEST_METHOD}, under which, as in
     * Go, {@code HTTP_PROXY} is refused); nothing else of it is kept.
     * If this method is not invoked, the process's own proxy variables (where a SecurityManager
     * denies reading them, or the JVM cannot read its environment, nothing is sent and debug mode
     * says why). Where none is set for the
     * endpoint's scheme, the JVM's default {@link java.net.ProxySelector} decides. Where {@code
     * env} throws as it is read, its proxy settings are unknown: nothing is sent (debug mode says
     * why), rather than an exception into the host's start. A proxy is used only as an {@code
     * http://} URL: one given as {@code https://} or {@code socks5://} (which Go's tbot takes) fails
     * the send, never bypassed ({@link Delivery#FAILED}). Consent is not read from it: resolve that
     * with {@link Consent#resolve}.
     *
     * @param env the variables, e.g. the agent's own settings or {@link System#getenv()}
     * @return this builder
     */
    public Builder setEnvironment(Map<String, String> env) {
      requireNonNull(env, "env");
      try {
        this.env = proxyVariables(env, VariableNames.windows());
        this.envUnread = null;
      } catch (RuntimeException e) {
        unreadEnvironment(new UnreadableMap(e));
      }
      return this;
    }

    /**
     * Prints telemetry diagnostics on stderr when {@code true}. If not invoked, silent.
     *
     * @param debug whether to print diagnostics
     * @return this builder
     */
    public Builder setDebug(boolean debug) {
      this.debug = debug;
      return this;
    }

    /**
     * Builds the instance. With debug set, this instance's telemetry diagnostics go to stderr (the
     * {@code System.err} of this moment); otherwise the SDK's own logging on its analytics path is
     * silenced before any of it runs. Another instance's setting never changes this one's.
     *
     * @return the instance
     */
    public AnonymousAnalytics build() {
      return new AnonymousAnalytics(this);
    }
  }
}
