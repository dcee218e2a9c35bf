"""The page's first screen: how much faster dxpy is, which targets it meets, what was not run.

A reader should see the answer without scrolling or zooming: one headline
chart (per operation, the speed-up of the default engine over CPython and over
the best other peer measured, at the size the targets are read at), the
targets met and missed, and a plain list of what this report could not show,
each with the command that would produce it. Everything else is below, folded.
"""

from __future__ import annotations

import html
import io
import math
from collections import defaultdict
from collections.abc import Mapping

from dxpy.report.tables import paired_ratio

TARGET_SIZE = 1 << 20
MISSED_SHOWN = 3  # on the first screen; the Targets section lists them all
VS_CPYTHON = "#1f5fa8"
VS_BEST_PEER = "#e07b00"


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def headline_engine(document: Mapping[str, object]) -> str | None:
    """The candidate id the headline speaks for: the default engine's native build if
    measured, else the first native engine measured, else the first engine."""
    engines = [e for e in document.get("engines", []) if isinstance(e, Mapping)]
    default = document.get("default_engine")
    for engine in engines:
        if engine.get("name") == default and engine.get("mode") == "native":
            return str(engine["id"])
    native = [e for e in engines if e.get("mode") == "native"]
    chosen = native or engines
    return str(chosen[0]["id"]) if chosen else None


def _component(record: Mapping[str, object]) -> str:
    family, op = str(record.get("family", "")), str(record.get("op", ""))
    if family.startswith("simdlist") or op.startswith("list"):
        return "SimdList"
    if family.startswith("swissdict") or op.startswith("dict"):
        return "SwissDict"
    return "strings"


def _measured(record: Mapping[str, object] | None) -> bool:
    return bool(record and record.get("verified") and record.get("seconds_per_call"))


