package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What an agent that embeds the library ships, held to issue 4's budget: at most 1.5 MB (1 500 000
 * bytes) for tbot-otel's jar and its runtime dependencies (the CLI and picocli are tbot-otel-cli's), and
 * none of the okhttp sender's stack (okhttp, okio, Kotlin), which the exporter would otherwise
 * bring and prefer. The class path is the one Maven resolves for the module
 * (target/shipped-classpath.txt, the {@code shipped-classpath} execution), so a dependency update
 * or a lost exclusion fails here rather than in a host. docs/benchmarks.md reports the figures.
 *
 * <p>Each of those dependency jars is also pinned by its SHA-256 in shipped-dependencies.sha256
 * ({@code sha256sum}'s format, by file name): Maven only warns when a download does not match its
 * checksum, so a jar a mirror tampered with or substituted would otherwise be shipped unnoticed.
 */
class ShippedDependenciesIT {

  private static final long BUDGET_BYTES = 1_500_000;

  /** The pinned hashes, relative to the module (the working directory of the ITs). */
  private static final Path PINNED = Paths.get("shipped-dependencies.sha256");

  /** How docs/testing.md rewrites the file, from the repository's root, after the build wrote the class path. */
  private static final String REGENERATE = "tr ':' '\\n' < tbot-otel/target/shipped-classpath.txt | xargs sha256sum"
      + " | sed 's|  .*/|  |' | LC_ALL=C sort -k2 > tbot-otel/shipped-dependencies.sha256";

  @Test
  void anEmbeddingAgentShipsAtMostOnePointFiveMegabytesAndNoOkhttpStack() throws IOException {
    List<Path> shipped = dependencies();
    shipped.add(Paths.get(System.getProperty("tbot.otel.library.jar")));
    List<String> names = shipped.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("opentelemetry-exporter-otlp-")), names::toString);
    assertTrue(names.stream().anyMatch(n -> n.startsWith("snakeyaml-")), names::toString);
    assertEquals(List.of(), names.stream()
        .filter(n -> n.startsWith("picocli") || n.contains("okhttp") || n.startsWith("okio") || n.startsWith("kotlin")
            || n.contains("sender-jdk"))
        .collect(Collectors.toList()), "the CLI's parser or a sender other than tbot-otel's own is shipped");
    long bytes = 0;
    StringBuilder sizes = new StringBuilder();
    for (Path jar : shipped) {
      bytes += Files.size(jar);
      sizes.append(String.format(Locale.ROOT, "%n  %,d %s", Files.size(jar), jar.getFileName()));
    }
    assertTrue(bytes <= BUDGET_BYTES, bytes + " bytes shipped, over the budget of " + BUDGET_BYTES + ":" + sizes);
  }

  /**
   * The figures README.md and docs/benchmarks.md quote stay near what is shipped: within 1 % for
   * the total, 3 % for tbot-otel's own jar (a few kB, so that every change need not touch them).
   */
  @Test
  void theDocsFiguresAreWhatIsShipped() throws IOException {
    long library = Files.size(Paths.get(System.getProperty("tbot.otel.library.jar")));
    long total = library;
    for (Path jar : dependencies()) {
      total += Files.size(jar);
    }
    String readme = Files.readString(Paths.get("..", "README.md"), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    Matcher r = Pattern.compile("measured ([0-9][0-9 ]*[0-9]) bytes, tbot-otel's own jar ([0-9]+) kB of it").matcher(readme);
    assertTrue(r.find(), "README.md quotes the shipped bytes and the library jar's kB");
    String benchmarks = Files.readString(Paths.get("..", "docs", "benchmarks.md"), StandardCharsets.UTF_8);
    Matcher b = Pattern.compile("\\| \\*\\*total\\*\\* \\| \\*\\*([0-9 ]+)\\*\\*").matcher(benchmarks);
    assertTrue(b.find(), "docs/benchmarks.md's table has the total");
    Matcher target = Pattern.compile("\\| shipped dependencies ≤ 1\\.5 MB[^|]*\\| ([0-9][0-9 ]*[0-9]) bytes").matcher(benchmarks);
    assertTrue(target.find(), "docs/benchmarks.md's targets table has the shipped bytes");
    Matcher own = Pattern.compile("\\| `tbot-otel-0\\.1\\.0\\.jar` \\| ([0-9 ]+) ").matcher(benchmarks);
    assertTrue(own.find(), "docs/benchmarks.md's table has tbot-otel's own jar");
    String measured = " (measured now: " + total + " bytes, tbot-otel's jar " + library + "; docs/testing.md says how)";
    for (String quoted : List.of(r.group(1), b.group(1), target.group(1))) {
      assertEquals(total, Long.parseLong(quoted.replace(" ", "")), total / 100.0, "a total quoted as " + quoted + measured);
    }
    assertEquals(library, Long.parseLong(own.group(1).replace(" ", "")), library * 0.03, "benchmarks.md's row" + measured);
    assertEquals(library / 1000.0, Long.parseLong(r.group(2)), library * 0.03 / 1000, "README.md's kB" + measured);
  }

  @Test
  void everyShippedDependencyIsTheJarPinnedByItsHash() throws Exception {
    // The pinned file: name to hash, and name to line number, for the message.
    Map<String, String> pinned = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    List<String> lines = Files.readAllLines(PINNED, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      // sha256sum's "HASH  NAME", or "HASH *NAME" for its binary mode.
      if (!line.matches("[0-9a-f]{64} [ *][^/\\\\]+") || pinned.put(line.substring(66), line.substring(0, 64)) != null) {
        problems.add("line " + (i + 1) + " is not \"SHA256  FILE\" for a file of its own");
      }
      lineOf.putIfAbsent(line.length() > 66 ? line.substring(66) : line, i + 1);
    }
    Map<String, String> unpinned = new LinkedHashMap<>(); // shipped, with no line: name to hash
    Map<String, String> artifactOf = new LinkedHashMap<>();
    for (Path jar : dependencies()) {
      String name = jar.getFileName().toString();
      String hash = sha256(jar);
      String want = pinned.remove(name);
      if (want == null) {
        unpinned.put(name, hash);
        // The local repository's layout: .../ARTIFACT/VERSION/ARTIFACT-VERSION.jar.
        Path artifact = jar.getParent() == null ? null : jar.getParent().getParent();
        artifactOf.put(name, artifact == null || artifact.getFileName() == null ? name : artifact.getFileName().toString());
      } else if (!want.equals(hash)) {
        problems.add("line " + lineOf.get(name) + " (" + name + "): the jar hashes to " + hash
            + "; only if that is Maven Central's jar, set the line to \"" + hash + "  " + name + "\"");
      }
    }
    for (Map.Entry<String, String> jar : unpinned.entrySet()) {
      String name = jar.getKey();
      String was = null; // the same artifact's line at another version
      for (String old : pinned.keySet()) {
        String prefix = artifactOf.get(name) + "-";
        if (old.startsWith(prefix) && old.length() > prefix.length() && Character.isDigit(old.charAt(prefix.length()))) {
          was = old;
        }
      }
      if (was != null) {
        pinned.remove(was);
        problems.add("line " + lineOf.get(was) + " (" + was + "): now " + name + ", set the line to \"" + jar.getValue()
            + "  " + name + "\"");
      } else {
        problems.add("no line for " + name + ", shipped now: add \"" + jar.getValue() + "  " + name + "\"");
      }
    }
    for (String gone : pinned.keySet()) {
      problems.add("line " + lineOf.get(gone) + " (" + gone + "): no longer shipped, remove the line");
    }
    if (!problems.isEmpty()) { // one line: which line to change, and how to rewrite them all
      fail("the shipped jars differ from tbot-otel/" + PINNED + ": " + String.join("; ", problems)
          + ". After a deliberate dependency change, rewrite the file from the repository's root with: " + REGENERATE
          + " (docs/testing.md)");
    }
  }

  /** The runtime dependencies the build resolved, without tbot-otel's own jar. */
  private static List<Path> dependencies() throws IOException {
    List<Path> shipped = new ArrayList<>();
    for (String entry : Files.readString(Paths.get("target", "shipped-classpath.txt")).strip().split(File.pathSeparator)) {
      shipped.add(Paths.get(entry));
    }
    return shipped;
  }

  private static String sha256(Path jar) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
  }
}
