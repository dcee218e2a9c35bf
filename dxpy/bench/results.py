"""The benchmark's JSON document: built from raw samples, written, read back.

The document is the benchmark's result; tables and reports are renderings of
it. Its ``measurements`` hold one record per case and candidate (with every
sample, per process, so a report can draw distributions and export pyperf
runs) and its ``targets`` the verdicts. Times are seconds per call;
throughputs are GB/s (10**9 bytes per second) of the case's input, counted in
UTF-8 bytes (for ``join``: the bytes produced; for SwissDict: Gkeys/s).
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from dxpy.bench import measure, targets
from dxpy.bench.session import BenchConfig

SCHEMA = "dxpy-bench/2"
# Documents another tool may hand to --compare: this schema, the first one, the report's.
READABLE_SCHEMAS = ("dxpy-bench/1", "dxpy-bench/2", "dxpy-report/1")

INPUT_KINDS = {
    "ascii-bytes": "pseudo-English ASCII text as bytes",
    "ascii-str": "pseudo-English ASCII text as str: words of 1-10 letters, capitals, punctuation",
    "mixed-str": "pseudo-English with 10% Greek, Cyrillic and accented-Latin words",
    "non-ascii-str": "90% Greek, Cyrillic and accented-Latin words, 10% ASCII words",
    "near-miss-bytes": "adversarial: copies of a 16-byte needle changed in the middle byte",
    "near-miss-str": "adversarial: copies of an 8-letter Greek needle changed in one "
    "continuation byte",
    "late-non-ascii-str": "adversarial: ASCII text whose last character is a Greek capital",
    "dense-str": "adversarial: one-letter words between single spaces",
    "int-keys": "distinct random ints below 2**62 (dict cases; GB/s = Gkeys/s)",
    "str-keys": "distinct 'k' + hex strings of up to 16 characters",
    "int64-array": "random int64 in [-2**40, 2**40) (8 bytes each)",
    "float64-array": "normal float64 (spread 1000) (8 bytes each)",
}

METHOD = (
    "Each candidate is verified against CPython's answer once, then timed in a loop "
    "calibrated to last at least min_sample_seconds per sample, garbage collector off. "
    "Python-timed candidates are bound zero-argument calls looped in Python (the call's "
    "overhead, about 100 ns, is part of every number); C++-timed candidates ('C++ loop') "
    "run the same kernel in a loop inside the native module, with the GIL released. "
    "After warm-up samples, the candidates of a case take turns sample by sample in a "
    "rotating order; samples from every measuring process (fresh interpreters, run one "
    "after the other) are pooled. Numbers are medians with quartiles and extremes; ratios "
    "are peer median / engine median, their range the lowest and highest ratio of samples "
    "taken in the same round."
)


def measurement_record(case: Mapping[str, object], candidate: Mapping[str, object]) -> dict:
    """One measurement: a candidate on a case, with its samples and their summary."""
    samples = candidate["samples"]
    record = {
        "key": case["key"],
        "case": case["id"],
        "family": case["family"],
        "op": case["op"],
        "input": case["input"],
        "data_kind": case["data_kind"],
        "variant": case["variant"],
        "detail": case.get("detail", ""),
        "size": case["size"],
        "unit": case["unit"],
        "size_bytes": case["size_bytes"],
        "candidate": candidate["id"],
        "label": candidate["label"],
        "role": candidate["role"],
        "timing": candidate.get("timing", "python"),
        "engine": candidate.get("engine"),
        "mode": candidate.get("mode"),
        "verified": candidate["verified"],
        "error": candidate["error"],
        "loops": candidate["loops"],
        "processes": len(candidate.get("runs", [])),
        "samples": samples,
        "runs": candidate.get("runs", []),
        "seconds_per_call": None,
        "gb_per_s": None,
    }
    if samples:
        summary = measure.spread(samples)
        size = int(case["size_bytes"])
        record["seconds_per_call"] = summary.as_dict()
        record["gb_per_s"] = {
            "median": measure.gigabytes_per_second(size, summary.median),
            "min": measure.gigabytes_per_second(size, summary.maximum),
            "max": measure.gigabytes_per_second(size, summary.minimum),
            "q1": measure.gigabytes_per_second(size, summary.third_quartile),
            "q3": measure.gigabytes_per_second(size, summary.first_quartile),
        }
    return record


def build_document(
    config: BenchConfig,
    raw: Mapping[str, object],
    *,
    machine: Mapping[str, object],
    versions: Mapping[str, object],
    started_at: float,
    duration_seconds: float,
    partial: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """The benchmark's JSON document from a (merged, possibly partial) raw run."""
    measurements = [
        measurement_record(case, candidate)
        for case in raw["cases"]
        for candidate in case["candidates"]
    ]
    engines = list(raw.get("engines", []))
    document: dict[str, object] = {
        "schema": SCHEMA,
        "created": datetime.datetime.fromtimestamp(started_at, datetime.timezone.utc).isoformat(),
        "duration_seconds": duration_seconds,
        "partial": dict(partial) if partial else None,
        "config": config.to_json(),
        "method": METHOD,
        "machine": dict(machine),
        "versions": dict(versions),
        "engines": engines,
        "native_timing": bool(raw.get("native_timing", False)),
        "inputs": {
            "seed": config.seed,
            "kinds": INPUT_KINDS,
            "absent_needles": raw.get("absent_needles", {}),
        },
        "measurements": measurements,
    }
    document["targets"], document["summary"] = evaluate_targets(engines, measurements)
    return document


def evaluate_targets(
    engines: list[Mapping[str, object]], measurements: list[Mapping[str, object]]
) -> tuple[list[dict[str, object]], dict[str, int]]:
    """Verdicts of the targets whose case was measured at a size they may be read at, and
    their summary (which counts the others as not measured)."""
    index = targets.index_measurements(measurements)
    verdicts = targets.evaluate_all(
        targets.target_engine_ids(engines),
        index,
        targets.target_engine_ids(engines, targets.DEFAULT_CAPABLE),
    )
    kept = [verdict for verdict in verdicts if verdict["size"] is not None]
    summary = summarise(kept)
    summary["not_measured"] = len({v["text"] for v in verdicts if v["size"] is None})
    return kept, summary


def summarise(verdicts: list[dict[str, object]]) -> dict[str, int]:
    """How many targets were met, missed, and how many rows are information only."""
    return {
        "targets": sum(verdict["met"] is not None for verdict in verdicts),
        "met": sum(verdict["met"] is True for verdict in verdicts),
        "missed": sum(verdict["met"] is False for verdict in verdicts),
        "information_only": sum(verdict["met"] is None for verdict in verdicts),
    }


def write_json(document: Mapping[str, object], path: str | Path) -> None:
    """Write the document atomically: a reader (or Ctrl-C) never sees half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(document, stream, indent=1)
            stream.write("\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 is for secrets, not reports
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_json(path: str | Path, schemas: tuple[str, ...] = (SCHEMA,)) -> dict[str, object]:
    """Read a document :func:`write_json` wrote, checking its schema."""
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(document, dict) or document.get("schema") not in schemas:
        found = document.get("schema") if isinstance(document, dict) else type(document).__name__
        raise ValueError(f"{path}: schema {found!r}, expected one of {', '.join(schemas)}")
    return document
