package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code exec} started with a standard stream closed, as {@code sh} does for {@code <&-}: the JVM
 * reuses the descriptor for its own files (the JDK's {@code lib/modules}, the jar), and tbot must
 * not inherit those. A stand-in tbot reports where its three streams lead (Linux's {@code /proc}).
 */
class ClosedStdioIT {

  @ParameterizedTest(name = "closed: [{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        // redirections | what the child's 0, 1 and 2 lead to (IN, OUT, ERR: the test's files)
        "<&-            | /dev/null OUT ERR",
        ">&-            | IN /dev/null ERR",
        "2>&-           | IN OUT /dev/null",
        "<&- >&- 2>&-   | /dev/null /dev/null /dev/null",
        "''             | IN OUT ERR",
      })
  void aClosedStreamReachesTbotAsDevNull(String closed, String expected, @TempDir Path temp) throws IOException {
    Path dir = temp.toRealPath(); // as /proc shows the files
    String java = ChildJvm.javaJarShellLine();
    assertEquals(expected(expected, dir), childsStreams(java, dir, closed), "the child's 0, 1, 2 for '" + closed + "'");
  }

  @Test
  void aFileUnderAClassPathDirectoryIsTheUsersOwn(@TempDir Path temp) throws IOException {
    // The JVM holds jars open, never a file under a class-path directory: output a user sends
    // into one (a Jib-style /app/classes, or -cp .) reaches tbot as given.
    Path dir = temp.toRealPath();
    String java = ChildJvm.shellWord(ChildJvm.javaBinary())
        + " -cp " + ChildJvm.shellWord(dir + File.pathSeparator + ChildJvm.jar())
        + " com.goteleport.tbot.otel.cli.Main";
    assertEquals(expected("IN OUT ERR", dir), childsStreams(java, dir, ""));
  }

  private static String expected(String expected, Path dir) {
    return expected.replace("IN", dir.resolve("in").toString()).replace("OUT", dir.resolve("out").toString())
        .replace("ERR", dir.resolve("err").toString()).replace(' ', '\n') + "\n";
  }

  /** Runs {@code java ... exec -- tbot} through sh with the test's files, then {@code closed}. */
  private static String childsStreams(String java, Path dir, String closed) throws IOException {
    Path in = Files.writeString(dir.resolve("in"), "input\n");
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    Path report = dir.resolve("report");
    Path tbot = dir.resolve("tbot");
    // Read first, written after: a redirection of the shell's own would show in /proc/$$.
    Files.writeString(tbot, "#!/bin/sh\na=$(readlink /proc/$$/fd/0); b=$(readlink /proc/$$/fd/1); "
        + "c=$(readlink /proc/$$/fd/2)\nprintf '%s\\n' \"$a\" \"$b\" \"$c\" > "
        + ChildJvm.shellWord(report.toString()) + "\n");
    tbot.toFile().setExecutable(true);
    // The test's own files first, then the case's closings on top ('<&-' after '<in' closes it).
    String line = "exec " + java + " exec -- " + ChildJvm.shellWord(tbot.toString())
        + " <" + ChildJvm.shellWord(in.toString()) + " >" + ChildJvm.shellWord(out.toString())
        + " 2>" + ChildJvm.shellWord(err.toString()) + " " + closed;
    ChildJvm.Result r = ChildJvm.run(List.of("sh", "-c", line), Map.of("PATH", ChildJvm.baseEnv().get("PATH")),
        Duration.ofSeconds(60));
    assertEquals(0, r.exitCode(), r.stderr());
    return Files.readString(report);
  }
}
