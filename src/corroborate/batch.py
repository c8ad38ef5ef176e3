"""Batch runs over many articles: ``ingest -> extract -> cluster -> annotate`` per story, as rows.

:func:`run_batch` is the single-machine reference path of the distributed job
in :mod:`corroborate.spark`: both give the same rows on the same input. The
steps, and why each gives the same result however the work is split:

1. inputs are read and extracted exactly as ``corroborate extract`` does
   (:func:`corroborate.pipeline.extract_inputs`), so every input is accounted
   for, processed or skipped with a reason;
2. each article's story features are computed (a pure function of the article)
   and the online story clusterer reads them in stream order (input order,
   then record order inside a container): the clustering depends on that order
   and on nothing else;
3. each story is annotated as one batch (:func:`annotate_story`): annotate lets
   the articles it is given constrain each other's reference date and links
   their entity names, so annotating per story makes an article's annotations
   depend only on its story, never on how the batch was cut into partitions;
4. one :class:`BatchRow` per article, in stream order.

The row and its helpers live here so both paths build rows with the same code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from corroborate.ingest import DEFAULT_MAX_BYTES, DEFAULT_TIME_LIMIT
from corroborate.model import AnnotatedArticle, Article, InputReport
from corroborate.pipeline import extract_inputs

if TYPE_CHECKING:
    from corroborate.cluster import Assignment


@dataclass(frozen=True)
class BatchRow:
    """One article of a batch run: where it came from, its story, and its annotations.

    ``position`` is the article's place in the stream (0-based, over the
    articles extracted); ``story`` numbers stories in the order they were
    opened; ``derived_from`` is the id of the article this one copies or
    summarises, when the clusterer saw one. ``annotations`` is the JSON record
    ``corroborate annotate`` writes for the article.
    """

    position: int
    id: str
    input: str
    story: int
    new_story: bool
    similarity: float
    derived_from: str | None
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    text: str
    annotations: str

    def to_dict(self) -> dict[str, Any]:
        """The row as a plain dict (column name -> value), as written to Parquet."""
        return {name: getattr(self, name) for name in BATCH_COLUMNS}


#: Output columns, in order (the Parquet schema of the Spark job follows it).
BATCH_COLUMNS: tuple[str, ...] = tuple(BatchRow.__dataclass_fields__)


@dataclass
class BatchResult:
    """The rows of a batch run in stream order, plus one report per input (and per bad record)."""

    rows: list[BatchRow] = field(default_factory=list)
    reports: list[InputReport] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any input or record was skipped or only partly used."""
        return any(report.failed for report in self.reports)


def run_batch(
    inputs: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    reference_date: date | None = None,
) -> BatchResult:
    """Read, extract, cluster into stories and annotate per story every input, on this machine."""
    from corroborate.cluster import cluster_stream, story_features

    run = extract_inputs(inputs, max_bytes=max_bytes, time_limit=time_limit)
    assignments = cluster_stream((article.id, story_features(article)) for article in run.articles)
    positioned = list(enumerate(run.articles))
    rows: list[BatchRow] = []
    for story in stories_of(positioned, assignments).values():
        rows.extend(annotate_story(story, reference_date=reference_date))
    rows.sort(key=lambda row: row.position)
    return BatchResult(rows, run.reports)


def stories_of(
    positioned: Sequence[tuple[int, Article]], assignments: Sequence[Assignment]
) -> dict[int, list[tuple[int, Article, Assignment]]]:
    """Articles grouped by story, each group in stream order (``assignments`` are in stream order too)."""
    stories: dict[int, list[tuple[int, Article, Assignment]]] = {}
    for (position, article), assignment in zip(positioned, assignments, strict=True):
        stories.setdefault(assignment.story, []).append((position, article, assignment))
    return stories


def annotate_story(
    story: Iterable[tuple[int, Article, Assignment]], *, reference_date: date | None = None
) -> list[BatchRow]:
    """Annotate one story's articles as one batch (in stream order) and make their rows."""
    # Imported here: annotate loads spaCy, which reading and clustering do not need.
    from corroborate.annotate import annotate_articles

    members = sorted(story, key=lambda member: member[0])
    annotated = annotate_articles([article for _, article, _ in members], reference_date=reference_date)
    return [
        batch_row(position, assignment, record)
        for (position, _, assignment), record in zip(members, annotated, strict=True)
    ]


def batch_row(position: int, assignment: Assignment, annotated: AnnotatedArticle) -> BatchRow:
    """The output row of one annotated article."""
    article = annotated.article
    return BatchRow(
        position=position,
        id=article.id,
        input=article.input,
        story=assignment.story,
        new_story=assignment.new_story,
        similarity=float(assignment.similarity),
        derived_from=assignment.derived_from,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        published=article.published,
        text=article.text,
        annotations=json.dumps(annotated.to_dict(), ensure_ascii=False),
    )
