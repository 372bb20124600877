package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
