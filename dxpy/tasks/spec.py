"""Reading a task list in the Kiro ``tasks.md`` format.

A task is a checkbox list item whose text starts with an ID::

    - [x] 1. ARM NEON String Engine (Priority: High)
      - [-] 1.2 Implement NEON find operation
        - Process 16 bytes per iteration
        - _Requirements: 1.3, 2.1_
      - [ ]* 1.3 Optional task (Kiro's ``*`` marks a task as optional)

What the parser accepts, because hand-written lists vary:

* the box ``[x]`` / ``[X]`` (done), ``[ ]`` (not started), ``[-]`` (in progress),
  ``[~]`` (queued); a ``*`` right after the box (optional task);
* list markers ``-``, ``*``, ``+`` or ``1.``; any indentation (tabs count as four spaces);
* IDs ``1``, ``1.``, ``1.1``, ``10.8``, ``1.2.3``, also written ``**1.2**`` or ``Task 1.2:``;
  a task without an ID gets ``?`` plus its line number;
* any text after the title (``(Priority: High)``, ``- note``) is kept in the title;
* detail bullets under a task (without a box) become its details; ``_Requirements: 1.3_``
  (underscores optional, ``Requirement`` too) become its requirement references;
* a task's parent is the nearest task above it that is indented less, or, at equal
  indentation, the task whose ID is its ID's prefix (``1.`` followed by ``1.1``
  written flush left).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

DONE = "done"
IN_PROGRESS = "in progress"
NOT_STARTED = "not started"
QUEUED = "queued"

STATUS_OF_BOX = {"x": DONE, "X": DONE, " ": NOT_STARTED, "": NOT_STARTED, "-": IN_PROGRESS}
STATUS_OF_BOX["~"] = QUEUED

_TASK_LINE = re.compile(
    r"""^(?P<indent>[ \t]*)(?:[-*+]|\d+[.)])[ \t]+\[(?P<box>[ xX~-]?)\](?P<optional>\*(?!\*))?
        [ \t]*(?P<text>.*?)[ \t]*$""",
    re.VERBOSE,
)
_BULLET_LINE = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d+[.)])[ \t]+(?P<text>.*?)[ \t]*$")
_TASK_ID = re.compile(
    r"""^(?:\*\*)?(?:task[ \t]+)?(?P<id>\d+(?:\.\d+)*)\.?(?:\*\*)?(?::|[ \t]+-)?(?:[ \t]+|$)""",
    re.IGNORECASE | re.VERBOSE,
)
_REQUIREMENTS = re.compile(r"^_?\s*requirements?\s*:\s*(?P<refs>.*?)_?\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^\s*#+\s")


@dataclass
class Task:
    """One task of a list: where it stands as claimed, and what it says."""

    id: str
    title: str
    status: str
    line: int
    depth: int = 0
    optional: bool = False
    details: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    parent: str | None = None
    children: list[str] = field(default_factory=list)

    @property
    def claimed_done(self) -> bool:
        """True when the list claims the task is finished."""
        return self.status == DONE


@dataclass
class TaskList:
    """The tasks of one file, in file order, and where the file is."""

    path: Path | None
    tasks: list[Task]

    def by_id(self) -> dict[str, Task]:
        """The tasks keyed by ID (the first of duplicate IDs wins)."""
        mapping: dict[str, Task] = {}
        for task in self.tasks:
            mapping.setdefault(task.id, task)
        return mapping


def _indent_width(indent: str) -> int:
    return len(indent.expandtabs(4))


def _split_id(text: str) -> tuple[str | None, str]:
    match = _TASK_ID.match(text)
    if match is None:
        return None, text
    return match.group("id"), text[match.end() :].strip()


def _is_prefix_id(parent_id: str, child_id: str) -> bool:
    return child_id.startswith(parent_id + ".")


def _requirement_refs(text: str) -> list[str] | None:
    match = _REQUIREMENTS.match(text.strip())
    if match is None:
        return None
    refs = match.group("refs").strip().strip("_").strip()
    return [ref.strip() for ref in re.split(r"[,;]", refs) if ref.strip()]


def parse_tasks(text: str, path: Path | None = None) -> TaskList:
    """The tasks of a ``tasks.md`` text, in file order, linked to parents and children."""
    tasks: list[Task] = []
    # Open tasks by indentation: (indent width, task), innermost last.
    stack: list[tuple[int, Task]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if _HEADING.match(raw):
            stack.clear()  # a heading ends every open task
            continue
        match = _TASK_LINE.match(raw)
        if match is not None:
            width = _indent_width(match.group("indent"))
            task_id, title = _split_id(match.group("text"))
            task = Task(
                id=task_id or f"?{number}",
                title=title,
                status=STATUS_OF_BOX[match.group("box")],
                line=number,
                optional=match.group("optional") is not None,
            )
            while stack and (
                stack[-1][0] > width
                or (stack[-1][0] == width and not _is_prefix_id(stack[-1][1].id, task.id))
            ):
                stack.pop()
            if stack:
                parent = stack[-1][1]
                task.parent = parent.id
                task.depth = parent.depth + 1
                parent.children.append(task.id)
            tasks.append(task)
            stack.append((width, task))
            continue
        bullet = _BULLET_LINE.match(raw)
        if bullet is None:
            indent = raw[: len(raw) - len(raw.lstrip())]
            if raw.strip() and stack and _indent_width(indent) <= stack[0][0]:
                stack.clear()  # prose as far left as the list's first task ends the list
            continue
        width = _indent_width(bullet.group("indent"))
        owners = [task for task_width, task in stack if task_width < width]
        if not owners:
            continue
        owner = owners[-1]
        detail = bullet.group("text")
        refs = _requirement_refs(detail)
        if refs is not None:
            owner.requirements.extend(refs)
        else:
            owner.details.append(detail)
    return TaskList(path=path, tasks=tasks)


def read_tasks(path: Path) -> TaskList:
    """The tasks of the file at ``path`` (UTF-8)."""
    return parse_tasks(Path(path).read_text(encoding="utf-8"), Path(path))
