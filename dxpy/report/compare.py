"""--compare OLD.json: each measurement against the same one in an earlier run.

A change counts only when it is beyond the noise, by three tests at once:

* the medians differ by more than :data:`MIN_CHANGE` (5%);
* the interquartile ranges of the two runs' samples do not overlap;
* pyperf's two-sample t-test (the one ``pyperf compare_to`` uses) finds the
  samples different, where it can be computed.

Slower is a regression, faster an improvement; everything else is
``unchanged`` (within noise). Measurements only one run has are ``new`` or
``gone``.
"""

from __future__ import annotations

from collections.abc import Mapping

from dxpy.bench.cases import size_label
from dxpy.bench.measure import spread
from dxpy.bench.pyperf_export import significant
from dxpy.bench.targets import TARGET_SIZE

MIN_CHANGE = 0.05
STATUSES = ("regression", "improvement", "unchanged", "new", "gone")


def measurement_key(record: Mapping[str, object]) -> tuple[str, str]:
    """``(case key, candidate id)``; a first-schema record's key is rebuilt from its case."""
    key = record.get("key")
    if not key:
        size = record.get("size") or TARGET_SIZE
        key = f"{record['case']}@{size_label(int(size), str(record.get('unit') or 'bytes'))}"
    return str(key), str(record["candidate"])


def _measured(records: list[Mapping[str, object]]) -> dict[tuple[str, str], Mapping]:
    return {measurement_key(r): r for r in records if r.get("verified") and r.get("samples")}


def classify(
    old_samples: list[float], new_samples: list[float], min_change: float = MIN_CHANGE
) -> tuple[str, float]:
    """(status, change): change is new median time / old median time - 1 (+ is slower)."""
    old, new = spread(old_samples), spread(new_samples)
    change = new.median / old.median - 1 if old.median > 0 else 0.0
    if abs(change) <= min_change:
        return "unchanged", change
    if change > 0 and new.first_quartile <= old.third_quartile:
        return "unchanged", change
    if change < 0 and new.third_quartile >= old.first_quartile:
        return "unchanged", change
    if significant(old_samples, new_samples) is False:
        return "unchanged", change
    return ("regression" if change > 0 else "improvement"), change


def compare(
    new_document: Mapping[str, object],
    old_document: Mapping[str, object],
    *,
    source: str,
    min_change: float = MIN_CHANGE,
) -> dict[str, object]:
    """The comparison of two documents, JSON-ready (stored in the new results.json)."""
    new = _measured(new_document["measurements"])
    old = _measured(old_document["measurements"])
    rows = []
    for key in sorted(set(new) | set(old)):
        now, before = new.get(key), old.get(key)
        record = now or before
        row = {
            "key": key[0],
            "candidate": key[1],
            "label": record["label"],
            "role": record.get("role"),
            "timing": record.get("timing", "python"),
            "old_median": None if before is None else before["seconds_per_call"]["median"],
            "new_median": None if now is None else now["seconds_per_call"]["median"],
            "change": None,
        }
        if now is None:
            row["status"] = "gone"
        elif before is None:
            row["status"] = "new"
        else:
            row["status"], row["change"] = classify(
                list(before["samples"]), list(now["samples"]), min_change
            )
        rows.append(row)
    counts = {status: sum(row["status"] == status for row in rows) for status in STATUSES}
    old_machine = old_document.get("machine", {})
    new_machine = new_document.get("machine", {})
    return {
        "source": source,
        "old_created": old_document.get("created"),
        "old_run_id": old_document.get("run_id"),
        "min_change": min_change,
        "same_cpu": old_machine.get("cpu_model") == new_machine.get("cpu_model"),
        "old_cpu": old_machine.get("cpu_model"),
        "counts": counts,
        "rows": rows,
    }


def flagged(comparison: Mapping[str, object]) -> list[Mapping[str, object]]:
    """Regressions (worst first), then improvements (best first)."""
    rows = comparison["rows"]
    regressions = sorted(
        (r for r in rows if r["status"] == "regression"), key=lambda r: -r["change"]
    )
    improvements = sorted(
        (r for r in rows if r["status"] == "improvement"), key=lambda r: r["change"]
    )
    return [*regressions, *improvements]


def summary_lines(comparison: Mapping[str, object], limit: int = 20) -> list[str]:
    """The comparison for the terminal: counts, then the flagged measurements."""
    counts = comparison["counts"]
    lines = [
        f"Compared with {comparison['source']}: {counts['regression']} regressions, "
        f"{counts['improvement']} improvements, {counts['unchanged']} within noise "
        f"({counts['new']} new, {counts['gone']} gone; a change counts beyond "
        f"{comparison['min_change']:.0%} with separate quartiles)."
    ]
    if not comparison["same_cpu"]:
        lines.append(f"  note: the old run was on another CPU ({comparison['old_cpu']})")
    rows = flagged(comparison)
    for row in rows[:limit]:
        word = "REGRESSION " if row["status"] == "regression" else "improvement"
        lines.append(
            f"  {word} {row['change']:+7.1%}  {row['key']}  {row['label']} "
            f"({row['old_median'] * 1e6:.3g} -> {row['new_median'] * 1e6:.3g} us)"
        )
    if len(rows) > limit:
        lines.append(f"  ... and {len(rows) - limit} more in the report")
    return lines
