package com.goteleport.tbot.otel.export;

/** How one attempt to send {@code tbot.start} ended. */
public enum Delivery {
  /**
   * The collector answered 2xx: it took the request. A collector answers so for records it drops
   * too (the shipped collector configs drop any record that is not a valid start, and tell the
   * client nothing), and an OTLP partial-success answer, which would count rejected records, is not
   * read.
   */
  DELIVERED,
  /**
   * The collector refused it, the connection failed, or it could not be sent from here at all: an
   * endpoint tbot-otel refuses, an OpenTelemetry too old or a runtime without {@code
   * java.logging}, a SecurityManager's refusal, proxy variables the JVM could not read (and {@code
   * setEnvironment} did not give) or a proxy it cannot use (only an {@code http://} proxy is: not
   * {@code https://} or {@code socks5://}, which are never bypassed), no thread or heap to be had
   * (debug mode says which).
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
