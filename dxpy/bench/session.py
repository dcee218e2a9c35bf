"""One measuring process: plan the cases, verify every candidate, time them, case by case.

The result is raw data (loop counts and seconds per call for each case and
candidate), which :mod:`dxpy.bench.run` merges across processes and
:mod:`dxpy.bench.results` turns into the benchmark's JSON document.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from dxpy.bench import catalogue, measure, native_timing
from dxpy.bench.cases import Case, CaseContext, engine_candidate_id, select_engines
from dxpy.bench.corpus import Corpus
from dxpy.bench.inputs import DEFAULT_SEED
from dxpy.bench.targets import DEFAULT_CAPABLE, SIMD_ENGINES, target_engine_ids
from dxpy.bench.verify import check_candidate

Progress = Callable[[str], None]


class UnknownFilterError(ValueError):
    """A --filter pattern that names no case of the run."""

    def __init__(
        self, unmatched: list[str], vocabulary: dict[str, list[str]], hint: str | None = None
    ) -> None:
        self.unmatched = unmatched
        self.vocabulary = vocabulary
        names = ", ".join(repr(p) for p in unmatched)
        if hint is None:
            words = "; ".join(f"{name}: {', '.join(values)}" for name, values in vocabulary.items())
            hint = (
                f"a filter is a word ({words}) or a glob over case keys such as "
                "'find/ascii-bytes/*@4KiB'"
            )
        super().__init__(f"no case matches {names}; {hint}")


@dataclass(frozen=True)
class BenchConfig:
    """Everything a run depends on; a worker process receives it as JSON."""

    engines: tuple[str, ...] = ("avx2",)  # NAME or NAME:MODE
    quick: bool = False
    seed: int = DEFAULT_SEED
    processes: int = 3
    settings: measure.MeasureSettings = field(default_factory=lambda: measure.FULL)
    filters: tuple[str, ...] = ()  # patterns (see catalogue.matches); empty: every case
    sizes: tuple[int, ...] | None = None  # None: the families' own sizes
    native_timing_max_size: int = catalogue.NATIVE_TIMING_MAX_SIZE  # 0: no C++ loops
    corpus_path: str | None = None  # base texts saved by the parent, or None to draw them
    # Measuring time the run may take: a further process starts only if the ones so far
    # project within it (a quick run's promise on a slow or busy machine). None: no limit.
    time_budget_seconds: float | None = None

    def to_json(self) -> dict[str, object]:
        """The configuration as a JSON-ready mapping."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> BenchConfig:
        """The configuration :meth:`to_json` wrote (unknown keys of newer writers ignored)."""
        known = {f.name for f in dataclasses.fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["settings"] = measure.MeasureSettings(**values["settings"])
        values["engines"] = tuple(values["engines"])
        values["filters"] = tuple(values.get("filters", ()))
        if values.get("sizes") is not None:
            values["sizes"] = tuple(values["sizes"])
        return cls(**values)


def stderr_progress(message: str) -> None:
    """Progress lines go to stderr, so stdout stays free for results."""
    print(message, file=sys.stderr, flush=True)


def load_corpus(config: BenchConfig) -> Corpus:
    """The run's texts: the parent's saved corpus, or drawn here."""
    if config.corpus_path:
        return Corpus.load(config.corpus_path)
    return Corpus.generate(config.seed)


def build_context(config: BenchConfig, corpus: Corpus) -> CaseContext:
    """The context the cases are planned in: the corpus, the engines, the C++ timing limit."""
    return CaseContext(
        corpus=corpus,
        engines=tuple(select_engines(list(config.engines))),
        native_timing_max_size=config.native_timing_max_size,
    )


def target_context(context: CaseContext) -> CaseContext:
    """The context with only the engines the SIMD targets are held against."""
    return _narrowed(context, SIMD_ENGINES)


def capable_context(context: CaseContext) -> CaseContext:
    """The context with every native engine (the default-capable targets hold scalar too)."""
    return _narrowed(context, DEFAULT_CAPABLE)


def _narrowed(context: CaseContext, scope: str) -> CaseContext:
    rows = engine_rows(context)
    wanted = set(target_engine_ids(rows, scope))
    engines = tuple(e for e, row in zip(context.engines, rows, strict=True) if row["id"] in wanted)
    return dataclasses.replace(context, engines=engines)


def planned_cases(config: BenchConfig, context: CaseContext) -> list[Case]:
    """The run's cases in order; :class:`UnknownFilterError` for a filter that names none."""
    cases = catalogue.plan_cases(
        context,
        quick=config.quick,
        sizes=config.sizes,
        target_context=target_context(context),
        capable_context=capable_context(context),
    )
    kept, unmatched = catalogue.filter_cases(cases, config.filters)
    if unmatched:
        everything = catalogue.plan_cases(context, quick=False)
        beyond_quick = [p for p in unmatched if catalogue.filter_cases(everything, [p])[0]]
        if beyond_quick and config.quick and len(beyond_quick) == len(unmatched):
            hint = "only the full run measures what it names: drop --quick"
            raise UnknownFilterError(unmatched, {}, hint)
        raise UnknownFilterError(unmatched, catalogue.vocabulary(everything))
    return kept


def measure_case(case: Case, settings: measure.MeasureSettings) -> dict[str, object]:
    """Raw data of one case: each candidate verified, then the verified ones timed in turns."""
    prepared = case.prepare()
    expected = prepared.oracle()
    errors = {
        candidate.id: check_candidate(candidate, candidate.expected_from(expected))
        for candidate in prepared.candidates
    }
    del expected  # large results (split lists) should not sit in memory while timing
    timers = {
        c.id: c.timer if c.timer is not None else measure.call_timer(c.call)
        for c in prepared.candidates
        if errors[c.id] is None
    }
    taken = measure.measure_alternating(timers, settings) if timers else {}
    candidates = []
    for candidate in prepared.candidates:
        samples = taken.get(candidate.id)
        candidates.append(
            {
                **candidate.describe(),
                "verified": errors[candidate.id] is None,
                "error": errors[candidate.id],
                "loops": [samples.loops] if samples else [],
                "samples": list(samples.seconds_per_call) if samples else [],
                "runs": [
                    {
                        "loops": samples.loops,
                        "samples": list(samples.seconds_per_call),
                        "warmups": list(samples.warmup_seconds_per_call),
                    }
                ]
                if samples
                else [],
            }
        )
    return {
        **case.describe(),
        "size_bytes": prepared.size_bytes,
        "detail": prepared.detail,
        "candidates": candidates,
    }


def engine_rows(context: CaseContext) -> list[dict[str, object]]:
    """The engines under test, as the document lists them."""
    return [
        {
            "name": engine.name,
            "isa": engine.isa,
            "mode": engine.mode,
            "id": engine_candidate_id(engine),
        }
        for engine in context.engines
    ]


def iter_measured(
    config: BenchConfig,
    on_plan: Callable[[list[Case], CaseContext], None] | None = None,
    corpus: Corpus | None = None,
) -> Iterator[dict[str, object]]:
    """Raw data of every planned case, one case at a time (so an interruption loses one)."""
    context = build_context(config, corpus or load_corpus(config))
    cases = planned_cases(config, context)
    if on_plan is not None:
        on_plan(cases, context)
    for case in cases:
        yield measure_case(case, config.settings)


def run_header(context: CaseContext) -> dict[str, object]:
    """What a measuring process reports besides its cases."""
    return {
        "engines": engine_rows(context),
        "absent_needles": {
            str(k): v for k, v in sorted(context.corpus.base.absent_needles.items())
        },
        "native_timing": native_timing.available(),
    }


def measure_in_process(
    config: BenchConfig, progress: Progress = stderr_progress, process_label: str = ""
) -> dict[str, object]:
    """Raw data of every planned case, measured in this process."""
    header: dict[str, object] = {}
    total = [0]

    def on_plan(cases: list[Case], context: CaseContext) -> None:
        header.update(run_header(context))
        total[0] = len(cases)

    raw_cases = []
    for number, raw in enumerate(iter_measured(config, on_plan), start=1):
        progress(f"{process_label}[{number}/{total[0]}] {raw['key']}")
        raw_cases.append(raw)
    return {**header, "cases": raw_cases}
