package com.goteleport.tbot.otel.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LeakIT} for {@code exec --debug}, which also sees tbot's own secrets: a join token on
 * tbot's command line ({@code --token}, a value after a flag exec does not know), a
 * {@code --registration-secret}, a CA pin, a joining URI's token and secret, {@code
 * TELEPORT_BOT_TOKEN}, and a config whose every string is a marker. None reaches the wire, nor
 * exec's stdout or stderr, diagnostics included.
 */
class ExecLeakIT {

  @TempDir Path dir;

  @Test
  void tbotsSecretsReachNeitherTheWireNorExecsOutput() throws Exception {
    LeakCases.Case c = LeakCases.generate(LeakIT.SEED, 0, dir);
    Path tbot = Files.writeString(dir.resolve("tbot"), "#!/bin/sh\nsleep 1.2\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(tbot, PosixFilePermissions.fromString("rwx------"));
    List<String> secrets = List.of("mkToken0a1b", "mkRegSecret2c3d", "mkPin4e5f", "mkUriToken6a7b",
        "mkUriSecret8c9d", "mkEnvToken0e1f", "mkUnknownFlag2a3b", "mkProxy4c5d");
    List<List<String>> lines = List.of(
        // --registration-secret is the KINDs' (noop's too), not the classic start's: tbot refuses it there.
        List.of("start", "noop", "-c", c.config().toString(), "--token", "mkToken0a1b", "--registration-secret",
            "mkRegSecret2c3d", "--ca-pin", "sha256:mkPin4e5f", "--proxy-server", "mkProxy4c5d:443"),
        List.of("start", "identity", "--join-uri",
            "tbot+proxy+bound-keypair://mkUriToken6a7b:mkUriSecret8c9d@example.com:443", "--destination", "./id"),
        List.of("-t", "mkUnknownFlag2a3b", "start", "-c", c.config().toString()));
    for (List<String> tbotLine : lines) {
      try (OtlpReceiver receiver = OtlpReceiver.start()) {
        Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
        env.put("TELEPORT_BOT_TOKEN", "mkEnvToken0e1f");
        ChildJvm.Result r = exec(receiver, tbot, tbotLine, env);
        String context = "exec -- tbot " + String.join(" ", tbotLine);
        assertEquals(0, r.exitCode(), context + ": " + r.stderr());
        List<String> markers = new ArrayList<>(c.markers());
        markers.addAll(secrets);
        // tbot refuses a flag it does not know: exec counts no start for that line, and says so.
        boolean counted = !tbotLine.get(0).equals("-t");
        if (!counted) {
          // A positive control on the same receiver, once that exec has ended: a request that exec
          // sent went out before it ended, so before the control's, which must be the only one.
          ChildJvm.Result control = exec(receiver, tbot, List.of("start", "-c", c.config().toString()), env);
          assertTrue(control.stderr().contains(": DELIVERED after "), "control: " + control.stderr());
        }
        // exec has exited, so a request it sent was answered by now (the receiver records one before
        // answering it).
        List<OtlpReceiver.Received> received = receiver.await(1, Duration.ofSeconds(5));
        assertEquals(1, received.size(), context + (counted ? "" : ", then a counted line"));
        for (OtlpReceiver.Received got : received) {
          Wire.assertAnonymous(got, markers, context);
        }
        assertTrue(counted ? r.stderr().contains(": DELIVERED after ")
            : r.stderr().contains("debug: nothing recorded: ") && !r.stderr().contains("tbot.start to "),
            context + ": " + r.stderr());
        for (String m : markers) {
          assertFalse(r.stdout().contains(m) || r.stderr().contains(m), context + ": printed " + m + ":\n" + r.stderr());
        }
      }
    }
  }

  /** The longest exit wait: what is sent is checked, not how fast, and the wait ends on delivery. */
  private static ChildJvm.Result exec(OtlpReceiver receiver, Path tbot, List<String> tbotLine, Map<String, String> env) {
    List<String> args = new ArrayList<>(List.of("exec", "--debug", "--anonymous-analytics",
        "--anonymous-analytics-endpoint", receiver.url(), "--anonymous-analytics-exit-timeout", "10s", "--",
        tbot.toString()));
    args.addAll(tbotLine);
    return ChildJvm.runJar(List.of(), args, env, LeakIT.CHILD_TIMEOUT);
  }
}
