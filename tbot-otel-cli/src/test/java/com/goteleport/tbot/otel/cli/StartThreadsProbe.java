package com.goteleport.tbot.otel.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Run in a child JVM by {@link NoConsentThreadsTest}: the CLI as {@code Main.main} runs it, then the
 * number of threads started meanwhile (those that ended too), before the JVM exits.
 */
public final class StartThreadsProbe {

  private StartThreadsProbe() {}

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long before = threads.getTotalStartedThreadCount();
    int code = Main.run(args, new CliContext(Main.environment(System.getenv(), false), System.out, System.err, true));
    System.out.println("probe: exit=" + code + " threads_started=" + (threads.getTotalStartedThreadCount() - before));
    System.exit(code);
  }
}
