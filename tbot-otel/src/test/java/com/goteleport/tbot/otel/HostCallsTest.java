package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the library takes what a host hands it: an interrupted start or close, a context class loader
 * of none or a stranger's, huge durations, odd URLs, calls from several threads at once, and many
 * starts in one long-running process.
 */
class HostCallsTest {

  static final Consent YES = Consent.resolve(true, null, Map.of());

  static AnonymousAnalytics analytics(String endpoint) {
    return AnonymousAnalytics.builder().setConsent(YES).setEndpoint(URI.create(endpoint))
        .setExitTimeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void anInterruptedCloseStillWaitsForDeliveryAndKeepsTheInterrupt() {
    try (OtlpReceiver receiver = OtlpReceiver.start().respondAfter(Duration.ofMillis(300))) {
      AnonymousAnalytics a = analytics(receiver.url());
      a.recordStart(StartEvent.builder().build());
      Thread.currentThread().interrupt();
      a.close();
      assertTrue(Thread.interrupted(), "the host's interrupt is kept");
      assertEquals(Delivery.DELIVERED, a.delivery());
    }
  }

  @Test
  void aHostInterruptedBeforeItRecordsKeepsItsInterruptAndTheEventIsSent() {
    // A host interrupted on its way in (a cancelled start-up task): recordStart neither clears nor
    // consumes the interrupt, and the send, on threads of its own, is not cut short by it.
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      AnonymousAnalytics a = analytics(receiver.url());
      Thread.currentThread().interrupt();
      a.recordStart(StartEvent.builder().build());
      assertTrue(Thread.currentThread().isInterrupted(), "recordStart kept the host's interrupt");
      a.close();
      assertTrue(Thread.interrupted(), "close kept it too");
      assertEquals(Delivery.DELIVERED, a.delivery());
      assertEquals(1, receiver.requests().size());
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aHostWithANullOrForeignContextClassLoaderStillSends(boolean none) throws Exception {
    // The send's threads take the caller's context class loader (for a plugin host's unloading),
    // but never load through it: an app server's thread may have none, or a loader that sees none
    // of tbot-otel's or OpenTelemetry's classes.
    ClassLoader hosts = Thread.currentThread().getContextClassLoader();
    try (OtlpReceiver receiver = OtlpReceiver.start();
        java.net.URLClassLoader foreign = new java.net.URLClassLoader(new java.net.URL[0], ClassLoader.getPlatformClassLoader())) {
      AnonymousAnalytics a = analytics(receiver.url());
      Thread.currentThread().setContextClassLoader(none ? null : foreign);
      try {
        a.recordStart(StartEvent.builder().build());
        a.close();
      } finally {
        Thread.currentThread().setContextClassLoader(hosts);
      }
      assertEquals(Delivery.DELIVERED, a.delivery());
      assertEquals(1, receiver.requests().size());
    }
  }

  /** A thread whose close() of {@code a} is waiting for the send when this returns. */
  private static Thread firstCloseWaiting(AnonymousAnalytics a) {
    Thread first = new Thread(a::close, "first-close");
    first.start();
    for (long deadline = System.nanoTime() + 5_000_000_000L;
        first.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline; ) {
      Thread.onSpinWait(); // until the first close waits for the send
    }
    assertEquals(Thread.State.TIMED_WAITING, first.getState(), "the first close waits");
    return first;
  }

  @Test
  void aCloseWhileAnotherWaitsAlsoWaitsForTheOutcome() throws Exception {
    // The host's exit path closes while its shutdown hook does too: the JVM halts once the hook's
    // close returns, so that one must not return early while the send is still under way.
    try (OtlpReceiver receiver = OtlpReceiver.start().respondAfter(Duration.ofMillis(500))) {
      AnonymousAnalytics a = analytics(receiver.url());
      a.recordStart(StartEvent.builder().build());
      Thread first = firstCloseWaiting(a);
      a.close();
      assertEquals(Delivery.DELIVERED, a.delivery(), "close returned before the send's outcome");
      first.join(5_000);
    }
  }

  @Test
  void aCloseWithLessTimeThanTheFirstLeavesTheSendToIt() throws Exception {
    // Another thread's close(ZERO) while the first close waits: it returns at once, and neither
    // aborts the send the first is waiting for nor marks it TIMED_OUT. The answer is held until
    // then, not sent after a delay a stalled test thread could outlast.
    try (OtlpReceiver receiver = OtlpReceiver.start().holdAnswers()) {
      AnonymousAnalytics a = analytics(receiver.url());
      a.recordStart(StartEvent.builder().build());
      Thread first = firstCloseWaiting(a);
      a.close(Duration.ZERO);
      assertEquals(Delivery.PENDING, a.delivery(), "the shorter close returned at once, the send still under way");
      receiver.release();
      first.join(5_000);
      assertEquals(Delivery.DELIVERED, a.delivery(), "the first close's send was not cut short");
      assertEquals(1, receiver.requests().size());
    }
  }

  @Test
  void aStartWaitsForTheHostsConfirmation() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      AnonymousAnalytics later = analytics(receiver.url());
      CompletableFuture<Boolean> yes = new CompletableFuture<>();
      later.recordStart(StartEvent.builder().build(), yes);
      Thread.sleep(300);
      assertEquals(0, receiver.requests().size(), "nothing before the confirmation");
      yes.complete(true);
      later.close();
      assertEquals(Delivery.DELIVERED, later.delivery());
      assertEquals(1, receiver.requests().size());

      AnonymousAnalytics refused = analytics(receiver.url());
      refused.recordStart(StartEvent.builder().build(), CompletableFuture.completedFuture(false));
      refused.close();
      assertEquals(Delivery.CANCELLED, refused.delivery());

      AnonymousAnalytics unanswered = analytics(receiver.url());
      unanswered.recordStart(StartEvent.builder().build(), new CompletableFuture<>());
      unanswered.close(Duration.ofMillis(500));
      // close gave up waiting; the send, told so, ends without writing (it may still be building).
      for (int i = 0; i < 100 && unanswered.delivery() == Delivery.PENDING; i++) {
        Thread.sleep(50);
      }
      assertEquals(Delivery.CANCELLED, unanswered.delivery(), "nothing sent");
      assertEquals(1, receiver.requests().size(), "only the confirmed start was sent");
    }
  }

