package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's public surface, pinned: the public top-level types outside {@code internal}
 * packages are exactly the list below, and every public type in an {@code internal} package says it
 * is not API. Making an implementation class public in an API package fails here; if a host really
 * needs it, add it to the list on purpose.
 */
class PublicApiTest {

  static final String PACKAGE = "com.goteleport.tbot.otel";

  /** The sentence every public class of an internal package carries, as opentelemetry-java's do. */
  static final String INTERNAL_NOTE =
      "This class is internal and is not part of tbot-otel's public API. "
          + "Its APIs are unstable and can change at any time.";

  static final Set<String> API = Set.of(
      "com.goteleport.tbot.otel.AnonymousAnalytics",
      "com.goteleport.tbot.otel.config.ConfigException",
      "com.goteleport.tbot.otel.config.Endpoints",
      "com.goteleport.tbot.otel.config.TbotConfig",
      "com.goteleport.tbot.otel.config.TbotConfigReader",
      "com.goteleport.tbot.otel.config.TbotConfigSource",
      "com.goteleport.tbot.otel.consent.Consent",
      "com.goteleport.tbot.otel.event.Attribute",
      "com.goteleport.tbot.otel.event.AttributeType",
      "com.goteleport.tbot.otel.event.DestinationCounts",
      "com.goteleport.tbot.otel.event.EventSchema",
      "com.goteleport.tbot.otel.event.RunMode",
      "com.goteleport.tbot.otel.event.StartEvent",
      "com.goteleport.tbot.otel.export.Delivery",
      "com.goteleport.tbot.otel.export.OtlpJson");

  /** Every public top-level type compiled from src/main/java, read from the class files. */
  static Set<String> publicTopLevelTypes() throws IOException, URISyntaxException, ClassNotFoundException {
    return publicTopLevelTypes(AnonymousAnalytics.class);
  }

  /** Every public top-level type in the class directory or jar {@code anchor} was loaded from. */
  static Set<String> publicTopLevelTypes(Class<?> anchor) throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> names = new TreeSet<>();
    try (FileSystem jar = Files.isDirectory(classes) ? null : FileSystems.newFileSystem(classes);
        Stream<Path> files = Files.walk(jar == null ? classes : jar.getPath("/"))) {
      Path root = jar == null ? classes : jar.getPath("/");
      for (Path file : files.collect(Collectors.toList())) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (!relative.endsWith(".class") || relative.contains("$") || relative.endsWith("package-info.class")) {
          continue;
        }
        String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        if (name.startsWith(PACKAGE + ".")
            && Modifier.isPublic(Class.forName(name, false, PublicApiTest.class.getClassLoader()).getModifiers())) {
          names.add(name);
        }
      }
    }
    return names;
  }

  static boolean isInternal(String className) {
    return className.contains(".internal.");
  }

  @Test
  void thePublicTypesOutsideInternalPackagesAreExactlyTheApi() throws Exception {
    Set<String> api = publicTopLevelTypes().stream().filter(n -> !isInternal(n))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(API), api,
        "a public type outside an internal package is API: keep implementation package-private, or move it to "
            + PACKAGE + ".internal.*");
  }

  @Test
  void everyPublicInternalTypeSaysItIsNotApi() throws Exception {
    List<String> internal = publicTopLevelTypes().stream().filter(PublicApiTest::isInternal)
        .collect(Collectors.toList());
    assertFalse(internal.isEmpty(), "the scan sees the internal package");
    List<String> unmarked = internal.stream().filter(n -> !source(n).contains(INTERNAL_NOTE))
        .collect(Collectors.toList());
    assertEquals(List.of(), unmarked, "add the internal note to their Javadoc: " + INTERNAL_NOTE);
  }

  @Test
  void everyPackageStatesItsNullPolicy() throws IOException {
    assertEquals(List.of(), packagesWithoutNullPolicy(),
        "each package's package-info.java says what it is for and its null policy");
  }

  /** The packages under this module's src/main/java whose package-info.java is missing or silent. */
  static List<Path> packagesWithoutNullPolicy() throws IOException {
    List<Path> packages;
    try (Stream<Path> dirs = Files.walk(Path.of("src/main/java"))) {
      packages = dirs.filter(Files::isDirectory).filter(PublicApiTest::holdsJava).collect(Collectors.toList());
    }
    assertFalse(packages.isEmpty(), "the walk sees the sources");
    return packages.stream()
        .filter(d -> !Files.exists(d.resolve("package-info.java"))
            || !read(d.resolve("package-info.java")).contains("Unless otherwise stated, passing a {@code null}"))
        .collect(Collectors.toList());
  }

  private static boolean holdsJava(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).replaceAll("\\s*\\n\\s*\\*?\\s*", " ");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The type's source, its Javadoc's line breaks and leading asterisks read as single spaces. */
  private static String source(String className) {
    return read(Path.of("src/main/java", className.replace('.', '/') + ".java"));
  }
}
