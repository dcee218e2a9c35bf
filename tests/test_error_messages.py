"""Every public entry point of dxpy, called with the wrong argument types or counts, fails
as CPython would word it: never with pybind11's "incompatible function arguments" listing
of C++ signatures and "Invoked with: ..."."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.needs_native

PYBIND11_WORDS = ("incompatible function arguments", "Invoked with", "dxpy._native")


def _calls():
    import dxpy

    e = dxpy.engine("scalar")
    simd_list = dxpy.SimdList([1, 2])
    swiss = dxpy.SwissDict({1: 2})
    calls = {
        "engine(42)": lambda: dxpy.engine(42),
        "engine(mode=3)": lambda: dxpy.engine("scalar", mode=3),
        "engine(1, 2, 3)": lambda: dxpy.engine(1, 2, 3),
        "engines(1)": lambda: dxpy.engines(1),
        "engine_builds(1)": lambda: dxpy.engine_builds(1),
        "default_engine(1)": lambda: dxpy.default_engine(1),
        "SimdList(1)": lambda: dxpy.SimdList(1),
        "SimdList(dtype=3)": lambda: dxpy.SimdList([1], dtype=3),
        "SimdList.sum(engine=3)": lambda: simd_list.sum(engine=3),
        "SimdList.index()": lambda: simd_list.index(),
        "SimdList['x']": lambda: simd_list["x"],
        "SwissDict(1)": lambda: dxpy.SwissDict(1),
        "SwissDict(engine=3)": lambda: dxpy.SwissDict(engine=3),
        "SwissDict.get()": lambda: swiss.get(),
        "SwissDict.update(1, 2)": lambda: swiss.update(1, 2),
        "SwissDict.copy(1)": lambda: swiss.copy(1),
    }
    for method, arity in (
        ("find", 2), ("count", 2), ("eq", 2), ("lower", 1), ("upper", 1),
        ("split", 1), ("join", 2), ("replace", 3),
    ):  # fmt: skip
        bound = getattr(e, method)
        calls[f"Engine.{method}() with too few"] = lambda bound=bound, arity=arity: bound(
            *(["a"] * (arity - 1))
        )
        calls[f"Engine.{method}() with too many"] = lambda bound=bound: bound(*(["a"] * 6))
        calls[f"Engine.{method}(bogus=1)"] = lambda bound=bound, arity=arity: bound(
            *(["a"] * arity), bogus=1
        )
        calls[f"Engine.{method}(42, ...)"] = lambda bound=bound, arity=arity: bound(
            42, *([b"a"] * (arity - 1))
        )
    return calls


CALLS = sorted(_calls())


@pytest.mark.parametrize("name", CALLS)
def test_no_error_message_shows_pybind11_internals(name):
    with pytest.raises(TypeError) as raised:
        _calls()[name]()
    message = str(raised.value)
    assert not any(words in message for words in PYBIND11_WORDS), message


def test_the_wording_is_cpythons():
    import dxpy

    e = dxpy.engine("scalar")
    cases = {
        lambda: dxpy.engine(42): "engine() argument 'name' must be str or None, not int",
        lambda: e.find("a"): "Engine.find() missing 1 required positional argument: 'needle'",
        lambda: e.find(): (
            "Engine.find() missing 2 required positional arguments: 'haystack' and 'needle'"
        ),
        lambda: e.find(
            "a", "b", "c"
        ): "Engine.find() takes 3 positional arguments but 4 were given",
        lambda: e.split("a", None, 1, 2): (
            "Engine.split() takes from 2 to 4 positional arguments but 5 were given"
        ),
        lambda: e.lower("a", bogus=1): "Engine.lower() got an unexpected keyword argument 'bogus'",
        lambda: e.lower("a", text="b"): "Engine.lower() got multiple values for argument 'text'",
    }
    for call, expected in cases.items():
        with pytest.raises(TypeError) as raised:
            call()
        assert str(raised.value) == expected
