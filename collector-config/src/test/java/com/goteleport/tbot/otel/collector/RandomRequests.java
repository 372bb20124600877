package com.goteleport.tbot.otel.collector;

import com.google.protobuf.ByteString;
import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.AttributeType;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.event.RunMode;
import com.goteleport.tbot.otel.event.StartEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.EntityRef;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Seeded random OTLP requests: valid starts as tbot-otel sends them (each with a version of its
 * own, {@code 7.x.y}) and mutated copies of them (versions {@code 8.x.y} before mutation).
 */
final class RandomRequests {

  /** The largest request body made, well under the receivers' 4 KiB. */
  static final int MAX_BODY = 3000;

  private static final List<String> IDENTIFYING_KEYS = List.of("host.name", "user.name", "client.address",
      "net.peer.ip", "k8s.pod.name", "service.instance.id", "cloud.account.id", "token", "authorization",
      "event.name", "enduser.id", "process.command_line", "");

  private final Random rnd;
  /** The valid starts generated, by their version: sent unchanged, each must arrive as it is. */
  private final Map<String, LogRecord> validStarts = new HashMap<>();
  private final LongSupplier nowNanos;
  /**
   * Counts on either side of the schema's bounds, each on an otherwise valid start, sent first
   * whatever the seed: the collectors' clamps are then tried on every run, not only on seeds that
   * happen to draw such a value onto a record no other mutation drops.
   */
  private final List<long[]> boundaryCounts = boundaryCounts();
  /** The boundary records made, with their counts: one trimmed off a request is made again. */
  private final Map<LogRecord, long[]> boundaryRecords = new HashMap<>();
  private int serial;
  private int identifyingTurn;

  /** Requests drawn from {@code rnd}, the valid starts stamped with {@code nowNanos} as an SDK stamps them. */
  RandomRequests(Random rnd, LongSupplier nowNanos) {
    this.rnd = rnd;
    this.nowNanos = nowNanos;
  }

  /** Whether {@code record}, sent under {@code scope}, is a valid start the edge must keep as it is. */
  boolean isValidStart(InstrumentationScope scope, LogRecord record) {
    String version = record.getAttributesList().stream().filter(kv -> kv.getKey().equals("version"))
        .map(kv -> kv.getValue().getStringValue()).findFirst().orElse("");
    return record.equals(validStarts.get(version))
        && scope.getName().equals(EventSchema.SCOPE_NAME) && EventSchema.VERSIONS.contains(scope.getVersion());
  }

  /** The next request: one to three resource groups of one or two scopes of one to four records. */
  ExportLogsServiceRequest request() {
    List<ResourceLogs.Builder> groups = new ArrayList<>();
    int resources = rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(2) : 1;
    for (int g = 0; g < resources; g++) {
      ResourceLogs.Builder rl = ResourceLogs.newBuilder().setResource(resource());
      if (rnd.nextInt(4) == 0) {
        rl.setSchemaUrl(schemaUrl());
      }
      int scopes = rnd.nextInt(4) == 0 ? 2 : 1;
      for (int s = 0; s < scopes; s++) {
        ScopeLogs.Builder sl = ScopeLogs.newBuilder().setScope(scope());
        if (rnd.nextInt(4) == 0) {
          sl.setSchemaUrl(schemaUrl());
        }
        int records = 1 + rnd.nextInt(4);
        for (int r = 0; r < records; r++) {
          sl.addLogRecords(record());
        }
        rl.addScopeLogs(sl);
      }
      groups.add(rl);
    }
    ExportLogsServiceRequest request = assemble(groups);
    // Trim from the end until it fits: the last record, then an emptied group.
    while (request.getSerializedSize() > MAX_BODY) {
      ResourceLogs.Builder last = groups.get(groups.size() - 1);
      ScopeLogs.Builder sl = last.getScopeLogsBuilder(last.getScopeLogsCount() - 1);
      if (sl.getLogRecordsCount() > 0) {
        long[] counts = boundaryRecords.remove(sl.getLogRecords(sl.getLogRecordsCount() - 1));
        if (counts != null) {
          boundaryCounts.add(0, counts);
        }
        sl.removeLogRecords(sl.getLogRecordsCount() - 1);
      } else if (last.getScopeLogsCount() > 1) {
        last.removeScopeLogs(last.getScopeLogsCount() - 1);
      } else {
        groups.remove(groups.size() - 1);
      }
      request = assemble(groups);
    }
    return request;
  }

