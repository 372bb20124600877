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
   * What each debug line starts with. A compile-time constant: its users hold its value, and load
   * this class only for {@link #oneLine}.
   */
  public static final String PREFIX = "tbot-otel debug: ";

  private DebugLine() {}

  /**
   * {@code text} with each CR and LF made a space: a debug line stays one line whatever a message
   * embedded in it holds (a CR or LF would start a line that looks like one of ours, or overwrite
   * one).
   */
  public static String oneLine(String text) {
    return text.replace('\r', ' ').replace('\n', ' ');
  }
}
