"""A whole run: several measuring processes, one after the other, their data merged.

As in pyperf, each process is a fresh interpreter (``python -m
dxpy.bench.worker``) that calibrates its own loop counts, warms up and takes
its samples; several of them let the spread of a number include what differs
between processes: memory layout, where the inputs landed, the state of the
CPU's caches and predictors at start. Unlike pyperf (one set of processes per
benchmark), one process measures every case in turn, so that hundreds of cases
fit in minutes; the processes run one after the other, never at once.

The texts are drawn once, here, and handed to the processes as a file. The
processes stream their cases; an interruption (Ctrl-C) or a crashed process
therefore loses at most the case in flight, and the document is marked partial.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import dxpy
from dxpy.bench import results
from dxpy.bench.cases import Case, CaseContext
from dxpy.bench.corpus import Corpus
from dxpy.bench.machine import machine_info, software_versions
from dxpy.bench.session import (
    BenchConfig,
    build_context,
    engine_rows,
    planned_cases,
    run_header,
)


class Terminated(KeyboardInterrupt):
    """SIGTERM while measuring (a CI timeout, a service manager): stop as for Ctrl-C."""

    reason = "terminated (SIGTERM)"


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block SIGTERM raises :class:`Terminated`, so measuring stops cleanly
    and what was measured is kept (main thread only; elsewhere nothing changes)."""

    def raise_terminated(signal_number, frame) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, raise_terminated)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class ProgressSink:
    """What a run tells its caller while it measures; the default says nothing."""

    def start(self, total: int, message: str, weight: float = 0.0) -> None:
        """Measuring begins: ``total`` case measurements (cases x processes), whose
        :func:`expected_cost` adds up to ``weight`` (for an estimate of the time left)."""

    def advance(self, label: str, weight: float = 1.0) -> None:
        """One case of one process is measured; ``weight`` is its expected cost."""

    def note(self, message: str) -> None:
        """Something worth a line of its own (a process started, a problem)."""

    def finish(self) -> None:
        """Measuring is over."""


# Bytes a unit stands for in expected_cost: a SimdList element is 8 bytes and a
# Python-level loop step for CPython's list; a SwissDict key, a Python loop step.
_COST_BYTES_PER_UNIT = {"bytes": 1, "elements": 32, "keys": 128}


def expected_cost(case: Case) -> float:
    """A case's measuring time relative to a small case, for the progress estimate only.

    Most calls are shorter than a sample, so a case costs about the same at
    any size; a 16 MiB text costs about twice a 64 B one (measured), and a
    million SwissDict keys, whose calls are Python loops, about seven times.
    """
    size_bytes = case.size * _COST_BYTES_PER_UNIT.get(case.unit, 1)
    return 1.0 + 0.8 * size_bytes / (16 << 20)


def plan(config: BenchConfig) -> tuple[list[Case], CaseContext]:
    """The run's cases without touching any data (raises UnknownFilterError, ValueError)."""
    context = build_context(config, corpus=None)  # type: ignore[arg-type] -- planning only
    return planned_cases(config, context), context


def merge_case(merged: dict[str, object], case: dict[str, object]) -> None:
    """Pool another process's data of the same case into ``merged``.

    Samples are appended process after process, so the ``i``-th samples of
    two candidates of a case still come from the same round.
    """
    mine_by_id = {candidate["id"]: candidate for candidate in merged["candidates"]}
    for theirs in case["candidates"]:
        mine = mine_by_id.get(theirs["id"])
        if mine is None:
            merged["candidates"].append(theirs)
            continue
        mine["verified"] = mine["verified"] and theirs["verified"]
        mine["error"] = mine["error"] or theirs["error"]
        mine["loops"] += theirs["loops"]
        mine["samples"] += theirs["samples"]
        mine["runs"] += theirs["runs"]


class _Collector:
    """The merged raw data of the processes so far, case by case in plan order."""

    def __init__(self, keys: list[str], weights: dict[str, float] | None = None) -> None:
        self.keys = keys
        self.weights = weights or {}
        self.cases: dict[str, dict[str, object]] = {}
        self.header: dict[str, object] = {}

    def add(self, case: dict[str, object]) -> None:
        key = case["key"]
        if key in self.cases:
            merge_case(self.cases[key], case)
        else:
            self.cases[key] = json.loads(json.dumps(case))  # a copy the merge may extend

    def raw(self) -> dict[str, object]:
        ordered = [self.cases[key] for key in self.keys if key in self.cases]
        return {**self.header, "cases": ordered}


def _worker_command() -> list[str]:
    """A fresh interpreter running :mod:`dxpy.bench.worker` of *this* dxpy.

    ``python -m`` would import whichever ``dxpy`` comes first on the new
    process's path: from a repository root that is the source folder (without
    its compiled module), not the installed package this run imported. So the
    worker loads the package from the very folder the parent's came from.
    """
    package = Path(dxpy.__path__[0])  # not resolved: a linked tree stays itself
    init, folder = str(package / "__init__.py"), str(package)
    bootstrap = "\n".join(
        [
            "import importlib.util, sys",
            f"spec = importlib.util.spec_from_file_location('dxpy', {init!r},"
            f" submodule_search_locations=[{folder!r}])",
            "module = importlib.util.module_from_spec(spec)",
            "sys.modules['dxpy'] = module",
            "spec.loader.exec_module(module)",
            "from dxpy.bench.worker import main",
            "sys.exit(main())",
        ]
    )
    return [sys.executable, "-c", bootstrap]


