#!/usr/bin/env bash
# Builds otelcol-tbot, the custom OpenTelemetry Collector described by builder-config.yaml, and
# prints the binary's path as the last line of stdout.
#
# The module graph is locked: otelcol-tbot.go.mod and otelcol-tbot.go.sum, beside the manifest, are
# the generated main module's go.mod and go.sum (every module the binary is built from, each at one
# version, with its checksum). The builder only generates the sources, the lock is copied in, and
# `go build -mod=readonly` builds from it: nothing is resolved at build time, a module whose
# download does not match its go.sum line fails the build, and a version change is a diff to
# review. The manifest's own modules must be in the lock at the manifest's versions. The builder
# (ocb) is locked too: builder.go.mod and builder.go.sum are a module that has it as its tool, at
# the manifest's builder-version, and it is installed from them with -mod=readonly. So every module
# fetched is checked against a go.sum line here, and no checksum database is asked: a build needs
# only a module proxy or mirror (GOPROXY), or GOPROXY=off with a module cache filled beforehand.
#   build-collector.sh --relock   resolves anew (the builder's `go get -tool`; the builder's `go get`,
#                                 then `go build -mod=mod`, as below) and rewrites the four files
#                                 once the binary is built; no binary is cached (the builder is).
#
# Idempotent and cached outside the repository, keyed by the SHA-256 of everything the binary is
# built from: the manifest, the lock, this script, and the Go toolchain, target and build settings
# (`go env` of GOVERSION GOOS GOARCH, the architecture level such as GOAMD64 or GOARM64,
# GOEXPERIMENT, GOFIPS140 and GOFLAGS) and the builder's lock:
#   ${TBOT_OTEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tbot-otel}/collector/<sha256[0:16]>/otelcol-tbot
# A second run with all of them unchanged prints the cached path at once. The builder (ocb) itself is
# installed into the same cache with `go install`, so a fresh machine needs only Go and a module proxy.
#
# Why --relock is not plain `builder --config`: the builder runs `go mod tidy`, which also downloads
# the test-only dependencies of every component, and the module proxy this project uses refuses some
# of those (for example pkg/golden@v0.155.0). So the builder generates the sources and go.mod, its
# tidy step is allowed to fail, and `go build -mod=mod` then resolves only what the binary really
# imports; the go.mod and go.sum it leaves are the lock.
#
# Environment: TBOT_OTEL_CACHE, XDG_CACHE_HOME (cache location), GOPROXY/GOFLAGS as usual for Go
# (GOFLAGS is the collector's build's; the builder is built with -mod=readonly alone).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
manifest="${here}/builder-config.yaml"
lock_mod="${here}/otelcol-tbot.go.mod"
lock_sum="${here}/otelcol-tbot.go.sum"
builder_mod="${here}/builder.go.mod"
builder_sum="${here}/builder.go.sum"
builder_module=go.opentelemetry.io/collector/cmd/builder

log() { printf '[build-collector] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# "MODULE VERSION" of each require line of the go.mod file $1, in a block or alone.
required_modules() {
  awk '/^require[[:space:]]*\(/ { block = 1; next } block && /^\)/ { block = 0 }
    block { print $1 " " $2 } /^require[[:space:]]+[^(]/ { print $2 " " $3 }' "$1"
}

relock=false
mod_flag=
case "$#:${1:-}" in
  0:) ;;
  1:--relock) relock=true ;;
  *) die "usage: build-collector.sh [--relock]" ;;
esac

