package com.goteleport.tbot.otel.internal.export;

import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;

/**
 * Provides {@link SocketHttpSender} to the OTLP exporter. Deliberately not registered with {@code
 * ServiceLoader}: {@link EventSender} hands it to its own exporter only, so a host's own
 * OpenTelemetry exporters keep their senders, and a sender on the host's class path (okhttp, JDK)
 * never replaces this one.
 */
final class SocketHttpSenderProvider implements HttpSenderProvider {

  private final EarlyConnection connection;

  SocketHttpSenderProvider(EarlyConnection connection) {
    this.connection = connection;
  }

  @Override
  public HttpSender createSender(HttpSenderConfig config) {
    return new SocketHttpSender(config, connection);
  }
}
