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
  @CsvSource({"500ms, 500", "0, 0", "0ms, 0", "750, 750", "2s, 2000", "1.5s, 1500", "0.0005s, 1", " 3s , 3000", "10s, 10000"})
  void parses(String value, long millis) {
    assertEquals(Duration.ofMillis(millis), new DurationConverter().convert(value));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"10.001s", "10001", "11s", "999999999s"})
  void refusesMoreThanTenSeconds(String value) {
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> new DurationConverter().convert(value));
    assertEquals("'" + value + "' is out of range; use 0 to 10s", e.getMessage());
  }
}
