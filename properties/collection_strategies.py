"""Hypothesis strategies aimed at where SIMD list kernels break.

The list kernels work on 2 (NEON), 4 (AVX2) or 8 (AVX-512) lanes of 64 bits,
usually two vectors per step, and on 16 float accumulators; then they finish a
scalar tail. The bugs live at the seams: lengths one short of or one past a
step, the answer in the last lane of a vector or in the tail, int64 extremes
(where a sum wraps and a doubling overflows), an overflow deep inside a long
run of harmless values, and the float values whose comparisons and sums are
special (NaN, infinities, -0.0, subnormals).
"""

from __future__ import annotations

import math
import sys

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, composite

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

# Lanes per vector of the engines, and steps of one and two vectors.
LANE_COUNTS = (2, 4, 8)
LANE_EDGE_LENGTHS = tuple(
    sorted(
        {n for n in range(0, 20)}
        | {k * lanes + delta for lanes in LANE_COUNTS for k in (2, 4, 8) for delta in (-1, 0, 1)}
        | {31, 32, 33, 47, 48, 49, 63, 64, 65, 127, 128, 129}
    )
)

INT64_EXTREMES = (
    INT64_MIN,
    INT64_MIN + 1,
    INT64_MAX,
    INT64_MAX - 1,
    -(2**62),
    2**62,
    2**62 - 1,
    -(2**62) - 1,
    -1,
    0,
    1,
    2**31,
    -(2**31),
    2**32,
    -(2**32),
)

FLOAT_SPECIALS = (
    0.0,
    -0.0,
    math.nan,
    math.inf,
    -math.inf,
    sys.float_info.max,
    -sys.float_info.max,
    sys.float_info.min,
    5e-324,
    -5e-324,
    1.0,
    -1.0,
    2.0**53,
    2.0**53 + 2,
    2.0**63,
    -(2.0**63),
)


@composite
def lengths_around_lane_edges(draw: DrawFn, maximum: int = 130) -> int:
    """A length near a multiple of 2, 4, 8, 16 or 32 elements, or any length up to 70."""
    return draw(
        st.one_of(
            st.sampled_from([n for n in LANE_EDGE_LENGTHS if n <= maximum]),
            st.integers(0, min(70, maximum)),
        )
    )


def int64_values(kind: str = "any") -> st.SearchStrategy[int]:
    """Extremes, small values, or anything in int64 ("small": never near a wrap)."""
    if kind == "small":
        return st.integers(-1000, 1000)
    return st.one_of(
        st.sampled_from(INT64_EXTREMES),
        st.integers(-1000, 1000),
        st.integers(INT64_MIN, INT64_MAX),
    )


@composite
def int64_lists(draw: DrawFn, maximum: int = 130) -> list[int]:
    """Lists of int64 around lane edges: all small, all extreme, or mixed."""
    length = draw(lengths_around_lane_edges(maximum))
    style = draw(st.sampled_from(("small", "any", "extremes", "one value")))
    if style == "one value":
        return [draw(int64_values())] * length
    if style == "extremes":
        return draw(st.lists(st.sampled_from(INT64_EXTREMES), min_size=length, max_size=length))
    return draw(st.lists(int64_values(style), min_size=length, max_size=length))


@composite
def int64_lists_with_planted_value(draw: DrawFn, planted: st.SearchStrategy[int]) -> list[int]:
    """Harmless small values with one or two planted values anywhere, often in the
    last lane of a vector or in the tail: where a kernel must notice them."""
    values = draw(st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=140))
    for _ in range(draw(st.integers(1, 2))):
        lanes = draw(st.sampled_from((*LANE_COUNTS, 16)))
        position = draw(
            st.one_of(
                st.integers(0, len(values) - 1),
                st.just(min(len(values) - 1, (len(values) // lanes) * lanes - 1)),
                st.just(len(values) - 1),
            )
        )
        values[max(position, 0)] = draw(planted)
    return values


OVERFLOWING_DOUBLES = st.one_of(
    st.sampled_from((2**62, -(2**62) - 1, INT64_MAX, INT64_MIN)),
    st.integers(2**62, INT64_MAX),
    st.integers(INT64_MIN, -(2**62) - 1),
)


def floats_that_round() -> st.SearchStrategy[float]:
    """Floats with full 53-bit significands and nearby exponents: their sums round
    at almost every step, so two association orders give different bits."""
    return st.builds(
        lambda significand, exponent, negative: (
            math.ldexp(significand, exponent) * (-1.0 if negative else 1.0)
        ),
        st.integers(2**52, 2**53 - 1),
        st.integers(-60, -40),
        st.booleans(),
    )


def float64_values(specials: bool = True, magnitude: float = 1e300) -> st.SearchStrategy[float]:
    """Finite floats of at most ``magnitude`` (subnormals included), with the
    special values (NaN, infinities, -0.0, extremes) when ``specials``."""
    finite = st.one_of(
        floats_that_round(),
        st.floats(-magnitude, magnitude, allow_nan=False, allow_infinity=False),
        st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
        st.integers(-(2**20), 2**20).map(float),
        st.sampled_from((0.0, -0.0, 5e-324, -5e-324, sys.float_info.min, 1.0, -1.0)),
    )
    if not specials:
        return finite
    return st.one_of(finite, st.sampled_from(FLOAT_SPECIALS))


@composite
def float64_lists(draw: DrawFn, specials: bool = True, maximum: int = 130) -> list[float]:
    """Lists of floats around lane edges. Without specials the magnitudes stay
    small enough (|x| <= 1e300 / 256) that no partial sum can overflow."""
    length = draw(lengths_around_lane_edges(maximum))
    magnitude = 1e300 if specials else 1e300 / 256
    return draw(st.lists(float64_values(specials, magnitude), min_size=length, max_size=length))


@composite
def thresholds_for(draw: DrawFn, values: list) -> object:
    """A threshold equal to an element, next to one, an extreme, a float between
    ints, a huge int, or a special float."""
    choices = [
        st.sampled_from(INT64_EXTREMES),
        st.integers(-(2**70), 2**70),
        st.sampled_from(FLOAT_SPECIALS),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from((2**63, -(2**63) - 1, 2**1100, -(2**1100), 2**53 + 1, True, False)),
    ]
    if values:
        element = st.sampled_from(values)
        choices += [element, element, element.map(lambda v: v + 1), element.map(lambda v: v - 1)]
        choices.append(element.map(lambda v: v + 0.5 if isinstance(v, int) else v))
    return draw(st.one_of(choices))


@composite
def needles_for(draw: DrawFn, values: list) -> object:
    """A value to look for: an element (often the last), its int/float twin,
    something absent, or a special."""
    choices = [
        st.sampled_from(INT64_EXTREMES),
        st.sampled_from(FLOAT_SPECIALS),
        st.integers(-(2**70), 2**70),
        st.sampled_from((2**63, 2**53 + 1, 0.5, True)),
    ]
    if values:
        element = st.sampled_from(values)
        choices += [element, element, st.just(values[-1])]
        choices.append(
            element.map(lambda v: float(v) if isinstance(v, int) and abs(v) < 2**53 else v)
        )
        choices.append(
            element.map(lambda v: int(v) if isinstance(v, float) and v.is_integer() else v)
        )
    return draw(st.one_of(choices))
