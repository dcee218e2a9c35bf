"""P27 for SimdList: every failure raises CPython's class with context, leaves the
list unchanged, and never crashes the process.

A SimdList has a fixed length and a fixed element type, so where a Python
list would grow or hold anything, it refuses with the class CPython uses for
the same kind of mistake: IndexError out of range, TypeError for a wrong type
(a float stored into int64, a str anywhere, deleting an element), OverflowError
for an int that int64 cannot hold or a doubling that leaves int64.
"""

from __future__ import annotations

import math

import pytest
from collection_strategies import (
    INT64_MAX,
    INT64_MIN,
    float64_lists,
    int64_lists,
)
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import dxpy

pytestmark = [pytest.mark.task(task_id) for task_id in ("3.7", "4.2", "4.6", "4.8")]

ODD_OBJECTS = (None, "7", b"7", [7], (7,), {7: 7}, object(), 7j, slice(1, 2))
ANY_VALUE = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from((INT64_MIN, INT64_MAX, INT64_MIN - 1, INT64_MAX + 1, 2**1100, True)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(ODD_OBJECTS),
)


def stored(dtype: str, value: object) -> tuple[type[BaseException] | None, object]:
    """What assigning ``value`` into a list of ``dtype`` does: (error class, stored value)."""
    if dtype == "int64":
        if isinstance(value, float) or not isinstance(value, int):
            return TypeError, None
        if not INT64_MIN <= value <= INT64_MAX:
            return OverflowError, None
        return None, int(value)
    if isinstance(value, (int, float)):
        try:
            return None, float(value)
        except OverflowError:
            return OverflowError, None
    return TypeError, None


def same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return type(a) is type(b) and a == b


def same_lists(a: list, b: list) -> bool:
    return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))


# ----------------------------------------------------- indexing and storing


@given(
    values=st.one_of(int64_lists(maximum=40), float64_lists(maximum=40)),
    index=st.one_of(st.integers(-50, 50), st.sampled_from((2**63, -(2**63) - 1, 2**100))),
)
def test_indexing_is_lists_indexing(values, index):
    simd_list = dxpy.SimdList(values)
    python_list = list(values)
    try:
        expected = python_list[index]
    except IndexError:
        with pytest.raises(IndexError, match=r"SimdList index out of range|cannot fit"):
            simd_list[index]
    else:
        assert same(simd_list[index], expected)
    assert same_lists(simd_list.tolist(), values)


@given(values=st.one_of(int64_lists(maximum=40), float64_lists(maximum=40)))
def test_non_integer_indices_are_type_errors(values):
    simd_list = dxpy.SimdList(values)
    for key in (1.0, "0", None, [0]):
        with pytest.raises(TypeError, match="SimdList indices must be integers"):
            simd_list[key]
        with pytest.raises(TypeError, match="SimdList indices must be integers"):
            simd_list[key] = 0
    assert same_lists(simd_list.tolist(), values)


@given(
    data=st.data(),
    values=st.one_of(int64_lists(maximum=40), float64_lists(maximum=40)),
    value=ANY_VALUE,
)
def test_assignment_stores_or_raises_and_changes_nothing(data, values, value):
    simd_list = dxpy.SimdList(values)
    before = simd_list.tolist()
    index = data.draw(st.integers(-len(values) - 2, len(values) + 1), label="index")
    error, converted = stored(simd_list.dtype, value)
    if not -len(values) <= index < len(values):
        error = IndexError
    if error is None:
        simd_list[index] = value
        before[index] = converted
        assert same_lists(simd_list.tolist(), before)
    else:
        with pytest.raises(error, match="SimdList"):
            simd_list[index] = value
        assert same_lists(simd_list.tolist(), before)


def test_assignment_messages_name_the_place_and_the_value():
    ints = dxpy.SimdList([1, 2, 3])
    with pytest.raises(OverflowError, match=r"element 1 \(9223372036854775808\) does not fit"):
        ints[1] = 2**63
    with pytest.raises(TypeError, match=r"element 2 is a float \(2\.0\)"):
        ints[-1] = 2.0
    floats = dxpy.SimdList([1.0])
    with pytest.raises(OverflowError, match="element 0 is an int too large to convert to float"):
        floats[0] = 2**1100
    with pytest.raises(TypeError, match="element 0 is 'str', not an int or float"):
        floats[0] = "1"
    assert ints.tolist() == [1, 2, 3]
    assert floats.tolist() == [1.0]


def test_length_is_fixed():
    simd_list = dxpy.SimdList([1, 2, 3])
    with pytest.raises(TypeError, match="length is fixed"):
        del simd_list[0]
    with pytest.raises(TypeError):
        simd_list[0:1] = [5]
    assert simd_list.tolist() == [1, 2, 3]


# ---------------------------------------------------------- the methods


@given(values=st.one_of(int64_lists(maximum=40), float64_lists(maximum=40)))
def test_odd_operands_get_pythons_own_answers(engine, values):
    """Operands that are neither int nor float are compared by Python, so the
    answers (and errors) are those of the same operation on a list."""
    simd_list = dxpy.SimdList(values)
    for operand in ODD_OBJECTS:
        assert simd_list.count(operand, engine=engine) == values.count(operand)
        assert (operand in simd_list) is (operand in values)
        with pytest.raises(ValueError, match="is not in SimdList"):
            simd_list.index(operand, engine=engine)
        try:
            expected = [v for v in values if v > operand]
        except TypeError as error:
            with pytest.raises(TypeError, match=str(error).split(" between")[0]):
                simd_list.filter_gt(operand, engine=engine)
        else:
            assert simd_list.filter_gt(operand, engine=engine).tolist() == expected
    assert same_lists(simd_list.tolist(), values)


