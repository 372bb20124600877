package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConfigText#missing} on a file system that calls a path under a file missing, as the
 * default one does from JDK 25 on (JDK-8356678) and the zip file system does on every JDK: so CI's
 * JDK 17 holds what {@code TbotConfigReaderTest.aFileThatCannotBeOpenedSaysWhy} checks on JDK 25.
 */
class ConfigTextTest {

  @Test
  void aPathUnderAFileIsNotMissingEvenWhereTheFileSystemSaysSo(@TempDir Path dir) throws Exception {
    try (FileSystem zip = FileSystems.newFileSystem(dir.resolve("fs.zip"), Map.of("create", "true"))) {
      Path file = Files.writeString(zip.getPath("/tbot.yaml"), "version: v2\n");
      Path under = file.resolve("x.yaml");
      assertTrue(Files.notExists(under), "the premise: this file system says no file");
      assertFalse(ConfigText.missing(under), "Not a directory, as the C library says");
      assertFalse(ConfigText.missing(under.resolve("y.yaml")), "deeper down too");
      assertFalse(ConfigText.missing(zip.getPath("tbot.yaml", "x.yaml")), "relative");
      assertFalse(ConfigText.missing(file), "a file that is there");
      Path subdir = Files.createDirectory(zip.getPath("/etc"));
      assertTrue(ConfigText.missing(subdir.resolve("tbot.yaml")));
      assertTrue(ConfigText.missing(zip.getPath("/gone", "tbot.yaml")), "under a directory that is missing too");
    }
  }

  private static String refusal(String path) {
    return assertThrows(ConfigException.class, () -> TbotConfigReader.read(Path.of(path))).getMessage();
  }

  /**
   * What a refusal of a missing config path shows of it ({@code ConfigText.shown}): only the CLI's
   * tests checked it, so PIT found it unpinned here: a token given as the path ({@code -c TOKEN})
   * was printed whole with {@code name.length() <= 2} negated.
   */
  @Test
  void aMissingPathIsShownOnlyWhereItCannotBeASecret() {
    // a word that names no file: not shown, it may be a token
    assertEquals("'...' (not shown: it may be a secret): no such file; check the path given to -c/--config.",
        refusal("tok3n-Zx9qP2mW7vL4kR8s"));
    // a file's name: shown, to say which
    assertEquals("/nonexistent-dir-x/tbot.yaml: no such file; check the path given to -c/--config.",
        refusal("/nonexistent-dir-x/tbot.yaml"));
    // a flag a flag given no path took: the flag, without its value
    assertEquals("'--token=...': no such file; check the path given to -c/--config.", refusal("--token=abcdef123456"));
    assertEquals("'-t...': no such file; check the path given to -c/--config.", refusal("-tabcdef123456"));
    // too short to hold a value
    assertEquals("-c: no such file; check the path given to -c/--config.", refusal("-c"));
  }
}
