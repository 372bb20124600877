package com.goteleport.tbot.otel.internal.export;

/**
 * The start of every line tbot-otel prints in debug mode, by the library ({@code setDebug(true)}),
 * its send and the CLI ({@code --debug}) alike, so that the three cannot drift apart.
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public final class DebugLine {

  /**
   * What each debug line starts with. A compile-time constant: its users hold its value, and never
   * load this class for it.
   */
  public static final String PREFIX = "tbot-otel debug: ";

  private DebugLine() {}
}
