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
 * kingpin reads it. After {@code --} every argument is a word, and a flag still waiting for its
 * value takes the one after the {@code --}; a lone {@code -} is a word. An {@code @FILE} argument
 * before any {@code --} is {@link #ARGS_FILE}. A command line tbot would refuse is
 * split somehow; tbot then exits at once, and exec does not count it.
 */
final class TbotArgs {

  /**
   * A flag, by its long name as given ({@code config} for {@code -c}, {@code no-oneshot} as is) with
   * its value, or {@code null} if it takes none; or, with {@code flag} null, the word {@code value},
   * {@code afterDashes} if kingpin read it after a {@code --}, where nothing is a flag. {@code
   * attached}: a short flag given its value in the same word ({@code -aVALUE}, {@code -daVALUE}).
   */
  record Arg(@Nullable String flag, @Nullable String value, boolean afterDashes, boolean attached) {
    Arg(@Nullable String flag, @Nullable String value) {
      this(flag, value, false, false);
    }

    Arg(@Nullable String flag, @Nullable String value, boolean afterDashes) {
      this(flag, value, afterDashes, false);
    }

    boolean isWord() {
      return flag == null;
    }
  }

  /**
   * The pseudo-flag of an {@code @FILE} argument, with the file as its value: kingpin replaces it
   * with the file's lines (flags and words alike), which this split does not read.
   */
  static final String ARGS_FILE = "@";

  // tbot's long flags that take a value (global, start's and start KIND's shared ones): kingpin
  // reads flags anywhere, so the word after one of them is its value, not a command. The hidden
  // --*-profile flags are global too (tool/tbot/main.go). Newer releases' shared ones are listed
  // too (docs/pages/reference/cli/tbot.mdx, generated from the flags): --join-uri (joining URIs,
  // gravitational/teleport#56267) and --registration-secret (18.1.0 on), --registration-secret-path
  // and --static-key-path (18.2.10 on), --pid-file (18.4.0 on; docs/testing.md). A KIND's own
  // (--service, --listen ...) come after the KIND, where a word no longer matters.
  private static final Set<String> FLAGS_WITH_VALUES = Set.of(
      "config", "config-string", "log-format", "trace-exporter", "mem-profile", "cpu-profile",
      "trace-profile", "auth-server", "proxy-server", "token", "ca-pin", "data-dir", "destination-dir",
      "certificate-ttl", "renewal-interval", "join-method", "diag-addr", "storage", "destination",
      "reader-user", "reader-group", "output", "join-uri", "pid-file", "registration-secret",
      "registration-secret-path", "static-key-path");

  // tbot's short flags, by long name: -d and -h are bools, the others take a value.
  private static final Map<Character, String> SHORT =
      Map.of('c', "config", 'a', "auth-server", 'o', "output", 'd', "debug", 'h', "help");

  private TbotArgs() {}

  /** Whether tbot's long flag {@code name} takes a value. */
  static boolean takesValue(String name) {
    return FLAGS_WITH_VALUES.contains(name);
  }

  /** Splits {@code args}, the arguments after the program. */
  static List<Arg> split(List<String> args) {
    List<Arg> out = new ArrayList<>();
    boolean wordsOnly = false;
    int i = 0;
    while (i < args.size()) {
      String arg = args.get(i++);
      if (wordsOnly || !isFlag(arg)) {
        out.add(!wordsOnly && arg.startsWith("@")
            ? new Arg(ARGS_FILE, arg.substring(1))
            : new Arg(null, arg, wordsOnly));
        continue;
      }
      if (arg.equals("--")) {
        wordsOnly = true;
        continue;
      }
      // The flag (or the last of a -xyz bundle) that still needs its value from what follows.
      @Nullable String pending = null;
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = arg.substring(2, eq < 0 ? arg.length() : eq);
        if (eq >= 0) {
          out.add(new Arg(name, arg.substring(eq + 1)));
        } else if (FLAGS_WITH_VALUES.contains(name)) {
          pending = name;
        } else {
          out.add(new Arg(name, null));
        }
      } else {
        pending = shortFlags(arg, out);
      }
      if (pending == null) {
        continue;
      }
      // kingpin's lexer skips a '--' here and reads everything after it, this value first, as
      // arguments: `-c -- tbot.yaml` is tbot's config.
      int at = i < args.size() && args.get(i).equals("--") ? i + 1 : i;
      boolean skipped = at > i;
      @Nullable String value = at < args.size() && (skipped || !isFlag(args.get(at))) ? args.get(at) : null;
      if (value != null && !skipped && value.startsWith("@")) {
        // Lexed on its own, so expanded too: the value is the file's first line.
        out.add(new Arg(pending, null));
        out.add(new Arg(ARGS_FILE, value.substring(1)));
        i = at + 1;
        continue;
      }
      out.add(new Arg(pending, value));
      wordsOnly |= skipped;
      i = value == null ? at : at + 1;
    }
    return out;
  }

  /**
   * Adds the flags of one {@code -xyz} word; the name of the last one if it takes its value from
   * the next argument, else {@code null}.
   */
  @Nullable
  private static String shortFlags(String arg, List<Arg> out) {
    for (int j = 1; j < arg.length(); j++) {
      char c = arg.charAt(j);
      String name = SHORT.getOrDefault(c, String.valueOf(c));
      if (!FLAGS_WITH_VALUES.contains(name)) {
        out.add(new Arg(name, null)); // a bool, or a flag tbot does not know (it then refuses the line)
        continue;
      }
      if (j + 1 < arg.length()) {
        out.add(new Arg(name, arg.substring(j + 1), false, true));
        return null;
      }
      return name;
    }
    return null;
  }

  // kingpin reads a lone '-' as an argument (a flag's value, or a word), like any word without '-'.
  private static boolean isFlag(String arg) {
    return arg.startsWith("-") && !arg.equals("-");
  }
}
