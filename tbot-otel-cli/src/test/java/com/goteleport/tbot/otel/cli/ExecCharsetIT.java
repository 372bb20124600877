package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code exec} in a real child JVM under the C/POSIX locale and a UTF-8 one: bytes outside ASCII
 * reach the child unchanged or the line is refused, never garbled. The bytes are made by {@code
 * printf} in a shell, so the test JVM's own charset plays no part.
 */
class ExecCharsetIT {

  static final Duration RUN = Duration.ofSeconds(60);
  static final String E_ACUTE = "$(printf '\\303\\251')"; // é in UTF-8: c3 a9
  static final String NOT_UTF8 = "$(printf '\\377')";

  static Map<String, String> posix() {
    return Map.of("PATH", ChildJvm.baseEnv().get("PATH"));
  }

  static Map<String, String> utf8() {
    Map<String, String> env = new HashMap<>(posix());
    env.put("LANG", "C.UTF-8");
    return env;
  }

  /** Runs exec through sh, so that {@code line} can hold raw bytes; the child prints its bytes. */
  static ChildJvm.Result exec(Map<String, String> env, String assignments, String childArg) {
    String java = ChildJvm.javaJarShellLine();
    String child = "sh -c 'printf %s \"$1$MYVAR\" | od -An -tx1' child " + childArg;
    return ChildJvm.run(List.of("sh", "-c", assignments + " exec " + java + " exec -- " + child), env, RUN);
  }

  @Test
  void inTheCLocaleANonAsciiArgumentIsRefusedNotGarbled() {
    ChildJvm.Result r = exec(posix(), "", E_ACUTE);
    assertEquals(ExecCommand.EXIT_OWN_ERROR, r.exitCode(), r.stderr());
    assertEquals("", r.stdout(), "the child did not run");
    assertEquals(1, r.stderr().lines().count(), r.stderr());
    assertTrue(r.stderr().contains("argument 4 of COMMAND has characters outside"), r.stderr());
    assertTrue(r.stderr().contains("LANG=C.UTF-8"), r.stderr());
  }

  /**
   * A UTF-8 locale, but JDK 17 gives a child's arguments in its default charset, which
   * -Dfile.encoding (a JAVA_TOOL_OPTIONS of old) sets apart: é would reach the child as Latin-1's
   * one byte. Refused, and the line says the way out is the fault, not the argument's UTF-8.
   */
  @Test
  void aDefaultCharsetUnlikeTheLocalesIsNamedAsTheFault() {
    String java = ChildJvm.javaJarShellLine().replace(" -jar ", " -Dfile.encoding=ISO-8859-1 -jar ");
    String child = "sh -c 'printf %s \"$1\" | od -An -tx1' child " + E_ACUTE;
    ChildJvm.Result r = ChildJvm.run(List.of("sh", "-c", "exec " + java + " exec -- " + child), utf8(), RUN);
    if (Runtime.version().feature() >= 18) {
      // JEP 400: a child's arguments go in the locale's charset whatever file.encoding says.
      assertEquals("c3 a9", r.stdout().trim(), r.stderr());
      return;
    }
    assertEquals(ExecCommand.EXIT_OWN_ERROR, r.exitCode(), r.stderr());
    assertEquals("", r.stdout(), "the child did not run");
    assertEquals(1, r.stderr().lines().count(), r.stderr());
    assertTrue(r.stderr().contains("argument 4 of COMMAND would reach the child as other bytes: this JVM gives a "
        + "child's arguments in ISO-8859-1 (file.encoding), not in UTF-8"), r.stderr());
    assertTrue(r.stderr().contains("-Dfile.encoding=UTF-8"), r.stderr());
  }

  @Test
  void previewRefusesTheLineExecWouldRefuseBeforeReadingItsConfig() {
    String java = ChildJvm.javaJarShellLine();
    String line = java + " preview --anonymous-analytics -- tbot start -c caf" + E_ACUTE + ".yaml";
    ChildJvm.Result r = ChildJvm.run(List.of("sh", "-c", "exec " + line), posix(), RUN);
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals("", r.stdout(), "no request is shown for a line exec would not run");
    assertEquals(1, r.stderr().lines().count(), r.stderr());
    assertTrue(r.stderr().contains("argument 3 of COMMAND has characters outside"), r.stderr());
  }

  @Test
  void inTheCLocaleTheEnvironmentPassesByteForByte() {
    ChildJvm.Result r = exec(posix(), "MYVAR=" + E_ACUTE, "ascii");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("61 73 63 69 69 c3 a9", r.stdout().trim(), "ascii then é from the environment");
  }

  @Test
  void inAUtf8LocaleArgumentsAndEnvironmentPassByteForByte() {
    ChildJvm.Result r = exec(utf8(), "MYVAR=" + E_ACUTE, E_ACUTE);
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("c3 a9 c3 a9", r.stdout().trim());
  }

  @Test
  void inAUtf8LocaleAGenuineReplacementCharacterPasses() {
    ChildJvm.Result r = exec(utf8(), "", "$(printf '\\357\\277\\275')");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("ef bf bd", r.stdout().trim());
  }

  @ParameterizedTest
  @ValueSource(strings = {"C", "C.UTF-8"})
  void namesTheLocaleCannotDecodeNeitherStopExecNorMultiply(String locale) {
    // Two names that decode to the same Java string, and one outside ASCII: the child (env itself,
    // no shell, which would drop such names) gets exactly the three, byte for byte: no crash on the
    // duplicate, no re-encoded copy added. Its output is read as hex, past the test JVM's charset.
    String names = "$(printf 'X\\377=1') $(printf 'X\\376=2') $(printf 'X\\303\\211=3')";
    String java = ChildJvm.javaJarShellLine();
    ChildJvm.Result r = ChildJvm.run(List.of("sh", "-c", "env LC_ALL=" + locale + " " + names + " " + java
        + " exec -- /usr/bin/env | od -An -tx1 | tr -d ' \\n'"), posix(), RUN);
    assertEquals("", r.stderr());
    String hex = r.stdout().trim();
    for (String variable : new String[] {"58ff3d310a", "58fe3d320a", "58c3893d330a"}) {
      assertEquals(1, count(hex, variable), variable + " once in " + hex);
    }
    assertEquals(3, count("0a" + hex, "0a58"), "X variables in all (each at a line's start): " + hex);
  }

  private static int count(String hex, String part) {
    int n = 0;
    // Byte-aligned: hex pairs only.
    for (int i = hex.indexOf(part); i >= 0; i = hex.indexOf(part, i + 1)) {
      n += i % 2 == 0 ? 1 : 0;
    }
    return n;
  }

  @Test
  void inAUtf8LocaleBytesThatAreNotUtf8AreRefused() {
    ChildJvm.Result r = exec(utf8(), "", NOT_UTF8);
    assertEquals(ExecCommand.EXIT_OWN_ERROR, r.exitCode(), r.stderr());
    assertEquals("", r.stdout());
    assertTrue(r.stderr().contains("argument 4 of COMMAND is not UTF-8 text"), r.stderr());
  }
}
