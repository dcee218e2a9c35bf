"""Judging a task list: each task's claim against its checks and tests.

Per task, what is bound to its ID (checks registered for it, tests marked
with it) gives one of:

* ``pass`` - every bound check and test that ran passed (at least one proves
  something: a passing *prerequisite* check alone does not);
* ``fail`` - a check or test failed, or the list claims a task done whose
  sub-tasks it does not claim done: the claim is contradicted;
* ``cannot be verified on this platform`` - this platform lacks what a check
  needs (an instruction set, an OS interface, an architecture) or every bound
  test was skipped; the reason says which;
* ``not installed`` - a tool a check or the tests need is not installed here
  (mypy, pytest); the verdict's ``commands`` install it;
* ``not run`` - a check reads the record of a run not made here (the property
  run, the report, the sanitizer run), or only tests are bound and there is no
  record of their outcome; ``commands`` make the run;
* ``no check`` - nothing verifies the task.

A task with sub-tasks takes the worst of its own verdict and theirs (fail,
then no check, then not installed, then not run, then cannot be verified,
then pass), and a *checkpoint* task (title starting "Checkpoint") the worst of
its siblings'.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dxpy.tasks.registry import (
    CORROBORATION,
    FAIL,
    NOT_INSTALLED,
    NOT_RUN,
    PASS,
    PREREQUISITE,
    UNVERIFIABLE,
    CheckOutcome,
)
from dxpy.tasks.spec import DONE, Task, TaskList
from dxpy.tasks.testruns import FAILED, PASSED, SKIPPED, TestEvidence, TestRecord
from dxpy.tasks.testruns import NOT_RUN as TEST_NOT_RUN

VERIFIED = "pass"
CONTRADICTED = "fail"
CANNOT_VERIFY = "cannot be verified on this platform"
NO_CHECK = "no check"
TOOL_MISSING = "not installed"
NOT_RUN_YET = "not run"

# What runs the tests and records their outcomes for dxpy-tasks.
RUN_TESTS = "dxpy-tasks --run"
INSTALL_TESTS = "pip install '.[test]'"

# A corroborating check that cannot run here: shown, but no verdict rests on it.
UNAVAILABLE = "unavailable"

# Worst first, for combining a task with its sub-tasks.
SEVERITY = (CONTRADICTED, NO_CHECK, TOOL_MISSING, NOT_RUN_YET, CANNOT_VERIFY, VERIFIED)

_CHECKPOINT = re.compile(r"^\W*checkpoint\b", re.IGNORECASE)


@dataclass
class Item:
    """One piece of evidence: a check's result or a group of tests' outcomes."""

    kind: str  # "check", "tests" or "task"
    name: str
    status: str  # one of SEVERITY, PREREQUISITE (a prerequisite holds) or UNAVAILABLE
    detail: str = ""
    command: str = ""  # what settles a "not installed" or "not run" item

    def text(self) -> str:
        """The item as one line of evidence."""
        label = {"check": "check", "tests": "test", "task": "task"}[self.kind]
        detail = f": {self.detail}" if self.detail else ""
        return f"{label} {self.name} [{self.status}]{detail}"


@dataclass
class Verdict:
    """The verdict on one task, with what it rests on."""

    task: Task
    verified: str
    reason: str
    items: list[Item] = field(default_factory=list)
    judged_as: str = ""
    commands: list[str] = field(default_factory=list)

    def as_row(self) -> dict:
        """The row dxpy-report and ``--json`` use."""
        return {
            "id": self.task.id,
            "title": self.task.title,
            "claimed": self.task.status,
            "verified": self.verified,
            "reason": self.reason,
            "evidence": [item.text() for item in self.items],
            "depth": self.task.depth,
            "parent": self.task.parent,
            "requirements": list(self.task.requirements),
            "judged_as": self.judged_as,
            "commands": list(self.commands),
        }


def _test_function(nodeid: str) -> str:
    return nodeid.split("[", 1)[0]


def _test_items(tests: list[TestRecord]) -> list[Item]:
    groups: dict[str, list[TestRecord]] = {}
    for test in tests:
        groups.setdefault(_test_function(test.nodeid), []).append(test)
    items = []
    for name, members in groups.items():
        counts = Counter(test.outcome for test in members)
        summary = ", ".join(
            f"{counts[o]} {o}" for o in (PASSED, FAILED, SKIPPED, TEST_NOT_RUN) if counts[o]
        )
        if counts[FAILED]:
            failures = [t for t in members if t.outcome == FAILED][:2]
            shown = "; ".join(
                f"{t.nodeid.split('::', 1)[-1]}" + (f" ({t.reason})" if t.reason else "")
                for t in failures
            )
            items.append(Item("tests", name, CONTRADICTED, f"{summary}; {shown}"))
        elif counts[PASSED]:
            items.append(Item("tests", name, VERIFIED, summary))
        elif counts[SKIPPED]:
            reason = next((t.reason for t in members if t.reason), "skipped")
            items.append(Item("tests", name, CANNOT_VERIFY, f"{summary} ({reason})"))
        else:
            items.append(Item("tests", name, NOT_RUN_YET, summary, RUN_TESTS))
    return items


def _check_items(outcomes: list[CheckOutcome]) -> list[Item]:
    items = []
    for outcome in outcomes:
        status = {
            PASS: VERIFIED,
            FAIL: CONTRADICTED,
            UNVERIFIABLE: CANNOT_VERIFY,
            NOT_INSTALLED: TOOL_MISSING,
            NOT_RUN: NOT_RUN_YET,
        }[outcome.result.status]
        if status == VERIFIED and outcome.check.kind == PREREQUISITE:
            status = PREREQUISITE
        undecided = (CANNOT_VERIFY, TOOL_MISSING, NOT_RUN_YET)
        if status in undecided and outcome.check.kind == CORROBORATION:
            status = UNAVAILABLE
        items.append(
            Item(
                "check",
                outcome.check.name,
                status,
                outcome.result.detail,
                outcome.result.command,
            )
        )
    return items


def _worst(statuses: list[str]) -> str:
    return min(statuses, key=SEVERITY.index)


def _own_status(items: list[Item]) -> str:
    """A task's verdict from its own checks and tests.

    A check that cannot decide (not installed, not run, cannot verify) holds
    the task back even when others pass: what it would see is unseen. Tests
    not run do not: a task verified otherwise says in its reason that they
    were not run.
    """
    statuses = [item.status for item in items]
    checks = [item.status for item in items if item.kind == "check"]
    if CONTRADICTED in statuses:
        return CONTRADICTED
    for status in (TOOL_MISSING, NOT_RUN_YET):
        if status in checks:
            return status
    if CANNOT_VERIFY in statuses:
        return CANNOT_VERIFY
    if VERIFIED in statuses:
        return VERIFIED
    if NOT_RUN_YET in statuses:
        return NOT_RUN_YET
    return NO_CHECK


def _count_tests(item: Item, outcome: str) -> int:
    match = re.search(rf"(\d+) {outcome}", item.detail)
    return int(match.group(1)) if match else 0


def _own_reason(status: str, items: list[Item]) -> str:
    """Why a task's own checks and tests give ``status``, in a line or two."""
    not_run = sum(_count_tests(item, TEST_NOT_RUN) for item in items if item.kind == "tests")
    if status == VERIFIED:
        return f"{not_run} bound tests not run ({RUN_TESTS} runs them)" if not_run else ""
    if status == NOT_RUN_YET and not any(
        item.kind == "check" for item in items if item.status == NOT_RUN_YET
    ):
        return f"{not_run} bound tests not run ({RUN_TESTS} runs them)"
    if status == NO_CHECK:
        if any(item.status == PREREQUISITE for item in items):
            return "only prerequisites are checked (they hold); nothing verifies the task itself"
        return "no check or test is bound to this task"
    relevant = [item for item in items if item.status == status]
    parts = [
        _clipped(f"{item.name}: {item.detail}" if item.detail else item.name)
        for item in relevant[:2]
    ]
    more = f" (and {len(relevant) - 2} more)" if len(relevant) > 2 else ""
    reason = "; ".join(parts) + more
    if status == CONTRADICTED:
        # What could not be checked here is worth saying even when something else fails.
        also = [item for item in items if item.status in (CANNOT_VERIFY, TOOL_MISSING)]
        if also:
            reason += "; also " + "; ".join(_clipped(item.detail) for item in also[:2])
    return reason


