package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.AttributeType;
import com.goteleport.tbot.otel.event.EventSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/attributes.md's "For a second implementation (Go tbot)": its Go record is the schema's (the
 * scope, the event name, the severity, each attribute once with its Go constructor for its OTLP
 * type, the optional ones only under a condition), and what it says of the collectors and the Go
 * SDK is what the configs and {@link GoSdk} (the request those tests send) hold.
 */
class SecondImplementationDocTest {

  private static final String HEADING = "## For a second implementation (Go tbot)";

  private static final Pattern ATTRIBUTE = Pattern.compile("log\\.(String|Int)\\(\"([^\"]+)\"");

  /** The section, up to the next heading of its level. */
  private static String section() throws Exception {
    String doc = EnvironmentDocsTest.read("docs/attributes.md");
    int start = doc.indexOf(HEADING);
    assertTrue(start >= 0, "docs/attributes.md has a section " + HEADING);
    int end = doc.indexOf("\n## ", start + HEADING.length());
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  private static String goBlock() throws Exception {
    String s = section();
    int open = s.indexOf("```go\n");
    assertTrue(open >= 0, "the section shows the record in Go");
    return s.substring(open, s.indexOf("```", open + 6));
  }

  @Test
  void theGoRecordHasTheSchemasScopeEventNameAndSeverity() throws Exception {
    String go = goBlock();
    String logger = "provider.Logger(\"" + EventSchema.SCOPE_NAME + "\", log.WithInstrumentationVersion(\""
        + EventSchema.VERSION + "\"))";
    assertTrue(go.contains(logger), "the scope and the schema version: " + logger);
    assertTrue(go.contains("r.SetEventName(\"" + EventSchema.EVENT_NAME + "\")"), "the event name as the field");
    // tbot-otel's EventRecorder and the generated table: INFO.
    assertTrue(EnvironmentDocsTest.read("docs/attributes.md").contains("| severity | `INFO` (`severity_number` 9; no `severity_text`) |"),
        "the table's severity");
    assertTrue(go.contains("r.SetSeverity(log.SeverityInfo)"), "INFO in Go");
  }

  @Test
  void theGoRecordAddsEachAttributeOnceWithItsTypesConstructorAndTheOptionalOnesUnderACondition() throws Exception {
    String go = goBlock();
    int firstCondition = go.indexOf("\nif ");
    assertTrue(firstCondition >= 0, "the optional attributes are added under a condition");
    List<String> keys = new ArrayList<>();
    Matcher m = ATTRIBUTE.matcher(go);
    while (m.find()) {
      Attribute a = Attribute.forKey(m.group(2));
      assertTrue(a != null, m.group(2) + " is no attribute of the schema");
      keys.add(a.key());
      assertEquals(a.type() == AttributeType.INT ? "Int" : "String", m.group(1), a.key() + "'s constructor");
      assertEquals(!a.required(), m.start() > firstCondition,
          a.key() + (a.required() ? " is sent always: before" : " is optional: after") + " the first if");
    }
    List<String> schema = new ArrayList<>(EventSchema.attributeKeys());
    schema.sort(null);
    keys.sort(null);
    assertEquals(schema, keys, "every attribute of the schema, once");
  }

  @Test
  void itPointsAtTheConformanceCasesAndTheTestsThatHoldThem() throws Exception {
    String s = section();
    String file = ConformanceCasesCollectorTest.FILE.substring("docs/".length());
    assertTrue(s.contains("[" + file + "](" + file + ")"), "the section links " + ConformanceCasesCollectorTest.FILE);
    assertTrue(s.contains("the client's to port, and to test with the [conformance cases](#conformance-cases)"),
        "the collectors' table sends a port to the cases");
    for (String test : List.of("ConformanceCasesTest", "ConformanceCasesCollectorTest")) {
      assertTrue(s.contains("`" + test + "`"), "the section names " + test);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml"})
  void theRequestsBoundIsTheReceivers(String file) throws Exception {
    int bytes = AllowlistDriftTest.at(AllowlistDriftTest.load(file), "receivers", "otlp", "protocols", "http",
        "max_request_body_size");
    assertEquals(0, bytes % 1024, file);
    assertTrue(ScalingDocsTest.page("docs/attributes.md").contains(
        "at most " + bytes / 1024 + " KiB after decompression, the resource included"), file + ": " + bytes);
  }

  @Test
  void whatItSaysTheGoSdkSendsIsWhatTheCollectorsTestsSend() throws Exception {
    String s = section().replaceAll("\\s+", " ");
    assertTrue(s.contains("sdk v" + GoSdk.SDK_VERSION), "the SDK version GoSdk was captured from");
    assertTrue(s.contains("schema URL `" + GoSdk.RESOURCE_SCHEMA_URL + "`"), "the resource's schema URL");
    Map<String, String> attributes = new java.util.TreeMap<>();
    GoSdk.defaultResource(Map.of()).getAttributesList().forEach(kv ->
        attributes.put(kv.getKey(), kv.getValue().getStringValue()));
    assertEquals(List.of("service.name", "telemetry.sdk.language", "telemetry.sdk.name", "telemetry.sdk.version"),
        List.copyOf(attributes.keySet()), "GoSdk's default resource");
    assertTrue(attributes.get("service.name").startsWith("unknown_service:")
        && s.contains("`service.name` `unknown_service:` and the executable's name, `telemetry.sdk.*`"),
        "the default resource as the section names it");
  }
}
