"""Checks of the engines as built: present, compiled with their own flags, dispatched right."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import dxpy
from dxpy.tasks import native
from dxpy.tasks.native import engine_flags
from dxpy.tasks.registry import (
    CheckResult,
    check,
    failed,
    not_installed,
    not_run,
    passed,
    unverifiable,
)
from dxpy.tasks.testruns import python_environment

MACHINE = platform.machine().lower()
IS_X86_64 = MACHINE in ("x86_64", "amd64")
IS_AARCH64 = MACHINE in ("aarch64", "arm64")

DISPATCHER_SOURCES = (
    "cpp/simd/cpu_features.h",
    "cpp/simd/cpu_features.cpp",
    "cpp/simd/registry.h",
    "cpp/simd/registry.cpp",
)
# The parts of the runtime below the bindings; none may throw or abort into Python.
RUNTIME_FOLDERS = ("simd", "strings", "unicode", "collections")


def _engine_row(name: str):
    return next((info for info in dxpy.engines() if info.name == name), None)


def _expected_mode(name: str) -> str:
    native_here = {"neon": IS_AARCH64, "avx2": IS_X86_64, "avx512": IS_X86_64}[name]
    return "native or emulated" if native_here else "emulated"


def _engine_is_built(root: Path, name: str, sources: tuple[str, ...]) -> CheckResult:
    missing = [source for source in sources if not (root / source).is_file()]
    if missing:
        return failed(f"missing sources: {', '.join(missing)}")
    row = _engine_row(name)
    if row is None:
        return failed(
            f"dxpy.engines() has no {name} engine: {[info.name for info in dxpy.engines()]}"
        )
    expected = _expected_mode(name)
    if row.mode not in expected.split(" or "):
        return failed(f"{name} runs {row.mode} on {MACHINE}; expected {expected}")
    engine = dxpy.engine(name)
    answers = (engine.find("héllo wörld", "wörld"), engine.upper("straße"), engine.eq(b"ab", b"ab"))
    if answers != (6, "STRASSE", True):
        return failed(f"{name} answered {answers} to three smoke questions")
    return passed(
        f"{', '.join(sources)} present; dxpy.engines() lists {name} ({row.isa}, {row.mode} on "
        f"{MACHINE}) and it answers"
    )


@check("1.1")
def neon_engine_is_built(root: Path) -> CheckResult:
    """The NEON engine's translation unit exists, is built, and runs here."""
    return _engine_is_built(
        root, "neon", ("cpp/simd/neon/vector.h", "cpp/simd/neon/string_kernels.cpp")
    )


@check("2.1")
def avx512_engine_is_built_with_its_own_flags(root: Path) -> CheckResult:
    """The avx512 translation unit is built with AVX-512 F+BW flags, never -march=native."""
    flags = engine_flags(root, "avx512")
    needed = {"-mavx512f", "-mavx512bw"}
    if not needed <= set(flags):
        return failed(f"DXPY_FLAGS_avx512 is {flags}: lacks {sorted(needed - set(flags))}")
    cmake_files = [root / "CMakeLists.txt", *sorted((root / "cpp").rglob("CMakeLists.txt"))]
    native_everywhere = [
        str(path.relative_to(root))
        for path in cmake_files
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"-march=native|-mcpu=native", line.split("#", 1)[0])
    ]
    if native_everywhere:
        return failed(f"-march=native in {', '.join(native_everywhere)}")
    built = _engine_is_built(
        root, "avx512", ("cpp/simd/avx512/vector.h", "cpp/simd/avx512/string_kernels.cpp")
    )
    if built.status != "pass":
        return built
    return passed(f"DXPY_FLAGS_avx512 = {' '.join(flags)}; no -march=native; {built.detail}")


@check("3.1")
def neon_list_kernels_are_built(root: Path) -> CheckResult:
    """NEON's list kernels exist and SimdList runs them (an exact sum past int64)."""
    sources = ("cpp/simd/neon/lanes64.h", "cpp/collections/neon/list_kernels.cpp")
    missing = [source for source in sources if not (root / source).is_file()]
    if missing:
        return failed(f"missing sources: {', '.join(missing)}")
    values = [2**62, 2**62, 2**62, -5, 7]
    total = dxpy.SimdList(values).sum(engine="neon")
    if total != sum(values):
        return failed(f"SimdList(...).sum(engine='neon') gave {total}, not {sum(values)}")
    return passed(f"{', '.join(sources)} present; SimdList.sum(engine='neon') is exact past int64")


@check("1.7")
def dispatcher_holds_no_todo(root: Path) -> CheckResult:
    """The dispatcher's sources hold no TODO, FIXME or XXX."""
    found = []
    for name in DISPATCHER_SOURCES:
        path = root / name
        if not path.is_file():
            return failed(f"{name} is missing")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"\b(TODO|FIXME|XXX)\b", line):
                found.append(f"{name}:{number}: {line.strip()}")
    if found:
        return failed("; ".join(found))
    return passed(f"no TODO/FIXME/XXX in {', '.join(DISPATCHER_SOURCES)}")


def _default_engine_in_a_clean_process() -> str:
    """The dispatcher's choice with DXPY_ENGINE and DXPY_CPU_DISABLE unset."""
    environment = python_environment()
    environment.pop("DXPY_ENGINE", None)
    environment.pop("DXPY_CPU_DISABLE", None)
    with tempfile.TemporaryDirectory(prefix="dxpy-tasks-dispatch-") as scratch:
        completed = subprocess.run(
            [sys.executable, "-c", "import dxpy; print(dxpy.default_engine())"],
            cwd=scratch,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr.strip()[-300:])
    return completed.stdout.strip()


