package com.goteleport.tbot.otel.cli;

import java.util.List;
import javax.annotation.Nullable;

/**
 * How glibc's getopt_long finds a long option by the name given ({@code --sig} for {@code
 * --signal}): one place for the option grammars exec reads ({@link LauncherChain}, {@link
 * ShellOptions}, {@link StringHandOff}, {@link StartStopDaemon}).
 */
final class GetoptLong {

  private GetoptLong() {}

  /**
   * The one of {@code names} that {@code name} is, or alone is a prefix of; {@code null} for none,
   * or a prefix of more than one (ambiguous, which getopt_long refuses). An exact name wins.
   */
  @Nullable
  static String match(List<String> names, String name) {
    String found = null;
    boolean ambiguous = false;
    for (String known : names) {
      if (known.equals(name)) {
        return known;
      }
      if (!name.isEmpty() && known.startsWith(name)) {
        ambiguous |= found != null;
        found = known;
      }
    }
    return ambiguous ? null : found;
  }

  /**
   * Whether {@code name} (given without its {@code =}) is one of {@code names} or a prefix of one:
   * of options that take a value, one that takes the next argument. A prefix of another option too
   * is ambiguous, which getopt_long refuses; that is not told apart here.
   */
  static boolean isOneOf(List<String> names, String name) {
    for (String known : names) {
      if (!name.isEmpty() && known.startsWith(name)) {
        return true;
      }
    }
    return false;
  }
}
