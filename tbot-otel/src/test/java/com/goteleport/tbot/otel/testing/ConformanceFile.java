package com.goteleport.tbot.otel.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * docs/conformance/tbot-start-cases.json read as its format text says, for the tests that hold
 * tbot-otel ({@code ConformanceCasesTest}) and the collectors ({@code ConformanceCasesCollectorTest})
 * to its cases.
 */
public final class ConformanceFile {

  /** The file, from the repository's root. */
  public static final String PATH = "docs/conformance/tbot-start-cases.json";

  /**
   * One case: a value is null (not set, or not sent), a String, a Long (a count), or an ordered map
   * of them (attributes given or sent together).
   */
  public record Case(String key, @Nullable Object input, @Nullable Object expect, String why) {}

  /** The file's schema version and its cases, in order. */
  public record Contents(String schemaVersion, List<Case> cases) {}

  private ConformanceFile() {}

  /** The file's text read. */
  public static Contents parse(String json) {
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    List<Case> cases = new ArrayList<>();
    for (JsonElement e : root.getAsJsonArray("cases")) {
      JsonObject c = e.getAsJsonObject();
      cases.add(new Case(c.get("key").getAsString(), value(c.get("input")), value(c.get("expect")),
          c.get("why").getAsString()));
    }
    return new Contents(root.get("schema_version").getAsString(), List.copyOf(cases));
  }

  @Nullable
  private static Object value(JsonElement e) {
    if (e.isJsonNull()) {
      return null;
    }
    if (e.isJsonObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      e.getAsJsonObject().entrySet().forEach(x -> map.put(x.getKey(), value(x.getValue())));
      return map;
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    return p.isNumber() ? (Object) p.getAsLong() : p.getAsString();
  }
}
