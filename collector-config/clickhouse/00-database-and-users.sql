-- Database and least-privilege users for the tbot.start warehouse.
-- Apply once, as an administrator, before starting warehouse.yaml, with each user's password given
-- as a query parameter (no password is written here; without the parameters ClickHouse refuses the
-- CREATE USER statements: "Substitution `writer_password` is not set"):
--   clickhouse-client --multiquery \
--     --param_writer_password="$(openssl rand -base64 32)" \
--     --param_reader_password="$(openssl rand -base64 32)" \
--     < collector-config/clickhouse/00-database-and-users.sql
-- (store them first: warehouse.yaml reads the writer's from TBOT_OTEL_CLICKHOUSE_PASSWORD).
-- Command-line arguments are visible to other users of the host; there, send
-- SET param_writer_password = '...'; and SET param_reader_password = '...'; on stdin before the file.

CREATE DATABASE IF NOT EXISTS tbot;

-- The warehouse collector: creates its table on first start (create_schema: true), then inserts.
-- It also runs CREATE DATABASE IF NOT EXISTS tbot at every start, and ClickHouse checks that right
-- before it looks whether the database exists; granted on tbot.* it creates no other database.
CREATE USER IF NOT EXISTS tbot_writer IDENTIFIED WITH sha256_password BY {writer_password:String};
GRANT CREATE DATABASE ON tbot.* TO tbot_writer;
GRANT CREATE TABLE, INSERT, SELECT ON tbot.tbot_start_events TO tbot_writer;

-- Dashboards and analysts: the views, and the table under them (a view runs with its reader's
-- rights). The table holds only what the warehouse's scrub let through: the schema's attributes.
CREATE USER IF NOT EXISTS tbot_reader IDENTIFIED WITH sha256_password BY {reader_password:String};
GRANT SELECT ON tbot.* TO tbot_reader;
