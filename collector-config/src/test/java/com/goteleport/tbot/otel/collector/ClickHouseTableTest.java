package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The table warehouse.yaml's ClickHouse exporter inserts into (ClickHouseViewsTest.exporterTable:
 * clickhouse/01-events-table.sql with create_schema: false), on chDB under two server time zones far
 * from UTC: the exporter's own INSERT statements, rendered from the pinned module's template as it
 * renders them at start (with EventName when its DESC TABLE found the column, without when that
 * failed), run against it; its columns are those INSERTs' in the template table's types (Timestamp
 * aside, which is UTC); its daily partitions are UTC days and its TTL is 730 days after each row's
 * instant, whatever the server's zone (the exporter's own table, partitioned and expired in the
 * server's zone, fails both); and rows of one hour are stored in the order of their content, not of
 * their arrival.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 15, unit = TimeUnit.MINUTES) // a first run installs chDB (~1 GB) from PyPI
class ClickHouseTableTest {

  /** Retention: 730 days after a row's instant, in seconds (UTC has no daylight-saving change). */
  private static final Duration RETENTION = Duration.ofDays(730);

  /**
   * Rows the exporter sends with EventName: one second either side of a UTC midnight, so that a
   * partition key in any zone off UTC puts one of them on another day, and one whose 730 days run
   * from daylight-saving to standard time in America/Los_Angeles, so that a TTL added in that zone
   * is an hour off. Every row of this test is in 2099: the table drops a row already 730 days old
   * at its INSERT, so rows of a past year would vanish as the years pass (2026-03-10's from
   * 2028-03-09 on, failing the checks here).
   */
  private static final List<Instant> WITH_EVENT_NAME = List.of(Instant.parse("2099-11-30T23:59:59Z"),
      Instant.parse("2099-12-01T00:00:01Z"), Instant.parse("2099-03-10T12:00:00Z"));

  /** A row sent by the INSERT without EventName (the exporter's DESC TABLE failed at its start). */
  private static final Instant WITHOUT_EVENT_NAME = Instant.parse("2099-12-02T06:00:00Z");

  /** The hour the order check's rows share, as the warehouse stores every row: the start of an hour. */
  private static final Instant HOUR = Instant.parse("2099-12-02T09:00:00Z");

  /**
   * The order check's rows (their versions tell them apart) arrive twice, each time into a fresh
   * table: once in this order, as two INSERTs (two parts), once reversed and split elsewhere.
   */
  private static final int ORDER_ROWS = 10;

  private static final int FORWARD_SPLIT = 6;

  private static final int BACKWARD_SPLIT = 3;

  private final Map<String, Map<String, Object>> byZone = new HashMap<>();

