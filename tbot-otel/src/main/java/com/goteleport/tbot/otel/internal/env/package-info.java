/**
 * Variables' names as tbot reads them: on Windows in any case, whatever the map a host passes.
 *
 * <p>Not API. The public classes here are public only for other tbot-otel packages; they are
 * internal, and their APIs are unstable and can change at any time.
 *
 * <p>Unless otherwise stated, passing a {@code null} argument to a public constructor or method of
 * a class in this package causes a {@link NullPointerException}.
 */
package com.goteleport.tbot.otel.internal.env;
