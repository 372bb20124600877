package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Every service file the CLI jar carries is one a class in it could load: its service type is in
 * the jar or the JDK, and so is each provider it lists. The exporter's jars also carry
 * autoconfigure's provider files, whose types the jar leaves out (tbot-otel builds its SDK by hand),
 * and the exporter an OSGi manifest: the shade filters drop them, and this says when a new library
 * brings another.
 */
class CliJarServicesIT {

  private static final String SERVICES = "META-INF/services/";

  @Test
  void everyServiceFileNamesTypesTheJarOrTheJdkHas() throws Exception {
    List<String> unloadable = new ArrayList<>();
    int files = 0;
    try (JarFile jar = new JarFile(ChildJvm.jar().toFile())) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (!name.startsWith(SERVICES) || name.endsWith("/")) {
          continue;
        }
        files++;
        String service = name.substring(SERVICES.length());
        if (!has(jar, service)) {
          unloadable.add(name + " (its type is not in the jar)");
        }
        try (InputStream in = jar.getInputStream(entry)) {
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String provider = line.replaceFirst("#.*", "").strip();
            if (!provider.isEmpty() && !has(jar, provider)) {
              unloadable.add(name + " lists " + provider + ", not in the jar");
            }
          }
        }
      }
      // None today (the send's sender is pinned, not looked up): a library that brings one is read.
      assertEquals(List.of(), unloadable, files + " service files");
      assertEquals(List.of(), Collections.list(jar.entries()).stream().map(JarEntry::getName)
          .filter(n -> n.contains("OSGI-INF")).toList(), "no OSGi metadata: the jar is no bundle");
    }
  }

  private static boolean has(JarFile jar, String type) {
    if (jar.getJarEntry(type.replace('.', '/') + ".class") != null) {
      return true;
    }
    try {
      Class.forName(type, false, ClassLoader.getPlatformClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
