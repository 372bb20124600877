package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.testing.SchemaCounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The SQL that Teleport's team reads adoption from, run on ClickHouse's engine (chDB 4.4.0, i.e.
 * ClickHouse 26.9, from PyPI via pypi-env.sh; no ClickHouse server can be installed
 * here): the table is the one warehouse.yaml's exporter inserts into (exporterTable:
 * clickhouse/01-events-table.sql with create_schema: false, else the exporter's own template
 * rendered with Go from the module pinned in builder-config.yaml), rows are what the exporter inserts for tbot.start records (attributes as strings, as its
 * AttributesToMap does), then clickhouse/00-database-and-users.sql and 02-adoption-views.sql run
 * as written, under two server time zones far from UTC (days and times must be UTC whatever the
 * server's zone). Every view's rows must equal what this test computes from the same events, and
 * its comment in system.tables (all a reader browsing the warehouse sees) must say it counts starts.
 * Users and grants are only parsed: chDB has no writable user storage (a user's password, a query
 * parameter, is first left out: ClickHouse must refuse the statement).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 15, unit = TimeUnit.MINUTES) // a first run installs chDB (~1 GB) from PyPI
class ClickHouseViewsTest {

  /**
   * One tbot.start as the warehouse stores it; {@code helper} and its version may be absent. Its
   * outputs: {@code destinations} in all and {@code kinds}, one per part of destinations_configured
   * ({@link SchemaCounts#parts()}, schema order), which {@link #runTheSql} holds STARTS to.
   */
  record Start(String day, String time, String runMode, String version, String joinType, String helper,
      String helperVersion, int destinations, List<Integer> kinds) {

    Start(String day, String time, String runMode, String version, String joinType, String helper,
        String helperVersion, int destinations, int... kinds) {
      this(day, time, runMode, version, joinType, helper, helperVersion, destinations,
          IntStream.of(kinds).boxed().toList());
    }

    /** A count as the views must show it: as tbot-otel sends it (kinds over the total as 0). */
    long count(Attribute a) {
      int[] counts = IntStream.concat(IntStream.of(destinations), kinds.stream().mapToInt(Integer::intValue)).toArray();
      return (Long) StartEvent.builder().setDestinations(SchemaCounts.of(counts)).build().get(a);
    }

    /** The release as the views must show it: v18.1.0 and 18.1.0 are one release, one row. */
    String release() {
      return version.startsWith("v") ? version.substring(1) : version;
    }

    /** The day and run mode, the group of the views that split by run mode. */
    String dayAndMode() {
      return day + " " + runMode;
    }

    /** The release's numbers as tbot_starts must give them: [18, 10, 0], or nulls for 'unknown'. */
    String numbers() {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)").matcher(release());
      return m.find() ? List.of(m.group(1), m.group(2), m.group(3)).toString() : "[null, null, null]";
    }

