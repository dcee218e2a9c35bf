"""Hostile input never crashes or hangs dxpy's parser, and ends as CPython's
does: random bytes, invalid UTF-8, 10,000 nested brackets, deep nesting of
every expression form and of blocks, a million-line file, a 100 MB file.

Each input is parsed in a child process (hostile_inputs.py) under a timeout,
by CPython and by dxpy: the outcomes (class and message, and a digest of the
whole tree when one is built) must be equal. The 100 MB file is parsed into
the C++ arena only (an ast tree of it would take CPython minutes and
gigabytes); its expected outcome is CPython's on the chunk it repeats, and
its memory must grow linearly (100 MB costs at most 12x what 10 MB costs).
"""

from __future__ import annotations

import ast

import pytest
from hostile_inputs import LARGE_CHUNK
from hostile_runs import parse_in_child

pytestmark = [pytest.mark.task("10.4"), pytest.mark.task("10.7")]

DEPTHS = (100, 1_000, 3_000, 10_000, 100_000)
NESTING = [
    "parens",
    "brackets",
    "braces",
    "unclosed_parens",
    "unary_minus",
    "not",
    "additions",
    "powers",
    "comparisons",
    "conditionals",
    "lambdas",
    "awaits",
    "attributes",
    "subscripts",
    "calls",
    "tuple_items",
    "string_concatenation",
]
CASE_GROUPS = {
    "nesting": [f"{name}:{depth}" for name in NESTING for depth in DEPTHS],
    "blocks": [
        f"{name}:{depth}" for name in ("blocks", "functions") for depth in (98, 99, 100, 101)
    ],
    "random_bytes": [f"random_bytes:{seed}" for seed in range(300)],
    "invalid_utf8": [f"invalid_utf8:{seed}" for seed in range(60)],
    "large": ["million_lines", "million_lines_error_at_end", "statements:200000"],
}


def _comparable(result: dict) -> tuple:
    return (result["error"], result.get("lineno"), result.get("tree_sha256"))


@pytest.mark.parametrize("group", list(CASE_GROUPS))
def test_hostile_inputs_end_as_in_cpython(group):
    cases = CASE_GROUPS[group]
    expected = parse_in_child("ast", cases, timeout=600)
    actual = parse_in_child("dxpy", cases, timeout=300)
    differ = [
        f"{case}: CPython {_comparable(expected[case])}, dxpy {_comparable(actual[case])}"
        for case in cases
        if _comparable(expected[case]) != _comparable(actual[case])
    ]
    assert not differ, f"{len(differ)} of {len(cases)} differ:\n" + "\n".join(differ[:10])


def test_a_100_megabyte_file_parses_in_linear_memory():
    ast.parse(LARGE_CHUNK)  # the oracle: the chunk it repeats is a valid module
    growth = {}
    for size in (10, 100):  # a child each: a peak RSS is the process's
        results = parse_in_child("dxpy-arena", [f"megabytes:{size}"], timeout=300)
        result = results[f"megabytes:{size}"]
        assert result["error"] is None, result
        growth[size] = result["peak_rss_bytes"] - results["baseline"]["baseline_rss_bytes"]
    assert growth[100] <= 12 * max(growth[10], 1), growth
