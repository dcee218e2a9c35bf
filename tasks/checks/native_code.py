"""Checks of the instructions the engines' kernels really contain.

A property test sees answers, not instructions: an "AVX-512" engine that
compared 16 bytes at a time with SSE would pass every test. These checks read
the machine code of the find and eq kernels (the function and everything it
calls in its translation unit) and require the instruction set's own compare:

* AVX-512: a byte compare of a 64-byte ``zmm`` register into an opmask register
  ``k0``-``k7`` (``vpcmpeqb``/``vpcmpb``/``vpcmpub``/``vpcmpneqb``);
* NEON: a byte compare of a 16-byte vector (``cmeq vN.16b``).

x86 objects come from the build (or are compiled here with CMake's flags) and
are matched byte for byte in the module ``dxpy`` imported; the aarch64 object
comes from the cross build (``build/cross-aarch64``) or from
``aarch64-linux-gnu-g++``.
"""

from __future__ import annotations

import platform
import re
import subprocess
import sys
from pathlib import Path

import dxpy
from dxpy.tasks import native
from dxpy.tasks.registry import (
    CORROBORATION,
    CheckResult,
    check,
    failed,
    not_installed,
    not_run,
    passed,
    unverifiable,
)

FIND = r"::find\(unsigned char const\*, unsigned long, unsigned char const\*, unsigned long\)$"
EQUAL = r"::equal\(unsigned char const\*, unsigned char const\*, unsigned long\)$"

AVX512_MASK_COMPARE = re.compile(r"^vpcmp(?:eq|neq|n?lt|n?le|u)?b\s.*%zmm\d+.*,%k[0-7]\b")
NEON_VECTOR_COMPARE = re.compile(r"^cmeq\s+v\d+\.16b,\s*v\d+\.16b,\s*(?:v\d+\.16b|#0)")

IS_X86_64 = platform.machine().lower() in ("x86_64", "amd64")
IS_AARCH64 = platform.machine().lower() in ("aarch64", "arm64")


def _module_path() -> Path:
    return Path(dxpy._native.__file__).resolve()


def _compares(code: native.ObjectCode, function_pattern: str, isa: str, instruction: re.Pattern):
    """The kernel, what it reaches by calls, and their instructions matching ``instruction``."""
    function = code.function(rf"{isa}_native::.*{function_pattern}")
    if function is None:
        return None, [], []
    reached = code.with_callees(function)
    hits = [
        " ".join(text.split())
        for body in reached
        for _, text in body.instructions
        if instruction.search(" ".join(text.split()))
    ]
    return function, reached, hits


def _describe(function, reached, hits, origin: str) -> str:
    callees = [native.short_name(body.name) for body in reached if body is not function]
    where = native.short_name(function.name)
    if callees:
        where += f" (and its callees {', '.join(callees)})"
    mnemonics = sorted({hit.split()[0] for hit in hits})
    return f"{len(hits)} x {'/'.join(mnemonics)} in {where}, e.g. `{hits[0]}`; {origin}"


def _avx512_kernel(root: Path, function_pattern: str, what: str) -> CheckResult:
    if not IS_X86_64:
        machine = platform.machine()
        return unverifiable(f"the native avx512 engine is built on x86-64 only, not {machine}")
    objdump = native.find_tool("$OBJDUMP", "objdump", "llvm-objdump")
    if objdump is None:
        return not_installed("no objdump to disassemble with", "apt-get install binutils")
    compiler = native.find_tool("$CXX", "c++", "g++", "clang++")
    try:
        candidates = native.engine_objects(root, "avx512", compiler)
    except native.ToolMissing as missing:
        return not_installed(str(missing), "apt-get install g++ binutils")
    module = Path(dxpy._native.__file__).resolve()
    first = None
    # The object whose code the imported module holds is the kernel that runs; CMake may
    # have built several (a sanitizer build, a wheel build), so each is tried.
    for path, origin in candidates:
        code = native.disassemble(path, objdump, origin)
        function, reached, hits = _compares(code, function_pattern, "avx512", AVX512_MASK_COMPARE)
        if first is None:
            first = (function, reached, hits, origin)
        if function is None:
            continue
        offset = native.locate_in_module(function, module)
        if offset is not None:
            if not hits:
                return failed(
                    f"{what} in {module.name} (code of {origin}) holds no byte compare of zmm "
                    "into a k register"
                )
            where = f"the same code is in {module.name} at file offset {offset:#x}"
            return passed(f"{_describe(function, reached, hits, origin)}; {where}")
    function, reached, hits, origin = first
    if function is None:
        return failed(f"no avx512_native {what} function in {origin}")
    if not hits:
        return failed(f"{what} holds no byte compare of zmm into a k register; {origin}")
    note = f"no object's code is in {module.name}, which was built from other sources or flags"
    return passed(f"{_describe(function, reached, hits, origin)}; {note}")


