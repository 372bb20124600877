package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What tbot inherits from the JVM in front of it, as docs/cli.md says (Privileges): no descriptor
 * of exec's (the class path's jars, the JDK's modules, its pipes) but the three standard streams,
 * and exec's umask, working directory, process group and session, with no signal blocked. A
 * stand-in tbot (sh) reports them from Linux's {@code /proc}, its own beside its parent's, the JVM.
 */
class ExecChildStateTest {

  @Test
  void tbotGetsTheStandardStreamsAloneAndExecsProcessState() {
    // sh -c opens no file of its own, so /proc/$$/fd is what it inherited; ls lists it from outside.
    String report = "ls /proc/$$/fd | sort -n | tr '\\n' ' '; echo;"
        + " grep '^SigBlk' /proc/$$/status;"
        + " echo \"umask $(grep '^Umask' /proc/$$/status | cut -f2) $(grep '^Umask' /proc/$PPID/status | cut -f2)\";"
        + " echo \"cwd $(readlink /proc/$$/cwd) $(readlink /proc/$PPID/cwd)\";"
        + " echo \"group $(cut -d' ' -f5,6 /proc/$$/stat) $(cut -d' ' -f5,6 /proc/$PPID/stat)\"";
    Map<String, String> env = new LinkedHashMap<>(ChildJvm.baseEnv());
    env.put("TELEPORT_ANONYMOUS_TELEMETRY", "0");
    ChildJvm.Result r = ChildJvm.runClasspath(
        List.of(), List.of("exec", "--", "sh", "-c", report), env, Duration.ofSeconds(60));
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> lines = r.stdout().lines().toList();
    assertEquals("0 1 2 ", lines.get(0), "the child's descriptors: " + r.stdout());
    assertEquals("SigBlk:\t0000000000000000", lines.get(1), "no signal blocked");
    assertEquals(2, distinctHalves(lines.get(2)), "the JVM's umask: " + lines.get(2));
    assertEquals(2, distinctHalves(lines.get(3)), "the JVM's working directory: " + lines.get(3));
    assertEquals(2, distinctHalves(lines.get(4)), "the JVM's process group and session: " + lines.get(4));
  }

  /** 2 when "name A B" (or "name A1 A2 B1 B2") has its child's half equal to its parent's. */
  private static int distinctHalves(String line) {
    String[] words = line.split(" ");
    int n = (words.length - 1) / 2;
    String child = String.join(" ", List.of(words).subList(1, 1 + n));
    String parent = String.join(" ", List.of(words).subList(1 + n, words.length));
    return words.length % 2 == 1 && child.equals(parent) && !child.isEmpty() ? 2 : 0;
  }
}
