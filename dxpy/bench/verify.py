"""Checking a candidate's answer against CPython's before it is timed.

A benchmark of a wrong answer is worthless, so each candidate's answer must
equal the oracle's in value *and* type (``True`` is not ``1``; a list of
``bytes`` is not a list of ``str``) before any of its samples count.
"""

from __future__ import annotations

from dxpy.bench.cases import Candidate


def _short(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} chars of repr)"


def _first_difference(expected: str | bytes, actual: str | bytes) -> int:
    pairs = zip(expected, actual, strict=True)
    return next(index for index, (want, got) in enumerate(pairs) if want != got)


def difference(expected: object, actual: object) -> str | None:
    """``None`` when ``actual`` equals ``expected`` in type and value, else what differs."""
    if type(actual) is not type(expected):
        return f"type {type(actual).__name__}, expected {type(expected).__name__}"
    if isinstance(expected, list):
        assert isinstance(actual, list)
        for index, (want, got) in enumerate(zip(expected, actual, strict=False)):
            inner = difference(want, got)
            if inner is not None:
                return f"item {index} of {len(expected)}: {inner}"
        if len(actual) != len(expected):
            return f"length {len(actual)}, expected {len(expected)}"
        return None
    if actual != expected:
        if isinstance(expected, (str, bytes)) and len(expected) == len(actual):
            index = _first_difference(expected, actual)
            got, want = actual[index : index + 16], expected[index : index + 16]
            where = f"differs at index {index} of {len(expected)}"
            return f"{where}: {_short(got)}, expected {_short(want)}"
        return f"{_short(actual)}, expected {_short(expected)}"
    return None


def check_candidate(candidate: Candidate, expected: object) -> str | None:
    """``None`` when the candidate answers ``expected``, else the difference or its exception."""
    try:
        actual = candidate.compute_answer()
    except Exception as error:  # a crash of a candidate is a finding, not the end of the run
        return f"raised {type(error).__name__}: {error}"
    return difference(expected, actual)
