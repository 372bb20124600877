#!/usr/bin/env bash
# Exit time of `tbot-otel start` when the host name look-up never ends (the JVM's hosts file is a
# FIFO no one writes), against the same jar with a refused loopback collector (no look-up), each
# run in turn (medians and ranges, in ms, JVM start-up included). Usage:
#   benchmarks/run-lookup-bench.sh [JAR] [RUNS] [BUDGET]
# JAR defaults to the CLI built by `mvn -DskipTests package`.
set -eu
jar=${1:-$(dirname "$0")/../tbot-otel/target/tbot-otel.jar}; runs=${2:-9}; budget=${3:-500ms}
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT; mkfifo "$dir/hosts"
ms() { local s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; echo $(( ($(date +%s%N) - s) / 1000000 )); }
hang=(); base=()
for i in $(seq "$runs"); do
  hang+=($(ms java -Djdk.net.hosts.file="$dir/hosts" -jar "$jar" start --anonymous-analytics \
    --anonymous-analytics-endpoint http://collector.example.com:4318/v1/logs --anonymous-analytics-exit-timeout "$budget"))
  base+=($(ms java -jar "$jar" start --anonymous-analytics \
    --anonymous-analytics-endpoint http://127.0.0.1:9/v1/logs --anonymous-analytics-exit-timeout "$budget"))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " [" a[1] "-" a[NR] "]"}'; }
echo "budget $budget, $runs runs: look-up never ends $(median "${hang[@]}") ms; refused, no look-up $(median "${base[@]}") ms"
