#!/usr/bin/env bash
# Prepares a Python environment with one pinned PyPI package, and the pinned versions of all it
# needs, for the collector-config tests and prints its python's path as the last line of stdout.
# The tests reach nothing but package registries: chDB (ClickHouse's engine, in process) stands
# in for a ClickHouse server that cannot be installed here (ClickHouseViewsTest,
# ClickHouseTableTest), and jq's Python bindings for a jq binary CI's machine lacks
# (SelfHostedEndToEndTest).
#
# Usage: pypi-env.sh PACKAGE VERSION
#
# Installs exactly what pypi-lock/PACKAGE-VERSION.txt pins (PACKAGE==VERSION and each package it
# needs, ==VERSION), with pip --no-deps, so nothing is resolved, and wheels only (jq's source
# package would need a C compiler and autotools), then checks pip freeze against the lock: a
# dependency's floor (chdb's chdb-core>=26.7.0) cannot move the tests onto another release. A pin
# marked `; python_version >= "3.N"` (a release that needs that Python) is left out on an older
# one, where pip resolves what it leaves out, and the rest must still be installed as pinned.
#
# Cached outside the repository, keyed by package, version, the lock and the Python (minor version
# and interpreter):
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
command -v python3 >/dev/null 2>&1 || die "python3 is not on PATH"

# The lock, read by the python that makes the environment: its pins (NAME==VERSION, the name
# written as pip freeze writes it, lower case with dashes), each kept where its marker, if it has
# one (only `python_version >= "3.N"`: a release that needs a newer Python), holds for this
# python. First line: "complete" where every pin holds, else "partial".
read_lock() {
  python3 - "${lock}" "${package}" "${version}" <<'PY'
import re, sys
lock, package, version = sys.argv[1:]
norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()
pins, complete = [], True
for n, raw in enumerate(open(lock, encoding="utf-8").read().splitlines(), 1):
    line = raw.split("#", 1)[0].strip()
    if not line:
        continue
    m = re.fullmatch(r'([A-Za-z0-9._-]+)==([A-Za-z0-9.+!-]+)\s*(?:;\s*python_version\s*>=\s*"3\.(\d+)")?', line)
    if not m:
        sys.exit(f'{lock}:{n}: not NAME==VERSION [; python_version >= "3.N"]: {line}')
    if m.group(3) and sys.version_info < (3, int(m.group(3))):
        complete = False
        continue
    pins.append(f"{norm(m.group(1))}=={m.group(2)}")
if f"{norm(package)}=={version}" not in pins:
    sys.exit(f"{lock} does not pin {package}=={version} for this Python")
print("complete" if complete else "partial")
print("\n".join(sorted(pins)))
PY
}
read="$(read_lock)" || die "cannot use ${lock} (above)"
coverage="${read%%$'\n'*}"
pins="${read#*$'\n'}"

cache_root="${TBOT_OTEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tbot-otel}"
# Keyed by the lock and the Python that reads it (another minor version may take other pins; a patch
# release of the same one keeps the environment).
out_dir="${cache_root}/${package}/${version}-$( { cat "${lock}"
  python3 -c 'import os, sys; print(sys.version_info[:2], os.path.realpath(sys.executable))'; } | sha256sum | cut -c1-12)"
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
# Where every pin holds, exactly those, nothing resolved (--no-deps): pip freeze must then list
# the lock, no more. Where a pin needs a newer Python, the pins that hold, and pip chooses the rest.
no_deps=()
[[ "${coverage}" == complete ]] && no_deps=(--no-deps)
"${out_dir}/venv/bin/pip" install --quiet --disable-pip-version-check ${no_deps[@]+"${no_deps[@]}"} \
  --only-binary :all: -r <(printf '%s\n' "${pins}") >&2 || die "pip install of ${lock} failed"
# pip freeze, its names written as the lock's are (pip and setuptools, the venv's own, are not in it).
frozen="$("${out_dir}/venv/bin/pip" freeze --disable-pip-version-check | python3 -c '
import re, sys
lines = [l.strip() for l in sys.stdin if l.strip()]
print("\n".join(sorted(re.sub(r"[-_.]+", "-", l.split("==", 1)[0]).lower() + "==" + l.split("==", 1)[1]
                        if "==" in l else l for l in lines)))')"
if [[ "${coverage}" == complete ]]; then
  [[ "${frozen}" == "${pins}" ]] || die "installed is not ${lock}: ${frozen//$'\n'/, }"
else
  missing="$(LC_ALL=C comm -23 <(printf '%s\n' "${pins}") <(printf '%s\n' "${frozen}"))"
  [[ -z "${missing}" ]] || die "installed lacks ${missing//$'\n'/, } of ${lock}"
  log "$(python3 -V): ${lock##*/} pins some releases for a newer Python; pip chose those: ${frozen//$'\n'/, }"
fi
# Every installed package's own requirements met: a lock that leaves one out fails here.
"${out_dir}/venv/bin/pip" check --disable-pip-version-check >&2 || die "pip check: ${lock} misses a requirement (above)"
"${python}" -c "import ${package//-/_}" >&2 || die "${package} does not import"
touch "${ready}"
printf '%s\n' "${python}"
