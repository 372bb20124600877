/**
 * The send of {@code tbot.start} over OTLP/HTTP: the OpenTelemetry SDK pipeline, tbot-otel's own
 * HTTP sender, proxies, TLS and the diagnostics that keep the SDK's logging from the host.
 *
 * <p>Not API. The public classes here are public only for other tbot-otel packages; they are
 * internal, and their APIs are unstable and can change at any time. Hosts use {@link
 * com.goteleport.tbot.otel.AnonymousAnalytics} and the {@code export} package.
 *
 * <p>Unless otherwise stated, passing a {@code null} argument to a public constructor or method of
 * a class in this package causes a {@link NullPointerException}. Parameters that take {@code null}
 * are marked {@link javax.annotation.Nullable @Nullable}.
 */
package com.goteleport.tbot.otel.internal.export;
