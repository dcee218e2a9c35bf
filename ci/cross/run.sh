#!/usr/bin/env bash
# The properties on other architectures: cross-compile dxpy_probe (cpp/probe/)
# for aarch64 and s390x, check that the aarch64 NEON find kernel is NEON code,
# and hold every engine build of each probe, run under qemu-user, to CPython
# with the same Hypothesis properties as the host's engines (ci/README.md).
#
#   bash ci/cross/run.sh [aarch64|s390x|all] [pytest arguments...]   (default: all)
#
# Environment: HYPOTHESIS_PROFILE (ci), DXPY_TEST_WORKERS (2), DXPY_CROSS_JOBS
# (compile jobs, 2), DXPY_S390X_ENGINES (the s390x builds tested).
# Installs what it lacks: apt packages (qemu-user-static, the cross compilers)
# and, with pip, cmake, ninja, simde-py and dxpy itself (the host side of the
# properties), as ci/test.sh would.
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${1:-all}"
[ $# -gt 0 ] && shift
case "$target" in
  aarch64) arches=(aarch64) ;;
  s390x) arches=(s390x) ;;
  all) arches=(aarch64 s390x) ;;
  *) echo "usage: $0 [aarch64|s390x|all] [pytest arguments...]" >&2; exit 2 ;;
esac
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"
jobs="${DXPY_CROSS_JOBS:-2}"
workers="${DXPY_TEST_WORKERS:-2}"
# scalar (with the SWAR group) is the s390x run's point; the SIMDe builds run
# there too, where their mask tricks meet big-endian lane order (this run found
# NEON's bits() lane-reversed there; cpp/simd/neon/vector.h now corrects it).
s390x_engines="${DXPY_S390X_ENGINES:-scalar,avx2,avx512,neon}"

timings=()
step() {  # step NAME COMMAND...: runs it and records how long it took
  local name="$1" start=$SECONDS
  shift
  echo "==> [ci/cross] $name"
  "$@"
  timings+=("$(printf '%-34s %4d s' "$name" $((SECONDS - start)))")
}

install_missing() {
  local packages=() command package
  for pair in qemu-aarch64-static:qemu-user-static qemu-s390x-static:qemu-user-static \
              aarch64-linux-gnu-g++:g++-aarch64-linux-gnu \
              aarch64-linux-gnu-objdump:binutils-aarch64-linux-gnu \
              s390x-linux-gnu-g++:g++-s390x-linux-gnu; do
    command="${pair%%:*}" package="${pair#*:}"
    command -v "$command" >/dev/null || packages+=("$package")
  done
  if [ ${#packages[@]} -gt 0 ]; then
    readarray -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
    echo "installing with apt: ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${packages[@]}"
  fi
  local wheels=()
  command -v cmake >/dev/null || wheels+=(cmake)
  command -v ninja >/dev/null || wheels+=(ninja)
  python3 -c "import simde_py" 2>/dev/null || wheels+=(simde-py)
  if [ ${#wheels[@]} -gt 0 ]; then python3 -m pip install -q "${wheels[@]}"; fi
  # The properties compare with CPython and the host's engines: dxpy must be
  # importable as installed (outside the source tree, whose dxpy/ has no module).
  if ! (cd /tmp && python3 -c "import dxpy._native; import hypothesis, xdist") 2>/dev/null; then
    python3 -m pip install ".[test]"
  fi
}

build_probe() {
  local arch="$1" folder="build/cross-$1"
  cmake -S . -B "$folder" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="ci/cross/toolchain-$arch.cmake" -DDXPY_BUILD_PROBE=ON >/dev/null
  nice ninja -C "$folder" -j "$jobs" dxpy_probe
}

probe_of() { echo "build/cross-$1/cpp/probe/dxpy_probe"; }

step "install missing tools" install_missing
probes=()
for arch in "${arches[@]}"; do
  step "build dxpy_probe for $arch" build_probe "$arch"
  if [ "$arch" = s390x ]; then
    probes+=("$(probe_of s390x)=$s390x_engines")
  else
    probes+=("$(probe_of "$arch")")
  fi
done
if [[ " ${arches[*]} " == *" aarch64 "* ]]; then
  step "check NEON find disassembly" python3 ci/cross/check_neon_find.py "$(probe_of aarch64)"
fi
step "describe the probes" env PYTHONPATH=properties python3 -m probe_engines \
  "${probes[@]%%=*}"

# -k qemu: the probe engines' tests only (the host's ran in ci/test.sh); their
# outcomes are added to reports/properties/last-run.json (DXPY_RECORD_MERGE).
# pytest, not python -m pytest: the installed dxpy, not the source folder.
DXPY_QEMU_PROBES="$(IFS=:; echo "${probes[*]}")"
export DXPY_QEMU_PROBES DXPY_RECORD_MERGE=1
status=0
step "properties under qemu (${HYPOTHESIS_PROFILE})" \
  pytest -n "$workers" -p no:cacheprovider properties/ -k qemu "$@" || status=$?

echo "==> [ci/cross] timings"
printf '    %s\n' "${timings[@]}"
exit "$status"
