package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * What a close that gave up says the send was doing: the step at the abort. A look-up that ends in
 * the abort's grace moves the connecting thread on to a connect that the closed socket fails at
 * once; the line must still blame the look-up (red before: "connecting over TCP").
 */
class InFlightStepTest {

  @Test
  void theStepIsTheOneAtTheAbort() {
    InFlight send = new InFlight();
    assertNull(send.stepPhrase(), "nothing begun");
    send.step(InFlight.Step.LOOKING_UP);
    assertEquals("looking up the host name", send.stepPhrase());
    send.abort();
    send.step(InFlight.Step.CONNECTING);
    assertEquals("looking up the host name", send.stepPhrase());
    send.abort(); // a second close's abort keeps the first one's step
    assertEquals("looking up the host name", send.stepPhrase());
  }

  @Test
  void aSendNotAbortedSaysWhereItIsNow() {
    InFlight send = new InFlight();
    send.step(InFlight.Step.REQUEST_WRITTEN);
    send.step(InFlight.Step.ANSWERED);
    assertEquals("after the answer was read, as the send finished (slow from a cold JVM)", send.stepPhrase());
  }
}
