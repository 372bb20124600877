package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code 500ms}, {@code 2s}, {@code 1.5s} or a bare number of milliseconds, within the exit timeout's range. */
final class DurationConverter implements ITypeConverter<Duration> {

  // Digits only: Double.parseDouble would also take "NaN" (as 0), "1e1" or "2d".
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})ms|(\\d{1,9}(?:\\.\\d{1,9})?)s|(\\d{1,9})");

  @Override
  public Duration convert(String value) {
    Duration d = parse(value);
    if (d.toMillis() > AnonymousAnalytics.MAX_EXIT_TIMEOUT_MILLIS) {
      throw new TypeConversionException("'" + value + "' is out of range; use 0 to 10s");
    }
    return d;
  }

  private static Duration parse(String value) {
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms or 2s");
    }
    if (m.group(2) != null) {
      BigDecimal seconds = new BigDecimal(m.group(2));
      return Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }
    return Duration.ofMillis(Long.parseLong(m.group(1) != null ? m.group(1) : m.group(3)));
  }
}
