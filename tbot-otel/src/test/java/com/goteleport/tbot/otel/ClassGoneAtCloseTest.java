package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's classes replaced under a running host (an upgrade in place) before {@code close}:
 * a class {@code close} loads only when a send is still under way must not make it throw into the
 * host. Checked on {@code ExitWait}, the one such class.
 */
class ClassGoneAtCloseTest {

  @Test
  void closeThrowsNothingWhenItsWaitsClassIsGone(@TempDir Path dir) throws Exception {
    Path classes = Paths.get(AnonymousAnalytics.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path copy = dir.resolve("classes");
    copyTree(classes, copy);
    Path gone = copy.resolve(ExitWait.class.getName().replace('.', '/') + ".class");
    assertTrue(Files.exists(gone), gone.toString());
    List<String> classPath = new ArrayList<>(List.of(copy.toString()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!Paths.get(entry).toAbsolutePath().equals(classes.toAbsolutePath())) {
        classPath.add(entry);
      }
    }
    // Connects, takes the request into its backlog, never answers: the send is under way at close.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<String> cmd = List.of(ChildJvm.javaBinary(), "-cp", String.join(File.pathSeparator, classPath),
          ClassGoneAtCloseHost.class.getName(), "http://127.0.0.1:" + silent.getLocalPort() + "/v1/logs",
          gone.toString());
      ChildJvm.Result r = ChildJvm.run(cmd, ChildJvm.baseEnv(), Duration.ofSeconds(30));
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("closed\n", r.stdout(), "close threw nothing into the host");
      assertEquals("", r.stderr(), "and printed nothing");
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      all.forEach(p -> {
        try {
          Files.copy(p, to.resolve(from.relativize(p).toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
