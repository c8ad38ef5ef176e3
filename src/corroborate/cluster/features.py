"""Cheap per-article features for story clustering: stems, names, dates, a MinHash.

Clustering runs over whole streams (100k articles and more), so nothing here
parses: spaCy runs at a few articles a second, these features at hundreds.
Content-word stems come from :mod:`corroborate.compare.words`; entities are
approximated by capitalised word runs ("name phrases"); dates are the
concrete calendar values :func:`corroborate.annotate.times.find_times` reads
in the sentences that carry a date cue (the full timex rules cost about 6 us a
character, so they only see those sentences, never a whole long page); copies
are caught by a MinHash over word shingles (datasketch; shingles hashed with
crc32, which is several times faster than its default SHA-1 and as stable).

Why our own name finder: spaCy's NER is what the annotate stage uses, and it
is the part too slow for streams. A capitalised run is a good enough stand-in
for telling one event's people and places from another's, provided
sentence-initial words and title-case headlines are not all taken for names:
a capitalised word in such a position counts only when the same word never
appears in lower case elsewhere in the article and is not a stop word.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass
from datetime import date
from typing import Any

from datasketch import MinHash
from spacy.lang.en.stop_words import STOP_WORDS

from corroborate.annotate.times import find_times
from corroborate.compare.words import WORD, normalize_word, word_stem
from corroborate.model import Article

#: Words per shingle for near-duplicate detection: 5-word shingles make two
#: independent reports of one event share almost none, while a copy with a
#: changed headline or a dropped paragraph keeps most (the usual choice for news).
SHINGLE_WORDS = 5
#: MinHash permutations: 64 estimate Jaccard within about +-0.06, enough to
#: separate copies (above 0.6) from rewrites (below 0.3).
MINHASH_PERMUTATIONS = 64
#: Fixed MinHash seed, so signatures agree between processes and machines.
MINHASH_SEED = 1
#: Articles shorter than this many words get no MinHash: two one-line items
#: ("Read more at ...") would look like copies of each other.
MIN_SHINGLED_WORDS = 20
#: Publication dates trusted less than this are not the article's time (a WARC
#: crawl date is 0.3, a JSON Lines ``published`` field 0.9; see extract).
MIN_PUBLISHED_CONFIDENCE = 0.5
#: How many date-cue sentences are read for dates: the dateline and the lead
#: carry the event's date; the cap keeps the timex cost bounded per article.
MAX_DATE_SENTENCES = 8
#: At most this many distinct stems and names are kept per article (the most
#: frequent), so a book-length page cannot blow up a story's profile.
MAX_TERMS = 400

#: Words of headline and lead whose terms count twice: news puts the event
#: (who, what, where) first and background later. Tuned on the odd ECB+ topics.
LEAD_WORDS = 60

#: Words that suggest a sentence names a date (months, weekdays, years, relatives).
_DATE_CUE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d|"
    r"\b(?:\d{1,2}\s+)(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|"
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:1[89]|20)\d\d\b|"
    r"\b(?:[Yy]esterday|[Tt]oday|[Tt]onight)\b"
)
#: Sentence ends: a stop mark followed by space, or a line break.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
#: A concrete calendar value: a year, a month or a day.
_CALENDAR_VALUE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")
#: Characters that, as the last non-space before a word, make it sentence-initial.
_SENTENCE_OPENERS = frozenset(".!?:;\"“”'‘’([-–—•*|>")
#: Capitalised words that are calendar words, not names of people or places.
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
#: A line whose words are mostly capitalised is a headline in title case.
_TITLE_CASE_SHARE = 0.6


@dataclass(frozen=True)
class StoryFeatures:
    """What the story clusterer knows of one article; cheap, JSON-serialisable.

    ``stems`` and ``names`` are ``(term, count)`` pairs sorted by term;
    ``dates`` the concrete calendar values the text mentions (``YYYY``,
    ``YYYY-MM``, ``YYYY-MM-DD``), sorted; ``time`` the article's own
    publication date when it is trusted; ``minhash`` the MinHash signature of
    its word shingles, empty for very short texts; ``words`` its length.
    """

    stems: tuple[tuple[str, int], ...]
    names: tuple[tuple[str, int], ...]
    dates: tuple[str, ...] = ()
    time: str | None = None
    minhash: tuple[int, ...] = ()
    words: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form (lists of ``[term, count]`` pairs)."""
        return {
            "stems": [[term, count] for term, count in self.stems],
            "names": [[term, count] for term, count in self.names],
            "dates": list(self.dates),
            "time": self.time,
            "minhash": list(self.minhash),
            "words": self.words,
        }

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> StoryFeatures:
        """Rebuild features from :meth:`to_dict` output."""
        return cls(
            stems=tuple((str(term), int(count)) for term, count in record.get("stems") or ()),
            names=tuple((str(term), int(count)) for term, count in record.get("names") or ()),
            dates=tuple(str(value) for value in record.get("dates") or ()),
            time=record.get("time"),
            minhash=tuple(int(value) for value in record.get("minhash") or ()),
            words=int(record.get("words") or 0),
        )


def story_features(article: Article) -> StoryFeatures:
    """The cheap clustering features of ``article`` (pure, deterministic, no spaCy)."""
    text = article.text
    if article.title and article.title not in text[: len(article.title) + 200]:
        text = article.title + "\n\n" + text
    words = WORD.findall(text)
    normalized = [_normalized(word) for word in words]
    stems = Counter(stem for word in words if (stem := _stem(word)))
    lead_end = _lead_end(text)
    stems.update(stem for word in WORD.findall(text[:lead_end]) if (stem := _stem(word)))
    names = name_phrases(text)
    names.update(name_phrases(text[:lead_end]))
    reference = _reference_date(article)
    return StoryFeatures(
        stems=_top_terms(stems),
        names=_top_terms(names),
        dates=mentioned_dates(text, reference, article.published_confidence if reference else 1.0),
        time=reference.isoformat() if reference else None,
        minhash=shingle_minhash(normalized),
        words=len(words),
    )