def _clipped(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class Judge:
    """Verdicts on the tasks of one list, from checks and tests bound by ID."""

    def __init__(
        self,
        checks_by_task: dict[str, list[CheckOutcome]],
        evidence: TestEvidence,
        own_titles: dict[str, str] | None = None,
    ) -> None:
        self.checks_by_task = checks_by_task
        self.evidence = evidence
        self.own_titles = own_titles

    def judge(self, task_list: TaskList) -> list[Verdict]:
        """A verdict for every task of ``task_list``, in its order."""
        by_id = task_list.by_id()
        verdicts: dict[int, Verdict] = {}

        def verdict_of(task: Task) -> Verdict:
            key = id(task)
            if key not in verdicts:
                verdicts[key] = self._verdict(task, by_id, verdict_of)
            return verdicts[key]

        return [verdict_of(task) for task in task_list.tasks]

    def _siblings(self, task: Task, by_id: dict[str, Task]) -> list[Task]:
        if task.parent is None or task.parent not in by_id:
            return []
        parent = by_id[task.parent]
        return [
            by_id[child]
            for child in parent.children
            if child in by_id and child != task.id and not _CHECKPOINT.match(by_id[child].title)
        ]

    def _verdict(self, task: Task, by_id: dict[str, Task], verdict_of) -> Verdict:
        items = _check_items(self.checks_by_task.get(task.id, []))
        items += _test_items(self.evidence.for_task(task.id))
        own = _own_status(items)
        missing_tool = getattr(self.evidence, "missing_tool", "")
        if own == NO_CHECK and missing_tool and not any(i.status == PREREQUISITE for i in items):
            # The tests could not be collected, so which are bound to it is unknown.
            items.append(
                Item(
                    "tests",
                    "(not collected)",
                    TOOL_MISSING,
                    f"{missing_tool} is not installed, so the tests bound to this task are "
                    "unknown and not run",
                    f"{INSTALL_TESTS} && {RUN_TESTS}",
                )
            )
            own = TOOL_MISSING
        related = [by_id[child] for child in task.children if child in by_id]
        if _CHECKPOINT.match(task.title):
            related += self._siblings(task, by_id)
        # A task that only gathers others (a parent, a checkpoint) is judged by them.
        combined = [own] if own != NO_CHECK or not related else []
        task_items = []
        for other in related:
            other_verdict = verdict_of(other)
            task_items.append(Item("task", other.id, other_verdict.verified, other_verdict.reason))
            combined.append(other_verdict.verified)
        if task.claimed_done:
            unfinished = [t for t in self._children(task, by_id) if t.status != DONE]
            if unfinished:
                listed = ", ".join(f"{t.id} ({t.status})" for t in unfinished)
                items.append(Item("task", "claim", CONTRADICTED, f"claimed done, but {listed}"))
                combined.append(CONTRADICTED)
        status = _worst(combined) if combined else NO_CHECK
        reasons = []
        has_own = own != NO_CHECK or not related
        if has_own and (own == status or status == VERIFIED):
            reasons.append(_own_reason(own, items))
        claim = [item for item in items if item.name == "claim"]
        if claim and status == CONTRADICTED:
            reasons.append(claim[0].detail)
        alike = [item for item in task_items if item.status == status]
        if alike and status != VERIFIED:
            first = alike[0]
            detail = first.detail if len(first.detail) <= 160 else first.detail[:157] + "..."
            shown = f" ({first.name}: {detail})" if detail and len(alike) <= 3 else ""
            reasons.append(f"{', '.join(item.name for item in alike)}: {status}{shown}")
        reason = "; ".join(part for part in reasons if part)
        if status == VERIFIED and task.status != DONE:
            understated = f"claimed {task.status}, yet the checks pass"
            reason = f"{reason}; {understated}" if reason else understated
        judged_as = ""
        if self.own_titles is not None:
            own_title = self.own_titles.get(task.id)
            judged_as = f"{task.id} {own_title}" if own_title else ""
            if own_title is None and status == NO_CHECK and not items:
                reason = f"this code base's task list has no {task.id}; nothing is bound to it"
        commands = [item.command for item in items if item.command and item.status in (status, own)]
        if status != VERIFIED:
            for other in related:
                if verdict_of(other).verified == status:
                    commands += verdict_of(other).commands
        return Verdict(
            task, status, reason, items + task_items, judged_as, list(dict.fromkeys(commands))
        )

    @staticmethod
    def _children(task: Task, by_id: dict[str, Task]) -> list[Task]:
        return [by_id[child] for child in task.children if child in by_id]


def summarise(verdicts: list[Verdict]) -> dict:
    """Counts of verdicts, over all tasks and over the tasks claimed done."""
    every = Counter(v.verified for v in verdicts)
    claimed = Counter(v.verified for v in verdicts if v.task.claimed_done)
    return {
        "tasks": len(verdicts),
        "verdicts": {status: every.get(status, 0) for status in reversed(SEVERITY)},
        "claimed_done": sum(claimed.values()),
        "claimed_done_verdicts": {status: claimed.get(status, 0) for status in reversed(SEVERITY)},
        "claims_failing": [
            v.task.id
            for v in verdicts
            if v.task.claimed_done and v.verified in (CONTRADICTED, NO_CHECK)
        ],
    }


def exit_status(verdicts: list[Verdict]) -> int:
    """1 when a task claimed done fails or has no check, else 0."""
    return 1 if summarise(verdicts)["claims_failing"] else 0


def group_checks(outcomes: list[CheckOutcome]) -> dict[str, list[CheckOutcome]]:
    """Check outcomes keyed by each task ID they are registered for."""
    grouped: dict[str, list[CheckOutcome]] = {}
    for outcome in outcomes:
        for task_id in outcome.check.task_ids:
            grouped.setdefault(task_id, []).append(outcome)
    return grouped


def unknown_ids(
    task_list: TaskList, outcomes: list[CheckOutcome], evidence: TestEvidence
) -> list[str]:
    """Task IDs that checks or test marks name but the list lacks."""
    known = set(task_list.by_id())
    named = {task_id for outcome in outcomes for task_id in outcome.check.task_ids}
    named |= evidence.task_ids()
    return sorted(
        named - known, key=lambda text: [int(part) for part in text.split(".") if part.isdigit()]
    )


__all__ = [
    "CANNOT_VERIFY",
    "CONTRADICTED",
    "NOT_RUN_YET",
    "NO_CHECK",
    "TOOL_MISSING",
    "VERIFIED",
    "Item",
    "Judge",
    "Verdict",
    "exit_status",
    "group_checks",
    "summarise",
    "unknown_ids",
]
