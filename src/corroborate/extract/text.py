"""Extraction of pre-scraped plain-text pages into clean articles.

The ``text`` extractor of :data:`corroborate.extract.EXTRACTORS`. Its input is
a web page someone already scraped to plain text, with the site's chrome left
in: subscribe buttons, bylines with view counters, author bios, newsletter
boxes, related-story lists, image captions. No library handles this input
(HTML boilerplate removers need the markup; see :mod:`.boilerplate`), so the
method is our own:

1. cut the page into units (:mod:`.textlines`) and give each a kind and a
   body score (:mod:`.boilerplate`);
2. take the highest-scoring contiguous stretch as the body, and end it early
   where chrome is followed only by text off the article's vocabulary;
3. read the head (before the body) for the title, standfirst, byline and
   captions, and label everything else before and after the body with the
   reason it was dropped -- nothing is lost, every unit lands in ``text``,
   ``title``, ``standfirst``, ``captions`` or ``removed``;
4. collect publication-date evidence by where each date sits
   (:mod:`.textdates`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corroborate.extract.boilerplate import (
    BODY_KINDS,
    DRIFT_MIN_OVERLAP,
    BatchContext,
    article_end,
    batch_repeated,
    best_segment,
    content_stems,
    core_vocabulary,
    line_kind,
    page_repeated,
    resumed_end,
    settle_snippets,
    unit_score,
    vocabulary_overlap,
)
from corroborate.extract.textdates import DATE_MENTION, DATELINE_SPAN, DatedText, date_candidates, is_date_line
from corroborate.extract.textlines import Line, page_lines
from corroborate.model import Article, RawDocument, RemovedBlock

#: A title is a headline-shaped line of this many words (a one-word line
#: such as "Summary" is a section label, not a title).
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
#: The title shares at least this share of its content words with the body
#: (ECB+ headlines share 0.5-1.0 with their articles; site names and section
#: kickers above them ~0).
TITLE_MIN_OVERLAP = 0.5
#: A standfirst is one sentence of at most this many words (the example
#: deck has 16; the example ledes that open a body have 30-60).
STANDFIRST_MAX_WORDS = 30
#: A tail holding at least this many headlines or truncated teasers is a list
#: of other stories.
STORY_LIST_MIN_ITEMS = 2
#: A heading or bullet of at least this many words can be a listed headline
#: ("Storm Boris floods central Europe"); shorter ones are labels ("Most read").
LIST_ITEM_MIN_WORDS = 4

#: Why a unit of each kind was dropped, in words a reader understands.
REASONS = {
    "ui": "site interface text (button, link label or menu)",
    "subscribe": "subscribe box",
    "cookie": "cookie or consent notice",
    "share": "share buttons",
    "advert": "advertisement marker",
    "byline": "byline",
    "date": "date line",
    "counter": "view or reading-time counter",
    "address": "web address line",
    "credit": "source credit line",
    "caption": "image caption",
    "bio": "author bio",
    "snippet": "truncated teaser of another story",
    "repeated": "line repeated on other pages of the same site",
    "heading": "heading",
    "headline": "headline of another story",
    "bullet": "list",
    "prose": "text",
    "short": "text",
}
#: Where a date line in a supplied text (JSON Lines ``text``) is publication
#: evidence: among the first paragraphs (headline, address, stamp: of the 257
#: ECB+ records with one, 223 put it at paragraph 2 or 3, 249 within the first
#: 4) or the last.
SUPPLIED_TOP_PARAGRAPHS = 5
SUPPLIED_END_PARAGRAPHS = 2
#: Kinds whose reason says where the unit sat ("heading before the article").
POSITIONAL_KINDS = frozenset({"ui", "heading", "headline", "bullet", "snippet", "prose", "short"})
BATCH_REPEATED_REASON = "line repeated on several pages of the batch"
KICKER_REASON = "kicker label above the title"
STORY_LIST_REASON = "related-stories list after the article end"
LINKED_STORIES_REASON = "list of linked stories (headline, source and snippet)"
COUNTER_BYLINE_REASON = "byline with view counter"
LISTED_BYLINE_REASON = "byline and date of a listed story"
OFF_TOPIC_REASON = "off-topic text after the article end"
AFTER_END_REASON = "text after the article end"

_META_KINDS = frozenset({"byline", "date", "counter"})
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:\([^)]{1,40}\))?\s*[—–-]")
#: "BAGHDAD, Sept. 27, 2024 (Reuters) —": a place, a date, an optional agency, a dash.
_DATELINE_WITH_DATE = re.compile(r"^[A-Z][\w .'’-]{1,40},[^—–(]{4,40}(?:\([^)]{1,40}\)\s*)?[—–-]")
#: A teaser credited to its source: "Sep. 27 / The Hill “ The U.S. military...".
_SOURCED_TEASER = re.compile(r"\s/\s|^\W*(?:" + DATE_MENTION.pattern + ")", re.IGNORECASE)
_TIME_WORDS = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|reports|reported|according to)\b")
_BYLINE_NAMES = re.compile(r"^\W*(?:by|written by|words by|story by|posted by|published by)\s+(?P<names>.+)$", re.IGNORECASE)
_REPORTING_NAMES = re.compile(r"reporting\s+by\s+(?P<names>[^;)]+)", re.IGNORECASE)
_BIO_NAME = re.compile(r"^(?P<name>(?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'.-]+)\s+[a-z]")
_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|\||•|&|\band\b|—|–)\s*")
_PERSON = re.compile(
    r"^[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|da|van|von|der|den|al|el|bin|ibn|le|la|du|dos|di)){1,3}$"
)
_NOT_A_NAME = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|news|agency|press|desk|bureau|contributor|journalist"
    r"|times|post|daily|media|team|admin)\b",
    re.IGNORECASE,
)
_CREDIT_SOURCE = re.compile(r"^[^:：]*[:：]?\s*(?P<source>.+)$")
_SOURCE_SEPARATOR = re.compile(r"\s+and\s+|\s*[,;/|]\s*")


@dataclass(frozen=True)
class Placement:
    """Where one unit ends up: ``text``, ``title``, ``standfirst``, ``caption`` or ``removed``."""

    line: Line
    kind: str
    zone: str  # "head", "body", "tail"
    role: str
    reason: str = ""


def extract_text(document: RawDocument, context: BatchContext) -> Article:
    """Clean article from a pre-scraped text page."""
    placements = place_units(page_lines(document.content), document, context)
    body = "\n\n".join(p.line.text for p in placements if p.role == "text")
    return Article(
        id="",
        input=document.input,
        text=body,
        title=_first(placements, "title"),
        standfirst=_first(placements, "standfirst"),
        authors=article_authors(placements),
        outlet=credited_outlet(placements),
        date_candidates=date_candidates(_dated_pieces(placements), body),
        captions=tuple(p.line.text for p in placements if p.role == "caption"),
        removed=removed_blocks(placements),
        format="text",
    )


def place_units(lines: Sequence[Line], document: RawDocument, context: BatchContext) -> list[Placement]:
    """Decide for every unit of a page where it goes, and why."""
    repeated = batch_repeated(lines, document, context)
    kinds = settle_snippets(lines, [line_kind(line, verdict) for line, verdict in zip(lines, repeated)])
    on_page = page_repeated(lines)
    start, end = best_segment([unit_score(line, kind, again) for line, kind, again in zip(lines, kinds, on_page)])
    end = article_end(lines, kinds, start, end)
    if start >= end:
        start = end = len(lines)
    body_words: set[str] = set()
    for index in range(start, end):
        if kinds[index] == "prose":
            body_words |= content_stems(lines[index].text)
    title = _title_index(lines, kinds, start, body_words)
    standfirst = _standfirst_index(lines, kinds, title, start, end)
    core = core_vocabulary([lines[i].text for i in range(start, end) if kinds[i] == "prose"])
    if start < end:
        end = resumed_end(lines, kinds, end, core)
    placements = _head(lines, kinds, repeated, start, title, standfirst)
    placements += _body(lines, kinds, repeated, start, end, standfirst, core)
    placements += _tail(lines, kinds, repeated, on_page, end, core)
    return placements


def _title_index(lines: Sequence[Line], kinds: Sequence[str], start: int, body_words: set[str]) -> int | None:
    """The headline of the article: the first headline-shaped unit before the body that is on its subject.

    Site names, section kickers and sub-headlines sit next to the title too;
    the title is the first on the body's subject (the kicker and site name
    share few of its words; the sub-headline comes after the title). When none
    is, the one sharing most of the body's words, or else the longest.
    """
    candidates = [
        index
        for index in range(start)
        if kinds[index] in ("heading", "headline")
        and TITLE_MIN_WORDS <= lines[index].shape.word_count <= TITLE_MAX_WORDS
    ]
    overlaps = {index: vocabulary_overlap(lines[index].text, body_words) for index in candidates}
    on_subject = [index for index in candidates if overlaps[index] >= TITLE_MIN_OVERLAP]
    if on_subject:
        return on_subject[0]
    return max(candidates, key=lambda index: (overlaps[index], lines[index].shape.word_count), default=None)


def _standfirst_index(
    lines: Sequence[Line], kinds: Sequence[str], title: int | None, start: int, end: int
) -> int | None:
    """The one-sentence deck after the title, if the page has one."""
    if title is None:
        return None
    for index in range(title + 1, end):
        if kinds[index] in _META_KINDS or kinds[index] in ("caption", "ui", "share", "advert"):
            continue
        opens_body = index >= start
        if not opens_body and _is_subheadline(lines[index], kinds[index]):
            return index  # "Red Sox extend offer" / "Boston looks to ink slugger for eight years"
        # Before the body (under the title, above the date line) any prose is
        # the deck; where it opens the body it must read as one.
        if kinds[index] != "prose" or (opens_body and not _reads_as_deck(lines[index])):
            return None
        has_body_after = any(kinds[i] == "prose" for i in range(index + 1, end))
        return index if (has_body_after or not opens_body) else None
    return None


def _is_subheadline(line: Line, kind: str) -> bool:
    return kind in ("heading", "headline") and TITLE_MIN_WORDS <= line.shape.word_count <= TITLE_MAX_WORDS


def _reads_as_deck(line: Line) -> bool:
    # A deck is one short sentence without the dateline, time words and
    # attribution that open a news lede.
    text = line.text
    return (
        line.shape.sentences == 1
        and line.shape.word_count <= STANDFIRST_MAX_WORDS
        and not _DATELINE.match(text)
        and not _TIME_WORDS.search(text)
        and not _ATTRIBUTION.search(text)
    )


def _head(
    lines: Sequence[Line],
    kinds: Sequence[str],
    repeated: Sequence[str],
    start: int,
    title: int | None,
    standfirst: int | None,
) -> list[Placement]:
    placements = []
    groups = _meta_groups(kinds, 0, start)
    for index in range(start):
        kind = kinds[index]
        if index == title:
            role, reason = "title", ""
        elif index == standfirst:
            role, reason = "standfirst", ""
        elif kind == "caption" or (kind in ("prose", "short") and _next_to_caption(kinds, index, start)):
            role, reason = "caption", REASONS["caption"]
        elif kind in ("heading", "headline") and title is not None and index < title:
            role, reason = "removed", KICKER_REASON
        elif index in groups:
            role, reason = "removed", groups[index]
        else:
            role, reason = "removed", _reason(kind, repeated[index], "before the article")
        placements.append(Placement(lines[index], kind, "head", role, reason))
    return placements


def _next_to_caption(kinds: Sequence[str], index: int, limit: int) -> bool:
    # An image's alt text sits right before or after its credited caption.
    return (index > 0 and kinds[index - 1] == "caption") or (index + 1 < limit and kinds[index + 1] == "caption")


def _body(
    lines: Sequence[Line],
    kinds: Sequence[str],
    repeated: Sequence[str],
    start: int,
    end: int,
    standfirst: int | None,
    core: set[str],
) -> list[Placement]:
    placements = []
    groups = _meta_groups(kinds, start, end)
    for index in range(start, end):
        kind, line = kinds[index], lines[index]
        if index == standfirst:
            role, reason = "standfirst", ""
        elif kind in BODY_KINDS:
            role, reason = "text", ""
        elif kind == "headline" and vocabulary_overlap(line.text, core) >= DRIFT_MIN_OVERLAP:
            role, reason = "text", ""  # a long subhead on the article's own subject
        elif kind == "repeated" and _introduces_prose(lines, kinds, index, end):
            role, reason = "text", ""  # a template subhead ("Conclusion") still structures the body
        elif kind == "caption":
            role, reason = "caption", REASONS["caption"]
        elif index in groups:
            role, reason = "removed", groups[index]
        else:
            role, reason = "removed", _reason(kind, repeated[index], "inside the article")
        placements.append(Placement(line, kind, "body", role, reason))
    return placements


def _introduces_prose(lines: Sequence[Line], kinds: Sequence[str], index: int, end: int) -> bool:
    shape = lines[index].shape
    return not shape.ends_sentence and shape.word_count <= 6 and index + 1 < end and kinds[index + 1] == "prose"


def _tail(
    lines: Sequence[Line],
    kinds: Sequence[str],
    repeated: Sequence[str],
    on_page: Sequence[bool],
    end: int,
    core: set[str],
) -> list[Placement]:
    items = [i for i in range(end, len(lines)) if _is_list_item(lines[i], kinds[i], on_page[i])]
    item_set = frozenset(items)
    story_list = len(items) >= STORY_LIST_MIN_ITEMS
    linked = story_list and any(kinds[i] == "snippet" and _SOURCED_TEASER.search(lines[i].text) for i in items)
    list_reason = LINKED_STORIES_REASON if linked else STORY_LIST_REASON
    list_start = items[0] if story_list else len(lines)
    groups = _meta_groups(kinds, end, len(lines), listed=story_list)
    placements = []
    for index in range(end, len(lines)):
        kind, line = kinds[index], lines[index]
        if kind == "caption":
            role, reason = "caption", REASONS["caption"]
        elif index in groups:
            role, reason = "removed", groups[index]
        elif kind == "ui" and index + 1 < len(lines) and kinds[index + 1] == "bio":
            role, reason = "removed", REASONS["bio"]  # the bio's "author picture" placeholder
        elif story_list and index >= list_start - 1 and _belongs_to_list(kinds, index, item_set):
            role, reason = "removed", list_reason
        elif kind in ("prose", "short", "bullet"):
            drifted = vocabulary_overlap(line.text, core) < DRIFT_MIN_OVERLAP
            role, reason = "removed", OFF_TOPIC_REASON if drifted else AFTER_END_REASON
        else:
            role, reason = "removed", _reason(kind, repeated[index], "after the article end")
        placements.append(Placement(line, kind, "tail", role, reason))
    return placements


def _belongs_to_list(kinds: Sequence[str], index: int, items: frozenset[int]) -> bool:
    # Interface text belongs to the list only as its heading ("Most read").
    if kinds[index] == "ui":
        return index + 1 in items
    return kinds[index] in ("heading", "headline", "snippet", "prose", "short", "bullet", "repeated")


def _is_list_item(line: Line, kind: str, repeated_on_page: bool) -> bool:
    """A headline-like entry of a list of other stories."""
    listed = kind in ("headline", "snippet") or (kind in ("heading", "bullet") and line.shape.word_count >= LIST_ITEM_MIN_WORDS)
    return listed or repeated_on_page


def _meta_groups(kinds: Sequence[str], start: int, end: int, listed: bool = False) -> dict[int, str]:
    """Runs of byline / date / counter units, labelled as one block."""
    reasons: dict[int, str] = {}
    index = start
    while index < end:
        if kinds[index] not in _META_KINDS:
            index += 1
            continue
        run_end = index
        while run_end < end and kinds[run_end] in _META_KINDS:
            run_end += 1
        run = kinds[index:run_end]
        if "counter" in run and len(run) > 1:
            reason = COUNTER_BYLINE_REASON
        elif listed:
            reason = LISTED_BYLINE_REASON
        elif run_end - index > 1:
            reason = "byline and date line"
        else:
            reason = REASONS[run[0]]
        for position in range(index, run_end):
            reasons[position] = reason
        index = run_end
    return reasons


def _reason(kind: str, repeated: str, where: str) -> str:
    if kind == "repeated":
        return REASONS["repeated"] if repeated == "site" else BATCH_REPEATED_REASON
    reason = REASONS.get(kind, "text")
    return f"{reason} {where}" if kind in POSITIONAL_KINDS else reason


def removed_blocks(placements: Sequence[Placement]) -> tuple[RemovedBlock, ...]:
    """Consecutive removed units with the same reason, as one block each."""
    groups: list[tuple[str, list[str]]] = []
    previous: Placement | None = None
    for placement in placements:
        if placement.role not in ("removed", "caption"):
            previous = None
            continue
        if previous is not None and previous.reason == placement.reason:
            groups[-1][1].append(placement.line.text)
        else:
            groups.append((placement.reason, [placement.line.text]))
        previous = placement
    return tuple(RemovedBlock("\n".join(texts), reason) for reason, texts in groups)


def article_authors(placements: Sequence[Placement]) -> tuple[str, ...]:
    """Authors named by a byline before or in the article, a "Reporting by" credit, or an author bio."""
    names: list[str] = []
    for placement in placements:
        text = placement.line.text.lstrip("•·▪●◦‣∙*►▸➤→-–— ")
        if placement.kind == "byline" and placement.reason not in (COUNTER_BYLINE_REASON, LISTED_BYLINE_REASON):
            match = _BYLINE_NAMES.match(text)
            names += person_names(match.group("names")) if match else []
        elif placement.kind == "credit":
            match = _REPORTING_NAMES.search(text)
            names += person_names(match.group("names")) if match else []
        elif placement.kind == "bio":
            match = _BIO_NAME.match(text)
            names += person_names(match.group("name")) if match else []
    return tuple(dict.fromkeys(names))


def person_names(text: str) -> list[str]:
    """The personal names in a byline's name list ("Jane Doe and John Roe, Reuters")."""
    names = []
    for piece in _NAME_SEPARATOR.split(text):
        piece = re.sub(r"\s+in\s+[A-Z].*$", "", piece.strip(" .:"))
        if _PERSON.match(piece) and not _NOT_A_NAME.search(piece):
            names.append(piece)
    return names


