package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/cli.md, "Errors": every command of its transcript, run with the files the text describes and
 * only the variables the command sets, prints exactly the line shown on stderr, nothing on stdout,
 * and exits with the status shown.
 */
class CliErrorsDocTest {

  static final Map<String, String> FILES = Map.of(
      "broken.yaml", "version: v2\noutputs: [\n",
      "not-bool.yaml", "oneshot: maybe\n",
      "v1-outputs.yaml", "outputs:\n  - type: identity\n");

  private static final Pattern COMMAND = Pattern.compile("\\$ ((?:[A-Z_]+=\\S+ )*)tbot-otel (.*?)\\s+# exit (\\d+)");

  @Test
  void everyDocumentedErrorIsTheLineTheCliPrints() throws IOException {
    // Relative to the module, as a user's are to their directory: the CLI names a file as given.
    Path dir = Path.of("target", "cli-errors-doc");
    Files.createDirectories(dir);
    for (Map.Entry<String, String> f : FILES.entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    List<String> transcript = transcript(Files.readString(CliDocsTest.DOC, StandardCharsets.UTF_8));
    assertTrue(transcript.size() >= 10, "docs/cli.md has the Errors transcript: " + transcript);
    int run = 0;
    for (int i = 0; i < transcript.size(); i++) {
      Matcher m = COMMAND.matcher(transcript.get(i));
      if (!m.matches()) {
        continue;
      }
      String expected = i + 1 < transcript.size() ? transcript.get(i + 1) + "\n" : "";
      Cli.Result r = runAsDocumented(m.group(1), m.group(2), dir);
      String what = "'" + transcript.get(i) + "'";
      assertEquals(expected, r.stderr().replace(dir + "/", ""), what);
      assertEquals("", r.stdout(), what);
      assertEquals(Integer.parseInt(m.group(3)), r.exitCode(), what);
      run++;
    }
    assertEquals(transcript.size() / 2, run, "every other line of the transcript is a command: " + transcript);
  }

  /**
   * Runs a documented command line: {@code assignments} ({@code NAME=VALUE ...}, the environment)
   * and the CLI's {@code words}, a {@code .yaml} word naming a file in {@code dir}.
   */
  static Cli.Result runAsDocumented(String assignments, String words, Path dir) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String assignment : assignments.trim().split(" ")) {
      if (!assignment.isEmpty()) {
        env.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
      }
    }
    List<String> args = new ArrayList<>();
    for (String a : words.split(" +")) {
      args.add(a.endsWith(".yaml") ? dir.resolve(a).toString() : a);
    }
    return Cli.run(env, args.toArray(String[]::new));
  }

  static List<String> transcript(String doc) {
    String open = "<!-- errors: each command is run by CliErrorsDocTest -->\n```text\n";
    int at = doc.indexOf(open);
    assertTrue(at >= 0, "docs/cli.md has no errors block");
    int end = doc.indexOf("```", at + open.length());
    return doc.substring(at + open.length(), end).lines().toList();
  }
}
