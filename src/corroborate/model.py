"""The records that flow through corroborate's pipeline.

Data moves one way: ``ingest -> extract -> annotate -> compare -> brief -> render``.
``ingest`` turns inputs (files, folders, globs) into :class:`RawDocument` records
plus an :class:`InputReport` per input; ``extract`` turns each raw document into
one :class:`Article` with clean text and metadata whose provenance is kept.

Every record is a frozen dataclass so stages cannot mutate each other's data;
``to_dict`` gives the JSON shape used by ``corroborate extract``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: How an input document is encoded. ``text`` is a pre-scraped plain-text page.
DocumentFormat = Literal["html", "text"]

#: What happened to one input path (or one record inside a container input).
InputStatus = Literal["processed", "skipped", "partial"]


@dataclass(frozen=True)
class Span:
    """A slice ``text[start:end]`` of an article's clean text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateCandidate:
    """One piece of evidence for when an article was published.

    ``source`` says where it was found (``"jsonl:published"``, ``"html:meta"``,
    ``"text:chrome"``, ...), ``confidence`` how far it can be trusted (0..1) and
    ``note`` why, in words a reader understands.
    """

    value: str
    source: str
    confidence: float
    note: str = ""


@dataclass(frozen=True)
class RemovedBlock:
    """Text the extractor left out of the body, kept with the reason.

    Nothing is thrown away silently: site chrome, related-story lists and
    subscribe boxes stay inspectable here.
    """

    text: str
    reason: str


@dataclass(frozen=True)
class RawDocument:
    """One document found by ``ingest``, before extraction.

    ``content`` is decoded text (HTML markup or plain text). ``hints`` carries
    metadata the container already knew: a JSON Lines record's ``title`` or
    ``published``, a feed item's ``link``, a WARC record's target URI and date.
    """

    input: str
    format: DocumentFormat
    content: str
    encoding: str
    hints: dict[str, Any] = field(default_factory=dict)
    container: str = "file"


@dataclass(frozen=True)
class Article:
    """A clean article: body text with paragraphs kept, metadata with provenance.

    ``text`` separates paragraphs with a blank line. ``published`` is an ISO
    date (``YYYY-MM-DD``) or ``None``; ``published_confidence`` and
    ``published_source`` say how much to trust it and where it came from, and
    ``published_note`` explains a low confidence.
    """

    id: str
    input: str
    text: str
    title: str | None = None
    standfirst: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: str | None = None
    published_confidence: float = 0.0
    published_source: str | None = None
    published_note: str | None = None
    date_candidates: tuple[DateCandidate, ...] = ()
    captions: tuple[str, ...] = ()
    removed: tuple[RemovedBlock, ...] = ()
    format: str = "text"
    container: str = "file"
    encoding: str | None = None

    def paragraphs(self) -> list[Span]:
        """The body's paragraphs as spans of :attr:`text`."""
        spans: list[Span] = []
        position = 0
        for block in self.text.split("\n\n"):
            start = self.text.index(block, position)
            end = start + len(block)
            position = end
            if block.strip():
                spans.append(Span(start, end, block))
        return spans

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record written by ``corroborate extract``."""
        return asdict(self)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Article:
        """Rebuild an article from :meth:`to_dict` output (unknown keys ignored)."""
        known = {name for name in cls.__dataclass_fields__}
        values = {key: value for key, value in record.items() if key in known}
        values["authors"] = tuple(values.get("authors") or ())
        values["captions"] = tuple(values.get("captions") or ())
        values["date_candidates"] = tuple(
            DateCandidate(**candidate) for candidate in values.get("date_candidates") or ()
        )
        values["removed"] = tuple(RemovedBlock(**block) for block in values.get("removed") or ())
        return cls(**values)


@dataclass(frozen=True)
class InputReport:
    """What became of one input: processed, or skipped with a readable reason.

    ``input`` is the path as the user gave it, or ``path:LINE`` / ``path#N``
    for a record inside a JSON Lines file, feed or WARC archive.
    """

    input: str
    status: InputStatus
    reason: str = ""
    documents: int = 0

    @property
    def failed(self) -> bool:
        """True when this input (or part of it) could not be used."""
        return self.status != "processed"
