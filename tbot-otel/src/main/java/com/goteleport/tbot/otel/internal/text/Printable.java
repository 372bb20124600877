package com.goteleport.tbot.otel.internal.text;

/**
 * Text as a user's terminal may print it: each control or format character (an escape sequence's
 * ESC, a line break, a right-to-left override) shows as {@code ?}, so a value quoted in a line
 * printed at the default level can neither forge another line nor drive the terminal.
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public final class Printable {

  private Printable() {}

  /**
   * {@code text} with each control or format character replaced by {@code ?}.
   *
   * @param text any text
   * @return the text as it may be printed
   */
  public static String of(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      boolean hidden = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
      out.appendCodePoint(hidden ? '?' : c);
    });
    return out.toString();
  }
}
