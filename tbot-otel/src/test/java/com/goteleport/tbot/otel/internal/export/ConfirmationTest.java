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
import java.util.concurrent.CompletionStage;
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
   * What the host's stage holds is made on the host's thread, in {@code recordStart}: a lambda there
   * would cost that thread the invokedynamic bootstrap, milliseconds in a cold JVM (measured: the
   * two-argument {@code recordStart} took ~5 ms cold with it, ~2.5 ms without). A CompletableFuture
   * is copied (the JDK's own relay, no callback of ours: PluginUnloadTest shows a stage that never
   * completes then pins no tbot-otel loader); a stage that cannot be one gets a class of ours.
   */
  @Test
  void theHostsStageGetsNoLambdaAndACompletableFutureNoCallbackOfOurs() {
    List<Class<?>> actions = new ArrayList<>();
    CompletableFuture<Boolean> stage = new CompletableFuture<>() {
      @Override
      public CompletableFuture<Boolean> whenComplete(BiConsumer<? super Boolean, ? super Throwable> action) {
        actions.add(action.getClass());
        return super.whenComplete(action);
      }
    };
    InFlight inFlight = new InFlight(stage);
    assertEquals(List.of(), actions, "no callback of ours on the host's future");
    stage.complete(true);
    assertFalse(inFlight.refused(), "the copy still carries the answer");
    assertTrue(inFlight.awaitGo(System.nanoTime()), "a yes lets the send go");

    CompletableFuture<Boolean> backing = new CompletableFuture<>();
    CompletionStage<Boolean> opaque = opaqueStage(backing, actions);
    InFlight other = new InFlight(opaque);
    assertEquals(1, actions.size(), "one callback on a stage that is no CompletableFuture");
    assertFalse(actions.get(0).isHidden(), "a lambda's class is hidden: " + actions.get(0));
    backing.complete(true);
    assertTrue(other.awaitGo(System.nanoTime()), "a yes lets the send go");
  }

  /**
   * A host's stage of its own making, which cannot be a CompletableFuture (its toCompletableFuture
   * is unsupported, as the interface allows): whenComplete goes to {@code f} and is recorded; any
   * other method fails the test, as tbot-otel calls none.
   */
  @SuppressWarnings("unchecked")
  private static CompletionStage<Boolean> opaqueStage(CompletableFuture<Boolean> f, List<Class<?>> actions) {
    return (CompletionStage<Boolean>) java.lang.reflect.Proxy.newProxyInstance(
        ConfirmationTest.class.getClassLoader(), new Class<?>[] {CompletionStage.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "toCompletableFuture":
              throw new UnsupportedOperationException();
            case "whenComplete":
              actions.add(args[0].getClass());
              return f.whenComplete((BiConsumer<? super Boolean, ? super Throwable>) args[0]);
            default:
              throw new AssertionError("tbot-otel called " + method.getName());
          }
        });
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
