"""CPython's own dict tests against SwissDict, on every engine build.

Two suites of the host CPython's Lib/test:

* mapping_tests.py: BasicTestMappingProtocol, TestMappingProtocol and
  TestHashMappingProtocol take the mapping class as ``type2test``.
* test_dict.py's DictTest builds its dicts with ``{...}`` displays and calls
  ``dict`` by name: it runs here compiled from the host's own source with each
  display rewritten to ``dict({...})`` and ``dict`` bound to SwissDict, so
  every dict a test builds, ``dict.fromkeys`` and ``class X(dict)`` are
  SwissDict.

``type2test`` is a subclass of SwissDict that builds every instance with the
engine under test and counts them: each test that runs must create at least one
SwissDict, so a test that only ever touched builtin dicts cannot pass for
SwissDict. Every test method of the suites is either run or listed in
``EXCLUDED`` with its reason (``test_every_suite_test_is_run_or_excluded``),
so a new CPython test is never dropped silently.
"""

from __future__ import annotations

import ast
import functools
import inspect
import unittest

import pytest

try:
    from test import mapping_tests, test_dict
except ImportError as missing:  # CPython built without its test package
    raise ImportError(
        "CPython's test package (Lib/test/mapping_tests.py, test_dict.py) is needed: install "
        "the python3 build that includes it (pyenv builds do; Debian: libpython3.11-testsuite)"
    ) from missing

import dxpy

pytestmark = [pytest.mark.task("3.7")]

MAPPING_SUITES = {
    "basic": mapping_tests.BasicTestMappingProtocol,
    "mapping": mapping_tests.TestMappingProtocol,
    "hash": mapping_tests.TestHashMappingProtocol,
}

REPR_NAMES_THE_TYPE = (
    "asserts dict's repr ('{1: 2}', \"dict_keys(['a'])\"): SwissDict's repr names its type "
    "('SwissDict({1: 2})', \"SwissDictKeys(['a'])\") by design (cpp/bindings/README.md); "
    "the repr is compared with dict's in properties/test_swiss_dict.py, and the test's other "
    "assertions run in mapping_tests' test_keys/test_values/test_items"
)
INSTANCE_DICT = (
    "checks CPython's split-table instance __dict__ (an object's attributes): that __dict__ "
    "is a builtin dict, so the test builds no SwissDict"
)
GC_UNTRACKING = (
    "checks CPython's GC optimisation that leaves dicts of atomic values untracked: "
    "SwissDict is always GC-tracked (collection is correct either way; a memory detail)"
)
SUBCLASS_COPY = (
    "asserts copy() returns an instance of type2test: type2test here is a SwissDict subclass "
    "(it pins the engine), and copy() of a subclass returns a plain SwissDict as dict.copy() "
    "does for dict subclasses; copy() runs in DictTest.test_copy*"
)
# Every test of the suites that does not run, with why: "suite:test" names.
EXCLUDED = {
    "basic:test_getitem": "reads only the suite's reference mapping, which the basic protocol "
    "keeps as a builtin dict (TestMappingProtocol's tests index the mapping under test)",
    "mapping:test_copy": SUBCLASS_COPY,
    "hash:test_copy": SUBCLASS_COPY,
    "hash:test_repr": REPR_NAMES_THE_TYPE,
    "dict:test_repr": REPR_NAMES_THE_TYPE,
    "dict:test_keys": REPR_NAMES_THE_TYPE,
    "dict:test_values": REPR_NAMES_THE_TYPE,
    "dict:test_items": REPR_NAMES_THE_TYPE,
    "dict:test_track_dynamic": GC_UNTRACKING,
    "dict:test_track_literals": GC_UNTRACKING,
    **{
        f"dict:{name}": INSTANCE_DICT
        for name in (
            "test_instance_dict_getattr_str_subclass",
            "test_reverse_iterator_for_shared_shared_dicts",
            "test_splittable_del",
            "test_splittable_pop",
            "test_splittable_pop_pending",
            "test_splittable_popitem",
            "test_splittable_setdefault",
        )
    },
}


class Counter:
    instances = 0


def swiss_type(engine) -> type:
    """type2test: SwissDict with ``engine``, counting the instances it builds."""

    def __init__(self, *args, **kwargs):
        Counter.instances += 1
        kwargs.setdefault("engine", engine)
        dxpy.SwissDict.__init__(self, *args, **kwargs)

    return type(f"SwissDict_{engine.name}", (dxpy.SwissDict,), {"__init__": __init__})


def mapping_suite(engine, suite: str) -> type:
    return type(
        f"CPython_{suite}_mapping_tests",
        (MAPPING_SUITES[suite],),
        {"type2test": swiss_type(engine)},
    )


class DictDisplaysToSwissDict(ast.NodeTransformer):
    """``{...}`` and ``{k: v for ...}`` become ``dict({...})``: with ``dict`` bound to
    SwissDict, every dict the tests build is one."""

    def visit_Dict(self, node):
        self.generic_visit(node)
        call = ast.Call(ast.Name("dict", ast.Load()), [node], [])
        return ast.copy_location(call, node)

    visit_DictComp = visit_Dict


@functools.cache
def dict_suite(engine) -> type:
    """test_dict.DictTest compiled from the host's source with SwissDict for dict."""
    tree = DictDisplaysToSwissDict().visit(ast.parse(inspect.getsource(test_dict)))
    namespace = {"__name__": "swiss_test_dict", "dict": swiss_type(engine)}
    exec(compile(ast.fix_missing_locations(tree), test_dict.__file__, "exec"), namespace)
    return namespace["DictTest"]


def suite_test_names(suite: str) -> set[str]:
    base = test_dict.DictTest if suite == "dict" else MAPPING_SUITES[suite]
    return {name for name in dir(base) if name.startswith("test")}


SUITES = (*MAPPING_SUITES, "dict")


def runs(suite: str) -> list[str]:
    return sorted(name for name in suite_test_names(suite) if f"{suite}:{name}" not in EXCLUDED)


def test_every_excluded_test_is_a_suite_test():
    """Each test is run unless excluded, so a new CPython test runs by default;
    an exclusion that names no test is stale."""
    every = {f"{suite}:{name}" for suite in SUITES for name in suite_test_names(suite)}
    assert set(EXCLUDED) <= every, sorted(set(EXCLUDED) - every)


CASES = [(suite, name) for suite in SUITES for name in runs(suite)]


@pytest.mark.parametrize(("suite", "test_name"), CASES, ids=[f"{s}-{n}" for s, n in CASES])
def test_cpythons_dict_tests_pass_on_every_engine(engine, suite, test_name):
    cls = dict_suite(engine) if suite == "dict" else mapping_suite(engine, suite)
    before = Counter.instances  # mapping_tests builds its reference mappings in __init__
    case = cls(test_name)
    result = unittest.TestResult()
    case.run(result)
    problems = [f"{test}: {text}" for test, text in (*result.errors, *result.failures)] + [
        f"{test}: skipped: {reason}" for test, reason in result.skipped
    ]
    assert not problems, f"{engine.name}-{engine.mode} {suite}:\n" + "\n".join(problems)
    assert result.testsRun == 1
    assert Counter.instances > before, f"{test_name} built no SwissDict"
