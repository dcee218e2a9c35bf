"""Entry point of one measuring process: configuration as JSON on stdin, events on stdout.

Started by :mod:`dxpy.bench.run`; not meant to be run by hand. Each line of
stdout is one JSON event: ``plan`` (the case keys and the run's header),
``case`` (one case's raw data, as soon as it is measured), then ``done``; or
``error`` with a message. Streaming case by case means an interrupted or
crashed process still hands over every case it finished.
"""

from __future__ import annotations

import argparse
import json
import sys

from dxpy.bench.session import BenchConfig, UnknownFilterError, iter_measured, run_header


def _emit(event: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    """Read a :class:`BenchConfig`, measure in this process, stream the raw data."""
    parser = argparse.ArgumentParser(prog="python -m dxpy.bench.worker")
    parser.parse_args(argv)
    config = BenchConfig.from_json(json.load(sys.stdin))

    def on_plan(cases, context) -> None:
        _emit({"event": "plan", "keys": [case.key for case in cases], **run_header(context)})

    try:
        for raw in iter_measured(config, on_plan):
            _emit({"event": "case", "case": raw})
    except KeyboardInterrupt:  # the parent saw Ctrl-C too and keeps what was streamed
        return 130
    except UnknownFilterError as error:
        _emit({"event": "error", "message": str(error)})
        return 2
    except BrokenPipeError:  # the parent is gone
        return 1
    _emit({"event": "done"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
