/**
 * What a host sees of the export: how a send ended ({@link com.goteleport.tbot.otel.export.Delivery})
 * and the exact request it sends, as OTLP JSON ({@link com.goteleport.tbot.otel.export.OtlpJson}).
 *
 * <p>Unless otherwise stated, passing a {@code null} argument to a public constructor or method of
 * a class in this package causes a {@link NullPointerException}. Parameters that take {@code null}
 * are marked {@link javax.annotation.Nullable @Nullable}.
 */
package com.goteleport.tbot.otel.export;
