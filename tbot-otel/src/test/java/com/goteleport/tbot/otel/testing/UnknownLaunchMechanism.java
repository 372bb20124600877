package com.goteleport.tbot.otel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

/**
 * A JVM given an unknown {@code -Djdk.lang.Process.launchMechanism} (a JAVA_TOOL_OPTIONS typo)
 * cannot start a process on any JDK; from JDK 25 it cannot read its environment either, as
 * {@code System.getenv} decodes it with ProcessImpl's charset, whose class initializer rejects the
 * mechanism. {@link #environmentReadable} says which this JDK does, asked of a child JVM.
 */
public final class UnknownLaunchMechanism {

  /** The JVM flag. */
  public static final String FLAG = "-Djdk.lang.Process.launchMechanism=NONE";
  /** What the JDK's Error says, whatever the JDK (24 and later add ": LINUX"). */
  public static final String ERROR = "java.lang.Error: NONE is not a supported process launch mechanism on this platform";

  private UnknownLaunchMechanism() {}

  /**
   * Whether a child JVM given {@link #FLAG} reads its environment: always on JDK 17 (CI's), never
   * on JDK 25 and later, so that a test run on either cannot miss the case it is about.
   */
  public static boolean environmentReadable() {
    ChildJvm.Result r = ChildJvm.runMain(List.of(FLAG), Probe.class, Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    boolean readable = r.stdout().equals("readable\n");
    assertTrue(readable || r.stdout().startsWith("unreadable: " + ERROR), r.stdout());
    int feature = Runtime.version().feature();
    assertTrue(feature <= 17 ? readable : feature < 25 || !readable, "JDK " + Runtime.version() + ": " + r.stdout());
    return readable;
  }

  /** Prints whether {@code System.getenv()} worked. */
  public static final class Probe {
    private Probe() {}

    public static void main(String[] args) {
      try {
        System.getenv();
        System.out.println("readable");
      } catch (Error e) {
        System.out.println("unreadable: " + e);
      }
    }
  }
}
