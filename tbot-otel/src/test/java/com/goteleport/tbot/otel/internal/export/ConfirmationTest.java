package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.export.LoopbackServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** A send held for the host's confirmation writes its request on a yes, and only on a yes. */
class ConfirmationTest {

  static final StartEvent EVENT = StartEvent.builder().setVersion("18.1.0").build();

  static Delivery send(LoopbackServer collector, InFlight inFlight, Duration budget) {
    return EventSender.send(EVENT, URI.create(collector.url()), budget, Map.of(), inFlight, null);
  }

  /** Completes {@code answer} with {@code value} in 200 ms, while the send waits for it. */
  static void answerLater(CompletableFuture<Boolean> answer, boolean value) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      answer.complete(value);
    });
    t.setDaemon(true);
    t.start();
  }

  @Test
  void aYesSendsTheEvent() {
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok())) {
      CompletableFuture<Boolean> yes = new CompletableFuture<>();
      InFlight inFlight = new InFlight(yes);
      assertFalse(inFlight.refused(), "no answer yet is no refusal");
      answerLater(yes, true);
      assertEquals(Delivery.DELIVERED, send(collector, inFlight, Duration.ofSeconds(5)));
      assertEquals(1, collector.requests().size());
    }
  }

  @Test
  void aNoWhileTheSendWaitsWritesNothing() {
    // exec's case: tbot exits with an error within its first second, after the send got ready.
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok())) {
      CompletableFuture<Boolean> no = new CompletableFuture<>();
      answerLater(no, false);
      assertEquals(Delivery.CANCELLED, send(collector, new InFlight(no), Duration.ofSeconds(5)));
      assertEquals(0, collector.requests().size(), "nothing written");
    }
  }

  @Test
  void noAnswerWithinTheBudgetIsANo() {
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok())) {
      InFlight inFlight = new InFlight(new CompletableFuture<>());
      Delivery d = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> send(collector, inFlight, Duration.ofMillis(500)));
      assertEquals(Delivery.CANCELLED, d);
      assertEquals(0, collector.requests().size(), "nothing written");
    }
  }

  @Test
  void aFailedAnswerIsANo() {
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok())) {
      CompletableFuture<Boolean> failed = new CompletableFuture<>();
      failed.completeExceptionally(new IllegalStateException("the host crashed"));
      InFlight inFlight = new InFlight(failed);
      assertTrue(inFlight.refused(), "a failed answer is in, and no");
      assertEquals(Delivery.CANCELLED, send(collector, inFlight, Duration.ofSeconds(5)));
      assertEquals(0, collector.connections(), "not even connected");
    }
  }

  /**
   * The callback handed to the host's stage is made on the host's thread, in {@code recordStart}:
   * a lambda there would cost that thread the invokedynamic bootstrap, milliseconds in a cold JVM
   * (measured: the two-argument {@code recordStart} took ~5 ms cold with it, ~2.5 ms without).
   */
  @Test
  void theCallbackOnTheHostsStageIsNoLambda() {
    List<Class<?>> actions = new ArrayList<>();
    CompletableFuture<Boolean> stage = new CompletableFuture<>() {
      @Override
      public CompletableFuture<Boolean> whenComplete(BiConsumer<? super Boolean, ? super Throwable> action) {
        actions.add(action.getClass());
        return super.whenComplete(action);
      }
    };
    InFlight inFlight = new InFlight(stage);
    assertEquals(1, actions.size(), "one callback on the host's stage");
    assertFalse(actions.get(0).isHidden(), "a lambda's class is hidden: " + actions.get(0));
    stage.complete(true);
    assertFalse(inFlight.refused(), "the callback still carries the answer");
    assertTrue(inFlight.awaitGo(System.nanoTime()), "a yes lets the send go");
  }

  @Test
  void anAbortedSendIsRefusedWhateverTheHostSaysLater() {
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok())) {
      CompletableFuture<Boolean> later = new CompletableFuture<>();
      InFlight inFlight = new InFlight(later);
      inFlight.abort();
      later.complete(true);
      assertTrue(inFlight.refused());
      assertEquals(Delivery.CANCELLED, send(collector, inFlight, Duration.ofSeconds(5)));
      assertEquals(0, collector.connections());
    }
  }
}
