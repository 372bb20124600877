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

  // Digits only: Double.parseDouble would also take "NaN" (as 0), "1e1" or "2d".
  private static final Pattern DURATION =
      Pattern.compile("(\\d{1,9})ms|(\\d{1,9}(?:\\.\\d{0,9})?|\\.\\d{1,9})s|(0)");
  private static final Pattern NO_UNIT = Pattern.compile("\\d+(?:\\.\\d*)?");
  // What Go's time.ParseDuration reads and this flag does not: other units, a fraction of a ms.
  private static final Pattern GO_OTHER_UNIT =
      Pattern.compile("\\d+(?:\\.\\d+)?(?:h|m|us|\u00b5s|\u03bcs|ns)|\\d+\\.\\d+ms");

  // A duration's shape with any sign, digits or unit Go reads: out of range here, or refused for
  // its unit, not "not a duration" (-1s, 99999999999s, 1h, 0.5m). Go's composites (1s500ms) are
  // not taken, as no other unit is.
  private static final Pattern GO_DURATION =
      Pattern.compile("([-+]?)(\\d+(?:\\.\\d*)?|\\.\\d+)(h|m|s|ms|us|\u00b5s|\u03bcs|ns)");
  private static final Map<String, BigDecimal> UNIT_MILLIS = Map.of(
      "h", BigDecimal.valueOf(3_600_000), "m", BigDecimal.valueOf(60_000), "s", BigDecimal.valueOf(1000),
      "ms", BigDecimal.ONE, "us", new BigDecimal("0.001"), "\u00b5s", new BigDecimal("0.001"),
      "\u03bcs", new BigDecimal("0.001"), "ns", new BigDecimal("0.000001"));
  private static final Pattern SIGNED_NUMBER = Pattern.compile("([-+])(\\d+(?:\\.\\d*)?)");

  @Override
  public Duration convert(String value) {
    String v = value.trim();
    Matcher signed = SIGNED_NUMBER.matcher(v);
    if (signed.matches()) {
      if (signed.group(2).equals("0")) {
        return Duration.ZERO; // -0, +0: Go's zero, the one number it takes without a unit
      }
      if (signed.group(1).equals("-") && new BigDecimal(signed.group(2)).signum() != 0) {
        throw new TypeConversionException("'" + value + "' is out of range; use 0 to 10s");
      }
      v = v.substring(1); // +2, -00: refused below for the missing unit
    }
    Matcher go = GO_DURATION.matcher(v);
    if (go.matches()) {
      BigDecimal millis = new BigDecimal(go.group(2).startsWith(".") ? "0" + go.group(2) : go.group(2))
          .multiply(UNIT_MILLIS.get(go.group(3)));
      if (millis.signum() == 0) {
        return Duration.ZERO; // 0s, -0, 0h: Go's zero in any unit
      }
      if ((go.group(1).equals("-")
          || millis.compareTo(BigDecimal.valueOf(AnonymousAnalytics.MAX_EXIT_TIMEOUT_MILLIS)) > 0)) {
        throw new TypeConversionException("'" + value + "' is out of range; use 0 to 10s");
      }
      if (!go.group(1).isEmpty()) {
        v = v.substring(1); // Go reads +2s and -0s; both are in range here
      }
    }
    Duration d = parse(v, value);
    if (d.toMillis() > AnonymousAnalytics.MAX_EXIT_TIMEOUT_MILLIS) {
      throw new TypeConversionException("'" + value + "' is out of range; use 0 to 10s");
    }
    return d;
  }

  private static Duration parse(String v, String value) {
    Matcher m = DURATION.matcher(v);
    if (!m.matches()) {
      if (NO_UNIT.matcher(v).matches()) {
        throw new TypeConversionException(
            "'" + value + "' has no unit; write it with s or ms, e.g. 2s or 500ms (only 0 needs none)");
      }
      // Go would read 6s as 0.1m, or 1.5ms: say that only ms and s (whole ms) are taken here.
      throw new TypeConversionException("'" + value + "' is not a duration"
          + (GO_OTHER_UNIT.matcher(v).matches() || GO_DURATION.matcher(v).matches() ? " in whole ms or s" : "")
          + "; use e.g. 500ms or 2s");
    }
    if (m.group(2) != null) {
      // A fraction of a ms rounds up: 0.0004s, rounded to 0, would send nothing.
      BigDecimal seconds = new BigDecimal(m.group(2).startsWith(".") ? "0" + m.group(2) : m.group(2));
      return Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
    }
    return Duration.ofMillis(Long.parseLong(m.group(1) != null ? m.group(1) : m.group(3)));
  }
}
