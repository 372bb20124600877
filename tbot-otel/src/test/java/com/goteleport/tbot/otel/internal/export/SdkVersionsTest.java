package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The version comparison, and the gate on this class path's own OpenTelemetry (1.68.0: allowed). */
class SdkVersionsTest {

  @ParameterizedTest
  @CsvSource({
      "1.66.0, true", "1.66.9, true", "1.40.0, true", "0.99.0, true", "1.67.0, false", "1.67.1, false",
      "1.68.0, false", "1.100.0, false", "2.0.0, false", "1.66.0-SNAPSHOT, true", "1.67.0-alpha, false",
      "1.66, true", "1.67, false", "x, false", "'', false", "1.a.0, false", "1.2.3.4, false"})
  void older(String version, boolean older) {
    assertEquals(older, SdkVersions.older(version, SdkVersions.MINIMUM), version);
  }

  @Test
  void theBuildsOwnOpenTelemetryIsAllowed() {
    assertNull(SdkVersions.tooOld(SdkVersions.class.getClassLoader()));
  }

  @Test
  void aModuleBelowTheMinimumIsNamedAndOneWithoutAVersionIsNotJudged(@TempDir Path dir) throws Exception {
    Path logs = dir.resolve("io/opentelemetry/sdk/logs/version.properties");
    Files.createDirectories(logs.getParent());
    Files.writeString(logs, "sdk.version=1.62.0\n", StandardCharsets.UTF_8);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertEquals("opentelemetry-sdk-logs 1.62.0 is on the class path; tbot-otel needs OpenTelemetry Java 1.67.0 or newer",
          SdkVersions.tooOld(loader));
    }
    Files.writeString(logs, "no.version=here\n", StandardCharsets.UTF_8);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertNull(SdkVersions.tooOld(loader));
    }
  }
}
