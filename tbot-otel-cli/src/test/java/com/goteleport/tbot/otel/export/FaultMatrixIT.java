package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.testing.ChildJvm;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 4's fault matrix, each fault real on loopback: {@code tbot-otel start} with consent, run
 * from the shaded jar in a child JVM, exits 0, prints nothing but the one notice line, and is done
 * within the exit budget plus a margin that only proves boundedness (the naive SDK setup takes 9 to
 * 11 s on the same faults). Per-fault checks show the fault was really met: no retry, no redirect
 * followed, no request over an untrusted certificate.
 */
class FaultMatrixIT {

  // Long enough for a cold JVM to reach the server (so each fault is really met), short enough
  // that the whole matrix stays fast. With eight CPU burners on two cores, a cold start gave its send
  // up in 2 of 6 runs with 1 s (6 of 6 with the default 500 ms), the fault then unmet; with 2 s in
  // none, the send to a loopback server and its answer taking up to 1.4 s.
  static final String BUDGET = "2s";
  // JVM start-up plus the budget plus a margin for a loaded CI machine: with eight CPU burners a
  // start with this budget took up to 4.6 s against a collector that never answers, 6 s against one
  // answering at once. Under 10 s, whatever the load: a hang or a retry (the 10 s send timeout,
  // Retry-After: 30) could not end a start before that, so the bound still tells them apart.
  static final Duration BOUND = Duration.ofSeconds(2 + 7);

  // A cold JVM on a small machine needs 1-2 s for its first TLS handshake. This budget is never
  // reached: exiting well before it proves verification failed rather than hung.
  static final Duration TLS_BUDGET = Duration.ofSeconds(8);

  static List<String> startArgs(String endpoint, String budget, String... extra) {
    List<String> args = new ArrayList<>(List.of("start", "--anonymous-analytics",
        "--anonymous-analytics-endpoint", endpoint, "--anonymous-analytics-exit-timeout", budget));
    args.addAll(List.of(extra));
    return args;
  }

  static String notice(String endpoint) {
    return "tbot-otel: " + AnonymousAnalytics.builder().setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(URI.create(endpoint)).build()
        .notice("see it by running this same line with 'preview' in place of 'start'"); // as start says
  }

