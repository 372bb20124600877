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
    assertTrue(CommandCharset.problem(List.of("tbot", "-c", "caf\uFFFD\uFFFD.yaml"),
            StandardCharsets.US_ASCII, StandardCharsets.US_ASCII)
        .startsWith("argument 2 of COMMAND has characters outside US-ASCII"));
    // Decoded right but not encodable on the way out (a default charset unlike the locale's).
    assertTrue(CommandCharset.problem(List.of("tb\u00f6t"), StandardCharsets.UTF_8, StandardCharsets.US_ASCII)
        .startsWith("the program name is not UTF-8 text"));
    assertNull(CommandCharset.problem(List.of("tbot", "-c", "caf\u00e9.yaml"),
        StandardCharsets.UTF_8, StandardCharsets.UTF_8));
    assertNull(CommandCharset.problem(List.of("tbot", "start"), StandardCharsets.US_ASCII, StandardCharsets.US_ASCII));
  }
}
