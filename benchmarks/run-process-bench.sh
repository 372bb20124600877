#!/usr/bin/env bash
# Whole-process benchmark: child JVMs of a stand-in agent against loopback collectors (healthy and
# every fault), tbot-otel versus the naive OpenTelemetry SDK setup, median and spread.
# Usage: benchmarks/run-process-bench.sh [--runs 15] [--naive-fault-runs 3] [--budget-ms 500] [--faults A,B]
# Builds what it needs first (tests skipped); prints a Markdown report on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -q -B -DskipTests -pl benchmarks -am package >&2
fi
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1)" >&2
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  com.goteleport.tbot.otel.bench.ProcessBench "$@"
