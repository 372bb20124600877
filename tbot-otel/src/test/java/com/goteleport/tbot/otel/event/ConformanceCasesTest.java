package com.goteleport.tbot.otel.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ConformanceFile;
import com.goteleport.tbot.otel.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/conformance/tbot-start-cases.json}, the value rules as cases for a second
 * implementation, is what {@link ConformanceCases} renders, and tbot-otel sends what each case
 * expects ({@link Sanitizer}, and {@link StartEvent} for helper_version with its helper).
 * collector-config's {@code ConformanceCasesCollectorTest} holds the collectors' rules to the same
 * file.
 *
 * <p>To regenerate the file after changing the schema or the cases, from the repository root:
 *
 * <pre>mvn -o -pl tbot-otel test -Dtest=ConformanceCasesTest -Dtbot.otel.updateDocs=true</pre>
 */
class ConformanceCasesTest {

  static final String REGENERATE =
      "mvn -o -pl tbot-otel test -Dtest=ConformanceCasesTest -D" + SchemaCatalogTest.UPDATE_PROPERTY + "=true";

  /** Most cases a reader should face; the screens' seeded corpora stay in the tests. */
  static final int AT_MOST = 700; // 599 before schema 1.1.8 added its generated host names (53)

  @Test
  void theFileIsWhatTheSchemaAndTheNamedCasesGive() throws IOException {
    Path file = file();
    String expected = ConformanceCases.render();
    String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    if (Boolean.getBoolean(SchemaCatalogTest.UPDATE_PROPERTY) && !expected.equals(text)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
      text = expected;
    }
    assertEquals(expected, text, file + " is out of date with the schema in Attribute or the cases in ConformanceCases"
        + " (or SanitizerTest's named cases); regenerate it with: " + REGENERATE);
  }

