"""The attribution benchmark: brat reader, token scorer and the PolNeAR run."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.annotate.quotes import Quote
from corroborate.bench import default_data_root
from corroborate.bench.attribution import (
    DATA_DIR,
    Tally,
    load_articles,
    parse_brat,
    run_attribution_benchmark,
    score_article,
)
from corroborate.bench.report import BenchReport
from corroborate.errors import BenchmarkDataMissing, UsageError
from corroborate.model import Span

TEXT = 'Mr. Smith said the plan failed badly. "We lost," Jones said. Rain fell.'


def at(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def brat_line(identifier: str, label: str, fragment: str) -> str:
    start, end = at(fragment)
    return f"{identifier}\t{label} {start} {end}\t{fragment}"


ANNOTATION = "\n".join(
    [
        brat_line("T1", "Source", "Mr. Smith"),
        brat_line("T2", "Cue", "said"),
        brat_line("T3", "Content", "the plan failed badly"),
        brat_line("T4", "Attribution", "said"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        brat_line("T5", "Source", "Jones"),
        f"T6\tCue {TEXT.index('said.')} {TEXT.index('said.') + 4}\tsaid",
        brat_line("T7", "Content", '"We lost,"'),
        f"T8\tAttribution {TEXT.index('said.')} {TEXT.index('said.') + 4}\tsaid",
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7",
        brat_line("T9", "Discuss", "Rain fell."),
    ]
)


def make_quote(kind: str, content: str, speaker: str | None) -> Quote:
    start, end = at(content)
    speaker_span = Span(*at(speaker), speaker) if speaker else None
    return Quote(kind, start, end, content, Span(start, end, content), None, speaker_span, speaker, None)


def test_parse_brat_reads_attributions_with_their_roles() -> None:
    first, second = parse_brat(ANNOTATION, TEXT)
    assert (first.id, first.source, first.content) == ("E1", (at("Mr. Smith"),), (at("the plan failed badly"),))
    assert not first.direct
    assert second.direct
    assert second.content_text == '"We lost,"'


def test_parse_brat_reads_discontinuous_spans_and_missing_sources() -> None:
    annotation = "T1\tContent 0 4;10 14\tab cd\nT2\tCue 5 9\tsaid\nE1\tAttribution-no-source Content:T1 Cue:T2"
    (attribution,) = parse_brat(annotation)
    assert attribution.content == ((0, 4), (10, 14))
    assert attribution.source == ()
    assert attribution.cue == ((5, 9),)


def test_score_article_counts_content_tokens_and_sources_by_hand() -> None:
    gold = parse_brat(ANNOTATION, TEXT)
    quotes = [
        make_quote("indirect", "the plan failed", "Smith"),
        make_quote("direct", "We lost", "Jones"),
        make_quote("indirect", "Rain fell", None),
    ]
    everything = Tally()
    score_article(TEXT, gold, quotes, everything)
    # gold content: the plan failed badly We lost (6); ours: the plan failed We lost Rain fell (7)
    assert (everything.tp, everything.fp, everything.found, everything.fn) == (5, 2, 5, 1)
    row = everything.row()
    assert (row["content P"], row["content R"], row["content F1"]) == (0.714, 0.833, 0.769)
    # both attributions matched; "Smith" overlaps "Mr. Smith" but is not the same words
    assert (row["gold attributions"], row["matched"], row["source overlap"], row["source exact"]) == (2, 1.0, 1.0, 0.5)

    direct = Tally()
    score_article(TEXT, gold, quotes, direct, direct_only=True)
    assert (direct.tp, direct.fp, direct.found, direct.fn) == (2, 0, 2, 0)
    assert (direct.gold, direct.matched, direct.source_exact) == (1, 1, 1)


def test_a_quote_holding_less_than_half_of_the_content_does_not_match() -> None:
    gold = parse_brat(ANNOTATION, TEXT)
    tally = Tally()
    score_article(TEXT, gold, [make_quote("indirect", "the", "Smith")], tally)  # 1 of 4 tokens
    assert (tally.gold, tally.matched, tally.with_source) == (2, 0, 0)


def test_load_articles_pairs_texts_with_the_first_annotation(tmp_path: Path) -> None:
    folder = tmp_path / DATA_DIR / "dev"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (folder / "text" / "unannotated.txt").write_text("No annotation.", encoding="utf-8")
    (folder / "attributions" / "story_b222.ann").write_text("", encoding="utf-8")
    (folder / "attributions" / "story_a111.ann").write_text(ANNOTATION, encoding="utf-8")
    (article,) = load_articles(tmp_path)
    assert article.name == "story"
    assert len(article.attributions) == 2


def test_load_articles_reads_the_train_split_when_asked(tmp_path: Path) -> None:
    for split, name in (("dev", "held_out"), ("train", "tuning")):
        folder = tmp_path / DATA_DIR / split
        (folder / "text").mkdir(parents=True)
        (folder / "attributions").mkdir()
        (folder / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
        (folder / "attributions" / f"{name}_a111.ann").write_text(ANNOTATION, encoding="utf-8")
    assert [article.name for article in load_articles(tmp_path)] == ["held_out"]
    assert [article.name for article in load_articles(tmp_path, split="train")] == ["tuning"]


def test_an_unknown_split_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="'test'"):
        run_attribution_benchmark(tmp_path, limit=1, split="test")


def test_missing_data_raises_benchmark_data_missing(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkDataMissing, match="PolNeAR"):
        run_attribution_benchmark(tmp_path, limit=1)


def test_benchmark_on_two_polnear_articles() -> None:
    root = default_data_root()
    if not (root / DATA_DIR / "dev" / "text").is_dir():
        pytest.skip(f"PolNeAR dev data not found under {root / DATA_DIR} (set CORROBORATE_BENCH_DATA)")
    report = run_attribution_benchmark(root, limit=2)
    assert isinstance(report, BenchReport)
    assert report.name == "attribution"
    assert [row["scope"] for row in report.rows] == ["all attributions", "direct quotes"]
    for row in report.rows:
        assert row["articles"] == 2
        for key in ("content P", "content R", "content F1", "matched", "source overlap", "source exact"):
            assert 0.0 <= row[key] <= 1.0


def test_benchmark_runs_on_the_train_split() -> None:
    root = default_data_root()
    if not (root / DATA_DIR / "train" / "text").is_dir():
        pytest.skip(f"PolNeAR train data not found under {root / DATA_DIR} (set CORROBORATE_BENCH_DATA)")
    report = run_attribution_benchmark(root, limit=1, split="train")
    assert [row["articles"] for row in report.rows] == [1, 1]
    assert report.notes[0].startswith("PolNeAR train split")
