package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A host on the module path {@code requires} the library by a name that must not change with the
 * jar's file name (a renamed or versioned copy would otherwise be another module): the packaged
 * jar, as the JVM's module system reads it.
 */
class ModuleNameIT {

  static final String MODULE = "com.goteleport.tbot.otel";

  @Test
  void theLibraryJarHasAStableModuleNameExportingItsApi() throws Exception {
    ModuleDescriptor library = descriptor(jar(""));
    assertEquals(MODULE, library.name());
    assertTrue(library.isAutomatic());
    assertTrue(library.packages().contains("com.goteleport.tbot.otel.consent"), library.packages().toString());

    Path renamed = Files.createTempDirectory("module").resolve("tbot-otel-renamed-9.9.jar");
    try {
      Files.copy(jar(""), renamed);
      assertEquals(MODULE, descriptor(renamed).name(), "whatever the file is called");
    } finally {
      Files.deleteIfExists(renamed);
      Files.deleteIfExists(renamed.getParent());
    }
    assertNotEquals(MODULE, descriptor(jar("-tests")).name(), "the test jar is not the library");
  }

  private static ModuleDescriptor descriptor(Path jar) {
    return ModuleFinder.of(jar).findAll().iterator().next().descriptor();
  }

  /** target/tbot-otel-VERSION{suffix}.jar. */
  static Path jar(String suffix) throws Exception {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      List<Path> found = files.filter(f -> f.getFileName().toString().matches("tbot-otel-[0-9][^-]*(-SNAPSHOT)?"
          + java.util.regex.Pattern.quote(suffix) + "\\.jar")).collect(Collectors.toList());
      assertEquals(1, found.size(), "one jar: " + found);
      return found.get(0);
    }
  }
}
