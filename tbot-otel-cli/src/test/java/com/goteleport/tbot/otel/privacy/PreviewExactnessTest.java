package com.goteleport.tbot.otel.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.Events;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code preview} is exact: for the same inputs, the OTLP JSON it prints and the protobuf the
 * receiver gets from {@code start} are the same message (event name, severity, scope name, version
 * and schema URL, resource, every attribute with its type and value), compared whole: neither
 * carries a timestamp, so nothing is left out of the comparison.
 */
class PreviewExactnessTest {

  static final long SEED = 0x5EE1L;
  static final int CASES = 30;

  static OtlpReceiver receiver;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    receiver = OtlpReceiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @Test
  void previewPrintsTheMessageStartSends() throws Exception {
    int base = receiver.requests().size();
    for (int i = 0; i < CASES; i++) {
      LeakCases.Case c = LeakCases.generate(SEED, i, dir);
      String context = "case " + i + " (" + c.description() + ")";
      Map<String, String> env = c.env(receiver.url());

      Cli.Result preview = Cli.run(env, c.previewArgs(receiver.url()).toArray(String[]::new));
      assertEquals(0, preview.exitCode(), context + ": " + preview.stderr());
      assertEquals(base + i, receiver.requests().size(), context + ": preview sent something");
      ExportLogsServiceRequest previewed = parseJson(preview.stdout());

      Cli.Result start = Cli.run(env, c.startArgs(receiver.url(), "5s").toArray(String[]::new));
      assertEquals(0, start.exitCode(), context + ": " + start.stderr());
      List<OtlpReceiver.Received> got = receiver.await(base + i + 1, Duration.ofSeconds(5));
      assertEquals(base + i + 1, got.size(), context);
      ExportLogsServiceRequest sent = got.get(base + i).decode();

      assertEquals(sent, previewed, context);
      // Same attributes in the same order, and what preview shows is itself anonymous.
      assertEquals(Wire.assertSchemaOnly(sent, context), Wire.assertSchemaOnly(previewed, context), context);
      assertEquals(c.expected().attributes(), Wire.assertSchemaOnly(previewed, context), context);
      for (String m : c.markers()) {
        assertFalse(preview.stdout().contains(m), context + ": preview shows marker " + m);
      }
    }
  }

  /**
   * preview only shows: with no source, a no, or a yes, for start or for exec's command, it sends
   * nothing to the endpoint it names.
   */
  @Test
  void previewSendsNothingWhateverTheConsent() throws Exception {
    int base = receiver.requests().size();
    for (List<String> consent : List.of(
        List.<String>of(), List.of("--no-anonymous-analytics"), List.of("--anonymous-analytics"))) {
      for (List<String> command : List.of(List.<String>of(), List.of("--", "tbot", "start"))) {
        List<String> args = new ArrayList<>(List.of("preview", "--anonymous-analytics-endpoint", receiver.url()));
        args.addAll(consent);
        args.addAll(command);
        Cli.Result r = Cli.run(Map.of(), args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), args + ": " + r.stderr());
        assertTrue(r.stdout().contains("\"eventName\":\"tbot.start\""), args + ": " + r.stdout() + r.stderr());
        assertTrue(r.stderr().startsWith("tbot-otel: preview only, nothing was sent."), args + ": " + r.stderr());
      }
    }
    // A send would have been waited for at exit; the wait here covers one still on its way.
    assertEquals(base, receiver.await(base + 1, Duration.ofSeconds(1)).size(), "preview sent something");
  }

  @Test
  void theComparisonSeesADifference() throws Exception {
    // Guard against a vacuous comparison: one changed attribute value must make the messages differ.
    Cli.Result a = Cli.run(Map.of(), "preview", "--join-method", "github", "--tbot-version", "18.1.0");
    Cli.Result b = Cli.run(Map.of(), "preview", "--join-method", "tpm", "--tbot-version", "18.1.0");
    assertEquals(0, a.exitCode() + b.exitCode(), a.stderr() + b.stderr());
    Cli.Result again = Cli.run(Map.of(), "preview", "--join-method", "github", "--tbot-version", "18.1.0");
    assertEquals(parseJson(a.stdout()), parseJson(again.stdout()), "same inputs, same message");
    assertNotEquals(parseJson(a.stdout()), parseJson(b.stdout()));
  }

  @Test
  void previewJsonHasTheOtlpShape() throws Exception {
    String json = Cli.run(Map.of(), "preview", "--tbot-version", "18.1.0").stdout();
    assertTrue(json.contains("\"eventName\":\"tbot.start\""), json);
    assertTrue(json.contains("\"resource\":{\"attributes\":[]"), "empty resource: " + json);
    assertTrue(json.contains("\"intValue\":\"0\""), "ints as OTLP JSON int64 strings: " + json);
    assertEquals(1, json.strip().lines().count(), "one line");
    ExportLogsServiceRequest parsed = parseJson(json);
    assertEquals("18.1.0", Wire.assertSchemaOnly(parsed, "preview").get("version"));
  }

  /** Parses preview's output strictly: see {@link Events#previewRequest}. */
  static ExportLogsServiceRequest parseJson(String json) {
    return Events.previewRequest(json);
  }
}