def credited_outlet(placements: Sequence[Placement]) -> str | None:
    """The outlet named by a "Source: X" credit line, if the page has one."""
    for placement in placements:
        if placement.kind != "credit" or _REPORTING_NAMES.search(placement.line.text):
            continue
        source = _CREDIT_SOURCE.match(placement.line.text)
        name = _SOURCE_SEPARATOR.split(source.group("source"))[0].strip(" .:") if source else ""
        if name[:1].isupper():
            return name
    return None


def _first(placements: Sequence[Placement], role: str) -> str | None:
    return next((p.line.text for p in placements if p.role == role), None)


def _dated_pieces(placements: Sequence[Placement]) -> list[DatedText]:
    """Page text that may carry a publication date, labelled by where it sits."""
    pieces = []
    first_body = next((p for p in placements if p.role == "text"), None)
    dateline = _DATELINE_WITH_DATE.match(first_body.line.text[:DATELINE_SPAN]) if first_body else None
    if dateline:
        pieces.append(DatedText(dateline.group(0), "dateline"))
    for placement in placements:
        if placement.role == "caption":
            pieces.append(DatedText(placement.line.text, "caption"))
        elif placement.role != "removed":
            continue
        elif placement.zone == "head" and placement.kind in _META_KINDS | {"ui", "credit"}:
            pieces.append(DatedText(placement.line.text, "head"))
        elif placement.zone == "tail" and placement.kind == "date" and placement.reason == REASONS["date"]:
            pieces.append(DatedText(placement.line.text, "tail"))
        else:
            pieces.append(DatedText(placement.line.text, "chrome", _chrome_context(placement.reason)))
    return pieces


