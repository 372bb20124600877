package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.testing.ChildJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The preview renders on a short-lived thread of its own and joins it ({@code PluginUnloadTest}
 * says why): a caller that is interrupted still gets the request, and keeps its interrupt. In a
 * fresh JVM ({@link InterruptedCaller}), so that the first render loads the SDK and the join
 * really waits (in this warm JVM the render can end before the join begins, and no interrupt is
 * ever taken).
 */
class OtlpJsonThreadTest {

  @Test
  void anInterruptedCallerGetsTheRequestAndKeepsItsInterrupt() {
    ChildJvm.Result r = ChildJvm.runMain(InterruptedCaller.class, Duration.ofSeconds(60));
    assertEquals("rendered=true interrupted=true\n", r.stdout(), r.stderr());
    assertEquals("", r.stderr());
  }

  @Test
  void aCallerThatWasNotInterruptedIsNotInterruptedAfter() {
    // The other half of the rule, in this JVM: only an interrupt the caller had is given back.
    assertFalse(Thread.interrupted(), "no interrupt left over from another test");
    assertTrue(OtlpJson.exportRequest(StartEvent.builder().build()).contains("\"tbot.start\""));
    assertFalse(Thread.interrupted(), "the preview interrupted its caller");
  }

  /** Interrupts itself, then asks for the preview. */
  public static final class InterruptedCaller {
    private InterruptedCaller() {}

    public static void main(String[] args) {
      StartEvent event = StartEvent.builder().setVersion("18.1.0").build();
      Thread.currentThread().interrupt();
      String json = OtlpJson.exportRequest(event);
      System.out.println("rendered=" + json.contains("\"tbot.start\"") + " interrupted=" + Thread.interrupted());
    }
  }
}
