"""The citation check: every passage a brief cites is an exact slice of its source, found wherever it sits."""

from __future__ import annotations

import dataclasses

import pytest

from corroborate.brief.citations import CitationProblem, check_citations, verify_citations
from corroborate.errors import CitationError, CorroborateError
from corroborate.model import (
    Article,
    Brief,
    Claim,
    Conflict,
    Evidence,
    Position,
    QuoteGroup,
    QuoteVariant,
    Source,
    SummarySentence,
    TimelineEntry,
)

STRIPES = "001_69f3748dca759eec"
NATIONAL = "002_e4dbe8024c84f414"


def _source(article: Article) -> Source:
    return Source(article.id, article.input, article.outlet, article.title, article.published,
                  article.published_confidence, article.text, independent_source=article.id)


def _cite(source: Source, passage: str) -> Evidence:
    start = source.text.index(passage)
    return Evidence(source.id, start, start + len(passage), passage)


@pytest.fixture(scope="module")
def brief(example_articles: list[Article]) -> Brief:
    """One cited item in every section, from the example's pages 001 and 002."""
    stripes, national = (_source(a) for a in example_articles if a.id in (STRIPES, NATIONAL))
    september = _cite(stripes, "by September 2025")
    ending = _cite(national, "will conclude by the end of 2025")
    quote = _cite(stripes, "“The justifications are no longer there,” Iraqi Prime Minister Mohammed Shia al-Sudani said")
    words = _cite(stripes, "The justifications are no longer there")
    return Brief(
        sources=(stripes, national),
        summary=(SummarySentence(ending.text, (NATIONAL,), (ending,), "single source"),),
        claims=(Claim("c1", september.text, "single-source", (STRIPES,), 1, (september,)),),
        conflicts=(Conflict("when the mission ends", (
            Position("2025-09", (STRIPES,), (september,)), Position("2025", (NATIONAL,), (ending,))), "date"),),
        timeline=(TimelineEntry("2025-09", "planned", september.text, (STRIPES,), (september,), bound="by"),),
        quotes=(QuoteGroup("Mohammed Shia al-Sudani", "person", words.text, (STRIPES,), (quote,),
                           (QuoteVariant(STRIPES, words.text, "direct", words),)),),
    )


def test_a_brief_of_exact_slices_passes(brief: Brief) -> None:
    assert verify_citations(brief) == []
    assert check_citations(brief) is brief


def test_a_brief_with_sources_only_passes(brief: Brief) -> None:
    assert verify_citations(Brief(sources=brief.sources)) == []


def _shifted(evidence: Evidence) -> Evidence:
    """The same words claimed one character later: the offsets no longer hold them."""
    return dataclasses.replace(evidence, start=evidence.start + 1, end=evidence.end + 1)


def test_wrong_offsets_are_found_in_every_section(brief: Brief) -> None:
    summary = dataclasses.replace(brief.summary[0], evidence=(_shifted(brief.summary[0].evidence[0]),))
    position = dataclasses.replace(brief.conflicts[0].positions[1],
                                   evidence=(_shifted(brief.conflicts[0].positions[1].evidence[0]),))
    conflict = dataclasses.replace(brief.conflicts[0], positions=(brief.conflicts[0].positions[0], position))
    variant = dataclasses.replace(brief.quotes[0].variants[0], evidence=_shifted(brief.quotes[0].variants[0].evidence))
    quote = dataclasses.replace(brief.quotes[0], evidence=(_shifted(brief.quotes[0].evidence[0]),), variants=(variant,))
    timeline = dataclasses.replace(brief.timeline[0], evidence=(*brief.timeline[0].evidence, _shifted(brief.timeline[0].evidence[0])))
    broken = dataclasses.replace(brief, summary=(summary,), conflicts=(conflict,), quotes=(quote,), timeline=(timeline,))
    problems = verify_citations(broken)
    assert [problem.where for problem in problems] == [
        "summary[0].evidence[0]",
        "conflicts[0].positions[1].evidence[0]",
        "timeline[0].evidence[1]",
        "quotes[0].evidence[0]",
        "quotes[0].variants[0].evidence",
    ]
    ending = brief.summary[0].evidence[0]
    assert problems[0] == CitationProblem(
        "summary[0].evidence[0]", "text differs from the source's text at these offsets",
        NATIONAL, ending.start + 1, ending.end + 1,
    )


def test_text_that_is_not_the_slice_is_a_problem(brief: Brief) -> None:
    september = brief.claims[0].evidence[0]
    invented = dataclasses.replace(september, text="by September 2026")
    claim = dataclasses.replace(brief.claims[0], evidence=(invented,))
    (problem,) = verify_citations(dataclasses.replace(brief, claims=(claim,)))
    assert problem.where == "claims[0].evidence[0]"
    assert problem.problem == "text differs from the source's text at these offsets"


def test_unknown_source_and_offsets_past_the_text_are_problems(brief: Brief) -> None:
    september = brief.claims[0].evidence[0]
    stripes_length = len(brief.sources[0].text)
    claim = dataclasses.replace(brief.claims[0], evidence=(
        dataclasses.replace(september, source="999_not_in_the_brief"),
        Evidence(STRIPES, stripes_length - 3, stripes_length + 5, "ce."),
        Evidence(STRIPES, 10, 10, ""),
        Evidence(STRIPES, -4, 2, "WA"),
    ))
    problems = verify_citations(dataclasses.replace(brief, claims=(claim,)))
    assert [problem.problem for problem in problems] == [
        "names no source of the brief",
        f"offsets outside the source's text (0-{stripes_length}) or empty",
        f"offsets outside the source's text (0-{stripes_length}) or empty",
        f"offsets outside the source's text (0-{stripes_length}) or empty",
    ]
    assert problems[0].source == "999_not_in_the_brief"


def test_statements_without_evidence_are_problems(brief: Brief) -> None:
    uncited = dataclasses.replace(
        brief,
        summary=(dataclasses.replace(brief.summary[0], evidence=()),),
        claims=(dataclasses.replace(brief.claims[0], evidence=()),),
        timeline=(dataclasses.replace(brief.timeline[0], evidence=()),),
        quotes=(dataclasses.replace(brief.quotes[0], evidence=()),),
    )
    assert [(p.where, p.problem, p.source) for p in verify_citations(uncited)] == [
        ("summary[0]", "cites no passage", None),
        ("claims[0]", "cites no passage", None),
        ("timeline[0]", "cites no passage", None),
        ("quotes[0]", "cites no passage", None),
    ]


def test_a_failing_check_raises_one_line_naming_the_first_problems(brief: Brief) -> None:
    claims = tuple(
        dataclasses.replace(brief.claims[0], id=f"c{number}", evidence=())
        for number in range(5)
    )
    with pytest.raises(CitationError) as raised:
        check_citations(dataclasses.replace(brief, claims=claims))
    assert isinstance(raised.value, CorroborateError)
    assert str(raised.value) == (
        "the brief failed its citation check (5 problem(s)): claims[0]: cites no passage; "
        "claims[1]: cites no passage; claims[2]: cites no passage; and 2 more"
    )


def test_a_source_id_with_a_line_break_keeps_the_message_on_one_line(brief: Brief) -> None:
    september = brief.claims[0].evidence[0]
    claim = dataclasses.replace(brief.claims[0], evidence=(dataclasses.replace(september, source="bad\nid"),))
    with pytest.raises(CitationError) as raised:
        check_citations(dataclasses.replace(brief, claims=(claim,)))
    assert "\n" not in str(raised.value)
    assert "claims[0].evidence[0] (bad id " in str(raised.value)
