package com.goteleport.tbot.otel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child runner cleans up after itself, even after a child it had to kill. */
class ChildJvmTest {

  // A directory of the test's own: the shared temp dir also holds files of runs going on at the
  // same time (other tests, other builds), which made a count of it flaky.
  @Test
  void aChildKilledAtItsTimeoutLeavesNoCaptureFiles(@TempDir Path captureDir) throws Exception {
    AssertionError e = assertThrows(AssertionError.class,
        () -> ChildJvm.run(List.of("sleep", "30"), ChildJvm.baseEnv(), Duration.ofMillis(300), captureDir));
    assertTrue(e.getMessage().startsWith("child did not exit within"), e.getMessage());
    assertEquals(List.of(), files(captureDir));
  }

  @Test
  void aChildThatExitsLeavesNoCaptureFiles(@TempDir Path captureDir) throws Exception {
    ChildJvm.Result r = ChildJvm.run(List.of("sh", "-c", "echo out; echo err >&2"), ChildJvm.baseEnv(),
        Duration.ofSeconds(30), captureDir);
    assertEquals("out\n", r.stdout());
    assertEquals("err\n", r.stderr());
    assertEquals(List.of(), files(captureDir));
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.collect(Collectors.toList());
    }
  }
}
