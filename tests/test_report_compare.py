"""--compare: changes beyond noise are flagged, changes within it are not."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from dxpy.report import compare, document

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report_small.json"


def scaled(report: dict, key: str, candidate: str, factor: float) -> dict:
    """A copy of ``report`` whose measurement (key, candidate) takes ``factor`` times as long."""
    changed = copy.deepcopy(report)
    for record in changed["measurements"]:
        if record["key"] == key and record["candidate"] == candidate:
            record["samples"] = [value * factor for value in record["samples"]]
            summary = record["seconds_per_call"]
            record["seconds_per_call"] = {name: value * factor for name, value in summary.items()}
            return changed
    raise AssertionError(f"no measurement {key} {candidate}")


@pytest.fixture
def report() -> dict:
    return document.load(FIXTURE)


def test_a_planted_regression_and_improvement_are_flagged(report):
    new = scaled(report, "find/ascii-bytes/absent-9@1MiB", "dxpy:avx2/native", 1.5)
    new = scaled(new, "lower/ascii-str/whole@64B", "dxpy:avx2/native", 0.5)
    new = scaled(new, "find/ascii-bytes/absent-9@1MiB", "cpython", 1.02)  # within noise
    result = compare.compare(new, report, source="old.json")
    by_key = {(row["key"], row["candidate"]): row for row in result["rows"]}
    regression = by_key[("find/ascii-bytes/absent-9@1MiB", "dxpy:avx2/native")]
    assert regression["status"] == "regression"
    assert regression["change"] == pytest.approx(0.5)
    assert by_key[("lower/ascii-str/whole@64B", "dxpy:avx2/native")]["status"] == "improvement"
    assert by_key[("find/ascii-bytes/absent-9@1MiB", "cpython")]["status"] == "unchanged"
    assert result["counts"]["regression"] == 1 and result["counts"]["improvement"] == 1
    flagged = compare.flagged(result)
    assert [row["status"] for row in flagged] == ["regression", "improvement"]
    lines = compare.summary_lines(result)
    assert "1 regressions, 1 improvements" in lines[0]
    assert any("REGRESSION" in line and "+50.0%" in line for line in lines)


def test_a_large_change_within_overlapping_quartiles_is_noise():
    old = [1.0, 1.0, 1.0, 2.0, 2.0, 2.0]
    new = [1.2, 1.2, 1.2, 2.1, 2.1, 2.1]  # median +10%, but the quartiles overlap
    assert compare.classify(old, new)[0] == "unchanged"


def test_small_changes_are_never_flagged():
    old = [1.0, 1.001, 0.999, 1.0, 1.001, 0.999]
    new = [1.03, 1.031, 1.029, 1.03, 1.031, 1.029]  # separate quartiles, only +3%
    assert compare.classify(old, new) == ("unchanged", pytest.approx(0.03))


def test_new_and_gone_measurements(report):
    new = copy.deepcopy(report)
    gone = new["measurements"].pop()
    extra = copy.deepcopy(new["measurements"][0])
    extra["key"] = "find/ascii-bytes/absent-9@16MiB"
    new["measurements"].append(extra)
    result = compare.compare(new, report, source="old.json")
    statuses = {(row["key"], row["candidate"]): row["status"] for row in result["rows"]}
    assert statuses[(gone["key"], gone["candidate"])] == "gone"
    assert statuses[(extra["key"], extra["candidate"])] == "new"


def test_first_schema_documents_are_keyed_by_case_at_one_mebibyte():
    record = {"case": "find/ascii-bytes/absent-9", "candidate": "cpython"}
    assert compare.measurement_key(record) == ("find/ascii-bytes/absent-9@1MiB", "cpython")


def test_the_comparison_renders_in_the_page(report):
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    from dxpy.report import render_html

    new = scaled(report, "find/ascii-bytes/absent-9@1MiB", "dxpy:avx2/native", 1.5)
    new["comparison"] = compare.compare(new, report, source="reports/old/results.json")
    page = render_html.render(new)
    assert 'id="comparison"' in page
    assert "1 regressions</b>" in page and "+50.0%" in page