@pytest.mark.task("3.4")
@pytest.mark.task("4.5")
@given(
    position=st.integers(0, 80),
    length=st.integers(1, 81),
    big=st.sampled_from([2**62, -(2**62) - 1]),
)
def test_map_mul2_overflow_names_index_and_value_and_returns_nothing(engine, position, length, big):
    position %= length
    values = [3] * length
    values[position] = big
    simd_list = dxpy.SimdList(values)
    with pytest.raises(
        OverflowError, match=rf"^map_mul2: element {position} \({big}\) \* 2 overflows int64$"
    ):
        simd_list.map_mul2(engine=engine)
    assert simd_list.tolist() == values


def test_bad_engine_arguments_raise_and_change_nothing():
    simd_list = dxpy.SimdList([1.5, 2.5])
    for method, arguments in (("sum", ()), ("map_mul2", ()), ("filter_gt", (1,)), ("count", (1,))):
        with pytest.raises(ValueError, match="unknown engine"):
            getattr(simd_list, method)(*arguments, engine="mmx")
        with pytest.raises(TypeError, match="engine must be"):
            getattr(simd_list, method)(*arguments, engine=1.5)
        with pytest.raises(TypeError):
            getattr(simd_list, method)(*arguments, 1, 2, 3)
    assert simd_list.tolist() == [1.5, 2.5]


# ---------------------------------------------------------- construction


@pytest.mark.parametrize(
    ("data", "keywords", "error", "message"),
    [
        ([1, "a"], {}, TypeError, "element 1 is 'str'"),
        ([1, 2**63], {}, OverflowError, r"element 1 \(9223372036854775808\) does not fit in int64"),
        ([1.5], {"dtype": "int64"}, TypeError, r"element 0 is a float \(1\.5\)"),
        ([2**1100], {"dtype": "float64"}, OverflowError, "too large to convert to float"),
        ([1], {"dtype": "int32"}, ValueError, "dtype must be 'int64' or 'float64'"),
        ([1], {"dtype": 5}, TypeError, "dtype must be"),
        (5, {}, TypeError, "iterable"),
        (None, {}, TypeError, "iterable"),
        (b"abcdefgh", {}, TypeError, "not format 'B'"),
    ],
)
def test_construction_errors(data, keywords, error, message):
    with pytest.raises(error, match=message):
        dxpy.SimdList(data, **keywords)


def test_dtype_is_inferred_or_forced():
    assert dxpy.SimdList([]).dtype == "int64"
    assert dxpy.SimdList([1, True]).dtype == "int64"
    assert dxpy.SimdList([1, 2.0]).dtype == "float64"
    assert dxpy.SimdList([1, 2], dtype="float64").tolist() == [1.0, 2.0]
    assert dxpy.SimdList([1, 2], dtype=float).dtype == "float64"
    assert dxpy.SimdList(x for x in range(3)).tolist() == [0, 1, 2]
    assert dxpy.SimdList([2**53 + 1], dtype="float64").tolist() == [float(2**53 + 1)]


# ------------------------------------------------ a stateful model (P27)


class SimdListAgainstList(RuleBasedStateMachine):
    """Random assignments, failed ones included, and every operation, on a
    SimdList and on the Python list it should equal."""

    def __init__(self):
        super().__init__()
        self.simd_list = None
        self.model: list = []

    @precondition(lambda self: self.simd_list is None)
    @rule(values=st.one_of(int64_lists(maximum=70), float64_lists(maximum=70)))
    def create(self, values):
        self.simd_list = dxpy.SimdList(values)
        self.model = list(values)

    @precondition(lambda self: self.simd_list is not None)
    @rule(data=st.data(), value=ANY_VALUE)
    def assign(self, data, value):
        index = data.draw(st.integers(-len(self.model) - 1, len(self.model)), label="index")
        error, converted = stored(self.simd_list.dtype, value)
        if not -len(self.model) <= index < len(self.model):
            error = IndexError
        if error is None:
            self.simd_list[index] = value
            self.model[index] = converted
        else:
            with pytest.raises(error):
                self.simd_list[index] = value

    @precondition(lambda self: self.simd_list is not None)
    @rule(name=st.sampled_from([info.name for info in dxpy.engine_builds()]))
    def operate(self, name):
        engine = dxpy.engine(name)
        simd_list = self.simd_list
        if simd_list.dtype == "int64":
            assert simd_list.sum(engine=engine) == sum(self.model)
            if all(INT64_MIN <= 2 * v <= INT64_MAX for v in self.model):
                assert simd_list.map_mul2(engine=engine).tolist() == [2 * v for v in self.model]
            else:
                with pytest.raises(OverflowError):
                    simd_list.map_mul2(engine=engine)
        threshold = self.model[len(self.model) // 2] if self.model else 0
        kept = simd_list.filter_gt(threshold, engine=engine).tolist()
        assert same_lists(kept, [v for v in self.model if v > threshold])

    @invariant()
    def unchanged_but_for_assignments(self):
        if self.simd_list is not None:
            assert same_lists(self.simd_list.tolist(), self.model)


TestSimdListAgainstList = SimdListAgainstList.TestCase
