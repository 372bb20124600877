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
 * Runs a probe or host ({@link #runMain}), or the tbot-otel CLI, in a child JVM with exactly the
 * environment given (nothing inherited), so tests can control every variable and watch class
 * loading. The CLI is tbot-otel-cli's: its jar ({@link #jar}) or its classes on the class path
 * ({@link #runClasspath}) are there only for that module's tests and the examples'. Bounded: a
 * child still running after its timeout is killed and the test fails.
 */
public final class ChildJvm {

  /** What a run produced. */
  public record Result(int exitCode, String stdout, String stderr, Duration wall) {}

  private ChildJvm() {}

  /**
   * The CLI's shaded jar: {@code tbot.otel.jar} (tbot-otel-cli's failsafe, the examples' surefire
   * set it), or target/tbot-otel.jar, which only tbot-otel-cli builds.
   */
  public static Path jar() {
    String prop = System.getProperty("tbot.otel.jar");
    Path p = prop != null ? Paths.get(prop) : Paths.get("target", "tbot-otel.jar");
    if (!Files.isRegularFile(p)) {
      throw new AssertionError("no " + p + ": run 'mvn package' first (integration tests need the jar)");
    }
    return p;
  }

  /** Runs {@code java [jvmArgs] -jar tbot-otel.jar args} with exactly {@code env}. */
  public static Result runJar(List<String> jvmArgs, List<String> args, Map<String, String> env, Duration timeout) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(args);
    return run(cmd, env, timeout);
  }

  /** Runs the CLI's main class from this JVM's classpath (tbot-otel-cli's tests') with exactly {@code env}. */
  public static Result runClasspath(List<String> jvmArgs, List<String> args, Map<String, String> env, Duration timeout) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("com.goteleport.tbot.otel.cli.Main");
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

  /** {@code java -jar tbot-otel.jar} as the start of a POSIX shell line, wherever the checkout is. */
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
