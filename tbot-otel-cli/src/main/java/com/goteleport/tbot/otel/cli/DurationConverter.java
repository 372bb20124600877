package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code 500ms}, {@code 2s}, {@code 1.5s} or {@code 0}, within the exit timeout's range. As in
 * Go's {@code time.ParseDuration}, which tbot's users know, only 0 goes without a unit: a bare
 * {@code 2} meant as seconds would otherwise be 2 ms, too short a wait to send in.
 */
final class DurationConverter implements ITypeConverter<Duration> {

  // Digits only: Double.parseDouble would also take "NaN" (as 0), "1e1" or "2d".
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})ms|(\\d{1,9}(?:\\.\\d{1,9})?)s|(0)");
  private static final Pattern NO_UNIT = Pattern.compile("\\d+(?:\\.\\d*)?");
  // What Go's time.ParseDuration reads and this flag does not: other units, a fraction of a ms.
  private static final Pattern GO_OTHER_UNIT =
      Pattern.compile("\\d+(?:\\.\\d+)?(?:h|m|us|\u00b5s|\u03bcs|ns)|\\d+\\.\\d+ms");

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
      if (NO_UNIT.matcher(value.trim()).matches()) {
        throw new TypeConversionException(
            "'" + value + "' has no unit; write it with s or ms, e.g. 2s or 500ms (only 0 needs none)");
      }
      // Go would read 1m, 1.5h or 1.5ms: say that only ms and s (whole ms) are taken here.
      throw new TypeConversionException("'" + value + "' is not a duration"
          + (GO_OTHER_UNIT.matcher(value.trim()).matches() ? " in whole ms or s" : "") + "; use e.g. 500ms or 2s");
    }
    if (m.group(2) != null) {
      BigDecimal seconds = new BigDecimal(m.group(2));
      return Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }
    return Duration.ofMillis(Long.parseLong(m.group(1) != null ? m.group(1) : m.group(3)));
  }
}
