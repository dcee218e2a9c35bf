"""Generated programs (hypothesmith, from the grammar and from libCST nodes):
dxpy.parse and ast.parse agree, in acceptance and dump; and
ast.unparse(dxpy.parse(s)) is CPython's own unparse, which parses back to
the same tree wherever CPython's round trip does.
"""

from __future__ import annotations

import ast
import os
import warnings

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from parse_outcomes import describe_mismatch, oracle_parse, outcome

import dxpy

pytestmark = [pytest.mark.task("10.4"), pytest.mark.task("10.7")]

# hypothesmith's strategies are slow to draw from (from_node about 2 s a
# program here): bounded counts, more with the thorough profile.
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
FROM_GRAMMAR = settings(
    max_examples=1000 if THOROUGH else 60, suppress_health_check=list(HealthCheck)
)
FROM_NODE = settings(max_examples=300 if THOROUGH else 15, suppress_health_check=list(HealthCheck))


def _agree(source: str) -> None:
    expected = outcome(oracle_parse, source)
    actual = outcome(dxpy.parse, source)
    assert describe_mismatch(expected, actual) is None, describe_mismatch(expected, actual)
    if expected.accepted:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ours, theirs = ast.unparse(actual.tree), ast.unparse(expected.tree)
            assert ours == theirs
            reparsed = ast.dump(ast.parse(ours))
            if ast.dump(ast.parse(theirs)) == ast.dump(expected.tree):
                assert reparsed == ast.dump(expected.tree)


@FROM_GRAMMAR
@given(hypothesmith.from_grammar())
def test_programs_from_the_grammar(source):
    _agree(source)


@FROM_NODE
@given(hypothesmith.from_node())
def test_programs_from_libcst_nodes(source):
    _agree(source)
