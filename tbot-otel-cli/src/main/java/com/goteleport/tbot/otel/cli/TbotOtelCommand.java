package com.goteleport.tbot.otel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: with no subcommand, prints usage. */
@Command(
    name = "tbot-otel",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = CommandLine.HelpCommand.class,
    description = {
      "Opt-in, anonymous usage analytics for Teleport Machine ID's tbot, on OpenTelemetry.",
      "The event is sent only if at least one source says yes and none says no."
    })
final class TbotOtelCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
