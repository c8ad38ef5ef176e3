"""The summary and the coverage matrix of the bundled example's brief."""

from __future__ import annotations

import pytest

from corroborate.brief import make_brief
from corroborate.brief.summary import word_count
from corroborate.model import Brief

#: The example's aggregator summary page (derived from 004).
S003 = "003_2478aec32e3f585e"


@pytest.fixture(scope="module")
def brief(example_annotated) -> Brief:
    return make_brief(example_annotated)


def test_every_summary_sentence_is_a_cited_slice_with_its_certainty(brief) -> None:
    texts = {source.id: source.text for source in brief.sources}
    assert brief.summary
    for sentence in brief.summary:
        first = sentence.evidence[0]
        assert sentence.text == first.text == texts[first.source][first.start : first.end]
        assert sentence.certainty.startswith(("reported by", "only one source"))
        assert not any(claim.status == "conflicting" for claim in brief.claims if claim.id == sentence.claim)


def test_the_top_summary_sentence_says_how_many_independent_sources_agree(brief) -> None:
    top = brief.summary[0]
    claim = next(c for c in brief.claims if c.id == top.claim)
    assert claim.independent_sources == 4
    assert top.certainty.startswith("reported by four independent sources (Al Jazeera, ")
    # 003 repeats 004: named as derived, not counted among the four.
    assert top.certainty.endswith(f"also in {S003}, which derives from another source and is not counted")


@pytest.mark.parametrize("budget", [15, 40, 100])
def test_summary_stays_within_its_word_budget(example_annotated, budget) -> None:
    summary = make_brief(example_annotated, summary_words=budget).summary
    assert summary, "some statement of the example fits in the budget"
    assert sum(word_count(sentence.text) for sentence in summary) <= budget


def test_a_budget_smaller_than_any_statement_gives_no_summary_rather_than_a_cut_sentence(example_annotated) -> None:
    assert make_brief(example_annotated, summary_words=3).summary == ()


def test_coverage_rows_are_the_most_widely_reported_facts(brief) -> None:
    coverage = brief.coverage
    assert coverage is not None
    assert coverage.sources == tuple(source.id for source in brief.sources)
    claims = {claim.id: claim for claim in brief.claims}
    for row in coverage.rows:
        assert row.reported == tuple(source in claims[row.claim].sources for source in coverage.sources)
    # The first rows are the facts all five pages carry (the end date, the ~2,500 troops in Iraq).
    assert all(coverage.rows[0].reported) and all(coverage.rows[1].reported)
    syria = next(row for row in coverage.rows if "900 stationed in Syria" in row.text or "900 troops in Syria" in row.text)
    assert [source[:3] for source, seen in zip(coverage.sources, syria.reported) if seen] == ["001", "002"]
