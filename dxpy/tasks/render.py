"""The judgement as a plain-text table or a JSON document."""

from __future__ import annotations

import json
import shutil
import textwrap
from datetime import datetime, timezone

from dxpy.tasks.verdict import CANNOT_VERIFY, CONTRADICTED, NO_CHECK, VERIFIED, Verdict

SCHEMA = "dxpy-tasks/1"

_SHORT = {CANNOT_VERIFY: "cannot verify"}  # "not installed" and "not run" fit as they are


def _evidence_summary(verdict: Verdict) -> str:
    checks = [item for item in verdict.items if item.kind == "check"]
    tests = [item for item in verdict.items if item.kind == "tests"]
    tasks = [item for item in verdict.items if item.kind == "task" and item.name != "claim"]
    parts = []
    if checks:
        parts.append(", ".join(item.name for item in checks))
    if tests:
        parts.append(f"{len(tests)} test function{'s' if len(tests) != 1 else ''}")
    if tasks:
        parts.append(f"{len(tasks)} sub-task{'s' if len(tasks) != 1 else ''}")
    return "; ".join(parts) or "-"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 3)] + "..."


def table(judgement, verbose: bool = False, width: int | None = None) -> str:
    """The task table, then the reasons for every verdict but pass, then the summary."""
    width = width or max(100, min(160, shutil.get_terminal_size((120, 24)).columns))
    verdicts: list[Verdict] = judgement.verdicts
    lines = [_heading(judgement), ""]
    id_width = max([len("ID")] + [len(v.task.id) + 2 * v.task.depth for v in verdicts])
    header = f"{'ID':<{id_width}}  {'claimed':<11}  {'verified':<13}  "
    title_width = max(24, (width - len(header)) * 11 // 20)
    evidence_width = max(16, width - len(header) - title_width - 2)
    lines.append(header + f"{'title':<{title_width}}  evidence")
    lines.append("-" * min(width, len(header) + title_width + 2 + evidence_width))
    for verdict in verdicts:
        task = verdict.task
        marker = "!" if task.claimed_done and verdict.verified in (CONTRADICTED, NO_CHECK) else " "
        identifier = "  " * task.depth + task.id
        verified = _SHORT.get(verdict.verified, verdict.verified) + marker
        lines.append(
            f"{identifier:<{id_width}}  {task.status:<11}  {verified:<13}  "
            f"{_clip(task.title, title_width):<{title_width}}  "
            f"{_clip(_evidence_summary(verdict), evidence_width)}"
        )
    explained = [v for v in verdicts if v.verified != VERIFIED or v.reason]
    if explained:
        lines += ["", "Reasons (! marks a task claimed done that fails or has no check):"]
        if not judgement.own_list:
            lines.append(
                "  (each task is judged by this code base's task of the same ID, after 'as our')"
            )
        for verdict in explained:
            label = f"{verdict.task.id} {verdict.verified}"
            if verdict.judged_as:
                label += f" (as our {verdict.judged_as})"
            body = verdict.reason or "-"
            if verdict.commands:
                body += f" [to settle it: {'; '.join(verdict.commands)}]"
            lines += textwrap.wrap(
                f"{label}: {body}",
                width=width,
                initial_indent="  ",
                subsequent_indent="      ",
                break_long_words=False,
                break_on_hyphens=False,
            )
            if verbose:
                for item in verdict.items:
                    lines += textwrap.wrap(
                        item.text(),
                        width=width,
                        initial_indent="      - ",
                        subsequent_indent="        ",
                    )
    lines += ["", *_summary_lines(judgement)]
    return "\n".join(lines)


def _heading(judgement) -> str:
    spec = judgement.spec.path
    whose = "the project's task list" if judgement.own_list else "a task list from elsewhere"
    lines = [f"dxpy-tasks: {spec} ({whose}), judged against {judgement.root}"]
    evidence = judgement.evidence
    recorded = len(evidence.tests) - evidence.collected
    also = f" (+{recorded} known only from run records, e.g. qemu engines)" if recorded else ""
    lines.append(f"tests: {evidence.collected} collected{also}; outcomes: {evidence.source}")
    lines += [f"note: {problem}" for problem in judgement.problems]
    return "\n".join(lines)


def _summary_lines(judgement) -> list[str]:
    summary = judgement.summary()
    counts = ", ".join(f"{n} {status}" for status, n in summary["verdicts"].items() if n)
    claimed = ", ".join(
        f"{n} {status}" for status, n in summary["claimed_done_verdicts"].items() if n
    )
    lines = [
        f"{summary['tasks']} tasks: {counts}.",
        f"{summary['claimed_done']} claimed done: {claimed or 'none'}.",
    ]
    failing = summary["claims_failing"]
    if failing:
        lines.append(
            f"Claimed done but failing or unchecked: {', '.join(failing)} (exit status 1)."
        )
    else:
        lines.append("Every task claimed done passes or cannot be verified here (exit status 0).")
    return lines


def document(judgement) -> dict:
    """The judgement as a JSON-ready document."""
    return {
        "schema": SCHEMA,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "spec": str(judgement.spec.path),
        "own_list": judgement.own_list,
        "root": str(judgement.root),
        "tests": {
            "collected": len(judgement.evidence.tests),
            "outcomes": judgement.evidence.source,
        },
        "problems": judgement.problems,
        "checks": [
            {
                "name": outcome.check.name,
                "tasks": list(outcome.check.task_ids),
                "kind": outcome.check.kind,
                "status": outcome.result.status,
                "detail": outcome.result.detail,
                "seconds": round(outcome.seconds, 3),
            }
            for outcome in judgement.checks
        ],
        "summary": judgement.summary(),
        "tasks": judgement.rows(),
    }


def to_json(judgement) -> str:
    """:func:`document` as indented JSON text."""
    return json.dumps(document(judgement), indent=2, ensure_ascii=False)
