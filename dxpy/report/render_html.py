"""The report page: one self-contained HTML file (inline CSS and SVG; no script, no fetch).

It renders a results.json and nothing else, so ``--from-json`` rebuilds the
very same page. Sections, in order: summary, machine, engines, targets,
charts, speed-ups, comparison (with --compare), properties, tasks, mutation
testing, method, every measurement.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping

from dxpy.bench.targets import target_engine_ids
from dxpy.report import charts, summary, tables
from dxpy.report.compare import flagged
from dxpy.report.parser_section import parser_section

STYLE = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0;
       color: #1d2330; background: #fafbfc; }
header { background: #1d2330; color: #fff; padding: 18px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 2px 0; color: #c9d1e0; }
nav { padding: 8px 32px; background: #eef1f6; border-bottom: 1px solid #d9dee8; }
nav a { margin-right: 14px; color: #24497a; text-decoration: none; }
main { padding: 8px 32px 48px; max-width: 1500px; }
section { margin-top: 28px; }
h2 { border-bottom: 2px solid #d9dee8; padding-bottom: 4px; font-size: 18px; }
h3 { font-size: 15px; margin-bottom: 6px; }
table.data { border-collapse: collapse; margin: 6px 0 14px; font-size: 12.5px; }
table.data th { background: #eef1f6; text-align: left; padding: 4px 8px;
                border-bottom: 1px solid #c5ccd8; }
table.data td { padding: 3px 8px; border-bottom: 1px solid #e6e9ef; vertical-align: top; }
table.data tr:hover td { background: #f3f6fb; }
small { color: #5b6578; }
.faster { color: #17692f; font-weight: 600; }
.slower { color: #b3261e; font-weight: 600; }
.even { color: #8a5a00; font-weight: 600; }
.emulated { color: #6b3fa0; font-style: italic; }
.banner { padding: 10px 14px; border-radius: 6px; margin: 14px 0; }
.banner.partial { background: #fde8e6; border: 1px solid #e9a29c; }
.banner.info { background: #e8f0fb; border: 1px solid #a9c1e6; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 14px 0; }
.card { background: #fff; border: 1px solid #d9dee8; border-radius: 8px; padding: 4px 14px;
        min-width: 130px; }
.card b { font-size: 17px; margin-right: 6px; }
figure { margin: 12px 0 22px; background: #fff; border: 1px solid #e1e5ec; border-radius: 6px;
         padding: 6px; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: #5b6578; }
details { margin: 8px 0; }
summary { cursor: pointer; color: #24497a; }
code { background: #eef1f6; padding: 1px 4px; border-radius: 3px; }
p.empty { color: #5b6578; font-style: italic; }
section.summary { margin-top: 12px; }
section.summary h2 { font-size: 22px; }
p.headline { font-size: 20px; margin: 6px 0 10px; }
figure.headline-chart { padding: 10px; }
figure.headline-chart svg { width: 100%; max-width: 1300px; height: auto; }
div.asides { display: flex; gap: 14px; align-items: flex-start; }
div.missed, div.notrun { font-size: 15px; flex: 1; background: #fff; border: 1px solid #d9dee8;
    border-radius: 6px; padding: 6px 16px; }
div.missed ul, div.notrun ul { margin: 4px 0; padding-left: 20px; }
div.notrun { background: #fff8e6; border-color: #e8cf8f; }
details.section > summary { list-style: none; }
details.section > summary h2 { display: inline; border: 0; }
details.section > summary::before { content: "▸ "; color: #24497a; font-size: 18px; }
details.section[open] > summary::before { content: "▾ "; }
details.section > summary small { margin-left: 10px; }
"""

# Sections open by default: the short ones a reader wants next to the summary.
OPEN_SECTIONS = ("targets",)
HINTS = {
    "machine": "CPU, flags, compiler, versions, the commit measured",
    "engines": "every engine build and how it ran",
    "targets": "each speed target, met or missed",
    "charts": "throughput against size, per operation",
    "speedups": "every case: throughput and speed-up per peer",
    "comparison": "changes against the earlier run",
    "properties": "the last property-test run",
    "tasks": "the task list, claim by claim",
    "mutants": "planted bugs and whether the tests caught them",
    "method": "how it was measured",
    "measurements": "every number",
}

