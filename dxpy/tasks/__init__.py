"""dxpy-tasks: a task list's claims, task by task, against checks and tests.

``dxpy-tasks`` (or ``python -m dxpy.tasks``) reads a task list in the Kiro
``tasks.md`` format (by default the project's own, ``tasks/tasks.md``) and
judges each task's claimed status with what is bound to its ID:

* checks in ``tasks/checks/*.py`` (:mod:`dxpy.tasks.registry`), for claims a
  unit test cannot see (the instructions in a kernel, a README's sections);
* tests marked ``@pytest.mark.task("1.2")`` under ``properties/`` and ``tests/``
  (:mod:`dxpy.tasks.testruns`), with their last outcomes or, with ``--run``,
  fresh ones.

The parts: :mod:`~dxpy.tasks.spec` (the parser), :mod:`~dxpy.tasks.registry`
(checks), :mod:`~dxpy.tasks.testruns` (tests), :mod:`~dxpy.tasks.native`
(disassembly for checks), :mod:`~dxpy.tasks.verdict` (judging),
:mod:`~dxpy.tasks.render` (table, JSON) and :mod:`~dxpy.tasks.cli`.
:func:`task_matrix` is the whole judgement as data, for dxpy-report.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import dxpy
from dxpy.tasks import registry, testruns
from dxpy.tasks.spec import TaskList, read_tasks
from dxpy.tasks.verdict import Judge, Verdict, group_checks, summarise, unknown_ids

OWN_TASKS = Path("tasks") / "tasks.md"
CHECKS = Path("tasks") / "checks"


def find_root(start: Path | None = None) -> Path:
    """The repository root: the nearest folder holding tasks/tasks.md.

    Searched from ``start`` (default: the current folder) upwards, then from
    the imported dxpy package's folder; ``DXPY_TASKS_ROOT`` overrides both.
    """
    override = os.environ.get("DXPY_TASKS_ROOT")
    if override:
        return Path(override).resolve()
    for origin in (Path(start or Path.cwd()).resolve(), Path(dxpy.__file__).resolve().parent):
        for folder in (origin, *origin.parents):
            if (folder / OWN_TASKS).is_file():
                return folder
    raise FileNotFoundError(
        f"no {OWN_TASKS} in {Path(start or Path.cwd()).resolve()} or above; "
        "run from the repository or pass --root"
    )


@dataclass
class Judgement:
    """Everything one run of dxpy-tasks found."""

    root: Path
    spec: TaskList
    verdicts: list[Verdict]
    evidence: testruns.TestEvidence
    checks: list[registry.CheckOutcome]
    problems: list[str]
    own_list: bool

    def rows(self) -> list[dict]:
        """One dict per task (see :func:`task_matrix`)."""
        return [verdict.as_row() for verdict in self.verdicts]

    def summary(self) -> dict:
        """Counts of verdicts overall and for the tasks claimed done."""
        return summarise(self.verdicts)


def judge(
    spec_path: str | Path | None = None, run: bool = False, root: str | Path | None = None
) -> Judgement:
    """Judge the task list at ``spec_path`` (default: the project's) against this code base."""
    root_path = Path(root).resolve() if root is not None else find_root()
    own_path = root_path / OWN_TASKS
    spec_file = Path(spec_path).resolve() if spec_path is not None else own_path
    spec = read_tasks(spec_file)
    own_list = spec_file == own_path.resolve()
    own = spec if own_list else (read_tasks(own_path) if own_path.is_file() else TaskList(None, []))

    registry.clear_registry()  # only this repository's checks
    checks = registry.load_checks(root_path / CHECKS)
    gathered: dict[str, testruns.TestEvidence] = {}
    # Collecting (or running) the tests takes a while; the checks that need no
    # test evidence run meanwhile.
    worker = threading.Thread(target=lambda: gathered.update(e=testruns.gather(root_path, run)))
    worker.start()
    outcomes = [
        registry.run_check(one, root_path)
        for one in checks
        if not registry.wants_evidence(one.function)
    ]
    worker.join()
    evidence = gathered.get("e") or testruns.TestEvidence(problems=["collecting the tests failed"])
    outcomes += [
        registry.run_check(one, root_path, evidence)
        for one in checks
        if registry.wants_evidence(one.function)
    ]

    own_titles = None if own_list else {task.id: task.title for task in own.tasks}
    verdicts = Judge(group_checks(outcomes), evidence, own_titles).judge(spec)
    problems = list(evidence.problems)
    unknown = unknown_ids(own, outcomes, evidence)
    if unknown:
        problems.append(
            f"checks or test marks name task IDs {own_path.name} lacks: {', '.join(unknown)}"
        )
    return Judgement(root_path, spec, verdicts, evidence, outcomes, problems, own_list)


def task_matrix(
    spec_path: str | Path | None = None, run: bool = False, root: str | Path | None = None
) -> list[dict]:
    """The task matrix: one dict per task of the list, in its order.

    Keys: ``id``, ``title``, ``claimed`` (done / in progress / not started /
    queued), ``verified`` (pass / fail / cannot be verified on this platform /
    no check / not run), ``reason`` (why, for anything but pass), ``evidence``
    (one line per check, group of tests or sub-task), and ``depth``,
    ``parent``, ``requirements``, ``judged_as`` (for a list other than the
    project's: the project's task of the same ID).
    """
    return judge(spec_path, run, root).rows()


__all__ = ["Judgement", "find_root", "judge", "task_matrix"]
