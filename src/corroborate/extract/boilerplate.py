"""Boilerplate detection for pre-scraped plain-text pages.

Why our own: trafilatura, jusText, readability and boilerpy3 all work on HTML
markup (tags, link density, DOM depth). A page that was already scraped to
plain text has lost every one of those signals, so none of them applies; what
is left is the shape of each line, its position, and repetition. This module
decides, per unit of a page (see :mod:`.textlines`):

1. its *kind* from the unit alone: prose, heading, bullet, or one of the
   chrome kinds (interface text, subscribe box, cookie notice, share buttons,
   byline, date line, view counter, credit line, image caption, author bio,
   web address, truncated snippet) -- from sentence punctuation, length, capitalisation,
   function words, bullets and a small list of generic web-interface words;
2. repetition: a unit seen on other pages of the same site, or (for short
   non-prose units) on several pages of the batch, is template text
   (:class:`BatchContext`); a unit repeated inside the page is a list item;
3. the *body*: the contiguous stretch with the highest total prose score
   (each unit scores + for prose, - for chrome; a maximum-sum segment, as in
   Finn et al.'s Body Text Extraction, linear in the page length);
4. the *article end*: inside that stretch, a run of chrome followed only by
   text that barely shares the article's own vocabulary ends the article.

Thresholds were set on the bundled example pages and the fixtures in
``tests/extract/fixtures`` (pages of other layouts written for that purpose).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from corroborate.extract.textdates import is_date_line
from corroborate.extract.textlines import END_SCAN_CHARS, STOPWORDS, Line, LineShape, is_address, page_lines
from corroborate.model import RawDocument

#: A sentence needs this many words to count as prose; shorter sentences
#: ("Conclusion.") are kept inside the body but do not start one.
PROSE_MIN_WORDS = 4
#: Units longer than this are never interface chrome (the longest chrome
#: unit of the example pages, an author bio, has ~300 characters).
CHROME_MAX_CHARS = 1000
#: A unit ending in a colon with this many words introduces a list or quote.
INTRODUCTION_MIN_WORDS = 8
#: An unpunctuated unit this long is a paragraph that lost its final stop
#: (the longest headline among the example pages has 31 words).
LONG_UNPUNCTUATED_WORDS = 40
#: Units at most this long without a final stop are headings; longer ones
#: read as headlines of other stories (example subheads have <= 5 words,
#: the example pages' headlines 10-31).
HEADING_MAX_WORDS = 12
#: A unit in Title Case (this share of its content words after the first
#: capitalised, at least ``HEADLINE_CASE_MIN_WORDS`` of them) is a headline
#: even when it ends in "?" or "!" (all of them when it ends in a full stop:
#: a sentence full of names, "The Academy of Motion Picture Arts and Sciences
#: announced Friday that Hugh Jackman ...", reaches 0.8 in the ECB+ pages).
HEADLINE_CASE_MIN_SHARE = 0.8
HEADLINE_CASE_MIN_WORDS = 3
HEADLINE_CASE_MAX_WORDS = 30
#: Interface text is short: "Sign Up Now", "Read More", "Share this article".
UI_MAX_WORDS = 8
#: Share of a short unit's words that must be interface words.
UI_MIN_SHARE = 0.5
#: A navigation menu: at least this many short items on one line.
MENU_MIN_ITEMS = 4
MENU_ITEM_MAX_WORDS = 3
#: A byline ("By Jane Doe, Reuters | March 3, 2025") or credit line has at
#: most this many words.
BYLINE_MAX_WORDS = 15
CREDIT_MAX_WORDS = 14
#: Only lines up to this long are counted across the batch: template lines are
#: short, and skipping long ones keeps the batch index small.
MAX_REPEAT_LINE_CHARS = 300
#: A page sharing more than this share of its paragraphs with other pages is a
#: copy of another page (syndication), not a template: repetition is ignored.
NEAR_DUPLICATE_SHARE = 0.5
#: Short non-prose units seen on this many other pages of an unknown-site
#: batch are template text; one other page suffices within a known site.
BATCH_REPEAT_MIN_OTHERS = 2
SITE_REPEAT_MIN_OTHERS = 1
#: Repeated prose counts as template text only within one site and only when
#: this long (a shared one-line quote between two stories is not template).
REPEATED_PROSE_MIN_WORDS = 8

#: Body scores. Prose scores by length so one long paragraph outweighs a
#: heading; chrome scores negative; a heading costs less than chrome so a
#: subhead between paragraphs stays inside the body.
PROSE_BASE_SCORE = 1.0
PROSE_WORDS_PER_POINT = 20
PROSE_MAX_WORDS_SCORED = 80
KIND_SCORES = {
    "short": -0.2,
    "bullet": 0.3,
    "heading": -0.5,
    "headline": -1.0,
    "repeated": -2.0,
    "bio": -3.0,
}
CHROME_SCORE = -1.5
PAGE_REPEAT_PENALTY = -1.0

#: Article end: a run of at least this many chrome units inside the body, or
#: one strong end marker, followed by text sharing less than
#: ``DRIFT_MIN_OVERLAP`` of its content words with the article's vocabulary.
#: 0.2: the author bio and subscribe text of the example pages share <= 0.15,
#: real closing paragraphs of the examples >= 0.3.
END_RUN_MIN_UNITS = 2
DRIFT_MIN_OVERLAP = 0.2
#: "Near the end": the text after the run has at most this share of the
#: prose words before it (a newsletter box mid-article is followed by more).
END_TAIL_SHARE = 0.3
#: The article's vocabulary: content words in at least this many prose units
#: (all its content words when it has fewer than ``CORE_MIN_PARAGRAPHS``).
CORE_MIN_UNITS = 2
CORE_MIN_PARAGRAPHS = 5
#: At most this many candidate end runs are examined (keeps long pages linear).
MAX_END_CHECKS = 20

#: A closing paragraph after at most this many interface lines, sharing at
#: least this share of its words with the article, still belongs to it.
#: Stricter than ``DRIFT_MIN_OVERLAP``: it must earn its way back in.
RESUME_MAX_GAP = 2
RESUME_MIN_OVERLAP = 0.3
RESUMABLE_KINDS = frozenset({"ui", "advert", "share", "caption"})

#: Kinds that belong in the body when they fall inside it.
BODY_KINDS = frozenset({"prose", "short", "bullet", "heading"})
#: Chrome kinds that mark the end of an article on their own.
END_MARKER_KINDS = frozenset({"bio", "subscribe", "credit"})

_BYLINE = re.compile(r"^(?:by|written by|words by|story by|posted by|published by)\s+(?P<names>\S.*)$", re.IGNORECASE)
_REPORTING_BY = re.compile(r"^\(?\s*(?:additional\s+)?reporting\s+by\s+(?P<names>[^;)]+)", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(?:sources?|via|credits?|courtesy(?:\s+of)?|originally\s+published\s+(?:by|on|in|at)"
    r"|this\s+(?:article|story)\s+(?:was\s+)?(?:first\s+|originally\s+)?(?:appeared|published)\s+(?:in|on|at|by))"
    r"\s*[:：\-–—]?\s*(?P<source>[^:\s].*)$",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(
    r"\((?:[^()]{2,80}/[^()]{2,80}|(?:photo|image|picture|photograph|file|credit|courtesy)[^()]*)\)\s*$"
    r"|^(?:photo|image|picture|photograph|illustration|credit|caption|pictured)(?:\s+credit)?\s*[:：]"
    r"|getty images|shutterstock|\bap photo\b|\bafp photo\b|/(?:afp|reuters|ap|epa)\b",
    re.IGNORECASE,
)
_COUNTER = re.compile(
    r"^(?:[\d.,]+\s*[km]?\s+(?:views?|reads?|comments?|shares?|likes?|reactions?|min(?:ute)?s?(?:\s+read)?)"
    r"|(?:views?|comments?|shares?|likes?)\s*:?\s*[\d.,]+\s*[km]?|reading time\b.*)$",
    re.IGNORECASE,
)
#: "Matthew Adams covers ...": a personal name (not "The International
#: Maritime Bureau"), then a verb saying what the writer does or did ("has
#: covered", not a news lede's "has asked").
_BIO = re.compile(
    r"^(?!(?:The|A|An|This|That|These|Those|Its|Our|Their|His|Her)\s)(?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'.-]+\s+"
    r"(?:is|was|covers|writes|reports|joined|edits|leads|serves|specializes"
    r"|has\s+(?:been|covered|reported|written|worked|spent|contributed|edited))\b"
)
_BIO_ROLE = re.compile(
    r"\b(?:reporter|correspondent|journalist|editor|writer|columnist|contributor|covers|covering|reporting"
    r"|bureau|freelance|based in|staff writer)\b",
    re.IGNORECASE,
)
_IMPERATIVE_UI = re.compile(
    r"^(?:sign|subscribe|get|join|follow|click|tap|download|read|watch|listen|share|enter|accept|register"
    r"|log|never miss|don[’']t miss|support|create|manage)\b",
    re.IGNORECASE,
)
_SUBSCRIBE = re.compile(r"\b(?:subscri\w+|newsletters?|sign(?:-| )?up|inbox|e-?mail)\b", re.IGNORECASE)
_FOOTER = re.compile(r"©|\bcopyright\b|all rights reserved", re.IGNORECASE)
_LABEL_PREFIX = re.compile(r"^(?P<label>[^:]{2,30}):\s*(?P<rest>\S.*)$")
_COOKIE = re.compile(r"\b(?:cookies?|consent)\b", re.IGNORECASE)
_SHARE = re.compile(r"\b(?:share|tweet|facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest|copy link)\b", re.IGNORECASE)
_ADVERT = re.compile(r"\b(?:advertisement|advert|sponsored|ad)\b", re.IGNORECASE)
_MENU_SEPARATOR = re.compile(r"\s*[|•·»›]\s*|\s+/\s+")
_EXCLAIMS_OR_ASKS = re.compile(r"[!?][^\w]*$")
_CUT_AT_COMMA = re.compile(r",(?:\s?[\"”’'])?$")
_CONTENT_WORD = re.compile(r"[a-z][a-z’'-]{2,}")


@dataclass(frozen=True)
class BatchContext:
    """What the whole batch tells about each line: on how many pages it appears.

    Counts are kept per site (from the ``url`` or ``outlet`` hint) and for the
    whole batch, over each page's distinct units; a template line of a site
    (its bio box, its newsletter pitch) shows up on every page of the site.
    """

    documents: int = 0
    site_lines: dict[tuple[str, str], int] = field(default_factory=dict)
    batch_lines: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_documents(cls, documents: Sequence[RawDocument]) -> BatchContext:
        """Count every short line of every plain-text page of the batch."""
        site_lines: Counter[tuple[str, str]] = Counter()
        batch_lines: Counter[str] = Counter()
        for document in documents:
            if document.format != "text":
                continue
            site = site_of(document)
            for text in {line.text for line in page_lines(document.content) if len(line.text) <= MAX_REPEAT_LINE_CHARS}:
                batch_lines[text] += 1
                if site:
                    site_lines[(site, text)] += 1
        return cls(documents=len(documents), site_lines=dict(site_lines), batch_lines=dict(batch_lines))

    def other_pages(self, document: RawDocument, text: str) -> tuple[int, int]:
        """On how many *other* pages ``text`` appears: ``(same site, whole batch)``."""
        site = site_of(document)
        same_site = max(0, self.site_lines.get((site, text), 0) - 1) if site else 0
        return same_site, max(0, self.batch_lines.get(text, 0) - 1)


def site_of(document: RawDocument) -> str:
    """The site a page comes from (host name or outlet hint), or "" when unknown."""
    url = document.hints.get("url")
    if isinstance(url, str) and url:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
        return host.removeprefix("www.")
    outlet = document.hints.get("outlet")
    return outlet.strip().lower() if isinstance(outlet, str) else ""


def batch_repeated(lines: Sequence[Line], document: RawDocument, context: BatchContext) -> list[str]:
    """Per unit: "site" or "batch" when it is template text repeated on other pages, else ""."""
    counts = [context.other_pages(document, line.text) for line in lines]
    prose = [batch for line, (_, batch) in zip(lines, counts) if _is_paragraph(line)]
    if not lines or sum(1 for batch in prose if batch) > NEAR_DUPLICATE_SHARE * len(prose):
        return [""] * len(lines)
    verdicts = []
    for line, (same_site, batch) in zip(lines, counts):
        prose = line.shape.ends_sentence and line.shape.word_count >= PROSE_MIN_WORDS
        if same_site >= SITE_REPEAT_MIN_OTHERS and (not prose or line.shape.word_count >= REPEATED_PROSE_MIN_WORDS):
            verdicts.append("site")
        elif batch >= BATCH_REPEAT_MIN_OTHERS and not prose:
            verdicts.append("batch")
        else:
            verdicts.append("")
    return verdicts


def _is_paragraph(line: Line) -> bool:
    return line.shape.ends_sentence and line.shape.word_count >= REPEATED_PROSE_MIN_WORDS


def page_repeated(lines: Sequence[Line]) -> list[bool]:
    """Per unit: True when the same text occurs more than once on the page."""
    counts = Counter(line.text for line in lines)
    return [counts[line.text] > 1 and line.shape.word_count >= 3 for line in lines]


def line_kind(line: Line, repeated: str = "") -> str:
    """What one unit is, from its text alone (plus its batch repetition verdict)."""
    shape = line.shape
    text = line.text
    bare = text.lstrip("•·▪●◦‣∙*►▸➤→-–— ")
    words = shape.word_count
    if words == 0:
        return "ui"
    if is_address(text):
        return "address"
    if len(text) > CHROME_MAX_CHARS:
        return _long_text_kind(line, repeated)
    if _PHOTO_CREDIT.search(text) and not _BYLINE.match(bare):
        return "caption"
    if words <= CREDIT_MAX_WORDS and (_REPORTING_BY.match(bare) or (_CREDIT.match(bare) and not shape.ends_sentence)):
        return "credit"
    if _COUNTER.match(bare):
        return "counter"
    if words <= BYLINE_MAX_WORDS and _BYLINE.match(bare) and not shape.ends_sentence:
        return "byline"
    if is_date_line(bare):
        return "date"
    if shape.truncated:
        return "snippet"
    chrome = _chrome_kind(text, shape)
    if chrome:
        return chrome
    if _BIO.match(bare) and _BIO_ROLE.search(text) and shape.ends_sentence:
        return "bio"
    if repeated:
        return "repeated"
    return _text_kind(line)


def settle_snippets(lines: Sequence[Line], kinds: Sequence[str]) -> list[str]:
    """Kinds with the author's own trailing ellipses read as text, not as teasers.

    A unit ending in "..." is a teaser of another story when it sits in a
    list of links: under a headline, or away from the article's prose and off
    its vocabulary. Inside running prose (prose on both sides), or next to it
    and on its vocabulary, the ellipsis is the writer's ("... at least eight
    years...") or the page was cut off mid-sentence, and the unit is text. So
    is a cut-off paragraph on a page with no other prose at all.
    """
    settled = list(kinds)
    snippets = [index for index, kind in enumerate(kinds) if kind == "snippet"]
    if not snippets:
        return settled
    core = core_vocabulary([line.text for line, kind in zip(lines, kinds) if kind == "prose"])
    above_units = _nearest_non_snippet(kinds)
    below_units = [len(kinds) - 1 - unit for unit in _nearest_non_snippet(kinds[::-1])[::-1]]
    for index in snippets:
        above = kinds[above_units[index]] if above_units[index] >= 0 else ""
        below = kinds[below_units[index]] if below_units[index] < len(kinds) else ""
        introduced = bool(above) and lines[above_units[index]].text.endswith(":")  # "He said:"
        if above in ("heading", "headline") and not introduced and core:
            continue  # a teaser under its own headline
        in_prose = (above == "prose" or introduced) and below in ("prose", "short")
        beside_prose = "prose" in (above, below) and vocabulary_overlap(lines[index].text, core) >= DRIFT_MIN_OVERLAP
        # One cut-off line right after the last paragraph ends the page: the
        # scrape stopped mid-sentence, or the writer trailed off.
        last_words = index == len(kinds) - 1 and index > 0 and kinds[index - 1] == "prose"
        if in_prose or beside_prose or last_words or not core:
            settled[index] = "prose" if lines[index].shape.word_count >= PROSE_MIN_WORDS else "short"
    return settled


def _nearest_non_snippet(kinds: Sequence[str]) -> list[int]:
    """Per unit, the index of the nearest earlier unit that is not a snippet (-1 at the page top)."""
    nearest, last = [], -1
    for index, kind in enumerate(kinds):
        nearest.append(last)
        if kind != "snippet":
            last = index
    return nearest


def _long_text_kind(line: Line, repeated: str) -> str:
    """Kind of a unit too long to be chrome: a bio, template text, or prose."""
    if _BIO.match(line.text) and _BIO_ROLE.search(line.text[:CHROME_MAX_CHARS]) and line.shape.ends_sentence:
        return "bio"
    return "repeated" if repeated else _text_kind(line)


def _chrome_kind(text: str, shape: LineShape) -> str:
    """Interface kinds: subscribe box, cookie notice, share buttons, adverts, menus."""
    short = shape.word_count <= UI_MAX_WORDS and not shape.ends_sentence
    mostly_ui = short and shape.ui_share >= UI_MIN_SHARE
    addressed = shape.second_person or bool(_IMPERATIVE_UI.match(text))
    pitch = addressed and shape.ui_hits >= 2
    if _COOKIE.search(text) and (mostly_ui or addressed):
        return "cookie"
    subscribe = len(_SUBSCRIBE.findall(text))
    share = len(_SHARE.findall(text))
    if subscribe and subscribe >= share and (mostly_ui or addressed):
        return "subscribe"
    if _ADVERT.search(text) and mostly_ui:
        return "advert"
    if share and (mostly_ui or pitch):
        return "share"
    if mostly_ui or pitch or _is_menu(text, shape) or _is_link_label(text) or (shape.word_count <= UI_MAX_WORDS and _FOOTER.search(text)):
        return "ui"
    return ""


def _is_link_label(text: str) -> bool:
    # "READ MORE: Ceasefire talks stall in Cairo" -- an interface label
    # introducing a link to another story.
    match = _LABEL_PREFIX.match(text)
    if not match:
        return False
    label = LineShape.of(match.group("label"))
    return label.ui_share >= UI_MIN_SHARE and not LineShape.of(match.group("rest")).ends_sentence


def _is_menu(text: str, shape: LineShape) -> bool:
    items = [item for item in _MENU_SEPARATOR.split(text) if item.strip()]
    if len(items) >= MENU_MIN_ITEMS and all(len(item.split()) <= MENU_ITEM_MAX_WORDS for item in items):
        return True
    # "Home World Politics Video Sport": capitalised words, no function words.
    return (
        shape.word_count > MENU_MIN_ITEMS
        and shape.capitalized_share == 1.0
        and shape.stopword_share == 0.0
        and shape.ui_hits > 0
        and not shape.ends_sentence
    )


def _text_kind(line: Line) -> str:
    shape = line.shape
    words = shape.word_count
    # "The statement listed three steps:" introduces a list or a quote.
    introduces = line.text.endswith(":") and words >= INTRODUCTION_MIN_WORDS
    # 'the gun that could have taken your baby girl away from you,"' -- a long
    # sentence cut at a comma (a quote before its attribution, a paragraph the
    # scrape cut off) is no headline: headlines do not end in commas.
    cut_clause = _CUT_AT_COMMA.search(line.text[-END_SCAN_CHARS:]) is not None and words >= INTRODUCTION_MIN_WORDS
    if shape.ends_sentence and words <= HEADLINE_CASE_MAX_WORDS and _headline_cased(line):
        # "Herald: Sox Make Offer To Teixeira (8 Years?)"
        return "heading" if words <= HEADING_MAX_WORDS else "headline"
    if shape.ends_sentence or introduces or cut_clause:
        if words >= PROSE_MIN_WORDS:
            return "prose"
        return "short"
    if words >= LONG_UNPUNCTUATED_WORDS and shape.stopword_share > 0:
        return "prose"
    if shape.bullet:
        return "bullet"
    return "heading" if words <= HEADING_MAX_WORDS else "headline"


def _headline_cased(line: Line) -> bool:
    """Title Case: nearly every word but the function words is capitalised (every one before a full stop)."""
    content = [word for word in line.shape.words[1:] if word[0].isalpha() and word.lower() not in STOPWORDS]
    capitalized = sum(1 for word in content if word[0].isupper())
    share = HEADLINE_CASE_MIN_SHARE if _EXCLAIMS_OR_ASKS.search(line.text[-END_SCAN_CHARS:]) else 1.0
    return len(content) >= HEADLINE_CASE_MIN_WORDS and capitalized >= share * len(content)


def unit_score(line: Line, kind: str, repeated_on_page: bool) -> float:
    """How much a unit speaks for being inside the article body."""
    if kind == "prose":
        words = min(line.shape.word_count, PROSE_MAX_WORDS_SCORED)
        return PROSE_BASE_SCORE + words / PROSE_WORDS_PER_POINT
    score = KIND_SCORES.get(kind, CHROME_SCORE)
    return score + (PAGE_REPEAT_PENALTY if repeated_on_page else 0.0)


def best_segment(scores: Sequence[float]) -> tuple[int, int]:
    """The ``(start, end)`` slice with the highest total score (empty if none is positive)."""
    best_total, best = 0.0, (0, 0)
    total, start = 0.0, 0
    for position, score in enumerate(scores):
        if total <= 0:
            total, start = score, position
        else:
            total += score
        if total > best_total:
            best_total, best = total, (start, position + 1)
    return best


def content_stems(text: str) -> frozenset[str]:
    """Content words of ``text``, lower-cased, with plural and possessive endings cut."""
    stems = {_stem(word) for word in _CONTENT_WORD.findall(text.lower())}
    stems.discard("")
    return frozenset(stems)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    stem = word.replace("’", "'").removesuffix("'s")
    if stem in STOPWORDS:
        return ""
    if len(stem) > 4 and stem.endswith("s") and not stem.endswith("ss"):
        return stem[:-1]
    return stem


def core_vocabulary(texts: Sequence[str]) -> set[str]:
    """The article's own vocabulary: content words used in several of its paragraphs."""
    frequency: Counter[str] = Counter()
    for text in texts:
        frequency.update(content_stems(text))
    return _core(frequency, len(texts))


