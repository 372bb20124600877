#!/usr/bin/env bash
# One-shot `start` under the OpenTelemetry Java agent: how many cold runs deliver within the exit
# timeout, and the wall time, against the same runs without the agent, alternated in one session.
# Usage: benchmarks/run-agent-check.sh [runs per configuration, default 10]
# Needs the agent jar once from the Maven registry (copied to benchmarks/target/agent/).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
AGENT_VERSION=$(sed -n 's:.*<opentelemetry-javaagent.version>\(.*\)</opentelemetry-javaagent.version>.*:\1:p' tbot-otel/pom.xml)
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -q -B -DskipTests -pl tbot-otel-cli -am package >&2
fi
mvn -q -B dependency:copy -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$AGENT_VERSION" \
  -DoutputDirectory=benchmarks/target/agent -Dmdep.stripVersion=true >&2
AGENT=benchmarks/target/agent/opentelemetry-javaagent.jar
# A collector on loopback answering 200 to every POST, on a free port it writes to a file (a fixed
# one may be another program's, which would then answer for it).
PORT_FILE=$(mktemp)
python3 - "$PORT_FILE" <<'EOF' &
import http.server, os, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        self.send_response(200); self.send_header('Content-Length', '0'); self.end_headers()
    def log_message(self, *a): pass
server = http.server.HTTPServer(('127.0.0.1', 0), H)
with open(sys.argv[1] + '.tmp', 'w') as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[1] + '.tmp', sys.argv[1])
server.serve_forever()
EOF
SINK=$!
trap 'kill $SINK 2>/dev/null; rm -f "$PORT_FILE"' EXIT
for _ in $(seq 50); do [ -s "$PORT_FILE" ] && break; sleep 0.1; done
PORT=$(cat "$PORT_FILE")
[ -n "$PORT" ] || { echo "the loopback collector did not start" >&2; exit 1; }
AGENT_OPTS=(-javaagent:$AGENT -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none
  -Dotel.javaagent.logging=none)
run() { # label (as the table shows it), timeout, java options...
  local label=$1 timeout=$2; shift 2
  local start end out
  start=$(date +%s%N)
  out=$(java "$@" -jar tbot-otel/target/tbot-otel.jar start --anonymous-analytics --oneshot --debug \
    --anonymous-analytics-endpoint "http://127.0.0.1:$PORT/v1/logs" --anonymous-analytics-exit-timeout "$timeout" 2>&1)
  end=$(date +%s%N)
  if grep -q ': DELIVERED after' <<<"$out"; then d=1; else d=0; fi
  printf '%s\t%s\t%s\t%s\n' "$label" "$timeout" "$d" "$(( (end - start) / 1000000 ))"
}
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); agent $AGENT_VERSION" >&2
for i in $(seq 1 "$RUNS"); do
  run "no agent" 500ms
  run "agent" 500ms "${AGENT_OPTS[@]}"
  run "agent" 2s "${AGENT_OPTS[@]}"
done > benchmarks/target/agent/runs.txt
echo "| JVM | exit timeout | delivered | wall median (ms) |"
echo "|---|---|---|---|"
awk -F '\t' '
  { key = $1 " | " $2; n[key]++; d[key] += $3; w[key, n[key]] = $4 }
  END {
    for (k in n) {
      m = n[k]; for (i = 1; i <= m; i++) a[i] = w[k, i]
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      med = (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
      print "| " k " | " d[k] " of " m " | " med " |"
    }
  }' benchmarks/target/agent/runs.txt | sort -r
