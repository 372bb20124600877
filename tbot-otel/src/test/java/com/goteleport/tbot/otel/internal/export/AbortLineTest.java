package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A start the host had not confirmed when close gave up on it: abort refuses it, and the send's
 * thread may see that refusal before abort has returned. The line that says how it ended is still
 * the close's (HostCallsTest), not the send's "not confirmed".
 */
class AbortLineTest {

  @Test
  void aSendThatSeesTheAbortsRefusalLeavesTheLineToTheClose() throws Exception {
    try (ServerSocket collector = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      InFlight inFlight = new InFlight(new CompletableFuture<>());
      ByteArrayOutputStream debug = new ByteArrayOutputStream();
      Delivery[] sent = new Delivery[1];
      // Runs inside abort(), once it has refused the start and before it returns: the send's thread
      // getting there at that moment (a host thread preempted mid-abort on a loaded machine).
      answerOf(inFlight).thenRun(() -> sent[0] = EventSender.send(Consent.resolve(true, null, Map.of()),
          StartEvent.builder().build(), URI.create("http://127.0.0.1:" + collector.getLocalPort() + "/v1/logs"),
          Duration.ofSeconds(2), Map.of(), inFlight, new PrintStream(debug, true, StandardCharsets.UTF_8)));
      inFlight.abort();
      assertEquals(Delivery.CANCELLED, sent[0], "the send, refused by the abort");
      assertEquals("", debug.toString(StandardCharsets.UTF_8), "what the send printed");
      assertTrue(inFlight.claimOutcomeLine(), "the line is left to the close that aborted");
    }
  }

  /** The future abort completes with its refusal (Confirmation's own). */
  @SuppressWarnings("unchecked")
  private static CompletableFuture<Boolean> answerOf(InFlight inFlight) throws ReflectiveOperationException {
    Field confirmation = InFlight.class.getDeclaredField("confirmation");
    confirmation.setAccessible(true);
    Field go = Confirmation.class.getDeclaredField("go");
    go.setAccessible(true);
    return (CompletableFuture<Boolean>) go.get(confirmation.get(inFlight));
  }
}
