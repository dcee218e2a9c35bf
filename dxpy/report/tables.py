"""The report's tables as pandas DataFrames, rendered to HTML by ``DataFrame.to_html``.

Cells that carry a judgement (a speed-up, a verdict) hold a little HTML
(``<span class="faster">``) which the page's stylesheet colours; every other
cell is escaped text. A speed-up is the median of the ratios formed round by
round (samples taken in the same turn: the peer's time divided by the
engine's; 2.0x: the engine takes half the time); beside it, in brackets, the
interquartile range of the same ratios, which is the spread the verdicts use,
so the speed-up always lies within its bracket.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Mapping

import pandas

from dxpy.bench.cases import size_label
from dxpy.bench.measure import paired_ratios, spread

PEER_COLUMNS = {
    "cpython": "vs CPython",
    "stringzilla": "vs StringZilla",
    "memmem": "vs glibc memmem (ctypes)",
    "numpy": "vs NumPy",
}


def _text(value: object) -> str:
    return "" if value is None else html.escape(str(value))


def frame_html(frame: pandas.DataFrame, css_class: str = "data") -> str:
    """A DataFrame as an HTML table (cells already escaped or deliberate HTML)."""
    if frame.empty:
        return '<p class="empty">Nothing to show.</p>'
    return frame.to_html(escape=False, index=False, border=0, classes=css_class, na_rep="")


def ratio_cell(ratio: float | None, iqr: list[float] | None) -> str:
    """``12.3x (11.8-12.9)``, coloured by where the ratios' middle half lies against 1."""
    if ratio is None:
        return ""
    css = "even"
    if iqr:
        low, high = iqr
        css = "faster" if low >= 1 else ("slower" if high < 1 else "even")
        spread_text = f" <small>({low:.2f}&ndash;{high:.2f})</small>"
    else:
        spread_text = ""
    return f'<span class="{css}">{ratio:.2f}&times;</span>{spread_text}'


def throughput_cell(record: Mapping[str, object] | None) -> str:
    """Median throughput with its interquartile range, in the row's own unit: GB/s of
    text or elements, million keys per second for a dict (a key is not a byte)."""
    if record is None or not record.get("gb_per_s"):
        return ""
    if record.get("unit") == "keys" and record.get("size") and record.get("seconds_per_call"):
        seconds = record["seconds_per_call"]
        keys = int(record["size"])
        median = keys / seconds["median"] / 1e6
        low = keys / seconds.get("q3", seconds["median"]) / 1e6
        high = keys / seconds.get("q1", seconds["median"]) / 1e6
        return f"{median:.3g} <small>({low:.3g}&ndash;{high:.3g}) M keys/s</small>"
    gb = record["gb_per_s"]
    low, high = gb.get("q1", gb["min"]), gb.get("q3", gb["max"])
    return f"{gb['median']:.3g} <small>({low:.3g}&ndash;{high:.3g}) GB/s</small>"


def paired_ratio(
    baseline: Mapping[str, object], subject: Mapping[str, object]
) -> tuple[float, list[float] | None]:
    """The speed-up baseline/subject and the IQR of the per-round ratios (if paired).

    Paired, the speed-up is the median of the per-round ratios, so it lies within
    the bracket printed beside it; unpaired, the ratio of the median times.
    """
    paired = []
    if len(baseline["samples"]) == len(subject["samples"]):
        paired = paired_ratios(baseline["samples"], subject["samples"])
    if not paired:
        ratio = baseline["seconds_per_call"]["median"] / subject["seconds_per_call"]["median"]
        return ratio, None
    summary = spread(paired)
    return summary.median, [summary.first_quartile, summary.third_quartile]


def _by_case(measurements: list[Mapping[str, object]]) -> dict[str, dict[str, Mapping]]:
    cases: dict[str, dict[str, Mapping]] = defaultdict(dict)
    for record in measurements:
        cases[record["key"]][record["candidate"]] = record
    return cases


def _measured(record: Mapping[str, object] | None) -> bool:
    return bool(record and record.get("verified") and record.get("seconds_per_call"))


