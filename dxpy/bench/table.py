"""Plain-text tables of a benchmark document: measurements and target verdicts."""

from __future__ import annotations

from collections.abc import Mapping

from dxpy.bench.cases import size_label


def _gbps(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _verdict(target: Mapping[str, object]) -> str:
    if target["note"]:
        return f"MISSED ({target['note']})" if target["met"] is False else str(target["note"])
    if target["met"] is None:
        return "info"
    if target["met"]:
        return "met" if target["confident"] else "met (uncertain)"
    share = target["ratio"] / target["threshold"]
    uncertain = "" if target["confident"] else ", uncertain"
    return f"MISSED ({share:.0%} of target{uncertain})"


def targets_table(document: Mapping[str, object]) -> str:
    """The target verdicts, one line each, grouped by engine."""
    verdicts = document["targets"]
    width = max((len(str(v["text"])) for v in verdicts), default=10)
    header = (
        f"{'target':<{width}}  {'size':>6}  {'engine':>7}  {'peer':>7}  {'ratio':>7}  "
        f"{'ratio IQR':>13}  {'need':>6}  result"
    )
    lines = []
    for engine_id in dict.fromkeys(v["engine"] for v in verdicts):
        lines += [
            "",
            f"Targets for {engine_id}: GB/s are medians; ratio = peer median time / engine "
            "median time; ratio IQR over rounds; uncertain = the IQR straddles the need",
            header,
            "-" * (len(header) + 12),
        ]
        for verdict in (v for v in verdicts if v["engine"] == engine_id):
            ratio = "-" if verdict["ratio"] is None else f"{verdict['ratio']:.2f}x"
            low_high = verdict["ratio_iqr"]
            spread = "-" if not low_high else f"{low_high[0]:.2f}-{low_high[1]:.2f}x"
            need = "-" if verdict["threshold"] is None else f">={verdict['threshold']:g}x"
            unit = verdict.get("unit") or "bytes"
            size = "-" if verdict.get("size") is None else size_label(verdict["size"], unit)
            lines.append(
                f"{verdict['text']:<{width}}  {size:>6}  {_gbps(verdict['engine_gb_per_s']):>7}  "
                f"{_gbps(verdict['baseline_gb_per_s']):>7}  {ratio:>7}  {spread:>13}  "
                f"{need:>6}  {_verdict(verdict)}"
                + (f" [{verdict['size_note']}]" if verdict.get("size_note") else "")
            )
    summary = document["summary"]
    lines += [
        "",
        f"{summary['met']} of {summary['targets']} targets met, {summary['missed']} missed "
        f"({summary['information_only']} information-only rows).",
    ]
    return "\n".join(lines)


def measurements_table(document: Mapping[str, object]) -> str:
    """Every measurement: median time per call with its range, and throughput."""
    rows = document["measurements"]
    case_width = max((len(str(m["key"])) for m in rows), default=10)
    label_width = max((len(str(m["label"])) for m in rows), default=10)
    header = (
        f"{'case':<{case_width}}  {'candidate':<{label_width}}  {'median us':>10}  "
        f"{'min-max us':>19}  {'GB/s':>7}"
    )
    lines = [header, "-" * len(header)]
    previous_case = None
    for record in rows:
        case = record["key"] if record["key"] != previous_case else ""
        previous_case = record["key"]
        if not record["verified"]:
            lines.append(
                f"{case:<{case_width}}  {record['label']:<{label_width}}  "
                f"WRONG ANSWER, not timed: {record['error']}"
            )
            continue
        seconds = record["seconds_per_call"]
        low_high = f"{seconds['min'] * 1e6:.1f}-{seconds['max'] * 1e6:.1f}"
        lines.append(
            f"{case:<{case_width}}  {record['label']:<{label_width}}  "
            f"{seconds['median'] * 1e6:>10.1f}  {low_high:>19}  "
            f"{record['gb_per_s']['median']:>7.2f}"
        )
    return "\n".join(lines)


def header_lines(document: Mapping[str, object]) -> str:
    """Machine, versions and settings in a few lines."""
    machine = document["machine"]
    flags = ", ".join(f for f, present in machine["cpu_flags"].items() if present)
    versions = ", ".join(f"{name} {value}" for name, value in document["versions"].items())
    config = document["config"]
    settings = config["settings"]
    cases = len({m["key"] for m in document["measurements"]})
    lines = [
        f"CPU: {machine['cpu_model']} ({machine['usable_cpus']} usable CPUs; {flags})",
        f"Versions: {versions}",
        f"Run: {'quick' if config['quick'] else 'full'}, {config['processes']} process(es) x "
        f"{settings['samples']} samples of >= {settings['min_sample_seconds'] * 1000:g} ms, "
        f"{cases} cases, seed {config['seed']}; took {document['duration_seconds']:.1f} s",
    ]
    if document.get("budget_note"):
        lines.append(f"Note: {document['budget_note']}")
    if document.get("partial"):
        partial = document["partial"]
        lines.append(
            f"PARTIAL: {partial['reason']}; {partial['measured_cases']} of "
            f"{partial['planned_cases']} cases measured"
        )
    return "\n".join(lines)
