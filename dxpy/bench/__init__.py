"""dxpy's benchmark: the engines against CPython and real peers, results as JSON first.

``dxpy-report`` (:mod:`dxpy.report`) runs it and renders the HTML report;
``python -m dxpy.bench`` runs it and prints text tables. The parts, each with
one job:

* :mod:`dxpy.bench.measure` - timing (calibration, warm-up, turns, spread);
* :mod:`dxpy.bench.inputs` / :mod:`dxpy.bench.corpus` - deterministic texts at every size,
  adversarial ones included;
* :mod:`dxpy.bench.peers` - StringZilla and glibc ``memmem``;
  :mod:`dxpy.bench.native_timing` - kernels looped in C++;
* :mod:`dxpy.bench.cases`, :mod:`dxpy.bench.list_cases`, :mod:`dxpy.bench.dict_cases` - the
  benchmark definitions; :mod:`dxpy.bench.catalogue` - their sizes and a run's plan;
* :mod:`dxpy.bench.targets` - the issues' speed targets and their evaluation;
* :mod:`dxpy.bench.session` / :mod:`dxpy.bench.run` / :mod:`dxpy.bench.worker` - measuring,
  in several processes;
* :mod:`dxpy.bench.results` - the JSON document; :mod:`dxpy.bench.pyperf_export` - the same
  samples as a pyperf suite; :mod:`dxpy.bench.table` - text tables.
"""

from __future__ import annotations

from dxpy.bench.cases import Candidate, Case
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
    "load_json",
    "run_benchmark",
    "write_json",
]
