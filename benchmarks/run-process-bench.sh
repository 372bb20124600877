#!/usr/bin/env bash
# Whole-process benchmark: child JVMs of a stand-in agent against loopback collectors (healthy over
# HTTP and TLS, and every fault), in hosts with and without TLS of their own, tbot-otel versus the
# naive OpenTelemetry SDK setup (okhttp sender, and the JDK HttpClient sender), median and spread;
# the "CDS" scenarios run tbot-otel hosts with an AppCDS archive from a training run of their own.
# Usage: benchmarks/run-process-bench.sh [--runs 15] [--naive-fault-runs 3] [--budget-ms 500]
#          [--faults A,B] [--scenarios REGEX] [--host-classpath thin|shaded] [--jar PATH]
#   --scenarios: only the scenarios whose name matches (their baselines are kept), e.g. 'TLS|absent',
#     or all but the CDS ones: '^(?!CDS)'
#   --host-classpath: thin (default) = tbot-otel's plain jar + its runtime dependencies, no picocli;
#     shaded = tbot-otel/target/tbot-otel.jar, the CLI jar
# Builds what it needs first (tests skipped); prints a Markdown report on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -q -B -DskipTests -pl benchmarks -am package >&2
fi
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1)" >&2
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  com.goteleport.tbot.otel.bench.ProcessBench "$@"
