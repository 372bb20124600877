package com.goteleport.tbot.otel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: with no subcommand, a usage error naming the commands. */
@Command(
    name = "tbot-otel",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = CommandLine.HelpCommand.class,
    description = {
      "Opt-in, anonymous usage analytics for Teleport Machine ID's tbot, on OpenTelemetry.",
      "The tbot.start event is sent only if at least one setting (a flag, a YAML key",
      "or a variable) says yes and none says no."
    })
final class TbotOtelCommand implements Runnable {

  @Spec CommandSpec spec;

  /**
   * No command given: a usage error, not the help on stdout with 0, which a script running {@code
   * tbot-otel $CMD} with {@code CMD} empty took for success.
   */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is missing: give start, preview or exec");
  }
}
