package com.goteleport.tbot.otel.export;

/** How one attempt to send {@code tbot.start} ended. */
public enum Delivery {
  /** The collector accepted the event (2xx). */
  DELIVERED,
  /**
   * The collector refused it, the connection failed, or it could not be sent from here at all: an
   * endpoint tbot-otel refuses, an OpenTelemetry too old or a runtime without {@code
   * java.logging}, a SecurityManager's refusal, proxy variables the JVM could not read (and {@code
   * setEnvironment} did not give), no thread or heap to be had (debug mode says which).
   */
  FAILED,
  /**
   * No answer within the time allowed (the send timeout, or the exit timeout at {@code close}); the
   * attempt was abandoned.
   */
  TIMED_OUT,
  /** Nothing was attempted: no consent, or no event recorded (none before {@code close}). */
  NOT_ATTEMPTED,
  /** The host did not confirm the start before the send was due, so nothing was sent. */
  CANCELLED,
  /** Under way. */
  PENDING
}
