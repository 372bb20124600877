package com.goteleport.tbot.otel.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * Passes SIGINT, SIGTERM, SIGHUP and SIGUSR1 sent to exec on to its child, so that exec can stand
 * where tbot stood (systemd, Kubernetes, a CI runner) and tbot still shuts down or reloads as it
 * would.
 *
 * <p>How: Java has no public signal API, so the JDK's {@code sun.misc.Signal} (module {@code
 * jdk.unsupported}) is used through reflection; if it is missing or refuses a signal, that signal
 * keeps the JVM's default. SIGTERM is sent with {@link Process#destroy()}; the others with
 * {@code kill -s NAME PID} in the C locale (the shell's built-in where there is no kill program). A
 * signal that arrives before the child exists is delivered as soon as it does. SIGINT is not sent
 * again when the child is in its terminal's foreground process group (read from {@code
 * /proc/PID/stat}): the terminal's Ctrl-C has already reached it, and a second SIGINT could cut
 * tbot's graceful shutdown short. A child that left exec's group ({@code timeout}, {@code setsid})
 * gets no Ctrl-C from the terminal, so it gets exec's. On Windows no kill program is run: none
 * signals a Windows process, and MSYS's {@code kill} (Git for Windows on PATH) reads the number as
 * an MSYS process's, which may be another program's; tbot, in exec's console, has the Ctrl-C
 * already.
 *
 * <p>As a safety net, a shutdown hook sends SIGTERM to a still running child when the JVM exits any
 * other way (e.g. signal handling unavailable), and waits for it at most {@value
 * #SHUTDOWN_WAIT_SECONDS} s. Nothing here throws: a failure only skips forwarding, visible with
 * {@code --debug}.
 */
final class SignalForwarding implements AutoCloseable {

  /**
   * The signals forwarded, as {@code sun.misc.Signal} names them. USR1 is tbot's other reload
   * signal (as HUP); left to the JVM's default it would end exec, and tbot would run on without
   * its parent, unreloaded.
   */
  private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP", "USR1");

  /** The longest the shutdown hook waits for the child after sending it SIGTERM. */
  private static final long SHUTDOWN_WAIT_SECONDS = 10;

  private final Consumer<String> debug;
  private final boolean windows;
  // Visible for testing
  final Map<String, Object> previousHandlers = new LinkedHashMap<>();
  private final List<String> pending = new ArrayList<>();
  private final Thread shutdownHook;
  @Nullable private Process child;
  @Nullable private Reflection reflection;

  private SignalForwarding(Consumer<String> debug, boolean windows) {
    this.debug = debug;
    this.windows = windows;
    this.shutdownHook = new Thread(this::terminateChild, "tbot-otel-exec-shutdown");
  }

  /**
   * Installs the handlers and the shutdown hook; call before the child starts. Never throws.
   * {@code windows}: run no kill program (see the class's Javadoc).
   */
  static SignalForwarding install(Consumer<String> debug, boolean windows) {
    return install(debug, SIGNALS, windows);
  }

  // Visible for testing
  static SignalForwarding install(Consumer<String> debug, List<String> signals, boolean windows) {
    SignalForwarding forwarding = new SignalForwarding(debug, windows);
    forwarding.installHandlers(signals);
    try {
      Runtime.getRuntime().addShutdownHook(forwarding.shutdownHook);
    } catch (RuntimeException e) {
      debug.accept("no shutdown hook for the child: " + e);
    }
    return forwarding;
  }

  /** Signals now go to {@code process}; any that arrived before are delivered now. */
  synchronized void attach(Process process) {
    child = process;
    for (String signal : pending) {
      deliver(signal, process);
    }
    pending.clear();
  }

  /** Restores the previous handlers and removes the hook (for in-process runs such as tests). */
  @Override
  public synchronized void close() {
    if (reflection != null) {
      // Each on its own: close runs after the command has exited, and nothing may change exec's
      // status then.
      previousHandlers.forEach((name, handler) -> {
        try {
          reflection.handle(name, handler);
        } catch (RuntimeException | LinkageError e) {
          debug.accept("SIG" + name + "'s previous handler is not restored: " + e.getMessage());
        }
      });
    }
    previousHandlers.clear();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (RuntimeException e) {
      // The JVM is already shutting down: the hook is running or has run.
    }
  }

  private void installHandlers(List<String> signals) {
    try {
      reflection = new Reflection();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      debug.accept("signals are not forwarded (no sun.misc.Signal: " + e + "); SIGTERM still reaches"
          + " the child through the shutdown hook");
      return;
    }
    for (String name : signals) {
      try {
        previousHandlers.put(name, reflection.handle(name, reflection.handler(() -> received(name))));
      } catch (RuntimeException e) {
        debug.accept("SIG" + name + " is not forwarded: " + e.getMessage());
      }
    }
  }

  // Visible for testing: what a handler runs when the signal arrives.
  synchronized void received(String signal) {
    if (child == null) {
      pending.add(signal);
    } else {
      deliver(signal, child);
    }
  }

  private void deliver(String signal, Process process) {
    try {
      if (!process.isAlive()) {
        return;
      }
      if (signal.equals("TERM")) {
        process.destroy(); // SIGTERM on Unix
      } else if (windows) {
        debug.accept("SIG" + signal + " not forwarded: no kill program signals a Windows process");
        return;
      } else if (signal.equals("INT") && inTerminalForeground(process.pid())) {
        debug.accept("SIGINT not forwarded: the terminal sent it to the child too");
        return;
      } else {
        kill(signal, process.pid());
      }
      debug.accept("forwarded SIG" + signal + " to " + process.pid());
    } catch (RuntimeException | IOException e) {
      debug.accept("could not forward SIG" + signal + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void kill(String signal, long pid) throws IOException, InterruptedException {
    Process p = killProcess(signal, pid, Paths.get("/bin/kill"), Paths.get("/bin/sh")).start();
    p.getOutputStream().close();
    if (!p.waitFor(2, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("kill did not finish");
    }
    if (p.exitValue() != 0) {
      throw new IOException("kill exited " + p.exitValue());
    }
  }

  /**
   * {@link #killCommand}, its output discarded, in the C locale whatever exec's: procps-ng's kill
   * reads a signal's name in the user's locale, and under {@code tr_TR.UTF-8} it refuses {@code -s
   * HUP} ("Invalid argument") while INT and TERM pass.
   */
  static ProcessBuilder killProcess(String signal, long pid, Path killProgram, Path shell) {
    ProcessBuilder builder =
        new ProcessBuilder(killCommand(signal, pid, killProgram, shell))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("LC_ALL", "C");
    return builder;
  }

  /**
   * {@code kill -s SIGNAL PID}: the kill program, or else the shell's built-in one. Slim images
   * (Ubuntu-based JREs among them) have no procps, so no {@code /bin/kill}, but always a shell.
   */
  static List<String> killCommand(String signal, long pid, Path killProgram, Path shell) {
    String id = Long.toString(pid);
    if (Files.isExecutable(killProgram)) {
      return List.of(killProgram.toString(), "-s", signal, id);
    }
    if (Files.isExecutable(shell)) {
      return List.of(shell.toString(), "-c", "kill -s \"$1\" \"$2\"", "sh", signal, id);
    }
    return List.of("kill", "-s", signal, id); // from PATH, if anywhere (never on Windows: see deliver)
  }

  private void terminateChild() {
    Process process;
    synchronized (this) {
      process = child;
    }
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      process.waitFor(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether process {@code pid} is in its terminal's foreground process group (Linux only; false
   * where that cannot be read, so the signal is forwarded).
   */
  static boolean inTerminalForeground(long pid) {
    try {
      return inTerminalForeground(new String(ProcFiles.read("/proc/" + pid + "/stat"), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Reads {@code /proc/PID/stat}: fields after the command name are state, ppid, pgrp, session,
   * tty_nr, tpgid; tpgid is the terminal's foreground group, -1 without a terminal.
   */
  // Visible for testing
  static boolean inTerminalForeground(String stat) {
    int end = stat.lastIndexOf(')');
    if (end < 0) {
      return false;
    }
    String[] fields = stat.substring(end + 1).trim().split("\\s+");
    if (fields.length < 6) {
      return false;
    }
    try {
      long pgrp = Long.parseLong(fields[2]);
      long tpgid = Long.parseLong(fields[5]);
      return tpgid > 0 && tpgid == pgrp;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** {@code sun.misc.Signal} and {@code SignalHandler}, reached by reflection. */
  private static final class Reflection {
    private final Class<?> signalClass;
    private final Class<?> handlerClass;
    private final Method handle;

    Reflection() throws ReflectiveOperationException {
      signalClass = Class.forName("sun.misc.Signal");
      handlerClass = Class.forName("sun.misc.SignalHandler");
      handle = signalClass.getMethod("handle", signalClass, handlerClass);
    }

    /** A {@code SignalHandler} that runs {@code action}. */
    Object handler(Runnable action) {
      return Proxy.newProxyInstance(
          SignalForwarding.class.getClassLoader(),
          new Class<?>[] {handlerClass},
          (proxy, method, args) -> {
            switch (method.getName()) {
              case "handle":
                action.run();
                return null;
              case "equals":
                return proxy == args[0];
              case "hashCode":
                return System.identityHashCode(proxy);
              default:
                return "tbot-otel signal forwarder";
            }
          });
    }

    /** Sets the handler of signal {@code name}; returns the previous one. */
    Object handle(String name, Object handler) {
      try {
        Object signal = signalClass.getConstructor(String.class).newInstance(name);
        return handle.invoke(null, signal, handler);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e.toString(), e);
      }
    }
  }
}