command -v go >/dev/null 2>&1 || die "go is not on PATH; install Go (1.25 or newer) first"
# The Go on PATH builds, never one Go would switch to for a go.mod's toolchain line (GOTOOLCHAIN=auto,
# e.g. of a module around the caller's directory): the key below must name the Go that builds, and
# a build must not fetch a toolchain.
export GOTOOLCHAIN=local
# No go.work around the cache or the caller (a ~/go.work, GOWORK) may add modules to the builds
# below: each builds from its lock alone.
export GOWORK=off
# The collector's modules declare go 1.25.0; an older Go would try to fetch a newer toolchain.
go_minor="$(go env GOVERSION | sed -n 's/^go1\.\([0-9][0-9]*\).*/\1/p')"
[[ -n "${go_minor}" && "${go_minor}" -ge 25 ]] || die "Go 1.25 or newer is needed; this is $(go env GOVERSION)"
[[ -f "${manifest}" ]] || die "manifest not found: ${manifest}"
if ! "${relock}"; then
  [[ -f "${lock_mod}" && -f "${lock_sum}" ]] \
    || die "no lock (${lock_mod##*/} and ${lock_sum##*/} beside the manifest): run build-collector.sh --relock"
  # Each module the manifest names (its gomod lines), at the manifest's version, in the lock's
  # require lines: a manifest edited without a new lock would otherwise build the old lock's modules.
  required="$(required_modules "${lock_mod}")"
  named="$(sed -n 's/^[[:space:]]*\(-[[:space:]]*\)\{0,1\}gomod:[[:space:]]*["'"'"']\{0,1\}\([^[:space:]"'"'"']*\)[[:space:]]\{1,\}\(v[^[:space:]"'"'"']*\).*/\2 \3/p' "${manifest}")"
  [[ -n "${named}" ]] || die "no gomod lines read from ${manifest}"
  # Every gomod line read: one in another layout would go unchecked.
  [[ "$(grep -cE '^[[:space:]]*(-[[:space:]]*)?gomod:' "${manifest}")" -eq "$(wc -l <<<"${named}")" ]] \
    || die "a gomod line of ${manifest} is not '- gomod: MODULE VERSION': it cannot be checked against the lock"
  while read -r module version; do
    grep -qxF "${module} ${version}" <<<"${required}" \
      || die "${lock_mod##*/} does not require ${module} ${version}, which the manifest names: run build-collector.sh --relock and review the lock's diff"
  done <<<"${named}"
fi

# The builder version is pinned in the manifest (so it is part of the cache key), and locked in
# builder.go.mod at that version.
builder_version="$(sed -n 's/^# builder-version: *\(v[0-9][0-9.]*\) *$/\1/p' "${manifest}" | head -n 1)"
[[ -n "${builder_version}" ]] || die "no '# builder-version: vX.Y.Z' line in ${manifest}"
if ! "${relock}"; then
  [[ -f "${builder_mod}" && -f "${builder_sum}" ]] \
    || die "no lock for the builder (${builder_mod##*/} and ${builder_sum##*/} beside the manifest): run build-collector.sh --relock"
  grep -qxE "tool[[:space:]]+${builder_module}" "${builder_mod}" \
    || die "${builder_mod##*/} has no 'tool ${builder_module}' line: run build-collector.sh --relock"
  builder_required="$(required_modules "${builder_mod}")"
  grep -qxF "${builder_module} ${builder_version}" <<<"${builder_required}" \
    || die "${builder_mod##*/} does not require ${builder_module} ${builder_version}, which the manifest's builder-version names: run build-collector.sh --relock and review the lock's diff"
fi
# A replace directive in a lock would build another module's code under a locked name.
for f in "${lock_mod}" "${builder_mod}"; do
  if [[ -f "${f}" ]] && grep -qE '^[[:space:]]*replace([[:space:]]|\(|$)' "${f}"; then
    die "${f##*/} has a replace directive: a lock builds the modules it names, from the proxy"
  fi
done

