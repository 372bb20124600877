package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ValueMutants}: what {@link ConfigMutation} changes in a line, and what it leaves alone. */
class ValueMutantsTest {

  private static List<String> lines(String line) {
    return ValueMutants.of(line).stream().map(ValueMutants.Mutant::line).toList();
  }

  private static List<String> changes(String line) {
    return ValueMutants.of(line).stream().map(ValueMutants.Mutant::change).toList();
  }

  @Test
  void aNumberGrowsByOneAndAKeyIsNeverTouched() {
    assertEquals(List.of("    max_request_body_size: 4097"), lines("    max_request_body_size: 4096"));
    assertEquals(List.of("    read_timeout: 11s"), lines("    read_timeout: 10s"));
    assertEquals(List.of("    required_acks: -2"), lines("    required_acks: -1"));
    assertEquals(List.of(), lines("    check_1s:"), "a key with children has no value");
    assertEquals(List.of("timeout: 5s | \"5\" -> \"6\""), changes("  timeout: 5s"));
    assertEquals(List.of("- t > UnixNano(Now()) + 3600000000001"),
        lines("- t > UnixNano(Now()) + 3600000000000").subList(1, 2), "an hour in nanoseconds is a number too");
    assertEquals(List.of(), lines("        description: Number of starts (and == not) by version 1"),
        "prose is left alone");
  }

  @Test
  void anEnvironmentVariableAndItsDefaultAreLeftAlone() {
    assertEquals(List.of(), lines("    endpoint: ${env:TBOT_OTEL_INGEST_ENDPOINT:-0.0.0.0:4318}"));
    assertEquals(List.of(), lines("        port: ${env:TBOT_OTEL_TELEMETRY_PORT:-8888}"));
    assertEquals(List.of("    topic: []"), lines("    topic: [\"${env:T:-tbot-starts}\"]"),
        "but a list's element goes");
  }

  @Test
  void comparisonsAndConnectivesAreSwappedAndNotIsRemoved() {
    assertEquals(List.of(
        "- delete_key(a, \"k\") where IsString(a[\"k\"]) and Len(a[\"k\"]) >= 16",
        "- delete_key(a, \"k\") where IsString(a[\"k\"]) or Len(a[\"k\"]) > 16",
        "- delete_key(a, \"k\") where IsString(a[\"k\"]) and Len(a[\"k\"]) > 17"),
        lines("- delete_key(a, \"k\") where IsString(a[\"k\"]) and Len(a[\"k\"]) > 16"));
    assertEquals(List.of("  - log.attributes[\"version\"] != nil"), lines("  - log.attributes[\"version\"] == nil"));
    assertEquals(List.of("  - IsMatch(x, \"a\")"), lines("  - not IsMatch(x, \"a\")").subList(0, 1));
    assertEquals(List.of(), lines("  - set(log.cache[\"not here\"], \"a and b == c\")"), "nothing inside a string");
  }

  @Test
  void inARegularExpressionOnlyQuantifierBoundsAndAnchorsChange() {
    assertEquals(List.of(
        "- x where not IsMatch(v, \"^[A-Za-z0-9][A-Za-z0-9._:/@-]{1,63}$\")",
        "- x where not IsMatch(v, \"^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,64}$\")",
        "- x where not IsMatch(v, \"[A-Za-z0-9][A-Za-z0-9._:/@-]{0,63}$\")",
        "- x where not IsMatch(v, \"^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,63}\")"),
        lines("- x where not IsMatch(v, \"^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,63}$\")").subList(1, 5),
        "not the 0-9 of a character class, nor the escaped dot");
    assertEquals(List.of("- replace_pattern(c, \" [a-z]{2,19} \", \"\")",
        "- replace_pattern(c, \" [a-z]{1,20} \", \"\")"), lines("- replace_pattern(c, \" [a-z]{1,19} \", \"\")"));
    assertEquals(List.of("- IsMatch(v, \"ya29\\\\.|[0-9]{11,}\")"), lines("- IsMatch(v, \"ya29\\\\.|[0-9]{10,}\")"),
        "the 29 of a word is text");
    assertEquals(List.of("- set(t, TruncateTime(Now(), Duration(\"2h\")))"),
        lines("- set(t, TruncateTime(Now(), Duration(\"1h\")))"), "a quoted duration is a number");
    assertEquals(List.of(), lines("- set(scope.version, \"1.1.0\")"), "a version is text");
  }

  @Test
  void booleansSwapAndEachElementOfAListGoesInTurn() {
    assertEquals(List.of("    allow_all_keys: true"), lines("    allow_all_keys: false"));
    assertEquals(List.of("      processors: [b, c]", "      processors: [a, c]", "      processors: [a, b]"),
        lines("      processors: [a, b, c]"));
    assertEquals(List.of("- keep_keys(log.attributes, [\"b\"])", "- keep_keys(log.attributes, [\"a\"])"),
        lines("- keep_keys(log.attributes, [\"a\", \"b\"])"));
    assertEquals(List.of("compression_algorithms: [\"\", \"gzip\"] | \"\" removed",
        "compression_algorithms: [\"\", \"gzip\"] | \"gzip\" removed"),
        changes("  compression_algorithms: [\"\", \"gzip\"]"));
    assertEquals(List.of(), lines("- set(log.body, log.attributes[\"a\"])"), "an index is no list");
  }
}
