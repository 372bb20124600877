package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn -q -DskipTests package} builds the runnable CLI at {@code tbot-otel/target/tbot-otel.jar}:
 * the path and name the project promised from its start, which docs, examples and outside checks
 * run, kept when the CLI became a module of its own.
 */
class CliJarPathIT {

  static final String CONTRACT = "tbot-otel/target/tbot-otel.jar";

  private static final Pattern BUILT_JAR = Pattern.compile("[\\w./-]*target/tbot-otel\\.jar");

  @Test
  void theCliJarIsBuiltAtThePromisedPath() throws IOException {
    Path jar = root().resolve(CONTRACT);
    assertTrue(Files.isRegularFile(jar), CONTRACT + " is built");
    assertEquals(jar.toRealPath(), ChildJvm.jar().toRealPath(), "the jar the tests run is the promised one");
    try (JarFile file = new JarFile(jar.toFile())) {
      assertEquals("com.goteleport.tbot.otel.cli.Main", file.getManifest().getMainAttributes().getValue("Main-Class"),
          "runnable with java -jar");
    }
  }

  @Test
  void everyDocNamesThatPath() throws IOException {
    Path root = root();
    List<String> wrong = new ArrayList<>();
    int named = 0;
    for (Path doc : docs(root)) {
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      Matcher m = BUILT_JAR.matcher(text);
      while (m.find()) {
        named++;
        // As written from the repository root, or from a folder below it (../../tbot-otel/..., $(dirname "$0")/../tbot-otel/...).
        if (!m.group().replaceFirst("^/?(\\.\\./)+", "").equals(CONTRACT)) {
          wrong.add(root.relativize(doc) + ": " + m.group());
        }
      }
    }
    assertTrue(named > 10, "the docs name the jar: " + named);
    assertEquals(List.of(), wrong, "the CLI jar is " + CONTRACT);
  }

  /** README.md, docs/ and every README, guide and example file a user reads or runs. */
  private static List<Path> docs(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    for (String dir : List.of("docs", "examples", "collector-config", "benchmarks")) {
      try (Stream<Path> files = Files.walk(root.resolve(dir))) {
        files.filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/test/"))
            .filter(p -> p.getFileName().toString().matches(".*\\.(md|sh|ya?ml|java)|Dockerfile.*"))
            .forEach(out::add);
      }
    }
    out.add(root.resolve("README.md"));
    return out;
  }

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("tbot-otel-cli")) ? here : here.getParent();
  }
}
