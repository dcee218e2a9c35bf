"""The parser's speed and memory on the host CPython's standard library.

    python -m dxpy.bench.parser_speed [--sample N] [--out reports/parser/speed.json]

Three measurements, each in a child process of its own (a parse's peak
memory is the child's peak RSS: tracemalloc does not see C++ arenas):

* ``arena``: tokenize + parse into the C++ AST, timed in C++
  (``_native.parse_timed``, best of 3 per file); MB/s against the issue's
  target of 50 MB/s;
* ``ast`` and ``dxpy``: ``ast.parse`` and ``dxpy.parse`` producing CPython
  ast objects, file by file (best of 3, each tree freed before the next);
  the ratio per file and in total against the target of 1.0x.

Reported: totals, throughput per file-size band, the slowest files, peak RSS
over the baseline and per source byte. Results are a JSON record (schema
``dxpy-parser-speed/1``) that the report's parser section renders.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import sysconfig
import time
from datetime import datetime, timezone
from pathlib import Path

SCHEMA = "dxpy-parser-speed/1"
RECORD_PATH = Path("reports") / "parser" / "speed.json"
TARGET_ARENA_MB_PER_S = 50.0
TARGET_RATIO = 1.0
BANDS = ((0, 4_096), (4_096, 16_384), (16_384, 65_536), (65_536, 262_144), (262_144, 1 << 40))
REPEAT = 3


def stdlib_files() -> list[Path]:
    """Every .py file of the host CPython's standard library (third-party folders left out)."""
    root = Path(sysconfig.get_paths()["stdlib"])
    return sorted(
        path
        for path in root.rglob("*.py")
        if not {"site-packages", "dist-packages"} & set(path.relative_to(root).parts)
    )


def _accepted_sources(files: list[Path]) -> list[tuple[str, bytes]]:
    """The files CPython accepts (a rejected one measures error paths, not parsing)."""
    import ast
    import warnings

    chosen = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in files:
            source = path.read_bytes()
            try:
                ast.parse(source)
            except (SyntaxError, ValueError):
                continue
            chosen.append((str(path), source))
    return chosen


