package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The libraries the CLI jar bundles beyond the library's own dependencies (picocli) are pinned by
 * their SHA-256 in bundled-dependencies.sha256, as tbot-otel/shipped-dependencies.sha256 pins the
 * library's (ShippedDependenciesIT, which checks those): the checksum Maven checks a download
 * against comes from the same server as the jar, and the CLI jar copies every class of what it
 * resolved.
 */
class BundledDependenciesIT {

  /** Relative to the module, the working directory of the ITs. */
  static final Path PINNED = Path.of("bundled-dependencies.sha256");
  static final Path LIBRARY_PINNED = Path.of("..", "tbot-otel", "shipped-dependencies.sha256");

  @Test
  void everyBundledLibraryIsTheJarPinnedByItsHash() throws Exception {
    Map<String, String> own = pins(PINNED);
    Map<String, String> library = pins(LIBRARY_PINNED);
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path jar : BundledLicensesIT.bundledJars()) {
      String name = jar.getFileName().toString();
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
      String want = own.containsKey(name) ? own.remove(name) : library.get(name);
      checked++;
      if (want == null) {
        problems.add("no line for " + name + ": only if it is Maven Central's jar, add \"" + hash + "  " + name
            + "\" to tbot-otel-cli/" + PINNED);
      } else if (!want.equals(hash)) {
        problems.add(name + " hashes to " + hash + ", not the " + want + " pinned for it");
      }
    }
    own.keySet().forEach(gone -> problems.add(gone + " is no longer bundled: remove its line from tbot-otel-cli/" + PINNED));
    assertTrue(checked >= 5, "the class path read: " + checked + " libraries");
    assertEquals(List.of(), problems, "the CLI jar's libraries against their pinned SHA-256");
  }

  /** sha256sum's lines, "HASH  NAME" (or "HASH *NAME"): name to hash. */
  static Map<String, String> pins(Path file) throws Exception {
    Map<String, String> pins = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      assertTrue(line.matches("[0-9a-f]{64} [ *][^/\\\\]+"), file + ": not \"SHA256  FILE\": " + line);
      pins.put(line.substring(66), line.substring(0, 64));
    }
    return pins;
  }
}
