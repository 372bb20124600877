"""Runs collector-config/clickhouse/*.sql on chDB (ClickHouse's engine in process) for
ClickHouseViewsTest, against the table the ClickHouse exporter inserts into, and prints every view's rows.

Usage: python clickhouse_views.py DB_DIR TABLE_DDL ROWS_JSONL DATABASE_SQL VIEWS_SQL [EXAMPLES_SQL]
  DB_DIR        an empty directory for chDB's data
  TABLE_DDL     the CREATE TABLE of the table the exporter inserts into: clickhouse/01-events-table.sql,
                or (create_schema: true) the exporter's own, rendered from its template
  ROWS_JSONL    rows as the exporter inserts them, one JSON object per line
  DATABASE_SQL  00-database-and-users.sql: CREATE DATABASE runs; users and grants are parsed only
                (chDB has no writable user storage), each statement with query parameters
                ({name:String}) first run without them (it must be refused for the missing
                parameter), then parsed with a random value for each
  VIEWS_SQL     02-adoption-views.sql, run as written
  EXAMPLES_SQL  queries a reader is shown (the views file's commented examples), each run after the views
Prints one JSON object: {"statements": [...], "timezone": the server's, "views": {name: [row, ...]},
"comments": {name: its comment in system.tables, or null if it is not there},
"examples": [[row, ...], ...]}. Any SQL error ends
the script with a non-zero status and ClickHouse's message on stderr.
"""
import json
import re
import secrets
import sys

from chdb import session


def statements(path):
    """The file's statements: comment lines dropped, split on ';' at the end of a line."""
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if not l.lstrip().startswith("--")]
    text = "\n".join(lines)
    return [s.strip() for s in re.split(r";\s*(?:\n|$)", text) if s.strip()]


def main():
    db_dir, ddl_path, rows_path, database_sql, views_sql = sys.argv[1:6]
    s = session.Session(db_dir)
    done = []
    parameters = set()
    for st in statements(database_sql):
        if st.upper().startswith("CREATE DATABASE"):
            s.query(st)
            done.append(("run", st.splitlines()[0]))
            continue
        names = re.findall(r"\{(\w+):String\}", st)
        if names:
            # Parameters are session settings: none is set yet for a name first seen here.
            unset = [n for n in names if n not in parameters]
            if unset:
                try:
                    s.query(st)
                    done.append(("ran without " + ",".join(unset), st.splitlines()[0]))
                except Exception as e:
                    if "UNKNOWN_QUERY_PARAMETER" not in str(e):
                        raise
                    done.append(("refused without " + ",".join(unset), st.splitlines()[0]))
                for n in unset:
                    s.query("SET param_" + n + " = '" + secrets.token_hex(16) + "'")
                    parameters.add(n)
        s.query("EXPLAIN AST " + st)
        done.append(("parsed", st.splitlines()[0]))
    for st in statements(ddl_path):
        s.query(st)
    done.append(("run", "the events table's CREATE TABLE"))
    with open(rows_path, encoding="utf-8") as f:
        rows = f.read()
    table = re.search(r"CREATE TABLE IF NOT EXISTS (\S+)", open(ddl_path, encoding="utf-8").read()).group(1)
    s.query("INSERT INTO " + table + " FORMAT JSONEachRow\n" + rows)
    views = []
    for st in statements(views_sql):
        s.query(st)
        done.append(("run", st.splitlines()[0]))
        m = re.match(r"CREATE OR REPLACE VIEW (\S+)", st)
        if m:
            views.append(m.group(1))
    # The server's time zone (chDB takes it from TZ, as a server does), for the test to check.
    zone = s.query("SELECT timezone()", "JSONEachRow").data()
    out = {"statements": done, "timezone": json.loads(zone)["timezone()"], "views": {}, "comments": {},
           "examples": []}
    for view in views:
        text = s.query("SELECT * FROM " + view, "JSONEachRow").data()
        out["views"][view] = [json.loads(l) for l in text.splitlines() if l.strip()]
        # What a reader browsing the warehouse sees of the view (the file's -- comments are dropped).
        s.query("SET param_view = '" + view.replace("\\", "\\\\").replace("'", "\\'") + "'")
        text = s.query("SELECT comment FROM system.tables WHERE database || '.' || name = {view:String}",
                       "JSONEachRow").data()
        found = [json.loads(l)["comment"] for l in text.splitlines() if l.strip()]
        out["comments"][view] = found[0] if found else None
    for st in (statements(sys.argv[6]) if len(sys.argv) > 6 else []):
        text = s.query(st, "JSONEachRow").data()
        out["examples"].append([json.loads(l) for l in text.splitlines() if l.strip()])
    s.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
