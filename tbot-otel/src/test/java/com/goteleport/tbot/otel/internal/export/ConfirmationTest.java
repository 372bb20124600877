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
    CompletionStage<Boolean> opaque = new OpaqueStage(backing, actions);
    InFlight other = new InFlight(opaque);
    assertEquals(1, actions.size(), "one callback on a stage that is no CompletableFuture");
    assertFalse(actions.get(0).isHidden(), "a lambda's class is hidden: " + actions.get(0));
    backing.complete(true);
    assertTrue(other.awaitGo(System.nanoTime()), "a yes lets the send go");
  }

  /** A host's stage of its own making, which cannot be a CompletableFuture; records its callbacks. */
  private static final class OpaqueStage implements CompletionStage<Boolean> {
    private final CompletableFuture<Boolean> f;
    private final List<Class<?>> actions;

    OpaqueStage(CompletableFuture<Boolean> f, List<Class<?>> actions) {
      this.f = f;
      this.actions = actions;
    }

    @Override
    public CompletableFuture<Boolean> toCompletableFuture() {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Boolean> whenComplete(BiConsumer<? super Boolean, ? super Throwable> action) {
      actions.add(action.getClass());
      return f.whenComplete(action);
    }

    // The rest are not called by tbot-otel.
    @Override public <U> CompletionStage<U> thenApply(java.util.function.Function<? super Boolean, ? extends U> fn) { throw new AssertionError(); }
    @Override public <U> CompletionStage<U> thenApplyAsync(java.util.function.Function<? super Boolean, ? extends U> fn) { throw new AssertionError(); }
    @Override public <U> CompletionStage<U> thenApplyAsync(java.util.function.Function<? super Boolean, ? extends U> fn, java.util.concurrent.Executor e) { throw new AssertionError(); }
    @Override public CompletionStage<Void> thenAccept(java.util.function.Consumer<? super Boolean> a) { throw new AssertionError(); }
    @Override public CompletionStage<Void> thenAcceptAsync(java.util.function.Consumer<? super Boolean> a) { throw new AssertionError(); }
    @Override public CompletionStage<Void> thenAcceptAsync(java.util.function.Consumer<? super Boolean> a, java.util.concurrent.Executor e) { throw new AssertionError(); }
    @Override public CompletionStage<Void> thenRun(Runnable a) { throw new AssertionError(); }
    @Override public CompletionStage<Void> thenRunAsync(Runnable a) { throw new AssertionError(); }
    @Override public CompletionStage<Void> thenRunAsync(Runnable a, java.util.concurrent.Executor e) { throw new AssertionError(); }
    @Override public <U, V> CompletionStage<V> thenCombine(CompletionStage<? extends U> o, java.util.function.BiFunction<? super Boolean, ? super U, ? extends V> fn) { throw new AssertionError(); }
    @Override public <U, V> CompletionStage<V> thenCombineAsync(CompletionStage<? extends U> o, java.util.function.BiFunction<? super Boolean, ? super U, ? extends V> fn) { throw new AssertionError(); }
    @Override public <U, V> CompletionStage<V> thenCombineAsync(CompletionStage<? extends U> o, java.util.function.BiFunction<? super Boolean, ? super U, ? extends V> fn, java.util.concurrent.Executor e) { throw new AssertionError(); }
    @Override public <U> CompletionStage<Void> thenAcceptBoth(CompletionStage<? extends U> o, BiConsumer<? super Boolean, ? super U> a) { throw new AssertionError(); }
    @Override public <U> CompletionStage<Void> thenAcceptBothAsync(CompletionStage<? extends U> o, BiConsumer<? super Boolean, ? super U> a) { throw new AssertionError(); }
    @Override public <U> CompletionStage<Void> thenAcceptBothAsync(CompletionStage<? extends U> o, BiConsumer<? super Boolean, ? super U> a, java.util.concurrent.Executor e) { throw new AssertionError(); }
    @Override public CompletionStage<Void> runAfterBoth(CompletionStage<?> o, Runnable a) { throw new AssertionError(); }
    @Override public CompletionStage<Void> runAfterBothAsync(CompletionStage<?> o, Runnable a) { throw new AssertionError(); }
    @Override public CompletionStage<Void> runAfterBothAsync(CompletionStage<?> o, Runnable a, java.util.concurrent.Executor e) { throw new AssertionError(); }
    @Override public <U> CompletionStage<U> applyToEither(CompletionStage<? extends Boolean> o, java.util.function.Function<? super Boolean, U> fn) { throw new AssertionError(); }
    @Override public <U> CompletionStage<U> applyToEitherAsync(CompletionStage<? extends Boolean> o, java.util.function.Function<? super Boolean, U> fn) { throw new AssertionError(); }
    @Override public <U> CompletionStage<U> applyToEitherAsync(CompletionStage<? extends Boolean> o, java.util.function.Function<? super Boolean, U> fn, java.util.concurrent.Executor e) { throw new AssertionError(); }
    @Override public CompletionStage<Void> acceptEither(CompletionStage<? extends Boolean> o, java.util.function.Consumer<? super Boolean> a) { throw new AssertionError(); }
    @Override public CompletionStage<Void> acceptEitherAsync(CompletionStage<? extends Boolean> o, java.util.function.Consumer<? super Boolean> a) { throw new AssertionError(); }
    @Override public CompletionStage<Void> acceptEitherAsync(CompletionStage<? extends Boolean> o, java.util.function.Consumer<? super Boolean> a, java.util.concurrent.Executor e) { throw new AssertionError(); }
    @Override public CompletionStage<Void> runAfterEither(CompletionStage<?> o, Runnable a) { throw new AssertionError(); }
    @Override public CompletionStage<Void> runAfterEitherAsync(CompletionStage<?> o, Runnable a) { throw new AssertionError(); }
    @Override public CompletionStage<Void> runAfterEitherAsync(CompletionStage<?> o, Runnable a, java.util.concurrent.Executor e) { throw new AssertionError(); }
    @Override public <U> CompletionStage<U> thenCompose(java.util.function.Function<? super Boolean, ? extends CompletionStage<U>> fn) { throw new AssertionError(); }
    @Override public <U> CompletionStage<U> thenComposeAsync(java.util.function.Function<? super Boolean, ? extends CompletionStage<U>> fn) { throw new AssertionError(); }
    @Override public <U> CompletionStage<U> thenComposeAsync(java.util.function.Function<? super Boolean, ? extends CompletionStage<U>> fn, java.util.concurrent.Executor e) { throw new AssertionError(); }
    @Override public <U> CompletionStage<U> handle(java.util.function.BiFunction<? super Boolean, Throwable, ? extends U> fn) { throw new AssertionError(); }
    @Override public <U> CompletionStage<U> handleAsync(java.util.function.BiFunction<? super Boolean, Throwable, ? extends U> fn) { throw new AssertionError(); }
    @Override public <U> CompletionStage<U> handleAsync(java.util.function.BiFunction<? super Boolean, Throwable, ? extends U> fn, java.util.concurrent.Executor e) { throw new AssertionError(); }
    @Override public CompletionStage<Boolean> whenCompleteAsync(BiConsumer<? super Boolean, ? super Throwable> a) { throw new AssertionError(); }
    @Override public CompletionStage<Boolean> whenCompleteAsync(BiConsumer<? super Boolean, ? super Throwable> a, java.util.concurrent.Executor e) { throw new AssertionError(); }
    @Override public CompletionStage<Boolean> exceptionally(java.util.function.Function<Throwable, ? extends Boolean> fn) { throw new AssertionError(); }
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
