package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandCharsetTest {

  @Test
  void whatTheJvmCouldNotDecodeOrCannotEncodeIsAProblem() {
    // As the JVM decodes "é" in the C locale: two replacement characters.
    assertTrue(CommandCharset.problem(List.of("tbot", "-c", "caf\uFFFD\uFFFD.yaml"), null,
            StandardCharsets.US_ASCII, StandardCharsets.US_ASCII)
        .startsWith("argument 2 of COMMAND has characters outside US-ASCII"));
    // Decoded right but not encodable on the way out (a default charset unlike the locale's).
    assertTrue(CommandCharset.problem(List.of("tb\u00f6t"), null, StandardCharsets.UTF_8, StandardCharsets.US_ASCII)
        .startsWith("the program name is not UTF-8 text"));
    assertNull(CommandCharset.problem(List.of("tbot", "-c", "caf\u00e9.yaml"), null,
        StandardCharsets.UTF_8, StandardCharsets.UTF_8));
    assertNull(CommandCharset.problem(List.of("tbot", "start"), null, StandardCharsets.US_ASCII, StandardCharsets.US_ASCII));
  }

  @Test
  void withTheOriginalBytesAnArgumentPassesIffItEncodesBackToThem() {
    byte[] replacementInUtf8 = {(byte) 0xef, (byte) 0xbf, (byte) 0xbd};
    // A real U+FFFD, given in UTF-8, goes through; an invalid byte decoded to it does not.
    assertNull(CommandCharset.problem(List.of("x\uFFFD"), List.of(concat("x".getBytes(), replacementInUtf8)),
        StandardCharsets.UTF_8, StandardCharsets.UTF_8));
    assertTrue(CommandCharset.problem(List.of("x\uFFFD"), List.of(new byte[] {'x', (byte) 0xff}),
        StandardCharsets.UTF_8, StandardCharsets.UTF_8).startsWith("the program name is not UTF-8 text"));
  }

  @Test
  void execAndItsPreviewRefuseALineTheJvmCouldNotDecodeBeforeAnythingElse() {
    // In-process, the line's own bytes are unknown: a replacement character is a byte the JVM
    // could not decode. exec would run nothing (127 if it tried this program), preview show nothing.
    for (String command : new String[] {"exec", "preview"}) {
      Cli.Result r = Cli.run(Map.of(), command, "--anonymous-analytics", "--",
          "tbot-otel-test-no-such-program", "start", "-c", "caf\uFFFD.yaml");
      assertEquals(2, r.exitCode(), r.stderr());
      assertEquals("", r.stdout());
      List<String> lines = r.stderr().lines().toList();
      assertEquals(1, lines.size(), r.stderr());
      assertTrue(lines.get(0).startsWith("tbot-otel: argument 3 of COMMAND "), r.stderr());
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
