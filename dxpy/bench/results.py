"""The benchmark's JSON document: built from raw samples, written, read back.

The document is the benchmark's result; tables and reports are renderings of
it. Its ``measurements`` hold one record per case and candidate (with every
sample, so a report can draw distributions) and its ``targets`` the verdicts.
Times are seconds per call; throughputs are GB/s (10**9 bytes per second) of
the case's input, counted in UTF-8 bytes (for ``join``: the bytes produced).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from pathlib import Path

from dxpy.bench import measure, targets
from dxpy.bench.session import BenchConfig

SCHEMA = "dxpy-bench/1"

INPUT_KINDS = {
    "ascii-bytes": "pseudo-English ASCII text as bytes",
    "ascii-str": "pseudo-English ASCII text as str: words of 1-10 letters, capitals, punctuation",
    "mixed-str": "pseudo-English with 10% Greek, Cyrillic and accented-Latin words",
    "non-ascii-str": "90% Greek, Cyrillic and accented-Latin words, 10% ASCII words",
    "int-keys": "distinct random ints below 2**62, one per input byte (dict cases; GB/s = Gkeys/s)",
    "str-keys": "distinct 'k' + hex strings of up to 16 characters, one per input byte",
    "int64-array": "random int64 in [-2**40, 2**40), one element per input byte (8 bytes each)",
    "float64-array": "normal float64 (spread 1000), one element per input byte (8 bytes each)",
}

METHOD = (
    "Each candidate is verified against CPython's answer once, then timed as a bound "
    "zero-argument call in a loop calibrated to last at least min_sample_seconds per "
    "sample, garbage collector off. After warm-up samples, the candidates of a case take "
    "turns sample by sample in a rotating order; samples from every measuring process "
    "(run one after the other) are pooled. Ratios are peer median / engine median; their "
    "range is the lowest and highest ratio of samples taken in the same round."
)


def measurement_record(case: Mapping[str, object], candidate: Mapping[str, object]) -> dict:
    """One measurement: a candidate on a case, with its samples and their summary."""
    samples = candidate["samples"]
    engine_name, engine_mode = None, None
    if candidate["role"] == "engine":
        engine_name, _, engine_mode = str(candidate["id"]).removeprefix("dxpy:").partition("/")
    record = {
        "case": case["id"],
        "op": case["op"],
        "input": case["input"],
        "variant": case["variant"],
        "size_bytes": case["size_bytes"],
        "candidate": candidate["id"],
        "label": candidate["label"],
        "role": candidate["role"],
        "engine": engine_name,
        "mode": engine_mode,
        "verified": candidate["verified"],
        "error": candidate["error"],
        "loops": candidate["loops"],
        "samples": samples,
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
        }
    return record


def measurement_index(document: Mapping[str, object]) -> dict[tuple[str, str], dict]:
    """The document's measurements keyed by ``(case id, candidate id)``."""
    return {(m["case"], m["candidate"]): m for m in document["measurements"]}


def build_document(
    config: BenchConfig,
    raw: Mapping[str, object],
    *,
    machine: Mapping[str, object],
    versions: Mapping[str, object],
    started_at: float,
    duration_seconds: float,
) -> dict[str, object]:
    """The benchmark's JSON document from a (merged) raw run."""
    measurements = [
        measurement_record(case, candidate)
        for case in raw["cases"]
        for candidate in case["candidates"]
    ]
    document: dict[str, object] = {
        "schema": SCHEMA,
        "created": datetime.datetime.fromtimestamp(started_at, datetime.timezone.utc).isoformat(),
        "duration_seconds": duration_seconds,
        "config": config.to_json(),
        "method": METHOD,
        "machine": dict(machine),
        "versions": dict(versions),
        "engines": raw["engines"],
        "inputs": {
            "size_bytes": config.size,
            "seed": config.seed,
            "kinds": INPUT_KINDS,
            "absent_needles": raw["absent_needles"],
        },
        "measurements": measurements,
    }
    engine_ids = [engine["id"] for engine in raw["engines"]]
    verdicts = targets.evaluate_all(engine_ids, measurement_index(document))
    if config.only:  # a partial run: keep only the targets whose case was measured
        measured = {m["case"] for m in measurements}
        verdicts = [verdict for verdict in verdicts if verdict["case"] in measured]
    document["targets"] = verdicts
    document["summary"] = summarise(verdicts)
    return document


def summarise(verdicts: list[dict[str, object]]) -> dict[str, int]:
    """How many targets were met, missed, and how many rows are information only."""
    return {
        "targets": sum(verdict["met"] is not None for verdict in verdicts),
        "met": sum(verdict["met"] is True for verdict in verdicts),
        "missed": sum(verdict["met"] is False for verdict in verdicts),
        "information_only": sum(verdict["met"] is None for verdict in verdicts),
    }


def write_json(document: Mapping[str, object], path: str | Path) -> None:
    """Write the document (``-`` for stdout would be the caller's job)."""
    Path(path).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def load_json(path: str | Path) -> dict[str, object]:
    """Read a document :func:`write_json` wrote, checking its schema."""
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    if document.get("schema") != SCHEMA:
        raise ValueError(f"{path}: schema {document.get('schema')!r}, expected {SCHEMA!r}")
    return document
