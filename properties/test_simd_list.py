"""SimdList: every engine == scalar == Python, for sum, filter_gt, map_mul2, index, count.

Python is the oracle for everything it can compute: the int64 sum is exactly
``sum(values)``, filter_gt is the list comprehension, map_mul2 doubles every
value (or raises OverflowError at the first value whose double leaves int64),
index and count are list.index and list.count. Where Python has no answer
(the association order of a float sum), every engine must give the scalar
engine's result bit for bit, within n * eps * sum(|x|) of the exact sum, with
NaN and infinities as sum() gives them. P25 (NEON) and P26 (AVX-512) hold
those engines to the scalar engine directly.
"""

from __future__ import annotations

import math
import struct
import sys
import textwrap
from fractions import Fraction

import fresh_process
import pytest
from collection_strategies import (
    INT64_MAX,
    INT64_MIN,
    OVERFLOWING_DOUBLES,
    float64_lists,
    floats_that_round,
    int64_lists,
    int64_lists_with_planted_value,
    needles_for,
    thresholds_for,
)
from hypothesis import example, given
from hypothesis import strategies as st

import dxpy

pytestmark = pytest.mark.task("3.7")

EPSILON = sys.float_info.epsilon


def fresh(value):
    """A new object equal to ``value``: a SimdList holds values, not objects, so
    list's identity shortcut (a NaN object finds itself) must not help the oracle."""
    return struct.unpack("d", struct.pack("d", value))[0] if isinstance(value, float) else value


def float_bits(value: float) -> bytes:
    return struct.pack("<d", value)


def same_values(actual: list, expected: list) -> bool:
    """Equal element by element in type and value; NaN matches NaN, -0.0 only -0.0."""
    if len(actual) != len(expected):
        return False
    for a, e in zip(actual, expected, strict=True):
        if type(a) is not type(e):
            return False
        if isinstance(e, float):
            if math.isnan(e):
                if not math.isnan(a):
                    return False
            elif a != e or math.copysign(1.0, a) != math.copysign(1.0, e):
                return False
        elif a != e:
            return False
    return True


def first_doubling_overflow(values: list[int]) -> int | None:
    return next((i for i, v in enumerate(values) if not INT64_MIN <= 2 * v <= INT64_MAX), None)


def assert_float_sum_behaves(result: float, values: list[float]) -> None:
    """NaN and infinities as sum() gives them; finite sums within n * eps * sum(|x|)
    of the exact sum. Only where no partial sum can overflow (sum of |finite| at
    most the largest float) does any order have an answer to match."""
    finite = [v for v in values if math.isfinite(v)]
    magnitude = sum(Fraction(abs(v)) for v in finite)
    if magnitude > Fraction(sys.float_info.max):
        return
    expected = sum(values)
    if math.isnan(expected):
        assert math.isnan(result), (result, expected)
        return
    if math.isinf(expected):
        assert result == expected, (result, expected)
        return
    exact = sum(Fraction(v) for v in values)
    bound = len(values) * EPSILON * magnitude + Fraction(5e-324) * len(values)
    assert abs(Fraction(result) - exact) <= bound, (result, float(exact))
    if result == 0.0:
        assert math.copysign(1.0, result) == 1.0, "a float sum is never -0.0, as in sum()"


# ------------------------------------------------------------------ sums


@pytest.mark.task("3.2")
@pytest.mark.task("4.5")
@given(values=int64_lists())
@example(values=[INT64_MAX, 1])
@example(values=[INT64_MIN, -1])
@example(values=[INT64_MAX] * 17)
@example(values=[INT64_MIN] * 33)
@example(values=[INT64_MAX, INT64_MIN] * 8 + [INT64_MAX])
def test_int64_sum_is_the_exact_integer_sum(engine, values):
    assert dxpy.SimdList(values).sum(engine=engine) == sum(values)


@pytest.mark.task("3.2")
@pytest.mark.task("4.5")
@given(values=int64_lists_with_planted_value(OVERFLOWING_DOUBLES))
def test_int64_sum_is_exact_with_huge_values_deep_in_a_vector(engine, values):
    assert dxpy.SimdList(values).sum(engine=engine) == sum(values)


