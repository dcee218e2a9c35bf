#!/usr/bin/env python3
"""Evidence that the aarch64 probe's NEON find kernel really is NEON.

Properties see answers, not instructions: a "neon" engine that compared one
byte at a time would pass them all. This check reads the probe executable
that the qemu properties ran:

1. the ``find`` entry of ``neon_native::kStringKernels`` (the table the probe
   calls through) points at the function it names;
2. that function, with the neon_native functions it calls, compares 16-byte
   vectors: ``cmeq vD.16b, vN.16b, vM.16b`` (or against ``#0``).

It prints the evidence lines and exits 1 when either does not hold.

    python3 ci/cross/check_neon_find.py build/cross-aarch64/cpp/probe/dxpy_probe
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

OBJDUMP = "aarch64-linux-gnu-objdump"
NM = "aarch64-linux-gnu-nm"
TABLE = "dxpy::simd::neon_native::kStringKernels"
FIND = (
    "dxpy::simd::neon_native::(anonymous namespace)::find"
    "(unsigned char const*, unsigned long, unsigned char const*, unsigned long)"
)
VECTOR_COMPARE = re.compile(r"\bcmeq\s+v\d+\.16b,\s*v\d+\.16b,\s*(v\d+\.16b|#0)")
FUNCTION_START = re.compile(r"^([0-9a-f]+) <(.*)>:$")
CALL = re.compile(r"\bbl\s+([0-9a-f]+) <(.*)>")


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def functions(disassembly: str) -> dict[str, tuple[int, list[str]]]:
    """Demangled name -> (address, instruction lines)."""
    found: dict[str, tuple[int, list[str]]] = {}
    current: list[str] | None = None
    for line in disassembly.splitlines():
        start = FUNCTION_START.match(line)
        if start:
            current = []
            found[start.group(2)] = (int(start.group(1), 16), current)
        elif current is not None and line.strip():
            current.append(line.strip())
    return found


def table_entry(probe: str, symbol: str) -> int:
    """The first pointer of ``symbol`` (the table's find member), read from the file."""
    address = next(
        int(line.split()[0], 16)
        for line in run(NM, "-C", probe).splitlines()
        if line.endswith(" " + symbol)
    )
    dump = run(
        OBJDUMP, "-s", f"--start-address={address:#x}", f"--stop-address={address + 8:#x}", probe
    )
    row = f" {address:x} "
    words = next(line.split()[1:3] for line in dump.splitlines() if line.startswith(row))
    return int.from_bytes(bytes.fromhex("".join(words)), "little")


def main(probe: str) -> int:
    if shutil.which(OBJDUMP) is None:
        print(f"check_neon_find: {OBJDUMP} is missing (apt-get install binutils-aarch64-linux-gnu)")
        return 1
    try:
        code = functions(run(OBJDUMP, "-d", "-C", "--no-show-raw-insn", probe))
    except subprocess.CalledProcessError as error:
        print(f"check_neon_find: {OBJDUMP} cannot read {probe}: {error.stderr.strip()}")
        return 1
    if FIND not in code:
        print(f"check_neon_find: no function {FIND} in {probe}")
        return 1
    find_address, _ = code[FIND]
    table_find = table_entry(probe, TABLE)
    print(f"{TABLE}.find -> {table_find:#x}; {FIND} is at {find_address:#x}")
    if table_find != find_address:
        print("check_neon_find: the table's find is not the NEON find function")
        return 1
    # The kernel and the neon_native helpers it calls (memcmp and the like are not NEON's).
    reached, pending = [], [FIND]
    while pending:
        name = pending.pop()
        if name in reached or name not in code:
            continue
        reached.append(name)
        for line in code[name][1]:
            call = CALL.search(line)
            if call and "neon_native::" in call.group(2):
                pending.append(call.group(2))
    evidence = [
        (name, line) for name in reached for line in code[name][1] if VECTOR_COMPARE.search(line)
    ]
    print(f"{len(evidence)} NEON compares of 16-byte vectors in find and its NEON callees:")
    for name, line in evidence[:8]:
        print(f"  {line}    [{name.split('::')[-1].split('(')[0]}]")
    if not evidence:
        print("check_neon_find: find compares no 16-byte vectors: it is not NEON code")
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    sys.exit(main(sys.argv[1]))
