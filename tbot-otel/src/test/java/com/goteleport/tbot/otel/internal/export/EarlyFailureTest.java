package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Delivery;
import com.goteleport.tbot.otel.export.Fault;
import java.io.ByteArrayOutputStream;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A connect that fails settles the send at once, FAILED with its cause: the host's close need not
 * wait for the SDK that would only fail on it, and a short exit timeout no longer reports such a
 * send TIMED_OUT ("raise the exit timeout", the wrong fix). One line says how it ended.
 */
class EarlyFailureTest {

  static final StartEvent EVENT = StartEvent.builder().setVersion("18.1.0").build();

  /** The send's debug lines, and how it ended as the host heard it. */
  record Run(Delivery returned, List<Delivery> told, List<String> lines) {}

  static Run send(URI endpoint, InFlight inFlight, List<Delivery> told, Duration timeout) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Delivery returned;
    try (PrintStream out = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      returned = EventSender.send(EVENT, endpoint, timeout, Map.of(), inFlight, out);
    }
    return new Run(returned, List.copyOf(told), err.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList()));
  }

  @Test
  void aRefusedConnectSettlesTheSendWhileItStillWaits() throws Exception {
    URI refused = URI.create("http://127.0.0.1:" + Fault.closedPort() + "/v1/logs");
    // The send's thread is held at its go (a start exec has not confirmed yet): only the early
    // connection's failure can settle it before the 10 s the send is given.
    CompletableFuture<Boolean> go = new CompletableFuture<>();
    InFlight inFlight = new InFlight(go);
    BlockingQueue<Delivery> first = new ArrayBlockingQueue<>(4);
    List<Delivery> told = new CopyOnWriteArrayList<>();
    inFlight.whenEnded(d -> {
      told.add(d);
      first.add(d);
    });
    CompletableFuture<Run> run = CompletableFuture.supplyAsync(
        () -> send(refused, inFlight, told, Duration.ofSeconds(10)));
    assertEquals(Delivery.FAILED, first.poll(5, TimeUnit.SECONDS), "settled while the send waited for its go");
    assertFalse(go.isDone(), "the go never came");
    go.complete(true); // the send's thread goes on, to an outcome that is already settled
    Run done = run.get(10, TimeUnit.SECONDS);
    assertEquals(Delivery.FAILED, done.returned());
    assertEquals(List.of(Delivery.FAILED), List.copyOf(told), "the host is told once");
    List<String> outcomes = done.lines().stream().filter(l -> l.contains("tbot.start")).collect(Collectors.toList());
    assertEquals(1, outcomes.size(), "one line says how it ended: " + done.lines());
    assertTrue(outcomes.get(0).matches("tbot-otel debug: tbot\\.start to http://127\\.0\\.0\\.1:\\d+: FAILED after \\d+ ms"
        + " \\(java\\.net\\.ConnectException: Connection refused\\)"), outcomes.get(0));
  }

  @Test
  void aSendThatFailsToConnectSaysSoOnce() {
    URI refused;
    try {
      refused = URI.create("http://127.0.0.1:" + Fault.closedPort() + "/v1/logs");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    InFlight inFlight = new InFlight();
    List<Delivery> told = new CopyOnWriteArrayList<>();
    inFlight.whenEnded(told::add);
    Run done = send(refused, inFlight, told, Duration.ofSeconds(5));
    assertEquals(Delivery.FAILED, done.returned());
    assertEquals(List.of(Delivery.FAILED), done.told());
    assertEquals(1, done.lines().stream().filter(l -> l.contains("tbot.start to")).count(), done.lines().toString());
    assertNotNull(done.lines().stream().filter(l -> l.contains("not connected: java.net.ConnectException"))
        .findFirst().orElse(null), done.lines().toString());
  }
}
