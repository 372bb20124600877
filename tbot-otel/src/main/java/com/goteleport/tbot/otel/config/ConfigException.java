package com.goteleport.tbot.otel.config;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.internal.text.Printable;
import javax.annotation.Nullable;

/**
 * Bad input from the user: a config file, flag or variable that cannot be used. The message is one
 * line that names the field and the fix, fit to print as it is.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The YAML field at fault, or {@code null}: see {@link #field()}. */
  @Nullable private final String field;

  /**
   * Creates the exception with its one-line message. A control or format character in it (from a
   * file name or value the user gave: a newline, an escape sequence, a right-to-left override) is
   * shown as {@code ?}, so that the line stays one line and cannot drive the terminal.
   *
   * @param message one line that names the setting and the fix
   */
  public ConfigException(String message) {
    this(message, null);
  }

  /** As {@link #ConfigException(String)}, for a value of tbot's YAML at {@code field}. */
  ConfigException(String message, @Nullable String field) {
    super(Printable.of(requireNonNull(message, "message")));
    this.field = field;
  }

  /**
   * The YAML field whose value has the wrong type or form, as tbot names it (e.g. {@code
   * anonymous_analytics}, {@code outputs[0].type}); {@code null} for every other problem (a file
   * that cannot be read or parsed, a flag, a variable, an endpoint, a field another one rules out).
   *
   * @return the field's name as tbot names it, or {@code null}
   */
  @Nullable
  public String field() {
    return field;
  }

}
