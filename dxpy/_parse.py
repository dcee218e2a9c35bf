"""dxpy.parse: Python source to CPython ``ast`` nodes, by dxpy's own parser.

The arguments are checked as ``compile()`` checks them, in its order
(filename, then mode's type, then its value, then the source's type), so a
wrong call raises what ``ast.parse`` raises; the parsing and the building of
the nodes are C++ (cpp/parser, cpp/bindings/ast_convert*).
"""

from __future__ import annotations

import ast
import os
from typing import Any

from dxpy import _native

_MODES = {"exec": 0, "eval": 1, "single": 2, "func_type": 3}


def parse(source: Any, filename: Any = "<unknown>", mode: str = "exec") -> ast.AST:
    """Parse ``source`` (str, bytes or any bytes-like object) as ``ast.parse`` does.

    Returns the same tree ``ast.parse(source, filename, mode)`` returns, node
    for node and position for position, or raises the same SyntaxError
    (IndentationError, TabError), MemoryError or RecursionError.
    """
    filename = _filename(filename)
    if not isinstance(mode, str):
        raise TypeError(f"compile() argument 'mode' must be str, not {type(mode).__name__}")
    if mode not in _MODES:
        raise ValueError("compile() mode must be 'exec', 'eval', 'single' or 'func_type'")
    if isinstance(source, ast.AST):
        # compile()'s contract for a tree (checked against the mode, returned
        # as is): nothing to parse, so CPython's own handling is the answer.
        return compile(source, filename, mode, ast.PyCF_ONLY_AST, dont_inherit=True)
    if not isinstance(source, (str, bytes)):
        source = _buffer_bytes(source)
    return _native.parse_source(source, filename, _MODES[mode])


def _filename(filename: Any) -> str:
    # compile() takes its filename through PyUnicode_FSDecoder: str, bytes or
    # os.PathLike (bytearray too, as bytes).
    if isinstance(filename, (bytearray, memoryview)):
        filename = bytes(filename)
    if isinstance(filename, (str, bytes)) or hasattr(filename, "__fspath__"):
        return os.fsdecode(filename)
    raise TypeError(f"expected str, bytes or os.PathLike object, not {type(filename).__name__}")


def _buffer_bytes(source: Any) -> bytes:
    try:
        view = memoryview(source)
    except TypeError:
        view = None
    if view is None or not view.c_contiguous:
        raise TypeError("compile() arg 1 must be a string, bytes or AST object")
    with view:
        return view.tobytes()
