package com.goteleport.tbot.otel.export;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import javax.annotation.Nullable;

/**
 * Keeps a broken {@code OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE} away from the protobuf encoder. The
 * exporter's {@code CodedOutputStream} sizes the buffer of every thread that encodes, once per class
 * loader and without bounds, from the system property {@value #PROPERTY} or else that variable (in
 * any case, {@code _} for {@code .}): {@code -1}, {@code 0} or {@code 1} fail every export, and
 * {@code 2000000000} allocates 2 GB for a 300-byte event. A size from {@value #MIN} bytes to 16 MiB
 * is a host's own choice for its own exporter and is left alone; any other is replaced by the SDK's
 * default while the class initialises, and the property is then put back as it was.
 */
final class EncoderBufferSize {

  static final String PROPERTY = "otel.experimental.otlp.buffer-size";
  static final int MIN = 1024;
  static final int MAX = 16 * 1024 * 1024;

  // The SDK's default (50 KiB); the event needs ~500 bytes.
  private static final String DEFAULT = "51200";
  private static final String ENCODER = "io.opentelemetry.exporter.internal.marshal.CodedOutputStream";
  private static final String KEY = PROPERTY.replace('-', '.');

  private static boolean done; // guarded by the class: the encoder initialises once per class loader

  private EncoderBufferSize() {}

  /** Initialises the encoder class with a workable buffer size. Never throws. */
  static synchronized void pin() {
    if (done) {
      return;
    }
    done = true;
    String configured = configured(System.getProperties(), System.getenv());
    if (configured == null || workable(configured)) {
      return;
    }
    Properties properties = System.getProperties();
    Object before = properties.get(PROPERTY);
    try {
      properties.put(PROPERTY, DEFAULT);
      // A no-op if the class is initialised already (by the host's own OpenTelemetry, say).
      Class.forName(ENCODER, true, EncoderBufferSize.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      Diagnostics.debug("cannot pin the OTLP encoder's buffer size: " + e);
    } finally {
      // Only our own value is taken back: one a host thread set meanwhile stays.
      if (before == null) {
        properties.remove(PROPERTY, DEFAULT);
      } else {
        properties.replace(PROPERTY, DEFAULT, before);
      }
    }
  }

  /** The value the SDK would read, found as its {@code ConfigUtil} finds it; null if none. */
  @Nullable
  static String configured(Properties properties, Map<String, String> env) {
    for (Map.Entry<Object, Object> p : properties.entrySet()) {
      if (p.getKey() instanceof String && p.getValue() instanceof String
          && ((String) p.getKey()).toLowerCase(Locale.ROOT).replace('-', '.').equals(KEY)) {
        return (String) p.getValue();
      }
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).replace('_', '.').equals(KEY)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Whether the SDK would use {@code value} as is without harm (it ignores what is not a number). */
  static boolean workable(String value) {
    try {
      int size = Integer.parseInt(value);
      return size >= MIN && size <= MAX;
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
