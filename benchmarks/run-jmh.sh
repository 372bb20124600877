#!/usr/bin/env bash
# JMH: the host thread's cost of starting telemetry, tbot-otel versus the naive SDK setup.
# Usage: benchmarks/run-jmh.sh [extra JMH options]   (warm figures, then cold: first call per JVM)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -q -B -DskipTests -pl benchmarks -am package >&2
fi
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1)"
echo "== warm (defaults: 3 forks x 20 warm-up + 30 measured single shots)"
java -cp "$CP" org.openjdk.jmh.Main StartCallBenchmark -foe true "$@"
echo "== cold (first call in a fresh JVM: 10 forks x 1 single shot, no warm-up)"
java -cp "$CP" org.openjdk.jmh.Main StartCallBenchmark -foe true -wi 0 -i 1 -f 10 "$@"
