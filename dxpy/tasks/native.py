"""Looking at the machine code of an engine's kernels, for checks of instruction claims.

Each engine's kernels are one translation unit (``cpp/simd/<isa>/string_kernels.cpp``)
whose functions have internal linkage, and the installed module is stripped,
so the kernels are found in the object file of that translation unit: the one
CMake built (``build/*/cpp/CMakeFiles/dxpy_engine_<isa>_native.dir/...``) when it
is newer than its sources, else one compiled here with the flags
``cpp/CMakeLists.txt`` gives the engine (``DXPY_FLAGS_<isa>``). The object's
code for a function is then looked for, byte for byte (relocated bytes
excepted), in the module that ``dxpy`` imported, to say whether that module
holds exactly this code.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

_FUNCTION_HEADER = re.compile(r"^([0-9a-f]+) <(.+)>:$")
# Raw bytes as byte pairs (x86) or as one 32-bit word (AArch64, little-endian).
_INSTRUCTION = re.compile(r"^\s+([0-9a-f]+):\s+((?:[0-9a-f]{2} )+|[0-9a-f]{8} )?\s*(.*)$")
# With -w, objdump -r writes a relocation at the end of its instruction's line.
_INLINE_RELOCATION = re.compile(r"\s([0-9a-f]+):\s+(R_[A-Z0-9_]+)\s+(\S.*?)(?:[-+]0x[0-9a-f]+)?$")
_BRANCH_TARGET = re.compile(r"\b(?:call|jmp|bl|b)[\w.]*\s+[0-9a-f]+ <(.*?)(?:\+0x[0-9a-f]+)?>$")

# Sources whose change makes a built object stale, relative to cpp/.
_ENGINE_SOURCES = (
    "simd/{isa}/string_kernels.cpp",
    "simd/{isa}/vector.h",
    "simd/generic/string_kernels.h",
    "simd/string_kernels.h",
)


@dataclass
class Function:
    """One function of a disassembled object: name, instructions, raw bytes, relocations."""

    name: str
    address: int
    instructions: list[tuple[int, str]] = field(default_factory=list)
    code: bytearray = field(default_factory=bytearray)
    relocated: set[int] = field(default_factory=set)  # offsets into code
    relocation_symbols: dict[int, str] = field(default_factory=dict)  # address -> symbol

    def calls(self) -> set[str]:
        """Names of the other functions this one calls or tail-calls."""
        names = set()
        for address, text in self.instructions:
            match = _BRANCH_TARGET.search(text)
            if match is None:
                continue
            target = self.relocation_symbols.get(address, match.group(1))
            if target != self.name:
                names.add(target)
        return names


@dataclass
class ObjectCode:
    """An engine's kernel object: where it came from, and its functions."""

    path: Path
    origin: str  # how it was made, for the evidence
    functions: dict[str, Function]

    def function(self, pattern: str) -> Function | None:
        """The first function whose demangled name matches ``pattern`` (a regex)."""
        regex = re.compile(pattern)
        return next((f for name, f in self.functions.items() if regex.search(name)), None)

    def with_callees(self, function: Function) -> list[Function]:
        """``function`` and every function of this object it reaches by calls."""
        seen = {function.name: function}
        pending = [function]
        while pending:
            for name in pending.pop().calls():
                callee = self.functions.get(name)
                if callee is not None and name not in seen:
                    seen[name] = callee
                    pending.append(callee)
        return list(seen.values())


class ToolMissing(Exception):
    """A compiler or disassembler this check needs is not installed."""


