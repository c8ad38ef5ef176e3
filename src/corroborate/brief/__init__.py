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

from corroborate.brief.sources import make_sources
from corroborate.compare import find_derivations, independent_groups
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
    return Brief(sources=sources, inputs=tuple(inputs))


__all__ = ["make_brief"]
