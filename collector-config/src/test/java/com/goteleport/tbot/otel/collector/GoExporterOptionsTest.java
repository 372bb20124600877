package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/attributes.md tells a Go tbot which otlploghttp options (v0.20.0) make its request as
 * tbot-otel's is: gzip, one attempt, no redirect followed. src/test/go/otlploghttp-options sends
 * one record with those options to loopback receivers, and once with the exporter's defaults, which
 * the doc says differ: the doc's claims, run.
 */
class GoExporterOptionsTest {

  private static final Path PROGRAM = Path.of("src/test/go/otlploghttp-options");
  private static Path binary;

  @BeforeAll
  static void build() throws Exception {
    binary = Path.of("target/otlploghttp-options").toAbsolutePath();
    Path log = Files.createDirectories(Path.of("target")).resolve("otlploghttp-options-build.txt");
    ProcessBuilder pb = new ProcessBuilder("go", "build", "-trimpath", "-o", binary.toString(), ".")
        .directory(PROGRAM.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(Map.of("GOTOOLCHAIN", "local", "GOFLAGS", "-mod=readonly", "CGO_ENABLED", "0"));
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    assertEquals(0, p.isAlive() ? -1 : p.exitValue(), "go build: " + Files.readString(log));
  }

  private static Process start(String endpoint, String... more) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(binary.toString(), endpoint, EventSchema.VERSION));
    cmd.addAll(List.of(more));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static void send(String endpoint, String... more) throws Exception {
    Process p = start(endpoint, more);
    try {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the program ends: its export is bounded");
      assertEquals(0, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void theDocsOptionsAreTheProgramsAndNameEverySettingThatDiffers() throws Exception {
    String doc = EnvironmentDocsTest.read("docs/attributes.md");
    String program = Files.readString(PROGRAM.resolve("main.go"), StandardCharsets.UTF_8);
    for (String option : List.of("WithCompression(otlploghttp.GzipCompression)",
        "WithRetry(otlploghttp.RetryConfig{Enabled: false})", "WithTimeout", "WithHTTPClient", "CheckRedirect",
        "http.ErrUseLastResponse")) {
      assertTrue(doc.contains(option), "attributes.md names " + option);
      assertTrue(program.contains(option), "the program uses " + option);
    }
    assertTrue(doc.contains("`otlploghttp` v0.20.0"), "the version the program builds with");
    assertTrue(Files.readString(PROGRAM.resolve("go.mod")).contains("otlploghttp v0.20.0"));
  }

  @Test
  void withTheDocsOptionsTheRequestIsGzipAndTheRecordIsTheEvent() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      send(receiver.url());
      List<OtlpReceiver.Received> got = receiver.requests();
      assertEquals(1, got.size());
      assertEquals(List.of("gzip"), got.get(0).headers().get("Content-encoding"));
      ScopeLogs scope = got.get(0).decode().getResourceLogs(0).getScopeLogs(0);
      assertEquals(EventSchema.SCOPE_NAME, scope.getScope().getName());
      assertEquals(EventSchema.EVENT_NAME, scope.getLogRecords(0).getEventName());
    }
    // The exporter's default: no compression.
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      send(receiver.url(), "defaults");
      assertEquals(1, receiver.requests().size());
      assertEquals(null, receiver.requests().get(0).headers().get("Content-encoding"));
    }
  }

  @Test
  void withTheDocsOptionsA503IsNotRetriedAndByDefaultItIs() throws Exception {
    // The program exits as soon as its one attempt is answered.
    try (OtlpReceiver receiver = OtlpReceiver.start().respondWith(503)) {
      send(receiver.url());
      assertEquals(1, receiver.requests().size(), "one attempt");
    }
    // By default the exporter retries for up to a minute, and WithTimeout (2 s here) does not end
    // them: the Emit of a Go tbot would block that long, as the doc warns.
    try (OtlpReceiver receiver = OtlpReceiver.start().respondWith(503)) {
      long started = System.nanoTime();
      Process p = start(receiver.url(), "defaults");
      try {
        int attempts = receiver.await(2, java.time.Duration.ofSeconds(15)).size();
        assertTrue(attempts >= 2, "the exporter's default retries: " + attempts + " attempt(s)");
        Thread.sleep(Math.max(0, 4000 - (System.nanoTime() - started) / 1_000_000));
        assertTrue(p.isAlive(), "still retrying 4 s in, past its 2 s timeout");
      } finally {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void withTheDocsOptionsARedirectIsNotFollowedAndByDefaultItIs() throws Exception {
    try (OtlpReceiver target = OtlpReceiver.start(); OtlpReceiver redirect = OtlpReceiver.start()) {
      redirect.redirectTo(target.url());
      send(redirect.url());
      assertEquals(1, redirect.requests().size());
      assertEquals(0, target.requests().size(), "not followed");
      send(redirect.url(), "defaults");
      assertEquals(1, target.requests().size(), "Go's client follows a 307 by default");
    }
  }
}
