package com.goteleport.tbot.otel.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command reads and writes besides its arguments; injected so tests can run the CLI
 * in-process. {@code processEnvironment}: {@code env} is this process's own environment, which a
 * child can then inherit byte for byte (a copy made of Java strings cannot always be encoded back).
 */
record CliContext(Map<String, String> env, PrintStream out, PrintStream err, boolean processEnvironment) {}
