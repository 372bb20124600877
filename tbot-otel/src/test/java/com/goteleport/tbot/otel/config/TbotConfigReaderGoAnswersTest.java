package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.SchemaCounts;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TbotConfigReader against Go's own reading of the same bytes: go-config-answers.jsonl, what
 * gopkg.in/yaml.v3 v3.0.1 decodes as tbot's ReadConfig does, for ~1 000 hand-written texts (every
 * spelling of a boolean, quoting, tags, anchors, merges, duplicate and respelled keys, directives,
 * documents, byte order marks, encodings, line breaks, tabs, flow forms; each version, join method,
 * join URI, output type and v1 destination form) and seeded random mutations (some with tabs) of the configs under
 * src/test/resources/configs. Written by src/test/go/config-answers (docs/testing.md says how to
 * regenerate it); this test needs no Go. {@code -DconfigAnswers=FILE} replays another file of
 * answers (a larger random run) and, with it or {@code -DconfigAnswersReport}, prints how many of
 * each kind of difference it found.
 *
 * <p>Consent: where Go reads {@code false}, tbot-otel reads a no or refuses the file (which is a
 * no); where Go reads {@code true}, a yes or a refusal; it reads a yes nowhere else. The config:
 * where both read it, every attribute is Go's. Differences allowed, each one way only: tbot-otel
 * refuses a text Go reads (a field it reads of another type than it takes, YAML it refuses on the
 * safe side: docs/cli.md "YAML keys"), and reads a text that tbot refuses for what tbot-otel does
 * not read or check ({@link #NOT_CHECKED}: it is not tbot's validator). Any other difference fails
 * the test unless its case is named in {@link #DELIBERATE}.
 */
class TbotConfigReaderGoAnswersTest {

  private static final String SOURCE = "TBOT_CONFIG";

  /**
   * Why Go refuses a text tbot-otel reads, where that is what tbot validates and tbot-otel does not:
   * an empty text (no document: tbot's decoder says EOF, tbot-otel reads no settings), an output
   * type it does not know or one without the destination it needs, a v1 database block that is no
   * mapping (tbot-otel counts any block given).
   */
  private static final Pattern NOT_CHECKED = Pattern.compile("EOF|unrecognized service type .*|no destination configured"
      + "|cannot unmarshal !\\S+( `...`)? into struct");

  /**
   * Cases where tbot-otel differs from Go on purpose or by a limit known and safe, by name, with
   * why: none may read a yes where Go reads a no or nothing. None today; each named must still
   * differ, so none stays here once it is fixed.
   */
  private static final Map<String, String> DELIBERATE = Map.of();

  private static final List<JsonObject> LINES = new ArrayList<>();

  @BeforeAll
  static void read() throws Exception {
    String other = System.getProperty("configAnswers");
    try (InputStream in = other != null ? Files.newInputStream(Path.of(other))
        : TbotConfigReaderGoAnswersTest.class.getResourceAsStream("go-config-answers.jsonl")) {
      assertNotNull(in, "go-config-answers.jsonl");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        LINES.add(JsonParser.parseString(line).getAsJsonObject());
      }
    }
  }

  @Test
  void consentAsGoReadsIt() {
    Map<String, Integer> kinds = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    for (JsonObject line : LINES) {
      String go = line.get("consent").getAsString();
      String java = consent(base64(line));
      String config = configConsent(base64(line));
      String kind = consentKind(go, java);
      String kindOfConfig = consentKind(go, config);
      kinds.merge(kind, 1, Integer::sum);
      boolean deliberate = DELIBERATE.containsKey(line.get("name").getAsString());
      if ((kind.startsWith("WRONG") || kindOfConfig.startsWith("WRONG")) && !deliberate) {
        wrong.add(describe(line) + ": Go " + go + ", tbot-otel " + java + " (config: " + config + ")");
      }
    }
    report("consent", kinds, wrong);
    assertEquals(List.of(), wrong);
  }

  @Test
  void configAsGoReadsIt() {
    Map<String, Integer> kinds = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    for (JsonObject line : LINES) {
      TbotConfig java;
      String refusal = null;
      try {
        java = TbotConfigReader.readBase64(base64(line), SOURCE);
      } catch (ConfigException e) {
        java = null;
        refusal = e.getMessage();
      }
      JsonArray go = line.has("config") ? line.getAsJsonArray("config") : null;
      boolean deliberate = DELIBERATE.containsKey(line.get("name").getAsString());
      String kind;
      if (go == null && java == null) {
        kind = "both refuse";
      } else if (go == null) {
        String why = line.get("error").getAsString();
        boolean notChecked = NOT_CHECKED.matcher(why).matches();
        kind = (notChecked ? "" : deliberate ? "deliberate: " : "WRONG: ") + "tbot-otel reads what Go refuses: "
            + goReason(why);
        if (!notChecked && !deliberate) {
          wrong.add(describe(line) + ": Go refuses it (" + why + ")");
        }
      } else if (java == null) {
        kind = "tbot-otel refuses what Go reads: " + javaReason(refusal);
      } else {
        String diff = differences(go, java);
        kind = diff.isEmpty() ? "same" : deliberate ? "deliberate: attribute" : "WRONG attribute";
        if (!diff.isEmpty() && !deliberate) {
          wrong.add(describe(line) + ": " + diff);
        }
      }
      kinds.merge(kind, 1, Integer::sum);
    }
    report("config", kinds, wrong);
    if (System.getProperty("configAnswers") == null) {
      assertEquals(DELIBERATE.size(), kinds.entrySet().stream().filter(k -> k.getKey().startsWith("deliberate"))
          .mapToInt(Map.Entry::getValue).sum(), "each deliberate case still differs: " + kinds);
    }
    assertEquals(List.of(), wrong);
  }

  /**
   * Go's consent against tbot-otel's: WRONG where tbot-otel reads a yes Go does not, misses a no Go
   * reads, or reads Go's yes as something else than a yes or a refusal.
   */
  private static String consentKind(String go, String java) {
    if (go.equals(java)) {
      return "same";
    }
    switch (go) {
      case "false":
        return java.equals("error") ? "Go no, tbot-otel refuses" : "WRONG: Go no, tbot-otel " + java;
      case "true":
        return java.equals("error") ? "Go yes, tbot-otel refuses" : "WRONG: Go yes, tbot-otel " + java;
      default: // absent or error
        return java.equals("true") ? "WRONG: Go " + go + ", tbot-otel yes" : "Go " + go + ", tbot-otel " + java;
    }
  }

  /** Where the Go model's answer gives its counts: the total, then one per kind. */
  static final int COUNTS_AT = 6;

  /**
   * What tbot-otel reads differently from Go's {@code go}: [v1, oneshot, join_method, join_uri,
   * anonymous_analytics, endpoint, and from {@link #COUNTS_AT} the schema's counts in its order
   * ({@link SchemaCounts#ALL}: the total, then today database, kubernetes, application)]. The join
   * URI's method is taken from Go's text by tbot-otel's own reading (JoinUriGoAnswersTest holds that
   * to tbot's joinuri.Parse).
   */
  private static String differences(JsonArray go, TbotConfig java) {
    StringBuilder diff = new StringBuilder();
    boolean v1 = go.get(0).getAsBoolean();
    String joinMethod = emptyToNull(go.get(2).getAsString());
    String joinUri = go.get(3).getAsString();
    String uriMethod = v1 || joinUri.isEmpty() ? null : JoinUri.joinMethodOf(joinUri);
    compare(diff, "oneshot", go.get(1).getAsBoolean(), java.oneshot());
    compare(diff, "join method", joinMethod != null ? joinMethod : uriMethod, java.joinMethod());
    compare(diff, "join_uri method", uriMethod, java.joinUriMethod());
    compare(diff, "anonymous_analytics", go.get(4).getAsString(), text(java.anonymousAnalytics()));
    JsonElement endpoint = go.get(5);
    compare(diff, "endpoint", endpoint.isJsonNull() ? null : endpoint.getAsString(), java.anonymousAnalyticsEndpoint());
    int[] goCounts = new int[go.size() - COUNTS_AT];
    for (int i = 0; i < goCounts.length; i++) {
      goCounts[i] = go.get(COUNTS_AT + i).getAsInt();
    }
    if (goCounts.length != SchemaCounts.ALL.size()) {
      throw new AssertionError("the Go model answers " + goCounts.length + " counts, the schema has "
          + SchemaCounts.keys(SchemaCounts.ALL) + ": tbot-otel/src/test/go/config-answers/main.go counts each"
          + " (its kinds), then regenerate go-config-answers.jsonl (docs/testing.md)");
    }
    compare(diff, "counts", SchemaCounts.of(goCounts), java.destinations());
    return diff.toString();
  }

  /** The case's bytes, as base64 (TBOT_CONFIG's form, which reads them as a file's). */
  private static String base64(JsonObject line) {
    return line.has("b64") ? line.get("b64").getAsString()
        : Base64.getEncoder().encodeToString(line.get("text").getAsString().getBytes(StandardCharsets.UTF_8));
  }

  private static void compare(StringBuilder diff, String what, Object go, Object java) {
    if (!Objects.equals(go, java)) {
      diff.append(what).append(": Go ").append(go).append(", tbot-otel ").append(java).append("; ");
    }
  }

  private static String consent(String b64) {
    try {
      return text(TbotConfigReader.readConsentBase64(b64, SOURCE));
    } catch (ConfigException e) {
      return "error";
    }
  }

  private static String configConsent(String b64) {
    try {
      return text(TbotConfigReader.readBase64(b64, SOURCE).anonymousAnalytics());
    } catch (ConfigException e) {
      return "error";
    }
  }

  private static String text(Boolean b) {
    return b == null ? "absent" : b.toString();
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static String goReason(String error) {
    return error.replaceAll("line \\d+: ", "").replaceAll("`[^`]*`", "`...`").replaceAll("\\(.*\\)", "(...)")
        .replaceAll("\"[^\"]*\"", "\"...\"");
  }

  private static String javaReason(String message) {
    String m = message.substring(SOURCE.length());
    return m.replaceAll("line \\d+", "line N").replaceAll("\"[^\"]*\"", "\"...\"").replaceAll("'[^']*'", "'...'");
  }

  private static String describe(JsonObject line) {
    String text = new String(Base64.getDecoder().decode(base64(line)), StandardCharsets.UTF_8);
    return line.get("name").getAsString() + " " + new Gson().toJson(text.length() > 300 ? text.substring(0, 300) : text);
  }

  private static void report(String what, Map<String, Integer> kinds, List<String> wrong) {
    if (System.getProperty("configAnswers") != null || System.getProperty("configAnswersReport") != null) {
      System.out.println("== " + what + ": " + LINES.size() + " cases");
      kinds.forEach((k, n) -> System.out.println(String.format("%6d  %s", n, k)));
      wrong.stream().limit(200).forEach(w -> System.out.println("  " + w));
    }
    assertTrue(LINES.size() > 900, "cases: " + LINES.size());
  }
}