@pytest.mark.task("3.2")
@given(values=float64_lists())
@example(values=[-0.0])
@example(values=[-0.0] * 17)
@example(values=[math.inf, -math.inf])
@example(values=[1.0] * 15 + [math.nan])
@example(values=[1e16, 1.0, -1e16] * 7)
def test_float64_sum_is_the_scalar_sum_bit_for_bit(engine, scalar_engine, values):
    simd_list = dxpy.SimdList(values, dtype="float64")
    result = simd_list.sum(engine=engine)
    reference = simd_list.sum(engine=scalar_engine)
    assert type(result) is float
    if math.isnan(reference):
        assert math.isnan(result)
    else:
        assert float_bits(result) == float_bits(reference), (result, reference)
    assert_float_sum_behaves(result, values)


def sum_in_the_shared_order(values: list[float]) -> float:
    """The association order every engine follows (cpp/collections/float_sum_order.h):
    16 accumulators from +0.0, element i into accumulator i % 16, then pairwise."""
    accumulators = [0.0] * 16
    for index, value in enumerate(values):
        accumulators[index % 16] += value
    width = 8
    while width >= 1:
        for k in range(width):
            accumulators[k] += accumulators[k + width]
        width //= 2
    return accumulators[0]


@pytest.mark.task("3.2")
@given(values=st.one_of(float64_lists(), st.lists(floats_that_round(), max_size=300)))
def test_float64_sum_follows_the_documented_order(engine, values):
    result = dxpy.SimdList(values, dtype="float64").sum(engine=engine)
    expected = sum_in_the_shared_order(values)
    if math.isnan(expected):
        assert math.isnan(result)
    else:
        assert float_bits(result) == float_bits(expected), (result, expected)


@pytest.mark.task("3.2")
@given(values=float64_lists(specials=False))
def test_float64_sum_is_close_to_fsum(engine, values):
    result = dxpy.SimdList(values, dtype="float64").sum(engine=engine)
    magnitude = math.fsum(abs(v) for v in values)
    tolerance = len(values) * EPSILON * magnitude + 5e-324 * len(values)
    assert abs(result - math.fsum(values)) <= tolerance


# --------------------------------------------------------------- filter_gt


@pytest.mark.task("3.3")
@given(data=st.data(), values=st.one_of(int64_lists(), float64_lists()))
def test_filter_gt_keeps_the_greater_elements_in_order(engine, data, values):
    threshold = data.draw(thresholds_for(values), label="threshold")
    simd_list = dxpy.SimdList(values)
    result = simd_list.filter_gt(threshold, engine=engine)
    assert isinstance(result, dxpy.SimdList)
    assert result.dtype == simd_list.dtype
    expected = [fresh(v) for v in values if v > threshold]
    assert same_values(result.tolist(), expected), (threshold, result.tolist(), expected)


# ---------------------------------------------------------------- map_mul2


@pytest.mark.task("3.4")
@pytest.mark.task("4.5")
@given(values=st.one_of(int64_lists(), int64_lists_with_planted_value(OVERFLOWING_DOUBLES)))
@example(values=[1] * 7 + [2**62])
@example(values=[0] * 16 + [INT64_MIN])
def test_int64_map_mul2_doubles_or_names_the_first_overflow(engine, values):
    simd_list = dxpy.SimdList(values, dtype="int64")
    overflow_at = first_doubling_overflow(values)
    if overflow_at is None:
        result = simd_list.map_mul2(engine=engine)
        assert result.dtype == "int64"
        assert result.tolist() == [2 * v for v in values]
    else:
        with pytest.raises(OverflowError) as raised:
            simd_list.map_mul2(engine=engine)
        message = str(raised.value)
        assert f"element {overflow_at} ({values[overflow_at]})" in message, message
    assert simd_list.tolist() == values


@pytest.mark.task("3.4")
@given(values=float64_lists())
def test_float64_map_mul2_doubles_like_python(engine, values):
    result = dxpy.SimdList(values, dtype="float64").map_mul2(engine=engine)
    assert result.dtype == "float64"
    assert same_values(result.tolist(), [v * 2 for v in values])


# ------------------------------------------------------------ index, count


@given(data=st.data(), values=st.one_of(int64_lists(), float64_lists()))
def test_index_and_count_answer_like_list(engine, data, values):
    needle = data.draw(needles_for(values), label="needle")
    simd_list = dxpy.SimdList(values)
    python_list = [fresh(v) for v in values]
    assert simd_list.count(needle, engine=engine) == python_list.count(needle)
    if needle in python_list:
        assert simd_list.index(needle, engine=engine) == python_list.index(needle)
        assert needle in simd_list
    else:
        with pytest.raises(ValueError, match="is not in SimdList"):
            simd_list.index(needle, engine=engine)
        assert needle not in simd_list


