package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RegexMutants}: the alternatives and class items {@link ConfigMutation} removes, and what it leaves. */
class RegexMutantsTest {

  private static List<String> lines(String line) {
    return RegexMutants.of(line).stream().map(ValueMutants.Mutant::line).toList();
  }

  private static List<String> changes(String line) {
    return RegexMutants.of(line).stream().map(ValueMutants.Mutant::change).toList();
  }

  @Test
  void eachAlternativeGoesInTurnInnerGroupsFirst() {
    assertEquals(List.of(
        "- x where IsMatch(v, \"^(b|c)$\")", "- x where IsMatch(v, \"^(a|c)$\")", "- x where IsMatch(v, \"^(a|b)$\")"),
        lines("- x where IsMatch(v, \"^(a|b|c)$\")"));
    assertEquals(List.of(
        "- IsMatch(v, \"(?i:(b))|z\")", "- IsMatch(v, \"(?i:(a))|z\")", "- IsMatch(v, \"z\")", "- IsMatch(v, \"(?i:(a|b))\")"),
        lines("- IsMatch(v, \"(?i:(a|b))|z\")"), "a flag group is a group; the top level alternates too");
    assertEquals(List.of("- x(\"(?i)(?<!b)c|(?=d:)e\")", "- x(\"(?i)(?<!a)c|(?=d:)e\")", "- x(\"(?i)(?=d:)e\")",
        "- x(\"(?i)(?<!a|b)c\")"), lines("- x(\"(?i)(?<!a|b)c|(?=d:)e\")"),
        "a look-around is a group, a flag setting opens none");
    assertEquals(List.of(), lines("- x(\"(a|b)|c(d|e\")"), "a string with a group left open has none");
    assertEquals(List.of(), lines("- x(\"(a|b)|c(?<n|d\")"), "nor one with a name left open");
    assertEquals(List.of(), lines("- x(\"a|b(?i\")"), "nor one with a flag setting left open");
    assertEquals(List.of(), lines("- x(\"a|[bc\")"), "nor one with a class left open");
    assertEquals(List.of("- x(\"(?i)b\")", "- x(\"(?i)a\")"), lines("- x(\"(?i)a|b\")"),
        "a leading flag setting stays with the alternatives left");
  }

  @Test
  void anEscapedBarOrParenthesisIsText() {
    assertEquals(List.of("- IsMatch(v, \"b\")", "- IsMatch(v, \"a\\\\|\\\\(\")"),
        lines("- IsMatch(v, \"a\\\\|\\\\(|b\")"));
    assertEquals(List.of(), lines("- set(v, \"a\\\\|b\")"));
  }

  @Test
  void aSmallClassLosesEachItemALargeOneItsRangesOnly() {
    assertEquals(List.of(
        "- replace_pattern(c, \"[._-]\", \"\") | \".\" removed from [._-]",
        "- replace_pattern(c, \"[._-]\", \"\") | \"_\" removed from [._-]",
        "- replace_pattern(c, \"[._-]\", \"\") | \"-\" removed from [._-]"),
        changes("- replace_pattern(c, \"[._-]\", \"\")"));
    assertEquals(List.of("- replace_pattern(c, \"[_-]\", \"\")", "- replace_pattern(c, \"[.-]\", \"\")",
        "- replace_pattern(c, \"[._]\", \"\")"), lines("- replace_pattern(c, \"[._-]\", \"\")"));
    assertEquals(List.of("- IsMatch(v, \"[^0-9]\")", "- IsMatch(v, \"[^v]\")"), lines("- IsMatch(v, \"[^v0-9]\")"));
    assertEquals(List.of(
        "- IsMatch(v, \"[a-z0-9._:/@-]\")", "- IsMatch(v, \"[A-Z0-9._:/@-]\")", "- IsMatch(v, \"[A-Za-z._:/@-]\")"),
        lines("- IsMatch(v, \"[A-Za-z0-9._:/@-]\")"));
    assertEquals(List.of(), lines("- IsMatch(v, \"[bcdfghjk]{5}[0-9]\")"), "a spelled-out alphabet, a single range");
    assertEquals(List.of("- IsMatch(v, \"[\\\\.]\")", "- IsMatch(v, \"[a]\")"), lines("- IsMatch(v, \"[a\\\\.]\")"),
        "an escaped character is one item");
    assertEquals(List.of("- IsMatch(v, \"[\\\\\\\\]|b\")", "- IsMatch(v, \"[a]|b\")", "- IsMatch(v, \"b\")",
        "- IsMatch(v, \"[a\\\\\\\\]\")"), lines("- IsMatch(v, \"[a\\\\\\\\]|b\")"), "and so is an escaped backslash");
  }

  @Test
  void aRepeatedChangeIsNumberedAndALongAlternativeShortened() {
    assertEquals(List.of(
        "IsMatch(v, \"(x|$)(y|$)\") | alternative \"x\" removed",
        "IsMatch(v, \"(x|$)(y|$)\") | alternative \"$\" removed",
        "IsMatch(v, \"(x|$)(y|$)\") | alternative \"y\" removed",
        "IsMatch(v, \"(x|$)(y|$)\") | alternative \"$\" removed #2"),
        changes("  - IsMatch(v, \"(x|$)(y|$)\")").stream().map(c -> c.substring(2)).toList());
    String longer = "a".repeat(50);
    assertEquals("- IsMatch(v, \"" + longer + "|b\") | alternative \"" + "a".repeat(32) + "...\" removed",
        changes("- IsMatch(v, \"" + longer + "|b\")").get(0));
  }

  @Test
  void outsideAStringAndInsideAnEnvironmentVariableNothingChanges() {
    assertEquals(List.of(), lines("    endpoint: ${env:X:-a|b}"));
    assertEquals(List.of(), lines("- keep_keys(log.attributes, [\"a\", \"b\"])"));
    assertEquals(List.of(), lines("        description: Starts by [a-z] (a|b)"));
  }
}