def _core(frequency: Counter[str], paragraphs: int) -> set[str]:
    needed = CORE_MIN_UNITS if paragraphs >= CORE_MIN_PARAGRAPHS else 1
    return {stem for stem, count in frequency.items() if count >= needed}


def vocabulary_overlap(text: str, core: set[str]) -> float:
    """Share of the content words of ``text`` that belong to the article's vocabulary."""
    stems = content_stems(text)
    return len(stems & core) / len(stems) if stems else 0.0


def article_end(lines: Sequence[Line], kinds: Sequence[str], start: int, end: int) -> int:
    """Where the article really ends inside the body segment ``[start, end)``.

    A run of chrome (or one bio, subscribe box or credit line) in the second
    half of the segment ends the article when the prose after it barely shares
    the vocabulary of the prose before it.
    """
    prose_words = [0]
    for position in range(start, end):
        words = lines[position].shape.word_count if kinds[position] == "prose" else 0
        prose_words.append(prose_words[-1] + words)
    checks = 0
    position = start
    seen: Counter[str] = Counter()  # stems of the prose before ``position``
    paragraphs = 0
    while position < end and checks < MAX_END_CHECKS:
        if kinds[position] in BODY_KINDS:
            if kinds[position] == "prose":
                seen.update(content_stems(lines[position].text))
                paragraphs += 1
            position += 1
            continue
        run_end = position
        while run_end < end and kinds[run_end] not in BODY_KINDS:
            run_end += 1
        strong = any(kinds[index] in END_MARKER_KINDS for index in range(position, run_end))
        before = prose_words[position - start]
        after = prose_words[end - start] - prose_words[run_end - start]
        if (strong or run_end - position >= END_RUN_MIN_UNITS) and after <= END_TAIL_SHARE * before:
            checks += 1
            if _drifts(lines, kinds, _core(seen, paragraphs), run_end, end):
                return position
        position = run_end
    return end


def resumed_end(lines: Sequence[Line], kinds: Sequence[str], end: int, core: set[str]) -> int:
    """Move the article end past lone ads or link labels followed by more of the article.

    The maximum-sum segment stops before a short closing paragraph that sits
    after an "Advertisement" line; such a paragraph is taken back when it is
    on the article's own vocabulary.
    """
    while end < len(lines):
        position = end
        while position < len(lines) and position - end < RESUME_MAX_GAP and kinds[position] in RESUMABLE_KINDS:
            position += 1
        if position == end or position >= len(lines) or kinds[position] != "prose":
            return end
        if vocabulary_overlap(lines[position].text, core) < RESUME_MIN_OVERLAP:
            return end
        end = position + 1
        while end < len(lines) and kinds[end] in BODY_KINDS:
            end += 1
    return end


def _drifts(lines: Sequence[Line], kinds: Sequence[str], core: set[str], run_end: int, end: int) -> bool:
    if not core:
        return False
    after = " ".join(lines[i].text for i in range(run_end, end) if kinds[i] in BODY_KINDS)
    return vocabulary_overlap(after, core) < DRIFT_MIN_OVERLAP