def speedup_frame(measurements: list[Mapping[str, object]], op: str) -> pandas.DataFrame:
    """One row per case and Python-timed engine of ``op``: throughput, speed-up per peer, and
    the C++ loop's throughput (and against glibc's, also looped in C++)."""
    rows = []
    cases = _by_case([m for m in measurements if m["op"] == op])
    peer_columns = {
        peer: title
        for peer, title in PEER_COLUMNS.items()
        if any(peer in candidates for candidates in cases.values())
    }
    any_native_loop = any(
        record.get("timing") == "c++" for c in cases.values() for record in c.values()
    )
    for candidates in cases.values():
        engines = [
            r for r in candidates.values() if r["role"] == "engine" and r["timing"] == "python"
        ]
        for engine in engines:
            first = next(iter(candidates.values()))
            row = {
                "case": _text(first["case"].split("/", 1)[1]),
                "size": size_label(int(first["size"]), str(first.get("unit", "bytes"))),
                "engine": _text(f"{engine['engine']} ({engine['mode']})"),
                "throughput": throughput_cell(engine)
                if _measured(engine)
                else f'<span class="slower">wrong answer: {_text(engine["error"])}</span>',
            }
            for peer, title in peer_columns.items():
                baseline = candidates.get(peer)
                if _measured(engine) and _measured(baseline):
                    row[title] = ratio_cell(*paired_ratio(baseline, engine))
                else:
                    row[title] = ""
            if any_native_loop:
                loop = candidates.get(f"c++:{engine['candidate']}")
                row["C++ loop"] = throughput_cell(loop) if _measured(loop) else ""
                libc = candidates.get("c++:memmem") or candidates.get("c++:memcmp")
                row["C++ loop vs glibc (C++ loop)"] = (
                    ratio_cell(*paired_ratio(libc, loop))
                    if _measured(loop) and _measured(libc)
                    else ""
                )
            rows.append(row)
    frame = pandas.DataFrame(rows)
    if not frame.empty:
        frame = frame.loc[:, [c for c in frame.columns if (frame[c] != "").any()]]
    return frame


def verdict_cell(verdict: Mapping[str, object]) -> str:
    """met / MISSED / information, with how sure the verdict is."""
    if verdict["met"] is None:
        return '<span class="even">information</span>' + (
            f" <small>{_text(verdict['note'])}</small>" if verdict["note"] else ""
        )
    if verdict["note"]:
        return f'<span class="slower">MISSED</span> <small>{_text(verdict["note"])}</small>'
    if verdict["met"]:
        sure = "" if verdict["confident"] else " <small>(uncertain)</small>"
        return f'<span class="faster">met</span>{sure}'
    share = verdict["ratio"] / verdict["threshold"]
    sure = "" if verdict["confident"] else ", uncertain"
    return f'<span class="slower">MISSED</span> <small>({share:.0%} of target{sure})</small>'


def rate_text(gb_per_s: float | None, unit: str) -> str:
    """A throughput in its row's unit: GB/s, or M keys/s for dict rows (whose ``gb_per_s``
    counts one "byte" per key, so 1 "GB/s" there is 1000 M keys/s)."""
    if gb_per_s is None:
        return ""
    if unit == "keys":
        return f"{gb_per_s * 1e3:.3g} <small>M keys/s</small>"
    return f"{gb_per_s:.3g} <small>GB/s</small>"


def targets_frame(verdicts: list[Mapping[str, object]], engine_id: str) -> pandas.DataFrame:
    """The targets of one engine: what, where, both throughputs, the ratio, the need, verdict."""
    rows = []
    for verdict in (v for v in verdicts if v["engine"] == engine_id):
        unit = str(verdict.get("unit") or _unit_of_case(str(verdict["case"])))
        size = "" if verdict.get("size") is None else size_label(int(verdict["size"]), unit)
        if verdict.get("size_note"):
            size += f" <small>({_text(verdict['size_note'])})</small>"
        threshold = verdict["threshold"]
        rows.append(
            {
                "target": _text(verdict["text"]),
                "size": size,
                "engine": rate_text(verdict["engine_gb_per_s"], unit),
                "peer": rate_text(verdict["baseline_gb_per_s"], unit),
                "ratio (IQR)": ratio_cell(verdict["ratio"], verdict.get("ratio_iqr")),
                "needed": "" if threshold is None else f"&ge; {threshold:g}&times;",
                "verdict": verdict_cell(verdict),
            }
        )  # fmt: skip
    return pandas.DataFrame(rows)


def _unit_of_case(case_id: str) -> str:
    """The unit of a case's size, for documents whose verdicts do not name it."""
    family = case_id.split("/", 1)[0]
    return {"swissdict": "keys", "simdlist": "elements"}.get(family, "bytes")


def key_value_frame(pairs: list[tuple[str, object]]) -> pandas.DataFrame:
    """A two-column table of labelled values, both escaped."""
    return pandas.DataFrame([{"": _text(key), "value": _text(value)} for key, value in pairs])


def engine_matrix_frame(document: Mapping[str, object]) -> pandas.DataFrame:
    """Every engine build: this machine's (measured or not), then the property run's others
    (qemu) with the architecture they ran on."""
    measured = {(e["name"], e["mode"]) for e in document.get("engines", [])}
    default = document.get("default_engine")
    builds = document.get("engine_builds") or document.get("engines", [])
    machine_arch = document.get("machine", {}).get("machine", "")
    rows = []
    for build in builds:
        rows.append(
            {
                "engine": _text(build["name"]),
                "instruction set": _text(build.get("isa")),
                "mode": _mode_cell(build["mode"]),
                "architecture": _text(machine_arch),
                "where": "this machine",
                "dispatcher's default": "yes"
                if build["name"] == default and build["mode"] == "native"
                else "",
                "measured in this run": "yes" if (build["name"], build["mode"]) in measured else "",
            }
        )
    properties = document.get("properties") or {}
    for engine in properties.get("engines", []) if properties.get("available") else []:
        if engine.get("arch") in (None, machine_arch):
            continue
        rows.append(
            {
                "engine": _text(engine.get("name")),
                "instruction set": _text(engine.get("isa")),
                "mode": _mode_cell(str(engine.get("mode"))),
                "architecture": _text(engine.get("arch")),
                "where": "property run (qemu-user)",
                "dispatcher's default": "",
                "measured in this run": "",
            }
        )
    return pandas.DataFrame(rows)


