"""Error parity on the mutant corpus: how often a candidate parser raises what
CPython raises, in figures the issue sets thresholds on, with the categories
where it falls short most.

Figures, over the mutants CPython rejects (``rejected``):

* ``class``: the same exception class (SyntaxError, IndentationError, TabError);
* ``lineno``: the same class and line;
* ``msg_lineno_offset``: the same class, message, line and offset.

``acceptance`` is over every mutant: both accept (with equal dumps) or both
reject. The record (schema ``dxpy-parser-error-parity/1``) is written to
``reports/parser/error-parity.json`` for the note and the report to quote.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from parse_outcomes import Outcome, Parse, describe_mismatch, oracle_parse, outcome
from token_mutations import Mutant

SCHEMA = "dxpy-parser-error-parity/1"
RECORD_PATH = Path("reports") / "parser" / "error-parity.json"
THRESHOLDS = {"class": 1.0, "lineno": 0.98, "msg_lineno_offset": 0.90}


def message_family(message: str) -> str:
    """A message with its numbers and quoted names blanked, to group alike errors."""
    return re.sub(r"'[^']*'", "'_'", re.sub(r"\d+", "N", message))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def measure(mutants: Iterable[Mutant], candidate: Parse) -> dict:
    totals: Counter[str] = Counter()
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    by_message: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[dict]] = defaultdict(list)
    for mutant in mutants:
        expected = outcome(oracle_parse, mutant.source, str(mutant.path))
        actual = outcome(candidate, mutant.source, str(mutant.path))
        totals["mutants"] += 1
        agrees = (
            describe_mismatch(expected, actual) is None
            if expected.accepted
            else (not actual.accepted)
        )
        totals["acceptance"] += agrees
        if expected.accepted:
            continue
        assert expected.error is not None
        family = message_family(expected.error.msg)
        scores = _scores(expected, actual)
        for bucket in (totals, by_category[mutant.category], by_message[family]):
            bucket["rejected"] += 1
            bucket.update(name for name, hit in scores.items() if hit)
        if not scores["msg_lineno_offset"] and len(examples[family]) < 3:
            examples[family].append(
                {
                    "mutant": mutant.id,
                    "expected": list(expected.error.brief()),
                    "actual": list(actual.error.brief()) if actual.error else "accepted",
                }
            )
    return _summary(totals, by_category, by_message, examples)


def _scores(expected: Outcome, actual: Outcome) -> dict[str, bool]:
    assert expected.error is not None
    if actual.error is None:
        return dict.fromkeys(THRESHOLDS, False)
    same_class = actual.error.cls == expected.error.cls
    same_line = same_class and actual.error.lineno == expected.error.lineno
    return {
        "class": same_class,
        "lineno": same_line,
        "msg_lineno_offset": actual.error.brief() == expected.error.brief(),
    }


def _table(buckets: dict[str, Counter[str]], minimum: int) -> list[dict]:
    rows = [
        {
            "name": name,
            "rejected": counts["rejected"],
            **{key: _ratio(counts[key], counts["rejected"]) for key in THRESHOLDS},
        }
        for name, counts in buckets.items()
        if counts["rejected"] >= minimum
    ]
    return sorted(rows, key=lambda row: (row["msg_lineno_offset"], -row["rejected"]))[:15]


def _summary(totals, by_category, by_message, examples) -> dict:
    rejected = totals["rejected"]
    figures = {key: _ratio(totals[key], rejected) for key in THRESHOLDS}
    return {
        "schema": SCHEMA,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "mutants": totals["mutants"],
        "rejected_by_cpython": rejected,
        "acceptance": _ratio(totals["acceptance"], totals["mutants"]),
        "figures": figures,
        "thresholds": THRESHOLDS,
        "worst_categories": _table(by_category, minimum=5),
        "worst_messages": _table(by_message, minimum=3),
        "examples": {family: rows for family, rows in examples.items()},
    }


def write_record(summary: dict, path: Path = RECORD_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
