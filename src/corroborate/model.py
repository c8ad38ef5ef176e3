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


def unique_id(candidate: str, used: set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3`` ... if taken; the id returned is added to ``used``.

    Article ids come from inputs (a file's stem, a record's id), so two pages
    called ``page.html`` in different folders share one; briefs need them distinct.
    """
    identifier = candidate
    number = 2
    while identifier in used:
        identifier = f"{candidate}-{number}"
        number += 1
    used.add(identifier)
    return identifier


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


# --- The brief (compare and brief stages); every cited passage is an exact slice of a source's text ---

#: How well a claim is established across the batch.
ClaimStatus = Literal["corroborated", "single-source", "conflicting"]

#: Whether a dated event had happened when the sources were written, or was announced for later.
EventKind = Literal["past", "planned"]


@dataclass(frozen=True)
class Evidence:
    """A cited passage: exactly ``text == source_text[start:end]`` of source ``source``."""

    source: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a citation."""
        return {"source": self.source, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Source:
    """One article of a brief, with what it is independent of.

    ``derived_from`` is the id of the article this one copies, rewrites or
    summarizes (``derivation`` says how, in one line); ``independent_source`` is
    the id of the independent source it counts as (itself when independent).
    """

    id: str
    input: str
    outlet: str | None
    title: str | None
    published: str | None
    published_confidence: float
    text: str
    derived_from: str | None = None
    derivation_kind: str | None = None
    derivation: str | None = None
    independent_source: str = ""
    reference_date: str | None = None
    reference_evidence: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``sources`` items."""
        return asdict(self)


@dataclass(frozen=True)
class Statement:
    """One atomic factual statement of one source: a clause of a sentence, with its facts.

    ``entities`` are cross-article entity names, ``times`` TIMEX3 values (with
    their bound, "by:2025-09"), ``quantities`` normalized numbers with what they
    count; ``quoted`` is True when the statement is (mostly) someone's quoted words.
    """

    source: str
    start: int
    end: int
    text: str
    sentence: int
    entities: tuple[str, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quoted: bool = False

    def evidence(self) -> Evidence:
        """This statement as a citation."""
        return Evidence(self.source, self.start, self.end, self.text)


@dataclass(frozen=True)
class Claim:
    """A group of statements from one or more sources that say the same thing.

    ``text`` is the wording of one of them (an exact slice, cited first in
    ``evidence``). ``independent_sources`` counts independent sources only: a
    source derived from another in the group adds nothing to the count
    (``derived_sources`` lists them). ``notes`` records compatible differences,
    such as the same date given at different precision.
    """

    id: str
    text: str
    status: ClaimStatus
    sources: tuple[str, ...]
    independent_sources: int
    evidence: tuple[Evidence, ...]
    derived_sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    weight: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``claims`` items."""
        return {
            "id": self.id, "text": self.text, "status": self.status, "sources": list(self.sources),
            "independent_sources": self.independent_sources,
            "evidence": [e.to_dict() for e in self.evidence],
            "derived_sources": list(self.derived_sources), "notes": list(self.notes), "weight": self.weight,
        }


@dataclass(frozen=True)
class Position:
    """One side of a conflict: a value and the sources (with passages) that give it."""

    value: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a conflict's ``positions`` items."""
        return {"value": self.value, "sources": list(self.sources), "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True)
class Conflict:
    """Incompatible values for the same slot (what date, how many), side by side.

    ``within`` is the source id when one source contradicts itself, else None;
    ``claims`` are the ids of the claims whose statements disagree.
    """

    about: str
    positions: tuple[Position, ...]
    kind: str  # "date" | "quantity" | "name"
    within: str | None = None
    claims: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``conflicts`` items."""
        return {
            "about": self.about, "kind": self.kind, "within": self.within, "claims": list(self.claims),
            "positions": [p.to_dict() for p in self.positions],
        }


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event, merged across sources.

    ``date`` is ISO at the precision known ("2025", "2025-09", "2025-09-27");
    ``kind`` tells past events from announced milestones; ``text`` is the
    wording of one source (the first ``evidence`` item); ``importance`` is the
    score dates were ranked by.
    """

    date: str
    kind: EventKind
    text: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    bound: str | None = None
    importance: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``timeline`` items."""
        return {
            "date": self.date, "kind": self.kind, "text": self.text, "sources": list(self.sources),
            "evidence": [e.to_dict() for e in self.evidence], "bound": self.bound, "importance": self.importance,
        }


@dataclass(frozen=True)
class QuoteVariant:
    """How one source worded a statement that other sources quote too."""

    source: str
    text: str
    kind: str  # direct | indirect
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a quote's ``variants`` items."""
        return {"source": self.source, "text": self.text, "kind": self.kind, "evidence": self.evidence.to_dict()}


@dataclass(frozen=True)
class QuoteGroup:
    """One statement by one speaker, as quoted by one or more sources.

    ``text`` is the content as one source gives it; ``variants`` holds every
    source's wording (more than one distinct wording means the outlets quote
    the statement differently); ``evidence`` cites each source's attribution.
    """

    speaker: str
    speaker_kind: str | None
    text: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    variants: tuple[QuoteVariant, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``quotes`` items."""
        return {
            "speaker": self.speaker, "speaker_kind": self.speaker_kind, "text": self.text,
            "sources": list(self.sources), "evidence": [e.to_dict() for e in self.evidence],
            "variants": [v.to_dict() for v in self.variants],
        }


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of the summary: a source's words plus how well they are supported."""

    text: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    certainty: str
    claim: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``summary`` items."""
        return {
            "text": self.text, "sources": list(self.sources), "evidence": [e.to_dict() for e in self.evidence],
            "certainty": self.certainty, "claim": self.claim,
        }


@dataclass(frozen=True)
class CoverageRow:
    """One key fact and, per source of :attr:`Coverage.sources`, whether it reports it."""

    claim: str
    text: str
    reported: tuple[bool, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of coverage rows."""
        return {"claim": self.claim, "text": self.text, "reported": list(self.reported)}


@dataclass(frozen=True)
class Coverage:
    """Key facts x sources: who reports what, and who omits it."""

    sources: tuple[str, ...]
    rows: tuple[CoverageRow, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``coverage``."""
        return {"sources": list(self.sources), "rows": [row.to_dict() for row in self.rows]}


@dataclass(frozen=True)
class Brief:
    """What a batch of articles establishes, every statement cited to its sources."""

    sources: tuple[Source, ...]
    summary: tuple[SummarySentence, ...] = ()
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    quotes: tuple[QuoteGroup, ...] = ()
    coverage: Coverage | None = None
    inputs: tuple[InputReport, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``corroborate brief --format json`` (see docs/brief-json.md)."""
        return {
            "sources": [s.to_dict() for s in self.sources],
            "summary": [s.to_dict() for s in self.summary],
            "claims": [c.to_dict() for c in self.claims],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "timeline": [t.to_dict() for t in self.timeline],
            "quotes": [q.to_dict() for q in self.quotes],
            "coverage": self.coverage.to_dict() if self.coverage else {"sources": [], "rows": []},
            "inputs": [asdict(report) for report in self.inputs],
        }
