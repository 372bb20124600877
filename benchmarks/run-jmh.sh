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
# JMH refuses an option given twice: the cold run is -wi 0 -i 1 by definition, so the caller's -wi
# and -i go to the warm run only; the caller's -f replaces the cold run's 10 forks. JMH takes each
# option as one word too (-f5, -i3, -f=5, -wi=3, --wi=3; not -wi3, which it reads as -w i3). A
# caller's -foe replaces the script's.
forks=3 warmup=20 measured=30 cold_forks=10 cold=() foe=(-foe true) args=("$@") n=0
shots="single shots" # the benchmark's own mode; a caller's -bm names another

while [ "$n" -lt "${#args[@]}" ]; do
  a=${args[n]} n=$((n + 1))
  case $a in
    -f|--f) forks=${args[n]-} cold_forks=$forks n=$((n + 1)) ;;
    -f=*|--f=*) forks=${a#*=} cold_forks=$forks ;;
    -f[0-9]*) forks=${a#-f} cold_forks=$forks ;;
    -wi|--wi) warmup=${args[n]-} n=$((n + 1)) ;;
    -wi=*|--wi=*) warmup=${a#*=} ;;
    -i|--i) measured=${args[n]-} n=$((n + 1)) ;;
    -i=*|--i=*) measured=${a#*=} ;;
    -i[0-9]*) measured=${a#-i} ;;
    -foe|--foe|-foe=*|--foe=*) foe=() cold+=("$a") ;;
    -bm|--bm) shots="iterations of mode ${args[n]-}" cold+=("$a") ;;
    -bm=*|--bm=*) shots="iterations of mode ${a#*=}" cold+=("$a") ;;
    *) cold+=("$a") ;;
  esac
done
echo "== warm ($forks forks x $warmup warm-up + $measured measured, $shots)"
java -cp "$CP" org.openjdk.jmh.Main StartCallBenchmark ${foe[@]+"${foe[@]}"} "$@"
echo "== cold (first call in a fresh JVM: $cold_forks forks x 1 measured, $shots, no warm-up)"
java -cp "$CP" org.openjdk.jmh.Main StartCallBenchmark ${foe[@]+"${foe[@]}"} -wi 0 -i 1 -f "$cold_forks" \
  ${cold[@]+"${cold[@]}"} # bash 3.2 (macOS) takes an empty array for unset under set -u
