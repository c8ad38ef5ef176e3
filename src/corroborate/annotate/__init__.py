"""The annotate stage: marks up clean article text with what later stages compare.

Each module adds one kind of annotation, kept as character offsets into the
article's clean text: :mod:`.nlp` holds the shared spaCy pipeline (tokens,
sentences, parse, entities); :mod:`.entities` and :mod:`.names` find and
resolve names within and across articles; :mod:`.times` finds time expressions
and normalizes them to TIMEX3 values; :mod:`.quantities` reads numbers with what
they count; :mod:`.quotes` finds who said what.

This module runs them all over a batch of articles. The reference date that
relative times ("Friday", "last August") resolve against is, in order: the
date the caller gives; the article's publication date when it is trusted;
otherwise a date inferred from the texts. Articles of one batch are taken to
cover the same events, so they constrain each other: the inferred date that the
most articles are consistent with is used for every article that has no
trustworthy date of its own, with the evidence stated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from corroborate.annotate.entities import find_entities, link_entities
from corroborate.annotate.nlp import parse_texts
from corroborate.annotate.quantities import find_quantities
from corroborate.annotate.quotes import find_quotes
from corroborate.annotate.times import DateEvidence, TimeCandidates, date_evidence, find_times, weigh_date_evidence
from corroborate.extract.dates import LOW_CONFIDENCE
from corroborate.model import AnnotatedArticle, Article, EntityCluster, Reference, Span

#: Two inferred reference dates this close count as the same reading of the
#: texts (a week: "Friday" read as this week's or last week's Friday).
REFERENCE_AGREEMENT_DAYS = 7
#: Confidence given to a reference date borrowed from the other articles of
#: the batch: better than nothing, never trusted like a stated date.
BORROWED_REFERENCE_CONFIDENCE = 0.4
#: Only the dates most articles proposed are checked against every article:
#: checking each is one inference per article, so this keeps a batch linear.
MAX_BATCH_CANDIDATES = 5
#: Evidence phrase times.weigh_date_evidence uses when it only echoes its hint.
_ECHOED_HINT = "kept the hint"


def annotate_articles(
    articles: Sequence[Article], *, reference_date: date | None = None
) -> list[AnnotatedArticle]:
    """Annotate a batch of articles (parsed together; entities linked across them)."""
    evidence = None if reference_date is not None else [date_evidence(_evidence_text(a)) for a in articles]
    references = choose_references(articles, reference_date, evidence=evidence)
    # The time expressions found while reading the dates are reused when the
    # evidence text is the article text itself (no captions).
    found_times: list[TimeCandidates | None] = [e.candidates for e in evidence] if evidence else [None] * len(articles)
    annotated: list[AnnotatedArticle] = []
    parsed = zip(articles, references, found_times, parse_texts(a.text for a in articles), strict=True)
    for article, reference, candidates, doc in parsed:
        annotated.append(annotate_parsed(article, reference, doc, time_candidates=candidates))
    return _with_entity_clusters(annotated)


def annotate_parsed(
    article: Article, reference: Reference, doc: Any, *, time_candidates: TimeCandidates | None = None
) -> AnnotatedArticle:
    """Annotations of one article from its spaCy ``doc`` (and its time candidates when already found)."""
    text = article.text
    sentences = tuple(span for span in (_trimmed(sentence, text) for sentence in doc.sents) if span.text)
    confidence = reference.confidence or 0.5
    return AnnotatedArticle(
        article=article,
        reference=reference,
        sentences=sentences,
        entities=tuple(find_entities(text, doc)),
        times=tuple(find_times(text, reference.value, reference_confidence=confidence, candidates=time_candidates)),
        quantities=tuple(find_quantities(text, doc)),
        quotes=tuple(find_quotes(text, doc)),
    )


def choose_references(
    articles: Sequence[Article], given: date | None = None, *, evidence: Sequence[DateEvidence] | None = None
) -> list[Reference]:
    """The reference date of each article (see the module docstring for the order).

    ``evidence`` is each article's :func:`date_evidence` when already read.
    """
    if given is not None:
        return [Reference(given, "given", 1.0, "reference date given by the caller")] * len(articles)
    if evidence is None:
        evidence = [date_evidence(_evidence_text(article)) for article in articles]
    own = [_own_reference(article, told) for article, told in zip(articles, evidence, strict=True)]
    batch = _batch_reference(evidence, own)
    references = []
    for reference in own:
        stated = reference.source == "published" and reference.confidence >= LOW_CONFIDENCE
        if stated or batch is None:
            references.append(reference)
        else:
            references.append(batch)
    return references


def _own_reference(article: Article, told: DateEvidence) -> Reference:
    published = date.fromisoformat(article.published) if article.published else None
    if published and article.published_confidence >= LOW_CONFIDENCE:
        return Reference(published, "published", article.published_confidence,
                         f"publication date ({article.published_source})")
    inferred, confidence, evidence = weigh_date_evidence(told, published)
    if inferred is not None and _ECHOED_HINT not in evidence:
        return Reference(inferred, "inferred", confidence, evidence)
    if published is not None:
        note = article.published_note or "untrusted publication date"
        return Reference(published, "published", article.published_confidence, note)
    return Reference(None, "none", 0.0, evidence or "no date evidence")


def _batch_reference(evidence: Sequence[DateEvidence], own: Sequence[Reference]) -> Reference | None:
    """The inferred or stated date most articles of the batch are consistent with."""
    if len(evidence) < 2:
        return None
    votes = Counter(r.value for r in own if r.value is not None and r.source in {"inferred", "published"})
    candidates = [value for value, _ in votes.most_common(MAX_BATCH_CANDIDATES)]
    best: tuple[int, float, date] | None = None
    for candidate in sorted(candidates):
        supporters = [
            reference.confidence
            for told, reference in zip(evidence, own)
            if _consistent(told, reference, candidate)
        ]
        key = (len(supporters), sum(supporters), candidate)
        if supporters and (best is None or key > best):
            best = key
    if best is None:
        return None
    count, _, value = best
    return Reference(
        value, "batch", BORROWED_REFERENCE_CONFIDENCE,
        f"inferred from the batch: {count} of {len(evidence)} articles are consistent with {value.isoformat()}",
    )


def _consistent(told: DateEvidence, reference: Reference, candidate: date) -> bool:
    if reference.source == "published" and reference.confidence >= LOW_CONFIDENCE:
        return abs((reference.value - candidate).days) <= REFERENCE_AGREEMENT_DAYS  # type: ignore[operator]
    inferred, _, evidence = weigh_date_evidence(told, candidate)
    if inferred is None or _ECHOED_HINT in evidence:
        return False
    return abs(inferred - candidate) <= timedelta(days=REFERENCE_AGREEMENT_DAYS)


def _evidence_text(article: Article) -> str:
    """Body plus captions: a caption's dated photo ("Dec. 29, 2023") bounds the reference too."""
    return "\n\n".join([article.text, *article.captions])


def _with_entity_clusters(annotated: list[AnnotatedArticle]) -> list[AnnotatedArticle]:
    clusters: list[EntityCluster] = link_entities({a.article.id: list(a.entities) for a in annotated})
    lookup: dict[tuple[str, str], str] = {}
    for cluster in clusters:
        for variant, article_ids in cluster.variants.items():
            for article_id in article_ids:
                lookup[(article_id, variant)] = cluster.canonical
    result = []
    for item in annotated:
        names = tuple(lookup.get((item.article.id, m.canonical), m.canonical) for m in item.entities)
        result.append(AnnotatedArticle(item.article, item.reference, item.sentences, item.entities,
                                       item.times, item.quantities, item.quotes, names))
    return result


def entity_clusters(annotated: Sequence[AnnotatedArticle]) -> list[EntityCluster]:
    """Entities linked across the batch: canonical name, variants and name conflicts."""
    return link_entities({a.article.id: list(a.entities) for a in annotated})


def _trimmed(sentence: Any, text: str) -> Span:
    start, end = sentence.start_char, sentence.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


__all__ = ["AnnotatedArticle", "Reference", "annotate_articles", "choose_references", "entity_clusters"]
