"""What a parse of one source gives, in a form two parsers can be compared in.

The oracle is ``ast.parse`` of the CPython running the tests; the candidate is
``dxpy.parse``. Both are called through :func:`outcome`, which turns either
result into an :class:`Outcome`: the tree, or the error with every field
CPython's SyntaxError exposes (class, msg, lineno, offset, end_lineno,
end_offset, text).

Comparing trees: the property is ``ast.dump(tree, include_attributes=True)``
equality. Dumping is slow (pure Python, about 0.4 s per MB of source here),
so :func:`trees_equal` first compares the trees' pickles (C, about five times
faster). Equal pickles imply equal dumps: a pickle holds every node's type and
its whole ``__dict__`` (fields and positions), values exactly. The converse
does not hold (pickle also records which objects are shared: an interned name
used twice), so unequal pickles are settled by the dumps themselves. The
answer is therefore always the dump equality; only its cost varies.
"""

from __future__ import annotations

import ast
import pickle
import sysconfig
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Parse = Callable[..., ast.AST]

# The exception classes a parse may end in, as CPython's parser raises them;
# anything else is reported by class name and message.
ERROR_FIELDS = ("msg", "lineno", "offset", "end_lineno", "end_offset", "text")


@dataclass(frozen=True)
class ParseError:
    """A parse that raised: the class and every SyntaxError field."""

    cls: str
    msg: str
    lineno: int | None = None
    offset: int | None = None
    end_lineno: int | None = None
    end_offset: int | None = None
    text: str | None = None

    @classmethod
    def from_exception(cls, error: BaseException) -> ParseError:
        if isinstance(error, SyntaxError):
            return cls(type(error).__name__, *(getattr(error, f) for f in ERROR_FIELDS))
        return cls(type(error).__name__, str(error))

    def brief(self) -> tuple[str, str, int | None, int | None]:
        """(class, msg, lineno, offset): what error parity's 90% figure holds."""
        return (self.cls, self.msg, self.lineno, self.offset)


@dataclass(frozen=True)
class Outcome:
    tree: ast.AST | None = None
    error: ParseError | None = None

    @property
    def accepted(self) -> bool:
        return self.error is None


def outcome(
    parse: Parse, source: str | bytes, filename: str = "<unknown>", mode: str = "exec"
) -> Outcome:
    """Parse with warnings silenced (both parsers warn alike; errors are the subject)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return Outcome(tree=parse(source, filename, mode))
        except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError) as error:
            return Outcome(error=ParseError.from_exception(error))


def dump(tree: ast.AST) -> str:
    return ast.dump(tree, include_attributes=True)


def trees_equal(expected: ast.AST, actual: ast.AST) -> bool:
    """``dump(expected) == dump(actual)``, through the pickles when they agree."""
    if pickle.dumps(expected, pickle.HIGHEST_PROTOCOL) == pickle.dumps(
        actual, pickle.HIGHEST_PROTOCOL
    ):
        return True
    return dump(expected) == dump(actual)


def first_difference(expected: ast.AST, actual: ast.AST) -> str:
    """Where two dumps first differ, with some context, for a readable failure."""
    left, right = dump(expected), dump(actual)
    index = next(
        (i for i, (a, b) in enumerate(zip(left, right, strict=False)) if a != b),
        min(len(left), len(right)),
    )
    start = max(0, index - 120)
    return (
        f"dumps differ at character {index}:\n"
        f"  ast.parse:  ...{left[start : index + 120]}\n"
        f"  dxpy.parse: ...{right[start : index + 120]}"
    )


def describe_mismatch(expected: Outcome, actual: Outcome) -> str | None:
    """None when the outcomes agree (same dump, or the same error in full)."""
    if expected.accepted != actual.accepted:
        return (
            f"acceptance differs: ast.parse {expected.error or 'accepts'}, "
            f"dxpy.parse {actual.error or 'accepts'}"
        )
    if expected.accepted:
        assert expected.tree is not None and actual.tree is not None
        if trees_equal(expected.tree, actual.tree):
            return None
        return first_difference(expected.tree, actual.tree)
    if expected.error == actual.error:
        return None
    return f"errors differ:\n  ast.parse:  {expected.error}\n  dxpy.parse: {actual.error}"


def oracle_parse(source: str | bytes, filename: str = "<unknown>", mode: str = "exec") -> ast.AST:
    return ast.parse(source, filename, mode)


def stdlib_root() -> Path:
    return Path(sysconfig.get_paths()["stdlib"])


def stdlib_files() -> list[Path]:
    """Every .py file of the host CPython's Lib/ (tests included), not site-packages.

    Sorted, so shards and samples are the same on every run.
    """
    root = stdlib_root()
    return sorted(
        path
        for path in root.rglob("*.py")
        if not {"site-packages", "dist-packages"} & set(path.relative_to(root).parts)
    )


def shards(items: list[Any], count: int) -> Iterator[list[Any]]:
    """``count`` interleaved slices, so each holds files of every folder and size."""
    for index in range(count):
        yield items[index::count]
