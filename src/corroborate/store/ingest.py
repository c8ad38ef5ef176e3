"""Stream inputs into a store: ``ingest -> extract -> store``, one transaction per batch.

Inputs are read one at a time by :func:`corroborate.ingest.ingest`; their
documents are grouped, in input order, into batches of ``batch_size``; each
batch is extracted and written in one transaction together with the reports
of the inputs it completes. Memory holds one input file (capped by
``max_bytes``) and one batch, however many inputs there are.

Idempotent: a raw document already stored (same content and metadata, by
:func:`.identity.raw_hash`) is counted as an unchanged duplicate without
being extracted again; an extracted article whose key and text hash are
stored is one too. Crash-safe: a batch is committed whole or not at all, so
a process killed at any point and run again on the same inputs finds the
committed batches as duplicates and stores the rest: nothing is lost and
nothing is stored twice.

The batch context of the plain-text boilerplate remover (lines repeated
across a batch are site chrome) is built from every document of the batch,
stored or not, so a re-run cleans each new page exactly as an uninterrupted
run would have.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from corroborate.errors import CorroborateError, UsageError
from corroborate.extract import extract_document
from corroborate.extract.boilerplate import BatchContext
from corroborate.ingest import DEFAULT_MAX_BYTES, DEFAULT_TIME_LIMIT, IngestedInput, Input, ingest
from corroborate.model import InputReport, RawDocument
from corroborate.pipeline import merge_reports
from corroborate.store.database import ArticleVersion, Outcome, Store, StoryPlacer
from corroborate.store.identity import article_key, canonical_url, content_hash, raw_hash

#: Documents per transaction. Measured on the 772 ECB+ texts into a new SQLite
#: file (2 shared cores, best of 3): 1 per batch took 2.8 s, 10 took 1.8 s, and
#: 50, 100 and 500 took 1.75-1.8 s: past ~10 a commit's cost is lost in the
#: noise. 100 keeps what a crash costs to one batch (~0.25 s of extraction)
#: while giving the boilerplate remover enough pages of a site at once.
DEFAULT_BATCH_SIZE = 100

#: ``progress(done, total)``: documents handled so far, documents found so far.
Progress = Callable[[int, int], None]


@dataclass
class IngestSummary:
    """What one ingest run did: documents found, what became of each, and every input's report.

    ``documents`` counts documents found in the inputs; each ends up in exactly
    one of ``new_articles``, ``new_revisions``, ``duplicates`` (already stored,
    unchanged) and ``failed_documents`` (no article text; reported in ``reports``).
    """

    documents: int = 0
    new_articles: int = 0
    new_revisions: int = 0
    duplicates: int = 0
    failed_documents: int = 0
    batches: int = 0
    reports: list[InputReport] = field(default_factory=list)
    #: Articles already in stories, replayed to resume clustering.
    resumed_articles: int = 0
    #: Articles stored earlier without a story, placed before this run's.
    placed_earlier_articles: int = 0

    @property
    def skipped(self) -> list[InputReport]:
        """Inputs and records that were skipped or only partly used, each with its reason."""
        return [report for report in self.reports if report.failed]

    @property
    def handled(self) -> int:
        """Documents stored, found already stored, or reported as holding no article."""
        return self.new_articles + self.new_revisions + self.duplicates + self.failed_documents


@dataclass
class _OpenInput:
    """An input whose documents are not all stored yet, and what went wrong with them so far."""

    item: IngestedInput
    remaining: int
    problems: list[InputReport] = field(default_factory=list)


def ingest_into_store(
    inputs: Iterable[Input],
    store: Store,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    in_parts: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    stories: bool = True,
) -> IngestSummary:
    """Read, extract and store every input, a transaction per batch; return what was stored.

    ``inputs`` are paths, folders and globs, or files and documents read
    elsewhere (:data:`corroborate.ingest.Input`: an upload under its own
    name, a fetched page); they are read one at a time, as they come.

    With ``stories`` (the default) every new article is placed in a story in
    its batch's transaction (:mod:`.stories`); articles stored earlier without
    one are placed first. ``in_parts`` reads JSON Lines and WARC files over
    ``max_bytes`` a part at a time instead of refusing them.
    """
    if batch_size < 1:
        raise UsageError(f"batch size must be a positive number of documents, not {batch_size}")
    summary = IngestSummary()
    placer: StoryPlacer | None = None
    if stories:
        # Imported here: a store used without clustering need not load it.
        from corroborate.store.stories import StoryAssigner

        placer = StoryAssigner()
        placer.catch_up(store.clustering_history())
        summary.resumed_articles = placer.replayed
        summary.placed_earlier_articles = store.place_unclustered(placer, batch_size)
    open_inputs: list[_OpenInput] = []
    batch: list[tuple[_OpenInput, RawDocument]] = []
    for item in ingest(inputs, max_bytes=max_bytes, time_limit=time_limit, in_parts=in_parts):
        entry = _OpenInput(item, len(item.documents))
        open_inputs.append(entry)
        summary.documents += len(item.documents)
        for document in item.documents:
            batch.append((entry, document))
            if len(batch) == batch_size:
                open_inputs = _store_batch(batch, open_inputs, store, summary, placer, time_limit)
                batch = []
                _report_progress(progress, summary)
    if batch or open_inputs:
        _store_batch(batch, open_inputs, store, summary, placer, time_limit)
    _report_progress(progress, summary)
    return summary


def _store_batch(
    batch: list[tuple[_OpenInput, RawDocument]],
    open_inputs: list[_OpenInput],
    store: Store,
    summary: IngestSummary,
    placer: StoryPlacer | None,
    time_limit: float | None,
) -> list[_OpenInput]:
    """Extract and write one batch, with the reports of the inputs it completes; return those still open."""
    documents = [document for _, document in batch]
    hashes = [raw_hash(document) for document in documents]
    known = store.known_documents(hashes)
    context = BatchContext.from_documents(documents)
    versions: list[ArticleVersion] = []
    for (entry, document), document_hash in zip(batch, hashes):
        entry.remaining -= 1
        if document_hash in known:
            summary.duplicates += 1
            continue
        try:
            versions.append(article_version(document, document_hash, context, time_limit))
        except CorroborateError as error:
            entry.problems.append(InputReport(document.input, "skipped", str(error)))
            summary.failed_documents += 1
    finished = [entry for entry in open_inputs if entry.remaining == 0]
    reports = [report for entry in finished for report in merge_reports([entry.item], entry.problems)]
    outcomes = store.write_batch(versions, reports, placer)
    _count(outcomes, summary)
    summary.reports.extend(reports)
    summary.batches += 1
    return [entry for entry in open_inputs if entry.remaining > 0]


def article_version(
    document: RawDocument, document_hash: str, context: BatchContext, time_limit: float | None = DEFAULT_TIME_LIMIT
) -> ArticleVersion:
    """Extract one document and work out the keys it is stored under (raises :class:`CorroborateError`)."""
    article = extract_document(document, context, time_limit=time_limit)
    input_id = _input_id(document)
    url = canonical_url(article.url)
    text_hash = content_hash(article.text)
    return ArticleVersion(article_key(url, input_id, text_hash), input_id, url, text_hash, document_hash, article)


def _input_id(document: RawDocument) -> str | None:
    """The id the input itself gave the article (a JSON record's ``id``, a feed's ``guid``), if any."""
    value = document.hints.get("id")
    return (value.strip() or None) if isinstance(value, str) else None


def _count(outcomes: Sequence[Outcome], summary: IngestSummary) -> None:
    for outcome in outcomes:
        if outcome == "new":
            summary.new_articles += 1
        elif outcome == "revision":
            summary.new_revisions += 1
        else:
            summary.duplicates += 1


def _report_progress(progress: Progress | None, summary: IngestSummary) -> None:
    if progress is not None:
        progress(summary.handled, summary.documents)
