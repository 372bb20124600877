-- Database and least-privilege users for the tbot.start warehouse.
-- Apply once, as an administrator, before starting warehouse.yaml:
--   clickhouse-client --multiquery < collector-config/clickhouse/00-database-and-users.sql
-- Replace the passwords (or use your identity provider); warehouse.yaml reads the writer's password
-- from TBOT_OTEL_CLICKHOUSE_PASSWORD.

CREATE DATABASE IF NOT EXISTS tbot;

-- The warehouse collector: creates its table on first start (create_schema: true), then inserts.
CREATE USER IF NOT EXISTS tbot_writer IDENTIFIED WITH sha256_password BY 'change-me-writer';
GRANT CREATE TABLE, INSERT, SELECT ON tbot.tbot_start_events TO tbot_writer;

-- Dashboards and analysts: read the views only.
CREATE USER IF NOT EXISTS tbot_reader IDENTIFIED WITH sha256_password BY 'change-me-reader';
GRANT SELECT ON tbot.* TO tbot_reader;