@check("2.2")
def avx512_find_compares_64_bytes_into_mask_registers(root: Path) -> CheckResult:
    """The native avx512 find kernel compares 64 bytes at a time into opmask registers."""
    return _avx512_kernel(root, FIND, "find")


@check("2.3")
def avx512_eq_compares_64_bytes_into_mask_registers(root: Path) -> CheckResult:
    """The native avx512 eq kernel compares 64 bytes at a time into opmask registers."""
    return _avx512_kernel(root, EQUAL, "equal")


def _neon_kernel(root: Path, function_pattern: str, what: str) -> CheckResult:
    """The aarch64 object of the NEON kernels: the cross build's, the native build's, or new."""
    if IS_AARCH64:
        objdump = native.find_tool("$OBJDUMP", "objdump", "llvm-objdump")
        compiler = native.find_tool("$CXX", "c++", "g++")
        folders = "build/*"
    else:
        objdump = native.find_tool("$AARCH64_OBJDUMP", "aarch64-linux-gnu-objdump", "llvm-objdump")
        compiler = native.find_tool("$AARCH64_CXX", "aarch64-linux-gnu-g++")
        folders = "build/cross-aarch64*"
    if objdump is None:
        return not_installed(
            "no aarch64 disassembler (aarch64-linux-gnu-objdump, llvm-objdump)",
            "bash ci/cross/run.sh aarch64",
        )
    try:
        path, origin = native.engine_objects(root, "neon", compiler, folders)[0]
    except native.ToolMissing:
        return not_run(
            "no aarch64 toolchain (aarch64-linux-gnu-g++) and no fresh cross build under "
            "build/cross-aarch64",
            "bash ci/cross/run.sh aarch64",
        )
    code = native.disassemble(path, objdump, origin)
    function, reached, hits = _compares(code, function_pattern, "neon", NEON_VECTOR_COMPARE)
    if function is None:
        return failed(f"no neon_native {what} function in {origin}")
    if not hits:
        return failed(f"{what} (and what it calls) holds no 16-byte cmeq; {origin}")
    return passed(_describe(function, reached, hits, origin))


@check("1.2")
def neon_find_compares_16_byte_vectors(root: Path) -> CheckResult:
    """The aarch64 build's NEON find kernel compares 16-byte vectors (cmeq .16b)."""
    return _neon_kernel(root, FIND, "find")


@check("1.3")
def neon_eq_compares_16_byte_vectors(root: Path) -> CheckResult:
    """The aarch64 build's NEON eq kernel compares 16-byte vectors (cmeq .16b)."""
    return _neon_kernel(root, EQUAL, "equal")


PROBE = "build/cross-aarch64/cpp/probe/dxpy_probe"
PROBE_CHECK = "ci/cross/check_neon_find.py"


@check("1.2", kind=CORROBORATION)
def neon_find_of_the_qemu_probe_compares_16_byte_vectors(root: Path) -> CheckResult:
    """ci/cross's own check: the aarch64 probe's kernel table points at a NEON find."""
    script, probe = root / PROBE_CHECK, root / PROBE
    if not script.is_file():
        return unverifiable(f"{PROBE_CHECK} is not in this tree")
    if not probe.is_file():
        return not_run(
            f"no aarch64 probe ({PROBE}); ci/cross builds it", "bash ci/cross/run.sh aarch64"
        )
    completed = subprocess.run(
        [sys.executable, str(script), str(probe)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    output = " ".join((completed.stdout + completed.stderr).split())
    if completed.returncode != 0:
        return failed(f"{PROBE_CHECK} {PROBE}: {output[-400:]}")
    return passed(f"{PROBE_CHECK} {PROBE}: {output[:400]}")
