#!/usr/bin/env bash
# What reading a long command line costs exec: `preview -c yes.yaml -- LINE` (the reading exec does
# on its analytics thread, beside tbot) for lines Linux runs (2 MiB of arguments, 128 KiB each):
# many launcher words, many env NAME=VALUE words, many shell strings each within its own bound,
# many shells in front of long words; lines at exec's line bounds (1024 words; about 4 million
# characters read), 14 long words of glob sets and 7 long option clusters after sudo, all read;
# and a one-line baseline; SHAPES='regex-1 forms-1' adds a string made to cost the pattern
# readings. The jars given run in turn each run (wall ms, CPU ms user+sys, max RSS
# MiB: medians and ranges, JVM start-up included; -Xmx32m, a small container's heap; exit 1 is an
# OutOfMemoryError). Usage:
#   [SHAPES='one-line clusters-7 ...'] benchmarks/run-long-line-bench.sh [RUNS] JAR...
# JAR defaults to the CLI built by `mvn -DskipTests package`; give an older build beside it to compare.
set -eu
runs=${1:-5}; shift || true
jars=("$@"); [ ${#jars[@]} -gt 0 ] || jars=("$(dirname "$0")/../tbot-otel/target/tbot-otel.jar")
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
printf 'anonymous_analytics: true\n' > "$dir/yes.yaml"
# A 1.8 KB inline script with 8 ${NAME:-WORD} defaults: read 513 ways, just within one string's bound.
script='X=${A:-1}${B:-2}${C:-3}${D:-4}${E:-5}${F:-6}${G:-7}${H:-8}'$'\n'
for _ in $(seq 30); do script+=': step "$HOME/x/$USER"; [ -f /srv/f ] && rm -f /srv/f'$'\n'; done
# Words as long as Linux takes one (128 KiB): plain, and glob sets, which each reader matches.
long=$(head -c 131071 /dev/zero | tr '\0' a); globs=$(printf '[a]%.0s' $(seq 43690))
vs=$(head -c 131070 /dev/zero | tr '\0' v) # sudo's -v takes no value: a cluster of them is read to its end
# Strings made to cost the pattern readings of 2026-12-06 (94f1209d on), 128 KiB each: a ksh93
# ~(E) regex of many repeats (bounded: not told), and zsh's and ksh93's forms with the options set.
regex='~(E)'$(printf '.*%.0s' $(seq 65000))x
forms='setopt extendedglob braceccl; shopt -s nocaseglob;'; while [ ${#forms} -lt 131000 ]; do forms+=' a#(#i)x^y~z{o} tb{1}(x)~(i)q'; done
line() { # SHAPE: the line's words, one per element of the array `words`
  words=()
  case $1 in
    one-line) words=(tbot start) ;;
    nice-1022) for _ in $(seq 1022); do words+=(nice); done; words+=(tbot start) ;;
    nice-80000) for _ in $(seq 80000); do words+=(nice); done; words+=(tbot start) ;;
    env-80000) words=(env); for i in $(seq 80000); do words+=("A$i=v"); done; words+=(tbot start) ;;
    strings-4) words=(./run.sh); for _ in $(seq 4); do words+=("$script"); done; words+=(tbot start) ;;
    strings-900) words=(./run.sh); for _ in $(seq 900); do words+=("$script"); done; words+=(tbot start) ;;
    shells-300) words=(./x); for _ in $(seq 300); do words+=(sh -c ':;'); done
      for _ in $(seq 14); do words+=("$long"); done ;;
    globs-14) words=(./x); for _ in $(seq 14); do words+=("$globs"); done ;;
    clusters-7) words=(sudo); for _ in $(seq 7); do words+=("-$vs"); done; words+=(tbot start) ;;
    regex-1) words=(sh -c "${regex:0:131000}") ;;
    forms-1) words=(sh -c "${forms:0:131000}") ;;
  esac
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " [" a[1] "-" a[NR] "]"}'; }
for shape in ${SHAPES:-one-line nice-1022 strings-4 globs-14 clusters-7 nice-80000 env-80000 strings-900 shells-300}; do
  line "$shape"
  rm -f "$dir"/r.*
  for _ in $(seq "$runs"); do
    for k in "${!jars[@]}"; do # the jars in turn, each run: a busy moment falls on all alike
      st=0
      /usr/bin/time -o "$dir/t" -f '%e %U %S %M' java -Xmx32m -jar "${jars[$k]}" preview -c "$dir/yes.yaml" -- \
        "${words[@]}" >/dev/null 2>"$dir/err.$k" || st=$?
      read -r e u s m < <(tail -1 "$dir/t")
      echo "$(awk "BEGIN {print int($e * 1000), int(($u + $s) * 1000)}") $(( m / 1024 )) $st" >> "$dir/r.$k"
    done
  done
  for k in "${!jars[@]}"; do
    said=$(grep -o 'would record nothing: [^:]*\|would send it' "$dir/err.$k" | head -1 || true)
    echo "$shape, ${#words[@]} words, ${jars[$k]}: wall $(cut -d' ' -f1 "$dir/r.$k" | median) ms," \
      "CPU $(cut -d' ' -f2 "$dir/r.$k" | median) ms, RSS $(cut -d' ' -f3 "$dir/r.$k" | median) MiB," \
      "exit $(cut -d' ' -f4 "$dir/r.$k" | sort -u | tr '\n' ' ')(${said:-no verdict})"
  done
done
