package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config at the size limit written as many tiny values asked a host for some 200 MB of heap:
 * with {@code -Xmx128m} the read threw {@link OutOfMemoryError} into the host. Each shape below is
 * now refused with one line, in a host of 32 MB whose own heap it leaves alone.
 */
class ConfigHeapTest {

  /** One mebibyte, less a little: each shape as its first line and the item it repeats. */
  private static final Map<String, String[]> SHAPES = Map.of(
      "flow-list", new String[] {"version: v2\nx: [", "0,"},
      "flow-lists", new String[] {"version: v2\nx: [", "[],"},
      "flow-maps", new String[] {"version: v2\nx: [", "{},"},
      "flow-pairs", new String[] {"version: v2\nx: [", "? ,"},
      "block-list", new String[] {"version: v2\nx:\n", "- 0\n"},
      "mapping", new String[] {"version: v2\nx:\n", "  k%d: 0\n"});

  @Test
  void aConfigOfManyTinyValuesIsRefusedInASmallHeap(@TempDir Path dir) throws Exception {
    List<String> args = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (Map.Entry<String, String[]> shape : SHAPES.entrySet()) {
      StringBuilder text = new StringBuilder(shape.getValue()[0]);
      for (int i = 0; text.length() < ConfigText.MAX_FILE_BYTES - 64; i++) {
        text.append(String.format(shape.getValue()[1], i));
      }
      text.append(shape.getValue()[0].endsWith("[") ? "0]\n" : "");
      Path file = Files.writeString(dir.resolve(shape.getKey() + ".yaml"), text);
      args.add(file.toString());
      expected.add("host: read threw " + ConfigException.class.getName() + ": " + file + ": has more than "
          + GoYamlComposer.MAX_NODES + " YAML values, where tbot's configs have hundreds; give tbot's YAML config.");
    }
    ChildJvm.Result r = ChildJvm.runMain(List.of("-Xmx32m"), ConfigHeapHost.class, Duration.ofSeconds(60),
        args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(expected, r.stdout().lines().filter(l -> l.startsWith("host: ")).toList(), r.stdout() + r.stderr());
  }
}