SECTIONS = (
    ("summary", "Summary"),
    ("machine", "Machine"),
    ("engines", "Engines"),
    ("targets", "Targets"),
    ("charts", "Charts"),
    ("speedups", "Speed-ups"),
    ("comparison", "Comparison"),
    ("properties", "Properties"),
    ("tasks", "Tasks"),
    ("mutants", "Mutation testing"),
    ("parser", "Parser"),
    ("method", "Method"),
    ("measurements", "All measurements"),
)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _section(anchor: str, title: str, body: str) -> str:
    """A section folded under its title (open for OPEN_SECTIONS); no script needed."""
    opened = " open" if anchor in OPEN_SECTIONS else ""
    hint = f"<small>{_e(HINTS.get(anchor, ''))}</small>"
    return (
        f'<section id="{anchor}"><details class="section"{opened}><summary>'
        f"<h2>{_e(title)}</h2>{hint}</summary>\n{body}\n</details></section>"
    )


def _card(value: object, label: str, css: str = "") -> str:
    return f'<div class="card"><b class="{css}">{_e(value)}</b>{_e(label)}</div>'


def _ops_in_order(measurements: list[Mapping[str, object]]) -> list[str]:
    return list(dict.fromkeys(m["op"] for m in measurements))


def summary_section(document: Mapping[str, object]) -> str:
    """The page's opening, above the sections: banners (partial or quick run) and headline cards."""
    measurements = document.get("measurements", [])
    config = document.get("config", {})
    parts = []
    partial = document.get("partial")
    if partial:
        parts.append(
            f'<div class="banner partial"><b>Partial run</b>: {_e(partial.get("reason"))}; '
            f"{_e(partial.get('measured_cases'))} of {_e(partial.get('planned_cases'))} cases "
            "measured. Everything below is what was measured before it stopped.</div>"
        )
    if document.get("budget_note"):
        parts.append(f'<div class="banner info">{_e(document["budget_note"])}.</div>')
    if config.get("quick"):
        parts.append(
            '<div class="banner info">Quick run: fewer sizes and inputs, fewer samples. '
            "Run <code>dxpy-report</code> without <code>--quick</code> for every size from "
            "64 B to 16 MiB, every engine build and every input.</div>"
        )
    # The targets, wrong answers and what was not run are the summary's (summary.py);
    # the cards keep to the counts and the other runs' totals, on one short row.
    cases = len({m["key"] for m in measurements})
    cards = [_card(cases, "cases measured"), _card(len(measurements), "measurements")]
    comparison = document.get("comparison")
    if comparison:
        counts = comparison["counts"]
        cards.append(
            _card(counts["regression"], "regressions", "slower" if counts["regression"] else "")
        )
        cards.append(_card(counts["improvement"], "improvements"))
    properties = document.get("properties") or {}
    if properties.get("available"):
        totals = properties["totals"]
        bad = totals["failed"] + totals["error"]
        cards.append(
            _card(f"{totals['passed']} / {bad}", "properties passed / failed",
                  "slower" if bad else "faster")
        )  # fmt: skip
    mutants = document.get("mutants") or {}
    if mutants.get("available") and mutants.get("total"):
        cards.append(_card(f"{mutants['killed']} / {mutants['total']}", "mutants killed"))
    parts.append(f'<div class="cards">{"".join(cards)}</div>')
    return "\n".join(parts)


def machine_section(document: Mapping[str, object]) -> str:
    """The machine, its CPU flags, Python and library versions: what the numbers depend on."""
    machine = document.get("machine", {})
    versions = document.get("versions", {})
    python = machine.get("python", {})
    flags = machine.get("cpu_flags", {})
    present = ", ".join(flag for flag, has in flags.items() if has) or "none of interest"
    absent = ", ".join(flag for flag, has in flags.items() if not has)
    pairs = [
        ("CPU", machine.get("cpu_model")),
        ("CPU flags present", present),
        ("CPU flags absent", absent),
        ("usable / logical CPUs", f"{machine.get('usable_cpus')} / {machine.get('logical_cpus')}"),
        ("architecture", machine.get("machine")),
        ("OS", machine.get("os")),
        ("dxpy compiled by", machine.get("compiler") or "unknown"),
        ("Python", f"{python.get('implementation')} {python.get('version')} "
                   f"({python.get('compiler')}; {python.get('build')})"),
        ("load average at start / end", f"{_load(machine.get('load_average_at_start'))} / "
                                        f"{_load(machine.get('load_average_at_end'))}"),
    ]  # fmt: skip
    for name, version in versions.items():
        if name == "dxpy_commit":
            pairs.append(("dxpy built from commit", version or "unknown"))
            continue
        pairs.append((f"version: {name}", version or "not installed"))
    pyperf = machine.get("pyperf_metadata") or {}
    for key, value in pyperf.items():
        pairs.append((f"pyperf: {key}", value))
    return tables.frame_html(tables.key_value_frame(pairs), "data keyvalue")


