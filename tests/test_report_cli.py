"""dxpy-report's command line: usage errors, re-rendering, a tiny real run, Ctrl-C."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

from dxpy.report import cli, document

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report_small.json"
# The smallest real run: one case, one engine, one process.
TINY = ["--quick", "--engines", "scalar", "--processes", "1", "--sizes", "64"]


def test_an_unreadable_compare_file_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["--compare", str(tmp_path / "missing.json")]) == cli.EXIT_USAGE
    assert "cannot compare with" in capsys.readouterr().err


def test_from_json_renders_again_without_measuring(tmp_path, capsys):
    results = tmp_path / "run" / "results.json"
    results.parent.mkdir()
    shutil.copy(FIXTURE, results)
    assert cli.main(["--from-json", str(results)]) == 0
    page = (tmp_path / "run" / "index.html").read_text(encoding="utf-8")
    assert "dxpy report fixture-run" in page
    out = capsys.readouterr().out
    assert "Targets: 4 of 6 met, 2 missed" in out


def test_from_json_with_compare_flags_the_planted_regression(tmp_path, capsys):
    report = document.load(FIXTURE)
    for record in report["measurements"]:
        if record["key"] == "lower/ascii-str/whole@1MiB" and record["candidate"] == "cpython":
            record["samples"] = [value * 2 for value in record["samples"]]
            record["seconds_per_call"] = {k: v * 2 for k, v in record["seconds_per_call"].items()}
    new = tmp_path / "new" / "results.json"
    new.parent.mkdir()
    new.write_text(json.dumps(report), encoding="utf-8")
    out_dir = tmp_path / "rendered"
    arguments = ["--from-json", str(new), "--compare", str(FIXTURE), "--out", str(out_dir)]
    assert cli.main(arguments) == 0
    stored = document.load(out_dir / "results.json")
    assert stored["comparison"]["counts"]["regression"] == 1
    assert "REGRESSION" in capsys.readouterr().out
    assert 'id="comparison"' in (out_dir / "index.html").read_text(encoding="utf-8")


@pytest.mark.needs_native
def test_an_unknown_filter_lists_what_is_valid(tmp_path, capsys):
    code = cli.main(["--filter", "fnid", "--out", str(tmp_path / "out")])
    assert code == cli.EXIT_USAGE
    error = capsys.readouterr().err
    assert "no case matches 'fnid'" in error
    assert "families: " in error and "find" in error and "swissdict" in error
    assert not (tmp_path / "out").exists()  # nothing measured, nothing written


@pytest.mark.needs_native
def test_a_filter_only_the_full_run_has_says_so(capsys):
    assert cli.main(["--quick", "--filter", "near-miss-str"]) == cli.EXIT_USAGE
    assert "drop --quick" in capsys.readouterr().err


@pytest.mark.needs_native
def test_an_unknown_engine_lists_what_is_valid(capsys):
    assert cli.main(["--engines", "avx2,sse9"]) == cli.EXIT_USAGE
    error = capsys.readouterr().err
    assert "unknown engine 'sse9'" in error and "scalar" in error and "all" in error


@pytest.mark.needs_native
def test_an_unknown_size_lists_what_is_valid(capsys):
    assert cli.main(["--sizes", "100"]) == cli.EXIT_USAGE
    assert "64B, 256B, 1KiB" in capsys.readouterr().err


@pytest.mark.needs_native
def test_a_tiny_real_run_writes_results_page_and_pyperf_suite(tmp_path):
    out = tmp_path / "run"
    arguments = [*TINY, "--filter", "eq/ascii-bytes/equal-distinct", "--out", str(out)]
    assert cli.main(arguments) == 0
    report = document.load(out / "results.json")
    assert report["schema"] == "dxpy-report/1" and report["partial"] is None
    keys = {record["key"] for record in report["measurements"]}
    assert keys == {"eq/ascii-bytes/equal-distinct@64B"}
    by_candidate = {record["candidate"]: record for record in report["measurements"]}
    assert by_candidate["cpython"]["verified"] and by_candidate["dxpy:scalar/native"]["verified"]
    assert len(by_candidate["cpython"]["samples"]) == report["config"]["settings"]["samples"]
    assert "dxpy report" in (out / "index.html").read_text(encoding="utf-8")
    pyperf = pytest.importorskip("pyperf")
    suite = pyperf.BenchmarkSuite.load(str(out / "pyperf.json"))
    assert "eq/ascii-bytes/equal-distinct@64B cpython" in suite.get_benchmark_names()


@pytest.mark.needs_native
def test_ctrl_c_leaves_a_partial_report(tmp_path, monkeypatch):
    from dxpy.report.progress import ProgressBar

    def interrupt(self, label, weight=1.0):
        raise KeyboardInterrupt

    monkeypatch.setattr(ProgressBar, "advance", interrupt)
    out = tmp_path / "run"
    arguments = [*TINY, "--sizes", "64,4K", "--filter", "eq/ascii-bytes/equal-distinct"]
    assert cli.main([*arguments, "--out", str(out)]) == cli.EXIT_INTERRUPTED
    report = document.load(out / "results.json")
    assert report["partial"]["reason"] == "interrupted (Ctrl-C)"
    assert report["partial"]["planned_cases"] == 2
    assert report["partial"]["measured_cases"] == 1  # the case streamed before Ctrl-C
    assert "Partial run" in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.needs_native
def test_an_unknown_dxpy_engine_fails_before_measuring(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DXPY_ENGINE", "bogus")
    assert cli.main(["--quick", "--out", str(tmp_path / "out")]) == cli.EXIT_USAGE
    error = capsys.readouterr().err
    assert "DXPY_ENGINE: unknown engine 'bogus'" in error and "scalar, avx2" in error
    assert "measuring" not in error.split("DXPY_ENGINE")[0]  # it never got that far
    assert not (tmp_path / "out").exists()


@pytest.mark.needs_native
def test_an_unwritable_output_folder_fails_before_measuring(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert cli.main(["--quick", "--out", str(blocker / "out")]) == cli.EXIT_USAGE
    assert "is not a writable folder" in capsys.readouterr().err
