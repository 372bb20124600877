#!/usr/bin/env bash
# Prepares a Python environment with chDB (ClickHouse's engine, in process, from PyPI) for the
# views test (ClickHouseViewsTest) and prints its python's path as the last line of stdout.
#
# ClickHouse has no server package recent enough to install here, and the tests reach nothing but
# package registries; chDB runs the same SQL engine (ClickHouse 26.9) inside Python.
#
# Cached outside the repository, keyed by the pinned version:
#   ${TBOT_OTEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tbot-otel}/chdb/<version>/venv
# A second run prints the cached path at once. Needs python3 with venv and pip, and PyPI.
set -euo pipefail

chdb_version="4.4.0" # chdb-core 26.9.0: ClickHouse 26.9

log() { printf '[chdb-env] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v python3 >/dev/null 2>&1 || die "python3 is not on PATH"

cache_root="${TBOT_OTEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tbot-otel}"
out_dir="${cache_root}/chdb/${chdb_version}"
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
log "installing chdb==${chdb_version} into ${out_dir}/venv"
python3 -m venv "${out_dir}/venv" >&2 || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
"${out_dir}/venv/bin/pip" install --quiet --disable-pip-version-check "chdb==${chdb_version}" >&2 \
  || die "pip install chdb==${chdb_version} failed"
"${python}" -c 'import chdb' >&2 || die "chdb does not import"
touch "${ready}"
printf '%s\n' "${python}"
