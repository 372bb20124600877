package com.goteleport.tbot.otel.cli;

import java.util.Collections;
import java.util.HashMap;

/**
 * Run in a child JVM by {@link NoThreadExecTest}: the CLI's {@code exec} in a process that gets no
 * thread for analytics, as one at its thread limit does not: the thread factory fails as {@code
 * Thread.start} then does. Every other thread (the child's reaper, signal forwarding) is had as
 * usual.
 */
public final class NoThreadProbe {

  private NoThreadProbe() {}

  public static void main(String[] args) {
    CliContext ctx = new CliContext(Collections.unmodifiableMap(new HashMap<>(System.getenv())), System.out,
        System.err, true, r -> {
          throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource "
              + "limits reached");
        });
    System.exit(Main.run(args, ctx));
  }
}
