"""The report's results.json (schema ``dxpy-report/1``): the benchmark's document plus what
the page shows beside it, complete enough to render the page again.

Layout on disk::

    reports/<run-id>/results.json   this document
    reports/<run-id>/index.html     the page, one self-contained file
    reports/<run-id>/pyperf.json    the samples as a pyperf suite (pyperf stats/compare_to)
    reports/latest                  a symlink to the newest run (a text file naming it
                                    where symlinks are refused)
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from pathlib import Path

from dxpy.bench import results

SCHEMA = "dxpy-report/1"
LATEST = "latest"


def new_run_id(now: datetime.datetime | None = None) -> str:
    """A run id: the local time to the second, sortable (``20250101-120000``)."""
    return (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")


def unique_run_dir(reports_dir: Path, run_id: str) -> Path:
    """``reports_dir/run_id``, with a suffix when two runs start in the same second."""
    candidate = reports_dir / run_id
    suffix = 1
    while candidate.exists():
        suffix += 1
        candidate = reports_dir / f"{run_id}-{suffix}"
    return candidate


def report_document(
    bench_document: Mapping[str, object],
    *,
    run_id: str,
    command: list[str],
    extras: Mapping[str, object],
    comparison: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """The report's document: the benchmark's fields, then the report's own."""
    document = dict(bench_document)
    document["schema"] = SCHEMA
    document["bench_schema"] = bench_document.get("schema")
    document["run_id"] = run_id
    document["command"] = list(command)
    document["properties"] = dict(extras.get("properties") or {"available": False})
    document["tasks"] = dict(extras.get("tasks") or {"available": False})
    document["mutants"] = dict(extras.get("mutants") or {"available": False})
    document["parser"] = dict(extras.get("parser") or {"available": False})
    document["comparison"] = dict(comparison) if comparison else None
    return document


def load(path: str | Path) -> dict[str, object]:
    """A report document (or a bare benchmark document, which renders without extras)."""
    return results.load_json(path, schemas=results.READABLE_SCHEMAS)


def write(document: Mapping[str, object], path: str | Path) -> None:
    """Write a report document as JSON, atomically: Ctrl-C never leaves half a results.json."""
    results.write_json(document, path)


def point_latest(reports_dir: Path, run_dir: Path) -> Path:
    """Make ``reports_dir/latest`` name ``run_dir`` (relative symlink; text file as fallback)."""
    latest = reports_dir / LATEST
    target = os.path.relpath(run_dir, reports_dir)
    if latest.is_symlink() or latest.is_file():
        latest.unlink()
    elif latest.exists():
        raise FileExistsError(f"{latest} exists and is not a link or file; not replacing it")
    try:
        latest.symlink_to(target, target_is_directory=True)
    except OSError:
        latest.write_text(target + "\n", encoding="utf-8")
    return latest
