package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A connect that fails settles the send at once, FAILED with its cause: the host's close need not
 * wait for the SDK that would only fail on it, and a short exit timeout no longer reports such a
 * send TIMED_OUT ("raise the exit timeout", the wrong fix). One line says how it ended, and it is
 * out before the send returns. A start the host has not confirmed is left to its answer.
 */
class EarlyFailureTest {

  static final StartEvent EVENT = StartEvent.builder().setVersion("18.1.0").build();

  /** The send's debug lines, and how it ended as the host heard it. */
  record Run(Delivery returned, List<String> lines) {
    List<String> outcomes() {
      return lines.stream().filter(l -> l.contains("tbot.start")).collect(Collectors.toList());
    }
  }

  static Run send(URI endpoint, InFlight inFlight, Duration timeout) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Delivery returned;
    try (PrintStream out = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      returned = EventSender.send(EVENT, endpoint, timeout, Map.of(), inFlight, out);
    }
    return new Run(returned, err.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList()));
  }

  static URI refused() {
    try {
      return URI.create("http://127.0.0.1:" + Fault.closedPort() + "/v1/logs");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aRefusedConnectSettlesTheSendWhileItsThreadIsHeld() throws Exception {
    BlockingQueue<Delivery> first = new ArrayBlockingQueue<>(4);
    List<Delivery> told = new CopyOnWriteArrayList<>();
    InFlight inFlight = new InFlight();
    inFlight.whenEnded(d -> {
      told.add(d);
      first.add(d);
    });
    Diagnostics.otelLoggerNames(); // initialized before its monitor is held below
    CompletableFuture<Run> run;
    // The send's thread waits at its first step (Diagnostics.quietly counts it in under this
    // monitor) while the connection, started before, fails: only that failure can settle it.
    synchronized (Diagnostics.class) {
      run = CompletableFuture.supplyAsync(() -> send(refused(), inFlight, Duration.ofSeconds(10)));
      assertEquals(Delivery.FAILED, first.poll(5, TimeUnit.SECONDS), "settled while the send's thread was held");
      assertFalse(run.isDone());
    }
    Run done = run.get(10, TimeUnit.SECONDS);
    assertEquals(Delivery.FAILED, done.returned());
    assertEquals(List.of(Delivery.FAILED), List.copyOf(told), "the host is told once");
    assertEquals(1, done.outcomes().size(), "one line says how it ended: " + done.lines());
    assertTrue(done.outcomes().get(0).matches("tbot-otel debug: tbot\\.start to http://127\\.0\\.0\\.1:\\d+: FAILED after"
        + " \\d+ ms \\(java\\.net\\.ConnectException: Connection refused\\)"), done.outcomes().get(0));
  }

  /**
   * The line is out before the send returns, whichever thread says it: the host may exit as soon
   * as it has the outcome. A host's handler holds the line here (tbot-otel's logger, at FINE).
   */
  @Test
  void theOutcomeLineIsOutBeforeTheSendReturns() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Handler slow = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (String.valueOf(r.getMessage()).contains(": FAILED after ")) {
          held.countDown();
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    // The SDK loaded first, so that the send's thread, unless held, is done well within the wait.
    try (OtlpReceiver warm = OtlpReceiver.start()) {
      assertEquals(Delivery.DELIVERED, send(URI.create(warm.url()), new InFlight(), Duration.ofSeconds(10)).returned());
    }
    Logger logger = Logger.getLogger(Diagnostics.LOGGER_NAME);
    Level level = logger.getLevel();
    logger.setLevel(Level.FINE);
    logger.addHandler(slow);
    try {
      CompletableFuture<Run> run;
      // The send's thread is held at its first step until the connection's failure is being said,
      // so that it comes to the outcome after that: it must not return before the line is out.
      synchronized (Diagnostics.class) {
        run = CompletableFuture.supplyAsync(() -> send(refused(), new InFlight(), Duration.ofSeconds(10)));
        assertTrue(held.await(10, TimeUnit.SECONDS), "the outcome line reached the handler");
      }
      Thread.sleep(2_000); // time for the send to return, if it could
      assertFalse(run.isDone(), "the send returned while its outcome line was still being said");
      release.countDown();
      Run done = run.get(10, TimeUnit.SECONDS);
      assertEquals(Delivery.FAILED, done.returned());
      assertEquals(1, done.outcomes().size(), done.lines().toString());
    } finally {
      release.countDown();
      logger.removeHandler(slow);
      logger.setLevel(level);
    }
  }

  /** exec's case: tbot fails at once while the collector is unreachable. The host's no stands. */
  @Test
  void aStartTheHostRefusesIsCancelledEvenIfItsConnectFailed() throws Exception {
    CompletableFuture<Boolean> go = new CompletableFuture<>();
    InFlight inFlight = new InFlight(go);
    List<Delivery> told = new CopyOnWriteArrayList<>();
    inFlight.whenEnded(told::add);
    CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> send(refused(), inFlight, Duration.ofSeconds(10)));
    Thread.sleep(1_000); // the connect has failed by now
    assertEquals(List.of(), told, "not settled before the host's answer");
    go.complete(false);
    Run done = run.get(10, TimeUnit.SECONDS);
    assertEquals(Delivery.CANCELLED, done.returned());
    assertEquals(List.of(Delivery.CANCELLED), List.copyOf(told));
    assertEquals(List.of("tbot-otel debug: " + InFlight.NOT_CONFIRMED), done.outcomes(), done.lines().toString());
  }

  @Test
  void aStartTheHostConfirmsAfterItsConnectFailedFails() throws Exception {
    CompletableFuture<Boolean> go = new CompletableFuture<>();
    InFlight inFlight = new InFlight(go);
    CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> send(refused(), inFlight, Duration.ofSeconds(10)));
    Thread.sleep(1_000);
    go.complete(true);
    Run done = run.get(10, TimeUnit.SECONDS);
    assertEquals(Delivery.FAILED, done.returned());
    assertEquals(1, done.outcomes().size(), done.lines().toString());
    assertTrue(done.outcomes().get(0).contains("(java.net.ConnectException: Connection refused)"), done.outcomes().get(0));
  }
}
