package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.goteleport.tbot.otel.event.EventSchema;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a config keeps of a record, from its YAML: its two filters' conditions, modelled here, and
 * its scrub's log statements, run by {@link ScrubRun}.
 */
final class EdgeOracle {

  /** What a collector stores of a record: its scope version and attributes. */
  record Kept(String scopeVersion, Map<String, Object> attributes) {}

  private static final Pattern EVENT = Pattern.compile("log\\.event_name != \"([^\"\\\\]*)\"");
  private static final Pattern SCOPE = Pattern.compile("scope\\.name != \"([^\"\\\\]*)\"");
  private static final Pattern SCOPE_VERSION = Pattern.compile("not IsMatch\\(scope\\.version, \"(.*)\"\\)");
  private static final Pattern NIL = Pattern.compile("log\\.attributes\\[\"([^\"]+)\"\\] == nil");

  private final List<String> eventNames = new ArrayList<>();
  private final List<String> scopeNames = new ArrayList<>();
  private final List<Pattern> scopeVersions = new ArrayList<>();
  private final List<String> required = new ArrayList<>();
  private final List<String> log;

  private EdgeOracle(List<String> log) {
    this.log = log;
  }

  static EdgeOracle of(Map<String, Object> cfg) {
    EdgeOracle o = new EdgeOracle(AllowlistDriftTest.statements(cfg, "log"));
    List<String> start = AllowlistDriftTest.at(cfg, "processors", "filter/tbot_start_only", "log_conditions");
    for (String c : start) {
      Matcher m;
      if ((m = EVENT.matcher(c)).matches()) {
        o.eventNames.add(m.group(1));
      } else if ((m = SCOPE.matcher(c)).matches()) {
        o.scopeNames.add(m.group(1));
      } else if ((m = SCOPE_VERSION.matcher(c)).matches()) {
        o.scopeVersions.add(ScrubRun.re2(m.group(1)));
      } else {
        fail("a filter/tbot_start_only condition EdgeOracle does not model (teach it): " + c);
      }
    }
    List<String> complete = AllowlistDriftTest.at(cfg, "processors", "filter/complete", "log_conditions");
    for (String c : complete) {
      Matcher m = NIL.matcher(c);
      assertTrue(m.matches(), "a filter/complete condition EdgeOracle does not model (teach it): " + c);
      o.required.add(m.group(1));
    }
    return o;
  }

  /** What the config keeps of {@code record} sent under {@code scope}, or null if it drops it. */
  Kept predict(InstrumentationScope scope, LogRecord record) {
    // A filter drops a record when any of its conditions is true.
    if (eventNames.stream().anyMatch(n -> !record.getEventName().equals(n))
        || scopeNames.stream().anyMatch(n -> !scope.getName().equals(n))
        || scopeVersions.stream().anyMatch(p -> !p.matcher(scope.getVersion()).find())) {
      return null;
    }
    Map<String, Object> in = new LinkedHashMap<>();
    for (KeyValue kv : record.getAttributesList()) {
      AnyValue v = kv.getValue();
      in.putIfAbsent(kv.getKey(), switch (v.getValueCase()) {
        case STRING_VALUE -> v.getStringValue();
        case INT_VALUE -> v.getIntValue();
        default -> v; // neither a string nor an int to any rule
      });
    }
    Map<String, Object> out = ScrubRun.apply(log, in);
    if (!out.keySet().containsAll(required)) {
      return null;
    }
    String version = EventSchema.VERSIONS.contains(scope.getVersion()) ? scope.getVersion() : EventSchema.VERSION;
    return new Kept(version, out);
  }
}
