package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** setDebug belongs to one instance: an instance built after a debugging one prints nothing. */
class DebugScopeTest {

  @Test
  void debugOutputIsPerInstance() {
    ChildJvm.Result r = ChildJvm.runMain(DebugScopeProbe.class, Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    String[] parts = r.stderr().split("--- marker: .*\n", -1);
    assertEquals(3, parts.length, r.stderr());
    assertTrue(parts[0].contains("tbot-otel debug: not connected: java.net.ConnectException"), r.stderr());
    assertEquals("", parts[1], "the instance without debug prints nothing:\n" + r.stderr());
    assertTrue(parts[2].contains("tbot-otel debug: tbot.start to http://127.0.0.1:"), r.stderr());
  }
}
