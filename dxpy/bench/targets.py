"""The speed targets of the engines issue, and their evaluation against measurements.

A target compares the engine under test with one peer on one case: the ratio
is the median, over the rounds of samples taken in turn, of the peer's time per
call divided by the engine's (a speed-up; 2.0 means the engine takes half the
time). ``threshold`` ``None`` marks a
comparison that is reported for information only (glibc ``memmem``).
A verdict is ``confident`` when the interquartile range of the ratios formed
round by round (samples taken in the same turn) lies on one side of the threshold.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from dxpy.bench.cases import COUNT_NEEDLES, CPYTHON, MEMCHR, MEMMEM, STRINGZILLA, size_label
from dxpy.bench.dict_cases import DICT_OPS, KEY_KINDS
from dxpy.bench.inputs import ABSENT_NEEDLE_LENGTHS, NEEDLE_SWEEP_LENGTHS
from dxpy.bench.list_cases import ELEMENT_TYPES, NUMPY
from dxpy.bench.measure import paired_ratios, spread

TARGET_SIZE = 1 << 20  # 1 MiB of text, 1 Mi elements, 1 Mi keys
# A quick run measures SwissDict at 64 Ki keys (a Python loop over a million keys
# per call is too slow for it); its targets are read there.
SWISS_DICT_MIN_SIZE = 64 << 10

# Which engines a target is held against: the native SIMD engines (the targets
# set for SIMD speed-ups), or every native engine, scalar included: scalar is
# the default wherever no SIMD engine is native (s390x, ppc64le, riscv64).
SIMD_ENGINES = "simd"
DEFAULT_CAPABLE = "default-capable"
# Where the engine's answer is the very routine its peer calls (a one-byte find
# is memchr in both), "at least as fast" is read as within 5%: the noise of one
# run on a shared machine, not a difference.
SAME_ROUTINE_THRESHOLD = 0.95


@dataclass(frozen=True)
class Target:
    """The engine must be at least ``threshold`` times as fast as ``baseline`` on ``case_id``.

    A target is read at :data:`TARGET_SIZE`; a run that did not measure the case
    there reads it at the nearest size not below ``min_size`` (and says so).
    """

    text: str
    case_id: str
    baseline: str
    threshold: float | None
    min_size: int = TARGET_SIZE
    engines: str = SIMD_ENGINES


def _find_targets() -> list[Target]:
    targets = []
    for kind, type_name in (("ascii-bytes", "bytes"), ("ascii-str", "str")):
        for length in ABSENT_NEEDLE_LENGTHS:
            case_id = f"find/{kind}/absent-{length}"
            what = f"find absent {length}B needle, ASCII {type_name}"
            targets.append(Target(f"{what} vs StringZilla Str.find", case_id, STRINGZILLA, 1.0))
            targets.append(Target(f"{what} vs {type_name}.find", case_id, CPYTHON, 10.0))
            if type_name == "bytes":
                targets.append(Target(f"{what} vs glibc memmem", case_id, MEMMEM, None))
    return targets


def _needle_sweep_targets() -> list[Target]:
    """find of every needle length from one byte, on every engine that can be a default:
    never slower than CPython's method, and one byte at least as fast as glibc memchr."""
    targets = []
    for kind, type_name in (("ascii-bytes", "bytes"), ("ascii-str", "str")):
        for length in NEEDLE_SWEEP_LENGTHS:
            case_id = f"find/{kind}/absent-{length}"
            what = f"find absent {length}B needle, ASCII {type_name}"
            threshold = SAME_ROUTINE_THRESHOLD if length == 1 else 1.0
            text = f"default-capable engine: {what} vs {type_name}.find"
            targets.append(Target(text, case_id, CPYTHON, threshold, engines=DEFAULT_CAPABLE))
            if length == 1 and type_name == "bytes":
                targets.append(Target(f"default-capable engine: {what} vs glibc memchr",
                                      case_id, MEMCHR, SAME_ROUTINE_THRESHOLD,
                                      engines=DEFAULT_CAPABLE))  # fmt: skip
    return targets


# Every other op, on the inputs a program most often has: a default engine is
# never slower than CPython's own method.
_DEFAULT_ENGINE_CASES = (
    ("count", "count/ascii-bytes/1-byte", "bytes"),
    ("count", "count/ascii-str/3-byte", "str"),
    ("eq", "eq/ascii-bytes/equal-distinct", "bytes"),
    ("lower", "lower/ascii-str/whole", "str"),
    ("upper", "upper/ascii-str/whole", "str"),
    ("lower", "lower/mixed-str/whole", "str"),
    ("split", "split/ascii-str/separator-space", "str"),
    ("split", "split/ascii-str/whitespace", "str"),
    ("split", "split/mixed-str/whitespace", "str"),
    ("replace", "replace/ascii-str/frequent", "str"),
    ("join", "join/ascii-str/split-parts", "str"),
)


