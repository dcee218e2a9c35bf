"""The report page built from a fixture results.json: its structure and its numbers."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

from dxpy.report import charts, document, extras, render_html, summary

TIMES = "\N{MULTIPLICATION SIGN}"  # how the page writes a ratio: 2.00x


class PageStructure(HTMLParser):
    """What the tests look at: sections, figures, tables and their cells, references."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.svgs_in_figures = 0
        self.tables = 0
        self.scripts = 0
        self.references: list[str] = []
        self.title = ""
        self._in_title = False
        self._figure_depth = 0
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section":
            self.sections.append(attributes.get("id", ""))
        elif tag == "figure":
            self._figure_depth += 1
        elif tag == "svg" and self._figure_depth:
            self.svgs_in_figures += 1
        elif tag == "table":
            self.tables += 1
        elif tag == "script":
            self.scripts += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        for name in ("src", "href"):
            value = attributes.get(name)
            if value and not value.startswith(("#", "data:")):
                self.references.append(value)

    def handle_endtag(self, tag):
        if tag == "figure":
            self._figure_depth -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._cell is not None:
            self._cell.append(data)

    def rows_containing(self, *texts: str) -> list[list[str]]:
        return [row for row in self.rows if all(any(t in cell for cell in row) for t in texts)]


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report_small.json"


@pytest.fixture
def report() -> dict:
    return document.load(FIXTURE)


@pytest.fixture(scope="module")
def page() -> str:
    """The fixture's page, drawn once (matplotlib takes a moment)."""
    return render_html.render(document.load(FIXTURE))


@pytest.fixture(scope="module")
def structure(page: str) -> PageStructure:
    return parse(page)


def parse(page: str) -> PageStructure:
    structure = PageStructure()
    structure.feed(page)
    return structure


def test_the_fixture_renders_every_section_and_is_self_contained(structure):
    assert structure.title == "dxpy report fixture-run"
    for section in ("machine", "engines", "targets", "charts", "speedups", "properties",
                    "tasks", "mutants", "method", "measurements"):  # fmt: skip
        assert section in structure.sections
    assert "comparison" not in structure.sections  # no --compare
    assert structure.scripts == 0
    assert structure.references == []  # nothing outside the file


def test_charts_are_inline_svg_one_per_op_measured_at_two_sizes(page, structure):
    # find (64 B, 4 KiB, 1 MiB) and lower (64 B, 1 MiB); split, sum and lookup have one size.
    # (and the summary's headline chart)
    assert structure.svgs_in_figures == 3
    assert len(re.findall(r'<figure id="chart-', page)) == 2
    assert 'id="chart-find"' in page and 'id="chart-lower"' in page
    assert 'id="chart-split"' not in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "element ids repeat across the inline charts"


def _speedup_row(structure: PageStructure, case: str, size: str, engine: str) -> str:
    rows = [row for row in structure.rows if row[:3] == [case, size, engine]]
    assert len(rows) == 1, rows
    return " | ".join(rows[0])


def test_speedup_table_shows_the_ratios_against_each_peer(structure):
    row = _speedup_row(structure, "ascii-bytes/absent-9", "1MiB", "avx2 (native)")
    assert f"10.00{TIMES}" in row  # CPython 10 us / avx2 1 us
    assert f"2.00{TIMES}" in row  # StringZilla 2 us
    assert f"4.00{TIMES}" in row  # memmem through ctypes 4 us
    assert f"3.00{TIMES}" in row  # C++ loops: memmem 1.5 us / avx2 0.5 us
    emulated = _speedup_row(structure, "ascii-bytes/absent-9", "1MiB", "neon (emulated)")
    assert f"5.00{TIMES}" in emulated  # CPython 10 us / neon 2 us
    assert "1.05e+03" in row  # GB/s of 1 MiB in 1 us


