package com.goteleport.tbot.otel.internal.export;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Keeps a broken {@code OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE} away from the protobuf encoder. The
 * exporter's {@code CodedOutputStream} sizes the buffer of every thread that encodes, once per class
 * loader and without bounds, from the system property {@value #PROPERTY} or else that variable (each
 * in any case, with {@code .} for {@code -} or {@code _}): {@code -1}, {@code 0} or {@code 1} fail every export, and
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

  /**
   * Initialises the encoder class with a workable buffer size. Throws only a {@link
   * SecurityException}, where a SecurityManager denies reading the system properties or the
   * environment: the send then fails, and says why.
   */
  static synchronized void pin() {
    if (done) {
      return;
    }
    done = true;
    Properties properties = System.getProperties();
    Map<Object, Object> spellings = propertySpellings(properties);
    boolean broken = false;
    for (Object value : spellings.values()) {
      broken |= !workable(String.valueOf(value));
    }
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      broken |= normalized(e.getKey(), '_').equals(KEY) && !workable(e.getValue());
    }
    if (!broken) {
      return;
    }
    // The SDK takes the first spelling it meets, in no set order: every one is replaced meanwhile,
    // the exact one included (a property beats the variable).
    spellings.putIfAbsent(PROPERTY, null);
    // Copied before anything changes, and put back by index: the restore allocates nothing (no
    // iterator, no lambda to link), so a full heap cannot leave the JVM's properties changed.
    Object[] keys = spellings.keySet().toArray();
    Object[] befores = new Object[keys.length];
    for (int i = 0; i < keys.length; i++) {
      befores[i] = spellings.get(keys[i]);
    }
    try {
      for (int i = 0; i < keys.length; i++) {
        properties.put(keys[i], DEFAULT);
      }
      // A no-op if the class is initialised already (by the host's own OpenTelemetry, say).
      Class.forName(ENCODER, true, EncoderBufferSize.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      Diagnostics.debug("cannot pin the OTLP encoder's buffer size: " + e);
    } finally {
      // Only our own values are taken back: one a host thread set meanwhile stays.
      for (int i = 0; i < keys.length; i++) {
        if (befores[i] == null) {
          properties.remove(keys[i], DEFAULT);
        } else {
          properties.replace(keys[i], DEFAULT, befores[i]);
        }
      }
    }
  }

  /** Every system property the SDK's {@code ConfigUtil} reads as {@value #PROPERTY}, with its value. */
  static Map<Object, Object> propertySpellings(Properties properties) {
    Map<Object, Object> found = new HashMap<>();
    for (Map.Entry<Object, Object> p : properties.entrySet()) {
      if (normalized(String.valueOf(p.getKey()), '-').equals(KEY)) {
        found.put(p.getKey(), p.getValue());
      }
    }
    return found;
  }

  // ConfigUtil's normalisation: lower case, and '-' (properties) or '_' (variables) read as '.'.
  private static String normalized(String key, char separator) {
    return key.toLowerCase(Locale.ROOT).replace(separator, '.');
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
