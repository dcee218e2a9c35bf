"""Error parity on stdlib files with one token deleted, duplicated or swapped
(token_mutations.py: deterministic, 4,500 mutants): the exception class equal
in 100% of the mutants CPython rejects, the line in at least 98%, the whole
(msg, lineno, offset) in at least 90%; acceptance (and then the tree) equal
for all. The figures and the worst categories go to
reports/parser/error-parity.json.
"""

from __future__ import annotations

import pytest
from error_parity import THRESHOLDS, measure, write_record
from parse_outcomes import stdlib_files
from token_mutations import mutants

import dxpy

pytestmark = [pytest.mark.task("10.5"), pytest.mark.task("10.7")]

MUTANT_COUNT = 4_500


def test_error_parity_on_the_mutant_corpus():
    summary = measure(mutants(stdlib_files(), MUTANT_COUNT), dxpy.parse)
    path = write_record(summary)
    figures = summary["figures"]
    shortfalls = {
        name: (figures[name], floor) for name, floor in THRESHOLDS.items() if figures[name] < floor
    }
    worst = [
        (row["name"], row["rejected"], round(row["msg_lineno_offset"], 3))
        for row in summary["worst_categories"][:8]
    ]
    assert summary["acceptance"] == 1.0, f"acceptance {summary['acceptance']:.4f} ({path})"
    assert not shortfalls, f"below threshold: {shortfalls}; worst categories {worst} ({path})"
