"""The hand-written corpus (syntax_error_corpus.py): for every specialised
message of CPython 3.11, dxpy.parse raises what ast.parse raises, in full:
class, msg, lineno, offset, end_lineno, end_offset and text.

(test_parser_harness.py holds that each case really makes its message in
CPython, and that every message has a case.)
"""

from __future__ import annotations

import pytest
from parse_outcomes import oracle_parse, outcome
from syntax_error_corpus import CASES

import dxpy

pytestmark = [pytest.mark.task("10.5"), pytest.mark.task("10.7")]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_dxpy_raises_cpythons_error_in_full(case):
    expected = outcome(oracle_parse, case.source, "<case>", case.mode)
    actual = outcome(dxpy.parse, case.source, "<case>", case.mode)
    assert expected.error is not None and expected.error.msg == case.message
    assert actual.error == expected.error


@pytest.mark.parametrize("case", CASES[:20], ids=[case.id for case in CASES[:20]])
def test_the_exception_carries_cpythons_args(case):
    # Beyond the fields: the args tuple and the filename, as CPython builds them.
    def raised(parse):
        try:
            parse(case.source, "file.py", case.mode)
        except (SyntaxError, MemoryError, RecursionError, ValueError) as error:
            return type(error), error.args, getattr(error, "filename", None)
        raise AssertionError("accepted")

    assert raised(dxpy.parse) == raised(oracle_parse)
