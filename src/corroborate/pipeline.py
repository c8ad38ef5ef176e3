"""Stages run end to end: the library calls behind each CLI command.

``extract_inputs`` runs ``ingest -> extract`` over user inputs and returns the
articles together with one report per input, so the caller can show what was
processed and what was skipped, and why. ``brief_inputs`` goes on through
``annotate -> compare -> brief`` and checks every citation of the brief it
returns. Nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from corroborate.errors import NoArticlesError, StoryNotFoundError
from corroborate.extract import extract_documents
from corroborate.ingest import DEFAULT_MAX_BYTES, DEFAULT_TIME_LIMIT, IngestedInput, ingest
from corroborate.model import Article, Brief, InputReport

if TYPE_CHECKING:
    from corroborate.store import Store


@dataclass
class ExtractionRun:
    """Articles from a run plus one report per input (and per bad record)."""

    articles: list[Article] = field(default_factory=list)
    reports: list[InputReport] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any input or record was skipped or only partly used."""
        return any(report.failed for report in self.reports)


def extract_inputs(
    inputs: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES, time_limit: float | None = DEFAULT_TIME_LIMIT
) -> ExtractionRun:
    """Read and extract every input within the size and time limits; every input ends up processed or reported."""
    ingested = list(ingest(inputs, max_bytes=max_bytes, time_limit=time_limit))
    documents = [document for item in ingested for document in item.documents]
    articles, extraction_problems = extract_documents(documents, time_limit=time_limit)
    return ExtractionRun(articles, merge_reports(ingested, extraction_problems))


@dataclass
class BriefRun:
    """The brief of a run plus one report per input (and per bad record)."""

    brief: Brief
    reports: list[InputReport] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any input or record was skipped or only partly used."""
        return any(report.failed for report in self.reports)


def brief_inputs(
    inputs: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    reference_date: date | None = None,
    summary_words: int | None = None,
    max_dates: int | None = None,
    per_date: int | None = None,
) -> BriefRun:
    """Read, extract and annotate every input, then brief the articles; every citation is checked.

    Raises :class:`~corroborate.errors.NoArticlesError` when no input holds a
    usable article, and :class:`~corroborate.errors.CitationError` when the
    brief cites a passage that is not an exact slice of its source (a bug).
    """
    run = extract_inputs(inputs, max_bytes=max_bytes, time_limit=time_limit)
    if not run.articles:
        raise NoArticlesError(no_articles_message(run.reports), run.reports)
    brief = brief_articles(
        run.articles, run.reports, reference_date=reference_date, summary_words=summary_words,
        max_dates=max_dates, per_date=per_date,
    )
    return BriefRun(brief, run.reports)


def brief_articles(
    articles: Sequence[Article],
    reports: Sequence[InputReport] = (),
    *,
    reference_date: date | None = None,
    summary_words: int | None = None,
    max_dates: int | None = None,
    per_date: int | None = None,
) -> Brief:
    """Annotate extracted articles and brief them; every citation is checked (see :func:`brief_inputs`)."""
    # Imported here: annotate loads spaCy, which callers of extract_inputs should not pay for.
    from corroborate.annotate import annotate_articles
    from corroborate.brief import make_brief
    from corroborate.brief.citations import check_citations

    annotated = annotate_articles(articles, reference_date=reference_date)
    brief = make_brief(
        annotated, summary_words=summary_words, max_dates=max_dates, per_date=per_date, inputs=list(reports)
    )
    return check_citations(brief)


def brief_story(
    store: Store,
    story: int,
    *,
    reference_date: date | None = None,
    summary_words: int | None = None,
    max_dates: int | None = None,
    per_date: int | None = None,
) -> BriefRun:
    """Brief one story of a store from its stored articles (raises :class:`StoryNotFoundError`)."""
    stored = store.story_articles(story)
    if not stored:
        count = store.counts().stories
        raise StoryNotFoundError(
            f"no story {story} in {store.location} (it holds {count} stories; list them with `corroborate stories`)"
        )
    reports = [InputReport(article.input, "processed", "", 1) for article in stored]
    brief = brief_articles(
        [article.article for article in stored], reports, reference_date=reference_date,
        summary_words=summary_words, max_dates=max_dates, per_date=per_date,
    )
    return BriefRun(brief, reports)


def no_articles_message(reports: Sequence[InputReport]) -> str:
    """One line saying that nothing can be briefed, with the first input's reason."""
    failed = [report for report in reports if report.failed]
    if not failed:
        return "no article to brief: the inputs hold no article"
    first = failed[0]
    reason = " ".join(f"{first.input}: {first.reason}".splitlines())
    others = f" (and {len(failed) - 1} more input(s) skipped)" if len(failed) > 1 else ""
    return f"no article to brief: every input was skipped; {reason}{others}"


def merge_reports(
    ingested: Iterable[IngestedInput], extraction_problems: Sequence[InputReport]
) -> list[InputReport]:
    """Per-input reports after extraction: a file whose only page had no article is skipped."""
    problems_by_input = {problem.input: problem for problem in extraction_problems}
    reports: list[InputReport] = []
    for item in ingested:
        failed_documents = [d for d in item.documents if d.input in problems_by_input]
        kept = len(item.documents) - len(failed_documents)
        report = item.report
        if failed_documents and kept == 0 and len(item.documents) == 1 and not item.record_problems:
            reason = problems_by_input[failed_documents[0].input].reason
            reports.append(InputReport(report.input, "skipped", reason, 0))
            continue
        if failed_documents:
            reason = "; ".join(filter(None, [report.reason, f"{len(failed_documents)} without article text"]))
            report = InputReport(report.input, "partial", reason, kept)
            reports.append(report)
            reports.extend(
                problems_by_input[document.input]
                for document in failed_documents
                if document.input != report.input
            )
        else:
            reports.append(report)
        reports.extend(item.record_problems)
    return reports