def test_targets_are_marked_met_missed_and_where_they_were_read(report, structure):
    lower = structure.rows_containing("lower ASCII str vs str.lower")[0]
    assert f"25.00{TIMES}" in " ".join(lower) and "met" in lower[-1]
    total = structure.rows_containing("SimdList sum int64 vs NumPy")[0]
    assert f"0.50{TIMES}" in " ".join(total) and "MISSED" in total[-1]
    wrong = structure.rows_containing("split() ASCII str vs str.split")[0]
    assert "MISSED" in wrong[-1] and "wrong answer" in wrong[-1]
    lookup = structure.rows_containing("SwissDict lookup int keys vs dict")[0]
    assert "met" in lookup[-1] and "read at 64Ki, not 1Mi" in " ".join(lookup)
    assert report["summary"] == {
        "targets": 6, "met": 4, "missed": 2, "information_only": 1, "not_measured": 47,
    }  # fmt: skip


def test_machine_and_engine_matrix(structure):
    assert structure.rows_containing("CPU", "Fixture CPU 9000")
    assert structure.rows_containing("dxpy compiled by", "GCC: (fixture) 12.2.0")
    assert structure.rows_containing("version: stringzilla", "3.0.0")
    emulated = structure.rows_containing("avx2", "emulated (SIMDe)", "this machine")
    assert emulated and emulated[0][-1] == ""  # built here, not measured in this run
    measured = structure.rows_containing("neon", "emulated (SIMDe)", "this machine")
    assert measured[0][-1] == "yes"


def test_wrong_answers_are_shown_not_timed(structure):
    rows = structure.rows_containing("split/ascii-str/whitespace@1MiB", "dxpy avx2 (native)")
    assert rows and "item 3 of 9" in rows[0][-1]


def test_properties_mutants_and_tasks_from_their_sources(report, fixtures):
    report = copy.deepcopy(report)
    report["properties"] = extras.properties_summary(fixtures / "properties_last_run.json")
    report["mutants"] = extras.mutants_summary(fixtures / "mutants_latest.json")
    rows = [{"id": "2.1", "title": "find", "claimed": True, "verified": True, "reason": "ok",
             "evidence": ["properties/test_string_engines.py::test_find"]}]  # fmt: skip
    report["tasks"] = {"available": True, "rows": rows}
    page = render_html.render(report)
    structure = parse(page)
    assert report["properties"]["totals"] == {"passed": 120, "failed": 1, "skipped": 3, "error": 0}
    assert structure.rows_containing("test_split[neon-emulated]", "failed")
    # The property run's aarch64 engines join the engine matrix as qemu rows.
    assert structure.rows_containing("neon", "aarch64", "property run (qemu-user)")
    assert "9 of 10 mutants killed" in page and "sum-wraps" in page
    assert structure.rows_containing("2.1", "find", "True")


def test_missing_sources_are_said_not_fatal(tmp_path):
    gathered = extras.gather(tmp_path)
    assert gathered["properties"]["available"] is False
    assert "does not exist" in gathered["properties"]["reason"]
    assert gathered["mutants"]["available"] is False
    bad = tmp_path / "properties" / "last-run.json"
    bad.parent.mkdir()
    bad.write_text(json.dumps({"schema": "something-else/9"}))
    assert "expected 'dxpy-properties/1'" in extras.properties_summary(bad)["reason"]


def test_a_partial_run_renders_with_a_banner(report):
    partial = copy.deepcopy(report)
    partial["partial"] = {"reason": "interrupted (Ctrl-C)", "measured_cases": 3,
                          "planned_cases": 87}  # fmt: skip
    partial["measurements"] = [m for m in partial["measurements"] if m["size"] == 64]
    page = render_html.render(partial)
    assert "Partial run" in page and "interrupted (Ctrl-C)" in page and "3 of 87 cases" in page
    assert "machine" in parse(page).sections


