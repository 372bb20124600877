package com.goteleport.tbot.otel;

/**
 * The runnable CLI jar is reproducible as the library jar is: {@link ReproducibleJarIT}'s check, on
 * the jar failsafe names here ({@code tbot.otel.jar}).
 */
class CliJarReproducibleIT extends ReproducibleJarIT {}
