package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-over between exec's analytics thread and its main thread, from a concurrency review.
 * The analytics thread claimed the event, then printed the notice and recorded the start, and only
 * then published its instance: a main thread whose wait ran out in that window found no instance,
 * lost the claim and returned, and the send started after exec had returned, closed by nobody (its
 * socket left to the JVM's exit, which waits up to 300 ms for a thread blocked in it).
 */
class ExecLateClaimTest {

  @TempDir Path dir;

  @Test
  void aStartClaimedAsExecGivesUpIsClosedByExecAndNeverSent() throws Exception {
    Path tbot = ExecRun.script(dir, "tbot", "exit 0\n");
    CountDownLatch execReturned = new CountDownLatch(1);
    AtomicBoolean heldTheNotice = new AtomicBoolean();
    // A stderr nobody reads for a moment (a full pipe): the notice blocks until exec has returned,
    // which holds the window open; without it the window is a few milliseconds.
    OutputStream slowStderr = new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        if (new String(b, off, len, StandardCharsets.UTF_8).contains("analytics is on")
            && Thread.currentThread().getName().equals("tbot-otel-exec-analytics")
            && heldTheNotice.compareAndSet(false, true)) {
          try {
            execReturned.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    try (OtlpReceiver receiver = OtlpReceiver.start();
        PrintStream err = new PrintStream(slowStderr, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
      Map<String, String> env = Map.of("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url());
      int code = Main.run(new String[] {"exec", "--anonymous-analytics", "--anonymous-analytics-exit-timeout",
          "200ms", "--", tbot.toString(), "start"}, new CliContext(env, out, err, false, Thread::new));
      execReturned.countDown();
      assertEquals(0, code);
      assertTrue(heldTheNotice.get(), "the analytics thread claimed the event and was held in the window");
      // Red before: the request came after exec had returned, from a send nothing closed.
      assertEquals(0, receiver.await(1, Duration.ofSeconds(2)).size(), "no send of exec's after it returned");
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        assertTrue(!t.getName().equals("tbot-otel-analytics") || !t.isAlive(), "a send thread is left: " + t);
      }
    }
  }
}