  @Test
  void tbotOtelSendsWhatEveryCaseOfTheFileExpects() throws IOException {
    List<String> problems = disagreements(Files.readString(file(), StandardCharsets.UTF_8));
    assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())), problems.size() + " cases of "
        + ConformanceCases.FILE + " where tbot-otel sends otherwise: a change of a rule changes its cases in"
        + " ConformanceCases (and the schema version, docs/attributes.md's Versions), then " + REGENERATE);
  }

  @Test
  void aWrongExpectationIsDetected() throws IOException {
    String text = Files.readString(file(), StandardCharsets.UTF_8);
    String[][] changes = {
        {"\"input\": \"18.1.0\", \"expect\": \"18.1.0\"", "\"input\": \"18.1.0\", \"expect\": \"unknown\""},
        {"\"input\": \"ghp_abc\", \"expect\": null", "\"input\": \"ghp_abc\", \"expect\": \"ghp_abc\""},
        {"\"input\": 1001, \"expect\": 1000", "\"input\": 1001, \"expect\": 1001"},
        {"\"expect\": {\"destinations_configured\": 5, \"destinations_configured_database_access\": 0",
            "\"expect\": {\"destinations_configured\": 5, \"destinations_configured_database_access\": 1"},
        {"\"input\": {\"helper\": null, \"helper_version\": \"v2\"}, \"expect\": {\"helper\": null,"
            + " \"helper_version\": null}",
            "\"input\": {\"helper\": null, \"helper_version\": \"v2\"}, \"expect\": {\"helper\": null,"
                + " \"helper_version\": \"v2\"}"}};
    int before = disagreements(text).size();
    for (String[] change : changes) {
      String wrong = text.replaceFirst(Pattern.quote(change[0]), Matcher.quoteReplacement(change[1]));
      assertNotEquals(text, wrong, "the file has " + change[0]);
      assertEquals(before + 1, disagreements(wrong).size(), change[1]);
    }
  }

  @Test
  void theCasesCoverEveryRule() {
    List<ConformanceCases.Case> cases = ConformanceCases.cases();
    assertTrue(cases.size() <= AT_MOST, cases.size() + " cases: keep the file readable");
    for (Attribute a : Attribute.values()) {
      List<ConformanceCases.Case> of = cases.stream()
          .filter(c -> c.key().equals(a.key()) && !(c.input() instanceof Map)).toList();
      if (a.type() == AttributeType.INT) {
        Set<Object> inputs = new TreeSet<>();
        of.forEach(c -> inputs.add(c.input()));
        assertTrue(inputs.containsAll(List.of(-1L, 0L, Attribute.MAX_COUNT, Attribute.MAX_COUNT + 1)),
            a.key() + ": either side of each bound: " + inputs);
        continue;
      }
      assertTrue(of.stream().anyMatch(c -> c.input() != null && c.input().equals(c.expect())),
          a.key() + ": a value sent");
      assertTrue(of.stream().anyMatch(c -> !Objects.equals(c.input(), c.expect())), a.key() + ": a value rejected");
      assertTrue(of.stream().anyMatch(c -> c.input() == null), a.key() + ": not set (null), its fallback or omitted");
      for (String v : a.allowedValues()) {
        assertTrue(of.stream().anyMatch(c -> v.equals(c.input()) && v.equals(c.expect())),
            a.key() + ": " + v + " sent");
      }
      if (a.pattern() != null) {
        assertTrue(of.stream().anyMatch(c -> c.input() instanceof String s && s.length() > a.maxLength()
            && !s.equals(c.expect())), a.key() + ": a value over " + a.maxLength() + " characters");
      }
      if (a.screened()) {
        for (String prefix : Sanitizer.SECRET_PREFIXES) {
          assertTrue(of.stream().anyMatch(c -> c.expect() == null && c.input() instanceof String s
              && startsAWord(s.toLowerCase(Locale.ROOT), prefix)),
              a.key() + ": a value led by the key prefix " + prefix);
        }
      }
    }
    List<ConformanceCases.Case> parts = cases.stream()
        .filter(c -> c.key().equals(Attribute.DESTINATIONS_CONFIGURED.key()) && c.input() instanceof Map).toList();
    assertTrue(parts.stream().anyMatch(c -> c.input().equals(c.expect())), "parts that fit the total");
    assertTrue(parts.stream().anyMatch(c -> !c.input().equals(c.expect())), "parts over the total");
    assertTrue(cases.stream().anyMatch(c -> c.key().equals(Attribute.HELPER_VERSION.key()) && c.input() instanceof Map),
        "helper_version only with its helper");
  }

  private static boolean startsAWord(String value, String prefix) {
    for (int i = value.indexOf(prefix); i >= 0; i = value.indexOf(prefix, i + 1)) {
      if (i == 0 || !Character.isLetterOrDigit(value.charAt(i - 1))) {
        return true;
      }
    }
    return false;
  }

  /** One line per case of {@code json} where tbot-otel sends other than its {@code expect}. */
  static List<String> disagreements(String json) {
    List<String> problems = new ArrayList<>();
    ConformanceFile.Contents file = ConformanceFile.parse(json);
    assertEquals(EventSchema.VERSION, file.schemaVersion(), "the file's schema version");
    for (ConformanceFile.Case c : file.cases()) {
      String key = c.key();
      Object input = c.input();
      Object expect = c.expect();
      Attribute a = Attribute.forKey(key);
      Object sent = a == null ? "(no such attribute)" : sent(a, input);
      if (!Objects.equals(expect, sent)) {
        problems.add(key + " " + input + ": the file expects " + expect + ", tbot-otel sends " + sent
            + " (" + c.why() + ")");
      }
    }
    assertFalse(file.cases().isEmpty(), "the file has cases");
    return problems;
  }

  /** What tbot-otel sends for one case's input. */
  @Nullable
  private static Object sent(Attribute a, @Nullable Object input) {
    if (input instanceof Map<?, ?> given) {
      Map<String, Object> sent = new LinkedHashMap<>();
      if (a == Attribute.DESTINATIONS_CONFIGURED) {
        Map<Attribute, Long> raw = new EnumMap<>(Attribute.class);
        given.forEach((k, v) -> raw.put(Attribute.forKey((String) k), (Long) v));
        Sanitizer.counts(raw).forEach((k, v) -> sent.put(k.key(), v));
        return sent;
      }
      StartEvent event = StartEvent.builder().setHelper((String) given.get(Attribute.HELPER.key()))
          .setHelperVersion((String) given.get(Attribute.HELPER_VERSION.key())).build();
      given.keySet().forEach(k -> sent.put((String) k, event.get(Attribute.forKey((String) k))));
      return sent;
    }
    return a.type() == AttributeType.INT
        ? (Object) Sanitizer.clamp((Long) input)
        : Sanitizer.sanitize(a, (String) input);
  }

  /** The file, in the repository. */
  static Path file() {
    return RepositoryFiles.root().resolve(ConformanceCases.FILE);
  }
}