def _geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def headline_rows(document: Mapping[str, object]) -> list[dict[str, object]]:
    """Per component and op: the speed-up over CPython and over the best other peer.

    Read at the targets' size (1 MiB, 1 Mi elements or keys) or, where a run did
    not measure there, the largest size it did; over the op's inputs, the
    geometric mean of the per-case speed-ups (each the median of paired ratios).
    """
    engine_id = headline_engine(document)
    if engine_id is None:
        return []
    cases: dict[str, dict[str, Mapping]] = defaultdict(dict)
    for record in document.get("measurements", []):
        if record.get("timing") == "python":
            cases[str(record["key"])][str(record["candidate"])] = record
    by_op: dict[tuple[str, str], dict[int, list[dict[str, Mapping]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for candidates in cases.values():
        engine = candidates.get(engine_id)
        if not _measured(engine) or engine.get("size") is None:
            continue
        by_op[(_component(engine), str(engine["op"]))][int(engine["size"])].append(candidates)
    rows = []
    for (component, op), sizes in by_op.items():
        at_target = [size for size in sizes if size <= TARGET_SIZE]
        size = max(at_target) if at_target else min(sizes)
        vs_cpython, vs_best = [], []
        peers_seen: set[str] = set()
        for candidates in sizes[size]:
            engine = candidates[engine_id]
            cpython = candidates.get("cpython")
            if _measured(cpython):
                vs_cpython.append(paired_ratio(cpython, engine)[0])
            others = [
                (name, paired_ratio(record, engine)[0])
                for name, record in candidates.items()
                if record.get("role") != "engine" and name != "cpython" and _measured(record)
            ]
            if others:
                name, ratio = min(others, key=lambda pair: pair[1])  # the fastest peer
                vs_best.append(ratio)
                peers_seen.add(str(candidates[name].get("label", name)))
        if not vs_cpython and not vs_best:
            continue
        unit = str(next(iter(sizes[size]))[engine_id].get("unit", "bytes"))
        rows.append(
            {
                "component": component,
                "op": op,
                "size": size,
                "unit": unit,
                "cases": len(sizes[size]),
                "vs_cpython": _geometric_mean(vs_cpython) if vs_cpython else None,
                "vs_best_peer": _geometric_mean(vs_best) if vs_best else None,
                "best_peers": sorted(peers_seen),
            }
        )
    order = {"strings": 0, "SimdList": 1, "SwissDict": 2}
    rows.sort(key=lambda row: (order.get(str(row["component"]), 3), str(row["op"])))
    return rows


def headline_svg(rows: list[dict[str, object]], engine_label: str) -> str:
    """The headline chart: one pair of horizontal bars per op, labelled, log-scaled at 1x."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from dxpy.bench.cases import size_label
    from dxpy.report.charts import inline_svg

    labels = [
        f"{row['component']}: {row['op']}  ({size_label(int(row['size']), str(row['unit']))})"
        for row in rows
    ]
    # Every op on the first screen: rows get thinner past a dozen, never the text smaller.
    height = min(1.2 + 0.45 * len(rows), 4.6)
    figure = Figure(figsize=(13.5, height), layout="constrained")
    axis = figure.subplots()
    positions = list(range(len(rows)))
    bar = 0.38
    values = [v for row in rows for v in (row["vs_cpython"], row["vs_best_peer"]) if v]
    low = min([*values, 1.0]) / 1.6
    high = max([*values, 1.0]) * 1.9
    for offset, key, colour, name in (
        (-bar / 2, "vs_cpython", VS_CPYTHON, "vs CPython"),
        (bar / 2, "vs_best_peer", VS_BEST_PEER, "vs the fastest other peer"),
    ):
        ys = [p + offset for p, row in zip(positions, rows, strict=True) if row[key]]
        xs = [float(row[key]) for row in rows if row[key]]
        widths = [x - low for x in xs]  # from the axis' left edge, on a log scale
        axis.barh(ys, widths, height=bar * 0.92, color=colour, label=name, left=low)
        for y, x in zip(ys, xs, strict=True):
            # beside the bar's end, right of the 1x line where the bar ends near it
            where = x * 1.05 if not 0.8 < x < 1.0 else 1.06
            text = f"{x:.0f}" if x >= 10 else f"{x:.2g}"
            axis.text(where, y, f"{text}\u00d7", va="center", fontsize=13, color="#1d2330")
    axis.axvline(1.0, color="#b3261e", linewidth=1.6)
    axis.text(1.0, -0.9, " as fast", color="#b3261e", fontsize=12, va="center")
    axis.set_xscale("log")
    axis.set_xlim(low, high)
    axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}\u00d7"))
    axis.xaxis.set_minor_formatter(FuncFormatter(lambda value, _: ""))
    axis.set_ylim(len(rows) - 0.4, -1.2)
    axis.set_yticks(positions)
    axis.set_yticklabels(labels, fontsize=14)
    axis.tick_params(axis="x", labelsize=13)
    axis.set_xlabel(f"speed-up of {engine_label} (times faster; log scale)", fontsize=14)
    axis.grid(True, axis="x", which="major", linewidth=0.5, alpha=0.5)
    axis.legend(loc="lower right", fontsize=13, frameon=True)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "dxpy-headline"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return inline_svg(buffer.getvalue(), "headline")


def not_run(document: Mapping[str, object]) -> list[tuple[str, str]]:
    """(what this report could not show, the command that would) in reading order."""
    items: list[tuple[str, str]] = []
    config = document.get("config", {})
    if config.get("quick"):
        items.append(("every size from 64 B to 16 MiB and every engine build", "dxpy-report"))
    properties = document.get("properties") or {}
    if not properties.get("available"):
        items.append(("the property tests (every engine held to CPython)", "bash ci/test.sh"))
    mutants = document.get("mutants") or {}
    if not mutants.get("available"):
        items.append(("the mutation run (planted bugs the tests must catch)",
                      "python3 ci/mutants/run.py"))  # fmt: skip
    tasks = document.get("tasks") or {}
    by_command: dict[str, list[str]] = defaultdict(list)
    for row in tasks.get("rows", []) if tasks.get("available") else []:
        if row.get("verified") in ("not run", "not installed") and row.get("depth", 0) > 0:
            for command in row.get("commands") or ["dxpy-tasks --run"]:
                by_command[str(command)].append(str(row["id"]))
    for command, ids in by_command.items():
        shown = ", ".join(ids[:8]) + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
        items.append((f"the checks of task{'s' if len(ids) > 1 else ''} {shown}", command))
    return items


def summary_html(document: Mapping[str, object]) -> str:
    """The first screen: headline chart, targets, what was not run."""
    summary = document.get("summary", {})
    parts = ['<section id="summary" class="summary">']
    verdicts = document.get("targets", [])
    missed = [v for v in verdicts if v.get("met") is False]
    met, total = summary.get("met", 0), summary.get("targets", 0)
    css = "faster" if total and not missed else ("slower" if missed else "")
    line = (
        f'<p class="headline"><b>Summary:</b> <span class="{css}">{met} of {total} speed targets '
        "met</span>"
        f"{f', {len(missed)} missed' if missed else ''}"
    )
    wrong = sum(1 for m in document.get("measurements", []) if not m.get("verified"))
    if wrong:
        line += f'; <span class="slower">{wrong} wrong answer{"s" if wrong > 1 else ""}</span>'
        line += " (not timed)</p>"
    else:
        line += "; every answer matched CPython's.</p>"
    parts.append(line)
    engine_id = headline_engine(document)
    rows = headline_rows(document)
    if rows:
        label = engine_id.removeprefix("dxpy:").replace("/", " ") if engine_id else ""
        try:
            svg = headline_svg(rows, f"dxpy {label}")
            parts.append(f'<figure class="headline-chart">{svg}</figure>')
        except ImportError as error:
            parts.append(f'<p class="empty">The headline chart needs matplotlib: {_e(error)}</p>')
    asides = []
    if missed:
        # The worst first: those furthest from what they need.
        worst = sorted(missed, key=lambda v: (v.get("ratio") or 0) / (v.get("threshold") or 1))
        shown = "".join(_missed_item(verdict) for verdict in worst[:MISSED_SHOWN])
        more = len(missed) - MISSED_SHOWN
        more = f"<li>and {more} more (Targets, below)</li>" if more > 0 else ""
        asides.append(f'<div class="missed"><b>Targets missed</b><ul>{shown}{more}</ul></div>')
    items = not_run(document)
    if items:
        listed = "".join(
            f"<li>{_e(what)}: <code>{_e(command)}</code></li>" for what, command in items
        )
        asides.append(f'<div class="notrun"><b>Not run for this report</b><ul>{listed}</ul></div>')
    if asides:
        parts.append(f'<div class="asides">{"".join(asides)}</div>')
    parts.append("</section>")
    return "\n".join(parts)


def _missed_item(verdict: Mapping[str, object]) -> str:
    engine = str(verdict["engine"]).removeprefix("dxpy:")
    if verdict.get("ratio") is None:
        return f"<li>{_e(verdict['text'])} ({_e(engine)}): {_e(verdict.get('note'))}</li>"
    return (
        f"<li>{_e(verdict['text'])} ({_e(engine)}): <b>{verdict['ratio']:.2f}&times;</b>, "
        f"needs {verdict['threshold']:g}&times;</li>"
    )
