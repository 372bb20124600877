package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs anywhere an agent runs: no HOME, a working directory it cannot write, a temp dir that does
 * not exist, and no user home; {@code start} still exits 0, prints only the notice and delivers.
 */
class RunsAnywhereIT {

  @Test
  void noHomeReadOnlyWorkingDirNoTempDir() throws Exception {
    Path readOnly = unwritableDirectory();
    try (LoopbackServer collector = LoopbackServer.start(LoopbackServer.ok())) {
      Map<String, String> env = ChildJvm.baseEnv();
      assertFalse(env.containsKey("HOME"));
      List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaBinary(), "-Djava.io.tmpdir=/nonexistent/tmp",
          "-Duser.home=/nonexistent/home", "-jar", ChildJvm.jar().toAbsolutePath().toString(), "start",
          "--anonymous-analytics", "--anonymous-analytics-endpoint", collector.url(),
          // The longest exit wait: delivery is checked, not its speed, and the wait ends on it.
          "--anonymous-analytics-exit-timeout", "10s"));
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(readOnly.toFile());
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      boolean exited = p.waitFor(30, TimeUnit.SECONDS);
      if (!exited) {
        p.destroyForcibly();
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

      assertEquals(true, exited, "exits by itself");
      assertEquals(0, p.exitValue(), err);
      assertEquals("", out);
      // Newer JDKs (25 here, not 17) warn about the missing temp dir at start-up, as for any program.
      List<String> ours = err.lines().filter(l -> !l.equals("WARNING: java.io.tmpdir directory does not exist")).toList();
      assertEquals(List.of(FaultMatrixIT.notice(collector.url())), ours);
      assertEquals(1, collector.await(1, Duration.ofSeconds(5)).size(), "delivered");
    }
  }

  /** A directory this process cannot create files in, even as root (then /proc). */
  static Path unwritableDirectory() throws IOException {
    Path dir = Files.createTempDirectory("tbot-otel-ro");
    dir.toFile().deleteOnExit();
    assertEquals(true, dir.toFile().setWritable(false, false));
    Path chosen = dir;
    try {
      Files.delete(Files.createFile(dir.resolve("probe")));
      chosen = Paths.get("/proc"); // root ignores permissions; procfs refuses new files to anyone
    } catch (IOException expected) {
      // not writable: good
    }
    Path probe = chosen;
    assertThrows(IOException.class, () -> Files.createFile(probe.resolve("tbot-otel-probe")),
        "precondition: " + probe + " is not writable");
    return chosen;
  }
}
