-- Database and least-privilege users for the tbot.start warehouse.
-- Apply once, as an administrator, before starting warehouse.yaml:
--   clickhouse-client --multiquery < collector-config/clickhouse/00-database-and-users.sql
-- Replace the passwords (or use your identity provider); warehouse.yaml reads the writer's password
-- from TBOT_OTEL_CLICKHOUSE_PASSWORD.

CREATE DATABASE IF NOT EXISTS tbot;

-- The warehouse collector: creates its table on first start (create_schema: true), then inserts.
-- It also runs CREATE DATABASE IF NOT EXISTS tbot at every start, and ClickHouse checks that right
-- before it looks whether the database exists; granted on tbot.* it creates no other database.
CREATE USER IF NOT EXISTS tbot_writer IDENTIFIED WITH sha256_password BY 'change-me-writer';
GRANT CREATE DATABASE ON tbot.* TO tbot_writer;
GRANT CREATE TABLE, INSERT, SELECT ON tbot.tbot_start_events TO tbot_writer;

-- Dashboards and analysts: the views, and the table under them (a view runs with its reader's
-- rights). The table holds only what the warehouse's scrub let through: the schema's attributes.
CREATE USER IF NOT EXISTS tbot_reader IDENTIFIED WITH sha256_password BY 'change-me-reader';
GRANT SELECT ON tbot.* TO tbot_reader;
