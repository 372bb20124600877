-- Database and least-privilege users for the tbot.start warehouse.
-- Apply once, as an administrator, then 01-events-table.sql, before starting warehouse.yaml, with
-- each user's password given as a query parameter (no password is written here; without the
-- parameters ClickHouse refuses the CREATE USER statements: "Substitution `writer_password` is not
-- set"):
--   clickhouse-client --multiquery \
--     --param_writer_password="$(openssl rand -base64 32)" \
--     --param_reader_password="$(openssl rand -base64 32)" \
--     < collector-config/clickhouse/00-database-and-users.sql
-- (store them first: warehouse.yaml reads the writer's from TBOT_OTEL_CLICKHOUSE_PASSWORD). A
-- --param_ value is read with escape sequences (\t, \\ ...), so a password with a backslash is
-- stored as another string than the one given: base64, as above, has none.
-- Command-line arguments are visible to other users of the host; there, send
-- SET param_writer_password = '...'; and SET param_reader_password = '...'; on stdin before the file.
-- Applied again, the file changes no password (IF NOT EXISTS keeps the users as they are): rotate
-- one with ALTER USER tbot_writer IDENTIFIED WITH sha256_password BY {writer_password:String}.

CREATE DATABASE IF NOT EXISTS tbot;

-- The warehouse collector: inserts into the table 01-events-table.sql creates (create_schema: false,
-- so it creates nothing), after a DESC TABLE at start (SHOW COLUMNS; INSERT on the table implies it,
-- granted here anyway since the exporter needs it). It reads nothing: no SELECT. It connects with
-- `default` as its session's database (the exporter always does), which takes no grant: ClickHouse
-- checks only that the database exists, and every statement names tbot.tbot_start_events.
-- Its inserts are never deduplicated: ClickHouse drops an insert whose block equals a recent one
-- where a deduplication window is set (a Replicated or Shared engine has one by default), and two
-- batches of the same rows are common here (a one-start batch from two identical starts), so
-- starts would be undercounted (docs/scaling.md). A user made before this line: ALTER USER
-- tbot_writer SETTINGS insert_deduplicate = 0.
CREATE USER IF NOT EXISTS tbot_writer IDENTIFIED WITH sha256_password BY {writer_password:String} SETTINGS insert_deduplicate = 0;
GRANT INSERT, SHOW COLUMNS ON tbot.tbot_start_events TO tbot_writer;

-- Dashboards and analysts: the views, and the table under them (a view runs with its reader's
-- rights). The table holds only what the warehouse's scrub let through: the schema's attributes.
CREATE USER IF NOT EXISTS tbot_reader IDENTIFIED WITH sha256_password BY {reader_password:String};
GRANT SELECT ON tbot.* TO tbot_reader;
