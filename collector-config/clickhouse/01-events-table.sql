-- The table warehouse.yaml's ClickHouse exporter inserts tbot.start events into. The exporter does
-- not create it (create_schema: false): apply this once, as an administrator, after
-- 00-database-and-users.sql and before starting the warehouse:
--   clickhouse-client --multiquery < collector-config/clickhouse/01-events-table.sql
--
-- It is the exporter's own logs table (v0.155.0, internal/sqltemplates/logs_table.sql) cut down to
-- what the warehouse stores, with its times in UTC whatever the server's time zone:
-- - Timestamp is DateTime64(9, 'UTC'): the daily partitions are UTC days (the exporter's
--   DateTime64(9) without a zone made them the server's local days) and the TTL is computed in UTC.
-- - Every column the exporter's INSERT names, in the template's types and order (ClickHouseTableTest
--   runs that INSERT, rendered from the pinned module, against this table). Not kept: the
--   materialized Kubernetes columns and the skip indexes, over resource, scope, trace and body
--   fields the warehouse's scrub empties.
-- - EventName defaults to 'tbot.start': when the exporter's DESC TABLE fails at start (ClickHouse
--   unreachable just then), it only logs "schema detection failed" and its INSERT leaves EventName
--   out until it restarts; the warehouse inserts nothing but tbot.start (filter/tbot_start_only), so
--   the default is what it would have sent, and the views still count those rows.
-- - Rows are kept 730 days after their instant (the exporter's ttl: 17520h), whole parts dropped.
-- - Timestamp is the start of the UTC hour the edge received the event in (warehouse.yaml cuts
--   every time to its hour), never a finer time. Rows of one hour sort by a hash of every other
--   column, not in the order they were inserted (which follows the order of receipt, and would
--   match the i-th row of an hour to the i-th request of that hour in a load balancer's log): rows
--   that tie are equal in every column (ClickHouseTableTest inserts one hour's rows in two orders
--   and reads both back the same, in each part and once merged). The primary key, the sparse index
--   queries use, stays the time alone.
-- - Each INSERT (a batch of the exporter, every 5 s) is a part, and until parts merge, the part a row
--   is in (_part, system.parts) tells when it was inserted; ClickHouse's own merges leave a
--   partition's last small parts apart for good. A partition whose parts are all an hour old is
--   merged into one part (min_age_to_force_merge_*): a day's, an hour after its last insert. See
--   docs/privacy.md.
-- A table created earlier (by the exporter, or by this file before the hash) keeps its partition and
-- sorting keys (they cannot change in place): see collector-config/README.md for the migration.
CREATE TABLE IF NOT EXISTS tbot.tbot_start_events
(
    `Timestamp` DateTime64(9, 'UTC') CODEC(Delta(8), ZSTD(1)),
    `TraceId` String CODEC(ZSTD(1)),
    `SpanId` String CODEC(ZSTD(1)),
    `TraceFlags` UInt8,
    `SeverityText` LowCardinality(String) CODEC(ZSTD(1)),
    `SeverityNumber` UInt8,
    `ServiceName` LowCardinality(String) CODEC(ZSTD(1)),
    `Body` String CODEC(ZSTD(1)),
    `ResourceSchemaUrl` LowCardinality(String) CODEC(ZSTD(1)),
    `ResourceAttributes` Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    `ScopeSchemaUrl` LowCardinality(String) CODEC(ZSTD(1)),
    `ScopeName` String CODEC(ZSTD(1)),
    `ScopeVersion` LowCardinality(String) CODEC(ZSTD(1)),
    `ScopeAttributes` Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    `LogAttributes` Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    `EventName` String DEFAULT 'tbot.start' CODEC(ZSTD(1))
)
ENGINE = MergeTree
PARTITION BY toDate(Timestamp, 'UTC')
PRIMARY KEY Timestamp
ORDER BY (Timestamp, cityHash64(TraceId, SpanId, TraceFlags, SeverityText, SeverityNumber, ServiceName, Body,
    ResourceSchemaUrl, ResourceAttributes, ScopeSchemaUrl, ScopeName, ScopeVersion, ScopeAttributes,
    LogAttributes, EventName))
TTL toDateTime(Timestamp, 'UTC') + toIntervalDay(730)
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1,
    min_age_to_force_merge_seconds = 3600, min_age_to_force_merge_on_partition_only = 1;
