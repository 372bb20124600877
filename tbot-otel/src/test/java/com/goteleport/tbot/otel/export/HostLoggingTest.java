package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The host's logging set-up is the host's: once the send is over (its thread has ended: close
 * returns as soon as the outcome is known, before the send takes its filters off, see
 * CloseAfterTheOutcomeTest) no filter of tbot-otel's is left on any logger (one left on a logger the host's own OpenTelemetry holds would pin tbot-otel's
 * class loader forever), the host's own filter is back, and a host handler that throws on
 * tbot-otel's records neither stops the send nor escapes as an uncaught exception.
 */
class HostLoggingTest {

  static String probe(String endpoint, String... more) {
    List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaBinary(), "-cp",
        System.getProperty("java.class.path"), HostLoggingProbe.class.getName(), endpoint));
    cmd.addAll(List.of(more));
    ChildJvm.Result r = ChildJvm.run(cmd, ChildJvm.baseEnv(), Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("", r.stderr(), "nothing printed");
    return r.stdout();
  }

  @Test
  void noFilterIsLeftOnTheLoggersAfterTheSend() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      String out = probe(receiver.url());
      assertTrue(out.contains("delivery DELIVERED"), out);
      assertTrue(out.contains("host filter kept true"), out);
      assertTrue(out.contains("filters left 0"), out);
    }
  }

  @Test
  void aHostLoggerThatRefusesFiltersNeitherStopsTheSendNorKeepsTheirs() {
    // It once stopped the first send (nothing reached the collector) and left tbot-otel's filters on
    // the loggers before it for good, pinning its class loader.
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      String out = probe(receiver.url(), "refusing");
      assertEquals(List.of("delivery DELIVERED", "delivery DELIVERED"),
          out.lines().filter(l -> l.startsWith("delivery ")).toList(), out);
      assertTrue(out.contains("filters left 0"), out);
      assertEquals(2, receiver.requests().size());
    }
  }

  @Test
  void aHostHandlerThatThrowsNeitherStopsTheSendNorEscapes() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      String out = probe(receiver.url(), "throwing");
      assertTrue(out.contains("delivery DELIVERED"), out);
      assertTrue(!out.contains("uncaught"), out);
    }
  }
}
