package com.goteleport.tbot.otel.internal.export;

import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Run in a child JVM by {@link HostCompressorTest}: one send, then its body's encoding as received. */
public final class HostCompressorProbe {

  public static void main(String[] args) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      // Long enough for a cold JVM's first send.
      System.out.println("send " + EventSender.send(StartEvent.builder().build(), URI.create(receiver.url()),
          Duration.ofSeconds(10), Map.of()));
      OtlpReceiver.Received r = receiver.requests().get(0);
      System.out.println("encoding " + r.headers().get("Content-encoding") + " decoded "
          + r.decode().getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getEventName());
    }
  }
}