def engine_flags(root: Path, isa: str) -> list[str]:
    """The compile flags ``cpp/CMakeLists.txt`` gives the native build of ``isa``."""
    text = (root / "cpp" / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(rf"set\(DXPY_FLAGS_{re.escape(isa)}\s+(.*?)\)", text)
    if match is None:
        raise ValueError(f"cpp/CMakeLists.txt sets no DXPY_FLAGS_{isa}")
    return [flag for flag in match.group(1).replace('"', " ").split() if flag]


def _newest_source_time(root: Path, isa: str) -> float:
    times = []
    for pattern in _ENGINE_SOURCES:
        path = root / "cpp" / pattern.format(isa=isa)
        if path.exists():
            times.append(path.stat().st_mtime)
    return max(times, default=0.0)


def built_objects(root: Path, isa: str, build_folders: str = "build/*") -> list[Path]:
    """CMake's objects of ``isa``'s native string kernels under ``build_folders``, newest first."""
    relative = f"cpp/CMakeFiles/dxpy_engine_{isa}_native.dir/simd/{isa}/string_kernels.cpp.o"
    found = [path for folder in root.glob(build_folders) for path in [folder / relative]]
    found += list(root.glob(f"{build_folders}/**/{relative}"))
    unique = {path.resolve() for path in found if path.is_file()}
    return sorted(unique, key=lambda path: path.stat().st_mtime, reverse=True)


def compile_engine_object(root: Path, isa: str, compiler: str, folder: Path) -> Path:
    """Compile ``isa``'s string kernels natively, as CMake does, into ``folder``."""
    source = root / "cpp" / "simd" / isa / "string_kernels.cpp"
    output = folder / f"{isa}_string_kernels.o"
    command = [
        compiler,
        "-std=c++20",
        "-O3",
        "-DNDEBUG",
        "-fPIC",
        f"-I{root / 'cpp'}",
        f"-DDXPY_ISA_NAMESPACE={isa}_native",
        "-Wno-psabi",
        *engine_flags(root, isa),
        "-c",
        str(source),
        "-o",
        str(output),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {completed.stderr.strip()[-500:]}")
    return output


def find_tool(*names: str) -> str | None:
    """The first of ``names`` found on PATH (an environment variable may name it first)."""
    for name in names:
        if name.startswith("$"):
            value = os.environ.get(name[1:])
            if value and shutil.which(value):
                return shutil.which(value)
            continue
        found = shutil.which(name)
        if found:
            return found
    return None


def disassemble(path: Path, objdump: str, origin: str) -> ObjectCode:
    """The functions of the object at ``path``: instructions, raw bytes and relocations."""
    completed = subprocess.run(
        [objdump, "-d", "-r", "-C", "-w", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{objdump} -d {path} failed: {completed.stderr.strip()[-300:]}")
    functions: dict[str, Function] = {}
    current: Function | None = None
    for line in completed.stdout.splitlines():
        header = _FUNCTION_HEADER.match(line)
        if header:
            current = Function(name=header.group(2), address=int(header.group(1), 16))
            functions.setdefault(current.name, current)
            continue
        if current is None:
            continue
        instruction = _INSTRUCTION.match(line)
        if instruction:
            address = int(instruction.group(1), 16)
            raw = instruction.group(2) or ""
            text = instruction.group(3).strip()
            offset = address - current.address
            raw_bytes = bytes.fromhex(raw.replace(" ", ""))
            if offset == len(current.code):
                current.code += raw_bytes[::-1] if " " not in raw.strip() else raw_bytes
            relocation = _INLINE_RELOCATION.search(text)
            if relocation:
                # The relocated field is a wildcard: the linker fills it in.
                field_offset = int(relocation.group(1), 16) - current.address
                width = 8 if relocation.group(2).endswith("_64") else 4
                current.relocated.update(range(field_offset, field_offset + width))
                current.relocation_symbols[address] = relocation.group(3)
                text = text[: relocation.start()].strip()
            current.instructions.append((address, text))
    return ObjectCode(path=path, origin=origin, functions=functions)


def locate_in_module(function: Function, module: Path) -> int | None:
    """Where the function's bytes lie in ``module`` (relocated bytes may differ), or None."""
    code = bytes(function.code)
    if len(code) < 16:
        return None
    pattern = b"".join(
        b"." if index in function.relocated else re.escape(code[index : index + 1])
        for index in range(len(code))
    )
    match = re.compile(pattern, re.DOTALL).search(module.read_bytes())
    return None if match is None else match.start()


def short_name(name: str) -> str:
    """``find`` for ``dxpy::simd::avx512_native::(anonymous namespace)::find(...)``."""
    name = name.replace("(anonymous namespace)", "")
    while True:  # drop template arguments, innermost first
        shorter = re.sub(r"<[^<>]*>", "", name)
        if shorter == name:
            break
        name = shorter
    return name.split("(")[0].split()[-1].split("::")[-1]


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.resolve()))
    except ValueError:
        return str(path)


def engine_objects(
    root: Path, isa: str, compiler: str | None, build_folders: str = "build/*"
) -> list[tuple[Path, str]]:
    """Objects of ``isa``'s kernels to look at: CMake's fresh ones, newest first, or a new one.

    Each comes as ``(path, origin)``. A new one is compiled into a scratch folder
    that lives as long as this process. Raises :class:`ToolMissing` when there
    is neither a fresh built object nor a compiler.
    """
    newest_source = _newest_source_time(root, isa)
    built = [
        (path, f"{_shown(path, root)} (CMake's object)")
        for path in built_objects(root, isa, build_folders)
        if path.stat().st_mtime >= newest_source
    ]
    if built:
        return built
    if compiler is None:
        raise ToolMissing(f"no built {isa} object newer than its sources and no compiler")
    folder = Path(tempfile.mkdtemp(prefix=f"dxpy-tasks-{isa}-"))
    _SCRATCH_FOLDERS.append(folder)
    path = compile_engine_object(root, isa, compiler, folder)
    flags = " ".join(engine_flags(root, isa)) or "no extra flags"
    origin = f"cpp/simd/{isa}/string_kernels.cpp compiled by {Path(compiler).name} ({flags})"
    return [(path, origin)]


_SCRATCH_FOLDERS: list[Path] = []


@atexit.register
def _remove_scratch_folders() -> None:
    for folder in _SCRATCH_FOLDERS:
        shutil.rmtree(folder, ignore_errors=True)
