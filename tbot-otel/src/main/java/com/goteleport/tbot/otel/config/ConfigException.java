package com.goteleport.tbot.otel.config;

import static java.util.Objects.requireNonNull;

/**
 * Bad input from the user: a config file, flag or variable that cannot be used. The message is one
 * line that names the field and the fix, fit to print as it is.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with its one-line message. */
  public ConfigException(String message) {
    super(requireNonNull(message, "message"));
  }
}
