package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * build-collector.sh as a user runs it, on the cache the other tests filled (so nothing is built
 * here).
 */
class BuildCollectorScriptTest {

  @Test
  void aRelativeCacheDirectoryStillGivesAnAbsolutePath() throws Exception {
    // TBOT_OTEL_CACHE=cache, relative to the caller's directory, names the same cache as the
    // absolute path the tests use (through a link). The printed path must work from anywhere
    // (the tests' Collector.binary() runs the script in collector-config/ and uses the path from
    // another directory), and a build must not fail on "GOBIN must be an absolute path".
    Path binary = Collector.binary();
    Path cacheRoot = binary.getParent().getParent().getParent();
    Path caller = Files.createDirectories(Collector.BUILD_DIR.resolve("build-script-relative"));
    Path link = caller.resolve("cache");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, cacheRoot);

    Path out = caller.resolve("stdout.txt");
    Path err = caller.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder("bash", Collector.config("build-collector.sh").toString())
        .directory(caller.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().clear();
    // An exported CDPATH makes bash's cd print the directory it found: not into the printed path.
    pb.environment().putAll(Collector.environment(Map.of("TBOT_OTEL_CACHE", "cache", "CDPATH", caller.toString())));
    Process p = pb.start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a cache hit must return at once");
    assertEquals(0, p.exitValue(), Collector.tail(err, 20));

    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
    Path printed = Path.of(last);
    assertTrue(printed.isAbsolute(), "printed a path relative to the script's caller: '" + last + "'");
    assertEquals(binary.toRealPath(), printed.toRealPath(), "the cached binary");
  }
}
