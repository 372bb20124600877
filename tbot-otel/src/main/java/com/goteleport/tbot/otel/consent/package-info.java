/**
 * The user's decision on anonymous analytics, resolved from every source by one rule: sent only if
 * a source says yes and none says no.
 *
 * <p>Unless otherwise stated, passing a {@code null} argument to a public constructor or method of
 * a class in this package causes a {@link NullPointerException}. Parameters that take {@code null}
 * are marked {@link javax.annotation.Nullable @Nullable}.
 */
package com.goteleport.tbot.otel.consent;
