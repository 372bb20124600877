#!/usr/bin/env bash
# What reading a long shell string costs exec: `preview -c yes.yaml -- sh -c SCRIPT` (the reading
# exec does on its analytics thread, beside tbot) for inline scripts of plain builtin lines with
# 0, 4 or 8 ${NAME:-WORD} defaults, and a one-line string as the baseline, each run in turn with
# each jar given (wall ms, CPU ms user+sys, max RSS MiB: medians and ranges, JVM start-up
# included; -Xmx64m, a small container's heap; exit 1 is an OutOfMemoryError). Usage:
#   benchmarks/run-shell-string-bench.sh [RUNS] JAR...
# JAR defaults to the CLI built by `mvn -DskipTests package`; give an older build beside it to compare.
set -eu
runs=${1:-5}; shift || true
jars=("$@"); [ ${#jars[@]} -gt 0 ] || jars=("$(dirname "$0")/../tbot-otel/target/tbot-otel.jar")
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
printf 'anonymous_analytics: true\n' > "$dir/yes.yaml"
step=': step "$HOME/x/$USER"; [ -f /nonexistent/f ] && rm -f /nonexistent/f'
script() { # DEFAULTS BYTES
  { case $1 in 8) echo 'X=${A:-1}${B:-2}${C:-3}${D:-4}${E:-5}${F:-6}${G:-7}${H:-8}';;
      4) echo 'X=${A:-1}${B:-2}${C:-3}${D:-4}';; esac
    for _ in $(seq $(( $2 / (${#step} + 1) ))); do echo "$step"; done; echo 'exec ./run.sh'; } > "$dir/s"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " [" a[1] "-" a[NR] "]"}'; }
for shape in "0 20" "0 120000" "4 28000" "8 1900" "8 120000"; do
  set -- $shape; script "$1" "$2"
  for jar in "${jars[@]}"; do
    wall=(); cpu=(); rss=(); st=()
    for _ in $(seq "$runs"); do
      /usr/bin/time -o "$dir/t" -f '%e %U %S %M' java -Xmx64m -jar "$jar" preview -c "$dir/yes.yaml" -- \
        sh -c "$(cat "$dir/s")" >/dev/null 2>&1 && st+=(0) || st+=($?)
      read -r e u s m < <(tail -1 "$dir/t")
      wall+=($(awk "BEGIN {print int($e * 1000)}")); cpu+=($(awk "BEGIN {print int(($u + $s) * 1000)}"))
      rss+=($(( m / 1024 )))
    done
    echo "$1 defaults, $(wc -c < "$dir/s") B, $jar: wall $(median "${wall[@]}") ms, CPU $(median "${cpu[@]}") ms, RSS $(median "${rss[@]}") MiB, exit $(printf '%s\n' "${st[@]}" | sort -u | tr '\n' ' ')"
  done
done
