#!/usr/bin/env bash
# Heap benchmark: what a send allocates (the host's thread in the start call, every thread from the
# start call to close), and the smallest -Xmx at which a host still gets its event delivered with
# nothing on stderr, for tbot-otel over HTTP and TLS, the naive OpenTelemetry SDK setup over HTTP,
# consent off and no telemetry at all, child JVMs against loopback collectors, median and spread.
# Usage: benchmarks/run-heap.sh [--runs 5] [--max-heap-mib 64]
# Builds what it needs first (tests skipped); prints a Markdown report on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -q -B -DskipTests -pl benchmarks -am package >&2
fi
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1)" >&2
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  com.goteleport.tbot.otel.bench.HeapReport "$@"
