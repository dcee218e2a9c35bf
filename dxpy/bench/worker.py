"""Entry point of one measuring process: configuration as JSON on stdin, raw data on stdout.

Started by :mod:`dxpy.bench.run`; not meant to be run by hand.
"""

from __future__ import annotations

import argparse
import json
import sys

from dxpy.bench.session import BenchConfig, measure_in_process


def main(argv: list[str] | None = None) -> int:
    """Read a :class:`BenchConfig`, measure in this process, write the raw data."""
    parser = argparse.ArgumentParser(prog="python -m dxpy.bench.worker")
    parser.add_argument("--label", default="", help="prefix of progress lines")
    arguments = parser.parse_args(argv)
    config = BenchConfig.from_json(json.load(sys.stdin))
    raw = measure_in_process(config, process_label=arguments.label)
    json.dump(raw, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
