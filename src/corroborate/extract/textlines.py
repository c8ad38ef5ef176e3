"""Lines of a pre-scraped text page, and the shape of each line.

The first step of plain-text extraction (:mod:`.text`): a scraped page is cut
into *units*, one per paragraph candidate, and each unit is described by its
shape alone -- length, sentence punctuation, capitalisation, bullets, function
words, web-interface vocabulary. :mod:`.boilerplate` turns these shapes, plus
page position and batch repetition, into a verdict per unit.

A unit is one non-empty line, with two repairs that scrapers make necessary:
hard-wrapped paragraphs (every line cut at ~72-80 columns, or a single
sentence broken over two lines) are joined back into one unit, and label fragments split over several lines ("Source", ":",
"Al Jazeera") are joined into one. Whitespace inside a unit is collapsed; the
words themselves are never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from corroborate.extract.textdates import is_date_line

#: Page-level hard-wrap test: a page counts as hard-wrapped when at least this
#: many lines inside blank-line-separated blocks break mid-sentence (next line
#: starts in lower case). Three avoids reacting to a single odd line break.
HARD_WRAP_MIN_BREAKS = 3
#: ... and when that is at least this share of the lines that have a next
#: line in their block. Scraped pages with one paragraph per line score ~0.
HARD_WRAP_MIN_SHARE = 0.3
#: In a hard-wrapped page a line continues on the next one when the next
#: line's first word would not have fitted on it (greedy wrapping), allowing
#: this many columns for the wrap column being a little wider than the
#: longest line seen.
WRAP_SLACK = 3
#: A line stopping on one of these words (or a comma) goes on in the next
#: line even when that one starts in upper case: articles, conjunctions and
#: prepositions that end neither a sentence nor a headline. "in", "on", "up"
#: are left out: interface labels end on them ("Sign in", "Log on").
UNFINISHED_PHRASE_ENDS = frozenset(
    "a an the of and or but nor to with for from by that than into as at its their his her our your my".split()
)
#: ... when it has at least this many words (short labels like "Skip to" or
#: "Follow us and" are chrome, not broken sentences).
CONTINUATION_MIN_WORDS = 4
#: A label fragment ("Source:", "Credit") has at most this many words, and the
#: value it labels at most ``LABEL_VALUE_MAX_WORDS``.
LABEL_MAX_WORDS = 2
LABEL_VALUE_MAX_WORDS = 8

#: Interface words and sentences are looked for in a unit's first this many
#: characters, final punctuation in its last ``END_SCAN_CHARS``: chrome is
#: short (the longest in the example pages is ~300 characters).
SHAPE_SCAN_CHARS = 2000
END_SCAN_CHARS = 12

#: English function words. Running prose is ~40-50% function words; headlines,
#: menus and bylines have far fewer (measured on the bundled example pages).
STOPWORDS = frozenset(
    """a about after against all also an and are as at be been before being between both but by
    can could did do does during for from had has have he her his how i if in into is it its
    just more most my no not of on or our out over she should so some such than that the their
    them then there these they this those through to under until up was we were what when where
    which while who will with would you your""".split()
)

#: Generic, site-independent words of web interfaces (buttons, widgets,
#: placeholders). One weak signal among several: a short line made mostly of
#: them is interface text; a sentence needs other evidence too.
WEB_UI_TERMS = (
    "subscribe", "subscription", "subscribers", "newsletter", "newsletters", "sign up", "sign in",
    "log in", "login", "register", "create account", "cookie", "cookies", "consent", "privacy",
    "accept", "share", "shares", "tweet", "facebook", "twitter", "whatsapp", "linkedin",
    "telegram", "reddit", "pinterest", "email", "e-mail", "inbox", "advertisement", "advert",
    "sponsored", "read more", "read next", "related", "recommended", "most read", "most popular",
    "trending", "comments", "comment", "click", "download", "app", "follow us", "menu", "search",
    "skip to", "home", "copyright", "all rights reserved", "terms of use", "listen", "print",
    "browser", "button", "author", "photo", "image", "picture", "video", "gallery", "more stories",
    "next article", "previous article", "back to top", "loading", "copy link", "ad", "this article",
    "this story", "see also", "also read",
)
_UI_PATTERN = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(term) for term in sorted(WEB_UI_TERMS, key=len, reverse=True)) + r")(?![\w-])"
)

_BULLET = re.compile(r"^(?:[•·▪●◦‣∙*►▸➤→]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*")
_WORD = re.compile(r"[^\W_](?:[\w’'.&-]*[^\W_])?")
#: Closing quotes and brackets after a final stop; tokenized text (ECB+ and
#: other corpora) puts a space before them: 'he said. "'.
_CLOSERS = r"(?:\s?[\"”’')\]])*"
_SENTENCE_END = re.compile(r"[.!?]" + _CLOSERS + "$")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)" + _CLOSERS + "$")
_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9)\"”’'][.!?])[\"”’')]*\s+(?=[\"“‘'(]?[A-Z0-9])")
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you’re|yours)\b", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")
_SENTENCE_PUNCTUATION = ".!?:;\"”’')"
#: Web addresses, also in the tokenized form of some corpora (ECB+:
#: "http: / / www. bbc. co. uk / news / uk - 23395104"): the spaces around
#: URL punctuation are dropped before the shape is tested.
_URL_SPACING = re.compile(r"\s*([/.:\-_?=&#~%+,’'])\s*")
_ADDRESS = re.compile(r"^(?:(?:https?|ftp)://|www\.)\S*$|^[\w-]+(?:\.[\w-]+)+/\S*$", re.IGNORECASE)
#: Web addresses are at most this long (longer units are text quoting one).
ADDRESS_MAX_CHARS = 1000


@dataclass(frozen=True)
class Line:
    """One unit of a page: a paragraph candidate and the raw lines it spans."""

    index: int
    text: str
    first: int
    last: int

    @cached_property
    def shape(self) -> LineShape:
        """The unit's shape features, computed once."""
        return LineShape.of(self.text)


