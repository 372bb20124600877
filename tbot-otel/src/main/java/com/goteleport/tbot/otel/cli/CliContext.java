package com.goteleport.tbot.otel.cli;

import java.io.PrintStream;
import java.util.Map;

/** What a command reads and writes besides its arguments; injected so tests can run the CLI in-process. */
record CliContext(Map<String, String> env, PrintStream out, PrintStream err) {}
