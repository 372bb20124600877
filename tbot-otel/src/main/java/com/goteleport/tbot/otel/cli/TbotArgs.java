package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * tbot's arguments split as its parser (kingpin, Teleport's fork) splits them: flags, each with its
 * value if it takes one, and words (commands and their arguments). {@code --flag=value} and {@code
 * --flag value}; short flags bundle as in {@code -dc FILE} or {@code -dcFILE} (a bool, then one that
 * takes the rest of the word or the next one), and {@code -c=FILE} is the value {@code =FILE}, as
 * kingpin reads it. After {@code --} every argument is a word. A command line tbot would refuse is
 * split somehow; tbot then exits at once, and exec does not count it.
 */
final class TbotArgs {

  /**
   * A flag, by its long name as given ({@code config} for {@code -c}, {@code no-oneshot} as is) with
   * its value, or {@code null} if it takes none; or, with {@code flag} null, the word {@code value}.
   */
  record Arg(@Nullable String flag, @Nullable String value) {
    boolean isWord() {
      return flag == null;
    }
  }

  // tbot's long flags that take a value (global, start's and start KIND's shared ones): kingpin
  // reads flags anywhere, so the word after one of them is its value, not a command. The hidden
  // --*-profile flags are global too (tool/tbot/main.go).
  private static final Set<String> FLAGS_WITH_VALUES = Set.of(
      "config", "config-string", "log-format", "trace-exporter", "mem-profile", "cpu-profile",
      "trace-profile", "auth-server", "proxy-server", "token", "ca-pin", "data-dir", "destination-dir",
      "certificate-ttl", "renewal-interval", "join-method", "diag-addr", "storage", "destination",
      "reader-user", "reader-group", "output");

  // tbot's short flags, by long name: -d and -h are bools, the others take a value.
  private static final Map<Character, String> SHORT =
      Map.of('c', "config", 'a', "auth-server", 'o', "output", 'd', "debug", 'h', "help");

  private TbotArgs() {}

  /** Splits {@code args}, the arguments after the program. */
  static List<Arg> split(List<String> args) {
    List<Arg> out = new ArrayList<>();
    boolean wordsOnly = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      @Nullable String next = i + 1 < args.size() ? args.get(i + 1) : null;
      if (wordsOnly || !arg.startsWith("-")) {
        out.add(new Arg(null, arg));
      } else if (arg.equals("--")) {
        wordsOnly = true;
      } else if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = arg.substring(2, eq < 0 ? arg.length() : eq);
        if (eq >= 0) {
          out.add(new Arg(name, arg.substring(eq + 1)));
        } else if (FLAGS_WITH_VALUES.contains(name) && isValue(next)) {
          out.add(new Arg(name, next));
          i++;
        } else {
          out.add(new Arg(name, null));
        }
      } else {
        i += shortFlags(arg, next, out) ? 1 : 0;
      }
    }
    return out;
  }

  /** Adds the flags of one {@code -xyz} word; whether they took {@code next} as a value. */
  private static boolean shortFlags(String arg, @Nullable String next, List<Arg> out) {
    for (int j = 1; j < arg.length(); j++) {
      char c = arg.charAt(j);
      String name = SHORT.getOrDefault(c, String.valueOf(c));
      if (!FLAGS_WITH_VALUES.contains(name)) {
        out.add(new Arg(name, null)); // a bool, or a flag tbot does not know (it then refuses the line)
        continue;
      }
      if (j + 1 < arg.length()) {
        out.add(new Arg(name, arg.substring(j + 1)));
        return false;
      }
      out.add(new Arg(name, isValue(next) ? next : null));
      return isValue(next);
    }
    return false;
  }

  // kingpin takes a flag's value only from a word that is not itself a flag.
  private static boolean isValue(@Nullable String next) {
    return next != null && !next.startsWith("-");
  }
}