@dataclass(frozen=True)
class LineShape:
    """What a unit looks like, independent of where it sits on the page."""

    words: tuple[str, ...]
    bullet: bool
    ends_sentence: bool
    truncated: bool
    sentences: int
    capitalized_share: float
    stopword_share: float
    ui_hits: int
    ui_share: float
    second_person: bool

    @classmethod
    def of(cls, text: str) -> LineShape:
        """Describe one whitespace-normalized unit."""
        bullet_match = _BULLET.match(text)
        body = text[bullet_match.end():] if bullet_match else text
        words = tuple(_WORD.findall(body))
        # Interface words and sentence counts only matter for short units;
        # reading a prefix keeps megabyte-long lines cheap.
        head = body[:SHAPE_SCAN_CHARS]
        ui_terms = _UI_PATTERN.findall(head.lower())
        ui_words = sum(len(term.split()) for term in ui_terms)
        alphabetic = [word for word in words if word[0].isalpha()]
        capitalized = sum(1 for word in alphabetic[1:] if word[0].isupper())
        stopwords = sum(1 for word in words if word.lower() in STOPWORDS)
        ending = body[-END_SCAN_CHARS:]
        truncated = bool(_TRUNCATED.search(ending))
        return cls(
            words=words,
            bullet=bullet_match is not None,
            ends_sentence=bool(_SENTENCE_END.search(ending)) and not truncated,
            truncated=truncated,
            sentences=len(_SENTENCE_BREAK.findall(head)) + 1 if words else 0,
            capitalized_share=capitalized / max(1, len(alphabetic) - 1),
            stopword_share=stopwords / max(1, len(words)),
            ui_hits=len(ui_terms),
            ui_share=min(1.0, ui_words / max(1, min(len(words), len(head.split())))),
            second_person=bool(_SECOND_PERSON.search(_QUOTED.sub("", head))),
        )

    @property
    def word_count(self) -> int:
        """Number of words (numbers count as words)."""
        return len(self.words)


def page_lines(content: str) -> list[Line]:
    """Cut a scraped page into units: non-empty lines, wrapped paragraphs rejoined."""
    blocks = _blocks(content)
    wrap_width = _wrap_width(blocks)
    units: list[tuple[str, int, int]] = []
    for block in blocks:
        units.extend(_join_wrapped(block, wrap_width))
    units = _join_label_fragments(units)
    return [Line(index, text, first, last) for index, (text, first, last) in enumerate(units)]


def normalize_line(line: str) -> str:
    """Collapse whitespace inside a line; the words are left as they are."""
    return " ".join(line.split())