# The key covers the manifest (by content: the checkout's own location is not part of it), this
# script (a change to how it builds must not reuse a binary built the old way) and every Go setting
# that compiles the same sources into another binary: the toolchain (GOVERSION), the target (GOOS,
# GOARCH and its level: GOAMD64, GOARM64 ...; go env prints the target's own, the others are
# empty unless set), GOEXPERIMENT, GOFIPS140 and GOFLAGS (-tags, -race, -ldflags ...). Read with
# `go env`, so a value set with `go env -w` counts as one from the environment does. CGO_ENABLED is
# not in it: the build below always sets it to 0, so the caller's value changes nothing.
script="${here}/$(basename "${BASH_SOURCE[0]}")"
go_settings=(GOVERSION GOOS GOARCH GOAMD64 GOARM64 GOARM GO386 GOPPC64 GORISCV64 GOMIPS GOMIPS64 GOWASM
  GOEXPERIMENT GOFIPS140 GOFLAGS)
# One line per setting, empty ones too ($(...) would drop trailing empty lines: hence the '.').
go_values="$(CGO_ENABLED=0 go env "${go_settings[@]}" && echo .)" || die "go env failed"
mapfile -t go_values <<<"${go_values%.}"
unset 'go_values[${#go_values[@]}-1]'
(( ${#go_values[@]} == ${#go_settings[@]} )) || die "go env printed ${#go_values[@]} values for ${#go_settings[@]} settings"
# The build sets GOFLAGS in its environment, which hides a GOFLAGS set with `go env -w`: it gets
# the value the key has.
goflags="${go_values[${#go_values[@]}-1]}"
hash="$( {
  printf 'manifest %s\n' "$(sha256sum <"${manifest}" | cut -d' ' -f1)"
  if ! "${relock}"; then
    printf 'lock %s %s\n' "$(sha256sum <"${lock_mod}" | cut -d' ' -f1)" "$(sha256sum <"${lock_sum}" | cut -d' ' -f1)"
    printf 'builder %s %s\n' "$(sha256sum <"${builder_mod}" | cut -d' ' -f1)" "$(sha256sum <"${builder_sum}" | cut -d' ' -f1)"
  fi
  printf 'script %s\n' "$(sha256sum <"${script}" | cut -d' ' -f1)"
  for i in "${!go_settings[@]}"; do
    printf 'go %s=%s\n' "${go_settings[i]}" "${go_values[i]}"
  done
} | sha256sum | cut -c1-16)"
cache_root="${TBOT_OTEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tbot-otel}"
# Absolute, whatever was given: the printed path must work from any directory, the builder runs
# from a scratch directory, and `go install` refuses a relative GOBIN.
mkdir -p "${cache_root}" || die "cannot create the cache directory ${cache_root}"
cache_root="$(CDPATH= cd -- "${cache_root}" && pwd)" # CDPATH unset: cd must print nothing
out_dir="${cache_root}/collector/${hash}"
binary="${out_dir}/otelcol-tbot"
if "${relock}"; then
  out_dir="${cache_root}/collector/relock"
  binary=""
fi

if [[ -n "${binary}" && -x "${binary}" ]]; then
  log "cached: ${binary}"
  printf '%s\n' "${binary}"
  exit 0
fi

mkdir -p "${out_dir}"
# One build per manifest at a time: a concurrent run waits here, then finds the binary.
exec 9>"${out_dir}.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi
if [[ -n "${binary}" && -x "${binary}" ]]; then
  log "cached (built by a concurrent run): ${binary}"
  printf '%s\n' "${binary}"
  exit 0
fi

# 1. The builder, installed into the cache (GOBIN), never into the repository or ~/go/bin, from its
# lock: a module whose only tool it is, copied into a scratch directory and built -mod=readonly. For
# --relock, that module is made anew first (`go get -tool`, which resolves as `go install
# MODULE@VERSION` does), and written back as the lock with the binary's, once all is built.
tool_dir="$(mktemp -d "${out_dir}/builder-module.XXXXXX")"
trap 'rm -rf "${tool_dir}"' EXIT
if "${relock}"; then
  log "resolving ${builder_module}@${builder_version} anew"
  (cd "${tool_dir}" && go mod init tbot-otel/builder >/dev/null 2>&1 \
    && go mod edit -go=1.25.0 && go get -tool "${builder_module}@${builder_version}") >&2 \
    || die "go get -tool ${builder_module}@${builder_version} failed"
else
  cp "${builder_mod}" "${tool_dir}/go.mod"
  cp "${builder_sum}" "${tool_dir}/go.sum"
fi
builder_key="$(cat "${tool_dir}/go.mod" "${tool_dir}/go.sum" | sha256sum | cut -c1-16)"
builder_dir="${cache_root}/builder/${builder_version}-${builder_key}"
builder="${builder_dir}/builder"
if [[ ! -x "${builder}" ]]; then
  log "installing ${builder_module}@${builder_version} (locked) into ${builder_dir}"
  mkdir -p "${builder_dir}"
  (cd "${tool_dir}" && GOBIN="${builder_dir}" GOFLAGS=-mod=readonly go install "${builder_module}") >&2 \
    || die "go install ${builder_module} -mod=readonly failed (its messages above)"
fi

# 2. Generate the sources in a scratch directory next to the final binary: with the lock, the
# sources alone, and the lock as go.mod and go.sum; for --relock, go.mod too, resolved by the builder.
work="$(mktemp -d "${out_dir}/work.XXXXXX")"
trap 'rm -rf "${tool_dir}" "${work}"' EXIT
cp "${manifest}" "${work}/builder-config.yaml"
log "generating sources in ${work} (builder ${builder_version})"
if ! "${relock}"; then
  (cd "${work}" && "${builder}" --config builder-config.yaml --skip-get-modules --skip-compilation \
    >"${work}/builder.log" 2>&1) || { tail -n 40 "${work}/builder.log" >&2; die "the builder failed"; }
  [[ -f "${work}/_build/components.go" ]] || die "the builder wrote no _build/components.go"
  cp "${lock_mod}" "${work}/_build/go.mod"
  cp "${lock_sum}" "${work}/_build/go.sum"
  mod_flag=-mod=readonly
elif ! (cd "${work}" && "${builder}" --config builder-config.yaml >"${work}/builder.log" 2>&1); then
  # Expected when the proxy refuses a test-only module during `go mod tidy`; the sources and go.mod
  # are already written. Anything else (no go.mod) is a real failure.
  if [[ ! -f "${work}/_build/go.mod" || ! -f "${work}/_build/components.go" ]]; then
    tail -n 40 "${work}/builder.log" >&2
    die "the builder failed before writing _build/go.mod"
  fi
  log "builder's 'go mod tidy' failed (test-only modules); building with -mod=mod instead"
fi
[[ -n "${mod_flag}" ]] || mod_flag=-mod=mod

# 3. Compile. CGO off for a static binary; -trimpath and no VCS stamping for reproducibility.
log "compiling (a cold build takes several minutes)"
(cd "${work}/_build" && CGO_ENABLED=0 GOFLAGS="${goflags} ${mod_flag}" \
  go build -trimpath -ldflags="-s -w" -o "${work}/otelcol-tbot" .) >&2 \
  || die "go build ${mod_flag} failed in ${work}/_build"

"${work}/otelcol-tbot" --version >&2 || die "the built binary does not run"
if "${relock}"; then
  # All four together, once the binary is built: a relock that fails leaves the locks as they were.
  cp "${tool_dir}/go.mod" "${builder_mod}"
  cp "${tool_dir}/go.sum" "${builder_sum}"
  cp "${work}/_build/go.mod" "${lock_mod}"
  cp "${work}/_build/go.sum" "${lock_sum}"
  log "wrote ${builder_mod##*/}, ${builder_sum##*/}, ${lock_mod##*/} and ${lock_sum##*/}: review their diff, then build without --relock"
  exit 0
fi
mv -f "${work}/otelcol-tbot" "${binary}"
cp "${work}/_build/go.mod" "${out_dir}/go.mod"
[[ -f "${work}/_build/go.sum" ]] && cp "${work}/_build/go.sum" "${out_dir}/go.sum"
log "built: ${binary}"
printf '%s\n' "${binary}"
