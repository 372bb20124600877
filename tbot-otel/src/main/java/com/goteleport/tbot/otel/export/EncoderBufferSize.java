package com.goteleport.tbot.otel.export;

/**
 * Keeps an ambient {@code OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE} away from the protobuf encoder. The
 * exporter's {@code CodedOutputStream} sizes the buffer of every thread that encodes, once per class
 * loader and without bounds, from the system property {@value #PROPERTY} or else that variable:
 * {@code -1}, {@code 0} or {@code 1} fail every export, and {@code 2000000000} allocates 2 GB for a
 * 300-byte event. So where the variable is set and the host has not set the property itself, the
 * class is initialised with the property at the SDK's own default, for that moment only.
 */
final class EncoderBufferSize {

  static final String PROPERTY = "otel.experimental.otlp.buffer-size";
  static final String VARIABLE = "OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE";

  // The SDK's default (50 KiB); the event needs ~500 bytes.
  private static final String DEFAULT = "51200";
  private static final String ENCODER = "io.opentelemetry.exporter.internal.marshal.CodedOutputStream";

  private EncoderBufferSize() {}

  /** Initialises the encoder class unswayed by the variable. Never throws. */
  static synchronized void pin() {
    if (System.getenv(VARIABLE) == null || System.getProperty(PROPERTY) != null) {
      return; // nothing ambient to ignore, or the host's own explicit setting: left as it is
    }
    try {
      System.setProperty(PROPERTY, DEFAULT);
      // A no-op if the class is initialised already (by the host's own OpenTelemetry, say).
      Class.forName(ENCODER, true, EncoderBufferSize.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      Diagnostics.debug("cannot pin the OTLP encoder's buffer size: " + e);
    } finally {
      try {
        System.clearProperty(PROPERTY);
      } catch (SecurityException ignored) {
        // set it we could not either
      }
    }
  }
}
