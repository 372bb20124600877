package com.goteleport.tbot.otel.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.event.RunMode;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.OtlpJson;
import com.goteleport.tbot.otel.testing.Events;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A library host shows its user what would be sent, as the README says, with {@link
 * OtlpJson#exportRequest}: the same message {@link AnonymousAnalytics#recordStart} then sends for
 * the event, whole (it carries no timestamp); rendering it sends nothing, with or without consent.
 */
class LibraryPreviewTest {

  @Test
  void theHostsPreviewIsTheMessageRecordStartSends() throws Exception {
    StartEvent event = StartEvent.builder().setRunMode(RunMode.ONE_SHOT).setVersion("18.1.0").setJoinType("github")
        .setHelper("gha:teleport-actions/auth").setHelperVersion("v2.0.1")
        .setDestinations(new DestinationCounts(3, 1, 1, 0)).build();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ExportLogsServiceRequest previewed = Events.previewRequest(OtlpJson.exportRequest(event));
      assertEquals(0, receiver.requests().size(), "the preview sends nothing");

      try (AnonymousAnalytics analytics = AnonymousAnalytics.builder()
          .setConsent(Consent.resolve(true, null, Map.of()))
          .setEndpoint(URI.create(receiver.url()))
          .setExitTimeout(Duration.ofSeconds(5))
          .setEnvironment(Map.of())
          .build()) {
        analytics.recordStart(event);
      }
      ExportLogsServiceRequest sent = receiver.await(1, Duration.ofSeconds(5)).get(0).decode();
      assertEquals(sent, previewed);
      assertEquals(Wire.assertSchemaOnly(sent, "sent"), Wire.assertSchemaOnly(previewed, "previewed"));
    }
  }
}
