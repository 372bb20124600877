package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import com.goteleport.tbot.otel.testing.UnknownLaunchMechanism;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CLI in a JVM that cannot read its environment (from JDK 25, given an unknown launch
 * mechanism), never the JVM's stack trace: the process's no cannot be read, so start refuses the
 * flag's yes as it refuses any (nothing sent, nothing printed, status 0; --debug says why); preview
 * cannot render the request (one line, status 1); --version and --help still work. Where the JVM
 * reads it (JDK 17) the same command lines send and render, so the test can fail.
 */
class UnreadableEnvironmentTest {

  private static final String REASON = "DO_NOT_TRACK cannot be read (java.lang.NoClassDefFoundError: Could not "
      + "initialize class java.lang.ProcessEnvironment: Exception " + UnknownLaunchMechanism.ERROR
      + ": LINUX [in thread \"main\"]), so it may say no";

  private static final String PICKED_UP = "Picked up JAVA_TOOL_OPTIONS: " + UnknownLaunchMechanism.FLAG + "\n";
  private static final String UNREADABLE_PREVIEW = "tbot-otel: cannot render the preview: the JVM cannot read its "
      + "environment: -Djdk.lang.Process.launchMechanism=NONE names no launch mechanism this JVM supports; remove "
      + "or correct that option (in JAVA_TOOL_OPTIONS or on the java command line)\n";

  @Test
  void startPreviewAndHelpWithAnEnvironmentTheJvmCannotRead() throws Exception {
    boolean readable = UnknownLaunchMechanism.environmentReadable();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      List<String> yes = List.of("--anonymous-analytics", "--anonymous-analytics-endpoint", receiver.url());
      // The longest exit wait: with the default 500 ms a cold child JVM on a loaded machine may give
      // its send up, by design, and the two sends counted below are this test's proof of a readable
      // environment; the wait is never spent where the environment is unreadable (nothing starts).
      List<String> startYes = new ArrayList<>(yes);
      startYes.addAll(List.of("--anonymous-analytics-exit-timeout", "10s"));
      ChildJvm.Result start = run("start", startYes);
      assertEquals(0, start.exitCode(), start.stderr());
      assertEquals("", start.stdout());
      assertEquals(readable ? 1 : 0, start.stderr().lines().count(), start.stderr());
      assertEquals(readable, start.stderr().startsWith("tbot-otel: Anonymous usage analytics is on"), start.stderr());

      List<String> debugYes = new ArrayList<>(startYes);
      debugYes.add("--debug");
      ChildJvm.Result debug = run("start", debugYes);
      assertEquals(0, debug.exitCode(), debug.stderr());
      assertEquals(readable ? List.of() : List.of("tbot-otel debug: nothing sent: " + REASON),
          debug.stderr().lines().filter(l -> l.contains("nothing sent")).toList(), debug.stderr());
      assertEquals(readable ? 2 : 0, receiver.await(readable ? 2 : 0, Duration.ofSeconds(5)).size());

      ChildJvm.Result preview = run("preview", yes);
      assertEquals(readable ? 0 : 1, preview.exitCode(), preview.stderr());
      assertEquals(1, preview.stderr().lines().count(), preview.stderr());
      assertEquals(readable, preview.stdout().contains("\"tbot.start\""), preview.stdout());
      assertEquals(readable, !preview.stderr().startsWith("tbot-otel: cannot render the preview: "), preview.stderr());
      // The cause and its fix, not the JDK's NoClassDefFoundError; the same when the flag comes from
      // JAVA_TOOL_OPTIONS, as a typo there would give it (the JVM then says it picked them up).
      Map<String, String> toolOptions = new HashMap<>(ChildJvm.baseEnv());
      toolOptions.put("JAVA_TOOL_OPTIONS", UnknownLaunchMechanism.FLAG);
      ChildJvm.Result picked = ChildJvm.runMain(List.of(), toolOptions, Main.class, Duration.ofSeconds(60), "preview");
      assertEquals(readable ? 0 : 1, picked.exitCode(), picked.stderr());
      for (String stderr : new String[] {preview.stderr(), picked.stderr().replace(PICKED_UP, "")}) {
        assertEquals(readable ? 1 : 0,
            stderr.lines().filter(l -> l.startsWith("tbot-otel: preview only")).count(), stderr);
        if (!readable) {
          assertEquals(UNREADABLE_PREVIEW, stderr);
        }
      }

      ChildJvm.Result version = run("--version", List.of());
      assertEquals(0, version.exitCode(), version.stderr());
      assertTrue(version.stdout().startsWith("tbot-otel "), version.stdout());
      assertEquals("", version.stderr());
      ChildJvm.Result help = run("help", List.of("exec"));
      assertEquals(0, help.exitCode(), help.stderr());
      assertTrue(help.stdout().startsWith("Usage: tbot-otel exec "), help.stdout());
      assertEquals("", help.stderr());
      assertEquals(readable ? 2 : 0, receiver.requests().size(), "preview, --version and help send nothing");
    }
  }

  /**
   * In the test's JVM, where PIT sees it: the fix is given only for an Error that names the launch
   * mechanism (JDK 25's first one, or the NoClassDefFoundError it leaves, whose cause has the
   * words) and only where the option is set, its value on one line; an Error's words are its own
   * and its cause's message, on one line.
   */
  @Test
  void theFixIsGivenOnlyForAnUnknownLaunchMechanism() {
    Error first = new Error(UnknownLaunchMechanism.ERROR.substring("java.lang.Error: ".length()) + ": LINUX");
    Error later = (Error) new NoClassDefFoundError("Could not initialize class java.lang.ProcessEnvironment")
        .initCause(new ExceptionInInitializerError("Exception " + UnknownLaunchMechanism.ERROR + ": LINUX [in thread \"main\"]"));
    Error threads = new OutOfMemoryError("unable to create native thread:\n  possibly out of memory");
    assertEquals(UnknownLaunchMechanism.ERROR + ": LINUX", Main.errorWords(first));
    assertEquals("java.lang.NoClassDefFoundError: Could not initialize class java.lang.ProcessEnvironment: Exception "
        + UnknownLaunchMechanism.ERROR + ": LINUX [in thread \"main\"]", Main.errorWords(later));
    assertEquals("java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory",
        Main.errorWords(threads));
    String fix = "-Djdk.lang.Process.launchMechanism=NO NE names no launch mechanism this JVM supports; remove or "
        + "correct that option (in JAVA_TOOL_OPTIONS or on the java command line)";
    assertEquals(fix, Main.launchMechanismFix(first, "NO\n  NE"));
    assertEquals(fix, Main.launchMechanismFix(later, "NO\n  NE"));
    assertNull(Main.launchMechanismFix(first, null));
    assertNull(Main.launchMechanismFix(threads, "NONE"));
    // This JVM was given no such option, and reads its environment.
    assertNull(Main.launchMechanismFix(first));
    assertNull(Main.unreadableEnvironment());
  }

  private static ChildJvm.Result run(String command, List<String> flags) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(flags);
    return ChildJvm.runMain(List.of(UnknownLaunchMechanism.FLAG), ChildJvm.baseEnv(), Main.class,
        Duration.ofSeconds(60), args.toArray(new String[0]));
  }
}
