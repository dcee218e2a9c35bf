"""No stdlib file that dxpy.parse gets right stops being right: every .py
file of the host CPython's Lib/ outside known_differences.py parses to
ast.parse's tree (or fails with its error, in full).

The property itself, every file with no exception, is check_stdlib_parse.py
(run by hand until the parser passes it); the known differences are listed
with their kind, and each shard's figures go to reports/parser/stdlib/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from known_differences import KNOWN_STDLIB_DIFFERENCES
from parse_outcomes import (
    describe_mismatch,
    oracle_parse,
    outcome,
    shards,
    stdlib_files,
    stdlib_root,
)

import dxpy

SHARD_COUNT = 16
FILES = stdlib_files()
RECORD_DIR = Path("reports") / "parser" / "stdlib"


def _relative(path: Path) -> str:
    return str(path.relative_to(stdlib_root()))


@pytest.mark.parametrize("shard", range(SHARD_COUNT))
def test_no_stdlib_file_outside_the_known_list_differs(shard):
    files = list(shards(FILES, SHARD_COUNT))[shard]
    differing, fixed = {}, []
    for path in files:
        source = path.read_bytes()
        mismatch = describe_mismatch(
            outcome(oracle_parse, source, str(path)), outcome(dxpy.parse, source, str(path))
        )
        name = _relative(path)
        if mismatch is not None:
            differing[name] = mismatch
        elif name in KNOWN_STDLIB_DIFFERENCES:
            fixed.append(name)
    RECORD_DIR.mkdir(parents=True, exist_ok=True)
    (RECORD_DIR / f"shard-{shard}.json").write_text(
        json.dumps(
            {
                "files": len(files),
                "identical": len(files) - len(differing),
                "bytes": sum(path.stat().st_size for path in files),
                "differing": sorted(differing),
                "fixed_since_listed": fixed,
            },
            indent=2,
        )
    )
    regressions = {
        name: why for name, why in differing.items() if name not in KNOWN_STDLIB_DIFFERENCES
    }
    assert not regressions, "\n".join(
        f"{name}: {why}" for name, why in list(regressions.items())[:5]
    )
