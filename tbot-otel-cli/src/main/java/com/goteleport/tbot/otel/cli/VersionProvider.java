package com.goteleport.tbot.otel.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: tbot-otel's version and the event schema's. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return ProjectVersion.lines();
  }
}
