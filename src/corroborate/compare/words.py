"""Words for comparing texts: tokens, rough stems, quoted stretches.

The compare stage matches passages across articles by their content words.
Stems here are a few suffix rules rather than spaCy lemmas: comparison runs
over whole batches and needs only "withdrawal"/"withdrawals" and
"conclude"/"concluded" to meet, not a parse. Stop words come from spaCy's list.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

#: A word: letters/digits, with inner apostrophes, dots, commas (1,500) and hyphens.
WORD = re.compile(r"[^\W_]+(?:[’'.,\-][^\W_]+)*")
#: A quoted stretch in curly or straight double quotes (bounded so a stray mark cannot swallow a page).
QUOTED = re.compile(r"“[^“”]{1,3000}”|\"[^\"\n]{1,3000}\"")
_SUFFIXES = ("ing", "ies", "es", "ed", "ly", "s")

#: A clause with a date or a number needs this many lower-case words (two
#: letters or more, outside its time expressions, clock words aside) to say
#: something. Scraped pages keep datelines and stamps as lines of their own
#: ("May 2, 2013 | 5: 03pm", "Fri., May. 3, 2013 11: 45 AM PDT", "November 30,
#: 2009 at 02: 22 pm"), which have at most one; the shortest sentences that
#: tell something have two ("She checked in today", "Talks began in January").
MIN_TELLING_WORDS = 2
#: A title-case headline tells with capitalised words instead ("Fred LaRue,
#: Watergate Figure, Dies at 75"); a stamp has at most two ("Reuters Sep 18").
MIN_HEADLINE_WORDS = 3
#: Clock and time-zone words of date stamps.
CLOCK_WORDS = frozenset("am pm gmt utc edt est cdt cst mdt mst pdt pst bst cet cest ist aest et ct mt pt".split())
#: A clause with this many slashes is a web address or a file path ("com / 2009 / 11 / 30 / ...").
MAX_SLASHES = 3
#: Marks of a web address or a file name: a domain or file ending before a
#: slash ("com / news"), "www." or "http:", words joined by underscores
#: ("betty_ford"), or five or more words joined by hyphens (a slug; prose joins
#: at most four, "state-of-the-art"). Tokenized text spaces the marks out.
_ADDRESS_MARK = re.compile(
    r"\b(?:com|org|net|gov|edu|html?|php|aspx?)\s?/|\bwww\s?\.|\bhttps?\s?:\s?/"
    r"|[^\W_]\s?_\s?[^\W_]|[^\W_]+(?:\s?-\s?[^\W_]+){4,}",
    re.IGNORECASE,
)
#: Share of function words below which a clause with an address mark is the
#: address itself (slugs: 0-15 %), not prose that ends in a link (40-50 %).
MIN_FUNCTION_WORD_SHARE = 0.25
#: A stamp's label at the start of a line: "Published: Thursday, May 2, 2013", "Originally posted ...".
_STAMP_LABEL = re.compile(r"\W*(?:(?:first|originally|last)\s+)?(?:published|posted|updated|modified)\b", re.IGNORECASE)
_LETTER_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{2,}")


def normalize_word(word: str) -> str:
    """Lower case, one apostrophe, no thousands separators in numbers."""
    word = word.lower().replace("’", "'")
    if any(ch.isdigit() for ch in word):
        word = word.replace(",", "")
    return word


def word_stem(word: str) -> str | None:
    """A rough stem of a normalized word, or None for stop words."""
    if word.endswith("'s"):
        word = word[:-2]
    if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
        return None
    word = word.replace(".", "")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def content_stems(text: str) -> frozenset[str]:
    """The stems of the content words of ``text``."""
    return frozenset(stem for m in WORD.finditer(text) if (stem := word_stem(normalize_word(m.group()))))


def weighted_dice(
    first: frozenset[str], second: frozenset[str], weights: Mapping[str, float], *, unseen: float = 1.0
) -> float:
    """Dice overlap (0..1) of two term sets, each term weighted (a term missing from ``weights`` weighs ``unseen``).

    Sums are exact (``math.fsum``): a set's order changes with the process's
    string hashing, and a plain sum's last-bit rounding with it, which could
    flip a comparison with a threshold from one run to the next.
    """
    total = math.fsum(weights.get(term, unseen) for term in first) + math.fsum(
        weights.get(term, unseen) for term in second
    )
    if not total:
        return 0.0
    return 2 * math.fsum(weights.get(term, unseen) for term in first & second) / total


def is_stamp_or_address(text: str, start: int, end: int, time_spans: Sequence[tuple[int, int]] = ()) -> bool:
    """True when ``text[start:end]`` is a web address, a file name or a date stamp rather than a statement.

    Supplied texts and scraped pages keep address lines and time stamps; as
    claims, two pages' stamps of one day would be "corroborated", and as
    timeline events they would crowd out what happened. ``time_spans`` are the
    clause's time expressions (offsets into ``text``); a clause with one, or
    with digits, needs ``MIN_TELLING_WORDS`` lower-case words outside them
    (or ``MIN_HEADLINE_WORDS`` capitalised content words, as in a headline).
    """
    if text.count("/", start, end) >= MAX_SLASHES or _is_address(text, start, end):
        return True
    if _STAMP_LABEL.match(text, start, end):
        return True
    inside = [(max(s, start), min(e, end)) for s, e in time_spans if s < end and e > start]
    if not inside and not any(ch.isdigit() for ch in text[start:end]):
        return False
    telling = capitalised = 0
    for match in _LETTER_WORD.finditer(text, start, end):
        word = match.group()
        if word.lower() in CLOCK_WORDS or any(s <= match.start() < e for s, e in inside):
            continue
        if not word[0].isupper():  # lower case, or a script without case (Korean, Chinese)
            telling += 1
        elif word.lower() not in STOP_WORDS:
            capitalised += 1
        if telling >= MIN_TELLING_WORDS or capitalised >= MIN_HEADLINE_WORDS:
            return False
    return True


def _is_address(text: str, start: int, end: int) -> bool:
    """An address mark, and few function words ("microsoft - rushes - urgent - fix - for - internet - explorer")."""
    if not _ADDRESS_MARK.search(text, start, end):
        return False
    words = [normalize_word(m.group()) for m in WORD.finditer(text, start, end)]
    alphabetic = [word for word in words if word[0].isalpha()]
    return sum(word in STOP_WORDS for word in alphabetic) < MIN_FUNCTION_WORD_SHARE * len(alphabetic)


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every quoted stretch, marks included."""
    return [(m.start(), m.end()) for m in QUOTED.finditer(text)]
