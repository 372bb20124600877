package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.testing.ConformanceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/conformance/tbot-start-cases.json, the value rules as cases for a second implementation
 * (generated and held to tbot-otel's Sanitizer by tbot-otel's {@code ConformanceCasesTest}), holds
 * in each collector config too: its transform/scrub, run in Java by {@link ScrubRun}, keeps what
 * each case expects. So the file is what both sides do, and a case where they disagree fails here
 * or there. A case whose input is not set (null) is the client's alone: a collector never receives
 * it (a record without a required attribute is dropped by filter/complete).
 */
class ConformanceCasesCollectorTest {

  static final String FILE = ConformanceFile.PATH;

  /** A helper the collectors keep, sent beside each helper_version case: that one needs a helper. */
  static final String SOME_HELPER = "gha";

  @ParameterizedTest
  @ValueSource(strings = {"teleport-ingest.yaml", "self-hosted.yaml", "warehouse.yaml"})
  void theCollectorKeepsWhatEveryCaseOfTheFileExpects(String file) throws Exception {
    List<String> log = AllowlistDriftTest.statements(AllowlistDriftTest.load(file), "log");
    List<String> problems = disagreements(log, EnvironmentDocsTest.read(FILE));
    assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())), file + ": " + problems.size()
        + " cases of " + FILE + " where the collector's rules keep otherwise than tbot-otel sends (the file holds"
        + " tbot-otel's Sanitizer: change the YAML to match, or the rule on both sides and the file)");
  }

  @Test
  void aRuleChangedInTheYamlIsDetected() throws Exception {
    List<String> log = AllowlistDriftTest.statements(AllowlistDriftTest.load("teleport-ingest.yaml"), "log");
    String cases = EnvironmentDocsTest.read(FILE);
    assertEquals(List.of(), disagreements(log, cases));
    Map<String, UnaryOperator<String>> changes = new LinkedHashMap<>();
    changes.put("version's numbers of 4 digits",
        s -> s.replace("\\\\.[0-9]{1,3}\\\\.[0-9]{1,3}(", "\\\\.[0-9]{1,4}\\\\.[0-9]{1,3}("));
    changes.put("the key prefix sk- dropped from the screen", s -> s.replace("|sk-|", "|"));
    changes.put("a path's ':/' dropped from the screen", s -> s.replace("|:/([^/]|$)|", "|"));
    String total = "log.attributes[\"destinations_configured\"]";
    changes.put("the clamp at 1001", s -> s.replace("1000) where IsInt(" + total + ") and " + total + " > 1000",
        "1001) where IsInt(" + total + ") and " + total + " > 1001"));
    changes.put("the parts reset to 1",
        s -> s.replace("_database_access\"], 0) where log.cache", "_database_access\"], 1) where log.cache"));
    changes.put("helper_version kept without its helper",
        s -> s.startsWith("delete_key(log.attributes, \"helper_version\") where log.attributes[\"helper\"] == nil")
            ? "set(log.flags, 0)" : s);
    for (Map.Entry<String, UnaryOperator<String>> change : changes.entrySet()) {
      List<String> changed = log.stream().map(change.getValue()).toList();
      assertNotEquals(log, changed, change.getKey() + ": the statement is there");
      assertFalse(disagreements(changed, cases).isEmpty(), change.getKey() + ": no case noticed");
    }
  }

  @Test
  void re2sEndOfTextIsTheValuesEnd() {
    // Java's $ also matches before a final line break; RE2's, without the m flag, only at the end.
    assertTrue(java.util.regex.Pattern.compile("^a$").matcher("a\n").find(), "Java's $");
    assertFalse(ScrubRun.re2("^a$").matcher("a\n").find(), "RE2's $");
    assertTrue(ScrubRun.re2("^a$").matcher("a").find());
    assertTrue(ScrubRun.re2("x([^$]|$)").matcher("x").find());
    assertFalse(ScrubRun.re2("x([^$]|$)").matcher("x$").find(), "$ in a class is the character");
  }

  @Test
  void theFileHasACaseForEveryNamedValueOfTheScreensCorpus() throws Exception {
    Set<String> helpers = new TreeSet<>();
    for (ConformanceFile.Case c : ConformanceFile.parse(EnvironmentDocsTest.read(FILE)).cases()) {
      if (c.key().equals(Attribute.HELPER.key()) && c.input() instanceof String helper) {
        helpers.add(helper);
      }
    }
    List<String> missing = new ArrayList<>(AllowlistDriftTest.namedHelperCases());
    missing.removeAll(helpers);
    assertEquals(List.of(), missing, "named values of AllowlistDriftTest.helperCorpus() without a case in " + FILE
        + ": add each to ConformanceCases.helper() (tbot-otel), with the outcome its rule gives, and regenerate");
  }

  /** One line per case of {@code json} where the statements {@code log} keep other than its {@code expect}. */
  static List<String> disagreements(List<String> log, String json) {
    ConformanceFile.Contents file = ConformanceFile.parse(json);
    assertEquals(EventSchema.VERSION, file.schemaVersion(), FILE + "'s schema version");
    List<String> problems = new ArrayList<>();
    int run = 0;
    for (ConformanceFile.Case c : file.cases()) {
      String key = c.key();
      Object input = c.input();
      Object expect = c.expect();
      if (input == null) {
        continue; // not set: the client's case
      }
      Map<String, Object> record = new LinkedHashMap<>();
      if (input instanceof Map<?, ?> given) {
        given.forEach((k, v) -> {
          if (v != null) {
            record.put((String) k, v);
          }
        });
      } else {
        if (key.equals(Attribute.HELPER_VERSION.key())) {
          record.put(Attribute.HELPER.key(), SOME_HELPER);
        }
        record.put(key, input);
      }
      Map<String, Object> kept = ScrubRun.apply(log, record);
      Object got;
      if (expect instanceof Map<?, ?> expected) {
        Map<String, Object> keys = new LinkedHashMap<>();
        expected.keySet().forEach(k -> keys.put((String) k, kept.get(k)));
        got = keys;
      } else {
        got = kept.get(key);
      }
      if (!Objects.equals(expect, got)) {
        problems.add(key + " " + input + ": the file expects " + expect + ", the collector keeps " + got + " ("
            + c.why() + ")");
      }
      run++;
    }
    assertTrue(run > 100, "cases run: " + run);
    return problems;
  }
}