def _lead_end(text: str) -> int:
    """Where the headline and lead end: the first ``LEAD_WORDS`` words, counted twice."""
    for number, match in enumerate(WORD.finditer(text), start=1):
        if number == LEAD_WORDS:
            return match.end()
    return len(text)


@lru_cache(maxsize=1 << 18)
def _normalized(word: str) -> str:
    # Cached: news vocabulary repeats, and the word rules dominate the cost of features.
    return normalize_word(word)


@lru_cache(maxsize=1 << 18)
def _stem(word: str) -> str | None:
    return word_stem(normalize_word(word))


def _reference_date(article: Article) -> date | None:
    if not article.published or article.published_confidence < MIN_PUBLISHED_CONFIDENCE:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def _top_terms(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    """The ``MAX_TERMS`` most frequent terms (ties by term), sorted by term."""
    kept = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_TERMS]
    return tuple(sorted(kept))


def name_phrases(text: str) -> Counter[str]:
    """Capitalised name phrases and their single words, lower-cased, with counts.

    "Lindsay Lohan checked into the Betty Ford Center" gives ``lindsay lohan``,
    ``lindsay``, ``lohan``, ``betty ford center``, ``betty``, ``ford``,
    ``center``. Later bare mentions ("Lohan said") then meet the full name.
    """
    lower_words = {match.group() for match in WORD.finditer(text) if match.group()[0].islower()}
    names: Counter[str] = Counter()
    for line in text.split("\n"):
        matches = list(WORD.finditer(line))
        if not matches:
            continue
        capitalised = sum(match.group()[0].isupper() for match in matches)
        title_case = len(matches) > 2 and capitalised / len(matches) >= _TITLE_CASE_SHARE
        run: list[str] = []
        previous_end = 0
        for match in matches:
            word = match.group()
            is_name = _is_name_word(word, line, match.start(), title_case, lower_words)
            if is_name and run and _adjacent(line, previous_end, match.start()):
                run.append(word)
            else:
                _count_run(run, names)
                run = [word] if is_name else []
            previous_end = match.end()
        _count_run(run, names)
    return names


def _is_name_word(word: str, line: str, start: int, title_case: bool, lower_words: set[str]) -> bool:
    if not word[0].isupper() or word[0].isdigit():
        return False
    plain = _normalized(word)
    if plain in STOP_WORDS or plain in _CALENDAR_WORDS or len(plain) < 2:
        return False
    if title_case or _sentence_initial(line, start):
        # "Police said ..." or a headline: a name only if never written in lower case here.
        return word.lower() not in lower_words and plain not in lower_words
    return True


def _sentence_initial(line: str, start: int) -> bool:
    # Walk back over spaces rather than slicing: slicing made long lines quadratic.
    position = start - 1
    while position >= 0 and line[position].isspace():
        position -= 1
    return position < 0 or line[position] in _SENTENCE_OPENERS


def _adjacent(line: str, previous_end: int, start: int) -> bool:
    """True when only spaces (or a hyphen) separate two words: "Betty Ford", not "Ford, Center"."""
    gap = line[previous_end:start]
    return gap.strip(" -") == "" and len(gap) <= 3


def _count_run(run: list[str], names: Counter[str]) -> None:
    if not run:
        return
    words = [_without_possessive(_normalized(word)) for word in run]
    for word in words:
        names[word] += 1
    if len(words) > 1:
        names[" ".join(words)] += 1


def _without_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") and len(word) > 3 else word


def mentioned_dates(text: str, reference: date | None, reference_confidence: float = 1.0) -> tuple[str, ...]:
    """Concrete dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) named in the first date-cue sentences."""
    sentences = []
    for sentence in _SENTENCE_BREAK.split(text):
        if _DATE_CUE.search(sentence):
            sentences.append(sentence.strip())
            if len(sentences) >= MAX_DATE_SENTENCES:
                break
    if not sentences:
        return ()
    found = find_times("\n\n".join(sentences), reference, reference_confidence=reference_confidence)
    return tuple(sorted({
        expression.value for expression in found
        if expression.type == "DATE" and _CALENDAR_VALUE.fullmatch(expression.value)
    }))


def shingle_minhash(words: list[str]) -> tuple[int, ...]:
    """MinHash signature of the text's ``SHINGLE_WORDS``-word shingles (empty when too short)."""
    if len(words) < MIN_SHINGLED_WORDS:
        return ()
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}
    template = _minhash_template()
    signature = MinHash(
        num_perm=MINHASH_PERMUTATIONS, seed=MINHASH_SEED, hashfunc=zlib.crc32,
        permutations=template.permutations, scheme=template.scheme,
    )
    signature.update_batch(sorted(shingles))
    return tuple(int(value) for value in signature.hashvalues)


@lru_cache(maxsize=1)
def _minhash_template() -> MinHash:
    # Drawing the seeded permutations costs more than hashing a whole article; draw them once.
    return MinHash(num_perm=MINHASH_PERMUTATIONS, seed=MINHASH_SEED, hashfunc=zlib.crc32)


def estimated_jaccard(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    """Share of equal MinHash slots: an estimate of the shingle sets' Jaccard similarity."""
    if not first or len(first) != len(second):
        return 0.0
    return sum(a == b for a, b in zip(first, second)) / len(first)


def log_weight(count: int) -> float:
    """Sub-linear term weight: a name said ten times is not ten times the evidence."""
    return 1.0 + math.log(count)
