package com.goteleport.tbot.otel.event;

/** The OTLP value type an attribute of the event is sent as. */
public enum AttributeType {
  /** Sent as an OTLP {@code stringValue}. */
  STRING,
  /** Sent as an OTLP {@code intValue} (a 64-bit integer). */
  INT
}