def _blocks(content: str) -> list[list[tuple[str, int]]]:
    blocks: list[list[tuple[str, int]]] = []
    current: list[tuple[str, int]] = []
    for number, raw in enumerate(content.splitlines()):
        text = normalize_line(raw)
        if text:
            current.append((text, number))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _wrap_width(blocks: list[list[tuple[str, int]]]) -> int | None:
    """The column a hard-wrapped page was cut at, or ``None`` if it is not wrapped."""
    breaks = inner_lines = 0
    width = 0
    for block in blocks:
        for (text, _), (following, _) in zip(block, block[1:]):
            inner_lines += 1
            width = max(width, len(text))
            if text[-1] not in _SENTENCE_PUNCTUATION and following[0].islower():
                breaks += 1
    if breaks >= HARD_WRAP_MIN_BREAKS and breaks >= HARD_WRAP_MIN_SHARE * inner_lines:
        return width
    return None


def _join_wrapped(block: list[tuple[str, int]], wrap_width: int | None) -> list[tuple[str, int, int]]:
    pieces: list[tuple[list[str], int, int]] = []
    previous_length = 0
    for text, number in block:
        wrapped = wrap_width and _continues(previous_length, text, wrap_width)
        if pieces and (wrapped or continues_sentence(pieces[-1][0][-1], text)):
            pieces[-1][0].append(text)
            pieces[-1] = (pieces[-1][0], pieces[-1][1], number)
        else:
            pieces.append(([text], number, number))
        previous_length = len(text)
    return [(" ".join(parts), first, last) for parts, first, last in pieces]


def continues_sentence(text: str, following: str) -> bool:
    """True when ``following`` is the rest of a sentence broken after ``text``.

    Any page can have a single hard line break inside a sentence: the line
    stops without sentence punctuation and the next one goes on in lower case
    ("... reports that the Red Sox" / "have made an offer"), or the line stops
    on a word no sentence or headline ends on ("... said the" / "President").
    """
    if _BULLET.match(following) or text[-1] in _SENTENCE_PUNCTUATION:
        return False
    # A date line ("on May 2, 2013", "updated 8:41 p.m.") under a headline,
    # and anything next to a web address, are separate units.
    if is_date_line(following) or is_address(text) or is_address(following):
        return False
    first_word = following.split(" ", 1)[0]
    if first_word.isalpha() and first_word.islower():
        return True
    words = text.split()
    return len(words) >= CONTINUATION_MIN_WORDS and (text[-1] == "," or words[-1].lower() in UNFINISHED_PHRASE_ENDS)


def is_address(text: str) -> bool:
    """True when the unit is a web address on its own line."""
    return len(text) <= ADDRESS_MAX_CHARS and bool(_ADDRESS.match(_URL_SPACING.sub(r"\1", text)))


def _continues(previous_length: int, text: str, wrap_width: int) -> bool:
    """In a wrapped page, a line continues when the next word did not fit on it."""
    next_word = len(text.split(" ", 1)[0])
    return not _BULLET.match(text) and previous_length + 1 + next_word > wrap_width - WRAP_SLACK


def _join_label_fragments(units: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Rejoin "Source" / ":" / "Al Jazeera" style labels split across lines."""
    joined: list[tuple[str, int, int]] = []
    position = 0
    while position < len(units):
        text, first, last = units[position]
        if _PUNCTUATION_ONLY.match(text) and joined and len(joined[-1][0].split()) <= LABEL_MAX_WORDS:
            label, label_first, _ = joined.pop()
            text, first = f"{label} {text}", label_first
            if position + 1 < len(units) and _is_label_value(units[position + 1][0]):
                value, _, last = units[position + 1]
                text = f"{text} {value}"
                position += 1
        elif (
            text.endswith(":")
            and len(text.split()) <= LABEL_MAX_WORDS
            and position + 1 < len(units)
            and _is_label_value(units[position + 1][0])
        ):
            value, _, last = units[position + 1]
            text = f"{text} {value}"
            position += 1
        joined.append((text, first, last))
        position += 1
    return joined


def _is_label_value(text: str) -> bool:
    return (
        len(text.split()) <= LABEL_VALUE_MAX_WORDS
        and not _BULLET.match(text)
        and text[-1] not in ".!?"
    )