@given(position=st.integers(0, 69), length=st.integers(1, 70), value=st.sampled_from([7, 7.0]))
def test_index_finds_the_first_of_several_matches_in_any_lane(engine, position, length, value):
    position %= length
    values = [0] * length
    values[position:] = [7] * (length - position)
    simd_list = dxpy.SimdList(values)
    assert simd_list.index(value, engine=engine) == position
    assert simd_list.count(value, engine=engine) == length - position


# --------------------------------------------------- P25, P26 (explicitly)


def builds_of(name: str) -> list:
    return [
        pytest.param(info.mode, id=f"{name}-{info.mode}")
        for info in dxpy.engine_builds()
        if info.name == name
    ]


def every_answer(simd_list: dxpy.SimdList, engine, threshold, needle) -> list:
    """Every operation's answer as comparable data (exceptions by class and text)."""
    answers = []
    for operation in (
        lambda: simd_list.sum(engine=engine),
        lambda: simd_list.filter_gt(threshold, engine=engine).tolist(),
        lambda: simd_list.map_mul2(engine=engine).tolist(),
        lambda: simd_list.index(needle, engine=engine),
        lambda: simd_list.count(needle, engine=engine),
    ):
        try:
            answer = operation()
        except (OverflowError, ValueError) as error:
            answer = (type(error), str(error))
        if isinstance(answer, float):
            # Bit for bit, but any NaN is NaN: which NaN an invalid addition
            # returns depends on operand order, which compilers may swap.
            answers.append("nan" if math.isnan(answer) else float_bits(answer))
        else:
            answers.append(repr(answer))
    return answers


def assert_build_matches_scalar(name: str, mode: str, data) -> None:
    values = data.draw(
        st.one_of(
            int64_lists(), float64_lists(), int64_lists_with_planted_value(OVERFLOWING_DOUBLES)
        ),
        label="values",
    )
    threshold = data.draw(thresholds_for(values), label="threshold")
    needle = data.draw(needles_for(values), label="needle")
    simd_list = dxpy.SimdList(values)
    build = dxpy.engine(name, mode=mode)
    expected = every_answer(simd_list, dxpy.engine("scalar"), threshold, needle)
    assert every_answer(simd_list, build, threshold, needle) == expected


@pytest.mark.parametrize("mode", builds_of("neon"))
@given(data=st.data())
def test_p25_neon_equals_scalar_on_every_list_op(mode, data):
    assert_build_matches_scalar("neon", mode, data)


@pytest.mark.parametrize("mode", builds_of("avx512"))
@given(data=st.data())
def test_p26_avx512_equals_scalar_on_every_list_op(mode, data):
    assert_build_matches_scalar("avx512", mode, data)


# ---------------------------------------------------------------- dispatch


@pytest.mark.task("3.5")
def test_engine_argument_takes_none_a_name_or_an_engine():
    simd_list = dxpy.SimdList(range(100))
    default = dxpy.default_engine()
    assert simd_list.sum() == simd_list.sum(engine=None) == simd_list.sum(engine=default) == 4950
    for info in dxpy.engine_builds():
        engine = dxpy.engine(info.name, mode=info.mode)
        assert simd_list.sum(engine) == simd_list.sum(engine=info.name) == 4950
    with pytest.raises(ValueError, match="unknown engine 'sse9'"):
        simd_list.sum(engine="sse9")
    with pytest.raises(TypeError, match="engine must be"):
        simd_list.sum(engine=3)


@pytest.mark.task("3.5")
def test_default_engine_follows_dxpy_engine_environment_variable():
    """A SimdList op without an engine asks the dispatcher, so DXPY_ENGINE decides
    (run in a child: DXPY_ENGINE is read by the dispatcher of that process)."""
    script = textwrap.dedent(
        """
        import dxpy
        simd_list = dxpy.SimdList([1, 2, 3])
        print(simd_list.sum(engine="scalar"))
        try:
            simd_list.sum()
        except ValueError as error:
            print("ValueError:", error)
        """
    )
    completed = fresh_process.run_python(script, DXPY_ENGINE="bogus")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[0] == "6"
    assert "ValueError: DXPY_ENGINE: unknown engine 'bogus'" in completed.stdout