    /** The wrapper's release likewise (v2.0.1 and 2.0.1), "" when there is none. */
    String helperRelease() {
      return helperVersion == null ? "" : helperVersion.startsWith("v") ? helperVersion.substring(1) : helperVersion;
    }
  }

  // In 2099, a year of 2026's calendar (its days of the week): the table drops a row already 730
  // days old at its INSERT, so the rows of a past year would vanish as the years pass (2026's from
  // 2028-11-29 on, failing every view's check).
  private static final List<Start> STARTS = List.of(
      // A Sunday's start, in the week before the others' (weeks start on Monday, UTC).
      new Start("2099-11-29", "23:30:00", "one-shot", "18.1.0", "github", null, null, 1, 0, 0, 0),
      new Start("2099-11-30", "09:00:00", "one-shot", "18.1.0", "github", "gha:teleport-actions/auth", "v2.0.1", 3, 1, 1, 0),
      new Start("2099-11-30", "09:05:00", "one-shot", "18.1.0", "github", "gha:teleport-actions/auth", "v2.0.1", 1, 0, 0, 0),
      new Start("2099-11-30", "10:00:00", "continuous", "18.1.0", "kubernetes", null, null, 5, 2, 0, 2),
      new Start("2099-11-30", "23:59:59", "one-shot", "17.5.2", "token", null, null, 2, 0, 1, 0),
      new Start("2099-12-01", "00:00:01", "continuous", "17.5.2", "iam", null, null, 0, 0, 0, 0),
      new Start("2099-12-01", "08:30:00", "one-shot", "18.1.0", "github", "gitlab-ci", "1.0.0", 4, 0, 0, 1),
      // The same releases spelled with a v, as the schema allows (`exec --tbot-version v18.1.0`,
      // as Teleport's release tags are written; a wrapper's v2.0.1 beside another's 2.0.1): one
      // release is one row of starts_per_version, not two.
      new Start("2099-12-01", "09:00:00", "one-shot", "v18.1.0", "github", "gha:teleport-actions/auth", "2.0.1", 1, 0, 0, 0),
      new Start("2099-12-01", "09:15:00", "one-shot", "v17.5.2", "token", "gitlab-ci", "v1.0.0", 1, 0, 0, 0),
      // Releases whose text order is not theirs (18.10.0 sorts before 18.9.0 as text), a
      // pre-release, and no release: tbot_starts gives each its numbers, NULL for 'unknown'.
      new Start("2099-12-01", "10:00:00", "one-shot", "18.10.0", "github", "gha:teleport-actions/auth", "2.0.1", 1, 0, 0, 0),
      new Start("2099-12-01", "10:30:00", "continuous", "18.9.0", "github", "gha:teleport-actions/database-tunnel",
          "1.0.0", 0, 0, 0, 0),
      new Start("2099-12-01", "11:00:00", "one-shot", "19.0.0-rc.1", "token", null, null, 1, 0, 0, 0),
      new Start("2099-12-01", "11:30:00", "continuous", "unknown", "kubernetes", null, null, 2, 0, 2, 0),
      // Kinds over the total, as a client may send them and a warehouse stored them before the
      // collectors' rule: they count as 0, or 'other' would go negative.
      new Start("2099-12-01", "12:00:00", "continuous", "18.1.0", "token", null, null, 0, 1000, 1000, 1000));

  /**
   * The server's time zones the SQL runs under (chDB takes TZ, as a server does): far east and far
   * west of UTC, so that a day or time that follows the server's zone moves the starts near
   * midnight UTC onto another day, one way or the other.
   */
  static List<String> zones() {
    return List.of("Pacific/Kiritimati", "America/Los_Angeles");
  }

  private final Map<String, Map<String, List<Map<String, Object>>>> viewsByZone = new HashMap<>();
  private final Map<String, List<List<Map<String, Object>>>> examplesByZone = new HashMap<>();
  private final Map<String, Map<String, String>> commentsByZone = new HashMap<>();
  private List<List<String>> statements;
  private Path dir;
  private Path ddl;
  private String python;

  @BeforeAll
  void runTheSql() throws Exception {
    startsGiveEveryKind();
    dir = Files.createDirectories(Collector.BUILD_DIR.resolve("clickhouse-views"));
    ddl = exporterTable(dir);
    Path rows = dir.resolve("rows.jsonl");
    Files.writeString(rows, rowsAsTheExporterInsertsThem(), StandardCharsets.UTF_8);
    Path examples = dir.resolve("examples.sql");
    StringBuilder shown = new StringBuilder();
    for (String question : EXAMPLES) {
      try {
        shown.append(example(question)).append('\n');
      } catch (AssertionError missing) {
        shown.append("SELECT 0 AS missing;\n"); // its own test fails with the reason
      }
    }
    Files.writeString(examples, shown, StandardCharsets.UTF_8);
    python = chdbPython(dir);
    for (String zone : zones()) {
      Path db = dir.resolve("chdb-" + zone.replace('/', '_'));
      Collector.deleteTree(db);
      String out = run(List.of(python, Collector.resource("clickhouse_views.py").toString(), db.toString(),
          ddl.toString(), rows.toString(), Collector.config("clickhouse/00-database-and-users.sql").toString(),
          Collector.config("clickhouse/02-adoption-views.sql").toString(), examples.toString()), dir, 120,
          Map.of("TZ", zone));
      @SuppressWarnings("unchecked")
      Map<String, Object> result = (Map<String, Object>) new Yaml().load(lastLine(out));
      assertEquals(zone, result.get("timezone"), "the server's time zone chDB ran in");
      @SuppressWarnings("unchecked")
      Map<String, List<Map<String, Object>>> v = (Map<String, List<Map<String, Object>>>) result.get("views");
      @SuppressWarnings("unchecked")
      List<List<String>> s = (List<List<String>>) result.get("statements");
      viewsByZone.put(zone, v);
      @SuppressWarnings("unchecked")
      Map<String, String> c = (Map<String, String>) result.get("comments");
      commentsByZone.put(zone, c);
      @SuppressWarnings("unchecked")
      List<List<Map<String, Object>>> e = (List<List<Map<String, Object>>>) result.get("examples");
      examplesByZone.put(zone, e);
      statements = s;
    }
  }

  /**
   * Each view that aggregates, read whole over one UTC day of 3,000,000 starts, within 16 MB: a
   * view whose memory grows with a day's starts would fail at scaling.md's rates. Red before:
   * destinations_by_kind's quantileExact, which kept every start's count (19.5 MiB here; ~1.4 GB a
   * day at 240 M starts, a review of 2026-12-06 measured); a table of each count's starts keeps it
   * at ~6 MB.
   */
  @Test
  void everyViewReadsADayOfManyStartsInBoundedMemory() throws Exception {
    Path db = dir.resolve("chdb-memory");
    Collector.deleteTree(db);
    try {
      String out = run(List.of(python, Collector.resource("clickhouse_view_memory.py").toString(), db.toString(),
          ddl.toString(), Collector.config("clickhouse/00-database-and-users.sql").toString(),
          Collector.config("clickhouse/02-adoption-views.sql").toString(), "3000000", "16000000"), dir, 300, Map.of());
      @SuppressWarnings("unchecked")
      Map<String, Object> result = (Map<String, Object>) new Yaml().load(lastLine(out));
      assertTrue(result.containsKey("tbot.destinations_by_kind"), "the views read: " + result.keySet());
      result.forEach((view, outcome) -> assertEquals("ok", outcome, view));
    } finally {
      Collector.deleteTree(db);
    }
  }

  /**
   * Every start gives its outputs of each kind of the schema, and every kind has outputs in a start
   * that sends them: with a kind given nowhere, the views' columns for it would be compared with
   * zeros only, which a column that reads another key also gives.
   */
  static void startsGiveEveryKind() {
    List<String> kinds = SchemaCounts.parts().stream().map(ClickHouseViewsTest::kind).toList();
    for (Start s : STARTS) {
      assertEquals(kinds.size(), s.kinds().size(), "ClickHouseViewsTest.STARTS: each start gives its outputs of each"
          + " kind of the schema, " + kinds + " (Attribute.DESTINATIONS_CONFIGURED.parts()), in that order: " + s);
    }
    for (Attribute part : SchemaCounts.parts()) {
      assertTrue(STARTS.stream().anyMatch(s -> s.count(part) > 0), "ClickHouseViewsTest.STARTS: no start has "
          + kind(part) + " outputs that tbot-otel sends (the kinds within the total): give some a few");
    }
  }

  private List<Map<String, Object>> view(String zone, String name) {
    return viewsByZone.get(zone).get(name);
  }

  @Test
  void everyStatementOfBothFilesRunsOrParses() throws IOException {
    List<String> parsed = statements.stream().filter(s -> s.get(0).equals("parsed")).map(s -> s.get(1))
        .collect(Collectors.toList());
    long usersAndGrants = Files.readAllLines(Collector.config("clickhouse/00-database-and-users.sql")).stream()
        .filter(l -> l.startsWith("CREATE USER") || l.startsWith("GRANT")).count();
    assertEquals(usersAndGrants, parsed.size(), "every user and grant parsed: " + parsed);
    viewsByZone.values().forEach(views -> assertEquals(6, views.size(), "six views: " + views.keySet()));
  }

  /**
   * The exporter creates nothing (create_schema: false; clickhouse/01-events-table.sql does), so
   * its user may only describe the table (its DESC TABLE at start) and insert into it: no CREATE,
   * no SELECT, nothing on any other table or database (the session's database, `default`, which
   * the exporter always connects with, takes none).
   */
  @Test
  void theWriterOnlyDescribesAndInsertsIntoTheTable() throws IOException {
    Map<String, Object> exporter = WarehouseConfig.clickhouseExporter();
    assertEquals(false, exporter.get("create_schema"), "the exporter must not create its own table");
    String table = exporter.get("database") + "." + exporter.get("logs_table_name");
    assertTrue(Files.readString(Collector.config(EVENTS_TABLE_SQL)).contains("CREATE TABLE IF NOT EXISTS " + table + "\n"),
        EVENTS_TABLE_SQL + " creates " + table);
    List<String> grants = Files.readAllLines(Collector.config("clickhouse/00-database-and-users.sql")).stream()
        .filter(l -> l.startsWith("GRANT") && l.contains(" TO " + exporter.get("username") + ";")).toList();
    assertEquals(List.of("GRANT INSERT, SHOW COLUMNS ON " + table + " TO tbot_writer;"), grants);
  }

  /**
   * The SQL ships no password (a literal would be applied as is, and be guessable): each user's is
   * a query parameter ({name:String}, clickhouse-client --param_name=...), and ClickHouse refuses
   * the statement when it is not given rather than create a user with a known or empty password.
   */
  @Test
  void usersGetPasswordsOnlyFromQueryParameters() throws IOException {
    List<String> users = Files.readAllLines(Collector.config("clickhouse/00-database-and-users.sql")).stream()
        .filter(l -> l.startsWith("CREATE USER")).toList();
    assertTrue(users.size() >= 2, "the writer and the reader: " + users);
    for (String user : users) {
      Matcher m = Pattern.compile("IDENTIFIED WITH sha256_password BY \\{(\\w+_password):String\\}"
          + "(?: SETTINGS [a-z_]+ = [0-9]+)?;$").matcher(user);
      assertTrue(m.find(), "a password other than a query parameter: " + user);
      assertTrue(statements.contains(List.of("refused without " + m.group(1), user.substring(0, user.length() - 1))),
          "ClickHouse must refuse it without --param_" + m.group(1) + ": " + statements);
    }
    // Two batches of the same rows are common (rows carry their hour): where a deduplication
    // window is set (a Replicated or Shared engine), ClickHouse would drop the second, and starts
    // would be undercounted (scaling.md). A review of 2026-12-06 found the writer without it.
    assertTrue(users.stream().anyMatch(u -> u.startsWith("CREATE USER IF NOT EXISTS tbot_writer ")
        && u.endsWith(" SETTINGS insert_deduplicate = 0;")), "the writer's inserts are never deduplicated: " + users);
  }

  @ParameterizedTest
  @MethodSource("zones")
  void everyStartIsOneRowAndNothingElseIs(String zone) {
    // ts and day are UTC: the start at 23:59:59 UTC is on its UTC day under any server zone.
    List<Map<String, Object>> rows = view(zone, "tbot.tbot_starts");
    assertEquals(STARTS.size(), rows.size(), "the tbot.stop row and the other scope's row are not starts");
    for (int i = 0; i < STARTS.size(); i++) {
      Start s = STARTS.get(i);
      Map<String, Object> r = rows.stream()
          .filter(x -> String.valueOf(x.get("ts")).startsWith(s.day() + " " + s.time())).findFirst()
          .orElseThrow(() -> new AssertionError("no row for " + s + " in " + rows));
      assertEquals(s.day(), r.get("day"));
      assertEquals("1.0.0", r.get("schema_version"));
      assertEquals(s.runMode(), r.get("run_mode"));
      assertEquals(s.release(), r.get("tbot_version"));
      assertEquals(s.joinType(), r.get("join_type"));
      assertEquals(s.helper() == null ? "none" : s.helper(), r.get("helper"));
      assertEquals(s.helperRelease(), r.get("helper_version"));
      for (Attribute a : SchemaCounts.ALL) {
        assertEquals(s.count(a), asLong(r.get(startsColumn(a))), startsColumn(a) + " of " + s);
      }
    }
  }

  /** The questions the views leave to a query: 02-adoption-views.sql's header shows one for each. */
  private static final String WEEKLY = "one-shot starts per join method per week";

  /** The RFD's helper_version, which no view breaks down. */
  private static final String HELPER_VERSIONS = "starts per helper and helper version per week";

  /** The questions, in the order their queries run (examplesByZone's order). */
  private static final List<String> EXAMPLES = List.of(WEEKLY, HELPER_VERSIONS);

  /** A question's query, as the header shows it (the commented lines after the one naming it). */
  static String example(String question) throws IOException {
    List<String> lines = Files.readAllLines(Collector.config("clickhouse/02-adoption-views.sql"));
    int at = -1;
    for (int i = 0; i < lines.size() && at < 0; i++) {
      at = lines.get(i).startsWith("--") && lines.get(i).contains(question) ? i : -1;
    }
    assertTrue(at >= 0, "02-adoption-views.sql shows no query for " + question);
    List<String> query = new ArrayList<>();
    for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("--   "); i++) {
      query.add(lines.get(i).substring(5));
    }
    assertTrue(!query.isEmpty() && query.get(query.size() - 1).endsWith(";"), "no query after: " + lines.get(at));
    return String.join("\n", query);
  }

  @ParameterizedTest
  @MethodSource("zones")
  void theHeadersWeeklyQueryCountsOneShotStartsPerJoinMethodPerMondayWeek(String zone) throws IOException {
    example(WEEKLY);
    List<List<Map<String, Object>>> examples = examplesByZone.get(zone);
    assertEquals(EXAMPLES.size(), examples.size(), "every example query ran");
    Map<String, Long> expected = STARTS.stream().filter(s -> s.runMode().equals("one-shot"))
        .collect(Collectors.groupingBy(s -> java.time.LocalDate.parse(s.day())
            .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)) + " " + s.joinType(),
            TreeMap::new, Collectors.counting()));
    Map<String, Long> got = new TreeMap<>();
    for (Map<String, Object> r : examples.get(EXAMPLES.indexOf(WEEKLY))) {
      assertTrue(got.put(r.get("week") + " " + r.get("join_type"), asLong(r.get("starts"))) == null, "duplicate " + r);
    }
    assertEquals(expected, got);
  }

  /**
   * A reader of the views is told, in the file's header, what the values that are not what they
   * seem hold: each schema fallback ('unknown' for a version or join method), the view's own
   * 'none' for no helper, and the count bound (1000 means 1000 or more), each under a column the
   * views have; and no comment calls what the views count bots (a start is a CI job, or a start
   * of an agent's process).
   */
  @Test
  void theHeaderSaysWhatTheValuesThatAreNotWhatTheySeemHold() throws IOException {
    List<String> lines = Files.readAllLines(Collector.config("clickhouse/02-adoption-views.sql"));
    String header = lines.stream().takeWhile(l -> l.startsWith("--") || l.isBlank())
        .collect(Collectors.joining("\n"));
    Map<String, Object> columns = view(zones().get(0), "tbot.tbot_starts").get(0);
    Map<Attribute, String> renamed = Map.of(Attribute.VERSION, "tbot_version");
    for (Attribute a : Attribute.values()) {
      if (a.fallback() != null) {
        String column = renamed.getOrDefault(a, a.key());
        assertTrue(columns.containsKey(column), "tbot_starts has no column " + column + ": " + columns.keySet());
        assertTrue(header.contains("-- - " + column + " = '" + a.fallback() + "'"),
            "the header does not say what " + column + " = '" + a.fallback() + "' holds");
      }
    }
    assertTrue(header.contains("-- - helper = 'none'"), "the header does not say what helper = 'none' holds");
    assertTrue(header.contains(Attribute.MAX_COUNT + " means " + Attribute.MAX_COUNT + " or more"),
        "the header does not say what a count of " + Attribute.MAX_COUNT + " means");
    for (String line : lines) {
      String l = line.toLowerCase(java.util.Locale.ROOT);
      assertTrue(!l.startsWith("--") || !(l.contains("share of bots") || l.contains("bots use")
          || l.contains("bots configure")), "a comment reads starts as bots: " + line);
    }
  }

  /** The first thing a reader of any view must know (the header's "Every view counts starts, not bots"). */
  static final String STARTS_NOT_BOTS = "Counts tbot.start events (starts), not bots: ";

  /** Where each view's comment sends its reader for the rest: the file's header. */
  static final String HEADER = "collector-config/clickhouse/02-adoption-views.sql";

  /**
   * What each view's comment names besides, after the header: the days' zone and the value or
   * columns that view is most easily misread by.
   */
  private static final Map<String, List<String>> CAVEATS = Map.of(
      "tbot.tbot_starts", List.of("UTC", "run_mode"),
      "tbot.starts_per_version", List.of("UTC", "run mode", "'unknown'", "--tbot-version", "version_major"),
      "tbot.join_method_share", List.of("UTC", "of its run mode", "'unknown'", "'token'"),
      "tbot.helper_share", List.of("UTC", "of its run mode", "'none'", "screen"),
      "tbot.run_mode_share", List.of("UTC", "one-shot", "continuous"),
      "tbot.destinations_by_kind", List.of("UTC", "run mode", "sums of outputs", "starts_with_", "tunnels"));

  /**
   * ClickHouse drops the file's -- comments: an analyst who browses the warehouse (system.tables,
   * a BI tool's table description) sees only a view's COMMENT. Each view's says first that it
   * counts starts, not bots, then its own caveat, and points to the header for the rest.
   */
  @Test
  void everyViewsCommentInTheWarehouseSaysItCountsStartsNotBots() {
    assertTrue(Files.isRegularFile(Collector.config(HEADER.substring("collector-config/".length()))), HEADER);
    for (String zone : zones()) {
      Map<String, String> comments = commentsByZone.get(zone);
      assertEquals(viewsByZone.get(zone).keySet(), comments.keySet(), "a comment looked up for every view");
      assertEquals(CAVEATS.keySet(), comments.keySet(), "the views this test knows the caveats of");
      comments.forEach((view, comment) -> {
        assertTrue(comment != null && comment.startsWith(STARTS_NOT_BOTS),
            view + "'s comment in system.tables must start with '" + STARTS_NOT_BOTS + "': " + comment);
        for (String caveat : CAVEATS.get(view)) {
          assertTrue(comment.contains(caveat), view + "'s comment does not name " + caveat + ": " + comment);
        }
        assertTrue(comment.contains(HEADER), view + "'s comment does not point to " + HEADER + ": " + comment);
        String l = comment.toLowerCase(java.util.Locale.ROOT);
        assertTrue(!(l.contains("share of bots") || l.contains("bots use") || l.contains("bots configure")),
            view + "'s comment reads starts as bots: " + comment);
      });
    }
  }

  @ParameterizedTest
  @MethodSource("zones")
  void theHeadersHelperVersionQueryCountsStartsPerHelperReleasePerMondayWeek(String zone) throws IOException {
    example(HELPER_VERSIONS);
    Map<String, Long> expected = STARTS.stream().filter(s -> s.helper() != null)
        .collect(Collectors.groupingBy(s -> java.time.LocalDate.parse(s.day())
            .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
            + " " + s.helper() + " " + s.helperRelease(), TreeMap::new, Collectors.counting()));
    Map<String, Long> got = new TreeMap<>();
    for (Map<String, Object> r : examplesByZone.get(zone).get(EXAMPLES.indexOf(HELPER_VERSIONS))) {
      assertTrue(got.put(r.get("week") + " " + r.get("helper") + " " + r.get("helper_version"),
          asLong(r.get("starts"))) == null, "duplicate " + r);
    }
    assertEquals(expected, got);
  }

  @ParameterizedTest
  @MethodSource("zones")
  void startsPerVersion(String zone) {
    assertEquals(counts(Start::release), counted(view(zone, "tbot.starts_per_version"), "tbot_version"));
  }

  /**
   * A release's numbers, to compare releases by: tbot_version is text, where 18.10.0 sorts before
   * 18.9.0. NULL for 'unknown'; a pre-release has its release's numbers.
   */
  @ParameterizedTest
  @MethodSource("zones")
  void tbotStartsGivesEachReleaseItsNumbers(String zone) {
    List<String> expected = STARTS.stream().map(s -> s.release() + " " + s.numbers()).sorted().toList();
    List<String> got = view(zone, "tbot.tbot_starts").stream()
        .map(r -> r.get("tbot_version") + " " + java.util.Arrays.asList(r.get("version_major"), r.get("version_minor"),
            r.get("version_patch")).stream().map(n -> n == null ? "null" : String.valueOf(asLong(n))).toList())
        .sorted().toList();
    assertEquals(expected, got);
  }

  @ParameterizedTest
  @MethodSource("zones")
  void joinMethodShare(String zone) {
    assertShares(view(zone, "tbot.join_method_share"), "join_type", s -> s.joinType());
  }

  @ParameterizedTest
  @MethodSource("zones")
  void helperShareCountsPlainTbotAsNone(String zone) {
    assertShares(view(zone, "tbot.helper_share"), "helper", s -> s.helper() == null ? "none" : s.helper());
  }

  @ParameterizedTest
  @MethodSource("zones")
  void runModeShare(String zone) {
    assertShares(view(zone, "tbot.run_mode_share"), "run_mode", s -> s.runMode());
  }

  @ParameterizedTest
  @MethodSource("zones")
  void destinationsByKind(String zone) {
    List<Map<String, Object>> rows = view(zone, "tbot.destinations_by_kind");
    Map<String, List<Start>> byDay = STARTS.stream()
        .collect(Collectors.groupingBy(Start::dayAndMode, TreeMap::new, Collectors.toList()));
    assertEquals(byDay.size(), rows.size(), "one row per day and run mode: " + rows);
    for (Map<String, Object> r : rows) {
      List<Start> day = byDay.get(r.get("day") + " " + r.get("run_mode"));
      assertTrue(day != null, "a row of a day and run mode with no starts: " + r);
      long total = day.stream().mapToLong(x -> x.count(Attribute.DESTINATIONS_CONFIGURED)).sum();
      assertEquals(day.size(), asLong(r.get("starts")), "starts " + r);
      assertEquals(total, asLong(r.get("destinations_total")), "total " + r);
      long other = total;
      for (Attribute part : SchemaCounts.parts()) {
        long sum = day.stream().mapToLong(x -> x.count(part)).sum();
        assertEquals(sum, asLong(r.get(kind(part))), kind(part) + " " + r);
        assertEquals(day.stream().filter(x -> x.count(part) > 0).count(), asLong(r.get("starts_with_" + kind(part))),
            "starts_with_" + kind(part) + " " + r);
        other -= sum;
      }
      assertEquals(other, asLong(r.get("other")), "other " + r);
      assertTrue(asLong(r.get("other")) >= 0, "other is never negative: " + r);
      assertEquals((double) total / day.size(), asDouble(r.get("avg_destinations_per_start")), 1e-9, "avg " + r);
      int[] sorted = day.stream().mapToInt(Start::destinations).sorted().toArray();
      // The lower median: of n values, the element at index (n - 1) / 2 of the sorted values.
      assertEquals(sorted[(sorted.length - 1) / 2], asLong(r.get("median_destinations_per_start")), "median " + r);
    }
  }

  /** A per-kind count's kind, as the views name it: its key after the whole's ({@code database_access}). */
  static String kind(Attribute part) {
    return part.key().substring(part.partOf().key().length() + 1);
  }

  /**
   * The column of tbot_starts that holds {@code a}: its key, but for tbot_version, destinations and
   * the per-kind counts ({@code destinations_database} for {@code destinations_configured_database_access}).
   */
  static String startsColumn(Attribute a) {
    if (a == Attribute.VERSION) {
      return "tbot_version";
    }
    if (a == Attribute.DESTINATIONS_CONFIGURED) {
      return "destinations";
    }
    return a.partOf() == Attribute.DESTINATIONS_CONFIGURED
        ? "destinations_" + kind(a).replaceFirst("_access$", "")
        : a.key();
  }

  /**
   * Schema drift, as AllowlistDriftTest's for the collectors: the warehouse stores every attribute
   * (LogAttributes is a map), so a new one reaches it unasked, and only the views can leave it out.
   * tbot_starts has a column for every schema attribute, destinations_by_kind a sum and a
   * starts_with_ column for every per-kind count, and its 'other' is the total less all of them
   * (a new kind missing there would be counted as 'other' without a word); and the rows this test
   * inserts carry every attribute, so each column is checked against values.
   */
  @ParameterizedTest
  @MethodSource("zones")
  void theViewsHaveEverySchemaAttributeAndEveryKind(String zone) {
    java.util.Set<String> starts = view(zone, "tbot.tbot_starts").get(0).keySet();
    for (Attribute a : Attribute.values()) {
      assertTrue(starts.contains(startsColumn(a)), HEADER + ": tbot.tbot_starts has no column " + startsColumn(a)
          + " for the schema's " + a.key() + " (it has " + starts + ")");
    }
    List<Attribute> parts = Attribute.DESTINATIONS_CONFIGURED.parts();
    for (Map<String, Object> r : view(zone, "tbot.destinations_by_kind")) {
      long other = asLong(r.get("destinations_total"));
      for (Attribute part : parts) {
        for (String column : List.of(kind(part), "starts_with_" + kind(part))) {
          assertTrue(r.containsKey(column), HEADER + ": tbot.destinations_by_kind has no column " + column
              + " for the schema's " + part.key() + " (it has " + r.keySet() + ")");
        }
        other -= asLong(r.get(kind(part)));
      }
      assertEquals(other, asLong(r.get("other")), HEADER + ": tbot.destinations_by_kind's other is the total less "
          + parts.stream().map(ClickHouseViewsTest::kind).toList() + ": " + r);
    }
    java.util.Set<String> inserted = new TreeSet<>();
    STARTS.forEach(s -> inserted.addAll(attributes(s).keySet()));
    assertEquals(new TreeSet<>(EventSchema.attributeKeys()), inserted,
        "the attributes of the rows ClickHouseViewsTest inserts (Start, attributes(Start)) against the schema's");
  }

  /**
   * The view's (day, run mode, key) -> starts, with share = starts / that run mode's starts that day
   * (one agent's restarts must not swing a share of CI jobs); run_mode_share's, of the day's.
   */
  private static void assertShares(List<Map<String, Object>> rows, String column,
      java.util.function.Function<Start, String> key) {
    boolean perMode = !column.equals("run_mode");
    java.util.function.Function<Start, String> of = perMode ? Start::dayAndMode : Start::day;
    assertEquals(perMode ? counts(key) : countsPerDay(key), perMode ? counted(rows, column) : countedPerDay(rows, column));
    Map<String, Long> whole = STARTS.stream().collect(Collectors.groupingBy(of, Collectors.counting()));
    Map<String, Double> shareOfWhole = new HashMap<>();
    for (Map<String, Object> r : rows) {
      String group = r.get("day") + (perMode ? " " + r.get("run_mode") : "");
      double expected = (double) asLong(r.get("starts")) / whole.get(group);
      assertEquals(expected, asDouble(r.get("share")), 1e-9, "share " + r);
      shareOfWhole.merge(group, asDouble(r.get("share")), Double::sum);
    }
    assertEquals(whole.keySet(), shareOfWhole.keySet(), "a share for each day" + (perMode ? " and run mode" : ""));
    shareOfWhole.forEach((group, sum) -> assertEquals(1.0, sum, 1e-9, "shares of " + group + " add up to 1"));
  }

  /** Starts per day, run mode and {@code key}, as the views that split by run mode count them. */
  private static Map<String, Long> counts(java.util.function.Function<Start, String> key) {
    return STARTS.stream().collect(Collectors.groupingBy(s -> s.dayAndMode() + " " + key.apply(s), TreeMap::new,
        Collectors.counting()));
  }

  private static Map<String, Long> countsPerDay(java.util.function.Function<Start, String> key) {
    return STARTS.stream().collect(Collectors.groupingBy(s -> s.day() + " " + key.apply(s), TreeMap::new,
        Collectors.counting()));
  }

  private static Map<String, Long> counted(List<Map<String, Object>> rows, String column) {
    Map<String, Long> out = new TreeMap<>();
    for (Map<String, Object> r : rows) {
      assertTrue(out.put(r.get("day") + " " + r.get("run_mode") + " " + r.get(column), asLong(r.get("starts"))) == null,
          "duplicate " + r);
    }
    return out;
  }

  private static Map<String, Long> countedPerDay(List<Map<String, Object>> rows, String column) {
    Map<String, Long> out = new TreeMap<>();
    for (Map<String, Object> r : rows) {
      assertTrue(out.put(r.get("day") + " " + r.get(column), asLong(r.get("starts"))) == null, "duplicate " + r);
    }
    return out;
  }

  /** JSONEachRow quotes 64-bit integers: a number or its text. */
  private static long asLong(Object o) {
    return o instanceof Number ? ((Number) o).longValue() : Long.parseLong(String.valueOf(o));
  }

  private static double asDouble(Object o) {
    return o instanceof Number ? ((Number) o).doubleValue() : Double.parseDouble(String.valueOf(o));
  }

  /**
   * The rows the exporter's pushLogsData appends for these starts, plus two that are not starts (an
   * event of another name, and a record of another scope without an event name): every attribute
   * value as its string (pcommon.Value.AsString), EventName only because the table has that column.
   */
  private static String rowsAsTheExporterInsertsThem() {
    StringBuilder out = new StringBuilder();
    for (Start s : STARTS) {
      out.append(row(s.day(), s.time(), "tbot.start", "tbot.anonymous_analytics", attributes(s))).append('\n');
    }
    out.append(row("2099-11-30", "12:00:00", "tbot.stop", "tbot.anonymous_analytics",
        Map.of("run_mode", "one-shot", "version", "18.1.0"))).append('\n');
    out.append(row("2099-11-30", "12:00:01", "", "some.other.scope", Map.of("version", "18.1.0"))).append('\n');
    return out.toString();
  }

  /** The attributes of one start as the exporter stores them: every value as its string. */
  private static Map<String, String> attributes(Start s) {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("run_mode", s.runMode());
    attrs.put("version", s.version());
    attrs.put("join_type", s.joinType());
    if (s.helper() != null) {
      attrs.put("helper", s.helper());
      attrs.put("helper_version", s.helperVersion());
    }
    attrs.put(SchemaCounts.WHOLE.key(), String.valueOf(s.destinations()));
    for (int i = 0; i < SchemaCounts.parts().size(); i++) {
      attrs.put(SchemaCounts.parts().get(i).key(), String.valueOf(s.kinds().get(i)));
    }
    return attrs;
  }

  /**
   * One row; its Timestamp the UTC day and time as an instant (seconds since the epoch), as the
   * exporter sends it (ticks since the epoch over the native protocol). A date and time as text
   * would be read in the server's zone, which is what the views must not depend on.
   */
  private static String row(String day, String time, String eventName, String scope, Map<String, String> attrs) {
    String map = attrs.entrySet().stream().map(e -> json(e.getKey()) + ":" + json(e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
    long seconds = LocalDateTime.parse(day + "T" + time).toEpochSecond(ZoneOffset.UTC);
    return "{\"Timestamp\":" + json(seconds + ".000000000") + ",\"SeverityNumber\":9,\"ServiceName\":\"\""
        + ",\"ScopeName\":" + json(scope) + ",\"ScopeVersion\":\"1.0.0\",\"LogAttributes\":" + map
        + ",\"EventName\":" + json(eventName) + "}";
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Our CREATE TABLE of the events table, for warehouse.yaml's exporter with create_schema: false. */
  static final String EVENTS_TABLE_SQL = "clickhouse/01-events-table.sql";

  /**
   * The CREATE TABLE of the table warehouse.yaml's exporter inserts into: clickhouse/01-events-table.sql
   * when the exporter creates none (create_schema: false), else its own, rendered from its template.
   */
  static Path exporterTable(Path dir) throws Exception {
    Map<String, Object> exporter = WarehouseConfig.clickhouseExporter();
    if (Boolean.FALSE.equals(exporter.get("create_schema"))) {
      return Collector.config(EVENTS_TABLE_SQL);
    }
    return renderTable(dir, (String) exporter.get("database"), (String) exporter.get("logs_table_name"),
        (String) exporter.getOrDefault("ttl", "0s"));
  }

  /** The directory of the pinned exporter module (builder-config.yaml's version), downloaded if needed. */
  static Path exporterModule(Path render) throws Exception {
    String version = null;
    for (String line : Files.readAllLines(Collector.config("builder-config.yaml"))) {
      Matcher m = Pattern.compile("exporter/clickhouseexporter (v\\S+)").matcher(line);
      if (m.find()) {
        version = m.group(1);
      }
    }
    assertTrue(version != null, "builder-config.yaml pins no clickhouseexporter");
    String module = "github.com/open-telemetry/opentelemetry-collector-contrib/exporter/clickhouseexporter@" + version;
    String download = run(List.of("go", "mod", "download", "-json", module), render, 300, Map.of());
    Matcher dirMatch = Pattern.compile("\"Dir\":\\s*\"([^\"]+)\"").matcher(download);
    assertTrue(dirMatch.find(), "go mod download gave no Dir: " + download);
    return Path.of(dirMatch.group(1));
  }

  /** A directory with render_logs_table.go as a Go program of its own. */
  static Path renderProgram(Path dir) throws IOException {
    Path render = Files.createDirectories(dir.resolve("render"));
    Files.writeString(render.resolve("go.mod"), "module render\n\ngo 1.22\n", StandardCharsets.UTF_8);
    Files.copy(Collector.resource("render_logs_table.go"), render.resolve("main.go"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return render;
  }

  /** The exporter's CREATE TABLE, rendered by Go from the template in the pinned exporter module. */
  static Path renderTable(Path dir, String database, String table, String ttl) throws Exception {
    Path render = renderProgram(dir);
    Path template = exporterModule(render).resolve("internal/sqltemplates/logs_table.sql");
    // ClickHouse 26.2 and later get text indexes, as the exporter decides from the server version.
    String ddl = run(List.of("go", "run", ".", template.toString(), database, table, ttl, "true"), render, 300, Map.of());
    Path out = dir.resolve(database + "-logs_table.sql");
    Files.writeString(out, ddl, StandardCharsets.UTF_8);
    assertTrue(ddl.contains("`EventName` String"), "the exporter's table has EventName, which the views read");
    return out;
  }

  /** Runs {@code cmd} in {@code dir}, with {@code env} added; returns stdout; fails with stderr on a non-zero exit. */
  static String run(List<String> cmd, Path dir, long timeoutSeconds, Map<String, String> env) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("GOFLAGS", "-mod=mod");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly); // pip, or the program go run built
      p.destroyForcibly();
      fail(cmd + " did not finish within " + timeoutSeconds + " s:\n" + Collector.tail(err, 30));
    }
    if (p.exitValue() != 0) {
      fail(cmd + " exited " + p.exitValue() + ":\n" + Collector.tail(err, 30));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** chDB's pinned release (chdb-core 26.9.0: ClickHouse 26.9). */
  static final String CHDB_VERSION = "4.4.0";

  /** The python of a cached environment with chDB, installed from PyPI by pypi-env.sh once. */
  static String chdbPython(Path dir) throws Exception {
    return lastLine(run(List.of("bash", Collector.config("pypi-env.sh").toString(), "chdb", CHDB_VERSION), dir,
        TimeUnit.MINUTES.toSeconds(12), Map.of()));
  }

  static String lastLine(String text) {
    List<String> lines = new ArrayList<>(text.lines().filter(l -> !l.isBlank()).toList());
    assertTrue(!lines.isEmpty(), "no output");
    return lines.get(lines.size() - 1).trim();
  }
}
