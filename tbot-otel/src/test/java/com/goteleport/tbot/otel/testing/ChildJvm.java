package com.goteleport.tbot.otel.testing;

import java.io.File;
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
import javax.annotation.Nullable;

/**
 * Runs a class from the test's class path ({@link #runMain}: a probe, a host, a main) or a runnable
 * jar ({@link #runJar}) in a child JVM with exactly the environment given (nothing inherited), so
 * tests can control every variable and watch class loading. Bounded: a child still running after
 * its timeout is killed and the test fails.
 */
public final class ChildJvm {

  /** What a run produced. */
  public record Result(int exitCode, String stdout, String stderr, Duration wall) {}

  private ChildJvm() {}

  /**
   * The runnable jar under test, named by the {@code tbot.otel.jar} system property, which each
   * module whose tests run it sets (the CLI's: tbot-otel-cli's failsafe, the examples' and
   * collector-config's surefire).
   */
  public static Path jar() {
    String prop = System.getProperty("tbot.otel.jar");
    if (prop == null) {
      throw new AssertionError("no tbot.otel.jar system property: this module's pom names the jar its tests run");
    }
    Path p = Paths.get(prop);
    if (!Files.isRegularFile(p)) {
      throw new AssertionError("no " + p + ": run 'mvn package' first (these tests run the jar)");
    }
    return p;
  }

  /** Runs {@code java [jvmArgs] -jar JAR args} with exactly {@code env}, JAR being {@link #jar}. */
  public static Result runJar(List<String> jvmArgs, List<String> args, Map<String, String> env, Duration timeout) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(args);
    return run(cmd, env, timeout);
  }

  /** Runs {@code main} (a probe or host) from this JVM's classpath with {@link #baseEnv}. */
  public static Result runMain(Class<?> main, Duration timeout, String... args) {
    return runMain(List.of(), main, timeout, args);
  }

  /** As {@link #runMain(Class, Duration, String...)}, with {@code jvmArgs} before the class path. */
  public static Result runMain(List<String> jvmArgs, Class<?> main, Duration timeout, String... args) {
    return runMain(jvmArgs, baseEnv(), main, timeout, args);
  }

  /** As {@link #runMain(List, Class, Duration, String...)}, with exactly {@code env}. */
  public static Result runMain(
      List<String> jvmArgs, Map<String, String> env, Class<?> main, Duration timeout, String... args) {
    List<String> cmd = new ArrayList<>(List.of(javaBinary()));
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(List.of(args));
    return run(cmd, env, timeout);
  }

  /** Runs any command with exactly {@code env}, capturing both streams; leaves no file behind. */
  public static Result run(List<String> cmd, Map<String, String> env, Duration timeout) {
    return run(cmd, env, timeout, Path.of(System.getProperty("java.io.tmpdir")));
  }

  // The capture files go to captureDir: ChildJvmTest gives a directory of its own, as the shared
  // temp dir also holds other runs' files.
  static Result run(List<String> cmd, Map<String, String> env, Duration timeout, Path captureDir) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile(captureDir, "child-out", ".txt");
      err = Files.createTempFile(captureDir, "child-err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().clear();
      pb.environment().putAll(env);
      long start = System.nanoTime();
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        throw new AssertionError("child did not exit within " + timeout + ": " + cmd
            + "\nstderr: " + Files.readString(err, StandardCharsets.UTF_8));
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), wall);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(@Nullable Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file: the run's own result matters more
      }
    }
  }

  /** {@code word} as one word of a POSIX shell line: single-quoted, so spaces and {@code $} stay as they are. */
  public static String shellWord(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** {@code java -jar JAR} ({@link #jar}) as the start of a POSIX shell line, wherever the checkout is. */
  public static String javaJarShellLine() {
    return shellWord(javaBinary()) + " -jar " + shellWord(jar().toString());
  }

  /** The java launcher of the JVM running the tests. */
  public static String javaBinary() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A minimal environment: just enough for a JVM to start. */
  public static Map<String, String> baseEnv() {
    String path = System.getenv("PATH");
    return Map.of("PATH", path == null ? "/usr/bin:/bin" : path, "LANG", "C.UTF-8");
  }

  /** {@code File.pathSeparator}, re-exported for argument building. */
  public static String pathSeparator() {
    return File.pathSeparator;
  }
}
