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
 * and exec's umask, working directory, process group and session, with no signal blocked but
 * SIGQUIT. A stand-in tbot (sh) reports them from Linux's {@code /proc}, its own beside its
 * parent's, the JVM.
 */
class ExecChildStateTest {

  @Test
  void tbotGetsTheStandardStreamsAloneAndExecsProcessState() {
    // Builtins first, before sh forks anything: while it waits for a child, sh (dash) blocks every
    // signal, and while it builds a pipeline it holds the pipes. The glob's own directory
    // descriptor is closed by the time [ -e ] asks for it.
    String report = "fds=; for f in /proc/$$/fd/*; do [ -e \"$f\" ] && fds=\"$fds ${f##*/}\"; done; echo $fds;"
        + " while read -r k v; do [ \"$k\" = SigBlk: ] && echo \"$k $v\"; done < /proc/$$/status;"
        + " echo \"umask $(grep '^Umask' /proc/$$/status | cut -f2) $(grep '^Umask' /proc/$PPID/status | cut -f2)\";"
        + " echo \"cwd $(readlink /proc/$$/cwd) $(readlink /proc/$PPID/cwd)\";"
        + " echo \"group $(cut -d' ' -f5,6 /proc/$$/stat) $(cut -d' ' -f5,6 /proc/$PPID/stat)\"";
    Map<String, String> env = new LinkedHashMap<>(ChildJvm.baseEnv());
    env.put("TELEPORT_ANONYMOUS_TELEMETRY", "0");
    ChildJvm.Result r = ChildJvm.runMain(
        List.of(), env, Main.class, Duration.ofSeconds(60), "exec", "--", "sh", "-c", report);
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> lines = r.stdout().lines().toList();
    assertEquals("0 1 2", lines.get(0), "the child's descriptors: " + r.stdout());
    // SIGQUIT (bit 3, 0x4) alone: the JVM blocks it in its threads, the child inherits that.
    assertEquals(0, Long.parseLong(lines.get(1).substring("SigBlk: ".length()), 16) & ~0x4L,
        "no signal blocked but SIGQUIT: " + lines.get(1));
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
