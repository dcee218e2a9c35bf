"""A speed-up and the bracket printed beside it come from the same paired samples.

The bracket is the interquartile range of the per-round ratios (peer time /
engine time in the same round); the speed-up is their median, so it always
lies inside. A ratio of the two medians need not (rounds disagree), which is
how "0.81x (0.96-1.07)" got onto the page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pandas")

from dxpy.bench import results
from dxpy.report import tables

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report_small.json"

# Medians 1.0 (baseline) and 10.0 (subject): a ratio of medians of 0.1, while the
# rounds say 1.0 in four of five (they run slow together).
BASELINE = [1.0, 1.0, 1.0, 10.0, 10.0]
SUBJECT = [1.0, 1.0, 10.0, 10.0, 10.0]


def _record(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {"samples": samples, "seconds_per_call": {"median": ordered[len(ordered) // 2]}}


def test_the_speed_up_lies_within_its_bracket_where_a_ratio_of_medians_would_not():
    ratio, (low, high) = tables.paired_ratio(_record(BASELINE), _record(SUBJECT))
    ratio_of_medians = 1.0 / 10.0
    assert not low <= ratio_of_medians <= high  # the planted disagreement is real
    assert low <= ratio <= high
    assert ratio == 1.0


def _planted_document() -> dict:
    """The fixture with every target's subject samples reordered against its baseline's."""
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for record in document["measurements"]:
        if record["role"] == "engine" and len(record["samples"]) >= 4:
            samples = sorted(record["samples"])
            half = len(samples) // 2
            # slow rounds of the engine meet fast rounds of the peer, and so on
            record["samples"] = samples[half:] + samples[:half]
    return document


@pytest.mark.parametrize("planted", [False, True], ids=["fixture", "rounds-reordered"])
def test_every_target_ratio_lies_within_its_interquartile_range(planted):
    document = _planted_document() if planted else json.loads(FIXTURE.read_text("utf-8"))
    verdicts, _ = results.evaluate_targets(document["engines"], document["measurements"])
    judged = [v for v in verdicts if v.get("ratio_iqr")]
    assert judged
    for verdict in judged:
        low, high = verdict["ratio_iqr"]
        assert low <= verdict["ratio"] <= high, verdict["text"]


def test_every_speed_up_cell_of_the_page_lies_within_its_bracket():
    document = _planted_document()
    by_key: dict[str, list[dict]] = {}
    for record in document["measurements"]:
        by_key.setdefault(record["key"], []).append(record)
    checked = 0
    for records in by_key.values():
        for baseline in records:
            for subject in records:
                if baseline is subject or not (baseline["samples"] and subject["samples"]):
                    continue
                ratio, iqr = tables.paired_ratio(baseline, subject)
                if iqr is not None:
                    checked += 1
                    assert iqr[0] <= ratio <= iqr[1]
    assert checked > 10
