"""The time-expression benchmark: TimeML parsing, TempEval-3 scoring, the runner."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from corroborate.annotate.times import TimeExpression
from corroborate.bench import BenchReport, default_data_root
from corroborate.bench.timex import GoldTimex, Tally, parse_timeml, run_timex_benchmark, score_document
from corroborate.errors import BenchmarkDataMissing

TINY_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>tiny</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-09-27" temporalFunction="false" functionInDocument="CREATION_TIME">20240927</TIMEX3></DCT>
<TEXT>Officials said <TIMEX3 tid="t1" type="DATE" value="2024-09-27">Friday</TIMEX3> that troops &amp; staff <EVENT eid="e1" class="OCCURRENCE">leave</EVENT> by <TIMEX3 tid="t2" type="DATE" value="2025-09">the end of September 2025</TIMEX3> after <TIMEX3 tid="t3" type="DURATION" value="P10Y">ten years</TIMEX3>.</TEXT>
</TimeML>
"""


def test_parse_timeml_strips_tags_keeps_offsets_and_decodes_entities() -> None:
    document = parse_timeml(TINY_TML, "tiny.tml")
    assert document.creation == date(2024, 9, 27)
    assert document.text == (
        "Officials said Friday that troops & staff leave by the end of September 2025 after ten years."
    )
    assert [(document.text[g.start : g.end], g.type, g.value) for g in document.gold] == [
        ("Friday", "DATE", "2024-09-27"),
        ("the end of September 2025", "DATE", "2025-09"),
        ("ten years", "DURATION", "P10Y"),
    ]


def _system(start: int, end: int, kind: str, value: str) -> TimeExpression:
    return TimeExpression(start, end, "", kind, value)


def test_tempeval3_scores_by_hand() -> None:
    gold = [
        GoldTimex(15, 21, "DATE", "2024-09-27"),
        GoldTimex(51, 76, "DATE", "2025-09"),
        GoldTimex(83, 92, "DURATION", "P10Y"),
    ]
    system = [
        _system(0, 9, "DATE", "PRESENT_REF"),  # spurious
        _system(15, 21, "DATE", "2024-09-27"),  # exact span, right value
        _system(58, 76, "DATE", "2025-09"),  # overlap only, right value
        _system(83, 92, "DURATION", "P1Y"),  # exact span, wrong value
    ]
    tally = score_document(gold, system)
    assert (tally.gold, tally.system, tally.strict, tally.relaxed, tally.type_correct, tally.value_correct) == (
        3, 4, 2, 3, 3, 2,
    )  # fmt: skip
    scores = tally.scores()
    # strict: P = 2/4, R = 2/3; relaxed: P = 3/4, R = 3/3; value: P = 2/4, R = 2/3.
    assert scores["strict_f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert scores["relaxed_f1"] == pytest.approx(2 * 0.75 * 1.0 / 1.75)
    assert scores["value_f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert scores["type_accuracy"] == 1.0
    assert scores["value_accuracy"] == pytest.approx(2 / 3)


def test_one_system_span_matches_one_gold_span() -> None:
    gold = [GoldTimex(0, 6, "DATE", "2024-09-27"), GoldTimex(7, 13, "DATE", "2024-09-26")]
    tally = score_document(gold, [_system(0, 13, "DATE", "2024-09-27")])
    assert (tally.relaxed, tally.value_correct, tally.strict) == (1, 1, 0)
    assert Tally().scores()["value_f1"] == 0.0


def test_runner_on_a_tiny_data_root(tmp_path: Path) -> None:
    for corpus in ("TimeBank", "AQUAINT"):
        folder = tmp_path / "timex-tbaq" / corpus
        folder.mkdir(parents=True)
        (folder / "tiny.tml").write_text(TINY_TML, encoding="utf-8")
    report = run_timex_benchmark(tmp_path, None)
    assert isinstance(report, BenchReport)
    assert [row["corpus"] for row in report.rows] == ["TimeBank", "AQUAINT", "both"]
    both = report.rows[-1]
    assert (both["documents"], both["gold"]) == (2, 6)
    assert both["value F1"] == "1.000"
    assert "value F1" in report.markdown()


def test_missing_data_raises_benchmark_data_missing(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkDataMissing, match="timex-tbaq"):
        run_timex_benchmark(tmp_path, None)


_DATA_ROOT = default_data_root()


@pytest.mark.skipif(
    not (_DATA_ROOT / "timex-tbaq" / "TimeBank").is_dir(),
    reason=f"TimeBank/AQUAINT data not found under {_DATA_ROOT}/timex-tbaq (set CORROBORATE_BENCH_DATA)",
)
def test_benchmark_runs_on_the_first_two_files_of_each_corpus() -> None:
    report = run_timex_benchmark(_DATA_ROOT, limit=2)
    assert [row["documents"] for row in report.rows] == [2, 2, 4]
    assert all(0.0 <= float(row["value F1"]) <= 1.0 for row in report.rows)
    assert any("first 2 files" in note for note in report.notes)
