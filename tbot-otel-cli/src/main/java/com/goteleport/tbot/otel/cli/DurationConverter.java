package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
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

  // A duration as Go's time.ParseDuration writes one unit of it (digits only: Double.parseDouble
  // would also take "NaN", "1e1" or "2d"): read whole, so that one in another unit or out of range
  // says so, not "not a duration" (-1s, 1h, 0.1m). Go's composites (1s500ms) are not taken.
  private static final Pattern GO_DURATION =
      Pattern.compile("([-+]?)(\\d+(?:\\.\\d*)?|\\.\\d+)(h|m|s|ms|us|\u00b5s|\u03bcs|ns)");
  private static final Map<String, BigDecimal> UNIT_MILLIS = Map.of(
      "h", BigDecimal.valueOf(3_600_000), "m", BigDecimal.valueOf(60_000), "s", BigDecimal.valueOf(1000),
      "ms", BigDecimal.ONE, "us", new BigDecimal("0.001"), "\u00b5s", new BigDecimal("0.001"),
      "\u03bcs", new BigDecimal("0.001"), "ns", new BigDecimal("0.000001"));
  private static final Pattern NO_UNIT = Pattern.compile("([-+]?)(\\d+(?:\\.\\d*)?)");
  private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(AnonymousAnalytics.MAX_EXIT_TIMEOUT_MILLIS);

  @Override
  public Duration convert(String value) {
    String v = value.trim();
    Matcher go = GO_DURATION.matcher(v);
    if (!go.matches()) {
      Matcher number = NO_UNIT.matcher(v);
      if (number.matches() && number.group(2).equals("0")) {
        return Duration.ZERO; // 0, -0, +0: the one number Go takes without a unit
      }
      if (number.matches() && number.group(1).equals("-") && new BigDecimal(number.group(2)).signum() != 0) {
        throw outOfRange(value);
      }
      throw new TypeConversionException(number.matches()
          ? "'" + value + "' has no unit; write it with s or ms, e.g. 2s or 500ms (only 0 needs none)"
          : "'" + value + "' is not a duration; use e.g. 500ms or 2s");
    }
    BigDecimal millis = new BigDecimal(go.group(2).startsWith(".") ? "0" + go.group(2) : go.group(2))
        .multiply(UNIT_MILLIS.get(go.group(3)));
    if (millis.signum() == 0) {
      return Duration.ZERO; // 0s, -0s, 0h: Go's zero in any unit
    }
    if (go.group(1).equals("-") || millis.compareTo(MAX_MILLIS) > 0) {
      throw outOfRange(value);
    }
    boolean seconds = go.group(3).equals("s");
    if (!seconds && !(go.group(3).equals("ms") && millis.stripTrailingZeros().scale() <= 0)) {
      // Go would read 6s as 0.1m, or 1.5ms: only ms and s (whole ms) are taken here.
      throw new TypeConversionException("'" + value + "' is not a duration in whole ms or s; use e.g. 500ms or 2s");
    }
    // A fraction of a ms in seconds rounds up: 0.0004s, rounded to 0, would send nothing.
    return Duration.ofMillis(millis.setScale(0, RoundingMode.CEILING).longValueExact());
  }

  private static TypeConversionException outOfRange(String value) {
    return new TypeConversionException("'" + value + "' is out of range; use 0 to 10s");
  }
}
