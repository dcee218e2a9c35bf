"""One measuring process: build the inputs and cases, verify every candidate, time them.

The result is raw data (loop counts and seconds per call for each case and
candidate), which :mod:`dxpy.bench.run` merges across processes and
:mod:`dxpy.bench.results` turns into the benchmark's JSON document.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from dxpy.bench import measure
from dxpy.bench.cases import Case, build_cases, engine_candidate_id, select_engines
from dxpy.bench.inputs import DEFAULT_SEED, MEBIBYTE, build_inputs
from dxpy.bench.verify import check_candidate

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BenchConfig:
    """Everything a run depends on; a worker process receives it as JSON."""

    engines: tuple[str, ...] = ("avx2",)
    quick: bool = False
    size: int = MEBIBYTE
    seed: int = DEFAULT_SEED
    processes: int = 3
    settings: measure.MeasureSettings = field(default_factory=lambda: measure.FULL)
    only: tuple[str, ...] = ()  # case-id prefixes; empty: every case

    def to_json(self) -> dict[str, object]:
        """The configuration as a JSON-ready mapping."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> BenchConfig:
        """The configuration :meth:`to_json` wrote."""
        values = dict(data)
        values["settings"] = measure.MeasureSettings(**values["settings"])
        values["engines"] = tuple(values["engines"])
        values["only"] = tuple(values.get("only", ()))
        return cls(**values)


def stderr_progress(message: str) -> None:
    """Progress lines go to stderr, so stdout stays free for results."""
    print(message, file=sys.stderr, flush=True)


def _wanted(case: Case, only: tuple[str, ...]) -> bool:
    return not only or any(case.id.startswith(prefix) for prefix in only)


def measure_case(case: Case, settings: measure.MeasureSettings) -> dict[str, object]:
    """Raw data of one case: each candidate verified, then the verified ones timed in turns."""
    expected = case.oracle()
    errors = {candidate.id: check_candidate(candidate, expected) for candidate in case.candidates}
    del expected  # large results (split lists) should not sit in memory while timing
    calls = {c.id: c.call for c in case.candidates if errors[c.id] is None}
    taken = measure.measure_alternating(calls, settings) if calls else {}
    candidates = []
    for candidate in case.candidates:
        samples = taken.get(candidate.id)
        candidates.append(
            {
                "id": candidate.id,
                "label": candidate.label,
                "role": candidate.role,
                "verified": errors[candidate.id] is None,
                "error": errors[candidate.id],
                "loops": [samples.loops] if samples else [],
                "samples": list(samples.seconds_per_call) if samples else [],
            }
        )
    return {**case.describe(), "candidates": candidates}


def measure_in_process(
    config: BenchConfig, progress: Progress = stderr_progress, process_label: str = ""
) -> dict[str, object]:
    """Raw data of every (selected) case, measured in this process."""
    inputs = build_inputs(config.size, config.seed)
    engines = select_engines(list(config.engines))
    cases = [case for case in build_cases(inputs, engines) if _wanted(case, config.only)]
    raw_cases = []
    for number, case in enumerate(cases, start=1):
        progress(f"{process_label}[{number}/{len(cases)}] {case.id}")
        raw_cases.append(measure_case(case, config.settings))
    return {
        "engines": [
            {"name": engine.name, "mode": engine.mode, "id": engine_candidate_id(engine)}
            for engine in engines
        ],
        "absent_needles": {str(k): v for k, v in sorted(inputs.absent_needles.items())},
        "cases": raw_cases,
    }
