"""Timing of zero-argument calls and of self-timing loops: calibration, warm-up, statistics.

This module knows nothing about dxpy or strings. It times timers - functions
that run something ``loops`` times and answer the nanoseconds it took, either
a Python loop over a zero-argument call (:func:`call_timer`) or a loop in
native code - so that the numbers can be compared with each other:

* each sample runs the call in a loop long enough (``min_sample_seconds``)
  that the clock's resolution and the loop's own cost do not matter;
* the loop count is calibrated once per candidate, then kept for all of its
  samples, and warm-up samples are thrown away;
* the candidates of one comparison take turns, sample by sample, in a rotating
  order, so a drift of the machine (frequency, a neighbour's load) falls on all
  of them alike, and a ratio can be formed per round of samples;
* the garbage collector is off while a sample runs (and back on between).
"""

from __future__ import annotations

import gc
import itertools
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

NANOSECONDS_PER_SECOND = 1_000_000_000


@dataclass(frozen=True)
class MeasureSettings:
    """How much effort one measurement gets.

    ``samples`` counts the kept samples per candidate and process; the
    warm-up samples come on top and are discarded.
    """

    min_sample_seconds: float
    samples: int
    warmups: int


QUICK = MeasureSettings(min_sample_seconds=0.005, samples=3, warmups=1)
FULL = MeasureSettings(min_sample_seconds=0.02, samples=3, warmups=1)

Timer = Callable[[int], int]  # loops -> nanoseconds


@dataclass(frozen=True)
class Samples:
    """One candidate's samples: loop count, kept seconds per call, warm-up seconds per call."""

    loops: int
    seconds_per_call: tuple[float, ...]
    warmup_seconds_per_call: tuple[float, ...] = ()


@dataclass(frozen=True)
class Spread:
    """Summary of a sample of durations (seconds per call)."""

    median: float
    minimum: float
    first_quartile: float
    third_quartile: float
    maximum: float

    def as_dict(self) -> dict[str, float]:
        """The spread as a JSON-ready mapping."""
        return {
            "median": self.median,
            "min": self.minimum,
            "q1": self.first_quartile,
            "q3": self.third_quartile,
            "max": self.maximum,
        }


def time_loops(call: Callable[[], object], loops: int) -> int:
    """Nanoseconds taken by ``loops`` calls of ``call``, garbage collector off."""
    collector_was_enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter_ns()
        for _ in itertools.repeat(None, loops):
            call()
        return time.perf_counter_ns() - start
    finally:
        if collector_was_enabled:
            gc.enable()


def call_timer(call: Callable[[], object]) -> Timer:
    """The timer of a zero-argument call: :func:`time_loops` bound to it."""
    return lambda loops: time_loops(call, loops)


def _timed(timer: Timer, loops: int) -> int:
    """Nanoseconds of one sample, garbage collector off (a native loop may still allocate)."""
    collector_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return timer(loops)
    finally:
        if collector_was_enabled:
            gc.enable()


def calibrate(timer: Timer, min_sample_seconds: float) -> int:
    """The loop count for which one sample of ``timer`` lasts at least ``min_sample_seconds``."""
    wanted_ns = min_sample_seconds * NANOSECONDS_PER_SECOND
    loops = 1
    while True:
        elapsed_ns = _timed(timer, loops)
        if elapsed_ns >= wanted_ns:
            return loops
        # Aim 20% past the goal so that noise rarely forces another round,
        # but never grow by more than 100x on one (possibly cold) reading.
        estimate = int(loops * wanted_ns * 1.2 / max(elapsed_ns, 1)) + 1
        loops = min(max(estimate, loops + 1), loops * 100)


def measure_alternating(
    timers: Mapping[str, Timer], settings: MeasureSettings
) -> dict[str, Samples]:
    """Samples of every timer in ``timers``, taken in turns.

    Round ``r`` runs the candidates in the order rotated by ``r``; the
    ``i``-th sample of every candidate therefore comes from the same round,
    which is what :func:`paired_ratios` relies on.
    """
    names = list(timers)
    loops = {name: calibrate(timers[name], settings.min_sample_seconds) for name in names}
    warmups: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(settings.warmups):
        for name in names:
            elapsed_ns = _timed(timers[name], loops[name])
            warmups[name].append(elapsed_ns / loops[name] / NANOSECONDS_PER_SECOND)
    taken: dict[str, list[float]] = {name: [] for name in names}
    for round_index in range(settings.samples):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            elapsed_ns = _timed(timers[name], loops[name])
            taken[name].append(elapsed_ns / loops[name] / NANOSECONDS_PER_SECOND)
    return {name: Samples(loops[name], tuple(taken[name]), tuple(warmups[name])) for name in names}


def spread(seconds_per_call: tuple[float, ...] | list[float]) -> Spread:
    """Median, extremes and quartiles of a non-empty sample."""
    values = sorted(seconds_per_call)
    if len(values) == 1:
        only = values[0]
        return Spread(only, only, only, only, only)
    first, _, third = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(statistics.median(values), values[0], first, third, values[-1])


def paired_ratios(
    baseline: tuple[float, ...] | list[float], subject: tuple[float, ...] | list[float]
) -> list[float]:
    """Speed-up of ``subject`` over ``baseline`` in each round (baseline time / subject time)."""
    if len(baseline) != len(subject):
        raise ValueError(
            f"paired samples differ in length: baseline {len(baseline)}, subject {len(subject)}"
        )
    return [base / sub for base, sub in zip(baseline, subject, strict=True) if sub > 0]


def gigabytes_per_second(size_bytes: int, seconds: float) -> float:
    """Throughput in GB/s (10**9 bytes per second) of ``size_bytes`` handled in ``seconds``."""
    return size_bytes / seconds / 1e9 if seconds > 0 else float("inf")