def _load(values: object) -> str:
    if not values:
        return "?"
    return ", ".join(f"{value:.2f}" for value in values)  # type: ignore[union-attr]


def engines_section(document: Mapping[str, object]) -> str:
    """Every engine build, whether this run measured it, and whether C++ timing was available."""
    native_loop = document.get("native_timing")
    note = (
        "C++-timed loops (<code>dxpy._native.time_kernel</code>) are available in this build: "
        "rows and lines labelled <i>C++ loop</i> time the kernel without Python's call overhead."
        if native_loop
        else "This build of dxpy._native has no C++ timing entry point, so every number is "
        "Python-timed (a Python call per run, about 100 ns, included)."
    )
    return (
        "<p>Every engine build that runs here; emulated builds are the same kernels compiled "
        "through SIMDe, measured to show what a CPU without the instruction set gets, never "
        f"chosen by the dispatcher. {note}</p>"
        + tables.frame_html(tables.engine_matrix_frame(document))
    )


def targets_section(document: Mapping[str, object]) -> str:
    """The speed targets' verdicts, one table per engine they were held against."""
    verdicts = document.get("targets", [])
    if not verdicts:
        return '<p class="empty">No target\'s case was measured in this run.</p>'
    summary = document.get("summary", {})
    parts = [
        f"<p>The speed targets of the engines and collections issues, held against the native "
        f"SIMD engines measured: <b>{summary.get('met', 0)} of {summary.get('targets', 0)} met"
        f"</b>, {summary.get('missed', 0)} missed, {summary.get('information_only', 0)} for "
        f"information. A verdict is <i>uncertain</i> when the middle half of the per-round "
        f"ratios straddles the need. Targets are read at 1 MiB (1 Mi elements or keys); "
        f"where a run measured elsewhere, the size column says so.</p>"
    ]
    if summary.get("not_measured"):
        parts.append(
            f"<p><small>{summary['not_measured']} targets were not measured in this run "
            "(filters or an interrupted run).</small></p>"
        )
    engine_ids = list(dict.fromkeys(v["engine"] for v in verdicts))
    for engine_id in engine_ids:
        parts.append(f"<h3>{_e(engine_id)}</h3>")
        parts.append(tables.frame_html(tables.targets_frame(verdicts, engine_id)))
    return "\n".join(parts)


def charts_section(document: Mapping[str, object]) -> str:
    """One time-per-size chart per operation (a note instead where matplotlib is missing)."""
    try:
        figures = charts.all_figures(document.get("measurements", []))
    except ImportError as error:
        return f'<p class="empty">Charts need matplotlib: {_e(error)}</p>'
    if not figures:
        return '<p class="empty">No case was measured at two sizes or more.</p>'
    legend = (
        "<p>Colour: the engine or peer. Solid: native; dashed: emulated (SIMDe); dotted with "
        "squares: the kernel looped in C++ (no Python call per run). Shaded: the "
        "interquartile range of the samples.</p>"
    )
    body = "\n".join(f'<figure id="chart-{_e(op)}">{svg}</figure>' for op, svg in figures)
    return legend + body


def speedups_section(document: Mapping[str, object]) -> str:
    """Per operation, each engine's throughput and its speed-up over each peer on the same case."""
    measurements = document.get("measurements", [])
    parts = [
        "<p>Per case and engine (Python-timed): the engine's throughput, and how many times "
        "faster it is than each peer measured on the same case in the same run: the median "
        "of the per-round ratios (peer time / engine time, samples taken in the same turn), "
        "and in brackets the interquartile range of those same ratios. Green: faster in the "
        "middle half of the rounds; red: slower; amber: too close to call.</p>"
    ]
    for op in _ops_in_order(measurements):
        frame = tables.speedup_frame(measurements, op)
        if frame.empty:
            continue
        parts.append(f"<h3>{_e(op)}</h3>")
        parts.append(tables.frame_html(frame))
    return "\n".join(parts)


