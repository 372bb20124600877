package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.OtlpJson;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a child JVM by {@link EncoderBufferSizeTest}, with a buffer size of the environment's: a
 * preview, which initialises the encoder first, then a send in the same JVM. Prints the preview's
 * length (or its failure) and how the send ended.
 */
public final class PreviewThenSendProbe {

  public static void main(String[] args) throws Exception {
    StartEvent event = StartEvent.builder().setHelper("gha").build();
    try {
      System.out.println("preview " + (OtlpJson.exportRequest(event).contains("\"tbot.start\"") ? "ok" : "wrong"));
    } catch (RuntimeException e) {
      System.out.println("preview " + e);
    }
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      // Long enough for a cold JVM's first send.
      System.out.println("send " + EventSender.send(event, URI.create(receiver.url()), Duration.ofSeconds(10), Map.of()));
    }
  }
}
