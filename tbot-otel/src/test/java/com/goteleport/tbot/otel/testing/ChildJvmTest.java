package com.goteleport.tbot.otel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The child runner cleans up after itself, even after a child it had to kill. */
class ChildJvmTest {

  static Set<Path> captureFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().matches("child-(out|err).*\\.txt"))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void aChildKilledAtItsTimeoutLeavesNoCaptureFiles() throws Exception {
    Set<Path> before = captureFiles();
    AssertionError e = assertThrows(AssertionError.class,
        () -> ChildJvm.run(List.of("sleep", "30"), ChildJvm.baseEnv(), Duration.ofMillis(300)));
    assertTrue(e.getMessage().startsWith("child did not exit within"), e.getMessage());
    Set<Path> left = captureFiles();
    left.removeAll(before);
    assertEquals(Set.of(), left);
  }
}
