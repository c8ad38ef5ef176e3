"""The sources of a brief: each article with what it derives from and which independent source it counts as."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from corroborate.compare import Derivation
from corroborate.model import AnnotatedArticle, Source


def make_sources(
    annotated: Sequence[AnnotatedArticle], derivations: Sequence[Derivation], groups: Mapping[str, str]
) -> tuple[Source, ...]:
    """One :class:`Source` per article, in input order."""
    by_article = {derivation.article: derivation for derivation in derivations}
    sources = []
    for item in annotated:
        article = item.article
        derivation = by_article.get(article.id)
        sources.append(
            Source(
                id=article.id,
                input=article.input,
                outlet=article.outlet,
                title=article.title,
                published=article.published,
                published_confidence=article.published_confidence,
                text=article.text,
                derived_from=derivation.derived_from if derivation else None,
                derivation_kind=derivation.kind if derivation else None,
                derivation=derivation.reason if derivation else None,
                independent_source=groups.get(article.id, article.id),
                reference_date=item.reference.value.isoformat() if item.reference.value else None,
                reference_evidence=item.reference.evidence,
                url=article.url,
            )
        )
    return tuple(sources)


def source_label(source: Source) -> str:
    """How a source is named to a reader: its outlet, else its id."""
    return source.outlet or source.id
