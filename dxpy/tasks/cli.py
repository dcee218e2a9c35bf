"""Command line: ``dxpy-tasks [--spec FILE] [--json] [--run] [--root DIR] [--verbose]``."""

from __future__ import annotations

import argparse
import sys

from dxpy.tasks import judge
from dxpy.tasks.render import table, to_json
from dxpy.tasks.verdict import exit_status


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line's options."""
    parser = argparse.ArgumentParser(
        prog="dxpy-tasks",
        description="Judge a task list (Kiro tasks.md format) against this code base: each "
        "task's claimed status against the checks in tasks/checks/ and the tests marked "
        "@pytest.mark.task(ID). Exit status 1 when a task claimed done fails or has no check.",
    )
    parser.add_argument(
        "--spec",
        metavar="FILE",
        help="the task list to judge (default: the project's tasks/tasks.md)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON document, not a table")
    parser.add_argument(
        "--run",
        action="store_true",
        help="run the tests now (pytest on properties/ and tests/; its progress goes to stderr) "
        "instead of reading the last run's record",
    )
    parser.add_argument("--root", metavar="DIR", help="the repository (default: found upwards)")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list every piece of evidence under its task"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run dxpy-tasks; the exit status is 1 when a claim done fails or has no check."""
    arguments = parse_arguments(argv)
    try:
        judgement = judge(arguments.spec, run=arguments.run, root=arguments.root)
    except (FileNotFoundError, ValueError) as error:
        print(f"dxpy-tasks: {error}", file=sys.stderr)
        return 2
    try:
        print(to_json(judgement) if arguments.json else table(judgement, verbose=arguments.verbose))
        sys.stdout.flush()
    except BrokenPipeError:  # a reader such as `head` stopped early
        sys.stdout = None  # nothing more is written, not even at exit
    return exit_status(judgement.verdicts)