def _default_engine_targets() -> list[Target]:
    return [
        Target(f"default-capable engine: {case_id.split('/', 1)[1]} vs {type_name}.{op}",
               case_id, CPYTHON, 1.0, engines=DEFAULT_CAPABLE)
        for op, case_id, type_name in _DEFAULT_ENGINE_CASES
    ]  # fmt: skip


def _count_targets() -> list[Target]:
    return [
        Target(
            f"count {variant} needle, ASCII {type_name} vs StringZilla count",
            f"count/{kind}/{variant}",
            STRINGZILLA,
            1.0,
        )
        for kind, type_name in (("ascii-bytes", "bytes"), ("ascii-str", "str"))
        for variant in COUNT_NEEDLES
    ]


def _case_mapping_targets() -> list[Target]:
    targets = []
    for op in ("lower", "upper"):
        targets += [
            Target(f"{op} ASCII str vs str.{op}", f"{op}/ascii-str/whole", CPYTHON, 20.0),
            Target(f"{op} ASCII bytes vs bytes.{op}", f"{op}/ascii-bytes/whole", CPYTHON, 2.0),
            Target(f"{op} mixed str (10% non-ASCII words) vs str.{op}",
                   f"{op}/mixed-str/whole", CPYTHON, 1.0),
            Target(f"{op} mostly non-ASCII str vs str.{op}",
                   f"{op}/non-ascii-str/whole", CPYTHON, 1.0),
        ]  # fmt: skip
    return targets


def _object_building_targets() -> list[Target]:
    targets = []
    for kind, label in (("ascii-str", "ASCII str"), ("ascii-bytes", "ASCII bytes"),
                        ("mixed-str", "mixed str")):  # fmt: skip
        type_name = "bytes" if kind.endswith("bytes") else "str"
        targets += [
            Target(f"split(' ') {label} vs {type_name}.split",
                   f"split/{kind}/separator-space", CPYTHON, 1.5),
            Target(f"split() {label} vs {type_name}.split",
                   f"split/{kind}/whitespace", CPYTHON, 1.5),
            Target(f"replace frequent 3B needle, {label} vs {type_name}.replace",
                   f"replace/{kind}/frequent", CPYTHON, 1.5),
            Target(f"join split parts, {label} vs {type_name}.join",
                   f"join/{kind}/split-parts", CPYTHON, 1.5),
        ]  # fmt: skip
    return targets


def _swiss_dict_targets() -> list[Target]:
    """SwissDict from Python: lookup and insert of int and str keys at >= 0.8x dict;
    misses and deletions for information."""
    thresholds = {"lookup": 0.8, "insert": 0.8, "miss": None, "delete": None}
    return [
        Target(
            f"SwissDict {op} {kind.removesuffix('-keys')} keys vs dict",
            f"swissdict/{kind}/{op}",
            CPYTHON,
            thresholds[op],
            SWISS_DICT_MIN_SIZE,
        )
        for kind in KEY_KINDS
        for op in DICT_OPS
    ]


def _simd_list_targets() -> list[Target]:
    """SimdList at least as fast as NumPy: sum (whose int64 sum
    checks overflow, NumPy's wraps), filter_gt against a[a > t], map_mul2
    against a * 2."""
    peers = {"sum": "a.sum()", "filter_gt": "a[a > t]", "map_mul2": "a * 2"}
    return [
        Target(f"SimdList {op} {element_type} vs NumPy {peer}",
               f"simdlist/{element_type}/{op}", NUMPY, 1.0)
        for op, peer in peers.items()
        for element_type in ELEMENT_TYPES
    ]  # fmt: skip


def all_targets() -> list[Target]:
    """Every target of the issue, in report order."""
    return [
        *_find_targets(),
        *_needle_sweep_targets(),
        *_count_targets(),
        Target("eq of equal distinct bytes vs bytes ==",
               "eq/ascii-bytes/equal-distinct", CPYTHON, 0.9),
        *_case_mapping_targets(),
        *_object_building_targets(),
        *_simd_list_targets(),
        *_swiss_dict_targets(),
        *_default_engine_targets(),
    ]  # fmt: skip


MeasurementIndex = Mapping[tuple[str, str, int], Mapping[str, object]]


def index_measurements(records: list[Mapping[str, object]]) -> dict:
    """Python-timed measurement records keyed by ``(case id, candidate id, size)``.

    Targets compare what a Python program sees, so C++-timed twins are left out.
    """
    return {
        (record["case"], record["candidate"], record.get("size") or TARGET_SIZE): record
        for record in records
        if record.get("timing", "python") == "python"
    }


