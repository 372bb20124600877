/**
 * The {@code tbot.start} event and its schema: the attributes it may carry, their types and
 * bounds, and the values checked against them when an event is first read.
 *
 * <p>Unless otherwise stated, passing a {@code null} argument to a public constructor or method of
 * a class in this package causes a {@link NullPointerException}. Parameters that take {@code null}
 * are marked {@link javax.annotation.Nullable @Nullable}.
 */
package com.goteleport.tbot.otel.event;
