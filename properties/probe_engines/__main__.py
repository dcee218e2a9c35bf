"""``python3 -m probe_engines PROBE...`` (with properties/ on PYTHONPATH):
what each probe says of its machine and its engine builds."""

from __future__ import annotations

import sys

from probe_engines.process import ProbeError, probe_process


def describe(path: str) -> list[str]:
    process = probe_process(path)
    info = process.info
    lines = [
        f"{path}",
        f"  arch {info.arch} (run by {process.runner}), byte order {info.byte_order}",
        f"  built by {info.compiler}",
    ]
    for build in info.builds:
        runs = "runs" if build.runs else "does not run here"
        lines.append(f"  {build.name:<7} {build.mode:<9} {build.isa:<24} {runs}")
    return lines


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__)
        return 2
    try:
        for path in paths:
            print("\n".join(describe(path)))
    except ProbeError as error:
        print(f"probe_engines: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
