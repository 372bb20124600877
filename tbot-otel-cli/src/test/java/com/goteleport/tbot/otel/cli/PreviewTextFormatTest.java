package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.Events;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * preview --format text prints the event a field per line, for a person or a screen reader: the
 * same event as the JSON, for start and for exec's COMMAND, with the same line on stderr; json stays
 * the default, and another format is a usage error.
 */
class PreviewTextFormatTest {

  private static final Map<String, String> ENV = Map.of("_TBOT_TELEMETRY_HELPER", "gha:teleport-actions/auth");

  @Test
  void textListsTheJsonsEventAFieldPerLine() {
    for (String[] args : List.of(new String[] {"preview", "--tbot-version", "18.1.0", "--oneshot"},
        new String[] {"preview", "--tbot-version", "18.1.0", "--", "tbot", "start", "identity", "--oneshot",
            "--join-method", "github", "--destination", "/out"})) {
      Cli.Result json = Cli.run(ENV, args);
      String[] textArgs = new String[args.length + 2];
      textArgs[0] = "preview";
      textArgs[1] = "--format";
      textArgs[2] = "text";
      System.arraycopy(args, 1, textArgs, 3, args.length - 1);
      Cli.Result text = Cli.run(ENV, textArgs);
      assertEquals(0, text.exitCode(), text.stderr());
      assertEquals(json.stderr(), text.stderr(), "the same verdict on stderr");
      ExportLogsServiceRequest request = Events.previewRequest(json.stdout());
      List<String> lines = text.stdout().lines().toList();
      assertEquals("event: tbot.start", lines.get(0));
      List<String> attributeLines = lines.stream().filter(l -> l.startsWith("attribute ")).toList();
      List<KeyValue> attributes = request.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getAttributesList();
      assertEquals(attributes.size(), attributeLines.size(), text.stdout());
      for (KeyValue kv : attributes) {
        String value = kv.getValue().hasIntValue()
            ? String.valueOf(kv.getValue().getIntValue()) : kv.getValue().getStringValue();
        assertTrue(attributeLines.contains("attribute " + kv.getKey() + ": " + value), kv + " in " + text.stdout());
      }
      assertTrue(lines.contains("resource attributes: none"), text.stdout());
      assertTrue(text.stdout().endsWith("resource attributes: none" + System.lineSeparator()), text.stdout());
    }
  }

  @Test
  void jsonIsTheDefaultAndAnotherFormatIsAUsageError() {
    assertEquals(Cli.run(ENV, "preview").stdout(), Cli.run(ENV, "preview", "--format", "json").stdout());
    Cli.Result bad = Cli.run(ENV, "preview", "--format", "yaml");
    assertEquals(2, bad.exitCode());
    assertEquals("", bad.stdout());
    assertEquals("tbot-otel: Invalid value for option '--format': 'yaml' is not a format; give json or text; see"
        + " 'tbot-otel preview --help'." + System.lineSeparator(), bad.stderr());
  }
}
