package com.goteleport.tbot.otel.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import javax.annotation.Nullable;

/**
 * What a command reads and writes besides its arguments; injected so tests can run the CLI
 * in-process. {@code processEnvironment}: {@code env} is this process's own environment, which a
 * child can then inherit byte for byte (a copy made of Java strings cannot always be encoded back).
 * {@code threads}: where exec gets the thread it records the start on, {@code null} for a plain
 * {@code new Thread}; a test's may refuse, as a process at its thread limit does.
 */
record CliContext(
    Map<String, String> env, PrintStream out, PrintStream err, boolean processEnvironment,
    @Nullable ThreadFactory threads) {

  CliContext(Map<String, String> env, PrintStream out, PrintStream err, boolean processEnvironment) {
    this(env, out, err, processEnvironment, null);
  }
}
