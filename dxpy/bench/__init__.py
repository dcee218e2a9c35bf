"""dxpy's benchmark: the engines against CPython and real peers, results as JSON first.

Run it as ``python -m dxpy.bench [--quick] [--json FILE] [--engine NAME]``.

The parts, each with one job, for a report generator to import:

* :mod:`dxpy.bench.measure` - timing of calls (calibration, warm-up, turns, spread);
* :mod:`dxpy.bench.inputs` - deterministic texts and absent needles;
* :mod:`dxpy.bench.peers` - StringZilla and glibc ``memmem``;
* :mod:`dxpy.bench.cases` - the benchmark definitions (operation, input, candidates);
* :mod:`dxpy.bench.targets` - the issue's speed targets and their evaluation;
* :mod:`dxpy.bench.session` / :mod:`dxpy.bench.run` - measuring, in one or several processes;
* :mod:`dxpy.bench.results` - the JSON document; :mod:`dxpy.bench.table` - text tables.
"""

from __future__ import annotations

from dxpy.bench.cases import Candidate, Case, build_cases
from dxpy.bench.measure import FULL, QUICK, MeasureSettings
from dxpy.bench.results import load_json, write_json
from dxpy.bench.run import run_benchmark
from dxpy.bench.session import BenchConfig
from dxpy.bench.targets import Target, all_targets

__all__ = [
    "FULL",
    "QUICK",
    "BenchConfig",
    "Candidate",
    "Case",
    "MeasureSettings",
    "Target",
    "all_targets",
    "build_cases",
    "load_json",
    "run_benchmark",
    "write_json",
]
