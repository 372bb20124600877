package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What an agent ships, and the CLI jar, are reproducible: tbot-otel's own entries carry the build's
 * fixed {@code project.build.outputTimestamp}, not the time they were built, and the shaded CLI jar
 * keeps its dependencies' entries as their published jars have them (fixed too), so a user can
 * rebuild a release and compare it byte for byte. Two clean builds of one commit gave identical
 * jars (docs/testing.md); this checks what makes them so. Here the library jar; tbot-otel-cli's
 * {@code CliJarReproducibleIT} runs the same check on the CLI jar.
 */
class ReproducibleJarIT {

  // The CLI jar's notice and licence text: resources of its module, stamped as its classes are (a
  // shade transformer that adds them dates them 2017-11-28).
  private static final List<String> NOTICES =
      List.of("META-INF/THIRD-PARTY-NOTICES.txt", "META-INF/LICENSE-APACHE-2.0.txt");

  /** The jars failsafe names in this module: the library's here, the CLI's in tbot-otel-cli. */
  static final List<String> JAR_PROPERTIES = List.of("tbot.otel.library.jar", "tbot.otel.jar");

  @Test
  void noEntryCarriesTheTimeOfTheBuild() throws Exception {
    String configured = System.getProperty("tbot.otel.outputTimestamp");
    assertNotNull(configured, "failsafe passes project.build.outputTimestamp");
    Instant fixed = Instant.parse(configured);
    // A build's own time is within minutes of now; a day leaves room for a slow build.
    Instant recent = Instant.now().minus(Duration.ofDays(1));
    List<String> named = new ArrayList<>();
    for (String property : JAR_PROPERTIES) {
      if (System.getProperty(property) != null) {
        named.add(System.getProperty(property));
      }
    }
    assertFalse(named.isEmpty(), "failsafe names the module's jar in one of " + JAR_PROPERTIES);
    for (String name : named) {
      Path jar = Paths.get(name);
      assertTrue(Files.isRegularFile(jar), jar + " is built");
      List<String> ours = new ArrayList<>();
      List<String> built = new ArrayList<>();
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
          ZipEntry entry = e.nextElement();
          Instant time = entry.getLastModifiedTime().toInstant();
          // A DOS time has no zone: the archiver writes the fixed instant's UTC wall clock, which
          // Java reads in the default zone (18:30Z the day before under TZ=Asia/Kolkata).
          boolean fixedTime = time.equals(fixed) || entry.getTimeLocal().toInstant(ZoneOffset.UTC).equals(fixed);
          // tbot-otel's own: its classes, and the CLI jar's notice of what it bundles.
          boolean own = entry.getName().startsWith("com/goteleport/") || NOTICES.contains(entry.getName());
          if (own) {
            ours.add(entry.getName());
          }
          if (!fixedTime && (time.isAfter(recent) || own)) {
            built.add(entry.getName() + " " + time);
          }
        }
      }
      assertTrue(ours.size() > 50, jar + " has tbot-otel's classes");
      assertEquals(List.of(), built.subList(0, Math.min(5, built.size())),
          jar.getFileName() + ": " + built.size() + " entries stamped with the build's time, not " + fixed);
    }
  }

  @Test
  void noEntryCarriesTheUmaskOfTheBuild() throws Exception {
    // The archiver stores each file's Unix mode as the file system has it, masked by 022 only: a
    // build under umask 077 (a hardened runner's) writes 0600 where another writes 0644, the same
    // content in other bytes. .ci/run builds under 022; this says so when a build was not.
    for (String property : JAR_PROPERTIES) {
      String name = System.getProperty(property);
      if (name == null) {
        continue;
      }
      Map<String, Integer> modes = UnixModes.of(Paths.get(name));
      assertFalse(modes.isEmpty(), name + " has entries");
      // The shaded CLI jar stores none (shade writes no Unix modes); the library jar must, or this
      // check reads nothing there.
      if (property.equals("tbot.otel.library.jar")) {
        assertTrue(modes.values().stream().anyMatch(m -> m != 0), name + " carries Unix modes");
      }
      List<String> odd = new ArrayList<>();
      modes.forEach((entry, mode) -> {
        int expected = entry.endsWith("/") ? 0755 : 0644;
        if (mode != 0 && mode != expected) {
          odd.add(entry + " " + Integer.toOctalString(mode));
        }
      });
      assertEquals(List.of(), odd.subList(0, Math.min(5, odd.size())), Paths.get(name).getFileName() + ": "
          + odd.size() + " entries with another mode than 0644 (0755 for a folder): built under a umask other than"
          + " 022 or 002, so another build's bytes differ; run the build under umask 022");
    }
  }
}
