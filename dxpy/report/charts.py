"""Throughput-versus-size charts, drawn with matplotlib as inline SVG (no files, no JS).

One figure per operation (find, lower, SimdList sum, SwissDict lookup, ...),
one panel per input of it that was measured at two sizes or more. Both axes
are logarithmic; each line is one candidate's median throughput with its
interquartile range shaded. Line styles say what a line is:

* colour: the engine (scalar, avx2, avx512, neon) or the peer;
* solid: native, dashed: emulated (SIMDe);
* circles: Python-timed (a Python call per run), squares on a dotted line:
  the same kernel looped in C++.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Mapping

ENGINE_COLOURS = {
    "scalar": "#7f7f7f",
    "avx2": "#1f77b4",
    "avx512": "#2ca02c",
    "neon": "#d62728",
}
PEER_COLOURS = {
    "cpython": "#000000",
    "stringzilla": "#ff7f0e",
    "memmem": "#8c564b",
    "memcmp": "#17becf",
    "numpy": "#9467bd",
}
# A peer's kernel looped in C++ (glibc memmem, memcmp) is a series of its own.
LOOP_PEER_COLOURS = {"memmem": "#e377c2", "memcmp": "#e377c2"}
PANEL_COLUMNS = 3
LEGEND_COLUMNS = 3


def _legend_rows(cases: Mapping[str, list[Mapping[str, object]]]) -> int:
    labels = {legend_label(record) for records in cases.values() for record in records}
    return -(-len(labels) // LEGEND_COLUMNS)


def _style(record: Mapping[str, object]) -> dict[str, object]:
    """Colour, line style and marker of a measurement's line."""
    native_loop = record.get("timing") == "c++"
    if record.get("role") == "engine":
        colour = ENGINE_COLOURS.get(str(record.get("engine")), "#17becf")
        linestyle = ":" if native_loop else ("--" if record.get("mode") == "emulated" else "-")
    else:
        peer = str(record["candidate"]).removeprefix("c++:")
        colour = PEER_COLOURS.get(peer, "#bcbd22")
        if native_loop:
            colour = LOOP_PEER_COLOURS.get(peer, colour)
        linestyle = ":" if native_loop else "-"
    return {
        "color": colour,
        "linestyle": linestyle,
        "marker": "s" if native_loop else "o",
        "markersize": 3.5,
        "linewidth": 1.4,
        "markerfacecolor": "none" if native_loop else colour,
    }


def legend_label(record: Mapping[str, object]) -> str:
    """Short: an engine is its name and mode (the op is the figure's title), a peer its label."""
    loop = ", C++ loop" if record.get("timing") == "c++" else ""
    if record.get("role") == "engine" and record.get("engine"):
        return f"dxpy {record['engine']} ({record['mode']}){loop}"
    if record.get("candidate") == "cpython":
        return "CPython"  # str.find in one panel, bytes.find in the next: one peer, one entry
    label = str(record["label"])
    return label if label.endswith("C++ loop") else f"{label}{loop}"


def chart_groups(measurements: list[Mapping[str, object]]) -> dict[str, dict[str, list]]:
    """Measurements by op, then by case id, keeping only cases with two sizes or more."""
    by_op: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for record in measurements:
        if record.get("gb_per_s") and record.get("size") is not None:
            by_op[record["op"]][record["case"]].append(record)
    charted: dict[str, dict[str, list]] = {}
    for op, cases in by_op.items():
        kept = {
            case: records
            for case, records in cases.items()
            if len({r["size"] for r in records}) >= 2
        }
        if kept:
            charted[op] = kept
    return charted


def _axis_label(unit: str) -> tuple[str, str]:
    if unit == "keys":
        return "keys", "Gkeys/s"
    if unit == "elements":
        return "elements (8 bytes each)", "GB/s"
    return "input size (UTF-8 bytes)", "GB/s"


def _size_ticks(axis, sizes: list[int], unit: str) -> None:
    from dxpy.bench.cases import size_label

    axis.set_xticks(sizes)
    axis.set_xticklabels([size_label(size, unit) for size in sizes], fontsize=10)
    axis.minorticks_off()


def figure_svg(op: str, cases: Mapping[str, list[Mapping[str, object]]]) -> str:
    """One op's figure as an SVG element (the XML prologue removed)."""
    import matplotlib
    from matplotlib.figure import Figure

    panels = sorted(cases)
    columns = min(PANEL_COLUMNS, len(panels))
    rows = (len(panels) + columns - 1) // columns
    width = max(4.6 * columns, 11.0)  # room for the legend under a lone panel
    figure = Figure(figsize=(width, 3.4 * rows + 0.4 + 0.32 * _legend_rows(cases)),
                    layout="constrained")  # fmt: skip
    axes = figure.subplots(rows, columns, squeeze=False)
    legend: dict[str, object] = {}
    for index, case in enumerate(panels):
        axis = axes[index // columns][index % columns]
        records = cases[case]
        by_candidate: dict[str, list] = defaultdict(list)
        for record in records:
            by_candidate[record["candidate"]].append(record)
        sizes = sorted({int(r["size"]) for r in records})
        unit = str(records[0].get("unit", "bytes"))
        for points in by_candidate.values():
            points.sort(key=lambda r: r["size"])
            x = [int(r["size"]) for r in points]
            median = [r["gb_per_s"]["median"] for r in points]
            low = [r["gb_per_s"].get("q1", r["gb_per_s"]["min"]) for r in points]
            high = [r["gb_per_s"].get("q3", r["gb_per_s"]["max"]) for r in points]
            style = _style(points[0])
            label = legend_label(points[0])
            (line,) = axis.plot(x, median, label=label, **style)
            axis.fill_between(x, low, high, color=style["color"], alpha=0.12, linewidth=0)
            legend.setdefault(label, line)
        axis.set_xscale("log", base=2)
        axis.set_yscale("log")
        _size_ticks(axis, sizes, unit)
        axis.tick_params(axis="y", labelsize=10)
        axis.grid(True, which="major", linewidth=0.4, alpha=0.5)
        axis.set_title(case.split("/", 1)[1], fontsize=11)
        x_label, y_label = _axis_label(unit)
        axis.set_xlabel(x_label, fontsize=10)
        axis.set_ylabel(y_label, fontsize=10)
    for index in range(len(panels), rows * columns):
        axes[index // columns][index % columns].set_visible(False)
    figure.suptitle(f"{op}: throughput (median, IQR shaded) vs size", fontsize=13)
    figure.legend(
        list(legend.values()),
        list(legend.keys()),
        loc="outside lower center",
        ncol=LEGEND_COLUMNS,
        fontsize=10,
        frameon=False,
    )
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": f"dxpy-{op}"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return inline_svg(buffer.getvalue(), op)


def inline_svg(svg: str, op: str) -> str:
    """The <svg> element alone, scalable, with ids made unique to this figure."""
    start = svg.index("<svg")
    element = svg[start:]
    prefix = re.sub(r"[^A-Za-z0-9]", "_", op)
    # Ids repeat across figures (matplotlib numbers them per figure); make them unique.
    element = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', element)
    element = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", element)
    element = re.sub(
        r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{prefix}-{m.group(1)}"', element
    )
    return element


def all_figures(measurements: list[Mapping[str, object]]) -> list[tuple[str, str]]:
    """(op, svg) for every op with something to chart, in a stable order."""
    groups = chart_groups(measurements)
    order = {op: index for index, op in enumerate(dict.fromkeys(r["op"] for r in measurements))}
    return [(op, figure_svg(op, groups[op])) for op in sorted(groups, key=order.__getitem__)]
