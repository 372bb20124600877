package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
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

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
