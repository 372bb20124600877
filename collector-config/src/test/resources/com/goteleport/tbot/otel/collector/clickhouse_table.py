"""Creates the warehouse's events table on chDB (ClickHouse's engine in process) for
ClickHouseTableTest, inserts rows with the ClickHouse exporter's own INSERT statements, and prints
how ClickHouse stored them: partitions, TTL and columns, beside the exporter's template table; and
in which order rows of one hour are stored when they arrive in different orders.

Usage: python clickhouse_table.py DB_DIR TABLE_SQL TEMPLATE_DDL INSERT_WITH INSERT_WITHOUT ROWS_JSONL ORDER_JSONL
                                  MIGRATION_SQL MIGRATION_JSONL
  DB_DIR          an empty directory for chDB's data
  TABLE_SQL       the CREATE TABLE of the table the exporter inserts into (comment lines allowed)
  TEMPLATE_DDL    the exporter's own CREATE TABLE, rendered into database exporter_template
  INSERT_WITH     the exporter's INSERT as it renders it when its DESC TABLE at start found the
                  EventName column; INSERT_WITHOUT as it renders it when not (DESC failed)
  ROWS_JSONL      rows, one JSON object per line, every column of the INSERT plus "_insert":
                  "with" or "without", the INSERT that carries it (only its columns are sent)
  ORDER_JSONL     rows in the order they arrive, each with "_arrival" (a name) and "_batch" (a number):
                  each arrival gets a fresh copy of the table (database order_<arrival>), each batch
                  is one INSERT with EventName (one part), merges stopped until all are in; its
                  rows are read (by LogAttributes['version']) with a plain SELECT (no ORDER BY, one
                  thread, as stored) before and after OPTIMIZE TABLE ... FINAL. The first arrival's
                  rows also go, one INSERT each, into a copy (database order_aged) whose
                  min_age_to_force_merge_seconds is lowered to 1: its parts after up to 60 s are
                  printed (ClickHouse's own merges leave small parts of a partition unmerged)
  MIGRATION_SQL   README's migration, with its "-- run 01-events-table.sql" line; it runs last, on
                  the exporter's own table (TEMPLATE_DDL) in the table's place holding MIGRATION_JSONL's
                  rows (every column of the INSERT with EventName); the copy's rows are printed as
                  stored after OPTIMIZE TABLE ... FINAL
Each INSERT is reduced as clickhouse-go's PrepareBatch reduces it (the column list; it then sends
FORMAT Native blocks, here JSONEachRow). Prints one JSON object. Any SQL error ends the script with
a non-zero status and ClickHouse's message on stderr.
"""
import json
import re
import sys
import time

from chdb import session


def statements(path):
    """The file's statements: comment lines dropped, split on ';' at the end of a line."""
    with open(path, encoding="utf-8") as f:
        return split(f.read())


def split(text):
    """The text's statements: comment lines dropped, split on ';' at the end of a line."""
    lines = [l for l in text.splitlines() if not l.lstrip().startswith("--")]
    return [s.strip() for s in re.split(r";\s*(?:\n|$)", "\n".join(lines)) if s.strip()]


def rows(s, sql):
    return [json.loads(l) for l in s.query(sql, "JSONEachRow").data().splitlines() if l.strip()]


def insert_columns(path):
    """The INSERT up to its column list, and the columns, as PrepareBatch reduces it."""
    with open(path, encoding="utf-8") as f:
        m = re.match(r"(?is)\s*(INSERT\s+INTO\s+[^(]+\(([^()]*)\))\s*VALUES\s", f.read())
    assert m, "not the exporter's INSERT form: " + path
    return m.group(1), [c.strip().strip("`\"") for c in m.group(2).split(",")]


def arrivals(s, table_sql, table, insert_with, order_path):
    """Each arrival's rows as stored: per part before merging, and after OPTIMIZE ... FINAL."""
    db, name = table
    with open(order_path, encoding="utf-8") as f:
        data = [json.loads(l) for l in f if l.strip()]
    insert, columns = insert_columns(insert_with)
    out = {}
    for arrival in dict.fromkeys(r["_arrival"] for r in data):
        other = "order_" + arrival
        rename = lambda sql: re.sub(r"`?\b" + re.escape(db) + r"\b`?\.", other + ".", sql, count=1)
        s.query("CREATE DATABASE " + other)
        for st in statements(table_sql):
            if not st.upper().startswith("CREATE DATABASE"):
                s.query(rename(st))
        # One part per batch, as the exporter's INSERTs make them, left unmerged until all are read.
        s.query("SYSTEM STOP MERGES " + other + "." + name)
        rows_of = [r for r in data if r["_arrival"] == arrival]
        for batch in dict.fromkeys(r["_batch"] for r in rows_of):
            body = "\n".join(json.dumps({c: r[c] for c in columns}) for r in rows_of if r["_batch"] == batch)
            s.query(rename(insert) + " FORMAT JSONEachRow\n" + body)
        read = ("SELECT _part AS part, LogAttributes['version'] AS version FROM " + other + "." + name
                + " SETTINGS max_threads = 1")
        before = rows(s, read)
        s.query("SYSTEM START MERGES " + other + "." + name)
        s.query("OPTIMIZE TABLE " + other + "." + name + " FINAL")
        out[arrival] = {"before": before, "after": rows(s, read)}
    # The table's forced merge, with its age lowered from an hour to a second: every INSERT is a
    # part; once all are older than that, the whole partition becomes one part.
    aged = "order_aged"
    rename = lambda sql: re.sub(r"`?\b" + re.escape(db) + r"\b`?\.", aged + ".", sql, count=1)
    s.query("CREATE DATABASE " + aged)
    for st in statements(table_sql):
        s.query(rename(st))
    s.query("ALTER TABLE " + aged + "." + name + " MODIFY SETTING min_age_to_force_merge_seconds = 1")
    first = [r for r in data if r["_arrival"] == data[0]["_arrival"]]
    for r in first:
        s.query(rename(insert) + " FORMAT JSONEachRow\n" + json.dumps({c: r[c] for c in columns}))
    parts_sql = ("SELECT name, rows FROM system.parts WHERE active AND database = '" + aged + "' AND table = '"
                 + name + "' ORDER BY name")
    deadline = time.monotonic() + 60
    parts = rows(s, parts_sql)
    while len(parts) > 1 and time.monotonic() < deadline:
        time.sleep(0.5)
        parts = rows(s, parts_sql)
    out["aged"] = {"inserts": len(first), "parts": parts}
    return out


