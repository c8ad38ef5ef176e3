"""The brief stage: what a batch of articles about one story establishes, and how well.

:func:`make_brief` takes annotated articles and builds a :class:`~corroborate.model.Brief`:

* :mod:`.sources` -- each article with what it derives from (from
  :mod:`corroborate.compare.independence`), so copies are not counted as witnesses;
* claims and conflicts -- statements aligned across sources
  (:mod:`corroborate.compare.claims`, :mod:`corroborate.compare.conflicts`);
* :mod:`.timeline` -- dated events merged across sources;
* :mod:`.quotes` -- who said what, grouped across outlets;
* :mod:`.coverage` -- key facts x sources;
* :mod:`.summary` -- a short summary, every sentence cited with its certainty;
* :mod:`.citations` -- checks that every cited passage is an exact slice of its source.

Everything here is pure: it takes records and returns records.
"""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.annotate import entity_clusters
from corroborate.brief.coverage import coverage_matrix
from corroborate.brief.quotes import group_quotes
from corroborate.brief.sources import make_sources
from corroborate.brief.summary import summarize
from corroborate.brief.timeline import build_timeline
from corroborate.compare import find_derivations, independent_groups
from corroborate.compare.claims import find_claims
from corroborate.compare.conflicts import apply_conflicts, find_conflicts
from corroborate.model import AnnotatedArticle, Brief, InputReport


def make_brief(
    annotated: Sequence[AnnotatedArticle],
    *,
    summary_words: int | None = None,
    max_dates: int | None = None,
    per_date: int | None = None,
    inputs: Sequence[InputReport] = (),
) -> Brief:
    """The brief of a batch of annotated articles about one story."""
    articles = [item.article for item in annotated]
    derivations = find_derivations(articles)
    groups = independent_groups(articles, derivations)
    sources = make_sources(annotated, derivations, groups)
    claim_set = find_claims(annotated, groups)
    conflicts = find_conflicts(claim_set, annotated, entity_clusters(annotated))
    claims = apply_conflicts(claim_set.claims, conflicts, groups)
    return Brief(
        sources=sources,
        summary=summarize(claims, sources, max_words=summary_words),
        claims=tuple(claims),
        conflicts=tuple(conflicts),
        timeline=build_timeline(annotated, groups, max_dates=max_dates, per_date=per_date),
        quotes=group_quotes(annotated, groups),
        coverage=coverage_matrix(claims, sources),
        inputs=tuple(inputs),
    )


__all__ = ["make_brief"]
