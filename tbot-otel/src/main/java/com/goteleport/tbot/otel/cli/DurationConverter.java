package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code 500ms}, {@code 2s} or a bare number of milliseconds, within the exit timeout's range. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    Duration d = parse(value);
    if (d.isNegative() || d.toMillis() > AnonymousAnalytics.MAX_EXIT_TIMEOUT_MILLIS) {
      throw new TypeConversionException("'" + value + "' is out of range; use 0 to 10s");
    }
    return d;
  }

  private static Duration parse(String value) {
    String v = value.trim();
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
      }
      return Duration.ofMillis(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms or 2s");
    }
  }
}
