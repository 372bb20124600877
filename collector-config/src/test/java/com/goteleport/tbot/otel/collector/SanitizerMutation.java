package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Mutation testing of the regular expressions and key prefixes of tbot-otel's {@code Sanitizer},
 * which PIT leaves alone (it mutates code, not the text of a pattern or a string constant): each
 * {@link RegexMutants} change to a {@code Pattern.compile("...")} literal, and each key prefix
 * removed from {@code SECRET_PREFIXES}, is compiled into target/ and judged by tbot-otel's
 * {@code SanitizerTest} alone, in a child JVM with the mutant ahead of the jar. A mutant it does not
 * notice is a rule of the screen no test of tbot-otel pins. (The patterns built from pieces, the
 * pod names', are left out: {@code AllowlistDriftTest} holds them to the collector's, whose
 * alternatives {@code ConfigMutation} removes.) Not part of the default run (the class name does
 * not end in Test); two minutes:
 *
 * <pre>
 *   mvn -B -pl collector-config -am verify -Dtest=SanitizerMutation -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
 * </pre>
 */
class SanitizerMutation {

  private static final Path SOURCE = Collector.CONFIG_DIR.resolveSibling(
      "tbot-otel/src/main/java/com/goteleport/tbot/otel/event/Sanitizer.java");

  private static final String JUDGE = "com.goteleport.tbot.otel.event.SanitizerTest";

  /** Changes that leave a pattern matching the same strings, each with why. */
  private static final Map<String, String> EQUIVALENT = Map.of(
      "\"A-Z\" removed from [A-Za-z0-9-]", "the host name rule is found anywhere: it can start at the last letter "
          + "before the dot, so the letters between need not match",
      "\"a-z\" removed from [A-Za-z0-9-]", "the same");

  private static final Pattern PREFIX = Pattern.compile("\"[^\"]+\"");

  @Test
  void everyAlternativeClassItemAndKeyPrefixIsPinned() throws Exception {
    List<String> original = Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
    Path work = Collector.BUILD_DIR.resolve("sanitizer-mutation");
    Collector.deleteTree(work);
    Path source = Files.createDirectories(work.resolve("src")).resolve("Sanitizer.java");
    Path classes = work.resolve("classes");
    List<String> report = new ArrayList<>();
    assertEquals(0, judge(original, source, classes), "the unmutated Sanitizer fails " + JUDGE);
    int mutants = 0;
    List<String> survivors = new ArrayList<>();
    boolean prefixes = false;
    for (int i = 0; i < original.size(); i++) {
      String line = original.get(i);
      List<String[]> forLine = new ArrayList<>(); // the mutated line, the change
      if (line.contains("Pattern.compile(\"") && line.endsWith("\");") && !line.contains("\" + ")) {
        for (ValueMutants.Mutant m : RegexMutants.of("- " + line)) {
          forLine.add(new String[] {m.line().substring(2), m.change().substring(m.change().indexOf(" | ") + 3)});
        }
      }
      prefixes |= line.contains("SECRET_PREFIXES = List.of(");
      if (prefixes) {
        Matcher p = PREFIX.matcher(line);
        while (p.find()) {
          String without = (line.substring(0, p.start()) + line.substring(p.end()))
              .replaceFirst(", ,", ",").replaceFirst("\\(, ", "(").replaceFirst(", \\)", ")").replaceFirst(",\\);", ");")
              .replaceFirst("^(\\s+), ", "$1");
          forLine.add(new String[] {without, "key prefix " + p.group() + " removed"});
        }
        prefixes = !line.trim().endsWith(");");
      }
      for (String[] m : forLine) {
        List<String> mutant = new ArrayList<>(original);
        mutant.set(i, m[0]);
        int verdict = judge(mutant, source, classes);
        assertTrue(verdict == 0 || verdict == 1, "mutant " + m[1] + " at line " + (i + 1) + " did not compile or run: "
            + verdict + "; log " + work.resolve("judge.log"));
        mutants++;
        String entry = (i + 1) + "\t" + (verdict == 0 ? "SURVIVED" : "killed") + "\t" + m[1];
        report.add(entry);
        System.out.println(entry);
        if (verdict == 0 && !EQUIVALENT.containsKey(m[1])) {
          survivors.add(entry);
        }
      }
    }
    Files.write(work.resolve("report.txt"), report, StandardCharsets.UTF_8);
    assertTrue(mutants > 40, "too few mutants: " + mutants);
    assertEquals(List.of(), survivors, "mutants of Sanitizer's patterns and prefixes that " + JUDGE + " does not notice");
  }

  /** Compiles {@code lines} as Sanitizer and runs the judge on it: 0 passed (survived), 1 failed (killed). */
  private static int judge(List<String> lines, Path source, Path classes) throws IOException, InterruptedException {
    Files.write(source, lines, StandardCharsets.UTF_8);
    Collector.deleteTree(classes);
    Files.createDirectories(classes);
    int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-nowarn", "-proc:none", "-d",
        classes.toString(), "-cp", System.getProperty("java.class.path"), source.toString());
    if (javac != 0) {
      return 2;
    }
    Path log = classes.resolveSibling("judge.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dcollector.config.dir=" + Collector.CONFIG_DIR, "-Dcollector.build.dir=" + Collector.BUILD_DIR,
        "-cp", classes + java.io.File.pathSeparator + System.getProperty("java.class.path"),
        SanitizerMutation.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      return 3;
    }
    return p.exitValue();
  }

  /** In the child JVM: runs the judge, exits 0 if it passes, 1 if it fails. */
  public static void main(String[] args) throws Exception {
    List<String> failed = ConfigMutation.failed(LauncherFactory.create(), JUDGE);
    failed.forEach(System.out::println);
    System.out.flush();
    System.exit(failed.isEmpty() ? 0 : 1);
  }
}