def target_engine_ids(engines: list[Mapping[str, object]], scope: str = SIMD_ENGINES) -> list[str]:
    """The engines targets of ``scope`` are held against (else all measured).

    :data:`SIMD_ENGINES`: the native SIMD ones; :data:`DEFAULT_CAPABLE`: every native
    one, scalar included. An emulated engine's speed is no claim.
    """
    native = [e for e in engines if e["mode"] == "native"]
    if scope == SIMD_ENGINES:
        native = [e for e in native if e["name"] != "scalar"]
    return [e["id"] for e in native] or [e["id"] for e in engines]


def _size_of_comparison(target: Target, engine_id: str, index: MeasurementIndex) -> int | None:
    """The size to judge at: the targets' size where both sides were measured, else the
    nearest one not below the target's ``min_size``; ``None`` when there is none."""
    engine_sizes = {
        size for case, cand, size in index if case == target.case_id and cand == engine_id
    }
    both = {
        size
        for case, cand, size in index
        if case == target.case_id
        and cand == target.baseline
        and size in engine_sizes
        and size >= target.min_size
    }
    if not both:
        return None
    return min(both, key=lambda size: abs(math.log2(size / TARGET_SIZE)))


def evaluate(target: Target, engine_id: str, index: MeasurementIndex) -> dict[str, object]:
    """The target's verdict for one engine.

    ``index`` maps ``(case_id, candidate_id, size)`` to measurement records
    (see :func:`index_measurements`). ``met`` is ``None`` for information-only
    comparisons and ``False`` when either side could not be measured (a wrong
    answer, a missing peer); ``note`` says why. ``size`` is where the verdict
    was read: the targets' size (1 Mi) unless the run measured the case only
    smaller (a quick run's SwissDict), which ``size_note`` then says; ``None``
    when neither side was measured at a size the target may be read at.
    """
    verdict: dict[str, object] = {
        "text": target.text,
        "case": target.case_id,
        "engine": engine_id,
        "baseline": target.baseline,
        "threshold": target.threshold,
        "size": None,
        "unit": None,
        "size_note": None,
        "ratio": None,
        "ratio_range": None,
        "ratio_iqr": None,
        "engine_gb_per_s": None,
        "baseline_gb_per_s": None,
        "met": None if target.threshold is None else False,
        "confident": None,
        "note": None,
    }
    size = _size_of_comparison(target, engine_id, index)
    subject = baseline = None
    if size is not None:
        verdict["size"] = size
        subject = index[(target.case_id, engine_id, size)]
        baseline = index[(target.case_id, target.baseline, size)]
        unit = subject.get("unit", "bytes")
        verdict["unit"] = unit
        if size != TARGET_SIZE:
            verdict["size_note"] = (
                f"read at {size_label(size, unit)}, not {size_label(TARGET_SIZE, unit)}"
            )
    for side, record in (("engine", subject), ("baseline", baseline)):
        if record is None:
            verdict["note"] = f"{side} was not measured"
            return verdict
        if not record["verified"]:
            verdict["note"] = f"{side} gave a wrong answer: {record['error']}"
            return verdict
    paired = paired_ratios(baseline["samples"], subject["samples"])
    # The ratio is the median of the per-round ratios, so it always lies within their
    # interquartile range (a ratio of medians need not: rounds differ).
    ratio = (
        spread(paired).median
        if paired
        else baseline["seconds_per_call"]["median"] / subject["seconds_per_call"]["median"]
    )
    verdict.update(
        ratio=ratio,
        engine_gb_per_s=subject["gb_per_s"]["median"],
        baseline_gb_per_s=baseline["gb_per_s"]["median"],
    )
    if paired:
        paired_spread = spread(paired)
        verdict["ratio_range"] = [paired_spread.minimum, paired_spread.maximum]
        verdict["ratio_iqr"] = [paired_spread.first_quartile, paired_spread.third_quartile]
    if target.threshold is not None:
        verdict["met"] = ratio >= target.threshold
        # Confident: the middle half of the per-round ratios lies on one side of the
        # threshold (all rounds would let one disturbed round decide).
        if paired:
            low, high = verdict["ratio_iqr"]
            verdict["confident"] = low >= target.threshold or high < target.threshold
    return verdict


def evaluate_all(
    engine_ids: list[str],
    index: MeasurementIndex,
    default_capable_ids: list[str] | None = None,
) -> list[dict[str, object]]:
    """Verdicts of every target for every engine under test: ``engine_ids`` for SIMD
    targets, ``default_capable_ids`` (default: the same) for :data:`DEFAULT_CAPABLE` ones."""
    capable = engine_ids if default_capable_ids is None else default_capable_ids
    return [
        evaluate(target, engine_id, index)
        for target in all_targets()
        for engine_id in (capable if target.engines == DEFAULT_CAPABLE else engine_ids)
    ]
