package com.goteleport.tbot.otel.cli;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

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

  // The JDK's files (java.home) and the class path's jars: what the JVM opens itself before any code
  // runs. Jars only: the JVM keeps no file under a class-path directory open, and a user's own
  // redirection into one (exec ... > ./tbot.log with -cp .) must stay as it is.
  private static List<Path> jvmFiles() {
    List<Path> files = new ArrayList<>();
    addReal(files, System.getProperty("java.home"), false);
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator, -1)) {
      addReal(files, entry, true);
    }
    return files;
  }

  private static void addReal(List<Path> files, @Nullable String path, boolean regularFileOnly) {
    try {
      if (path != null && !path.isEmpty()) {
        Path real = Paths.get(path).toRealPath();
        if (!regularFileOnly || Files.isRegularFile(real)) {
          files.add(real);
        }
      }
    } catch (Exception unreadable) { // gone, or a SecurityManager: the other entries still count
      // not one of the JVM's files
    }
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
