"""Every .py file of the host CPython's Lib/ parses with dxpy.parse to the
tree ast.parse gives (ast.dump with attributes, equal), and every file CPython
rejects is rejected with the same error in full.

The whole library, in shards (pytest -n spreads them); each shard's figures
go to reports/parser/stdlib-check/shard-N.json for the report. The dump itself is
compared literally on a fixed sample; elsewhere trees_equal decides the same
equality faster (parse_outcomes.py says why it is the same).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from parse_outcomes import (
    describe_mismatch,
    dump,
    oracle_parse,
    outcome,
    shards,
    stdlib_files,
    stdlib_root,
)

import dxpy

pytestmark = [pytest.mark.task("10.4"), pytest.mark.task("10.7")]

SHARD_COUNT = 16
FILES = stdlib_files()
RECORD_DIR = Path("reports") / "parser" / "stdlib-check"


def _compare(path: Path) -> tuple[bool, str | None]:
    source = path.read_bytes()
    expected = outcome(oracle_parse, source, str(path))
    actual = outcome(dxpy.parse, source, str(path))
    return expected.accepted, describe_mismatch(expected, actual)


def test_the_library_is_all_there():
    # 3.11's Lib/ holds about 1,800 .py files; a broken discovery must not pass.
    assert len(FILES) > 1500
    assert sum(path.stat().st_size for path in FILES) > 25_000_000


@pytest.mark.parametrize("shard", range(SHARD_COUNT))
def test_every_stdlib_file_parses_as_cpython_parses_it(shard):
    files = list(shards(FILES, SHARD_COUNT))[shard]
    mismatches, rejected = [], 0
    for path in files:
        accepted, mismatch = _compare(path)
        rejected += not accepted
        if mismatch is not None:
            mismatches.append(f"{path.relative_to(stdlib_root())}: {mismatch}")
    RECORD_DIR.mkdir(parents=True, exist_ok=True)
    (RECORD_DIR / f"shard-{shard}.json").write_text(
        json.dumps(
            {
                "files": len(files),
                "identical": len(files) - len(mismatches),
                "rejected_by_cpython": rejected,
                "bytes": sum(path.stat().st_size for path in files),
                "mismatches": mismatches[:20],
            },
            indent=2,
        )
    )
    assert not mismatches, f"{len(mismatches)} of {len(files)} files differ:\n" + "\n".join(
        mismatches[:5]
    )


SAMPLE = FILES[::40]


@pytest.mark.parametrize("path", SAMPLE, ids=[str(p.relative_to(stdlib_root())) for p in SAMPLE])
def test_the_dump_itself_is_equal_on_a_sample(path):
    source = path.read_bytes()
    expected = outcome(oracle_parse, source, str(path))
    actual = outcome(dxpy.parse, source, str(path))
    if expected.accepted:
        assert actual.tree is not None, actual.error
        assert dump(actual.tree) == dump(expected.tree)
    else:
        assert actual.error == expected.error