def _chrome_context(reason: str) -> str:
    if reason in (COUNTER_BYLINE_REASON, LISTED_BYLINE_REASON, STORY_LIST_REASON, LINKED_STORIES_REASON):
        return f"a related-stories list ({reason})"
    return f"removed text ({reason})"


def extract_supplied_text(document: RawDocument, context: BatchContext) -> Article:
    """Article whose body text was supplied as such (a JSON Lines ``text`` field).

    The producer of such a record has already extracted the article, and its
    lines are not page chrome: running the boilerplate remover on them drops
    real sentences (on ECB+ records it cut short lead lines as "headings").
    So every line is kept; we only normalize whitespace and paragraph breaks:
    blank lines separate paragraphs, or every line break does when the text
    has no blank lines. A date line among the first paragraphs (or the last)
    is still evidence of the publication date, as on a scraped page: a third
    of ECB+'s records carry one ("May 03, 2013" under the headline).
    """
    content = document.content.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = re.split(r"\n\s*\n", content) if re.search(r"\n\s*\n", content) else content.split("\n")
    paragraphs = [paragraph for block in blocks if (paragraph := " ".join(block.split()))]
    body = "\n\n".join(paragraphs)
    return Article(
        id="",
        input=document.input,
        text=body,
        format="text",
        date_candidates=date_candidates(_supplied_dated_pieces(paragraphs), body),
    )


def _supplied_dated_pieces(paragraphs: Sequence[str]) -> list[DatedText]:
    """Date lines near the top or at the end of a supplied text (kept in the text too)."""
    pieces = []
    for index, paragraph in enumerate(paragraphs):
        if not is_date_line(paragraph):
            continue
        if index < SUPPLIED_TOP_PARAGRAPHS:
            pieces.append(DatedText(paragraph, "top"))
        elif index >= len(paragraphs) - SUPPLIED_END_PARAGRAPHS:
            pieces.append(DatedText(paragraph, "tail"))
    return pieces
