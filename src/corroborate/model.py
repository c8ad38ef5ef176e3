"""The records that flow through corroborate's pipeline.

Data moves one way: ``ingest -> extract -> annotate -> compare -> brief -> render``.
``ingest`` turns inputs (files, folders, globs) into :class:`RawDocument` records
plus an :class:`InputReport` per input; ``extract`` turns each raw document into
one :class:`Article` with clean text and metadata whose provenance is kept;
``annotate`` adds :class:`EntityMention`, :class:`TimeExpression`,
:class:`Quantity` and :class:`Quote` records, each an exact slice of the text.

Every record is a frozen dataclass so stages cannot mutate each other's data;
``to_dict`` gives the JSON shape used by ``corroborate extract``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
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


# --- Annotations (the annotate stage); every span is an exact slice of Article.text ---


@dataclass(frozen=True)
class TimeExpression:
    """One time expression: exact span, TIMEX3 type/value/mod, and how it was read.

    ``text`` is exactly ``article_text[start:end]``. ``bound`` is our reading of
    the word before it: "by" (no later than), "until", "through",
    "at_least_until", "from"/"to" (range ends), "since", "before", "after"
    (also "no earlier than"); durations and sets carry none.
    ``anchor`` says what a relative value was resolved against: "reference"
    or the value of the earlier date ("two years later" after "in 2017").
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    bound: str | None = None
    anchor: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True)
class Quote:
    """One attribution: what was said (``content``), by whom (``speaker``), and the cue.

    ``start``/``end``/``text`` cover the whole attribution: the smallest slice of
    the text holding the content, the cue and the speaker mention (for a
    continuation quote this includes the earlier sentence that names the
    speaker). ``content`` is the quoted words without the quote marks (a
    trailing comma inside the marks is dropped) or, for indirect speech, the
    reported clause (for a cue that interrupts its sentence, ``Too often, Mr.
    Clarke said, the industry failed``, the whole sentence, cue included). ``speaker_name`` is resolved across the article;
    ``speaker_kind`` is ``"person"``, ``"organization"``, ``"anonymous"`` (a
    described but unnamed source) or ``"document"`` (a statement or report).
    """

    kind: str
    start: int
    end: int
    text: str
    content: Span
    cue: Span | None
    speaker: Span | None
    speaker_name: str | None
    speaker_kind: str | None


@dataclass(frozen=True)
class EntityMention:
    """One mention of a named entity: ``text[start:end]``, its label and resolved name.

    ``canonical`` is the most complete name of the entity in this article,
    without titles. ``role`` is the title written with this mention ("Prime
    Minister"), or, when the mention has none, the first title the article
    gives the same entity.
    """

    start: int
    end: int
    text: str
    label: str
    canonical: str
    role: str | None = None


@dataclass(frozen=True)
class EntityCluster:
    """One entity across a batch of articles, with the names each article used.

    ``variants`` maps each article-level canonical name to the ids of the
    articles that used it; ``name_conflict`` is True when those names are not
    just forms of one name (spelling of accents and dots, acronym, alias,
    shortening) -- e.g. "Higher Military Commission" vs "High Military Committee".
    """

    canonical: str
    label: str
    variants: dict[str, list[str]]
    articles: list[str]
    name_conflict: bool


@dataclass(frozen=True)
class Quantity:
    """A number (or range) in the text, what it counts and how precise it is."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    counted: str | None = None
    approx: bool = False
    mod: str | None = None
    unit_inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape used in ``corroborate annotate`` output."""
        return {
            "start": self.start, "end": self.end, "text": self.text, "value": self.value,
            "low": self.low, "high": self.high, "unit": self.unit, "counted": self.counted,
            "approx": self.approx, "mod": self.mod, "unit_inferred": self.unit_inferred,
        }


@dataclass(frozen=True)
class Reference:
    """The date relative times in an article are resolved against, and why."""

    value: date | None
    source: str  # given | published | inferred | batch | none
    confidence: float
    evidence: str


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with its annotations, every one kept as offsets into ``article.text``.

    ``entity_clusters`` holds, for each entity mention in order, the name of
    the entity it was linked to across the batch (its cross-article canonical name).
    """

    article: Article
    reference: Reference
    sentences: tuple[Span, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entity_clusters: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record of ``corroborate annotate``: the article's fields plus annotations."""
        record = self.article.to_dict()
        record["reference_date"] = self.reference.value.isoformat() if self.reference.value else None
        record["reference_source"] = self.reference.source
        record["reference_confidence"] = self.reference.confidence
        record["reference_evidence"] = self.reference.evidence
        record["sentences"] = [_span(s) for s in self.sentences]
        record["entities"] = [
            {**_span(m), "label": m.label, "canonical": m.canonical, "role": m.role,
             "cluster": cluster}
            for m, cluster in zip(self.entities, self.entity_clusters or [None] * len(self.entities))
        ]
        record["times"] = [
            {**_span(t), "type": t.type, "value": t.value, "mod": t.mod, "bound": t.bound,
             "anchor": t.anchor, "confidence": t.confidence}
            for t in self.times
        ]
        record["quantities"] = [q.to_dict() for q in self.quantities]
        record["quotes"] = [_quote_record(q) for q in self.quotes]
        return record


def _span(item: Any) -> dict[str, Any]:
    return {"start": item.start, "end": item.end, "text": item.text}


def _quote_record(quote: Quote) -> dict[str, Any]:
    return {
        **_span(quote),
        "kind": quote.kind,
        "content": _span(quote.content),
        "cue": _span(quote.cue) if quote.cue else None,
        "speaker": _span(quote.speaker) if quote.speaker else None,
        "speaker_name": quote.speaker_name,
        "speaker_kind": quote.speaker_kind,
    }


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