def migration(s, table_sql, table, template_ddl, insert_with, migration_sql, rows_path):
    """README's migration from the exporter's own table: the old table's count, the copy's rows."""
    db, name = table
    s.query("DROP TABLE " + db + "." + name)
    with open(template_ddl, encoding="utf-8") as f:
        s.query(re.sub(r"`?\bexporter_template\b`?\.", db + ".", f.read(), count=1))
    insert, columns = insert_columns(insert_with)
    with open(rows_path, encoding="utf-8") as f:
        data = [json.loads(l) for l in f if l.strip()]
    s.query(insert + " FORMAT JSONEachRow\n" + "\n".join(json.dumps({c: r[c] for c in columns}) for r in data))
    with open(migration_sql, encoding="utf-8") as f:
        steps = re.split(r"(?m)^\s*--\s*run 01-events-table\.sql.*$", f.read())
    assert len(steps) == 2, "no '-- run 01-events-table.sql' line in " + migration_sql
    for st in split(steps[0]):
        s.query(st)
    for st in statements(table_sql):
        s.query(st)
    for st in split(steps[1]):
        s.query(st)
    s.query("OPTIMIZE TABLE " + db + "." + name + " FINAL")
    return {
        "old": rows(s, "SELECT count() AS n FROM " + db + "." + name + "_old")[0]["n"],
        "rows": rows(s, "SELECT toString(toUnixTimestamp64Nano(Timestamp)) AS ns, LogAttributes['version'] AS version "
                        "FROM " + db + "." + name + " SETTINGS max_threads = 1"),
    }


def main():
    (db_dir, table_sql, template_ddl, insert_with, insert_without, rows_path, order_path, migration_sql,
     migration_rows) = sys.argv[1:10]
    s = session.Session(db_dir)
    s.query("CREATE DATABASE IF NOT EXISTS exporter_template")
    with open(template_ddl, encoding="utf-8") as f:
        s.query(f.read())
    table = None
    for st in statements(table_sql):
        m = re.match(r"CREATE TABLE IF NOT EXISTS (\S+)\.(\S+)", st)
        if m:
            table = (m.group(1).strip("`"), m.group(2).strip("`"))
            s.query("CREATE DATABASE IF NOT EXISTS " + m.group(1))
        s.query(st)
    assert table, "no CREATE TABLE IF NOT EXISTS db.table in " + table_sql
    with open(rows_path, encoding="utf-8") as f:
        data = [json.loads(l) for l in f if l.strip()]
    sent = []
    for name, path in (("with", insert_with), ("without", insert_without)):
        insert, columns = insert_columns(path)
        body = "\n".join(json.dumps({c: r[c] for c in columns}) for r in data if r["_insert"] == name)
        s.query(insert + " FORMAT JSONEachRow\n" + body)
        sent.append({"insert": name, "columns": columns})
    db, name = table
    where = "database = '" + db + "' AND table = '" + name + "'"
    column_sql = ("SELECT name, type, default_kind, default_expression FROM system.columns WHERE "
                  "database = '{}' AND table = '{}' ORDER BY position")
    out = {
        "timezone": rows(s, "SELECT timezone() AS tz")[0]["tz"],
        "sent": sent,
        "table": rows(s, "SELECT partition_key, sorting_key, primary_key, engine_full FROM system.tables WHERE " + where)[0],
        "columns": rows(s, column_sql.format(db, name)),
        "template_columns": rows(s, column_sql.format("exporter_template", name)),
        "rows": rows(s, "SELECT toUnixTimestamp(Timestamp) AS ts, _partition_id AS partition_id, "
                        "EventName AS event_name FROM " + db + "." + name + " ORDER BY Timestamp"),
        "parts": rows(s, "SELECT partition_id, rows, toUnixTimestamp(delete_ttl_info_min) AS ttl_min, "
                         "toUnixTimestamp(delete_ttl_info_max) AS ttl_max FROM system.parts WHERE active AND "
                         + where + " ORDER BY partition_id"),
    }
    out["arrivals"] = arrivals(s, table_sql, table, insert_with, order_path)
    out["aged"] = out["arrivals"].pop("aged")
    out["migration"] = migration(s, table_sql, table, template_ddl, insert_with, migration_sql, migration_rows)
    s.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
