"""One day of many starts, then each aggregating view read whole under a memory cap: a view whose
memory grows with a day's starts (an exact quantile keeps every value) fails where a real day would.

Usage: clickhouse_view_memory.py DB_DIR DDL DATABASE_SQL VIEWS_SQL ROWS CAP_BYTES
Prints one JSON line: {view: "ok" or the error's first line}.
"""
import json
import sys

from chdb import session

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from clickhouse_views import statements  # noqa: E402


def main():
    db_dir, ddl_path, database_sql, views_sql, rows, cap = sys.argv[1:7]
    s = session.Session(db_dir)
    for st in statements(database_sql):
        if st.upper().startswith("CREATE DATABASE"):
            s.query(st)
    for st in statements(ddl_path):
        s.query(st)
    # One UTC day; 0 to 6 outputs a start, a database output every other start.
    s.query("INSERT INTO tbot.tbot_start_events (Timestamp, ScopeName, ScopeVersion, LogAttributes, EventName) "
            "SELECT toDateTime64(1767225600 + 3600 * (number % 24), 9, 'UTC'), 'tbot.anonymous_analytics', '1.1.4', "
            "map('destinations_configured', toString(number % 7), 'destinations_configured_application_access', '0', "
            "'destinations_configured_database_access', toString(number % 2), "
            "'destinations_configured_kubernetes_access', '0', 'join_type', 'github', 'run_mode', 'one-shot', "
            "'version', '18.1.0'), 'tbot.start' FROM numbers(" + str(int(rows)) + ")")
    out = {}
    for st in statements(views_sql):
        s.query(st)
        if st.startswith("CREATE OR REPLACE VIEW "):
            view = st.split()[4]
            if view == "tbot.tbot_starts":
                continue  # a row per start, which the others aggregate: read whole, it is the day itself
            try:
                s.query("SELECT * FROM " + view + " SETTINGS max_memory_usage = " + str(int(cap)), "JSONEachRow")
                out[view] = "ok"
            except Exception as e:
                out[view] = str(e).splitlines()[0][:200]
    s.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
