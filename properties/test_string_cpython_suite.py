"""CPython's own string tests (Lib/test/string_tests.py) against every engine build.

string_tests.py calls each method on an object of its ``type2test`` class. Here
that class is a subclass of ``str``, ``bytes`` or ``bytearray`` whose
find/count/split/join/replace/lower/upper are answered by an engine, and whose
other methods are the builtin type's. The engines take no start/end range
for find and count, so the adapter answers ``h.find(sub, start, end)`` as
``engine.find(h[start:end], sub)`` shifted by ``start``, with CPython's
index adjustment (a start past the end finds nothing, even an empty needle).

Which of the suite's tests run, and why each other one does not, is
``RUN`` and ``EXCLUDED`` below: every test method of the suite's classes is in
exactly one of them (``test_every_suite_test_is_run_or_excluded_with_a_reason``),
so a new CPython test is never dropped silently. Each test that runs must
reach the engine at least once.
"""

from __future__ import annotations

import operator
import random
import unittest

import pytest

try:
    from test import string_tests
except ImportError as missing:  # CPython built without its test package
    raise ImportError(
        "CPython's test package (Lib/test/string_tests.py) is needed: install the "
        "python3 build that includes it (pyenv builds do; Debian: libpython3.11-testsuite)"
    ) from missing

pytestmark = [pytest.mark.task(task_id) for task_id in ("1.2", "1.5", "1.6", "2.2", "2.4")]

ENGINE_METHODS = ("find", "count", "split", "join", "replace", "lower", "upper")

# The suite's tests that exercise the engine methods. test_join and
# test_none_arguments are in the str-only mixins, so bytes and bytearray
# run the others.
RUN = (
    "test_count",
    "test_find",
    "test_find_periodic_pattern",
    "test_find_shift_table_overflow",
    "test_lower",
    "test_upper",
    "test_split",
    "test_additional_split",
    "test_replace",
    "test_join",
    "test_none_arguments",
)
TEXT_ONLY_MIXINS = (string_tests.MixinStrUnicodeUserStringTest, string_tests.MixinStrUnicodeTest)

NOT_AN_ENGINE_METHOD = "tests only methods the engines do not have (answered by the builtin)"
EXCLUDED = {
    "test_replace_overflow": "skipped by CPython itself on 64-bit platforms (32-bit overflow)",
    "test_find_etc_raise_correct_error_messages": "checks the builtin methods' argument-count "
    "messages ('find() takes at most 3 arguments'): the adapter's signature would answer, not "
    "an engine; its one find call (a match after a Cyrillic letter) is covered by "
    "test_find_on_str_counts_code_points_not_utf8_bytes",
    "test_bug1001011": "checks that join's result has type2test's exact type: the engines "
    "answer with plain str, as CPython does for every str subclass",
    "test_fixtype": "checks the suite's own fixtype() helper",
    "test_hash": "hashing is not an engine operation",
    "test_inplace_rewrites": "checks that the builtin's lower()/upper() leave the receiver "
    "unchanged via in-place methods the engines do not have (the engine properties check "
    "every argument is unchanged)",
    **{
        name: NOT_AN_ENGINE_METHOD
        for name in (
            "test_rfind",
            "test_index",
            "test_rindex",
            "test_rsplit",
            "test_additional_rsplit",
            "test_expandtabs",
            "test_removeprefix",
            "test_removesuffix",
            "test_capitalize",
            "test_capitalize_nonascii",
            "test_strip_whitespace",
            "test_strip",
            "test_ljust",
            "test_rjust",
            "test_center",
            "test_swapcase",
            "test_zfill",
            "test_islower",
            "test_isupper",
            "test_istitle",
            "test_isspace",
            "test_isalpha",
            "test_isalnum",
            "test_isascii",
            "test_isdigit",
            "test_title",
            "test_splitlines",
            "test_startswith",
            "test_endswith",
            "test___contains__",
            "test_subscript",
            "test_slice",
            "test_extended_getslice",
            "test_mul",
            "test_formatting",
            "test_formatting_c_limits",
            "test_floatformatting",
            "test_partition",
            "test_rpartition",
        )
    },
}


def adjusted_range(start, end, length: int) -> tuple[int, int]:
    """CPython's ADJUST_INDICES for find/count: None is the whole text, negative
    indices count from the end, end is clipped to the length, start is not."""
    start = 0 if start is None else operator.index(start)
    end = length if end is None else operator.index(end)
    if end > length:
        end = length
    elif end < 0:
        end = max(end + length, 0)
    if start < 0:
        start = max(start + length, 0)
    return start, end


