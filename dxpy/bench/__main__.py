"""Command line: ``python -m dxpy.bench [--quick] [--json FILE] [--engine NAME] [--only PATTERN]``.

The text-only front of the benchmark; ``dxpy-report`` measures the same way
and renders the HTML report.
"""

from __future__ import annotations

import argparse
import sys

import dxpy
from dxpy.bench import measure, results, table
from dxpy.bench.inputs import DEFAULT_SEED
from dxpy.bench.run import run_benchmark
from dxpy.bench.session import BenchConfig, UnknownFilterError


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line's options."""
    parser = argparse.ArgumentParser(
        prog="python -m dxpy.bench",
        description="Measure dxpy's engines against CPython, StringZilla, NumPy and glibc "
        "memmem and evaluate the issues' speed targets (text output; dxpy-report renders HTML).",
    )
    parser.add_argument("--quick", action="store_true", help="the quick run's cases and effort")
    parser.add_argument("--json", metavar="FILE", help="write the result document to FILE")
    parser.add_argument(
        "--engine",
        action="append",
        metavar="NAME[:MODE]",
        help="engine under test (repeatable; default: the dispatcher's); MODE native or emulated",
    )
    parser.add_argument(
        "--processes", type=int, help="measuring processes (default: 2 quick, 3 full)"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="PATTERN",
        default=[],
        help="measure only matching cases (a family such as find, or a glob over case keys)",
    )
    parser.add_argument("--size", type=int, action="append", help="measure only at this size")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the inputs")
    parser.add_argument("--measurements", action="store_true", help="also print every measurement")
    return parser.parse_args(argv)


def config_from(arguments: argparse.Namespace) -> BenchConfig:
    """The run's configuration from the command line."""
    settings = measure.QUICK if arguments.quick else measure.FULL
    processes = arguments.processes or (2 if arguments.quick else 3)
    return BenchConfig(
        engines=tuple(arguments.engine or [dxpy.default_engine()]),
        quick=arguments.quick,
        seed=arguments.seed,
        processes=processes,
        settings=settings,
        filters=tuple(arguments.only),
        sizes=tuple(arguments.size) if arguments.size else None,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the tables, write the JSON; exit 0 even when targets miss."""
    arguments = parse_arguments(argv)
    try:
        document = run_benchmark(config_from(arguments))
    except (UnknownFilterError, ValueError) as error:
        print(f"python -m dxpy.bench: error: {error}", file=sys.stderr)
        return 2
    if arguments.json:
        results.write_json(document, arguments.json)
    print(table.header_lines(document))
    if arguments.measurements:
        print()
        print(table.measurements_table(document))
    print(table.targets_table(document))
    if arguments.json:
        print(f"\nResults written to {arguments.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
