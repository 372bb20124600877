package com.goteleport.tbot.otel.cli;

import java.security.Permission;

/**
 * Run in a child JVM by {@link NoThreadExecTest}: the CLI's {@code exec} in a process that gets no
 * thread for analytics, as one at its thread limit would not. A security manager (run with {@code
 * -Djava.security.manager=allow}) refuses every thread {@code exec} creates itself; those for the
 * child process and for signal forwarding are let through.
 */
public final class NoThreadProbe {

  private NoThreadProbe() {}

  @SuppressWarnings("removal") // the one way to refuse a thread to a chosen caller on JDK 17
  public static void main(String[] args) {
    System.setSecurityManager(new SecurityManager() {
      @Override
      public void checkPermission(Permission perm) {}

      @Override
      public void checkPermission(Permission perm, Object context) {}

      @Override
      public void checkAccess(ThreadGroup group) {
        // Called by every Thread constructor. Refused if made by exec's own code: the nearest
        // tbot-otel frame is ExecCommand's, but not its start of the child (the process reaper).
        StackWalker.StackFrame nearest = StackWalker.getInstance()
            .walk(frames -> frames.filter(f -> f.getClassName().startsWith("com.goteleport.")
                && !f.getClassName().startsWith(NoThreadProbe.class.getName())).findFirst())
            .orElse(null);
        if (nearest != null && nearest.getClassName().equals(ExecCommand.class.getName())
            && !nearest.getMethodName().equals("start")) {
          throw new SecurityException("no thread for " + nearest.getMethodName());
        }
      }
    });
    Main.main(args);
  }
}
