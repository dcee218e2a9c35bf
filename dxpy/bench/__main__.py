"""Command line: ``python -m dxpy.bench [--quick] [--json FILE] [--engine NAME]``."""

from __future__ import annotations

import argparse
import sys

from dxpy.bench import measure, results, table
from dxpy.bench.inputs import DEFAULT_SEED, MEBIBYTE
from dxpy.bench.run import run_benchmark
from dxpy.bench.session import BenchConfig


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line's options."""
    parser = argparse.ArgumentParser(
        prog="python -m dxpy.bench",
        description="Measure dxpy's string engines against CPython, StringZilla and glibc "
        "memmem on 1 MiB inputs and evaluate the engines issue's speed targets.",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one process, shorter samples (about a minute); default: a full run",
    )
    parser.add_argument("--json", metavar="FILE", help="write the result document to FILE")
    parser.add_argument(
        "--engine",
        action="append",
        metavar="NAME[:MODE]",
        help="engine under test (repeatable; default avx2); MODE is native or emulated",
    )
    parser.add_argument(
        "--processes", type=int, help="measuring processes (default: 1 quick, 3 full)"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="PREFIX",
        default=[],
        help="measure only cases whose id starts with PREFIX (e.g. find/ or lower/ascii-str)",
    )
    parser.add_argument("--size", type=int, default=MEBIBYTE, help="input size in bytes")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the inputs")
    parser.add_argument("--measurements", action="store_true", help="also print every measurement")
    return parser.parse_args(argv)


def config_from(arguments: argparse.Namespace) -> BenchConfig:
    """The run's configuration from the command line."""
    settings = measure.QUICK if arguments.quick else measure.FULL
    processes = arguments.processes or (1 if arguments.quick else 3)
    return BenchConfig(
        engines=tuple(arguments.engine or ["avx2"]),
        quick=arguments.quick,
        size=arguments.size,
        seed=arguments.seed,
        processes=processes,
        settings=settings,
        only=tuple(arguments.only),
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the tables, write the JSON; exit 0 even when targets miss."""
    arguments = parse_arguments(argv)
    document = run_benchmark(config_from(arguments))
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
