package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command that forwards SIGINT and SIGHUP reaches a real process, with or without a kill program. */
class SignalForwardingTest {

  @TempDir Path dir;

  @Test
  void withoutAKillProgramTheShellsBuiltInDeliversTheSignal() throws Exception {
    List<String> kill = SignalForwarding.killCommand("HUP", 0, dir.resolve("no-kill"), Paths.get("/bin/sh"));
    assertEquals("/bin/sh", kill.get(0), kill.toString());
    assertEquals("HUP", deliveredBy(kill));
  }

  @Test
  void aKillProgramIsUsedWhereThereIsOne() throws Exception {
    // A kill program of our own (the machine's may be missing: procps is not everywhere), which
    // leaves a mark and signals with the shell's built-in.
    Path used = dir.resolve("used");
    Path program = Files.writeString(dir.resolve("kill"), "#!/bin/sh\necho \"$@\" > '" + used + "'\nkill \"$@\"\n");
    assertTrue(program.toFile().setExecutable(true));
    List<String> kill = SignalForwarding.killCommand("HUP", 0, program, Paths.get("/bin/sh"));
    assertEquals(program.toString(), kill.get(0), kill.toString());
    assertEquals("HUP", deliveredBy(kill));
    assertTrue(Files.readString(used).startsWith("-s HUP "), "the kill program was run");
  }

  @Test
  void theKillProgramRunsInTheCLocale() throws Exception {
    // procps-ng's kill (4.0.2 here) answers "-s HUP" with "Invalid argument" under
    // LC_ALL=tr_TR.UTF-8, so exec run in a Turkish locale forwarded no SIGHUP: the kill program
    // must not inherit exec's locale. A kill program of our own that notes the locale it got.
    Path seen = dir.resolve("seen");
    Path program = Files.writeString(dir.resolve("kill"),
        "#!/bin/sh\necho \"LC_ALL=${LC_ALL-unset}\" > '" + seen + "'\nkill \"$@\"\n");
    assertTrue(program.toFile().setExecutable(true));
    ProcessBuilder kill = SignalForwarding.killProcess("HUP", 0, program, Paths.get("/bin/sh"));
    assertEquals(ProcessBuilder.Redirect.DISCARD, kill.redirectError());
    assertEquals("HUP", deliveredBy(kill.redirectError(ProcessBuilder.Redirect.PIPE)));
    assertEquals("LC_ALL=C", Files.readString(seen).trim());
  }

  @Test
  void aSignalThisJvmDoesNotHaveIsSkippedQuietly() {
    // Windows' JVM has no SIGHUP nor SIGUSR1: sun.misc.Signal refuses the name there, as it
    // refuses an unknown one here. exec then runs on, with one --debug line and nothing thrown.
    List<String> debug = new ArrayList<>();
    try (SignalForwarding forwarding = SignalForwarding.install(debug::add, List.of("NOSUCHSIG"), false)) {
      assertEquals(1, debug.size(), debug.toString());
      assertTrue(debug.get(0).startsWith("SIGNOSUCHSIG is not forwarded: "), debug.get(0));
    }
  }

  @Test
  void aHandlerThatCannotBeRestoredNeverThrowsFromClose() {
    // close() runs after exec's command has exited, as try-with-resources ends: a throw there would
    // reach picocli and make exec's status 1 instead of the command's. A previous handler the JVM
    // refuses to take back (here: of a signal it does not have) costs one --debug line.
    List<String> debug = new ArrayList<>();
    SignalForwarding forwarding = SignalForwarding.install(debug::add, List.of("INT"), false);
    assertEquals(List.of(), debug);
    forwarding.previousHandlers.put("NOSUCHSIG", forwarding.previousHandlers.get("INT"));
    forwarding.close(); // red before: IllegalStateException: java.lang.IllegalArgumentException: Unknown signal
    assertEquals(1, debug.size(), debug.toString());
    assertTrue(debug.get(0).startsWith("SIGNOSUCHSIG's previous handler is not restored: "), debug.get(0));
  }

  @Test
  void onWindowsNoKillProgramIsRun() throws Exception {
    // There no kill program signals a Windows process, and the kill found on PATH (MSYS's, with Git
    // for Windows) reads the number as an MSYS process's, maybe another program's. tbot, in exec's
    // console, has the Ctrl-C already: exec's SIGINT is dropped, with one --debug line. Here a
    // child that SIGINT would end stays alive.
    List<String> debug = new ArrayList<>();
    Process child = new ProcessBuilder("sleep", "60").start();
    try (SignalForwarding forwarding = SignalForwarding.install(debug::add, List.of(), true)) {
      forwarding.attach(child);
      forwarding.received("INT");
      assertEquals(List.of("SIGINT not forwarded: no kill program signals a Windows process"), debug);
      assertTrue(child.isAlive(), "no signal reached the child");
    } finally {
      child.destroyForcibly();
    }
  }

  /** Runs {@code kill} (made for pid 0) against a real child that traps SIGHUP; what the trap saw. */
  private String deliveredBy(List<String> kill) throws Exception {
    return deliveredBy(new ProcessBuilder(kill));
  }

  private String deliveredBy(ProcessBuilder kill) throws Exception {
    Path ready = dir.resolve("ready");
    Path mark = dir.resolve("mark");
    // With SIGHUP's default disposition: a shell started with it ignored (under nohup, say, as a
    // long build may be) cannot trap it. env execs, so the pid is the shell's.
    Process child = new ProcessBuilder("env", "--default-signal=HUP", "/bin/sh", "-c",
        "trap 'echo HUP > \"$1\"; exit 0' HUP; echo > \"$2\"; i=0; while [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done",
        "child", mark.toString(), ready.toString()).start();
    try {
      for (int i = 0; i < 300 && !Files.exists(ready); i++) {
        Thread.sleep(10);
      }
      assertTrue(Files.exists(ready), "the child set its trap");
      List<String> forPid = new ArrayList<>(kill.command());
      forPid.set(forPid.size() - 1, Long.toString(child.pid()));
      Process k = kill.command(forPid).start();
      assertTrue(k.waitFor(10, TimeUnit.SECONDS));
      assertEquals(0, k.exitValue(), new String(k.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the signal ended the child");
      return Files.readString(mark).trim();
    } finally {
      child.destroyForcibly();
    }
  }
}
