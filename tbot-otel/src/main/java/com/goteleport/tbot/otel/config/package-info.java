/**
 * Reading what tbot-otel needs from tbot's YAML config, flags and variables, with one-line
 * {@link com.goteleport.tbot.otel.config.ConfigException} messages that name the field and the fix.
 *
 * <p>Unless otherwise stated, passing a {@code null} argument to a public constructor or method of
 * a class in this package causes a {@link NullPointerException}. Parameters that take {@code null}
 * are marked {@link javax.annotation.Nullable @Nullable}.
 */
package com.goteleport.tbot.otel.config;