  static Map<String, String> env(Fault.Setup setup) {
    Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
    env.putAll(setup.env());
    return env;
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void startExitsZeroSilentlyWithinBudget(Fault fault) throws Exception {
    try (Fault.Setup setup = fault.open()) {
      boolean tls = fault == Fault.UNTRUSTED_TLS;
      List<String> args = tls ? startArgs(setup.endpoint(), TLS_BUDGET.toSeconds() + "s") : startArgs(setup.endpoint(), BUDGET);
      ChildJvm.Result r = ChildJvm.runJar(List.of(), args, env(setup), Duration.ofSeconds(30));

      assertEquals(0, r.exitCode(), fault + ": " + r.stderr());
      assertEquals("", r.stdout(), fault + ": nothing on stdout");
      assertEquals(List.of(notice(setup.endpoint())), r.stderr().lines().toList(),
          fault + ": the notice line and nothing else on stderr");
      Duration bound = tls ? TLS_BUDGET : BOUND;
      assertTrue(r.wall().compareTo(bound) < 0, fault + ": took " + r.wall().toMillis() + " ms");

      LoopbackServer server = setup.server();
      switch (fault) {
        case HTTP_500, HTTP_503, HTTP_429_RETRY_AFTER_30, HTTP_400, NEVER_ANSWERS, SLOW_DRIP, OVERSIZED_BODY ->
            assertEquals(1, server.await(1, Duration.ofSeconds(10)).size(), fault + ": exactly one request, no retry");
        case REDIRECT -> {
          assertEquals(1, server.await(1, Duration.ofSeconds(10)).size());
          assertEquals(0, setup.redirectTarget().requests().size(), "a redirect is never followed");
          assertEquals(0, setup.redirectTarget().connections(), "not even connected to");
        }
        case UNTRUSTED_TLS -> {
          assertTrue(server.connections() >= 1, "the client did try the TLS server");
          assertEquals(0, server.requests().size(), "nothing is sent over an unverified connection");
        }
        default -> {
          // refused, never accepting, unresolvable, dead proxy: there is no server to ask
        }
      }
    }
  }

  @Test
  void debugShowsDiagnosticsOneLineEachWithoutStackTraces() throws Exception {
    try (Fault.Setup setup = Fault.HTTP_503.open()) {
      ChildJvm.Result r = ChildJvm.runJar(List.of(), startArgs(setup.endpoint(), BUDGET, "--debug"), env(setup),
          Duration.ofSeconds(30));

      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stdout());
      List<String> lines = r.stderr().lines().toList();
      assertTrue(lines.contains(notice(setup.endpoint())), r.stderr());
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("tbot-otel debug: ") && l.contains("503")),
          "the SDK's export failure, as a debug line: " + r.stderr());
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("tbot-otel debug: ") && l.contains("FAILED")),
          "the outcome: " + r.stderr());
      assertTrue(lines.stream().allMatch(l -> l.startsWith("tbot-otel")), "no stack trace: " + r.stderr());
    }
  }

  /**
   * A resolver that never answers (a firewall dropping DNS): the JDK's look-up cannot be stopped,
   * and HotSpot's exit waits up to 300 ms for a thread still in it, so close gives up on it with
   * 320 ms of the exit timeout left rather than at its end. The look-up is held in native code as a hung
   * resolver holds it, without root or a network of its own: the JVM's hosts file is a FIFO no one
   * writes, whose opening blocks. (docs/benchmarks.md has the exit times, with and without.)
   */
  @Test
  void aLookUpThatNeverEndsIsGivenUpInTimeForTheJvmsExitWait(@TempDir Path dir) throws Exception {
    Path hosts = dir.resolve("hosts");
    Process mkfifo = new ProcessBuilder("mkfifo", hosts.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor(), "mkfifo");
    String endpoint = "http://collector.example.com:4318/v1/logs";
    ChildJvm.Result r = ChildJvm.runJar(List.of("-Djdk.net.hosts.file=" + hosts),
        startArgs(endpoint, "2s", "--debug"), new HashMap<>(ChildJvm.baseEnv()), Duration.ofSeconds(30));

    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("", r.stdout());
    List<String> lines = r.stderr().lines().toList();
    assertEquals(2, lines.size(), r.stderr());
    assertEquals(notice(endpoint), lines.get(0));
    java.util.regex.Matcher line = java.util.regex.Pattern.compile("tbot-otel debug: tbot\\.start to"
        + " http://collector\\.example\\.com:4318: TIMED_OUT, a host name look-up was still under way with (\\d+) ms of"
        + " the exit timeout \\(2000 ms\\) left; none can be stopped, and the JVM's exit waits up to 300 ms for one")
        .matcher(lines.get(1));
    assertTrue(line.matches(), lines.get(1));
    // Given up on at the cut-off (320 ms left), give or take a wake-up's latency: not at the end.
    int left = Integer.parseInt(line.group(1));
    assertTrue(left <= 320 && left >= 50, left + " ms left");
    assertTrue(r.wall().compareTo(BOUND) < 0, "took " + r.wall().toMillis() + " ms"); // the same 2 s budget
  }

  @ParameterizedTest
  @ValueSource(strings = {"1ms", "50ms"})
  void debugSaysWhenTheExitTimeoutDroppedTheEvent(String budget) throws Exception {
    // The JVM exits right after close gives up, before the aborted send could report its end.
    // (With 0, start builds nothing at all: PreviewRouteTest.)
    try (Fault.Setup setup = Fault.NEVER_ANSWERS.open()) {
      ChildJvm.Result r = ChildJvm.runJar(List.of(), startArgs(setup.endpoint(), budget, "--debug"), env(setup),
          Duration.ofSeconds(30));

      assertEquals(0, r.exitCode(), r.stderr());
      List<String> lines = r.stderr().lines().toList();
      String ms = budget.replace("ms", "");
      // Then what the send was doing, if it had begun: with budgets this short, whatever step a
      // cold JVM reached.
      String spent = "tbot-otel debug: tbot.start to " + setup.endpoint().replace("/v1/logs", "")
          + ": TIMED_OUT, the exit timeout (" + ms + " ms) was spent";
      assertTrue(lines.stream().anyMatch(l -> l.equals(spent) || l.startsWith(spent + " ")), r.stderr());
    }
  }
}
