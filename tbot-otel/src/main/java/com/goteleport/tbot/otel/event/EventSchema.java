package com.goteleport.tbot.otel.event;

import java.util.Arrays;
import java.util.List;

/**
 * The identity of the one event tbot sends. The schema version travels as the instrumentation
 * scope's version, the OpenTelemetry way, never as an attribute; the attributes are in {@link
 * Attribute}. The public catalogue, {@code docs/attributes.md}, is rendered from both by the
 * tests' {@code SchemaCatalog}.
 */
public final class EventSchema {

  /** The OpenTelemetry event name ({@code LogRecord.event_name}). */
  public static final String EVENT_NAME = "tbot.start";

  /** The instrumentation scope name the event is emitted under. */
  public static final String SCOPE_NAME = "tbot.anonymous_analytics";

  /**
   * The schema version, sent as the instrumentation scope version. Bump the patch version for a
   * rule made stricter (fewer values pass) or documentation alone, the minor version for an added
   * optional attribute or allowed value, the major version for anything a collector would have to
   * change for (docs/attributes.md, "Versions", keeps the history).
   */
  public static final String VERSION = "1.1.9";

  /**
   * Every schema version released, newest first ({@link #VERSION} first; docs/attributes.md's
   * history says what each changed). The collectors in {@code collector-config/} store a record's
   * scope version only if it is one of these, and their own version otherwise, so the version a
   * client claims carries no number of its choosing.
   */
  public static final List<String> VERSIONS = List.of(VERSION, "1.1.8", "1.1.7", "1.1.6", "1.1.5", "1.1.4", "1.1.3", "1.1.2", "1.1.1", "1.1.0", "1.0.0");

  private EventSchema() {}

  /**
   * The attribute keys, in schema order; unmodifiable.
   *
   * @return the keys
   */
  public static List<String> attributeKeys() {
    return Arrays.stream(Attribute.values()).map(Attribute::key).toList();
  }
}