def _cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith(("flags", "Features")):
            return set(line.split(":", 1)[1].split())
    return set()


@check("2.5")
def dispatcher_prefers_avx512_where_the_cpu_has_it(root: Path) -> CheckResult:
    """On a CPU with AVX-512 F+BW, the default engine is avx512 (not avx2)."""
    if not IS_X86_64:
        return unverifiable(f"AVX-512 is an x86-64 instruction set; this is {MACHINE}")
    flags = _cpu_flags()
    if not flags:
        return unverifiable("no /proc/cpuinfo to read the CPU's features from")
    if not {"avx512f", "avx512bw"} <= flags:
        return unverifiable("this CPU lacks AVX-512 F+BW, so the preference cannot show here")
    chosen = _default_engine_in_a_clean_process()
    if chosen != "avx512":
        return failed(f"the CPU has avx512f and avx512bw, yet the default engine is {chosen}")
    return passed("the CPU has avx512f+avx512bw and the default engine is avx512")


DISPATCH_PROGRAM = """
#include <cstdio>
#include <string>
#include "simd/registry.h"
int main() {
  std::string error;
  const dxpy::simd::EngineBuild* build = dxpy::simd::default_build(&error);
  if (build == nullptr) { std::printf("error: %s\\n", error.c_str()); return 1; }
  std::printf("%s %s\\n", build->name, dxpy::simd::mode_name(build->mode));
  return 0;
}
"""
CROSS_RUNTIME = "build/cross-aarch64/cpp/libdxpy_runtime.a"


@check("1.7")
def dispatcher_picks_neon_on_aarch64(root: Path) -> CheckResult:
    """On aarch64 the dispatcher's default is the native NEON engine (here, or under qemu)."""
    if IS_AARCH64:
        chosen = _default_engine_in_a_clean_process()
        if chosen != "neon":
            return failed(f"on {MACHINE} the default engine is {chosen}, not neon")
        return passed(f"on {MACHINE} the default engine is neon")
    library = root / CROSS_RUNTIME
    compiler = native.find_tool("$AARCH64_CXX", "aarch64-linux-gnu-g++")
    qemu = native.find_tool("qemu-aarch64-static", "qemu-aarch64")
    dispatcher = [root / name for name in DISPATCHER_SOURCES if (root / name).exists()]
    newest = max((path.stat().st_mtime for path in dispatcher), default=0.0)
    if not library.is_file() or library.stat().st_mtime < newest:
        return not_run(
            f"this is {MACHINE}, and there is no aarch64 runtime newer than the dispatcher "
            f"({CROSS_RUNTIME}, which the cross build makes)",
            "bash ci/cross/run.sh aarch64",
        )
    if compiler is None or qemu is None:
        return not_installed(
            f"this is {MACHINE}, and aarch64-linux-gnu-g++ or qemu-aarch64 is missing",
            "bash ci/cross/run.sh aarch64",
        )
    with tempfile.TemporaryDirectory(prefix="dxpy-tasks-dispatch-") as scratch:
        source = Path(scratch) / "dispatch.cpp"
        program = Path(scratch) / "dispatch"
        source.write_text(DISPATCH_PROGRAM, encoding="utf-8")
        build = subprocess.run(
            [
                compiler,
                "-std=c++20",
                "-O1",
                f"-I{root / 'cpp'}",
                str(source),
                str(library),
                "-static",
                "-o",
                str(program),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if build.returncode != 0:
            return failed(
                f"linking a dispatcher probe against {CROSS_RUNTIME}: {build.stderr[-300:]}"
            )
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DXPY_ENGINE", "DXPY_CPU_DISABLE")
        }
        completed = subprocess.run(
            [qemu, str(program)],
            capture_output=True,
            text=True,
            env=environment,
            check=False,
            timeout=120,
        )
    answer = completed.stdout.strip()
    if completed.returncode != 0 or answer != "neon native":
        said = answer or completed.stderr[-200:]
        return failed(f"the aarch64 dispatcher under {Path(qemu).name} chose {said!r}")
    return passed(
        f"simd::default_build() of {CROSS_RUNTIME}, run under {Path(qemu).name} with no "
        "DXPY_ENGINE, chose neon (native)"
    )


@check("4.6")
def runtime_code_never_throws_or_aborts(root: Path) -> CheckResult:
    """No C++ exception, abort or exit in the runtime below the bindings."""
    pattern = re.compile(r"\b(throw|try|catch)\b|\b(abort|exit|std::terminate)\s*\(")
    found, files = [], 0
    for folder in RUNTIME_FOLDERS:
        for path in sorted((root / "cpp" / folder).rglob("*")):
            if path.suffix not in (".h", ".cpp", ".inc") or "bench" in path.parts:
                continue
            files += 1
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                code = line.split("//", 1)[0]
                if pattern.search(code):
                    found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    if found:
        return failed("; ".join(found[:5]))
    return passed(
        f"{files} C++ files of cpp/{{{','.join(RUNTIME_FOLDERS)}}} hold no throw, try, catch, "
        "abort, exit or std::terminate: failures are values the bindings turn into exceptions"
    )
