"""Creates the warehouse's events table on chDB (ClickHouse's engine in process) for
ClickHouseTableTest, inserts rows with the ClickHouse exporter's own INSERT statements, and prints
how ClickHouse stored them: partitions, TTL and columns, beside the exporter's template table.

Usage: python clickhouse_table.py DB_DIR TABLE_SQL TEMPLATE_DDL INSERT_WITH INSERT_WITHOUT ROWS_JSONL
  DB_DIR          an empty directory for chDB's data
  TABLE_SQL       the CREATE TABLE of the table the exporter inserts into (comment lines allowed)
  TEMPLATE_DDL    the exporter's own CREATE TABLE, rendered into database exporter_template
  INSERT_WITH     the exporter's INSERT as it renders it when its DESC TABLE at start found the
                  EventName column; INSERT_WITHOUT as it renders it when not (DESC failed)
  ROWS_JSONL      rows, one JSON object per line, every column of the INSERT plus "_insert":
                  "with" or "without", the INSERT that carries it (only its columns are sent)
Each INSERT is reduced as clickhouse-go's PrepareBatch reduces it (the column list; it then sends
FORMAT Native blocks, here JSONEachRow). Prints one JSON object. Any SQL error ends the script with
a non-zero status and ClickHouse's message on stderr.
"""
import json
import re
import sys

from chdb import session


def statements(path):
    """The file's statements: comment lines dropped, split on ';' at the end of a line."""
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if not l.lstrip().startswith("--")]
    return [s.strip() for s in re.split(r";\s*(?:\n|$)", "\n".join(lines)) if s.strip()]


def rows(s, sql):
    return [json.loads(l) for l in s.query(sql, "JSONEachRow").data().splitlines() if l.strip()]


def main():
    db_dir, table_sql, template_ddl, insert_with, insert_without, rows_path = sys.argv[1:7]
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
        with open(path, encoding="utf-8") as f:
            m = re.match(r"(?is)\s*(INSERT\s+INTO\s+[^(]+\(([^()]*)\))\s*VALUES\s", f.read())
        assert m, "not the exporter's INSERT form: " + path
        columns = [c.strip().strip("`\"") for c in m.group(2).split(",")]
        body = "\n".join(json.dumps({c: r[c] for c in columns}) for r in data if r["_insert"] == name)
        s.query(m.group(1) + " FORMAT JSONEachRow\n" + body)
        sent.append({"insert": name, "columns": columns})
    db, name = table
    where = "database = '" + db + "' AND table = '" + name + "'"
    column_sql = ("SELECT name, type, default_kind, default_expression FROM system.columns WHERE "
                  "database = '{}' AND table = '{}' ORDER BY position")
    out = {
        "timezone": rows(s, "SELECT timezone() AS tz")[0]["tz"],
        "sent": sent,
        "table": rows(s, "SELECT partition_key, sorting_key, engine_full FROM system.tables WHERE " + where)[0],
        "columns": rows(s, column_sql.format(db, name)),
        "template_columns": rows(s, column_sql.format("exporter_template", name)),
        "rows": rows(s, "SELECT toUnixTimestamp(Timestamp) AS ts, _partition_id AS partition_id, "
                        "EventName AS event_name FROM " + db + "." + name + " ORDER BY Timestamp"),
        "parts": rows(s, "SELECT partition_id, rows, toUnixTimestamp(delete_ttl_info_min) AS ttl_min, "
                         "toUnixTimestamp(delete_ttl_info_max) AS ttl_max FROM system.parts WHERE active AND "
                         + where + " ORDER BY partition_id"),
    }
    s.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