  /**
   * A request the receiver refuses as a whole (400): the next one, one of its records given a trace
   * or span id of a length OTLP does not allow. None of its records may be stored.
   */
  ExportLogsServiceRequest refusedRequest() {
    ExportLogsServiceRequest.Builder b = request().toBuilder();
    ResourceLogs.Builder rl = b.getResourceLogsBuilder(rnd.nextInt(b.getResourceLogsCount()));
    ScopeLogs.Builder sl = rl.getScopeLogsBuilder(rnd.nextInt(rl.getScopeLogsCount()));
    LogRecord.Builder r = sl.getLogRecordsBuilder(rnd.nextInt(sl.getLogRecordsCount()));
    if (rnd.nextBoolean()) {
      r.setTraceId(bytes(pick(List.of(1, 8, 15, 17, 32))));
    } else {
      r.setSpanId(bytes(pick(List.of(1, 4, 7, 9, 16))));
    }
    return b.build();
  }

  private static ExportLogsServiceRequest assemble(List<ResourceLogs.Builder> groups) {
    ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
    groups.forEach(b::addResourceLogs);
    return b.build();
  }

  private Resource resource() {
    Resource.Builder r = Resource.newBuilder();
    if (rnd.nextBoolean()) {
      return r.build(); // as tbot-otel sends it
    }
    for (int i = rnd.nextInt(4); i > 0; i--) {
      r.addAttributes(foreignAttribute());
    }
    if (rnd.nextInt(4) == 0) {
      r.setDroppedAttributesCount(rnd.nextInt());
    }
    if (rnd.nextInt(6) == 0) {
      r.addEntityRefs(EntityRef.newBuilder().setType(identifying()).addIdKeys(identifying()).setSchemaUrl(schemaUrl()));
    }
    return r.build();
  }

  private InstrumentationScope scope() {
    InstrumentationScope.Builder s = Otlp.tbotScope().toBuilder();
    s.setVersion(pick(EventSchema.VERSIONS));
    if (rnd.nextInt(3) != 0) {
      return s.build(); // as tbot-otel sends it (an older one too)
    }
    switch (rnd.nextInt(6)) {
      case 0 -> s.setName(pick(List.of("TBOT.anonymous_analytics", "tbot.anonymous_analytics ", "tbot.anonymous-analytics",
          "", " tbot.anonymous_analytics", randomText(20))));
      case 1 -> s.setVersion(pick(List.of("1." + rnd.nextInt(100_000) + "." + rnd.nextInt(100_000),
          "1." + rnd.nextInt(10_000) + "." + rnd.nextInt(10_000), "1.1.3\n", "01.1.3", "2.0.0", "1.1", "", "1.1.3-rc.1",
          "v1.1.3", "1.1.3 ", randomText(12))));
      default -> { }
    }
    for (int i = rnd.nextInt(3); i > 0; i--) {
      s.addAttributes(foreignAttribute());
    }
    if (rnd.nextBoolean()) {
      s.setDroppedAttributesCount(rnd.nextInt());
    }
    return s.build();
  }

  private LogRecord record() {
    serial++;
    if (!boundaryCounts.isEmpty()) {
      long[] counts = boundaryCounts.remove(0);
      LogRecord.Builder r = validStart("8." + serial / 1000 + "." + serial % 1000);
      for (int i = 0; i < counts.length; i++) {
        set(r, Otlp.COUNTS.get(i).key(), counts[i]);
      }
      LogRecord record = r.build();
      boundaryRecords.put(record, counts);
      return record;
    }
    boolean mutate = rnd.nextInt(5) >= 2;
    String version = (mutate ? "8." : "7.") + serial / 1000 + "." + serial % 1000;
    LogRecord.Builder r = validStart(version);
    if (!mutate) {
      LogRecord built = r.build();
      validStarts.put(version, built);
      return built;
    }
    boolean identifyingAdded = rnd.nextBoolean();
    if (identifyingAdded) {
      // Every identifying key in turn, so each is tried on records that survive the other mutations.
      String key = IDENTIFYING_KEYS.get(identifyingTurn++ % IDENTIFYING_KEYS.size());
      r.addAttributes(rnd.nextInt(r.getAttributesCount() + 1), kv(key, AnyValue.newBuilder()
          .setStringValue(identifying()).build()));
    }
    for (int n = rnd.nextInt(4) + (identifyingAdded ? 0 : 1); n > 0; n--) {
      mutate(r);
    }
    return r.build();
  }

