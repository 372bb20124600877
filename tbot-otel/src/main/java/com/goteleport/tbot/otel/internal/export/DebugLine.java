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
   * {@code text} with each control character (CR and LF among them, NEL too) and Unicode line or
   * paragraph separator made a space: a line stays one line whatever a message or a host's text
   * embedded in it holds (a line break would start a line that looks like one of ours, a CR or an
   * escape overwrite one). A loop, not a lambda: the notice calls it on a host's start, cold.
   */
  public static String oneLine(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (Character.isISOControl(chars[i]) || chars[i] == '\u2028' || chars[i] == '\u2029') {
        chars[i] = ' ';
      }
    }
    return new String(chars);
  }
}
