/**
 * What of a user's words tbot-otel's messages may quote: its config reader's and its CLI's errors
 * follow one rule.
 *
 * <p>Not API. The public classes here are public only for other tbot-otel packages; they are
 * internal, and their APIs are unstable and can change at any time.
 *
 * <p>Unless otherwise stated, passing a {@code null} argument to a public constructor or method of
 * a class in this package causes a {@link NullPointerException}.
 */
package com.goteleport.tbot.otel.internal.text;
