"""The benchmark runner: upstream scoring, reports, docs sections, failure paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.bench import BENCHMARKS, BenchReport, default_data_root, record_in_docs, run_benchmark
from corroborate.bench.extraction import (
    PageScore,
    aggregate,
    page_precision,
    page_recall,
    score_page,
    shingles,
    tokenize,
)
from corroborate.errors import BenchmarkDataMissing, UsageError

TRUTH = "The cat sat on the mat today."
#: Same opening, then a subscribe line instead of the last word.
PREDICTION = "The cat sat on the mat. Subscribe now"

MACHINE = {"cpu": "Test CPU", "cores": "2", "python": "3.11.7", "date": "2026-11-23 10:00 UTC"}


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokenize("Don't stop—now!") == ["Don", "t", "stop", "now"]


def test_shingles_are_four_token_windows() -> None:
    assert shingles(TRUTH) == {
        ("The", "cat", "sat", "on"): 1,
        ("cat", "sat", "on", "the"): 1,
        ("sat", "on", "the", "mat"): 1,
        ("on", "the", "mat", "today"): 1,
    }
    # Fewer than four tokens: one shorter shingle; no tokens: none.
    assert shingles("Hello world") == {("Hello", "world"): 1}
    assert shingles("") == {}


def test_page_score_normalizes_tp_fp_fn() -> None:
    # 3 shared shingles, 2 predicted only (…mat Subscribe…), 1 true only (…mat today).
    score = score_page(TRUTH, PREDICTION)
    assert score == PageScore(tp=3 / 6, fp=2 / 6, fn=1 / 6)
    assert page_precision(score) == pytest.approx(3 / 5)
    assert page_recall(score) == pytest.approx(3 / 4)


def test_case_matters_like_upstream() -> None:
    score = score_page("Hello World", "hello world")
    assert (page_precision(score), page_recall(score)) == (0.0, 0.0)


def test_empty_prediction_costs_recall_only() -> None:
    empty = score_page(TRUTH, "")
    assert empty == PageScore(0.0, 0.0, 1.0)
    precision, recall, f1 = aggregate([score_page(TRUTH, PREDICTION), empty])
    assert precision == pytest.approx(0.6)  # the empty page has no precision
    assert recall == pytest.approx((0.75 + 0.0) / 2)
    assert f1 == pytest.approx(2 * 0.6 * 0.375 / (0.6 + 0.375))


def test_perfect_page_scores_one() -> None:
    score = score_page(TRUTH, "The cat sat on the mat, today!")
    assert (page_precision(score), page_recall(score)) == (1.0, 1.0)


def test_markdown_table() -> None:
    report = BenchReport(
        name="demo",
        rows=[{"extractor": "ours", "F1": 0.972}, {"extractor": "a|b", "F1": 0.96, "pages/s": 12.04}],
        notes=["Reproduce: `corroborate bench demo`."],
        machine=MACHINE,
    )
    assert report.markdown() == (
        "## demo\n"
        "\n"
        "Machine: Test CPU, 2 cores, Python 3.11.7; run 2026-11-23 10:00 UTC.\n"
        "\n"
        "| extractor | F1 | pages/s |\n"
        "|---|---|---|\n"
        "| ours | 0.972 |  |\n"
        "| a\\|b | 0.960 | 12.0 |\n"
        "\n"
        "- Reproduce: `corroborate bench demo`.\n"
    )


def test_record_in_docs_replaces_only_its_section(tmp_path: Path) -> None:
    docs = tmp_path / "docs" / "benchmarks.md"
    first = BenchReport(name="demo", rows=[{"F1": 0.5}], machine=MACHINE)
    record_in_docs(first, docs)
    text = docs.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n")
    assert "<!-- bench:demo -->\n## demo\n" in text
    assert text.endswith("| 0.500 |\n<!-- /bench:demo -->\n")

    docs.write_text(
        "# Benchmarks\n\nHand-written intro.\n\n" + text[text.index("<!-- bench:demo") :]
        + "\n<!-- bench:other -->\nother numbers\n<!-- /bench:other -->\n\nClosing words.\n",
        encoding="utf-8",
    )
    record_in_docs(BenchReport(name="demo", rows=[{"F1": 0.9}], machine=MACHINE), docs)
    updated = docs.read_text(encoding="utf-8")
    assert "| 0.900 |" in updated and "| 0.500 |" not in updated
    assert updated.count("<!-- bench:demo -->") == 1
    assert updated.startswith("# Benchmarks\n\nHand-written intro.\n\n<!-- bench:demo -->")
    assert updated.endswith("<!-- bench:other -->\nother numbers\n<!-- /bench:other -->\n\nClosing words.\n")


def test_missing_data_is_reported_with_the_expected_path(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkDataMissing) as error:
        run_benchmark("extraction", data_root=tmp_path)
    message = str(error.value)
    assert str(tmp_path / "extraction-scrapinghub") in message
    assert "\n" not in message


def test_unknown_benchmark_lists_the_known_ones() -> None:
    with pytest.raises(UsageError) as error:
        run_benchmark("nope")
    assert str(error.value) == f"unknown benchmark 'nope'; known benchmarks: {', '.join(sorted(BENCHMARKS))}"
    assert {"extraction", "stories", "scale", "spark-speedup", "web-load"} <= set(BENCHMARKS)


def test_data_root_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CORROBORATE_BENCH_DATA", str(tmp_path))
    assert default_data_root() == tmp_path


def test_extraction_benchmark_on_three_pages() -> None:
    root = default_data_root()
    if not (root / "extraction-scrapinghub" / "ground-truth.json").is_file():
        pytest.skip(f"extraction benchmark data not found under {root}")
    report = run_benchmark("extraction", root, limit=3)
    assert [row["extractor"] for row in report.rows] == ["corroborate", "trafilatura 2.3.1 (plain)"]
    for row in report.rows:
        assert row["pages"] == 3
        assert 0.0 <= row["precision"] <= 1.0 and 0.0 <= row["recall"] <= 1.0
        assert row["pages/s"] > 0
    assert "<!-- bench" not in report.markdown()


def test_token_level_scoring_counts_single_words() -> None:
    # True words: coalition mission ends; predicted: coalition mission continues.
    score = score_page("coalition mission ends", "coalition mission continues", 1)
    assert (score.tp, score.fp, score.fn) == (0.5, 0.25, 0.25)
    assert page_precision(score) == pytest.approx(2 / 3)
    assert page_recall(score) == pytest.approx(2 / 3)
