package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tbot-otel} alone and {@code --version}, in this JVM: what they print. {@code VersionIT}
 * checks the jar's version from its manifest, on the class path and as a module; here the classes
 * have none.
 */
class RootCommandTest {

  @Test
  void noCommandIsAUsageErrorNamingTheCommands() {
    // Was the help on stdout and 0: a script's tbot-otel $CMD, with CMD empty, passed.
    Cli.Result alone = Cli.run(Map.of());
    assertEquals(Main.EXIT_USAGE, alone.exitCode(), alone.stderr());
    assertEquals("", alone.stdout());
    assertEquals("tbot-otel: a command is missing: give start, preview or exec; see 'tbot-otel --help'."
        + System.lineSeparator(), alone.stderr());
    Cli.Result help = Cli.run(Map.of(), "--help");
    assertEquals(0, help.exitCode(), help.stderr());
    assertTrue(help.stdout().startsWith("Usage: tbot-otel "), help.stdout());
  }

  @Test
  void aDumbTerminalGetsNoColourInHelp() {
    // picocli coloured help for TERM=dumb (Emacs' shell) as for any terminal it takes for one; in
    // this JVM it takes none, so colour is forced on and TERM=dumb must still turn it off.
    String was = System.getProperty("picocli.ansi");
    System.setProperty("picocli.ansi", "true");
    try {
      assertTrue(Cli.run(Map.of("TERM", "xterm"), "start", "--help").stdout().contains("\u001b["), "forced on");
      String dumb = Cli.run(Map.of("TERM", "dumb"), "start", "--help").stdout();
      assertTrue(dumb.startsWith("Usage: tbot-otel start") && !dumb.contains("\u001b"), dumb);
    } finally {
      if (was == null) {
        System.clearProperty("picocli.ansi");
      } else {
        System.setProperty("picocli.ansi", was);
      }
    }
  }

  @Test
  void versionNamesThisBuildAndTheEventSchema() {
    // Run from classes, as the unit tests are, there is no manifest: the version is "unknown".
    String built = ProjectVersion.class.getPackage().getImplementationVersion();
    for (String[] args : new String[][] {{"--version"}, {"-V"}, {"preview", "--version"}}) {
      Cli.Result r = Cli.run(Map.of(), args);
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stderr());
      assertEquals(List.of("tbot-otel " + (built == null ? "unknown" : built),
          "event " + EventSchema.EVENT_NAME + " schema " + EventSchema.VERSION), r.stdout().lines().toList());
    }
  }

  @Test
  void helpAndVersionAreInTheStreamsOwnCharsetAsErrorLinesAre() {
    // picocli's writers encoded in the JVM's default charset, the error lines (println) in the
    // stream's: a caller's stream, or System.out on a JDK 17 console (sun.stdout.encoding), may
    // differ. UTF-16 differs from any default, ASCII included.
    for (String[] args : new String[][] {{"--version"}, {"--help"}, {"strt"}}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_16BE),
          new PrintStream(err, true, StandardCharsets.UTF_16BE));
      String text = new String(args[0].equals("strt") ? err.toByteArray() : out.toByteArray(), StandardCharsets.UTF_16BE);
      assertTrue(text.startsWith(args[0].equals("--help") ? "Usage: tbot-otel " : "tbot-otel"), code + ": " + text);
    }
  }

  @Test
  void onTheClassPathAnotherJarsManifestVersionIsNotTaken(@TempDir Path dir) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "9.9.9");
    Path jar = dir.resolve("other.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new ZipEntry("other/"));
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertTrue(loader.getResource("META-INF/MANIFEST.MF") != null, "the class path has a manifest");
      assertNull(ProjectVersion.fromModuleManifest(loader.getUnnamedModule()));
    }
  }
}
