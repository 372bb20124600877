#!/usr/bin/env bash
# Prepares a Python environment with one pinned PyPI package, and the pinned versions of all it
# needs, for the collector-config tests and prints its python's path as the last line of stdout. The tests reach nothing but package
# registries: chDB (ClickHouse's engine, in process) stands in for a ClickHouse server that cannot be
# installed here (ClickHouseViewsTest, ClickHouseTableTest), and jq's Python bindings for a jq binary
# CI's machine lacks (SelfHostedEndToEndTest).
#
# Usage: pypi-env.sh PACKAGE VERSION
#
# Installs exactly what pypi-lock/PACKAGE-VERSION.txt pins (PACKAGE==VERSION and each package it
# needs, ==VERSION), with pip --no-deps, so nothing is resolved, and wheels only (jq's source package
# would need a C compiler and autotools), then checks pip freeze against the lock: a dependency's
# floor (chdb's chdb-core>=26.7.0) cannot move the tests onto another release.
#
# Cached outside the repository, keyed by package, version and the lock's SHA-256:
#   ${TBOT_OTEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tbot-otel}/<package>/<version>-<sha256[0:12]>/venv
# A second run prints the cached path at once. Needs python3 with venv and pip, and PyPI.
set -euo pipefail

log() { printf '[pypi-env] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $# -eq 2 ]] || die "usage: pypi-env.sh PACKAGE VERSION"
package="$1"
version="$2"
[[ "${package}" =~ ^[a-z0-9-]+$ && "${version}" =~ ^[0-9][0-9a-z.]*$ ]] || die "bad package or version"
lock="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/pypi-lock/${package}-${version}.txt"
[[ -f "${lock}" ]] || die "no lock for ${package} ${version}: write ${lock} (pip freeze of a fresh install)"
# The lock's pins, without comments and blank lines, in pip freeze's order.
pins="$(grep -v '^[[:space:]]*\(#\|$\)' "${lock}" | LC_ALL=C sort)"
grep -qx "${package}==${version}" <<<"${pins}" || die "${lock} does not pin ${package}==${version}"
if grep -vqE '^[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+$' <<<"${pins}"; then
  die "${lock}: each line is NAME==VERSION"
fi

command -v python3 >/dev/null 2>&1 || die "python3 is not on PATH"

cache_root="${TBOT_OTEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tbot-otel}"
out_dir="${cache_root}/${package}/${version}-$(sha256sum <"${lock}" | cut -c1-12)"
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
log "installing ${lock##*/} into ${out_dir}/venv"
python3 -m venv "${out_dir}/venv" >&2 || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
"${out_dir}/venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --only-binary :all: \
  -r <(printf '%s\n' "${pins}") >&2 || die "pip install of ${lock} failed"
# pip freeze leaves out pip and setuptools (the venv's own); anything else the lock does not name
# would be a package resolved here, not pinned there.
frozen="$("${out_dir}/venv/bin/pip" freeze --disable-pip-version-check | LC_ALL=C sort)"
[[ "$(tr '[:upper:]_' '[:lower:]-' <<<"${frozen}")" == "$(tr '[:upper:]_' '[:lower:]-' <<<"${pins}")" ]] \
  || die "installed is not ${lock}: ${frozen//$'\n'/, }"
"${python}" -c "import ${package//-/_}" >&2 || die "${package} does not import"
touch "${ready}"
printf '%s\n' "${python}"
