#!/usr/bin/env bash
# The native module built with AddressSanitizer + UndefinedBehaviorSanitizer,
# and the whole property suite run against it. The run must be clean: any
# report ends the worker process, which pytest counts as a failed test.
#
#   bash ci/sanitizers.sh [pytest arguments...]
#   bash ci/sanitizers.sh --planted-oob   # proves a planted out-of-bounds read is reported
#
# Environment: DXPY_SANITIZER_BUILD (default build/sanitizers), DXPY_TEST_WORKERS
# (default 2), HYPOTHESIS_PROFILE (default ci).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

build=${DXPY_SANITIZER_BUILD:-build/sanitizers}
source_dir=$repo
planted=0
if [ "${1:-}" = "--planted-oob" ]; then
  planted=1
  shift
fi

python3 -m pip install --quiet pybind11 simde-py ninja cmake pytest pytest-xdist hypothesis numpy

if [ "$planted" -eq 1 ]; then
  # A scratch copy of the tree with one out-of-bounds read planted in the
  # scalar float64 sum (it reads one element past the buffer). The sanitizer
  # run of the SimdList property that sums a NumPy array on the scalar engine
  # must report it; this script fails if it does not.
  build=${build}-planted
  source_dir=$repo/$build/src
  rm -rf "$source_dir"
  mkdir -p "$source_dir"
  git ls-files -z | (cd "$repo" && xargs -0 cp --parents -t "$source_dir")
  python3 ci/sanitizers/plant_oob.py "$source_dir"
fi

flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g"
cmake -S "$source_dir" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DDXPY_BUILD_PYTHON_MODULE=ON \
  -Dpybind11_DIR="$(python3 -m pybind11 --cmakedir)" >/dev/null
ninja -C "$build" -j "${DXPY_BUILD_JOBS:-2}" _native

# A package folder beside the build: the Python sources of the tree plus the
# sanitized module, first on PYTHONPATH so tests (and their subprocesses,
# which take the package root from dxpy.__file__) import this build.
package_root=$repo/$build/package
rm -rf "$package_root"
mkdir -p "$package_root/dxpy"
for entry in "$source_dir"/dxpy/*; do
  case "$entry" in *.so) continue ;; esac
  ln -s "$entry" "$package_root/dxpy/"
done
module=$(find "$repo/$build/cpp/bindings" -maxdepth 1 -name '_native*.so' | head -n 1)
ln -s "$module" "$package_root/dxpy/"

# CPython is not instrumented, so the ASan runtime must be loaded first.
# PYTHONMALLOC=malloc sends every Python allocation through ASan's malloc, so
# reads past a bytes or str object's storage are seen too. Leak checking is
# off: the interpreter keeps objects alive until exit by design.
export LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)"
# Reports go to files, one per process: pytest captures a test's stderr, and
# a process the sanitizer ends never hands its capture back.
reports_dir=$repo/$build/sanitizer-reports
rm -rf "$reports_dir"
mkdir -p "$reports_dir"
# allow_user_segv_handler: properties/test_string_guard_pages.py installs its own
# SIGSEGV handler (for guard pages only; other faults go on to ASan's).
export ASAN_OPTIONS="detect_leaks=0:allow_user_segv_handler=1:halt_on_error=1:print_summary=1:log_path=$reports_dir/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports_dir/ubsan"
export PYTHONMALLOC=malloc
export PYTHONPATH="$package_root"
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"
export DXPY_SANITIZED=address,undefined
# The run's record (properties/run_record.py) goes beside, not over, the plain run's.
export DXPY_RECORD_PATH=reports/sanitizers/last-run.json

# `pytest`, not `python -m pytest`: the latter puts the current folder, whose
# dxpy/ has no sanitized module, ahead of PYTHONPATH.
(cd "${TMPDIR:-/tmp}" && python3 -c "import dxpy; print('sanitized module:', dxpy._native.__file__)")

if [ "$planted" -eq 1 ]; then
  log=$repo/$build/planted.log
  set +e
  pytest -p no:cacheprovider -q -x \
    "$source_dir/properties/test_simd_list_numpy.py" -k "release_the_gil" >"$log" 2>&1
  set -e
  if grep -qs "ERROR: AddressSanitizer: heap-buffer-overflow" "$reports_dir"/asan.*; then
    cat "$reports_dir"/asan.* | grep -m 1 -A 14 "ERROR: AddressSanitizer"
    echo "planted out-of-bounds read: reported by AddressSanitizer ($reports_dir)"
    exit 0
  fi
  tail -n 40 "$log"
  echo "planted out-of-bounds read: NOT reported" >&2
  exit 1
fi

set +e
pytest -p no:cacheprovider -n "${DXPY_TEST_WORKERS:-2}" properties/ "$@"
status=$?
set -e
if compgen -G "$reports_dir/*san.*" >/dev/null; then
  for report in "$reports_dir"/*san.*; do
    echo "=== $report"
    head -n 60 "$report"
  done
  echo "sanitizer reports were written: the run is not clean" >&2
  exit 1
fi
exit "$status"
