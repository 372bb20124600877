#!/usr/bin/env bash
# How long tbot waits to start under `tbot-otel exec`: milliseconds from launch to the child's first
# command (a stand-in tbot that prints the time), for the child run directly, by a bare JVM (a
# ProcessBuilder with inheritIO, the least a Java wrapper can cost) and by exec without and with
# consent (to a closed loopback port), each run in turn (medians and ranges, JVM start-up included).
# Usage:
#   benchmarks/run-exec-start-bench.sh [JAR] [RUNS]
# JAR defaults to the CLI built by `mvn -DskipTests package`.
set -eu
jar=${1:-$(dirname "$0")/../tbot-otel/target/tbot-otel.jar}; runs=${2:-20}
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
printf '#!/bin/sh\ndate +%%s%%N\n' > "$dir/tbot"; chmod +x "$dir/tbot"
cat > "$dir/Spawn.java" <<'JAVA'
public class Spawn {
  public static void main(String[] a) throws Exception {
    System.exit(new ProcessBuilder(a).inheritIO().start().waitFor());
  }
}
JAVA
javac -d "$dir" "$dir/Spawn.java"
ms() { local s=$(date +%s%N) e; e=$("$@" 2>/dev/null | head -1); echo $(( (e - s) / 1000000 )); }
direct=(); bare=(); off=(); on=()
for i in $(seq "$runs"); do
  direct+=($(ms "$dir/tbot" start))
  bare+=($(ms java -cp "$dir" Spawn "$dir/tbot" start))
  off+=($(ms java -jar "$jar" exec -- "$dir/tbot" start))
  on+=($(ms java -jar "$jar" exec --anonymous-analytics \
    --anonymous-analytics-endpoint http://127.0.0.1:9/v1/logs -- "$dir/tbot" start))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " [" a[1] "-" a[NR] "]"}'; }
echo "$runs runs, ms to the child's first command: direct $(median "${direct[@]}"); bare JVM $(median "${bare[@]}");" \
  "exec, consent off $(median "${off[@]}"); exec, consent on $(median "${on[@]}")"
