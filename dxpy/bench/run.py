"""A whole run: one or several measuring processes, their raw data merged into one document.

Several processes (one after the other, never at once) let the spread of a
number include what differs between processes: memory layout, where the
inputs landed, the state of the CPU's caches and predictors at start.
Each process calibrates its own loop counts; their samples are pooled.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from dxpy.bench import results
from dxpy.bench.machine import machine_info, software_versions
from dxpy.bench.session import BenchConfig, Progress, measure_in_process, stderr_progress


def _measure_in_worker(config: BenchConfig, index: int) -> dict[str, object]:
    """Raw data from a fresh interpreter running :mod:`dxpy.bench.worker`."""
    completed = subprocess.run(
        [sys.executable, "-m", "dxpy.bench.worker", f"--label=process {index}: "],
        input=json.dumps(config.to_json()),
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"measuring process {index} exited with {completed.returncode}")
    return json.loads(completed.stdout)


def merge_raw(runs: list[dict[str, object]]) -> dict[str, object]:
    """One raw run from several: per case and candidate, loop counts and samples pooled.

    Samples are appended process after process, so the ``i``-th samples of
    two candidates of a case still come from the same round.
    """
    merged = json.loads(json.dumps(runs[0]))  # a deep copy
    for other in runs[1:]:
        for merged_case, case in zip(merged["cases"], other["cases"], strict=True):
            assert merged_case["id"] == case["id"], (merged_case["id"], case["id"])
            for mine, theirs in zip(merged_case["candidates"], case["candidates"], strict=True):
                mine["verified"] = mine["verified"] and theirs["verified"]
                mine["error"] = mine["error"] or theirs["error"]
                mine["loops"] += theirs["loops"]
                mine["samples"] += theirs["samples"]
    return merged


def run_benchmark(config: BenchConfig, progress: Progress = stderr_progress) -> dict[str, object]:
    """Measure everything ``config`` asks for and return the benchmark's JSON document."""
    machine = machine_info()  # before measuring: its load average describes the start
    started = time.time()
    clock = time.perf_counter()
    if config.processes <= 1:
        raw = measure_in_process(config, progress)
    else:
        raw = merge_raw(
            [_measure_in_worker(config, index) for index in range(1, config.processes + 1)]
        )
    document = results.build_document(
        config,
        raw,
        machine=machine,
        versions=software_versions(),
        started_at=started,
        duration_seconds=time.perf_counter() - clock,
    )
    document["machine"]["load_average_at_end"] = _load_average()
    return document


def _load_average() -> list[float] | None:
    try:
        return list(os.getloadavg())
    except OSError:
        return None