def engine_adapter(engine, base: type, calls: list[str]) -> type:
    """A subclass of ``base`` whose engine methods are the engine's."""

    def ranged(method: str, miss: int):
        def call(self, sub, start=None, end=None):
            calls.append(method)
            if start is None and end is None:
                return getattr(engine, method)(self, sub)
            first, last = adjusted_range(start, end, len(self))
            if last < first:
                return miss  # 'abc'.find('', 4) == -1, 'abc'.count('', 4) == 0
            answer = getattr(engine, method)(self[first:last], sub)
            return answer + first if method == "find" and answer >= 0 else answer

        call.__name__ = method
        return call

    def split(self, sep=None, maxsplit=-1):
        calls.append("split")
        return engine.split(self, sep, maxsplit)

    def join(self, parts):
        calls.append("join")
        return engine.join(self, parts)

    def replace(self, old, new, count=-1):
        calls.append("replace")
        return engine.replace(self, old, new, count)

    def lower(self):
        calls.append("lower")
        return engine.lower(self)

    def upper(self):
        calls.append("upper")
        return engine.upper(self)

    namespace = {
        "find": ranged("find", -1),
        "count": ranged("count", 0),
        "split": split,
        "join": join,
        "replace": replace,
        "lower": lower,
        "upper": upper,
    }
    return type(f"{engine.name.capitalize()}{base.__name__.capitalize()}", (base,), namespace)


class BinaryFixtypes:
    """string_tests' texts are str; a bytes-like type2test gets them as UTF-8."""

    contains_bytes = True

    def fixtype(self, obj):
        if isinstance(obj, str):
            return self.type2test(obj.encode("utf-8"))
        return super().fixtype(obj)


SUITE_BASES = {
    "str": (string_tests.CommonTest, *TEXT_ONLY_MIXINS),
    "bytes": (BinaryFixtypes, string_tests.BaseTest),
    "bytearray": (BinaryFixtypes, string_tests.BaseTest),
}
BUILTINS = {"str": str, "bytes": bytes, "bytearray": bytearray}


def suite_class(engine, kind: str, calls: list[str]) -> type:
    adapter = engine_adapter(engine, BUILTINS[kind], calls)
    return type(
        f"CPythonStringTests_{kind}",
        (*SUITE_BASES[kind], unittest.TestCase),
        {"type2test": adapter},
    )


def suite_test_names(kind: str) -> set[str]:
    bases = SUITE_BASES[kind]
    return {name for base in bases for name in dir(base) if name.startswith("test")}


def runs(kind: str) -> tuple[str, ...]:
    names = suite_test_names(kind)
    return tuple(name for name in RUN if name in names)


@pytest.mark.parametrize("kind", BUILTINS)
def test_every_suite_test_is_run_or_excluded_with_a_reason(kind):
    names = suite_test_names(kind)
    run = set(runs(kind))
    unclassified = names - run - set(EXCLUDED)
    assert not unclassified, f"suite tests neither run nor excluded: {sorted(unclassified)}"
    assert not run & set(EXCLUDED)


def test_every_listed_test_is_a_suite_test():
    every = set().union(*(suite_test_names(kind) for kind in BUILTINS))
    assert set(RUN) | set(EXCLUDED) <= every, sorted(set(RUN) | set(EXCLUDED) - every)


@pytest.mark.parametrize(
    ("kind", "test_name"),
    [(kind, name) for kind in BUILTINS for name in runs(kind)],
    ids=[f"{kind}-{name}" for kind in BUILTINS for name in runs(kind)],
)
def test_cpythons_string_tests_pass_on_every_engine(engine, kind, test_name):
    calls: list[str] = []
    case = suite_class(engine, kind, calls)(test_name)
    result = unittest.TestResult()
    random.seed(test_name)  # test_find_periodic_pattern draws its texts with random
    case.run(result)
    problems = [f"{test}: {text}" for test, text in (*result.errors, *result.failures)] + [
        f"{test}: skipped: {reason}" for test, reason in result.skipped
    ]
    assert not problems, f"{engine.name}-{engine.mode} {kind}:\n" + "\n".join(problems)
    assert result.testsRun == 1
    assert calls, f"{test_name} reached no engine method"
    assert set(calls) <= set(ENGINE_METHODS)
