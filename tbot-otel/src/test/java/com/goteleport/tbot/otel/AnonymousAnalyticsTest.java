package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.export.LoopbackServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnonymousAnalyticsTest {

  static final Consent YES = Consent.resolve(true, null, Map.of());

  @Test
  void noticeNamesSchemeHostAndPortOnly() {
    AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(YES)
        .setEndpoint(URI.create("HTTPS://collector.example.com:4318/secret/path/v1/logs")).build();
    assertTrue(a.notice().contains("https://collector.example.com:4318 "), a.notice());
    assertFalse(a.notice().contains("secret"), a.notice());
    // A host may log the instance: its toString is kept as clean as the notice.
    assertTrue(a.toString().contains("https://collector.example.com:4318}"), a.toString());
    // The send refuses these (EventSender, as the CLI): the notice must not say they go anywhere.
    for (String refused : new String[] {
        "https://admin:hunter2@collector.example.com:4318/secret/path/v1/logs",
        "ftp://collector.example.com/v1/logs", "https://collector.example.com:4318/v1/logs?key=secret"}) {
      AnonymousAnalytics r = AnonymousAnalytics.builder().setConsent(YES).setEndpoint(URI.create(refused)).build();
      // Not "sent to" it: the clause on how to see it still belongs in the last parenthesis.
      assertEquals("Anonymous usage analytics is on (--anonymous-analytics says yes), but nothing is sent: its endpoint"
          + " is not a plain"
          + " http(s) URL (see it with 'x preview'; turn it off with --no-anonymous-analytics or DO_NOT_TRACK=1).",
          r.notice("see it with 'x preview'"));
      assertTrue(r.toString().contains("endpoint=not a plain http(s) URL, so nothing is sent}"), r.toString());
      for (String said : new String[] {r.notice(), r.toString()}) {
        assertFalse(said.contains("hunter2") || said.contains("admin") || said.contains("secret")
            || said.contains("collector.example.com"), said);
      }
    }
    AnonymousAnalytics byDefault = AnonymousAnalytics.builder().setConsent(YES).build();
    assertTrue(byDefault.notice().contains("https://anonymous-analytics.teleport.sh "), byDefault.notice());
    assertTrue(byDefault.notice().contains("--no-anonymous-analytics") && byDefault.notice().contains("DO_NOT_TRACK=1"));
  }

  @Test
  void theNoticeNamesNoCommandButTheHostsOwn() {
    AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(YES).build();
    String off = "turn it off with --no-anonymous-analytics or DO_NOT_TRACK=1).";
    // Which setting said yes first: one set for something else (tbot's own telemetry) is named.
    String on = "Anonymous usage analytics is on (--anonymous-analytics says yes): one tbot.start event is sent to"
        + " https://anonymous-analytics.teleport.sh (";
    // A host that embeds the library has no tbot-otel command to point its user at.
    assertEquals(on + off, a.notice());
    assertTrue(AnonymousAnalytics.builder().setConsent(Consent.resolve(null, null,
            Map.of(Consent.ENV_TELEPORT, "1"))).build().notice()
        .startsWith("Anonymous usage analytics is on (TELEPORT_ANONYMOUS_TELEMETRY says yes): "), "tbot's own variable named");
    assertEquals(on + off, a.notice(null));
    assertEquals(on + off, a.notice(" "));
    assertEquals(on + "see it with 'agent --analytics-preview'; " + off, a.notice("see it with 'agent --analytics-preview'"));
    // One line, whatever the host's clause holds: a line break or another control character in it
    // (a message built from a config or a template) is made a space.
    assertEquals(on + "see it with 'agent preview'; " + off, a.notice("see it with\n'agent\rpreview'"));
    assertEquals(on + "see it with 'agent preview'; " + off, a.notice("see it with\u2028'agent\u0085preview'"));
    assertEquals("Anonymous usage analytics is off: nothing is sent (see it with 'x preview').",
        AnonymousAnalytics.builder().build().notice("see it\twith 'x preview'\n"));
  }

  @Test
  void withoutConsentTheNoticeSaysItIsOff() {
    // A host that shows the line unconditionally must not tell its user analytics is on.
    for (Consent no : new Consent[] {Consent.resolve(false, null, Map.of()),
        Consent.resolve(true, null, Map.of("DO_NOT_TRACK", "1"))}) {
      AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(no)
          .setEndpoint(URI.create("https://collector.example.com:4318/v1/logs")).build();
      assertEquals("Anonymous usage analytics is off: nothing is sent.", a.notice());
      assertEquals("Anonymous usage analytics is off: nothing is sent (see it with 'x preview').",
          a.notice("see it with 'x preview'"));
    }
    assertEquals("Anonymous usage analytics is off: nothing is sent.",
        AnonymousAnalytics.builder().build().notice(" "), "consent is denied unless set");
  }

  @Test
  void withoutConsentRecordStartStartsNothing() {
    AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(Consent.resolve(true, null, Map.of("DO_NOT_TRACK", "1")))
        .setEndpoint(URI.create("http://127.0.0.1:9/v1/logs")).build();
    // Threads of other tests may still be ending: compare identities, not counts.
    Set<Thread> before = ourThreads();
    a.recordStart(StartEvent.builder().build());
    a.close();
    assertFalse(a.enabled());
    assertEquals("DO_NOT_TRACK says no", a.consent().reason(), "the decision the host gave, and why");
    assertEquals(Delivery.NOT_ATTEMPTED, a.delivery());
    Set<Thread> started = ourThreads();
    started.removeAll(before);
    assertEquals(Set.of(), started);
  }

  static Set<Thread> ourThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("tbot-otel"))
        .collect(Collectors.toCollection(HashSet::new));
  }

  @Test
  void exitTimeoutIsValidated() {
    assertThrows(IllegalArgumentException.class,
        () -> AnonymousAnalytics.builder().setExitTimeout(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class,
        () -> AnonymousAnalytics.builder().setExitTimeout(Duration.ofSeconds(11)));
    assertThrows(NullPointerException.class, () -> AnonymousAnalytics.builder().setConsent(null));
  }

  @Test
  void aBuilderLeftAloneGivesTheDocumentedDefaults() {
    AnonymousAnalytics a = AnonymousAnalytics.builder().build();
    assertFalse(a.enabled(), "consent is denied unless set");
    assertEquals(Consent.denied(), a.consent());
    assertEquals(URI.create(AnonymousAnalytics.DEFAULT_ENDPOINT), a.endpoint());
    assertEquals("https://anonymous-analytics.teleport.sh/v1/logs", AnonymousAnalytics.DEFAULT_ENDPOINT);
    assertEquals(Duration.ofMillis(500), a.exitTimeout());
    assertEquals(500, AnonymousAnalytics.DEFAULT_EXIT_TIMEOUT_MILLIS);
    assertEquals(Delivery.NOT_ATTEMPTED, a.delivery());
  }

  @Test
  void bothTimeoutsTakeEveryValueTheirJavadocAllowsAndNoOther() {
    Duration max = Duration.ofMillis(AnonymousAnalytics.MAX_EXIT_TIMEOUT_MILLIS);
    Duration overMax = max.plusNanos(1);
    Duration belowZero = Duration.ofNanos(-1);
    // The exit timeout: 0 (never wait) up to the maximum, both ends included.
    for (Duration ok : new Duration[] {Duration.ZERO, Duration.ofNanos(1), max}) {
      assertEquals(ok, AnonymousAnalytics.builder().setExitTimeout(ok).build().exitTimeout());
    }
    for (Duration bad : new Duration[] {belowZero, overMax}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> AnonymousAnalytics.builder().setExitTimeout(bad));
      assertTrue(e.getMessage().startsWith("exitTimeout must be between 0 and 10000 ms: "), e.getMessage());
    }
    // The send timeout: more than 0, up to the maximum.
    for (Duration ok : new Duration[] {Duration.ofNanos(1), max}) {
      AnonymousAnalytics.builder().setSendTimeout(ok).build();
    }
    for (Duration bad : new Duration[] {belowZero, Duration.ZERO, overMax}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> AnonymousAnalytics.builder().setSendTimeout(bad));
      // Not "between 1 and": 1 ns is taken, so the message must not read as a 1 ms floor.
      assertTrue(e.getMessage().startsWith("sendTimeout must be more than 0 and at most 10000 ms: "), e.getMessage());
    }
  }

  @Test
  void theSendTimeoutEndsASendTheCollectorNeverAnswersWithoutAClose() throws Exception {
    // A long-running host that never closes (or closes much later): the send gives up by itself
    // once its send timeout is spent, however long the exit timeout is.
    try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(YES)
          .setEndpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/v1/logs"))
          .setExitTimeout(Duration.ofMillis(AnonymousAnalytics.MAX_EXIT_TIMEOUT_MILLIS))
          .setSendTimeout(Duration.ofMillis(300)).setEnvironment(Map.of()).build();
      long end = System.nanoTime() + 8_000_000_000L;
      a.recordStart(StartEvent.builder().build());
      silent.setSoTimeout(5_000);
      try (java.net.Socket held = silent.accept()) {
        // Well under the default send timeout (10 s): only the 300 ms set ends it. Up to 8 s, for a
        // loaded machine: the 10 s would end it only later. By the clock from before the send's
        // start, not a count of sleeps, which a loaded machine stretches towards those 10 s.
        while (a.delivery() == Delivery.PENDING && System.nanoTime() - end < 0) {
          Thread.sleep(25);
        }
        assertEquals(Delivery.TIMED_OUT, a.delivery(), "the send timeout ended the send");
      }
      a.close();
      assertEquals(Delivery.TIMED_OUT, a.delivery());
    }
  }

  @Test
  void aSendLeftToItsDefaultTimeoutGivesUpAfterTenSecondsAndNotBefore() throws Exception {
    // The default the Javadoc, README and scaling.md promise (a long-running host's or an
    // unloaded plugin's send ends 10 s after its start), observed rather than read from the
    // constant: the only test that waits this long.
    assertEquals(10_000, AnonymousAnalytics.DEFAULT_SEND_TIMEOUT_MILLIS);
    try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(YES)
          .setEndpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/v1/logs"))
          .setEnvironment(Map.of()).build();
      long t0 = System.nanoTime();
      a.recordStart(StartEvent.builder().build());
      silent.setSoTimeout(5_000);
      try (java.net.Socket held = silent.accept()) {
        while (a.delivery() == Delivery.PENDING && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30)) {
          Thread.sleep(20);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(Delivery.TIMED_OUT, a.delivery(), "the send gave up by itself, after " + ms + " ms");
        // Not before: the deadline starts after t0. The upper bound only says it ended on its own.
        assertTrue(ms >= 9_500, "ended after " + ms + " ms, before the default 10 s");
        assertTrue(ms < 25_000, "ended after " + ms + " ms");
      }
      a.close();
    }
  }

  @Test
  void theThreadsOfASendUnderWayAreDaemons() throws Exception {
    // A host may return from main without close: no thread of a send still under way (here the
    // connection's, stuck on a listener that never accepts, and the send's, waiting for it) may
    // keep its JVM alive.
    try (Fault.Setup neverAccepts = Fault.NEVER_ACCEPTS.open()) {
      AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(YES)
          .setEndpoint(URI.create(neverAccepts.endpoint())).setSendTimeout(Duration.ofSeconds(3))
          .setEnvironment(Map.of()).build();
      Set<Thread> before = ourThreads();
      a.recordStart(StartEvent.builder().build());
      Set<Thread> started = new HashSet<>();
      for (int i = 0; i < 200 && started.stream().map(Thread::getName).distinct().count() < 2; i++) {
        started = ourThreads();
        started.removeAll(before);
        Thread.sleep(10);
      }
      assertEquals(Set.of("tbot-otel-analytics", "tbot-otel-connect"),
          started.stream().map(Thread::getName).collect(Collectors.toSet()));
      for (Thread t : started) {
        assertTrue(t.isDaemon(), t.getName() + " is not a daemon thread");
      }
      assertEquals(Delivery.PENDING, a.delivery(), "both were seen while the send was under way");
      a.close();
    }
  }

  @Test
  void recordStartNeverThrowsAndIgnoresNull() {
    AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(YES)
        .setEndpoint(URI.create("http://127.0.0.1:9/v1/logs")).setExitTimeout(Duration.ofMillis(200)).build();
    a.recordStart(null);
    assertEquals(Delivery.NOT_ATTEMPTED, a.delivery());
    a.close(null); // null means the exit timeout, never an exception
    a.close(); // twice is fine
    a.recordStart(StartEvent.builder().build()); // after close: ignored
    assertEquals(Delivery.NOT_ATTEMPTED, a.delivery());
  }

  /**
   * The environment a host passes (the CLI passes the process's) keeps the lower-case proxy
   * variables too, as Go reads them: a host with only https_proxy set goes through it, and its
   * no_proxy is honoured, as preview says.
   */
  @Test
  void theLowerCaseProxyVariablesAreReadToo() {
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502))) {
      String url = "http://127.0.0.1:" + proxy.port();
      assertEquals(Delivery.FAILED, sendThrough(Map.of("https_proxy", url)), "the proxy refused the tunnel");
      assertEquals(1, proxy.requests().size(), "https_proxy was used");
      assertEquals("CONNECT collector.example.invalid:443 HTTP/1.1", proxy.requests().get(0).requestLine());

      sendThrough(Map.of("HTTPS_PROXY", url, "no_proxy", "example.invalid"));
      assertEquals(1, proxy.connections(), "no_proxy excludes the collector");
    }
  }

  private static Delivery sendThrough(Map<String, String> env) {
    AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(YES)
        .setEndpoint(URI.create(Fault.UNRESOLVABLE_HTTPS_ENDPOINT)).setExitTimeout(Duration.ofSeconds(5))
        .setEnvironment(env).build();
    a.recordStart(StartEvent.builder().build());
    a.close();
    return a.delivery();
  }

  @Test
  void onWindowsAProxyVariableIsFoundInAnyCase() {
    // Windows reads a name in any case (so does tbot, with Go's os.Getenv), but System.getenv()'s
    // map there is case-sensitive: a Https_Proxy went unseen and the send went direct.
    Map<String, String> env = Map.of("Https_Proxy", "http://proxy.example:3128", "No_Proxy", ".internal");
    assertEquals(Map.of("HTTPS_PROXY", "http://proxy.example:3128", "https_proxy", "http://proxy.example:3128",
        "NO_PROXY", ".internal", "no_proxy", ".internal"), AnonymousAnalytics.proxyVariables(env, true));
    // Elsewhere names are exact, as Go reads them there.
    assertEquals(Map.of(), AnonymousAnalytics.proxyVariables(env, false));
    assertEquals(Map.of("https_proxy", "http://p:1"), AnonymousAnalytics.proxyVariables(Map.of("https_proxy", "http://p:1"), false));
  }

  @Test
  void closeTakesAnyDurationAndStillWaitsAtMostTheExitTimeout() {
    // A collector that never answers: close must give up, whatever maxWait says.
    for (Duration maxWait : new Duration[] {Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MIN_VALUE),
        Duration.ofDays(-1), Duration.ZERO}) {
      try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        AnonymousAnalytics a = AnonymousAnalytics.builder().setConsent(YES)
            .setEndpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/v1/logs"))
            .setExitTimeout(Duration.ofMillis(200)).setEnvironment(Map.of()).build();
        a.recordStart(StartEvent.builder().build());
        long t0 = System.nanoTime();
        a.close(maxWait);
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        // A margin for a loaded machine over the 200 ms; a wait past the exit timeout would last
        // until the 10 s send timeout, or for ever.
        assertTrue(tookMillis < 5_000, maxWait + ": close took " + tookMillis + " ms");
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }
}
