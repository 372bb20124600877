package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The jar in a JVM whose standard streams' charset is not its default one, as on a JDK 17 console
 * (Windows': the console's code page in {@code sun.stdout.encoding}, the ANSI one in {@code
 * file.encoding}): help and version are in the streams' charset, as the error lines are. UTF-16BE
 * for the streams, so that ASCII shows the difference too; both properties, JDK 17's and JDK 19's.
 */
class OutputCharsetIT {

  static final Duration RUN = Duration.ofSeconds(60);
  static final List<String> JVM = List.of("-Dfile.encoding=ISO-8859-1",
      "-Dsun.stdout.encoding=UTF-16BE", "-Dsun.stderr.encoding=UTF-16BE",
      "-Dstdout.encoding=UTF-16BE", "-Dstderr.encoding=UTF-16BE");

  @Test
  void versionHelpAndAnErrorLineAreInTheStreamsCharset() {
    ChildJvm.Result version = ChildJvm.runJar(JVM, List.of("--version"), ChildJvm.baseEnv(), RUN);
    assertEquals(0, version.exitCode(), version.stderr());
    assertTrue(version.stdout().startsWith(utf16("tbot-otel ")), version.stdout());
    ChildJvm.Result help = ChildJvm.runJar(JVM, List.of("--help"), ChildJvm.baseEnv(), RUN);
    assertEquals(0, help.exitCode(), help.stderr());
    assertTrue(help.stdout().startsWith(utf16("Usage: tbot-otel ")), help.stdout());
    ChildJvm.Result usage = ChildJvm.runJar(JVM, List.of("strt"), ChildJvm.baseEnv(), RUN);
    assertEquals(2, usage.exitCode(), usage.stderr());
    assertTrue(usage.stderr().startsWith(utf16("tbot-otel: ")), usage.stderr());
  }

  /** {@code ascii} in UTF-16BE, read as UTF-8 (as ChildJvm reads the streams): a NUL before each. */
  private static String utf16(String ascii) {
    StringBuilder s = new StringBuilder();
    ascii.chars().forEach(c -> s.append('\0').append((char) c));
    return s.toString();
  }
}