def _run_process(
    config: BenchConfig, index: int, collector: _Collector, progress: ProgressSink, cwd: Path
) -> str | None:
    """Measure in one fresh process; ``None`` when it finished, else why it stopped."""
    process = subprocess.Popen(
        _worker_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=cwd,  # a folder of its own: nothing there to import by accident
    )
    current = None
    try:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps(config.to_json()))
        process.stdin.close()
        for line in process.stdout:
            event = json.loads(line)
            if event["event"] == "plan":
                collector.header = {k: v for k, v in event.items() if k not in ("event", "keys")}
                current = event["keys"][0] if event["keys"] else None
            elif event["event"] == "case":
                collector.add(event["case"])
                key = event["case"]["key"]
                progress.advance(f"process {index}: {key}", collector.weights.get(key, 1.0))
                keys = collector.keys
                position = keys.index(event["case"]["key"]) + 1
                current = keys[position] if position < len(keys) else None
            elif event["event"] == "error":  # the parent's plan passed, so this is a bug
                raise RuntimeError(f"measuring process {index}: {event['message']}")
        returncode = process.wait()
    except KeyboardInterrupt:
        _stop(process)
        raise
    if returncode != 0:
        signal_name = _signal_name(returncode)
        where = f" during {current}" if current else ""
        return f"measuring process {index} exited with {returncode}{signal_name}{where}"
    return None


def _over_budget(config: BenchConfig, elapsed: float, processes_done: int) -> str | None:
    """Why no further process should start: the next one would end past the time budget."""
    budget = config.time_budget_seconds
    if budget is None or processes_done >= config.processes:
        return None
    projected = elapsed / processes_done * (processes_done + 1)
    if projected <= budget:
        return None
    return (
        f"time budget: {processes_done} of {config.processes} measuring processes ran "
        f"({elapsed:.0f} s; another would end near {projected:.0f} s, past {budget:.0f} s)"
    )


def _stop(process: subprocess.Popen) -> None:
    """End a measuring process this run started (it may have seen Ctrl-C itself)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _signal_name(returncode: int) -> str:
    if returncode >= 0:
        return ""
    try:
        return f" ({signal.Signals(-returncode).name})"
    except ValueError:
        return ""


def run_benchmark(
    config: BenchConfig,
    progress: ProgressSink | None = None,
    on_corpus: Callable[[Corpus], None] | None = None,
) -> dict[str, object]:
    """Measure everything ``config`` asks for and return the benchmark's JSON document.

    Ctrl-C (or SIGTERM, under :func:`terminate_as_interrupt`) ends measuring and
    returns what was measured, marked partial; so does a measuring process that
    dies (its crash is reported as the reason).
    """
    progress = progress or ProgressSink()
    cases, context = plan(config)  # fails fast on an unknown filter or engine
    machine = machine_info()  # before measuring: its load average describes the start
    started = time.time()
    clock = time.perf_counter()
    collector = _Collector(
        [case.key for case in cases], {case.key: expected_cost(case) for case in cases}
    )
    collector.header = {"engines": engine_rows(context)}
    stopped: str | None = None
    budget_note: str | None = None
    processes = max(1, config.processes)
    processes_run = 0
    try:
        with tempfile.TemporaryDirectory(prefix="dxpy-bench-") as scratch:
            progress.note(f"drawing the texts (seed {config.seed})")
            corpus = Corpus.generate(config.seed)
            if on_corpus is not None:
                on_corpus(corpus)
            corpus_path = Path(scratch) / "corpus.pickle"
            corpus.save(corpus_path)
            collector.header = run_header(_with_corpus(context, corpus))
            worker_config = dataclasses.replace(config, corpus_path=str(corpus_path))
            progress.start(
                len(cases) * processes,
                f"{len(cases)} cases x {processes} processes",
                sum(collector.weights.values()) * processes,
            )
            for index in range(1, processes + 1):
                stopped = _run_process(worker_config, index, collector, progress, Path(scratch))
                processes_run = index
                if stopped:
                    progress.note(stopped)
                    break
                budget_note = _over_budget(config, time.perf_counter() - clock, index)
                if budget_note and index < processes:
                    progress.note(budget_note)
                    break
    except KeyboardInterrupt as interruption:
        stopped = getattr(interruption, "reason", None) or "interrupted (Ctrl-C)"
    finally:
        progress.finish()
    raw = collector.raw()
    document = results.build_document(
        config,
        raw,
        machine=machine,
        versions=software_versions(),
        started_at=started,
        duration_seconds=time.perf_counter() - clock,
        partial=None
        if stopped is None
        else {
            "reason": stopped,
            "measured_cases": len(raw["cases"]),
            "planned_cases": len(cases),
        },
    )
    document["machine"]["load_average_at_end"] = _load_average()
    document["processes_run"] = processes_run
    document["budget_note"] = budget_note
    document["engine_builds"] = [
        {"name": build.name, "isa": build.isa, "mode": build.mode} for build in dxpy.engine_builds()
    ]
    document["default_engine"] = dxpy.default_engine()
    return document


def _with_corpus(context: CaseContext, corpus: Corpus) -> CaseContext:
    return CaseContext(corpus, context.engines, context.native_timing_max_size)


def _load_average() -> list[float] | None:
    try:
        return list(os.getloadavg())
    except OSError:
        return None
