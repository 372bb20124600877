package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter's gzip lookup loads every {@code Compressor} on the class path through the
 * ServiceLoader and constructs it: a host's own, on the analytics thread. The send gzips the body
 * itself, so none is. Red before: "host compressor constructed on" the sending thread, twice.
 */
class HostCompressorTest {

  @Test
  void aHostsCompressorIsNeverConstructedAndTheBodyIsStillGzip(@TempDir Path dir) throws Exception {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve("io.opentelemetry.sdk.common.export.Compressor"),
        LoudCompressor.class.getName() + "\n");
    ChildJvm.Result r = ChildJvm.run(List.of(ChildJvm.javaBinary(), "-cp",
        System.getProperty("java.class.path") + File.pathSeparator + dir, HostCompressorProbe.class.getName()),
        ChildJvm.baseEnv(), Duration.ofSeconds(60));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(List.of("send DELIVERED", "encoding [gzip] decoded tbot.start"), r.stdout().lines().toList(),
        r.stderr());
  }
}
