"""The ``extract`` stage: raw documents in, clean :class:`Article` records out.

Each document format has an extractor in :data:`EXTRACTORS` (HTML through
trafilatura in :mod:`.html`, pre-scraped text through our boilerplate remover
in :mod:`.text`). Extractors fill in what the page itself shows; this module
then adds what only the batch or the container knows: a stable id, the
outlet from the URL, the language, and the publication date chosen from all
the evidence with its provenance and confidence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import PurePath

from corroborate.errors import CorroborateError, ExtractionError
from corroborate.extract.boilerplate import BatchContext
from corroborate.extract.dates import choose_published, parse_date
from corroborate.extract.html import extract_html, url_date_candidate
from corroborate.extract.language import detect_language
from corroborate.extract.metadata import outlet_from_url
from corroborate.extract.text import extract_supplied_text, extract_text
from corroborate.ingest.limits import DEFAULT_TIME_LIMIT, within_time_limit
from corroborate.model import Article, DateCandidate, InputReport, RawDocument, unique_id

Extractor = Callable[[RawDocument, BatchContext], Article]

#: Format name -> extractor. Adding a format is one function and one line here.
EXTRACTORS: dict[str, Extractor] = {
    "html": extract_html,
    "text": extract_text,
}

#: Containers whose plain text is the article body as its producer extracted
#: it (a JSON Lines ``text`` field): kept whole, not boilerplate-filtered.
SUPPLIED_TEXT_CONTAINERS = frozenset({"jsonl"})

#: How far a date given by the container can be trusted. A JSON Lines
#: ``published`` field or a feed's ``pubDate`` is the publisher's own claim;
#: a WARC date is only when the crawler fetched the page, an upper bound.
CONTAINER_DATE_CONFIDENCE = {
    "published": (0.9, "publication date given with the input"),
    "feed_published": (0.85, "publication date from the feed item"),
    "feed_updated": (0.6, "last-updated date from the feed item; may be later than publication"),
    "crawl_date": (0.3, "only the date the page was crawled; publication may be earlier"),
}

#: ``path:LINE`` (JSON Lines) or ``path#N`` (feed item, WARC record) names a record.
_RECORD_SUFFIX = re.compile(r"[:#](\d+)$")

#: An article body shorter than this many characters is not an article.
MIN_BODY_CHARS = 1


def extract_documents(
    documents: Iterable[RawDocument], *, time_limit: float | None = DEFAULT_TIME_LIMIT
) -> tuple[list[Article], list[InputReport]]:
    """Extract every document; documents with no article (or over the time limit) are reported, not dropped."""
    documents = list(documents)
    context = BatchContext.from_documents(documents)
    articles: list[Article] = []
    reports: list[InputReport] = []
    used_ids: set[str] = set()
    for document in documents:
        try:
            article = extract_document(document, context, time_limit=time_limit)
        except CorroborateError as error:
            reports.append(InputReport(document.input, "skipped", str(error)))
            continue
        article = replace(article, id=unique_id(article.id, used_ids))
        articles.append(article)
    return articles, reports


def extract_document(
    document: RawDocument, context: BatchContext | None = None, *, time_limit: float | None = DEFAULT_TIME_LIMIT
) -> Article:
    """Extract one document into an :class:`Article` within ``time_limit`` seconds.

    Raises :class:`ExtractionError` when the document holds no article and
    :class:`~corroborate.errors.InputTimeLimitError` past the time limit
    (see :mod:`corroborate.ingest.limits`).
    """
    with within_time_limit(time_limit, "extracting the article"):
        return _extract(document, context)


def _extract(document: RawDocument, context: BatchContext | None) -> Article:
    if context is None:
        context = BatchContext.from_documents([document])
    extractor = EXTRACTORS.get(document.format)
    if document.format == "text" and document.container in SUPPLIED_TEXT_CONTAINERS:
        extractor = extract_supplied_text
    if extractor is None:
        raise ExtractionError(f"no extractor for format {document.format!r}")
    article = extractor(document, context)
    if len(article.text.strip()) < MIN_BODY_CHARS:
        raise ExtractionError("no article text found on the page")
    return _complete(article, document)


def _complete(article: Article, document: RawDocument) -> Article:
    hints = document.hints
    url = article.url or _string_hint(hints, "url")
    candidates = list(article.date_candidates) + _container_date_candidates(hints)
    if document.format != "html" and (from_url := url_date_candidate(url)):
        candidates.append(from_url)  # HTML pages read their address themselves
    published, confidence, source, note = choose_published(candidates)
    return replace(
        article,
        id=article.id or _string_hint(hints, "id") or _default_id(document),
        input=document.input,
        url=url,
        title=_string_hint(hints, "title") or article.title,
        outlet=_string_hint(hints, "outlet") or article.outlet or outlet_from_url(url),
        authors=article.authors or _authors_hint(hints),
        language=_string_hint(hints, "language") or article.language or detect_language(article.text),
        published=published,
        published_confidence=confidence,
        published_source=source,
        published_note=note,
        date_candidates=tuple(candidates),
        format=document.format,
        container=document.container,
        encoding=document.encoding,
    )


def _container_date_candidates(hints: dict[str, object]) -> list[DateCandidate]:
    candidates = []
    for key, (confidence, note) in CONTAINER_DATE_CONFIDENCE.items():
        value = parse_date(hints.get(key))
        if value:
            candidates.append(DateCandidate(value, f"input:{key}", confidence, note))
    return candidates


def _string_hint(hints: dict[str, object], key: str) -> str | None:
    value = hints.get(key)
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def _authors_hint(hints: dict[str, object]) -> tuple[str, ...]:
    value = hints.get("authors") or hints.get("author")
    if isinstance(value, str):
        return tuple(name.strip() for name in value.split(",") if name.strip())
    if isinstance(value, list):
        return tuple(str(name).strip() for name in value if str(name).strip())
    return ()


def _default_id(document: RawDocument) -> str:
    """A readable id: the file stem, plus a record number inside containers."""
    match = _RECORD_SUFFIX.search(document.input)
    path = document.input[: match.start()] if match else document.input
    record = match.group(1) if match else ""
    stem = PurePath(path).name.split(".")[0] or hashlib.sha1(path.encode()).hexdigest()[:12]
    return f"{stem}-{record}" if record else stem
