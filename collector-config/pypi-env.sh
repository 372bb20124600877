#!/usr/bin/env bash
# Prepares a Python environment with one pinned PyPI package for the collector-config tests and
# prints its python's path as the last line of stdout. The tests reach nothing but package
# registries: chDB (ClickHouse's engine, in process) stands in for a ClickHouse server that cannot be
# installed here (ClickHouseViewsTest, ClickHouseTableTest), and jq's Python bindings for a jq binary
# CI's machine lacks (SelfHostedEndToEndTest).
#
# Usage: pypi-env.sh PACKAGE VERSION [--only-binary]
#   --only-binary: a wheel only (jq's source package would need a C compiler and autotools)
#
# Cached outside the repository, keyed by package and pinned version:
#   ${TBOT_OTEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tbot-otel}/<package>/<version>/venv
# A second run prints the cached path at once. Needs python3 with venv and pip, and PyPI.
set -euo pipefail

log() { printf '[pypi-env] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $# -ge 2 && $# -le 3 ]] || die "usage: pypi-env.sh PACKAGE VERSION [--only-binary]"
package="$1"
version="$2"
only_binary=()
if [[ $# -eq 3 ]]; then
  [[ "$3" == "--only-binary" ]] || die "unknown option $3"
  only_binary=(--only-binary "${package}")
fi
[[ "${package}" =~ ^[a-z0-9-]+$ && "${version}" =~ ^[0-9][0-9a-z.]*$ ]] || die "bad package or version"

command -v python3 >/dev/null 2>&1 || die "python3 is not on PATH"

cache_root="${TBOT_OTEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tbot-otel}"
out_dir="${cache_root}/${package}/${version}"
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
log "installing ${package}==${version} into ${out_dir}/venv"
python3 -m venv "${out_dir}/venv" >&2 || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
"${out_dir}/venv/bin/pip" install --quiet --disable-pip-version-check ${only_binary[@]+"${only_binary[@]}"} "${package}==${version}" >&2 \
  || die "pip install ${package}==${version} failed"
"${python}" -c "import ${package//-/_}" >&2 || die "${package} does not import"
touch "${ready}"
printf '%s\n' "${python}"
