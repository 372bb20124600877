package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config saved on Windows (CRLF line ends, maybe a UTF-8 byte order mark) reads as the same config. */
class CrlfConfigTest {

  @TempDir Path dir;

  @Test
  void crlfLineEndsReadAsLf() throws Exception {
    String yaml = "version: v2\nanonymous_analytics: true\noneshot: true\nonboarding:\n  join_method: github\n"
        + "outputs:\n  - type: application\n    app_name: a\n    destination:\n      type: directory\n      path: /o\n";
    String lf = preview(Files.writeString(dir.resolve("lf.yaml"), yaml));
    assertEquals(lf, preview(Files.writeString(dir.resolve("crlf.yaml"), yaml.replace("\n", "\r\n"))));
    Path bom = dir.resolve("bom.yaml");
    Files.write(bom, ("\uFEFF" + yaml.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));
    assertEquals(lf, preview(bom));
    assertTrue(lf.contains("github"), lf);
    Path no = Files.writeString(dir.resolve("no.yaml"), "anonymous_analytics: false\r\n");
    Cli.Result r = Cli.run(Map.of(), "preview", "--anonymous-analytics", "-c", no.toString());
    assertTrue(r.stderr().contains("would send nothing"), r.stderr());
  }

  private static String preview(Path config) {
    Cli.Result r = Cli.run(Map.of(), "preview", "-c", config.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout().replaceAll("\"timeUnixNano\":\"\\d+\"", "").replaceAll("\"observedTimeUnixNano\":\"\\d+\"", "");
  }
}
