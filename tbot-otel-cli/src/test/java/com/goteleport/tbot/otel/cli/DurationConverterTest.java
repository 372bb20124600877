package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"500ms, 500", "0, 0", "0ms, 0", "0s, 0", "2s, 2000", "1.5s, 1500", "0.0005s, 1", " 3s , 3000", "10s, 10000",
      // Go's zero in any unit or sign, a plus sign, and a fraction of a ms rounded up, not to 0
      "-0, 0", "+0, 0", "-0s, 0", "0h, 0", "+2s, 2000", "0.0004s, 1", "0.0011s, 2",
      // Go's other ways to write seconds
      ".5s, 500", "1.s, 1000"})
  void parses(String value, long millis) {
    assertEquals(Duration.ofMillis(millis), new DurationConverter().convert(value));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"10.001s", "10001ms", "11s", "999999999s",
      // durations Go reads that are out of range, not "not a duration": negative, hours, minutes, huge
      "-1s", "-1", "-0.5s", "1h", "5m", "99999999999999999999s", "+11s"})
  void refusesMoreThanTenSeconds(String value) {
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> new DurationConverter().convert(value));
    assertEquals("'" + value + "' is out of range; use 0 to 10s", e.getMessage());
  }

  /**
   * A number without a unit is refused but for 0, as Go's time.ParseDuration (which tbot's users
   * know) refuses it: "2" meant as 2 s was taken as 2 ms, a wait too short to send in.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2", "750", "00", "1.5", "+00", "-00", "-0.0", "+2"})
  void aNumberWithoutAUnitOtherThanZeroIsRefused(String value) {
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> new DurationConverter().convert(value));
    assertEquals("'" + value + "' has no unit; write it with s or ms, e.g. 2s or 500ms (only 0 needs none)",
        e.getMessage());
  }

  /** Go reads these, in range: the flag takes whole ms or s only, and says so. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0.1m", "1.5ms", "500us", "+1.5ms"})
  void aDurationInRangeInAnotherUnitIsRefusedForItsUnit(String value) {
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> new DurationConverter().convert(value));
    assertEquals("'" + value + "' is not a duration in whole ms or s; use e.g. 500ms or 2s", e.getMessage());
  }
}
