"""The benchmark's plan and measuring pieces: sizes, texts, filters, timing, pyperf export."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxpy.bench import measure, pyperf_export
from dxpy.bench.cases import size_label
from dxpy.report import document, selection

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report_small.json"


def test_size_labels_and_parsing():
    assert [size_label(64), size_label(4096), size_label(16 << 20)] == ["64B", "4KiB", "16MiB"]
    assert size_label(1 << 20, "keys") == "1Mi"
    assert [selection.parse_size(text) for text in ("64", "4K", "4KiB", "16M", "1Mi")] == [
        64, 4096, 4096, 16 << 20, 1 << 20,
    ]  # fmt: skip
    with pytest.raises(selection.SelectionError, match="cannot read size"):
        selection.parse_size("4 parsecs")
    with pytest.raises(selection.SelectionError, match="64B, 4KiB"):
        selection.resolve_sizes(["100"], [64, 4096])
    assert selection.split_filters(["find,split", " eq "]) == ("find", "split", "eq")


def test_calibration_reaches_the_minimum_sample_time():
    def timer(loops: int) -> int:
        return loops * 1_000  # 1 us per call

    loops = measure.calibrate(timer, min_sample_seconds=0.01)
    assert loops * 1_000 >= 10_000_000 and loops < 100_000


def test_candidates_take_turns_and_warmups_are_kept_apart():
    order: list[str] = []

    def timer_for(name: str):
        def timer(loops: int) -> int:
            order.append(name)
            return loops * 1_000_000  # 1 ms per call: one loop reaches 1 ms

        return timer

    settings = measure.MeasureSettings(min_sample_seconds=0.001, samples=3, warmups=1)
    taken = measure.measure_alternating({"a": timer_for("a"), "b": timer_for("b")}, settings)
    assert order[-6:] == ["a", "b", "b", "a", "a", "b"]  # rounds rotate
    assert taken["a"].seconds_per_call == (0.001, 0.001, 0.001)
    assert len(taken["a"].warmup_seconds_per_call) == 1


def test_spread_and_paired_ratios():
    summary = measure.spread([3.0, 1.0, 2.0, 4.0, 5.0])
    assert (summary.median, summary.minimum, summary.maximum) == (3.0, 1.0, 5.0)
    assert (summary.first_quartile, summary.third_quartile) == (2.0, 4.0)
    assert measure.paired_ratios([2.0, 4.0], [1.0, 1.0]) == [2.0, 4.0]


def test_the_samples_export_as_a_pyperf_suite(tmp_path):
    pyperf = pytest.importorskip("pyperf")
    report = document.load(FIXTURE)
    assert pyperf_export.write_suite(report["measurements"], tmp_path / "pyperf.json")
    suite = pyperf.BenchmarkSuite.load(str(tmp_path / "pyperf.json"))
    name = "find/ascii-bytes/absent-9@1MiB cpython"
    assert name in suite.get_benchmark_names()
    benchmark = suite.get_benchmark(name)
    assert benchmark.get_nrun() == 2  # one pyperf run per measuring process
    assert benchmark.median() == pytest.approx(10e-6)
    # A wrong answer has no samples, so no benchmark.
    assert "split/ascii-str/whitespace@1MiB dxpy:avx2/native" not in suite.get_benchmark_names()


@pytest.mark.needs_native
def test_texts_have_their_sizes_and_needles_stay_absent():
    from dxpy.bench.corpus import NEAR_MISS_NEEDLE_BYTES, NEAR_MISS_NEEDLE_TEXT, Corpus

    corpus = Corpus.generate()
    for size in (64, 4096, 3 << 20):
        texts = corpus.at(size)
        assert len(texts.ascii_bytes) == size
        assert len(texts.mixed_text.encode()) <= size
        assert len(texts.near_miss_bytes) == size
        assert NEAR_MISS_NEEDLE_BYTES not in texts.near_miss_bytes
        assert NEAR_MISS_NEEDLE_TEXT not in texts.near_miss_text
        assert not texts.late_non_ascii_text.isascii() and texts.late_non_ascii_text[:-1].isascii()
        for needle in texts.absent_needles.values():
            assert needle not in texts.ascii_text  # across the 1 MiB seam too


@pytest.mark.needs_native
def test_the_quick_plan_holds_every_target_at_its_size():
    from dxpy.bench.run import plan
    from dxpy.bench.session import BenchConfig
    from dxpy.bench.targets import all_targets

    config = BenchConfig(engines=selection.resolve_engines(None, quick=True), quick=True)
    cases, _ = plan(config)
    keys = [case.key for case in cases]
    assert len(keys) == len(set(keys))
    planned = {(case.id, case.size) for case in cases}
    for target in all_targets():
        size = (1 << 20) if not target.case_id.startswith("swissdict") else 64 << 10
        assert (target.case_id, size) in planned, target.text
    sizes = [case.size for case in cases]
    assert sizes == sorted(sizes)  # smallest first


@pytest.mark.needs_native
def test_filters_match_words_and_globs():
    from dxpy.bench import catalogue
    from dxpy.bench.run import plan
    from dxpy.bench.session import BenchConfig

    cases, _ = plan(BenchConfig(engines=("scalar",), quick=False))
    kept, unmatched = catalogue.filter_cases(cases, ["adversarial", "split/*@4KiB", "nothing"])
    assert unmatched == ["nothing"]
    assert {case.data_kind for case in kept if not case.id.startswith("split")} == {"adversarial"}
    assert {case.size for case in kept if case.id.startswith("split/ascii")} == {4096}
