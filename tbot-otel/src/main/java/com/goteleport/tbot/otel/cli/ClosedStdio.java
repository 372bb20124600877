package com.goteleport.tbot.otel.cli;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code exec} gives tbot for a standard stream it was started without ({@code <&-}, {@code
 * >&-}): the JVM has since opened files of its own on those lowest free descriptors (its {@code
 * lib/modules}, the jar), and an inherited one would have tbot read the JDK's modules as input, or
 * write its output into the jar's descriptor. Such a stream is given as {@code /dev/null}, the
 * nearest to "none" a child can inherit. Linux only ({@code /proc}); elsewhere nothing changes.
 */
final class ClosedStdio {

  private ClosedStdio() {}

  /** Redirects, on {@code builder}, each standard stream the JVM holds a file of its own on. */
  static ProcessBuilder guard(ProcessBuilder builder) {
    List<Path> jvmFiles = jvmFiles();
    if (heldByJvm(0, jvmFiles)) {
      builder.redirectInput(Redirect.from(new File("/dev/null")));
    }
    if (heldByJvm(1, jvmFiles)) {
      builder.redirectOutput(Redirect.DISCARD);
    }
    if (heldByJvm(2, jvmFiles)) {
      builder.redirectError(Redirect.DISCARD);
    }
    return builder;
  }

  // The JDK (java.home) and the class path: what the JVM opens itself before any code runs.
  private static List<Path> jvmFiles() {
    List<Path> files = new ArrayList<>();
    try {
      files.add(Paths.get(System.getProperty("java.home")).toRealPath());
      for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          files.add(Paths.get(entry).toRealPath());
        }
      }
    } catch (Exception unreadable) { // a SecurityManager, a path that went away: check what we have
      // nothing more to add
    }
    return files;
  }

  private static boolean heldByJvm(int fd, List<Path> jvmFiles) {
    try {
      Path target = Files.readSymbolicLink(Paths.get("/proc/self/fd/" + fd));
      for (Path file : jvmFiles) {
        if (target.startsWith(file)) {
          return true;
        }
      }
      return false;
    } catch (Exception noProc) { // not Linux, or /proc not mounted: leave the stream as it is
      return false;
    }
  }
}