def _peak_rss() -> int:
    """The process's RSS high-water mark (VmHWM), in bytes."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _reset_peak_rss() -> None:
    # Linux: writing 5 to clear_refs resets VmHWM to the current RSS, so the
    # peak measured next is the parsing's, not the imports'.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def child(parser: str, paths: list[str]) -> dict:
    """Runs in the child: every file parsed REPEAT times, best time kept."""
    import gc
    import warnings

    if parser == "arena":
        from dxpy import _native

        def timed(source: bytes) -> float:
            return _native.parse_timed(source, 0, REPEAT)[0] / 1e9
    else:
        import ast

        import dxpy

        parse = ast.parse if parser == "ast" else dxpy.parse

        def timed(source: bytes) -> float:
            best = float("inf")
            for _ in range(REPEAT):
                started = time.perf_counter()
                tree = parse(source)
                best = min(best, time.perf_counter() - started)
                del tree
            return best

    _reset_peak_rss()
    baseline = _peak_rss()
    seconds = {}
    gc.disable()  # both parsers alike: collections are not the parse's cost
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in paths:
            seconds[path] = timed(Path(path).read_bytes())
    gc.enable()
    return {"seconds": seconds, "baseline_rss": baseline, "peak_rss": _peak_rss()}


def _run_child(parser: str, paths: list[str]) -> dict:
    completed = subprocess.run(
        [sys.executable, "-P", "-m", "dxpy.bench.parser_speed", "--child", parser],
        input="\n".join(paths),
        capture_output=True,
        text=True,
        check=False,
        cwd="/",
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{parser} child failed: {completed.stderr[-2000:]}")
    return json.loads(completed.stdout)


def _band_name(low: int, high: int) -> str:
    def size(n: int) -> str:
        return f"{n // 1024} KiB" if n < (1 << 40) else "any"

    return f"{size(low)} - {size(high)}" if high < (1 << 40) else f">= {size(low)}"


def measure(sample: int = 1) -> dict:
    """Time dxpy.parse, ast.parse and the C++ parse alone on every `sample`-th stdlib file."""
    sources = _accepted_sources(stdlib_files()[::sample])
    sizes = {path: len(source) for path, source in sources}
    paths = [path for path, _ in sources]
    runs = {parser: _run_child(parser, paths) for parser in ("arena", "ast", "dxpy")}
    total_bytes = sum(sizes.values())
    totals = {parser: sum(run["seconds"].values()) for parser, run in runs.items()}

    def ratio(path: str) -> float:
        return runs["ast"]["seconds"][path] / runs["dxpy"]["seconds"][path]

    bands = []
    for low, high in BANDS:
        members = [path for path in paths if low <= sizes[path] < high]
        if not members:
            continue
        band_bytes = sum(sizes[path] for path in members)
        bands.append(
            {
                "band": _band_name(low, high),
                "files": len(members),
                "bytes": band_bytes,
                **{
                    f"{parser}_mb_per_s": band_bytes
                    / 1e6
                    / sum(runs[parser]["seconds"][path] for path in members)
                    for parser in runs
                },
            }
        )
    slowest = sorted(paths, key=lambda path: runs["dxpy"]["seconds"][path], reverse=True)[:10]
    memory = {
        parser: {
            "peak_rss_over_baseline": run["peak_rss"] - run["baseline_rss"],
            "per_source_byte_of_largest_file": (run["peak_rss"] - run["baseline_rss"])
            / max(sizes.values()),
        }
        for parser, run in runs.items()
    }
    below_one = sum(1 for path in paths if ratio(path) < TARGET_RATIO)
    return {
        "schema": SCHEMA,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "files": len(paths),
        "bytes": total_bytes,
        "sample_every": sample,
        "arena": {
            "seconds": totals["arena"],
            "mb_per_s": total_bytes / 1e6 / totals["arena"],
            "target_mb_per_s": TARGET_ARENA_MB_PER_S,
        },
        "ast_objects": {
            "ast_seconds": totals["ast"],
            "dxpy_seconds": totals["dxpy"],
            "ast_mb_per_s": total_bytes / 1e6 / totals["ast"],
            "dxpy_mb_per_s": total_bytes / 1e6 / totals["dxpy"],
            "ratio_total": totals["ast"] / totals["dxpy"],
            "files_below_target": below_one,
            "worst_file_ratio": min(ratio(path) for path in paths),
            "target_ratio": TARGET_RATIO,
        },
        "bands": bands,
        "slowest": [
            {
                "file": str(Path(path).relative_to(sysconfig.get_paths()["stdlib"])),
                "bytes": sizes[path],
                "dxpy_seconds": runs["dxpy"]["seconds"][path],
                "ast_seconds": runs["ast"]["seconds"][path],
                "arena_seconds": runs["arena"]["seconds"][path],
            }
            for path in slowest
        ],
        "memory": memory,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: measure and write the record the report's parser section reads."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=1, help="every Nth stdlib file")
    parser.add_argument("--out", default=str(RECORD_PATH))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.child:
        paths = [line for line in sys.stdin.read().splitlines() if line]
        print(json.dumps(child(arguments.child, paths)))
        return 0
    record = measure(arguments.sample)
    out = Path(arguments.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    arena, objects = record["arena"], record["ast_objects"]
    print(
        f"parser: {record['files']} files, {record['bytes'] / 1e6:.1f} MB; "
        f"C++ arena {arena['mb_per_s']:.1f} MB/s (target {TARGET_ARENA_MB_PER_S:.0f}); "
        f"dxpy.parse {objects['ratio_total']:.2f}x ast.parse in total "
        f"({objects['files_below_target']} files below 1.0x); record {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
