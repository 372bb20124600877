package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code java -jar tbot-otel.jar exec ...} in a child JVM with exactly the environment given,
 * stdin from bytes and stdout/stderr captured as bytes, so tests see exactly what a shell would.
 * Bounded: a run still going after its timeout is killed, with its children, and fails the test.
 */
final class ExecRun implements AutoCloseable {

  /** What a finished run produced. */
  record Result(int exitCode, byte[] stdout, byte[] stderr, Duration wall) {
    String stderrText() {
      return new String(stderr, StandardCharsets.UTF_8);
    }

    String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  private final Process process;
  private final Path out;
  private final Path err;
  private final long startNanos;
  private final List<String> cmd;

  private ExecRun(Process process, Path out, Path err, long startNanos, List<String> cmd) {
    this.process = process;
    this.out = out;
    this.err = err;
    this.startNanos = startNanos;
    this.cmd = cmd;
  }

  /** Starts {@code tbot-otel args} from the shaded jar; {@code dir} holds the stream files. */
  static ExecRun start(Path dir, Map<String, String> env, byte[] stdin, String... args) {
    return start(dir, List.of(), env, stdin, args);
  }

  /**
   * As {@link #start(Path, Map, byte[], String...)}, the JVM started through {@code launcher}, a
   * command that ends by exec'ing its arguments (so the process is still the JVM's).
   */
  static ExecRun start(Path dir, List<String> launcher, Map<String, String> env, byte[] stdin, String... args) {
    try {
      Path in = Files.createTempFile(dir, "stdin", ".bin");
      Files.write(in, stdin);
      Path out = Files.createTempFile(dir, "stdout", ".bin");
      Path err = Files.createTempFile(dir, "stderr", ".bin");
      List<String> cmd = new ArrayList<>(launcher);
      cmd.addAll(List.of(ChildJvm.javaBinary(), "-jar", ChildJvm.jar().toString()));
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd)
          .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().clear();
      pb.environment().putAll(env);
      long start = System.nanoTime();
      return new ExecRun(pb.start(), out, err, start, cmd);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Runs to the end, at most {@code timeout}. */
  static Result run(Path dir, Map<String, String> env, byte[] stdin, Duration timeout, String... args) {
    try (ExecRun run = start(dir, env, stdin, args)) {
      return run.await(timeout);
    }
  }

  /** The exec JVM's process, to signal it. */
  Process process() {
    return process;
  }

  /** Waits for the end, at most {@code timeout}. */
  Result await(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new AssertionError("exec did not exit within " + timeout + ": " + cmd
            + "\nstderr: " + Files.readString(err, StandardCharsets.UTF_8));
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);
      return new Result(process.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err), wall);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Kills what is left of the run: the exec JVM and the command it started. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** sh, then each of {@code others} that is installed here (on PATH), in that order. */
  static List<String> shellsHere(String... others) {
    List<String> shells = new ArrayList<>(List.of("sh"));
    for (String shell : others) {
      for (String path : System.getenv("PATH").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(path, shell)) && !shells.contains(shell)) {
          shells.add(shell);
        }
      }
    }
    return shells;
  }

  /** Writes an executable {@code /bin/sh} script standing in for tbot. */
  static Path script(Path dir, String name, String body) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
      return p;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** {@link ChildJvm#baseEnv()} plus {@code extra}. */
  static Map<String, String> env(String... keyValues) {
    Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }

  /** Waits until {@code file} exists, at most {@code timeout}; returns whether it does. */
  static boolean awaitFile(Path file, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(file) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return Files.exists(file);
  }
}
