#!/usr/bin/env bash
# libFuzzer on the C++ parser (ci/fuzz/parser_fuzz_target.cpp), under
# AddressSanitizer (leaks included) and UndefinedBehaviorSanitizer, seeded
# from the host CPython's standard library. Any crash, leak, sanitizer report
# or input slower than the per-input timeout fails the run; the input is kept
# in build/fuzz/artifacts/.
#
#   bash ci/fuzz/parser.sh [SECONDS]      (default 60; ci/nightly runs longer)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
build=${DXPY_FUZZ_BUILD:-build/fuzz}

if ! command -v clang++ >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang >/dev/null
fi
python3 -m pip install --quiet simde-py ninja cmake

flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1"
cmake -S ci/fuzz -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DPython_EXECUTABLE="$(command -v python3)" >/dev/null
ninja -C "$build" -j "${DXPY_BUILD_JOBS:-2}" parser_fuzzer

# Seeds: every 8th stdlib file below 64 KiB, behind the mode byte 0 (exec),
# so the fuzzer starts from real programs; the corpus it grows is kept
# between runs of the same build folder.
seeds=$build/seeds
corpus=$build/corpus
artifacts=$build/artifacts/
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$artifacts"
python3 - "$seeds" <<'PY'
import sys, sysconfig
from pathlib import Path
root = Path(sysconfig.get_paths()["stdlib"])
files = sorted(p for p in root.rglob("*.py") if "site-packages" not in p.parts)
small = [p for p in files if p.stat().st_size < 65536][::8]
for index, path in enumerate(small):
    (Path(sys.argv[1]) / f"seed-{index:04d}").write_bytes(b"\0" + path.read_bytes())
print(f"{len(small)} seeds from {root}")
PY

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
"$build/parser_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "$seeds"
echo "parser fuzzing: ${seconds} s, no crash, leak or timeout"
