package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.event.DestinationCounts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Which tbot command a command line runs, as tbot's parser (kingpin) reads it. Only {@code tbot
 * start} starts an agent, so only it is counted: {@code tbot version} or {@code tbot init} under
 * exec records nothing. A program that is not tbot (a wrapper script) is counted, from exec's own
 * flags. Both forms of start are read: {@code tbot start -c tbot.yaml} (the config's outputs) and
 * {@code tbot start database --destination ...} (one output of that kind, added to the config's).
 */
final class TbotCommand {

  // tbot's global flags that take a value: they may come before the command.
  private static final Set<String> GLOBAL_FLAGS_WITH_VALUES =
      Set.of("-c", "--config", "--config-string", "--log-format", "--trace-exporter");

  // `tbot start KIND` subcommands with an output of one access kind, aliases included.
  private static final DestinationCounts IDENTITY = new DestinationCounts(1, 0, 0, 0);
  private static final Map<String, DestinationCounts> OUTPUT_KINDS = Map.of(
      "database", new DestinationCounts(1, 1, 0, 0),
      "db", new DestinationCounts(1, 1, 0, 0),
      "kubernetes", new DestinationCounts(1, 0, 1, 0),
      "k8s", new DestinationCounts(1, 0, 1, 0),
      "kubernetes/v2", new DestinationCounts(1, 0, 1, 0),
      "k8s/v2", new DestinationCounts(1, 0, 1, 0),
      "application", new DestinationCounts(1, 0, 0, 1),
      "app", new DestinationCounts(1, 0, 0, 1));

  private final boolean tbot;
  @Nullable private final String command;
  private final DestinationCounts outputs;

  private TbotCommand(boolean tbot, @Nullable String command, DestinationCounts outputs) {
    this.tbot = tbot;
    this.command = command;
    this.outputs = outputs;
  }

  /** Reads {@code line} ({@code line.get(0)} is the program). */
  static TbotCommand of(List<String> line) {
    if (line.isEmpty() || !ChildArgs.isTbot(line.get(0))) {
      return new TbotCommand(false, null, DestinationCounts.NONE);
    }
    int i = 1;
    while (i < line.size() && line.get(i).startsWith("-") && !line.get(i).equals("--")) {
      i += GLOBAL_FLAGS_WITH_VALUES.contains(line.get(i)) ? 2 : 1;
    }
    if (i >= line.size() || line.get(i).equals("--")) {
      return new TbotCommand(true, null, DestinationCounts.NONE);
    }
    String command = line.get(i);
    String kind = i + 1 < line.size() && !line.get(i + 1).startsWith("-") ? line.get(i + 1) : null;
    return new TbotCommand(true, command, command.equals("start") ? outputs(kind, line) : DestinationCounts.NONE);
  }

  /** One output for a {@code start KIND} that writes one: a kind of its own, or identity and the like. */
  private static DestinationCounts outputs(@Nullable String kind, List<String> line) {
    if (kind == null) {
      return DestinationCounts.NONE; // the classic start: the config's outputs only
    }
    if (OUTPUT_KINDS.containsKey(kind)) {
      return OUTPUT_KINDS.get(kind);
    }
    // identity, spiffe-svid, workload-identity-x509 ... write to --destination; tunnels and proxies do not.
    for (String arg : line) {
      if (arg.equals("--")) {
        break;
      }
      if (arg.equals("--destination") || arg.startsWith("--destination=")) {
        return IDENTITY;
      }
    }
    return DestinationCounts.NONE;
  }

  /** Whether exec records a start for it: tbot start, or a program that is not tbot. */
  boolean counted() {
    return !tbot || "start".equals(command);
  }

  /** What exec's debug line calls it, e.g. {@code tbot version}. */
  String describe() {
    return !tbot ? "not tbot" : command == null ? "tbot without a command" : "tbot " + command;
  }

  /** Outputs the command line itself adds to those of the config file. */
  DestinationCounts outputs() {
    return outputs;
  }
}