def comparison_section(document: Mapping[str, object]) -> str | None:
    """Regressions and improvements against an earlier run; None (no section) without --compare."""
    comparison = document.get("comparison")
    if not comparison:
        return None
    counts = comparison["counts"]
    parts = [
        f"<p>Against <code>{_e(comparison['source'])}</code> (created "
        f"{_e(comparison.get('old_created'))}): <b>{counts['regression']} regressions</b>, "
        f"{counts['improvement']} improvements, {counts['unchanged']} within noise, "
        f"{counts['new']} new, {counts['gone']} gone. A change is flagged when the medians "
        f"differ by more than {comparison['min_change']:.0%}, the interquartile ranges do not "
        "overlap and pyperf's t-test agrees.</p>"
    ]
    if not comparison.get("same_cpu"):
        parts.append(
            f'<div class="banner partial">The old run was on another CPU '
            f"({_e(comparison.get('old_cpu'))}): changes say as much about the machines.</div>"
        )
    parts.append(tables.frame_html(tables.comparison_frame(flagged(comparison))))
    return "\n".join(parts)


def properties_section(document: Mapping[str, object]) -> str:
    """The latest property run: its totals, the engines it checked, the tests that did not pass."""
    properties = document.get("properties") or {}
    if not properties.get("available"):
        return (
            f'<p class="empty">No property run recorded ({_e(properties.get("reason"))}). '
            "Run <code>pytest properties/</code> to record one.</p>"
        )
    totals = properties["totals"]
    cards = "".join(
        [
            _card(totals["passed"], "passed", "faster"),
            _card(totals["failed"], "failed", "slower" if totals["failed"] else ""),
            _card(totals["error"], "errors", "slower" if totals["error"] else ""),
            _card(totals["skipped"], "skipped"),
        ]
    )
    parts = [
        f"<p>The latest <code>pytest properties/</code> run: profile "
        f"<code>{_e(properties.get('profile'))}</code>, {_e(properties.get('created'))}, "
        f"{properties.get('tests')} tests.</p>",
        f'<div class="cards">{cards}</div>',
        "<h3>Engines it held to CPython</h3>",
        tables.frame_html(tables.properties_engines_frame(properties)),
    ]
    if properties.get("not_passed"):
        parts += ["<h3>Tests that did not pass</h3>",
                  tables.frame_html(tables.not_passed_frame(properties))]  # fmt: skip
    return "\n".join(parts)


def tasks_section(document: Mapping[str, object]) -> str:
    """The dxpy-tasks matrix (claimed and verified per task); the page never runs its checks."""
    tasks = document.get("tasks") or {}
    if not tasks.get("available"):
        return f'<p class="empty">No task matrix: {_e(tasks.get("reason"))}.</p>'
    rows = tasks.get("rows", [])
    verdicts = Counter(str(row.get("verified")) for row in rows)
    claimed = sum(1 for row in rows if str(row.get("claimed")).lower() in ("done", "true"))
    counts = ", ".join(f"{count} {_e(verdict)}" for verdict, count in verdicts.most_common())
    return (
        f"<p>dxpy-tasks (checks not run; <code>dxpy-tasks --run</code> runs them): "
        f"{len(rows)} tasks, {claimed} claimed done; verified: {counts}.</p>"
        + tables.frame_html(tables.tasks_frame(tasks))
    )


def mutants_section(document: Mapping[str, object]) -> str:
    """The latest mutation run: the share of mutants the properties killed, and the survivors."""
    mutants = document.get("mutants") or {}
    if not mutants.get("available"):
        return f'<p class="empty">No mutation run recorded ({_e(mutants.get("reason"))}).</p>'
    total = mutants.get("total") or 0
    ratio = mutants["killed"] / total if total else 0.0
    parts = [
        f"<p>{mutants['killed']} of {total} mutants killed by the properties "
        f"(<b>{ratio:.0%}</b>).</p>"
    ]
    if mutants.get("survivors"):
        survivors = "".join(
            f"<li><code>{_e(m['name'])}</code>: {_e(m['description'])}</li>"
            for m in mutants["survivors"]
        )
        parts.append(f"<h3>Survivors</h3><ul>{survivors}</ul>")
    return "\n".join(parts)


