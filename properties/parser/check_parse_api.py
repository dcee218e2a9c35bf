"""dxpy.parse's arguments are taken as ast.parse (compile()) takes them:
str, bytes and other bytes-like sources; str, bytes and path-like filenames;
the four modes; and for anything else the exception compile() raises."""

from __future__ import annotations

import array
import ast
import pathlib

import pytest
from parse_outcomes import describe_mismatch, oracle_parse, outcome

import dxpy

pytestmark = [pytest.mark.task("10.4")]

SOURCE = "x = 1 (\n"
CALLS = [
    ((b"x = 1\n",), {}),
    ((bytearray(b"x = 1\n"),), {}),
    ((memoryview(b"x = 1\n"),), {}),
    ((array.array("b", b"x = 1\n"),), {}),
    ((memoryview(b"x = 1\n")[::2],), {}),
    ((1,), {}),
    ((None,), {}),
    ((SOURCE,), {"filename": b"bytes.py"}),
    ((SOURCE,), {"filename": pathlib.Path("path.py")}),
    ((SOURCE,), {"filename": bytearray(b"array.py")}),
    ((SOURCE,), {"filename": 1}),
    (("x",), {"mode": "eval"}),
    (("x = 1",), {"mode": "single"}),
    (("(int, str) -> None",), {"mode": "func_type"}),
    (("x",), {"mode": "bogus"}),
    (("x",), {"mode": 1}),
    ((1,), {"mode": "bogus"}),
    ((1,), {"filename": 1, "mode": 1}),
    (("'\ud800'",), {}),
    ((ast.parse("x"),), {}),
    ((ast.parse("x"),), {"mode": "eval"}),
]


def _outcome_of(parse, args, kwargs):
    try:
        return ("tree", ast.dump(parse(*args, **kwargs), include_attributes=True))
    except Exception as error:  # the class and message are what is compared
        return (type(error).__name__, str(error), getattr(error, "args", None))


def _call_id(index: int, call) -> str:
    (source, *_), kwargs = call
    shown = repr(source)[:24] if isinstance(source, (str, bytes, int)) else type(source).__name__
    return f"{index}-{shown}-{'-'.join(f'{k}={v!r}'[:30] for k, v in kwargs.items())}"


@pytest.mark.parametrize(
    ("args", "kwargs"), CALLS, ids=[_call_id(i, call) for i, call in enumerate(CALLS)]
)
def test_arguments_as_compile_takes_them(args, kwargs):
    assert _outcome_of(dxpy.parse, args, kwargs) == _outcome_of(ast.parse, args, kwargs)


@pytest.mark.parametrize("mode", ["exec", "eval", "single", "func_type"])
@pytest.mark.parametrize("source", ["x", "x = 1\n", "(a) -> b", "if x:\n    pass\n", ""])
def test_every_mode(mode, source):
    expected = outcome(oracle_parse, source, "<unknown>", mode)
    actual = outcome(dxpy.parse, source, "<unknown>", mode)
    assert describe_mismatch(expected, actual) is None


def test_positional_and_keyword_arguments_as_ast_parse():
    assert ast.dump(dxpy.parse("x", "f.py", "eval")) == ast.dump(ast.parse("x", "f.py", "eval"))
    assert ast.dump(dxpy.parse(source="x", filename="f.py", mode="eval")) == ast.dump(
        ast.parse(source="x", filename="f.py", mode="eval")
    )