  /** Analytics in debug mode sending to loopback {@code port}, its debug lines going to {@code err}. */
  private static AnonymousAnalytics debugAnalytics(int port, Duration exitTimeout, java.io.OutputStream err) {
    return builtWithStderr(err, AnonymousAnalytics.builder().setConsent(YES)
        .setEndpoint(URI.create("http://127.0.0.1:" + port + "/v1/logs"))
        .setExitTimeout(exitTimeout).setEnvironment(Map.of()).setDebug(true));
  }

  /**
   * A process environment the builder could not read leaves the proxy unknown, so nothing is sent;
   * the debug line names the real cause: a SecurityManager's denial, or an Error of the JVM's (from
   * JDK 25 an unknown launch mechanism; after the first read, a NoClassDefFoundError whose cause
   * has the words), never the SecurityManager for the latter.
   */
  @Test
  void theDebugLineForAnUnreadEnvironmentNamesItsCause() {
    String launch = "NONE is not a supported process launch mechanism on this platform: LINUX";
    Throwable later = new NoClassDefFoundError("Could not initialize class java.lang.ProcessEnvironment")
        .initCause(new ExceptionInInitializerError("Exception java.lang.Error: " + launch + " [in thread \"main\"]"));
    String[][] cases = {
      {"the SecurityManager denies reading the environment"},
      {"the JVM cannot read the environment (java.lang.Error: " + launch + ")"},
      {"the JVM cannot read the environment (java.lang.NoClassDefFoundError: Could not initialize class "
          + "java.lang.ProcessEnvironment: Exception java.lang.Error: " + launch + " [in thread \"main\"])"},
    };
    Throwable[] thrown = {
      new SecurityException("access denied (\"java.lang.RuntimePermission\" \"getenv.*\")"), new Error(launch), later};
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      for (int i = 0; i < thrown.length; i++) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        AnonymousAnalytics a = builtWithStderr(err, AnonymousAnalytics.builder().unreadEnvironment(thrown[i])
            .setConsent(Consent.resolve(true, null, Map.of())).setEndpoint(URI.create(receiver.url())).setDebug(true));
        a.recordStart(StartEvent.builder().build());
        a.close();
        assertEquals(Delivery.FAILED, a.delivery());
        assertEquals("tbot-otel debug: tbot.start not sent: " + cases[i][0]
            + ", so HTTPS_PROXY and NO_PROXY are unknown; pass them with setEnvironment\n",
            err.toString(java.nio.charset.StandardCharsets.UTF_8), String.valueOf(thrown[i]));
      }
      // The same host given its environment sends: the cases above can fail.
      AnonymousAnalytics given = AnonymousAnalytics.builder().unreadEnvironment(new Error(launch))
          .setEnvironment(Map.of()).setConsent(Consent.resolve(true, null, Map.of()))
          .setEndpoint(URI.create(receiver.url())).setExitTimeout(Duration.ofSeconds(5)).build();
      given.recordStart(StartEvent.builder().build());
      given.close();
      assertEquals(Delivery.DELIVERED, given.delivery());
      assertEquals(1, receiver.requests().size());
    }
  }

  @Test
  void aMapGivenToSetEnvironmentThatThrowsSendsNothingAndThrowsNothingIntoTheHost() {
    // Its proxy settings are unknown, as where the JVM cannot read the environment: a connection
    // that may bypass the proxy the user set is not made. Red before: the map's exception, from
    // setEnvironment into the host's start.
    Map<String, String> throwing = new java.util.AbstractMap<>() {
      @Override
      public String get(Object key) {
        throw new IllegalStateException("boom");
      }

      @Override
      public java.util.Set<Map.Entry<String, String>> entrySet() {
        throw new IllegalStateException("boom");
      }
    };
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      AnonymousAnalytics a = builtWithStderr(err, AnonymousAnalytics.builder().setEnvironment(throwing)
          .setConsent(Consent.resolve(true, null, Map.of())).setEndpoint(URI.create(receiver.url())).setDebug(true));
      a.recordStart(StartEvent.builder().build());
      a.close();
      assertEquals(Delivery.FAILED, a.delivery());
      assertEquals("tbot-otel debug: tbot.start not sent: the map given to setEnvironment cannot be read"
          + " (java.lang.IllegalStateException: boom), so HTTPS_PROXY and NO_PROXY are unknown; pass them with"
          + " setEnvironment\n", err.toString(java.nio.charset.StandardCharsets.UTF_8));
      // A readable map given after it replaces it, and sends: the case above can fail.
      AnonymousAnalytics given = AnonymousAnalytics.builder().setEnvironment(throwing).setEnvironment(Map.of())
          .setConsent(Consent.resolve(true, null, Map.of())).setEndpoint(URI.create(receiver.url()))
          .setExitTimeout(Duration.ofSeconds(5)).build();
      given.recordStart(StartEvent.builder().build());
      given.close();
      assertEquals(Delivery.DELIVERED, given.delivery());
      assertEquals(1, receiver.requests().size());
    }
  }

  /** Builds with System.err set to {@code err}: setDebug takes System.err as it is when built. */
  private static AnonymousAnalytics builtWithStderr(java.io.OutputStream err, AnonymousAnalytics.Builder builder) {
    java.io.PrintStream was = System.err;
    System.setErr(err instanceof java.io.PrintStream ? (java.io.PrintStream) err
        : new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      return builder.build();
    } finally {
      System.setErr(was);
    }
  }

  @Test
  void aStartCloseGaveUpOnBeforeItWasConfirmedIsCancelledNotTimedOut() throws Exception {
    // No exit budget: close aborts and returns while the send is still building its exporter. The
    // start was never confirmed, so nothing was or will be written: CANCELLED, as recordStart says,
    // at once and once the send has ended, and in debug mode the line says so.
    try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      AnonymousAnalytics a = debugAnalytics(listener.getLocalPort(), Duration.ZERO, err);
      a.recordStart(StartEvent.builder().build(), new CompletableFuture<>());
      a.close();
      assertEquals(Delivery.CANCELLED, a.delivery(), "when close returns");
      for (int i = 0; i < 200 && !AnonymousAnalyticsTest.ourThreads().isEmpty(); i++) {
        Thread.sleep(25); // the aborted send winds down
      }
      assertEquals(Delivery.CANCELLED, a.delivery(), "once the send has ended");
      String printed = err.toString(java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(printed.contains("tbot-otel debug: tbot.start to http://127.0.0.1:" + listener.getLocalPort()
          + ": CANCELLED, not confirmed before the exit timeout (0 ms) was spent"), printed);
      assertTrue(!printed.contains("TIMED_OUT"), printed);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 300})
  void aSendTheExitTimeoutEndedGetsOneDebugLineWhicheverThreadSawTheEnd(int maxWaitMillis) throws Exception {
    // A collector that takes the connection and never answers: close aborts the send 20 ms before
    // the exit timeout. Whether the send ends within those 20 ms (the usual case) or after close
    // returned, debug mode says once how it ended, and says it was the exit timeout, and how much
    // of it was left to a close given less (exec's, once the child has exited).
    try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      AnonymousAnalytics a = debugAnalytics(silent.getLocalPort(), Duration.ofSeconds(1), err);
      a.recordStart(StartEvent.builder().build());
      silent.setSoTimeout(5_000);
      try (java.net.Socket held = silent.accept()) {
        a.close(maxWaitMillis < 0 ? null : Duration.ofMillis(maxWaitMillis));
        assertEquals(Delivery.TIMED_OUT, a.delivery(), "when close returns");
        for (int i = 0; i < 200 && !AnonymousAnalyticsTest.ourThreads().isEmpty(); i++) {
          Thread.sleep(25); // the aborted send winds down
        }
      }
      String left = maxWaitMillis < 0 ? "" : ", " + maxWaitMillis + " ms of it left at close";
      List<String> outcomes = err.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(l -> l.contains("TIMED_OUT") || l.contains("not sent")).toList();
      assertEquals(1, outcomes.size(), outcomes.toString());
      // Then what the send was doing: connected, its request written or not yet (the close came
      // as the connection was taken).
      assertTrue(outcomes.get(0).matches(Pattern.quote("tbot-otel debug: tbot.start to http://127.0.0.1:"
          + silent.getLocalPort() + ": TIMED_OUT, the exit timeout (1000 ms" + left + ") was spent ")
          + "(waiting for an answer \\(the request was written\\)|before the request was written \\(connected; .*\\))"),
          outcomes.get(0));
    }
  }

  @Test
  void aSendAbortedWhileItsProxyHoldsTheConnectGetsOneDebugLine() throws Exception {
    // A proxy that takes the CONNECT and never answers it: close aborts the send while its
    // connection thread waits for the tunnel. That thread's failure is the abort's doing, which
    // the close's line says: it printed a second line, "not connected: ... Socket closed".
    try (ServerSocket proxy = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      AnonymousAnalytics a = builtWithStderr(err, AnonymousAnalytics.builder().setConsent(YES)
          .setEndpoint(URI.create("https://collector.example.invalid/v1/logs"))
          .setExitTimeout(Duration.ofMillis(500))
          .setEnvironment(Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxy.getLocalPort())).setDebug(true));
      a.recordStart(StartEvent.builder().build());
      proxy.setSoTimeout(5_000);
      try (java.net.Socket held = proxy.accept()) {
        held.setSoTimeout(5_000);
        assertEquals('C', held.getInputStream().read(), "the CONNECT's first byte: the send waits for its answer");
        a.close();
        assertEquals(Delivery.TIMED_OUT, a.delivery(), "when close returns");
        for (int i = 0; i < 200 && !AnonymousAnalyticsTest.ourThreads().isEmpty(); i++) {
          Thread.sleep(25); // the aborted send winds down
        }
      }
      assertEquals(List.of("tbot-otel debug: tbot.start to https://collector.example.invalid: TIMED_OUT, "
          + "the exit timeout (500 ms) was spent waiting for the proxy to open its tunnel (CONNECT)"),
          err.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList());
    }
  }

  @Test
  void whyAStartWasNotSentIsOneDebugLineWhateverTheHostsMessage() throws Exception {
    // The host's stage throws with a message of several lines: its CR and LF would start lines
    // that look like tbot-otel's own.
    try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      AnonymousAnalytics a = debugAnalytics(listener.getLocalPort(), Duration.ofSeconds(1), err);
      CompletableFuture<Boolean> throwing = new CompletableFuture<>() {
        @Override
        public CompletableFuture<Boolean> whenComplete(
            java.util.function.BiConsumer<? super Boolean, ? super Throwable> action) {
          throw new IllegalStateException("refused\r\ntbot-otel debug: tbot.start to x: DELIVERED\rx\ny");
        }

        @Override
        public CompletableFuture<Boolean> copy() { // what tbot-otel reads a CompletableFuture's answer through
          throw new IllegalStateException("refused\r\ntbot-otel debug: tbot.start to x: DELIVERED\rx\ny");
        }
      };
      a.recordStart(StartEvent.builder().build(), throwing);
      a.close();
      assertEquals(List.of("tbot-otel debug: tbot.start not sent: java.lang.IllegalStateException: "
          + "refused  tbot-otel debug: tbot.start to x: DELIVERED x y"),
          err.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList());
    }
  }

  @Test
  void aStartThatSendsNothingSaysWhyInDebugMode() throws Exception {
    // Only an instance's first start is sent, and none after close: silent by default, but a host
    // debugging why its start went nowhere gets a line, as for a "no".
    try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      AnonymousAnalytics late = debugAnalytics(listener.getLocalPort(), Duration.ZERO, err);
      AnonymousAnalytics twice = debugAnalytics(listener.getLocalPort(), Duration.ZERO, err);
      late.close();
      late.recordStart(StartEvent.builder().build());
      assertEquals(Delivery.NOT_ATTEMPTED, late.delivery());
      twice.recordStart(StartEvent.builder().build(), new CompletableFuture<>()); // never confirmed
      twice.recordStart(StartEvent.builder().build());
      twice.close();
      assertEquals(Delivery.CANCELLED, twice.delivery(), "only the first start counts");
      for (int i = 0; i < 200 && !AnonymousAnalyticsTest.ourThreads().isEmpty(); i++) {
        Thread.sleep(25); // the aborted send winds down
      }
      String printed = err.toString(java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(printed.contains("tbot-otel debug: tbot.start not sent: recordStart was called after close"), printed);
      assertTrue(printed.contains(
          "tbot-otel debug: tbot.start not sent: recordStart was called again; only an instance's first start is sent"),
          printed);
    }
  }

  @Test
  void aStartThatConsentOrItsConfirmationStopsSaysWhyInDebugMode() throws Exception {
    // The lines a host debugging "why was nothing sent" gets on its own thread, before any send.
    try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      Consent no = Consent.resolve(false, null, Map.of());
      AnonymousAnalytics denied = builtWithStderr(err, AnonymousAnalytics.builder().setConsent(no).setDebug(true));
      AnonymousAnalytics quiet = builtWithStderr(err, AnonymousAnalytics.builder().setConsent(no));
      AnonymousAnalytics refused = debugAnalytics(listener.getLocalPort(), Duration.ofSeconds(5), err);
      AnonymousAnalytics noEvent = debugAnalytics(listener.getLocalPort(), Duration.ofSeconds(5), err);
      StartEvent event = StartEvent.builder().build();
      quiet.recordStart(event);
      quiet.recordStart(null);
      assertEquals("", err.toString(java.nio.charset.StandardCharsets.UTF_8), "silent by default");
      denied.recordStart(event);
      refused.recordStart(event, CompletableFuture.completedFuture(false));
      assertEquals(Delivery.CANCELLED, refused.delivery());
      refused.close();
      noEvent.recordStart(null);
      assertEquals(Delivery.NOT_ATTEMPTED, noEvent.delivery());
      noEvent.close();
      assertEquals(List.of(
          "tbot-otel debug: tbot.start not sent: --no-anonymous-analytics says no",
          "tbot-otel debug: tbot.start not sent: the start was not confirmed",
          "tbot-otel debug: tbot.start not sent: recordStart was given no event"),
          err.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList());
    }
  }

  @Test
  void aHostStderrThatThrowsInDebugModeIsNotThrownIntoTheHost() throws Exception {
    // A host may System.setErr to a stream of its own that throws (a closed console, a logging
    // bridge). The lines debug mode prints on the host's thread must not carry that into it.
    try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      java.io.PrintStream throwing = new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) {
        @Override
        public void println(String line) {
          throw new IllegalStateException("the host's stderr refuses: " + line);
        }
      };
      AnonymousAnalytics denied = builtWithStderr(throwing,
          AnonymousAnalytics.builder().setConsent(Consent.resolve(false, null, Map.of())).setDebug(true));
      AnonymousAnalytics refused = debugAnalytics(listener.getLocalPort(), Duration.ofSeconds(5), throwing);
      AnonymousAnalytics unanswered = debugAnalytics(listener.getLocalPort(), Duration.ZERO, throwing);
      StartEvent event = StartEvent.builder().build();
      denied.recordStart(event); // "not sent: --no-anonymous-analytics says no"
      refused.recordStart(event, CompletableFuture.completedFuture(false)); // "not confirmed"
      assertEquals(Delivery.CANCELLED, refused.delivery());
      unanswered.recordStart(event, new CompletableFuture<>());
      unanswered.close(); // "CANCELLED, not confirmed before the exit timeout"
      assertEquals(Delivery.CANCELLED, unanswered.delivery());
      for (int i = 0; i < 200 && !AnonymousAnalyticsTest.ourThreads().isEmpty(); i++) {
        Thread.sleep(25); // the aborted send winds down
      }
    }
  }

  @Test
  void aHostHoldingTheInstancesMonitorDoesNotHoldUpTheSend() {
    // The instance is the host's object: a host may synchronize on it (its own lock, around its
    // own calls). The send's thread must not need that monitor to report its end, or close waits
    // out the whole exit timeout and reports a delivered event as TIMED_OUT.
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      AnonymousAnalytics a = analytics(receiver.url()); // 5 s exit timeout
      long took;
      synchronized (a) {
        a.recordStart(StartEvent.builder().build());
        long start = System.nanoTime();
        a.close();
        took = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Delivery.DELIVERED, a.delivery(), "when close returns");
      }
      assertTrue(took < 4_000, "close returned on delivery, not at the exit timeout: " + took + " ms");
      assertEquals(1, receiver.requests().size());
    }
  }

  @Test
  void aStartAlreadyRefusedStartsNothing() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(300);
      AnonymousAnalytics a = analytics("http://127.0.0.1:" + listener.getLocalPort() + "/v1/logs");
      a.recordStart(StartEvent.builder().build(), CompletableFuture.completedFuture(false));
      assertEquals(Delivery.CANCELLED, a.delivery(), "decided on the host's thread: no send thread");
      a.close();
      assertThrows(SocketTimeoutException.class, listener::accept, "the collector was never contacted");
    }
  }

  @Test
  void aHostStageThatThrowsWhenAskedToCallBackStartsNothingAndCloseReturnsAtOnce() throws Exception {
    // The send's InFlight is never made then: close must find the send ended, not look for it.
    try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(300);
      AnonymousAnalytics a = analytics("http://127.0.0.1:" + listener.getLocalPort() + "/v1/logs");
      CompletableFuture<Boolean> throwing = new CompletableFuture<>() {
        @Override
        public CompletableFuture<Boolean> whenComplete(
            java.util.function.BiConsumer<? super Boolean, ? super Throwable> action) {
          throw new IllegalStateException("the host's stage refuses a callback");
        }

        @Override
        public CompletableFuture<Boolean> copy() {
          throw new IllegalStateException("the host's stage refuses a callback");
        }
      };
      a.recordStart(StartEvent.builder().build(), throwing);
      assertEquals(Delivery.FAILED, a.delivery());
      long start = System.nanoTime();
      a.close();
      a.close();
      assertTrue(System.nanoTime() - start < 1_000_000_000L, "close had nothing to wait for");
      assertThrows(SocketTimeoutException.class, listener::accept, "the collector was never contacted");
    }
  }

  /** A host's stage whose conversion takes a while: a lazy future, one behind a host's lock. */
  private static final class SlowStage extends CompletableFuture<Boolean> {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public CompletableFuture<Boolean> toCompletableFuture() {
      entered.countDown();
      awaitQuietly(release);
      return this;
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs close() on a thread of its own; returns whether it was still running after 2 s. */
  private static boolean closeStillRunsAfterTwoSeconds(AnonymousAnalytics a) throws InterruptedException {
    Thread closer = new Thread(a::close, "host-exit");
    closer.setDaemon(true);
    closer.start();
    closer.join(2_000); // ten times the exit timeout: a close held by the host's code, not a slow one
    return closer.isAlive();
  }

  @Test
  void aHostStageThatBlocksDoesNotHoldACloseOnAnotherThread() throws Exception {
    // From a concurrency review: the stage's toCompletableFuture ran under the instance's lock, so
    // a close on the host's exit path (or a shutdown hook) waited for the host's code, unbounded
    // (red before: still BLOCKED after 2 s with a 200 ms exit timeout).
    try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(YES)
          .setEndpoint(URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/v1/logs"))
          .setEnvironment(Map.of()).setExitTimeout(Duration.ofMillis(200)).build();
      SlowStage stage = new SlowStage();
      Thread starter = new Thread(() -> a.recordStart(StartEvent.builder().build(), stage), "host-start");
      starter.setDaemon(true);
      starter.start();
      assertTrue(stage.entered.await(10, java.util.concurrent.TimeUnit.SECONDS));
      boolean held = closeStillRunsAfterTwoSeconds(a);
      stage.release.countDown();
      starter.join(10_000);
      assertFalse(held, "close waited for the host's stage");
      assertEquals(Delivery.NOT_ATTEMPTED, a.delivery(), "a start that came after close sends nothing");
    }
  }

  @Test
  void aHostStderrThatBlocksInDebugModeDoesNotHoldACloseOnAnotherThread() throws Exception {
    // A debug line written under the instance's lock held a close on another thread for as long as
    // the host's stderr blocked (a pipe nobody reads). Red before: still BLOCKED after 2 s.
    try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      CountDownLatch writing = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      java.io.OutputStream blocking = new java.io.OutputStream() {
        @Override
        public void write(int b) {
          writing.countDown();
          awaitQuietly(release);
        }
      };
      AnonymousAnalytics a = debugAnalytics(listener.getLocalPort(), Duration.ofMillis(200), blocking);
      Thread starter = new Thread(
          () -> a.recordStart(StartEvent.builder().build(), CompletableFuture.completedFuture(false)), "host-start");
      starter.setDaemon(true);
      starter.start();
      assertTrue(writing.await(10, java.util.concurrent.TimeUnit.SECONDS), "the not-confirmed line is written");
      boolean held = closeStillRunsAfterTwoSeconds(a);
      release.countDown();
      starter.join(10_000);
      assertFalse(held, "close waited for the host's stderr");
      assertEquals(Delivery.CANCELLED, a.delivery());
    }
  }

  @Test
  void threadsRacingStartsClosesAndInterruptsKeepEveryPromise() throws Exception {
    // From a concurrency review: per round, four threads race recordStart, delivery() and close
    // (with the exit timeout or less, some of them interrupted) on one instance, against a collector
    // that answers at once or after 300 ms. Nothing is thrown, each close returns (within its time
    // plus a generous margin) keeping its thread's interrupt and inventing none, no outcome is
    // PENDING after close, and no instance sends more than once.
    List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    int rounds = 20;
    try (OtlpReceiver fast = OtlpReceiver.start(); OtlpReceiver slow = OtlpReceiver.start()) {
      slow.respondAfter(Duration.ofMillis(300));
      for (int round = 0; round < rounds; round++) {
        AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(YES)
            .setEndpoint(URI.create((round % 2 == 0 ? fast : slow).url())).setEnvironment(Map.of())
            .setExitTimeout(Duration.ofMillis(150)).build();
        java.util.concurrent.CyclicBarrier go = new java.util.concurrent.CyclicBarrier(4);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          boolean records = i == 0 || java.util.concurrent.ThreadLocalRandom.current().nextBoolean();
          boolean interrupt = i % 2 == 1;
          long budget = java.util.concurrent.ThreadLocalRandom.current().nextInt(160);
          int r = round;
          Thread t = new Thread(() -> {
            try {
              go.await();
              if (records) {
                a.recordStart(StartEvent.builder().build());
              }
              a.delivery();
              if (interrupt) {
                Thread.currentThread().interrupt();
              }
              long t0 = System.nanoTime();
              a.close(Duration.ofMillis(budget));
              long late = (System.nanoTime() - t0) / 1_000_000 - budget;
              if (Thread.interrupted() != interrupt) {
                problems.add("round " + r + ": the interrupt was " + (interrupt ? "lost" : "invented"));
              }
              if (late > 1_000) {
                problems.add("round " + r + ": close returned " + late + " ms past its time");
              }
            } catch (Throwable e) {
              problems.add("round " + r + ": " + e);
            }
          });
          threads.add(t);
          t.start();
        }
        for (Thread t : threads) {
          t.join(10_000);
        }
        if (a.delivery() == Delivery.PENDING) {
          problems.add("round " + round + ": PENDING after close");
        }
      }
      Thread.sleep(700); // a late request would land by now
      if (fast.requests().size() > rounds / 2 || slow.requests().size() > rounds / 2) {
        problems.add("requests: " + fast.requests().size() + " and " + slow.requests().size() + ", for "
            + rounds / 2 + " instances each");
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void severalThreadsRecordingAndClosingAtOnceSendOneEvent() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      AnonymousAnalytics a = analytics(receiver.url());
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Thread t = new Thread(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          a.recordStart(StartEvent.builder().build());
          a.close();
        });
        t.start();
        threads.add(t);
      }
      go.countDown();
      for (Thread t : threads) {
        t.join(10_000);
      }
      a.close();
      assertEquals(Delivery.DELIVERED, a.delivery());
      assertEquals(1, receiver.await(2, Duration.ofMillis(300)).size(), "one instance, one event");
    }
  }

  @Test
  void aHostThatStartsManyTimesKeepsNoThreadOrSocket() throws Exception {
    // Counted before the collector exists and after it is stopped: close returns once the answer
    // is read, and the collector's side of the last connection may still be closing. A JVM's first
    // client socket makes the JDK open a descriptor it keeps for good (NIO's pre-close socket): one
    // is made first, or this test, run first in its JVM, counts the JDK's as the library's.
    try (ServerSocket warmUp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        java.net.Socket client = new java.net.Socket(InetAddress.getLoopbackAddress(), warmUp.getLocalPort())) {
      assertTrue(client.isConnected());
    }
    // And one send: the class loader keeps open each jar it loads a class from, and an earlier test
    // in this JVM may have sent nothing that built the SDK (a refused send settles before).
    try (OtlpReceiver warmUp = OtlpReceiver.start(); AnonymousAnalytics a = analytics(warmUp.url())) {
      a.recordStart(StartEvent.builder().build());
    }
    long fds = openFiles();
    Set<Thread> before = AnonymousAnalyticsTest.ourThreads();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      for (int i = 0; i < 30; i++) {
        try (AnonymousAnalytics a = analytics(receiver.url())) {
          a.recordStart(StartEvent.builder().build());
        }
      }
      assertEquals(30, receiver.requests().size());
    }
    Set<Thread> left = AnonymousAnalyticsTest.ourThreads();
    for (long deadline = System.nanoTime() + 5_000_000_000L; !before.containsAll(left) && System.nanoTime() < deadline; ) {
      Thread.sleep(20); // the last sends' threads end just after close returns
      left = AnonymousAnalyticsTest.ourThreads();
    }
    left.removeAll(before);
    assertEquals(Set.of(), left, "no thread of tbot-otel's left");
    assertTrue(openFiles() <= fds, "no socket left: " + fds + " open files before, " + openFiles() + " after");
  }

  private static long openFiles() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  void hugeDurationsAreRefusedAsDocumentedNotOverflowed() {
    Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
    assertThrows(IllegalArgumentException.class, () -> AnonymousAnalytics.builder().setExitTimeout(huge));
    assertThrows(IllegalArgumentException.class, () -> AnonymousAnalytics.builder().setSendTimeout(huge));
  }

  @Test
  void aUrlTheExporterWouldRefuseIsNeverConnectedToAndUpperCaseSchemesWork() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(500);
      Map<String, String> why = Map.of(
          "ftp://127.0.0.1:%d/v1/logs", "endpoint must start with http:// or https://",
          "http://u:s3cr3t@127.0.0.1:%d/v1/logs", "endpoint must not contain user:password");
      for (Map.Entry<String, String> bad : why.entrySet()) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        AnonymousAnalytics a = builtWithStderr(err, AnonymousAnalytics.builder().setConsent(YES)
            .setEndpoint(URI.create(String.format(bad.getKey(), listener.getLocalPort())))
            .setExitTimeout(Duration.ofSeconds(5)).setEnvironment(Map.of()).setDebug(true));
        a.recordStart(StartEvent.builder().build());
        a.close();
        assertEquals(Delivery.FAILED, a.delivery(), bad.getKey());
        assertThrows(SocketTimeoutException.class, listener::accept, "no connection for " + bad.getKey());
        // Debug mode says why, in one line, without the credentials.
        List<String> lines = err.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("tbot-otel debug: tbot.start not sent: " + bad.getValue()), lines.get(0));
        assertTrue(!lines.get(0).contains("s3cr3t"), lines.get(0));
      }
    }
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      AnonymousAnalytics a = analytics(receiver.url().replace("http://", "HTTP://"));
      a.recordStart(StartEvent.builder().build());
      a.close();
      assertEquals(Delivery.DELIVERED, a.delivery());
    }
  }
}
