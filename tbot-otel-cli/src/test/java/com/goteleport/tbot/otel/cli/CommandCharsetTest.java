package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    // Decoded right but not encodable on the way out (a default charset unlike the locale's, on
    // JDK 17: -Dfile.encoding, or macOS' C locale): the text was UTF-8, the way out is the fault.
    assertEquals("the program name has characters outside US-ASCII, the charset this JVM gives a child's "
            + "arguments in (file.encoding), so exec cannot pass it on unchanged; run exec with -Dfile.encoding=UTF-8",
        CommandCharset.problem(List.of("tb\u00f6t"), null, StandardCharsets.UTF_8, StandardCharsets.US_ASCII));
    // Encodable on the way out, but as other bytes than were given (UTF-8 in, Latin-1 out): é is
    // no character outside Latin-1, it would reach the child as E9 for C3 A9.
    byte[] cafe = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
    assertEquals("argument 1 of COMMAND would reach the child as other bytes: this JVM gives a child's arguments in "
            + "ISO-8859-1 (file.encoding), not in UTF-8, the charset it read them in; run exec with -Dfile.encoding=UTF-8",
        CommandCharset.problem(List.of("tbot", "caf\u00e9"), List.of("tbot".getBytes(), cafe),
            StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1));
    // The other way round (a Latin-1 locale, -Dfile.encoding=UTF-8): the fix is the locale's charset.
    assertEquals("argument 1 of COMMAND would reach the child as other bytes: this JVM gives a child's arguments in "
            + "UTF-8 (file.encoding), not in ISO-8859-1, the charset it read them in; run exec with "
            + "-Dfile.encoding=ISO-8859-1",
        CommandCharset.problem(List.of("tbot", "caf\u00e9"), List.of("tbot".getBytes(), "caf\u00e9".getBytes(
            StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1, StandardCharsets.UTF_8));
    // A byte it could not decode first of all in an argument, as in "\u00e9.yaml" in the C locale.
    assertTrue(CommandCharset.problem(List.of("tbot", "\uFFFD.yaml"), null, StandardCharsets.UTF_8, StandardCharsets.UTF_8)
        .startsWith("argument 1 of COMMAND is not UTF-8 text"));
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
  void thisProcesssOwnArgumentsAreComparedWithTheBytesItWasGiven() throws Exception {
    // The jar's case: exec's COMMAND is the end of its own command line, which Linux shows in
    // /proc/self/cmdline. Here this test JVM's own stands in for it, decoded as the JVM decoded it.
    byte[] bytes = Files.readAllBytes(Path.of("/proc/self/cmdline"));
    Charset jnu = Charset.forName(System.getProperty("sun.jnu.encoding"));
    List<String> own = new ArrayList<>();
    for (int from = 0, i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        own.add(new String(bytes, from, i - from, jnu));
        from = i + 1;
      }
    }
    assertTrue(own.size() >= 3, own.toString());
    List<String> tail = own.subList(own.size() - 2, own.size());
    assertNull(CommandCharset.problem(tail, true), tail.toString());
    // Not what this process was given, though it could have been: exec would pass on another line.
    List<String> changed = new ArrayList<>(own);
    changed.set(own.size() - 1, own.get(own.size() - 1) + "x");
    String problem = CommandCharset.problem(changed, true);
    assertTrue(problem != null && problem.startsWith("argument " + (own.size() - 1) + " of COMMAND "), problem);
    changed = new ArrayList<>(tail);
    changed.set(0, "x" + changed.get(0));
    problem = CommandCharset.problem(changed, true);
    assertTrue(problem != null && problem.startsWith("the program name "), problem);
  }

  @Test
  void execAndItsPreviewRefuseALineTheJvmCouldNotDecodeBeforeAnythingElse() {
    // In-process, the line's own bytes are unknown: a replacement character is a byte the JVM
    // could not decode. exec would run nothing (127 if it tried this program), preview show nothing.
    for (String command : new String[] {"exec", "preview"}) {
      Cli.Result r = Cli.run(Map.of(), command, "--anonymous-analytics", "--",
          "tbot-otel-test-no-such-program", "start", "-c", "caf\uFFFD.yaml");
      assertEquals(command.equals("exec") ? ExecCommand.EXIT_OWN_ERROR : Main.EXIT_USAGE, r.exitCode(), r.stderr());
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
