package com.goteleport.tbot.otel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first command: {@code java -jar examples/target/tbot-otel-demo.jar}, run as a user
 * runs it, in a child JVM after {@code package}. It must deliver the event with consent and
 * nothing without, say so, and leave no temporary file behind.
 */
class DemoIT {

  @Test
  void theReadmeDemoDeliversWithConsentAndNothingWithout() throws Exception {
    Path jar = Paths.get(System.getProperty("demo.jar", "target/tbot-otel-demo.jar"));
    assertTrue(Files.isRegularFile(jar), jar + " missing: the README's demo jar was not built");
    Path out = Files.createTempFile("demo", ".out");
    try {
      Process p =
          new ProcessBuilder(
                  List.of(
                      Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                      "-jar",
                      jar.toString()))
              .directory(Examples.root().toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), text);
      assertTrue(text.contains("collector received one OTLP/HTTP request"), text);
      assertTrue(text.contains("tbot.start"), text);
      assertTrue(text.contains("resource attributes: 0 (empty: nothing about the host)"), text);
      assertTrue(text.contains("gha:teleport-actions/auth"), text);
      assertTrue(text.contains("collector received nothing"), text);
      assertTrue(!text.contains("!!"), text);
      Matcher copied = Pattern.compile("copied to (\\S+)\n").matcher(text);
      assertTrue(copied.find(), text);
      assertFalse(Files.exists(Paths.get(copied.group(1))), "the demo deleted its temporary config " + copied.group(1));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  @Test
  void theDemoJarServesItsMultiReleaseClasses() throws Exception {
    Path jar = Paths.get(System.getProperty("demo.jar", "target/tbot-otel-demo.jar"));
    try (JarFile file = new JarFile(jar.toFile())) {
      boolean versioned = file.stream().anyMatch(e -> e.getName().startsWith("META-INF/versions/9/io/"));
      assertTrue(versioned, "the shaded exporter's META-INF/versions classes are gone: check the shade filters");
      // Without this attribute the JVM ignores META-INF/versions (JarFile.isMultiRelease).
      assertTrue(file.isMultiRelease(), "the demo jar's manifest must say Multi-Release: true");
    }
  }
}
