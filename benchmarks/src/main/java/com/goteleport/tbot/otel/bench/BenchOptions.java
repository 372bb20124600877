package com.goteleport.tbot.otel.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmarks' command lines: {@code --name value} pairs, each name one the benchmark knows. */
final class BenchOptions {

  private BenchOptions() {}

  /** The options by name (without the dashes); refuses an odd count or an unknown name. */
  static Map<String, String> parse(String[] args, List<String> known) {
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("options come in pairs (--name value); known: " + known);
    }
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i].replaceFirst("^--", "");
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + known);
      }
      opts.put(name, args[i + 1]);
    }
    return opts;
  }
}