def _mode_cell(mode: str) -> str:
    if mode == "emulated":
        return '<span class="emulated">emulated (SIMDe)</span>'
    return _text(mode)


def properties_engines_frame(properties: Mapping[str, object]) -> pandas.DataFrame:
    """The engines the property run held to CPython: name, ISA, architecture, mode."""
    return pandas.DataFrame(
        [
            {key: _text(engine.get(key)) for key in ("name", "isa", "arch", "mode")}
            for engine in properties.get("engines", [])
        ]
    )


def not_passed_frame(properties: Mapping[str, object]) -> pandas.DataFrame:
    """The property run's tests that did not pass, each with its outcome in red."""
    return pandas.DataFrame(
        [
            {"test": _text(t["nodeid"]), "outcome": f'<span class="slower">{_text(t["outcome"])}'
             "</span>"}
            for t in properties.get("not_passed", [])
        ]
    )  # fmt: skip


VERIFIED_PASS = ("pass", "passed", "verified", "true")
VERIFIED_FAIL = ("fail", "failed", "false")


def verified_class(verified: object) -> str:
    """faster (pass), slower (fail) or even (anything else: not run, no check, ...)."""
    word = str(verified).strip().lower()
    if word in VERIFIED_PASS:
        return "faster"
    return "slower" if word in VERIFIED_FAIL else "even"


def tasks_frame(tasks: Mapping[str, object]) -> pandas.DataFrame:
    """The task matrix: subtasks indented, verdicts coloured, several evidence lines folded."""
    rows = []
    for row in tasks.get("rows", []):
        verified = row.get("verified")
        depth = row.get("depth") or 0
        indent = "&nbsp;&nbsp;" * int(depth) if isinstance(depth, int) else ""
        rows.append(
            {
                "task": indent + _text(row.get("id")),
                "title": _text(row.get("title")),
                "claimed": _text(row.get("claimed")),
                "verified": f'<span class="{verified_class(verified)}">{_text(verified)}</span>',
                "reason": _text(row.get("reason")),
                "to settle it": "<br>".join(
                    f"<code>{_text(command)}</code>" for command in row.get("commands") or []
                ),
                "evidence": _evidence_cell(row.get("evidence")),
            }
        )
    return pandas.DataFrame(rows)


def _evidence_cell(evidence: object) -> str:
    """Evidence lines, folded away when there are several."""
    if isinstance(evidence, (list, tuple)):
        items = [str(item) for item in evidence]
    elif evidence:
        items = [line for line in str(evidence).splitlines() if line.strip()]
    else:
        items = []
    if len(items) <= 1:
        return _text(items[0]) if items else ""
    listed = "".join(f"<li>{_text(item)}</li>" for item in items)
    return f"<details><summary>{len(items)} lines</summary><ul>{listed}</ul></details>"


def comparison_frame(rows: list[Mapping[str, object]]) -> pandas.DataFrame:
    """The flagged changes against the old run: status, change in time (+: slower), before, now."""
    return pandas.DataFrame(
        [
            {
                "status": f'<span class="{"slower" if r["status"] == "regression" else "faster"}">'
                f"{r['status']}</span>",
                "change (time)": f"{r['change']:+.1%}",
                "case": _text(r["key"]),
                "candidate": _text(r["label"]),
                "before &micro;s": f"{r['old_median'] * 1e6:.4g}",
                "now &micro;s": f"{r['new_median'] * 1e6:.4g}",
            }
            for r in rows
        ]
    )


def measurements_frame(measurements: list[Mapping[str, object]]) -> pandas.DataFrame:
    """Every measurement: median time per call with quartiles and extremes, loops, processes."""
    rows = []
    for record in measurements:
        seconds = record.get("seconds_per_call")
        rows.append(
            {
                "case": _text(record["key"]),
                "candidate": _text(record["label"]),
                "timing": _text(record.get("timing", "python")),
                "median &micro;s": "" if not seconds else f"{seconds['median'] * 1e6:.4g}",
                "q1&ndash;q3 &micro;s": ""
                if not seconds
                else f"{seconds['q1'] * 1e6:.4g}&ndash;{seconds['q3'] * 1e6:.4g}",
                "min&ndash;max &micro;s": ""
                if not seconds
                else f"{seconds['min'] * 1e6:.4g}&ndash;{seconds['max'] * 1e6:.4g}",
                "throughput": throughput_cell(record),
                "samples": len(record.get("samples", [])),
                "processes": record.get("processes", ""),
                "loops": _text(",".join(str(loop) for loop in record.get("loops", []))),
                "check": "ok" if record.get("verified") else
                f'<span class="slower">{_text(record.get("error"))}</span>',
            }
        )  # fmt: skip
    return pandas.DataFrame(rows)
