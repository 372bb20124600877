package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.export.Delivery;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exit's cut-off for host name look-ups ({@link InFlight#closeLookups}): none starts after it,
 * and it tells whether one is still under way. {@code FaultMatrixIT} has a look-up that never ends.
 */
class LookupCutoffTest {

  @Test
  void aLookUpUnderWayIsReportedAndNoneStartsAfterTheCutoff() {
    InFlight inFlight = new InFlight();
    assertTrue(inFlight.lookupStarting());
    assertTrue(inFlight.closeLookups(), "one under way");
    inFlight.lookupEnded();
    assertFalse(inFlight.closeLookups(), "it ended");
    assertFalse(inFlight.lookupStarting(), "none starts after the cut-off");
    assertFalse(inFlight.closeLookups(), "nor counts as under way");
  }

  @Test
  void beforeTheCutoffLookUpsComeAndGo() {
    InFlight inFlight = new InFlight();
    for (int i = 0; i < 3; i++) {
      assertTrue(inFlight.lookupStarting());
      inFlight.lookupEnded();
    }
    assertFalse(inFlight.closeLookups());
  }

  @Test
  void aSendWhoseLookUpsAreClosedFailsWithoutLookingUp() {
    InFlight inFlight = new InFlight();
    inFlight.closeLookups();
    java.io.ByteArrayOutputStream debug = new java.io.ByteArrayOutputStream();
    assertEquals(Delivery.FAILED, EventSender.send(ProxyTest.EVENT, URI.create("http://collector.example.invalid/v1/logs"),
        Duration.ofSeconds(2), Map.of(), inFlight,
        new java.io.PrintStream(debug, true, java.nio.charset.StandardCharsets.UTF_8)));
    String out = debug.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(out.contains("no time left before the exit to look collector.example.invalid up"), out);
  }
}
