#!/usr/bin/env bash
# Prepares a Python environment with PyPI's jq (Python bindings with libjq 1.8.2 built into the
# wheel) for SelfHostedEndToEndTest, which runs docs/self-hosting.md's jq program over the events
# file: CI's machine has no jq binary. Prints its python's path as the last line of stdout.
#
# Cached outside the repository, keyed by the pinned version, as clickhouse/chdb-env.sh caches chDB:
#   ${TBOT_OTEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tbot-otel}/jq/<version>/venv
# A second run prints the cached path at once. Needs python3 with venv and pip, and PyPI.
set -euo pipefail

jq_version="1.13.0" # libjq 1.8.2

log() { printf '[jq-env] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v python3 >/dev/null 2>&1 || die "python3 is not on PATH"

cache_root="${TBOT_OTEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tbot-otel}"
out_dir="${cache_root}/jq/${jq_version}"
python="${out_dir}/venv/bin/python"
ready="${out_dir}/ready"

if [[ -f "${ready}" ]]; then
  printf '%s\n' "${python}"
  exit 0
fi

mkdir -p "${out_dir}"
# One install at a time: a concurrent run waits here, then finds it ready.
exec 9>"${out_dir}.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi
if [[ -f "${ready}" ]]; then
  printf '%s\n' "${python}"
  exit 0
fi

rm -rf "${out_dir}/venv"
log "installing jq==${jq_version} into ${out_dir}/venv"
python3 -m venv "${out_dir}/venv" >&2 || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
# A wheel only: the source package would need a C compiler and autotools to build libjq.
"${out_dir}/venv/bin/pip" install --quiet --disable-pip-version-check --only-binary jq "jq==${jq_version}" >&2 \
  || die "pip install jq==${jq_version} failed"
"${python}" -c 'import jq' >&2 || die "jq does not import"
touch "${ready}"
printf '%s\n' "${python}"
