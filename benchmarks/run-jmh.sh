#!/usr/bin/env bash
# JMH: the host thread's cost of starting telemetry, tbot-otel versus the naive SDK setup.
# Usage: benchmarks/run-jmh.sh [extra JMH options]   (warm figures, then cold: first call per JVM;
#   -wi and -i apply to the warm run only, -f to both; smoke: -f 1 -wi 1 -i 1)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -q -B -DskipTests -pl benchmarks -am package >&2
fi
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1)"
echo "== warm (defaults: 3 forks x 20 warm-up + 30 measured single shots)"
java -cp "$CP" org.openjdk.jmh.Main StartCallBenchmark -foe true "$@"
# JMH refuses an option given twice: the cold run is -wi 0 -i 1 by definition, so the caller's -wi
# and -i go to the warm run only; the caller's -f replaces the cold run's 10 forks.
cold=() forks=(-f 10) args=("$@") n=0
while [ "$n" -lt "${#args[@]}" ]; do
  case ${args[n]} in
    -wi|-i) n=$((n + 2)) ;;
    -f) forks=(-f "${args[n + 1]-}"); n=$((n + 2)) ;;
    *) cold+=("${args[n]}"); n=$((n + 1)) ;;
  esac
done
echo "== cold (first call in a fresh JVM: ${forks[1]} forks x 1 single shot, no warm-up)"
java -cp "$CP" org.openjdk.jmh.Main StartCallBenchmark -foe true -wi 0 -i 1 "${forks[@]}" "${cold[@]}"
