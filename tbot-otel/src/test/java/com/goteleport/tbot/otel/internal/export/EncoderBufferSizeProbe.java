package com.goteleport.tbot.otel.internal.export;

import java.lang.reflect.Field;

/** Run in a child JVM by EncoderBufferSizeTest: pins, then prints the encoder's buffer size and the property. */
public final class EncoderBufferSizeProbe {
  public static void main(String[] args) throws Exception {
    EncoderBufferSize.pin();
    Field size = Class.forName("io.opentelemetry.exporter.internal.marshal.CodedOutputStream")
        .getDeclaredField("DEFAULT_BUFFER_SIZE");
    size.setAccessible(true);
    System.out.println("buffer " + size.getInt(null) + " property " + System.getProperty(EncoderBufferSize.PROPERTY));
  }
}