def test_the_results_are_written_so_they_render_again(report, page, tmp_path):
    document.write(report, tmp_path / "results.json")
    again = document.load(tmp_path / "results.json")
    assert again == json.loads(json.dumps(report))
    assert render_html.render(again) == page  # deterministic: same JSON, same page


def test_latest_names_the_newest_run(tmp_path):
    first, second = tmp_path / "20250101-000000", tmp_path / "20250101-000001"
    first.mkdir()
    second.mkdir()
    document.point_latest(tmp_path, first)
    latest = document.point_latest(tmp_path, second)
    assert latest.resolve() == second.resolve()
    assert document.unique_run_dir(tmp_path, "20250101-000000").name == "20250101-000000-2"


def test_the_summary_comes_first_with_its_headline_chart(page):
    summary_at, machine_at = page.index('id="summary"'), page.index('id="machine"')
    assert summary_at < machine_at
    first_screen = page[summary_at:machine_at]
    assert 'class="headline-chart"' in first_screen and "<svg" in first_screen
    assert "4 of 6 speed targets met" in first_screen
    assert "Targets missed" in first_screen and "SimdList sum int64 vs NumPy" in first_screen


def test_every_section_below_the_summary_is_folded_and_needs_no_script(page):
    sections = re.findall(r'<section id="([^"]+)"[^>]*>(<details[^>]*>)?', page)
    assert sections[0][0] == "summary"
    assert all(folded for anchor, folded in sections[1:]), sections
    assert "<script" not in page


def test_headline_rows_are_speed_ups_at_the_target_size(report):
    rows = {row["op"]: row for row in summary.headline_rows(report)}
    find = rows["find"]
    assert (find["component"], find["size"]) == ("strings", 1 << 20)
    assert find["vs_cpython"] == pytest.approx(10.0)  # CPython 10 us / avx2 1 us
    assert find["vs_best_peer"] == pytest.approx(2.0)  # StringZilla, the fastest peer: 2 us
    assert rows["dict-lookup"]["component"] == "SwissDict"
    assert rows["list-sum"]["vs_best_peer"] == pytest.approx(0.5)  # NumPy


def test_what_was_not_run_is_said_with_its_command(report):
    report["properties"] = {"available": False, "reason": "no record"}
    report["tasks"] = {
        "available": True,
        "rows": [
            {
                "id": "11.3",
                "depth": 1,
                "verified": "not run",
                "commands": ["bash ci/sanitizers.sh"],
            },
            {
                "id": "8.1",
                "depth": 1,
                "verified": "not installed",
                "commands": ["pip install mypy"],
            },
            {"id": "1.1", "depth": 1, "verified": "pass", "commands": []},
        ],
    }
    items = dict((command, what) for what, command in summary.not_run(report))
    assert "bash ci/test.sh" in items  # the property run
    assert "11.3" in items["bash ci/sanitizers.sh"] and "8.1" in items["pip install mypy"]
    assert all("1.1" not in what for what in items.values())
    html_text = summary.summary_html(report)
    assert "Not run for this report" in html_text and "<code>pip install mypy</code>" in html_text


def test_dict_rows_are_in_keys_per_second_not_bytes(structure):
    row = " | ".join(structure.rows_containing("SwissDict lookup int keys vs dict")[0])
    assert "M keys/s" in row and "GB/s" not in row
    speed = [" | ".join(r) for r in structure.rows if r and "64Ki" in r and "avx2 (native)" in r]
    assert speed and all("M keys/s" in r and "GB/s" not in r for r in speed)


def test_one_legend_entry_per_peer():
    measurements = document.load(FIXTURE)["measurements"]
    labels = {charts.legend_label(m) for m in measurements if m["candidate"] == "cpython"}
    assert labels == {"CPython"}
    looped = next(m for m in measurements if m["candidate"] == "c++:memmem")
    plain = next(m for m in measurements if m["candidate"] == "memmem")
    assert charts._style(looped)["color"] != charts._style(plain)["color"]
