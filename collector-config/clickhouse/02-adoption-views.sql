-- Adoption views over the tbot.start events that warehouse.yaml inserts.
--
-- The table tbot.tbot_start_events is created by 01-events-table.sql with the ClickHouse exporter's
-- OpenTelemetry logs layout: Timestamp, EventName, ScopeName, ScopeVersion (the schema version),
-- LogAttributes Map(LowCardinality(String), String), ... Every attribute arrives as a string in
-- LogAttributes (the exporter stringifies ints). The edge collectors already reduced every record
-- to the published schema (docs/attributes.md), so no column here can hold anything else.
--
-- Apply after 01-events-table.sql:
--   clickhouse-client --multiquery < collector-config/clickhouse/02-adoption-views.sql
-- ClickHouseViewsTest runs this file on chDB (ClickHouse 26.9's engine) over that table, and checks
-- every view's rows against the events it inserted.
--
-- ClickHouse drops these -- lines: a reader who browses the warehouse (system.tables.comment, a BI
-- tool's description) sees each view's COMMENT, which says the first point below, the view's own,
-- and points here. A view's COMMENT came in December 2021 (ClickHouse#31062), before the table's
-- settings (README.md), so it asks for no newer server.
--
-- Every view counts starts, not bots: no event tells one bot from another. A one-shot tbot (a CI
-- job) sends one start per job, a continuous one one per start of its process, and none on a day
-- it only runs. So a day's shares weigh CI by its number of jobs (a workflow of 100 jobs a day
-- counts 100 times, a long-running agent at most once, and not on the days after it started), and
-- a restart loop counts each restart. So every view but run_mode_share has a row per run mode, and
-- its shares are of that run mode's starts: one agent's restarts cannot swing a share of CI jobs.
-- Continuous is not "an agent" alone: teleport-actions' database-tunnel and application-tunnel run
-- a continuous tbot for the length of a CI job (helper tells those apart: gha:...). A week's or a
-- month's share is the sum of its days' starts over theirs, never the average of the days' shares
-- (a quiet Sunday would weigh as much as a Monday). For example, as
-- tbot_reader, one-shot starts per join method per week (UTC weeks from Monday; ClickHouseViewsTest runs it):
--   SELECT toMonday(day) AS week, join_type, count() AS starts FROM tbot.tbot_starts
--   WHERE run_mode = 'one-shot' GROUP BY week, join_type ORDER BY week, starts DESC;
-- The RFD's helper_version has no view of its own (helper_share counts helpers alone): as
-- tbot_reader, starts per helper and helper version per week (ClickHouseViewsTest runs it too):
--   SELECT toMonday(day) AS week, helper, helper_version, count() AS starts FROM tbot.tbot_starts
--   WHERE helper != 'none' GROUP BY week, helper, helper_version ORDER BY week, helper, starts DESC;
--
-- What the values hold (each is a row of its own in the views, never folded into another):
-- - tbot_version = 'unknown': no release version was sent. Mostly tbot-otel's exec or start run
--   without --tbot-version (exec cannot tell which tbot it runs); also a build with a free-form
--   suffix (18.0.0-dev.alice.1) or a value over 32 characters. Neither an old nor a new release.
-- - join_type = 'unknown': a join method tbot-otel does not know (a newer tbot's), or one newer
--   than the collectors' allowlist (docs/attributes.md#versions). join_type = 'token' also holds
--   the starts whose config names no join method: tbot joins with a token then.
-- - helper = 'none': no helper stored. Plain tbot, but also a wrapper whose value the screen
--   dropped (shaped like a host name, a path, a credential ...: docs/attributes.md#helper) and
--   one that names itself 'none' (then with its helper_version, if it sent one). helper_version
--   is '' without a helper or when the screen dropped it, and loses a leading v.
-- - tbot_version is text, and sorts as text (18.10.0 before 18.9.0): compare releases with
--   version_major, version_minor and version_patch (NULL for 'unknown'; a pre-release such as
--   18.1.0-rc.1 has its release's numbers), e.g. WHERE (version_major, version_minor,
--   version_patch) < (18, 2, 0). It is the version tbot-otel was told (--tbot-version), which a
--   line that hard-codes it leaves behind when tbot is upgraded under it.
-- - Database and application access through tbot's tunnels and proxies (database-tunnel,
--   application-tunnel, application-proxy services) are no destinations: they write no output,
--   and the schema counts outputs (docs/attributes.md), so destinations_by_kind leaves that use out.
-- - Counts are clamped to 0..1000: 1000 means 1000 or more, so their sums and averages are lower
--   bounds. Per-kind counts that add up to more than the total are 0, their outputs 'other'.
-- - ts and day are the UTC hour and day the edge received the start in (cut, never rounded up),
--   not the host's: a US evening's CI jobs are on the next UTC day. The current day is partial,
--   and after a warehouse or ClickHouse outage a past day's rows still arrive from Kafka's backlog
--   (on the hour the edge stamped): a day is complete once the warehouse's consumer lag is 0.
-- - Counted twice, rarely, and no view deduplicates (two identical rows are usually two starts):
--   a batch the edge produces again after a Kafka timeout, an insert retried after ClickHouse's
--   10 s timeout, a crashed warehouse replica's last second (read again, docs/scaling.md). Not
--   counted: starts during an edge's Kafka outage once its queue is full (seconds at peak,
--   docs/scaling.md) and, past 60 s of it, what the queue held, the rest of a crashed warehouse
--   replica's queue, a send still going ~500 ms after a one-shot tbot
--   exits (lost sends lean to one-shot), and, under exec, a tbot that fails in its first second.
-- - Today's Go tbot's own telemetry (its start event, to its own reporting service) is not in this
--   table: exec turns it off for the starts exec counts, so the two do not overlap, but a start
--   under `exec --keep-tbot-telemetry` is in both. Never add the two sources up.

-- One row per accepted start, with the schema's attributes as typed columns. ts is the start of the
-- UTC hour of receipt (the collectors store no finer time); the views below count by day. Times and days are
-- UTC, whatever the server's time zone: the table's Timestamp is UTC, but a table the exporter
-- created (before 01-events-table.sql) has no zone of its own, where toDate() and its text would
-- follow the server's, and a start would land on another day on another server.
CREATE OR REPLACE VIEW tbot.tbot_starts AS
WITH
    toUInt16OrZero(LogAttributes['destinations_configured'])                    AS total_count,
    toUInt16OrZero(LogAttributes['destinations_configured_database_access'])    AS database_count,
    toUInt16OrZero(LogAttributes['destinations_configured_kubernetes_access'])  AS kubernetes_count,
    toUInt16OrZero(LogAttributes['destinations_configured_application_access']) AS application_count,
    -- The kinds are parts of the total (each output has one kind). Kinds that add up to more
    -- contradict it and count as 0, as tbot-otel and the collectors send and store them
    -- (docs/attributes.md); again here for rows stored before that rule or by anything else, so
    -- that 'other' in destinations_by_kind is never negative.
    toUInt32(database_count) + kubernetes_count + application_count > total_count AS kinds_over_total
SELECT
    toTimeZone(Timestamp, 'UTC')                                       AS ts,
    toDate(Timestamp, 'UTC')                                           AS day,
    ScopeVersion                                                       AS schema_version,
    LogAttributes['run_mode']                                          AS run_mode,
    -- A release with or without its leading v (the schema allows both: `exec --tbot-version
    -- v18.1.0`, as Teleport's release tags are written) is one release: without the v, or
    -- starts_per_version would split it over two rows. 'unknown' has no v to lose.
    replaceRegexpOne(LogAttributes['version'], '^v', '')               AS tbot_version,
    -- The release's numbers, to compare releases by (as text 18.10.0 sorts before 18.9.0); NULL
    -- for 'unknown'. A pre-release has its release's numbers.
    toUInt16OrNull(extract(tbot_version, '^([0-9]+)\\.'))              AS version_major,
    toUInt16OrNull(extract(tbot_version, '^[0-9]+\\.([0-9]+)\\.'))      AS version_minor,
    toUInt16OrNull(extract(tbot_version, '^[0-9]+\\.[0-9]+\\.([0-9]+)')) AS version_patch,
    LogAttributes['join_type']                                         AS join_type,
    if(mapContains(LogAttributes, 'helper'), LogAttributes['helper'], 'none')  AS helper,
    replaceRegexpOne(LogAttributes['helper_version'], '^v', '')        AS helper_version,
    total_count                                                        AS destinations,
    if(kinds_over_total, 0, database_count)                            AS destinations_database,
    if(kinds_over_total, 0, kubernetes_count)                          AS destinations_kubernetes,
    if(kinds_over_total, 0, application_count)                         AS destinations_application
FROM tbot.tbot_start_events
WHERE EventName = 'tbot.start'
COMMENT 'Counts tbot.start events (starts), not bots: a one-shot tbot (a CI job) counts once per job, a continuous one once per start of its process. One row per start, ts and day the UTC hour and day the edge received it in; compare within one run_mode, and read the header of collector-config/clickhouse/02-adoption-views.sql for what ''unknown'', ''none'' and 1000 hold and what is counted twice or not at all.';

-- Starts per day (UTC), run mode and tbot version.
CREATE OR REPLACE VIEW tbot.starts_per_version AS
SELECT day, run_mode, tbot_version, count() AS starts
FROM tbot.tbot_starts
GROUP BY day, run_mode, tbot_version
ORDER BY day, run_mode, starts DESC
COMMENT 'Counts tbot.start events (starts), not bots: a one-shot tbot (a CI job) counts once per job, a continuous one once per start of its process. Per UTC day and run mode; tbot_version ''unknown'' is mostly tbot-otel exec or start run without --tbot-version, neither an old nor a new release, and tbot_version sorts as text: compare releases by version_major, version_minor and version_patch of tbot_starts (more in the header of collector-config/clickhouse/02-adoption-views.sql).';

-- Share of a run mode's starts per join method, per day (UTC; share in 0..1).
CREATE OR REPLACE VIEW tbot.join_method_share AS
SELECT
    day,
    run_mode,
    join_type,
    count() AS starts,
    count() / sum(count()) OVER (PARTITION BY day, run_mode) AS share
FROM tbot.tbot_starts
GROUP BY day, run_mode, join_type
ORDER BY day, run_mode, starts DESC
COMMENT 'Counts tbot.start events (starts), not bots: a one-shot tbot (a CI job) counts once per job, a continuous one once per start of its process. Share of each UTC day''s starts of its run mode; join_type ''unknown'' is a method tbot-otel or the collectors'' allowlist does not know (a newer tbot''s), and ''token'' also holds starts whose config names none (more in the header of collector-config/clickhouse/02-adoption-views.sql).';

-- Share of a run mode's starts per helper (GitHub Action, ...; 'none' for plain tbot), per day (UTC).
CREATE OR REPLACE VIEW tbot.helper_share AS
SELECT
    day,
    run_mode,
    helper,
    count() AS starts,
    count() / sum(count()) OVER (PARTITION BY day, run_mode) AS share
FROM tbot.tbot_starts
GROUP BY day, run_mode, helper
ORDER BY day, run_mode, starts DESC
COMMENT 'Counts tbot.start events (starts), not bots: a one-shot tbot (a CI job) counts once per job, a continuous one once per start of its process. Share of each UTC day''s starts of its run mode; helper ''none'' is plain tbot but also a helper value the screen dropped (docs/attributes.md#helper) or one named ''none'' (more in the header of collector-config/clickhouse/02-adoption-views.sql).';

-- Starts per run mode per day (UTC): one-shot (one per CI job) against continuous (one per start
-- of a tbot that keeps running: an agent's process, none on the days it only runs, or a CI job's
-- tunnel).
CREATE OR REPLACE VIEW tbot.run_mode_share AS
SELECT
    day,
    run_mode,
    count() AS starts,
    count() / sum(count()) OVER (PARTITION BY day) AS share
FROM tbot.tbot_starts
GROUP BY day, run_mode
ORDER BY day, starts DESC
COMMENT 'Counts tbot.start events (starts), not bots: a one-shot tbot (a CI job) counts once per job, a continuous one once per start of its process. Share of each UTC day''s starts: one-shot weighs CI by its number of jobs, continuous an agent by its process starts, with none on the days it only runs (more in the header of collector-config/clickhouse/02-adoption-views.sql).';

-- Destinations by kind, per day (UTC) and run mode: the outputs the starts configured, and what they serve.
-- 'other' is whatever is not database, kubernetes or application access (identity, ssh, ...), and
-- the outputs of starts whose kinds contradicted their total (see tbot_starts): never negative.
CREATE OR REPLACE VIEW tbot.destinations_by_kind AS
SELECT
    day,
    run_mode,
    count()                                   AS starts,
    sum(destinations)                         AS destinations_total,
    sum(destinations_database)                AS database_access,
    sum(destinations_kubernetes)              AS kubernetes_access,
    sum(destinations_application)             AS application_access,
    sum(destinations - destinations_database - destinations_kubernetes
        - destinations_application)           AS other,
    -- Starts with at least one output of a kind: how many starts use a product, which the sums
    -- above cannot tell (one start with 1000 database outputs outweighs 999 with one). Still
    -- starts, not bots: every CI job counts, and every start of an agent's process.
    countIf(destinations_database > 0)        AS starts_with_database_access,
    countIf(destinations_kubernetes > 0)      AS starts_with_kubernetes_access,
    countIf(destinations_application > 0)     AS starts_with_application_access,
    avg(destinations)                         AS avg_destinations_per_start,
    -- The lower median (of an even number of starts, the lower middle value), exact, from a table
    -- of each count's starts: memory bounded by the distinct counts (0 to 1000), where
    -- quantileExact kept every start's count (~1.4 GB a day at scaling.md's rate).
    quantileExactWeighted(0.5)(destinations, 1) AS median_destinations_per_start
FROM tbot.tbot_starts
GROUP BY day, run_mode
ORDER BY day, run_mode
COMMENT 'Counts tbot.start events (starts), not bots: a one-shot tbot (a CI job) counts once per job, a continuous one once per start of its process. Per UTC day and run mode; destinations_total, database_access, kubernetes_access and application_access are sums of outputs (each count clamped to 1000, so lower bounds), other the rest of the total (with the outputs of starts whose kinds add up to more), while starts_with_* count starts; median_destinations_per_start is the lower median, of an even number of starts the lower middle value; database and application use through tbot''s tunnels and proxies writes no output and is not counted (more in the header of collector-config/clickhouse/02-adoption-views.sql).';
