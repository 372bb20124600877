package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code env -S}'s string split as the real env (coreutils) splits it: exec models the variables
 * env sets for tbot from these words, and where its command is. Seeded strings of words, quotes and
 * blanks (no {@code \}, {@code $} or {@code #}: exec records nothing behind those), each run as
 * {@code env -S 'printf [%s] START STRING'} so that the words come back as printf's arguments.
 */
class EnvSplitStringTest {

  private static final List<String> PIECES = List.of("a", "b1", "X=", "=", "-i", "tbot", "'", "'", "\"", "\"",
      " ", "  ", "\t", "\n", "\u000b", "\f", "\r", "\\_", "x y");

  @Test
  void quotesKeepAWordWholeAndBlanksSplit() {
    assertEquals(List.of("X=a b", "DO_NOT_TRACK=0"), List.of(LauncherChain.splitWords("\"X=a b\"  'DO_NOT_TRACK=0'")));
    assertEquals(List.of("", "a", "b c"), List.of(LauncherChain.splitWords("'' a\\_'b c'")));
    assertEquals(List.of(), List.of(LauncherChain.splitWords(" \t ")));
    // For a no only, a word inside quotes is read too (errs toward a no).
    assertEquals(List.of("FOO=x", "DO_NOT_TRACK=1"), List.of(LauncherChain.splitWordsForANo("'FOO=x DO_NOT_TRACK=1'")));
  }

  @Test
  void tbotGetsTheVariablesOfAQuotedString() {
    // Red before (LauncherChainDifferentialTest, seed 5): the quotes were dropped and the string split
    // inside them, so "b" read as env's command and the no after it as its argument.
    Map<String, String> env = LauncherEnvironment.asTbotGetsIt(
        List.of("chrt", "-i", "0", "env", "-S", "\"X=a b\"  'DO_NOT_TRACK=1'", "tbot", "start"), Map.of());
    assertEquals("1", env.get("DO_NOT_TRACK"), env.toString());
    assertEquals("a b", env.get("X"), env.toString());
  }

  @Test
  void splitAsTheRealEnvSplits() throws Exception {
    Random rnd = new Random(20261209L);
    List<String> differences = new ArrayList<>();
    int compared = 0;
    for (int n = 0; n < 300; n++) {
      StringBuilder s = new StringBuilder();
      for (int k = rnd.nextInt(10); k >= 0; k--) {
        s.append(PIECES.get(rnd.nextInt(PIECES.size())));
      }
      String string = s.toString();
      List<String> real = realSplit(string);
      if (real == null) {
        continue; // env refuses it (a quote not closed)
      }
      compared++;
      List<String> ours = List.of(LauncherChain.splitWords(string));
      if (!ours.equals(real)) {
        differences.add(ShellStringsRandom.escaped(List.of(string)) + ": env " + real + ", exec " + ours);
      }
    }
    assertTrue(compared > 100, "too few strings env took: " + compared);
    assertTrue(differences.isEmpty(), differences.size() + " differences: " + differences);
  }

  /** The words env -S makes of {@code string}; null where env refuses it. */
  private static List<String> realSplit(String string) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("env", "-S", "printf [%s] START " + string).redirectErrorStream(false).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), string);
    if (p.exitValue() != 0) {
      return null;
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("[START]"), text);
    List<String> words = new ArrayList<>();
    for (String part : text.substring("[START]".length()).split("\\]", -1)) {
      if (!part.isEmpty()) {
        words.add(part.substring(1));
      }
    }
    return words;
  }
}
