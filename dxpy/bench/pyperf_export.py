"""The run's samples as a pyperf benchmark suite, and pyperf's statistics of a sample.

pyperf is the measuring engine's model: calibrated loops, warm-ups, several
processes, every value kept. Its process-per-benchmark runner does not fit a
run of hundreds of cases in minutes (each benchmark would start its own
interpreters and rebuild its inputs), so :mod:`dxpy.bench.run` measures with
one process per pass over all cases, and this module hands the result back to
pyperf's world: one :class:`pyperf.Benchmark` per case and candidate, one
:class:`pyperf.Run` per measuring process (its warm-ups and calibrated loop
count included). ``python -m pyperf stats|hist|compare_to`` then work on the
report's ``pyperf.json``, and the report's spread and significance come from
the same statistics pyperf prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

try:
    import pyperf
except ImportError:  # the report still renders; it says pyperf was missing
    pyperf = None


def available() -> bool:
    """Whether pyperf is installed; without it there is no pyperf.json and no t-test."""
    return pyperf is not None


def benchmark_name(record: Mapping[str, object]) -> str:
    """The pyperf benchmark name of a measurement: ``<case key> <candidate id>``."""
    return f"{record['key']} {record['candidate']}"


def benchmark(record: Mapping[str, object]):
    """One measurement as a pyperf Benchmark (``None`` where it has no samples)."""
    if pyperf is None or not record.get("runs"):
        return None
    runs = []
    for run in record["runs"]:
        values = [value for value in run["samples"] if value > 0]
        if not values:
            continue
        metadata = {
            "name": benchmark_name(record),
            "loops": int(run["loops"]),
            "unit": "second",
            "description": f"{record['label']} on {record['key']} ({record['timing']}-timed)",
        }
        warmups = [(int(run["loops"]), value) for value in run.get("warmups", []) if value > 0]
        runs.append(pyperf.Run(values, warmups=warmups, metadata=metadata, collect_metadata=False))
    return pyperf.Benchmark(runs) if runs else None


def suite(records: Iterable[Mapping[str, object]]):
    """Every measurement with samples as one pyperf BenchmarkSuite (``None`` without pyperf)."""
    if pyperf is None:
        return None
    benchmarks = [b for b in (benchmark(record) for record in records) if b is not None]
    return pyperf.BenchmarkSuite(benchmarks) if benchmarks else None


def write_suite(records: Iterable[Mapping[str, object]], path: str | Path) -> bool:
    """Write the suite as pyperf JSON; False when pyperf is missing or nothing was measured."""
    measured = suite(records)
    if measured is None:
        return False
    Path(path).unlink(missing_ok=True)  # pyperf refuses to overwrite unless told
    measured.dump(str(path), compact=True)
    return True


def significant(first: list[float], second: list[float]) -> bool | None:
    """pyperf's two-sample t-test (95%): do the samples differ? ``None`` when it cannot say."""
    if pyperf is None or len(first) < 2 or len(second) < 2:
        return None
    try:
        from pyperf._utils import is_significant  # what `pyperf compare_to` uses
    except ImportError:
        return None
    try:
        return bool(is_significant(first, second)[0])
    except (ZeroDivisionError, ValueError):
        return None
