/**
 * tbot-otel's library entry point: {@link com.goteleport.tbot.otel.AnonymousAnalytics}, which a
 * Java agent builds at start-up to send the anonymous {@code tbot.start} event, only with the user's
 * consent.
 *
 * <p>Unless otherwise stated, passing a {@code null} argument to a public constructor or method of
 * a class in this package causes a {@link NullPointerException}. Parameters that take {@code null}
 * are marked {@link javax.annotation.Nullable @Nullable}.
 */
package com.goteleport.tbot.otel;
