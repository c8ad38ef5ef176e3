"""Builders for render tests: a brief with every section filled, from real passages of the bundled example.

The claim, conflict, timeline, quote and summary builders are written
separately; this brief is assembled by hand so the renderers and the JSON
schema are tested on every section. Every passage is found in its source's
clean text with ``str.index``, so each citation is an exact slice.
"""

from __future__ import annotations

from corroborate.model import (
    Article,
    Brief,
    Claim,
    Conflict,
    Coverage,
    CoverageRow,
    Evidence,
    InputReport,
    Position,
    QuoteGroup,
    QuoteVariant,
    Source,
    SummarySentence,
    TimelineEntry,
)

#: The example pages' ids (as tests/conftest.py's SEED_IDS, which test modules cannot import reliably).
SEED_IDS = {
    "000": "000_5402e81212a35571",
    "001": "001_69f3748dca759eec",
    "002": "002_e4dbe8024c84f414",
    "003": "003_2478aec32e3f585e",
    "004": "004_90e9e459c6bffa9d",
}
AJ, STRIPES, NATIONAL, SUMMARY, TIMES = SEED_IDS.values()


def source_of(article: Article, **changes: object) -> Source:
    """A brief source for one extracted example article."""
    values: dict[str, object] = dict(
        id=article.id, input=article.input, outlet=article.outlet, title=article.title,
        published=article.published, published_confidence=article.published_confidence, text=article.text,
        independent_source=article.id,
    )
    values.update(changes)
    return Source(**values)  # type: ignore[arg-type]


def cite(sources: dict[str, Source], source_id: str, passage: str) -> Evidence:
    """The citation of ``passage``, found in the source's clean text."""
    start = sources[source_id].text.index(passage)
    return Evidence(source_id, start, start + len(passage), passage)


def build_full_brief(articles: list[Article]) -> Brief:
    """Every section populated with real passages of the five example pages."""
    by_id = {article.id: article for article in articles}
    sources = {article_id: source_of(by_id[article_id]) for article_id in SEED_IDS.values()}
    sources[SUMMARY] = source_of(
        by_id[SUMMARY], derived_from=TIMES, derivation_kind="summary",
        derivation=f"{SUMMARY} is a summary of {TIMES}", independent_source=TIMES,
    )
    september = [
        cite(sources, STRIPES, "end the deployment of coalition forces in certain locations in Iraq by September 2025"),
        cite(sources, NATIONAL, "The coalition’s mission in Iraq will end “no later than the end of September 2025,”"),
        cite(sources, TIMES, "the current deployment will conclude its work in Iraq in September 2025"),
        cite(sources, SUMMARY, "The current mission will officially conclude by September 2025"),
    ]
    anbar = cite(sources, NATIONAL, "killed 15 ISIS fighters in Iraq’s Anbar Desert")
    end_2025 = [
        cite(sources, AJ, "will wind down by the end of 2025"),
        cite(sources, NATIONAL, "will conclude by the end of 2025"),
    ]
    end_2026 = cite(sources, SUMMARY, "conclude its current anti-ISIS mission in Iraq by the end of 2026")
    claims = (
        Claim("c1", september[1].text, "corroborated", (NATIONAL, STRIPES, TIMES, SUMMARY), 3,
              (september[1], september[0], september[2], september[3]), derived_sources=(SUMMARY,),
              notes=("the same date given as a month and as the end of the month",), weight=3.0),
        Claim("c2", anbar.text, "single-source", (NATIONAL,), 1, (anbar,), weight=1.0),
        Claim("c3", end_2025[0].text, "conflicting", (AJ, NATIONAL, SUMMARY), 3, (*end_2025, end_2026), weight=2.0),
    )
    conflicts = (
        Conflict("when the coalition mission in Iraq ends", (
            Position("2025", (AJ, NATIONAL), tuple(end_2025)),
            Position("2026", (SUMMARY,), (end_2026,)),
        ), kind="date", claims=("c3",)),
    )
    blinken = cite(sources, NATIONAL, "On September 24, U.S. Secretary of State Antony Blinken and Prime Minister Al-Sudani met")
    syria = [
        cite(sources, STRIPES, "continue to support anti-ISIS operations in Syria from Iraq through the second phase of the transition until at least September 2026"),
        cite(sources, TIMES, "will continue until September 2026"),
    ]
    timeline = (
        TimelineEntry("2026-09", "planned", syria[0].text, (STRIPES, TIMES), tuple(syria), bound="until", importance=2.0),
        TimelineEntry("2024-09-24", "past", blinken.text, (NATIONAL,), (blinken,), importance=1.0),
        TimelineEntry("2025-09", "planned", september[1].text, (NATIONAL, STRIPES), (september[1], september[0]),
                      bound="by", importance=3.0),
    )
    sudani = [
        cite(sources, STRIPES, "“The justifications are no longer there,” Iraqi Prime Minister Mohammed Shia al-Sudani said"),
        cite(sources, NATIONAL, "Iraqi Prime Minister Mohammed Shia al-Sudani stating in a September 17 interview with Bloomberg that the presence of coalition forces in Iraq “is not required anymore.”"),
    ]
    bases = [
        cite(sources, STRIPES, "“We’re not going to speak to our plans concerning specific base locations or troop numbers,” said a defense official"),
        cite(sources, NATIONAL, "“We are not going to discuss specific plans regarding the location of bases or the number of personnel,” a U.S. defense official said"),
    ]
    quotes = (
        QuoteGroup("Mohammed Shia al-Sudani", "person", "The justifications are no longer there", (STRIPES, NATIONAL),
                   tuple(sudani), (
                       QuoteVariant(STRIPES, "The justifications are no longer there", "direct", sudani[0]),
                       QuoteVariant(NATIONAL, "is not required anymore.", "direct", sudani[1]),
                   )),
        QuoteGroup("defense official", "anonymous",
                   "We’re not going to speak to our plans concerning specific base locations or troop numbers",
                   (STRIPES, NATIONAL), tuple(bases), (
                       QuoteVariant(STRIPES, "We’re not going to speak to our plans concerning specific base locations or troop numbers", "direct", bases[0]),
                       QuoteVariant(NATIONAL, "We are not going to discuss specific plans regarding the location of bases or the number of personnel", "direct", bases[1]),
                   )),
    )
    summary = (
        SummarySentence(september[1].text, (NATIONAL, STRIPES, TIMES), (september[1], september[0], september[2]),
                        "corroborated by 3 independent sources", claim="c1"),
        SummarySentence(end_2025[0].text, (AJ,), (end_2025[0],), "conflicting: one source says 2026", claim="c3"),
    )
    order = tuple(SEED_IDS.values())
    coverage = Coverage(order, (
        CoverageRow("c1", september[1].text, (False, True, True, True, True)),
        CoverageRow("c2", anbar.text, (False, False, True, False, False)),
    ))
    inputs = tuple(InputReport(article.input, "processed", "", 1) for article in articles)
    return Brief(
        sources=tuple(sources[article_id] for article_id in order), summary=summary, claims=claims,
        conflicts=conflicts, timeline=timeline, quotes=quotes, coverage=coverage, inputs=inputs,
    )

