/**
 * The {@code tbot-otel} command line ({@code start}, {@code exec}, {@code preview}). Not a library
 * API: only {@link com.goteleport.tbot.otel.cli.Main} is public, as the jar's entry point.
 *
 * <p>Unless otherwise stated, passing a {@code null} argument to a public constructor or method of
 * a class in this package causes a {@link NullPointerException}. Parameters that take {@code null}
 * are marked {@link javax.annotation.Nullable @Nullable}.
 */
package com.goteleport.tbot.otel.cli;