  @BeforeAll
  void storeTheRows() throws Exception {
    Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve("clickhouse-table"));
    Map<String, Object> exporter = WarehouseConfig.clickhouseExporter();
    String database = (String) exporter.get("database");
    String table = (String) exporter.get("logs_table_name");
    Path ddl = ClickHouseViewsTest.exporterTable(dir);
    Path template = ClickHouseViewsTest.renderTable(dir, "exporter_template", table, "0s");
    Path render = ClickHouseViewsTest.renderProgram(dir);
    Path insertTemplate = ClickHouseViewsTest.exporterModule(render).resolve("internal/sqltemplates/logs_insert.sql");
    List<Path> inserts = new ArrayList<>();
    for (boolean eventName : new boolean[] {true, false}) {
      Path insert = dir.resolve("insert-" + eventName + ".sql");
      Files.writeString(insert, ClickHouseViewsTest.run(List.of("go", "run", ".", "insert", insertTemplate.toString(),
          database, table, String.valueOf(eventName)), render, 300, Map.of()), StandardCharsets.UTF_8);
      inserts.add(insert);
    }
    Path rows = dir.resolve("table-rows.jsonl");
    StringBuilder jsonl = new StringBuilder();
    WITH_EVENT_NAME.forEach(t -> jsonl.append(row(t, Map.of("_insert", "with"), 0)).append('\n'));
    jsonl.append(row(WITHOUT_EVENT_NAME, Map.of("_insert", "without"), 0)).append('\n');
    Files.writeString(rows, jsonl, StandardCharsets.UTF_8);
    Path order = dir.resolve("order-rows.jsonl");
    StringBuilder arrivals = new StringBuilder();
    for (int i = 0; i < ORDER_ROWS; i++) {
      arrivals.append(row(HOUR, Map.of("_arrival", "forward", "_batch", i < FORWARD_SPLIT ? 1 : 2), i)).append('\n');
    }
    for (int i = ORDER_ROWS - 1; i >= 0; i--) {
      arrivals.append(row(HOUR, Map.of("_arrival", "backward", "_batch", i >= ORDER_ROWS - BACKWARD_SPLIT ? 1 : 2), i))
          .append('\n');
    }
    Files.writeString(order, arrivals, StandardCharsets.UTF_8);
    // The order check's rows again, as a table created before the edge cut times to the hour holds
    // them: the receipt time to the nanosecond, in the order of receipt (each a few minutes on).
    Path old = dir.resolve("migration-rows.jsonl");
    StringBuilder received = new StringBuilder();
    for (int i = 0; i < ORDER_ROWS; i++) {
      received.append(row(HOUR.plusSeconds(353L * i).plusNanos(123_456_789L), Map.of(), i)).append('\n');
    }
    Files.writeString(old, received, StandardCharsets.UTF_8);
    Path migration = dir.resolve("migration.sql");
    Files.writeString(migration, readmeMigration(), StandardCharsets.UTF_8);
    String python = ClickHouseViewsTest.chdbPython(dir);
    for (String zone : ClickHouseViewsTest.zones()) {
      Path db = dir.resolve("chdb-" + zone.replace('/', '_'));
      Collector.deleteTree(db);
      String out = ClickHouseViewsTest.run(List.of(python, Collector.resource("clickhouse_table.py").toString(),
          db.toString(), ddl.toString(), template.toString(), inserts.get(0).toString(), inserts.get(1).toString(),
          rows.toString(), order.toString(), migration.toString(), old.toString()), dir, 120, Map.of("TZ", zone));
      @SuppressWarnings("unchecked")
      Map<String, Object> result = (Map<String, Object>) new Yaml().load(ClickHouseViewsTest.lastLine(out));
      assertEquals(zone, result.get("timezone"), "the server's time zone chDB ran in");
      byZone.put(zone, result);
    }
  }

  /**
   * Every column the exporter's INSERT names, as it sends it (Map columns empty, the scrub's values),
   * after the script's fields ({@code extra}); rows of another {@code n} differ in their content.
   */
  private static String row(Instant t, Map<String, Object> extra, int n) {
    Map<String, Object> r = new LinkedHashMap<>(extra);
    r.put("Timestamp", t.getEpochSecond() + "." + String.format("%09d", t.getNano()));
    for (String s : List.of("TraceId", "SpanId", "SeverityText", "ServiceName", "Body", "ResourceSchemaUrl",
        "ScopeSchemaUrl")) {
      r.put(s, "");
    }
    r.put("TraceFlags", 0);
    r.put("SeverityNumber", 9);
    r.put("ResourceAttributes", Map.of());
    r.put("ScopeName", "tbot.anonymous_analytics");
    r.put("ScopeVersion", n % 3 == 0 ? "1.0.0" : "1.1.0");
    r.put("ScopeAttributes", Map.of());
    r.put("LogAttributes", n % 2 == 0 ? Map.of("run_mode", "one-shot", "version", "18.1." + n)
        : Map.of("run_mode", "continuous", "version", "18.1." + n, "join_type", "github"));
    r.put("EventName", "tbot.start");
    return r.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + json(e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String json(Object v) {
    if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream().map(e -> json(e.getKey()) + ":" + json(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> list(String zone, String key) {
    return (List<Map<String, Object>>) byZone.get(zone).get(key);
  }

  private static long asLong(Object o) {
    return o instanceof Number ? ((Number) o).longValue() : Long.parseLong(String.valueOf(o));
  }

  private static String utcDay(long epochSecond) {
    return DateTimeFormatter.ofPattern("yyyyMMdd").format(Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC));
  }

  @ParameterizedTest
  @MethodSource("com.goteleport.tbot.otel.collector.ClickHouseViewsTest#zones")
  void partitionsAreUtcDays(String zone) {
    List<Map<String, Object>> rows = list(zone, "rows");
    assertEquals(WITH_EVENT_NAME.size() + 1, rows.size(), "every row inserted: " + rows);
    for (Map<String, Object> r : rows) {
      assertEquals(utcDay(asLong(r.get("ts"))), r.get("partition_id"),
          "the row at " + Instant.ofEpochSecond(asLong(r.get("ts"))) + " is in the partition of its UTC day, under "
              + zone + " (partition key " + byZone.get(zone).get("table") + ")");
    }
  }

  @ParameterizedTest
  @MethodSource("com.goteleport.tbot.otel.collector.ClickHouseViewsTest#zones")
  void rowsExpire730DaysAfterTheirInstant(String zone) {
    // The data can tell: in Los Angeles, 730 days from the DST row end in standard time.
    ZoneId la = ZoneId.of("America/Los_Angeles");
    Instant dst = WITH_EVENT_NAME.get(2);
    assertNotEquals(la.getRules().getOffset(dst), la.getRules().getOffset(dst.plus(RETENTION)));
    List<Map<String, Object>> parts = list(zone, "parts");
    Map<String, Long> expected = new HashMap<>();
    for (Map<String, Object> r : list(zone, "rows")) {
      long ts = asLong(r.get("ts"));
      expected.merge(utcDay(ts), ts + RETENTION.toSeconds(), Math::max);
    }
    assertEquals(expected.keySet(), parts.stream().map(p -> p.get("partition_id")).collect(Collectors.toSet()),
        "one partition per UTC day: " + parts);
    for (Map<String, Object> p : parts) {
      long want = expected.get((String) p.get("partition_id"));
      assertEquals(Instant.ofEpochSecond(want), Instant.ofEpochSecond(asLong(p.get("ttl_max"))),
          "the part " + p + " expires 730 days after its newest row, under " + zone + " ("
              + byZone.get(zone).get("table") + ")");
    }
  }

  /**
   * The exporter's INSERT (both forms) ran, so every column it names exists; each has the type of
   * the exporter's own table (the native protocol converts its Go values to the server's column
   * types, which are the template's), but Timestamp, which is the same DateTime64(9) with the UTC
   * zone; and the table has no column the exporter does not fill.
   */
  @Test
  void theExportersInsertFitsTheTable() {
    for (String zone : ClickHouseViewsTest.zones()) {
      Map<String, String> ours = types(list(zone, "columns"));
      Map<String, String> template = types(list(zone, "template_columns"));
      @SuppressWarnings("unchecked")
      List<String> named = (List<String>) list(zone, "sent").get(0).get("columns");
      assertEquals(List.copyOf(ours.keySet()), named, "the table's columns are the exporter's INSERT's, in its order");
      for (String c : named) {
        String want = c.equals("Timestamp") ? "DateTime64(9, 'UTC')" : template.get(c);
        assertEquals(want, ours.get(c), c + "'s type");
      }
      assertEquals("DateTime64(9)", template.get("Timestamp"), "the exporter's own Timestamp has no zone");
      @SuppressWarnings("unchecked")
      List<String> without = (List<String>) list(zone, "sent").get(1).get("columns");
      assertEquals(named.subList(0, named.size() - 1), without, "without EventName, the INSERT names the rest");
    }
  }

  /**
   * If the exporter's DESC TABLE fails at start (ClickHouse unreachable just then: it only logs
   * "schema detection failed" and starts), its INSERT leaves EventName out for as long as it runs,
   * and a column without a default would store '' where the views count only 'tbot.start'. The
   * warehouse inserts nothing else (filter/tbot_start_only), so that is the column's default.
   */
  @Test
  void aStartInsertedWithoutEventNameIsStillAStart() throws Exception {
    String filter = WarehouseConfig.processor("filter/tbot_start_only").toString();
    assertTrue(filter.contains("log.event_name != \"tbot.start\""), "the warehouse keeps only tbot.start: " + filter);
    for (String zone : ClickHouseViewsTest.zones()) {
      for (Map<String, Object> r : list(zone, "rows")) {
        assertEquals("tbot.start", r.get("event_name"), "EventName of the row at "
            + Instant.ofEpochSecond(asLong(r.get("ts"))) + " (columns " + list(zone, "columns") + ")");
      }
    }
  }

  /**
   * Every row of an hour has the same Timestamp (the start of the hour), so a sorting key of the
   * time alone kept them in the order they were inserted, which follows the order of receipt, and a
   * reader who knows the order of an hour's requests (a load balancer's access log) could match the
   * i-th request to the i-th row. Within an hour the key sorts by a hash of every other column, so
   * the same rows arriving in another order, in other INSERTs, are stored in the same order: each
   * part as it is written, and the whole hour once merged.
   */
  @Test
  void rowsOfAnHourAreStoredInTheOrderOfTheirContentNotOfTheirArrival() {
    for (String zone : ClickHouseViewsTest.zones()) {
      Object key = ((Map<?, ?>) byZone.get(zone).get("table")).get("sorting_key");
      @SuppressWarnings("unchecked")
      Map<String, Map<String, List<Map<String, Object>>>> arrivals =
          (Map<String, Map<String, List<Map<String, Object>>>>) byZone.get(zone).get("arrivals");
      List<String> forward = versions(arrivals.get("forward").get("after"));
      List<String> backward = versions(arrivals.get("backward").get("after"));
      assertEquals(ORDER_ROWS, forward.size(), "every row stored: " + forward);
      assertEquals(forward, backward, "after OPTIMIZE TABLE ... FINAL, the rows of one hour read back in the same "
          + "order whether they arrived as 18.1.0 ... 18.1.9 or the other way round (sorting key " + key + ", " + zone
          + ")");
      for (Map.Entry<String, Map<String, List<Map<String, Object>>>> arrival : arrivals.entrySet()) {
        assertEquals(1, parts(arrival.getValue().get("after")).size(), "one part once merged: " + arrival);
        Map<String, List<String>> before = parts(arrival.getValue().get("before"));
        assertEquals(2, before.size(), "each INSERT of the " + arrival.getKey() + " arrival is a part of its own: "
            + before);
        for (Map.Entry<String, List<String>> part : before.entrySet()) {
          List<String> inContentOrder = forward.stream().filter(part.getValue()::contains).toList();
          assertEquals(inContentOrder, part.getValue(), "part " + part.getKey() + " of the " + arrival.getKey()
              + " arrival, before any merge, is in the order of the content (sorting key " + key + ", " + zone + ")");
        }
      }
    }
  }

  /**
   * Rows that tie on the sorting key are equal in every column, so their order tells nothing: the
   * tie-break hashes every column but Timestamp. The primary key (the sparse index) is the time
   * alone, as before.
   */
  @Test
  void theTieBreakCoversEveryColumn() {
    for (String zone : ClickHouseViewsTest.zones()) {
      Map<?, ?> table = (Map<?, ?>) byZone.get(zone).get("table");
      String key = (String) table.get("sorting_key");
      assertEquals("Timestamp", table.get("primary_key"), "the primary key");
      assertTrue(key.startsWith("Timestamp, "), "the sorting key begins with the time: " + key);
      for (String column : types(list(zone, "columns")).keySet()) {
        assertTrue(key.matches(".*\\b" + column + "\\b.*"), column + " is in the sorting key " + key);
      }
    }
  }

  /**
   * Until merged, the part a row is in tells which INSERT brought it (a batch of the warehouse's
   * exporter, every 5 s: {@code _part} and {@code system.parts}), and ClickHouse's own merges leave
   * a partition's last small parts unmerged for good, each a stretch of arrivals. The table forces
   * a partition whose parts are all an hour old into one part: a day, an hour after its last insert.
   * Here that age is lowered to a second, on a copy that got each row in an INSERT of its own.
   */
  @Test
  void aPartitionAnHourOldIsMergedIntoOnePart() {
    for (String zone : ClickHouseViewsTest.zones()) {
      String engine = (String) ((Map<?, ?>) byZone.get(zone).get("table")).get("engine_full");
      assertTrue(engine.contains("min_age_to_force_merge_seconds = 3600")
          && engine.contains("min_age_to_force_merge_on_partition_only = 1"), "the table forces merges: " + engine);
      Map<?, ?> aged = (Map<?, ?>) byZone.get(zone).get("aged");
      List<Map<String, Object>> parts = agedParts(aged);
      assertEquals(1, parts.size(), aged.get("inserts") + " INSERTs of one day, all older than the (lowered) age, "
          + "are one part within 60 s under " + zone + ": " + parts);
      assertEquals(asLong(aged.get("inserts")), asLong(parts.get(0).get("rows")), "every row in it: " + parts);
    }
  }

  /**
   * README's migration, run on the exporter's own table (no zone, sorted by time) holding one hour's
   * rows at the receipt times stored before the edge cut them to the hour, to the nanosecond and so
   * in the order of receipt: the copy keeps every row, cuts each time to the start of its UTC hour,
   * as the warehouse stores times now, and stores them by their content, as new rows are stored.
   */
  @Test
  void theReadmesMigrationCutsTheOldTimesToTheirHour() {
    long hour = HOUR.getEpochSecond() * 1_000_000_000L;
    for (String zone : ClickHouseViewsTest.zones()) {
      Map<?, ?> migrated = (Map<?, ?>) byZone.get(zone).get("migration");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> stored = (List<Map<String, Object>>) migrated.get("rows");
      assertEquals(ORDER_ROWS, asLong(migrated.get("old")), "rows in the old table: " + migrated);
      Map<String, Long> times = new LinkedHashMap<>();
      stored.forEach(r -> times.put((String) r.get("version"), asLong(r.get("ns"))));
      Map<String, Long> expected = new LinkedHashMap<>();
      for (int i = 0; i < ORDER_ROWS; i++) {
        expected.put("18.1." + i, hour);
      }
      assertEquals(expected.keySet(), times.keySet(), "every row copied once, under " + zone + ": " + stored);
      assertEquals(expected, times, "the copy cuts each time (" + HOUR + " plus minutes and nanoseconds) to the "
          + "start of its UTC hour (" + HOUR + "), under " + zone);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> content =
          ((Map<String, List<Map<String, Object>>>) ((Map<?, ?>) byZone.get(zone).get("arrivals")).get("forward"))
              .get("after");
      assertEquals(versions(content), versions(stored), "the copy of an hour is stored by its content, not by "
          + "its old times (the order of receipt), under " + zone);
    }
  }

  /** README's migration (the sql block that renames the table), as an administrator would paste it. */
  private static String readmeMigration() throws IOException {
    String readme = Files.readString(Collector.config("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("```sql\nRENAME TABLE tbot.tbot_start_events TO");
    assertTrue(start >= 0, "README's migration block");
    start += "```sql\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> agedParts(Map<?, ?> aged) {
    return (List<Map<String, Object>>) aged.get("parts");
  }

  private static List<String> versions(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> (String) r.get("version")).toList();
  }

  /** The versions of each part's rows, in the order they were read, by part. */
  private static Map<String, List<String>> parts(List<Map<String, Object>> rows) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    rows.forEach(r -> out.computeIfAbsent((String) r.get("part"), p -> new ArrayList<>()).add((String) r.get("version")));
    return out;
  }

  private static Map<String, String> types(List<Map<String, Object>> columns) {
    Map<String, String> out = new LinkedHashMap<>();
    columns.forEach(c -> out.put((String) c.get("name"), (String) c.get("type")));
    return out;
  }
}