  /**
   * Each count in turn at -1, 1000, 1001 and the largest and smallest int64, the others 0 (the total
   * at 1000 where a part is over it); then parts that sum to the total and to one more than it.
   */
  static List<long[]> boundaryCounts() {
    List<long[]> all = new ArrayList<>();
    for (int i = 0; i < Otlp.COUNTS.size(); i++) {
      for (long value : new long[] {-1, 1000, 1001, Long.MAX_VALUE, Long.MIN_VALUE}) {
        long[] counts = new long[Otlp.COUNTS.size()];
        counts[0] = i == 0 ? value : 1000;
        counts[i] = value;
        all.add(counts);
      }
    }
    all.add(new long[] {3, 1, 1, 1});
    all.add(new long[] {3, 2, 1, 1});
    all.add(new long[] {1000, 1000, 0, 1});
    return all;
  }

  private static void set(LogRecord.Builder r, String key, long value) {
    for (int i = 0; i < r.getAttributesCount(); i++) {
      if (r.getAttributes(i).getKey().equals(key)) {
        r.setAttributes(i, Otlp.num(key, value));
        return;
      }
    }
    r.addAttributes(Otlp.num(key, value));
  }

  /** A start as tbot-otel builds and sends it from random inputs, its attributes sorted by key. */
  private LogRecord.Builder validStart(String version) {
    int total = rnd.nextInt(4) == 0 ? rnd.nextInt(3000) : rnd.nextInt(6);
    StartEvent e = StartEvent.builder()
        .setRunMode(rnd.nextBoolean() ? RunMode.ONE_SHOT : RunMode.CONTINUOUS)
        .setVersion(version)
        .setJoinType(rnd.nextInt(5) == 0 ? randomText(10) : pick(Attribute.JOIN_TYPE.allowedValues()))
        .setHelper(rnd.nextBoolean() ? null : pick(List.of("gha:teleport-actions/auth", "gitlab", "terraform",
            "spacelift", "k8s-operator", "alice@corp.example", "ghp_" + alnum(36))))
        .setHelperVersion(rnd.nextBoolean() ? null : pick(List.of("v2.0.1", "2", "v1.2", "1.0.0-rc.1", "2.0.1+laptop")))
        .setDestinations(new DestinationCounts(total, rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3)))
        .build();
    LogRecord.Builder r = LogRecord.newBuilder()
        .setEventName(EventSchema.EVENT_NAME)
        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
        .setObservedTimeUnixNano(nowNanos.getAsLong());
    keyed(e).forEach((k, v) -> r.addAttributes(v instanceof Long n ? Otlp.num(k, n) : Otlp.str(k, (String) v)));
    return r;
  }

  /** One random change to a record. */
  private void mutate(LogRecord.Builder r) {
    List<KeyValue> attrs = new ArrayList<>(r.getAttributesList());
    switch (rnd.nextInt(17)) {
      case 0, 1 -> attrs.add(rnd.nextInt(attrs.size() + 1), foreignAttribute());
      case 2, 3 -> { // a schema key with a value of another type
        if (!attrs.isEmpty()) {
          int at = rnd.nextInt(attrs.size());
          attrs.set(at, kv(attrs.get(at).getKey(), otherType(attrs.get(at).getValue())));
        }
      }
      case 4 -> { // a schema key twice, the other value before or after
        String key = pick(EventSchema.attributeKeys());
        attrs.add(rnd.nextInt(attrs.size() + 1), kv(key, anyValue(key)));
      }
      case 5 -> {
        if (!attrs.isEmpty()) {
          attrs.remove(rnd.nextInt(attrs.size()));
        }
      }
      case 6, 15, 16 -> set(attrs, pick(Otlp.COUNTS).key(), AnyValue.newBuilder().setIntValue(count()).build());
      case 7, 8 -> {
        String key = pick(List.of("run_mode", "version", "join_type", "helper", "helper_version"));
        set(attrs, key, AnyValue.newBuilder().setStringValue(string(key)).build());
      }
      case 9 -> r.setEventName(pick(List.of("tbot.start ", "TBOT.START", "tbot.stop", "", "tbot.start\u0000",
          " tbot.start", randomText(10))));
      case 10 -> r.setBody(anyValue("body"));
      case 11 -> {
        r.setTraceId(rnd.nextBoolean() ? bytes(16) : ByteString.copyFrom(new byte[16]));
        r.setSpanId(bytes(8));
        r.setFlags(rnd.nextInt());
      }
      case 12 -> r.setSeverityNumberValue(rnd.nextBoolean() ? rnd.nextInt(25) : rnd.nextInt())
          .setSeverityText(pick(List.of("INFO", "ERROR", identifying(), randomText(8))));
      case 13 -> r.setTimeUnixNano(rnd.nextLong()).setObservedTimeUnixNano(rnd.nextBoolean() ? 0 : rnd.nextLong())
          .setDroppedAttributesCount(rnd.nextInt());
      default -> Collections.shuffle(attrs, rnd);
    }
    r.clearAttributes().addAllAttributes(attrs);
  }

  private static void set(List<KeyValue> attrs, String key, AnyValue value) {
    for (int i = 0; i < attrs.size(); i++) {
      if (attrs.get(i).getKey().equals(key)) {
        attrs.set(i, kv(key, value));
        return;
      }
    }
    attrs.add(kv(key, value));
  }

  private KeyValue foreignAttribute() {
    String key = switch (rnd.nextInt(4)) {
      case 0 -> pick(IDENTIFYING_KEYS);
      case 1 -> caseVariant(pick(EventSchema.attributeKeys()));
      case 2 -> spaceVariant(pick(EventSchema.attributeKeys()));
      default -> randomKey();
    };
    return kv(key, rnd.nextBoolean() ? AnyValue.newBuilder().setStringValue(identifying()).build() : anyValue(key));
  }

  /** A schema key spelt with other case: never the key itself. */
  private String caseVariant(String key) {
    StringBuilder b = new StringBuilder();
    for (char c : key.toCharArray()) {
      b.append(rnd.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    String s = b.toString();
    return s.equals(key) ? key.toUpperCase(Locale.ROOT) : s;
  }

  /** A schema key with white space or an invisible character added. */
  private String spaceVariant(String key) {
    String space = pick(List.of(" ", "\t", "\n", "\u00a0", "\u200b", "\u0000", "\ufeff"));
    int at = rnd.nextInt(key.length() + 1);
    return key.substring(0, at) + space + key.substring(at);
  }

  private String randomKey() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz._-";
    StringBuilder b = new StringBuilder();
    for (int n = 1 + rnd.nextInt(20); n > 0; n--) {
      b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** A value shaped like a host, a user, an address, a token or a path. */
  private String identifying() {
    return switch (rnd.nextInt(10)) {
      case 0 -> "build-" + rnd.nextInt(100) + ".corp.example";
      case 1 -> pick(List.of("alice", "bob", "CORP\\alice", "root"));
      case 2 -> "alice" + rnd.nextInt(100) + "@acme.example";
      case 3 -> "203.0.113." + rnd.nextInt(256);
      case 4 -> "2001:db8::" + Integer.toHexString(rnd.nextInt(0xffff));
      case 5 -> "ghp_" + alnum(36);
      case 6 -> "eyJ" + alnum(30);
      case 7 -> "AKIA" + alnum(16).toUpperCase(Locale.ROOT);
      case 8 -> pick(List.of("/home/alice/.tbot", "C:\\Users\\alice", "/var/run/secrets/token"));
      default -> String.format("%02x:%02x:%02x:%02x:%02x:%02x", rnd.nextInt(256), rnd.nextInt(256),
          rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
    };
  }

  /** A value for a schema key: the right type or not, a good value or not. */
  private AnyValue anyValue(String key) {
    Attribute a = Attribute.forKey(key);
    if (a != null && rnd.nextBoolean()) {
      return a.type() == AttributeType.INT
          ? AnyValue.newBuilder().setIntValue(count()).build()
          : AnyValue.newBuilder().setStringValue(string(key)).build();
    }
    return otherType(rnd.nextBoolean() ? AnyValue.newBuilder().setIntValue(rnd.nextInt(10)).build()
        : AnyValue.newBuilder().setStringValue(identifying()).build());
  }

  /** {@code v} as another type: int as string, string as int, double, bool, bytes, array, kvlist, empty. */
  private AnyValue otherType(AnyValue v) {
    String text = v.hasIntValue() ? Long.toString(v.getIntValue()) : v.getStringValue();
    AnyValue.Builder b = AnyValue.newBuilder();
    switch (rnd.nextInt(7)) {
      case 0 -> {
        if (v.hasIntValue()) {
          b.setStringValue(text);
        } else {
          b.setIntValue(rnd.nextInt(5));
        }
      }
      case 1 -> b.setDoubleValue(v.hasIntValue() ? v.getIntValue() : rnd.nextDouble());
      case 2 -> b.setBoolValue(rnd.nextBoolean());
      case 3 -> b.setBytesValue(ByteString.copyFromUtf8(text));
      case 4 -> b.setArrayValue(ArrayValue.newBuilder().addValues(v));
      case 5 -> b.setKvlistValue(KeyValueList.newBuilder().addValues(kv("value", v)));
      default -> { } // empty: no value set
    }
    return b.build();
  }

  private long count() {
    return switch (rnd.nextInt(6)) {
      case 0 -> -1 - rnd.nextInt(1000);
      case 1 -> pick(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 1000L, 1001L, 0L, (long) Integer.MAX_VALUE + 1));
      case 2 -> rnd.nextLong();
      default -> rnd.nextInt(1200);
    };
  }

  /** A string for a schema key: valid, too long, shaped like something identifying, or any text. */
  private String string(String key) {
    Attribute a = Attribute.forKey(key);
    return switch (rnd.nextInt(6)) {
      case 0 -> repeat(pick(List.of("a", "1", "1.", "x-")), a.maxLength() + 1 + rnd.nextInt(30));
      case 1 -> identifying();
      case 2 -> randomText(rnd.nextInt(30));
      case 3 -> a.allowedValues().isEmpty() ? a.example() : pick(a.allowedValues());
      case 4 -> pick(List.of("18.1.0+hostA", "v18.1.0-dev.alice.1", "gha:build-42.corp.example", "one-shot\n",
          "github ", "unknown", "v2.0.1-alice", "1.2.3.4", "gha:teleport-actions/auth", "v2"));
      default -> caseVariant(a.allowedValues().isEmpty() ? a.example() : pick(a.allowedValues()));
    };
  }

  private static String repeat(String s, int length) {
    return s.repeat(length / s.length() + 1).substring(0, length);
  }

  /** Random code points: ASCII, control characters, C1, BMP (no surrogates), astral, specials. */
  private String randomText(int codePoints) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      int cp = switch (rnd.nextInt(7)) {
        case 0 -> rnd.nextInt(0x20);
        case 1 -> 0x80 + rnd.nextInt(0x20);
        case 2 -> {
          int c = 0xa0 + rnd.nextInt(0xfffe - 0xa0);
          yield c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
        }
        case 3 -> 0x10000 + rnd.nextInt(0x10ffff - 0x10000);
        case 4 -> pick(List.of(0x7f, 0xfeff, 0x200b, 0x202e, 0x2028, 0xfffd, 0x0301));
        default -> 0x20 + rnd.nextInt(0x5f);
      };
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  private String alnum(int n) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private String schemaUrl() {
    return pick(List.of("https://opentelemetry.io/schemas/1.26.0", "https://evil.example/" + identifying(), ""));
  }

  private ByteString bytes(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return ByteString.copyFrom(b);
  }

  private <T> T pick(List<T> values) {
    return values.get(rnd.nextInt(values.size()));
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  /** A StartEvent's attributes by wire key, sorted by key as tbot-otel sends them. */
  static Map<String, Object> keyed(StartEvent e) {
    Map<String, Object> out = new TreeMap<>();
    e.attributes().forEach((a, v) -> out.put(a.key(), v));
    return new LinkedHashMap<>(out);
  }
}