def method_section(document: Mapping[str, object]) -> str:
    """How this run measured (processes, samples, engines, filters, seed); inputs, command."""
    config = document.get("config", {})
    settings = config.get("settings", {})
    inputs = document.get("inputs", {})
    kinds = "".join(
        f"<li><code>{_e(name)}</code>: {_e(text)}</li>"
        for name, text in inputs.get("kinds", {}).items()
    )
    needles = ", ".join(
        f"{_e(length)} bytes <code>{_e(needle)}</code>"
        for length, needle in inputs.get("absent_needles", {}).items()
    )
    return (
        f"<p>{_e(document.get('method'))}</p>"
        f"<p>This run: {'quick' if config.get('quick') else 'full'}; "
        f"{config.get('processes')} measuring processes, each with "
        f"{settings.get('warmups')} warm-up and {settings.get('samples')} samples of at least "
        f"{1000 * float(settings.get('min_sample_seconds', 0)):g} ms per candidate; engines "
        f"{_e(', '.join(config.get('engines', [])))}; filters "
        f"{_e(', '.join(config.get('filters', [])) or 'none')}; seed {config.get('seed')}; "
        f"took {float(document.get('duration_seconds', 0)):.0f} s of measuring. The samples are "
        "also saved as a pyperf suite (<code>pyperf.json</code> beside this page: "
        "<code>python -m pyperf stats pyperf.json</code>).</p>"
        f"<p>Absent needles: {needles or 'none'}.</p><h3>Inputs</h3><ul>{kinds}</ul>"
        f"<p>Command: <code>{_e(' '.join(document.get('command', [])))}</code></p>"
    )


def measurements_section(document: Mapping[str, object]) -> str:
    """Every measurement's numbers, folded away: hundreds of rows would bury the page."""
    measurements = document.get("measurements", [])
    frame = tables.measurements_frame(measurements)
    return (
        f"<details><summary>{len(measurements)} measurements (time per call: median, "
        f"quartiles, extremes)</summary>{tables.frame_html(frame)}</details>"
    )


def render(document: Mapping[str, object]) -> str:
    """The whole page for a report document."""
    sections = {
        "summary": "",  # drawn first, unfolded, by summary.summary_html
        "machine": machine_section(document),
        "engines": engines_section(document),
        "targets": targets_section(document),
        "charts": charts_section(document),
        "speedups": speedups_section(document),
        "comparison": comparison_section(document),
        "properties": properties_section(document),
        "tasks": tasks_section(document),
        "mutants": mutants_section(document),
        "parser": parser_section(document),
        "method": method_section(document),
        "measurements": measurements_section(document),
    }
    present = [(anchor, title) for anchor, title in SECTIONS if sections[anchor] is not None]
    nav = "".join(f'<a href="#{anchor}">{_e(title)}</a>' for anchor, title in present)
    body = "\n".join(
        _section(anchor, title, sections[anchor])
        for anchor, title in present
        if anchor != "summary"
    )
    run_id = document.get("run_id") or "(benchmark document)"
    versions = document.get("versions", {})
    commit = versions.get("dxpy_commit") or "unknown commit"
    engines_measured = ", ".join(e["id"] for e in document.get("engines", []))
    target_engines = ", ".join(
        target_engine_ids(document.get("engines", []))
    ) if document.get("engines") else ""  # fmt: skip
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dxpy report {_e(run_id)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>dxpy report &mdash; {_e(run_id)}</h1>
<p>{_e(document.get("created"))} &middot; dxpy {_e(versions.get("dxpy"))} ({_e(commit)})
&middot; {_e(document.get("machine", {}).get("cpu_model"))}</p>
<p>Engines measured: {_e(engines_measured)}; targets held against: {_e(target_engines)}</p>
</header>
<nav>{nav}</nav>
<main>
{summary_section(document)}
{summary.summary_html(document)}
{body}
</main>
</body>
</html>
"""
