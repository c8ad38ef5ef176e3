"""The timeline of a brief: dated events merged across sources, and the most important dates of a story.

Input is the annotate stage's output: every time expression with a calendar
TIMEX3 value (``2024-09-27``, ``2025-09``, ``2025``) dates the sentence that
holds it. Durations, sets, ``PRESENT_REF``-style values and unresolved
``XXXX`` values date nothing and are left out. How it works:

1. **Dated sentences.** Each (article, sentence, date) is one mention, kept at
   the precision the text gives: a source that wrote "2025" is never moved to
   "2025-09". Week values become their month when the week lies in one month,
   else their year; seasons, quarters and halves (``2023-WI``, ``2024-Q3``)
   become their year. Each mention is ``past`` or ``planned`` relative to its
   source's reference date (:func:`event_kind`).
2. **Merging.** Mentions of the same ISO date are grouped by similarity of
   their content (TF-IDF over truncated word stems plus cross-article entity
   names; the date's own words are left out, so sharing the date does not make
   sentences similar). One date at day precision is usually one event, a year
   holds many, so the cut rises with coarseness (:data:`MERGE_SIMILARITY`).
   A mention that starts something ("from", "since") is never merged with one
   that ends something ("by", "until"), and dates of different precision are
   never merged ("by the end of 2025" and "by September 2025" are compatible,
   which the claims stage notes; the timeline keeps what each source said).
   A group is ``past`` when any of its sources tells it as done (a later
   report of a plan carried out), and its ``bound`` is the one more than half
   its mentions give. Grouping is one pass against group centroids found
   through an inverted index, so it stays near-linear in the number of dated
   sentences.
3. **Date importance** follows the date-ranking features of timeline
   summarization (Tran et al. 2013; Martschat & Markert 2018; the
   MentionCount/PubCount rankers of Ghalandari & Ifrim 2020, news-tls): a date
   matters when many articles mention it and when articles were published on
   it or the day after (they report on it). Counting is per independent
   source: the best article of an independent group counts fully, its copies
   and summaries add :data:`DERIVED_WEIGHT` each. Mentions far from the
   source's own date weigh less (:data:`PROXIMITY_HALF_LIFE_DAYS`) and coarse
   dates less than days (:data:`PRECISION_WEIGHT`).
4. **Budgets.** ``max_dates`` keeps the N most important dates (shown in date
   order); ``per_date`` keeps K entries per date, chosen by maximal marginal
   relevance (Carbonell & Goldstein 1998) over support and closeness to the
   date's centroid, as news-tls's centroid summarizer picks each date's
   sentences.

Entries come in date order: a deadline ("by 2025") at the end of its span,
other dates at its start (on a tie the finer date first). Every entry
cites one sentence per source sentence it merges (leading list markers and
datelines trimmed), each an exact slice of its source's text.
Similarity is computed here with plain sparse vectors rather than a model:
sentences dated alike need only a rough lexical comparison, and the stage must
handle hundreds of articles in seconds.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from corroborate.compare.words import is_stamp_or_address
from corroborate.errors import UsageError
from corroborate.extract.dates import LOW_CONFIDENCE
from corroborate.model import AnnotatedArticle, Evidence, EventKind, Span, TimeExpression, TimelineEntry

# --- Tuned constants. Set on the five bundled Iraq seeds (one announcement
# reported by four outlets plus a summary of one of them) and looked at on the
# 21 articles of ECB+ story 1ecbplus; tests/brief/test_timeline.py checks the
# behaviour they give.

#: Cosine (sentence vs. group centroid) at which a mention joins a group of
#: mentions of the same date, by the date's precision. One day is usually one
#: event (news-tls gives each day one summary): on the seeds the four outlets'
#: sentences on Friday's announcement score 0.16-0.59 against each other, a
#: spokeswoman's quote of the same Friday 0.06-0.12 against them. Months and
#: years hold several events, so need more shared content: September 2026's
#: Syria sentences score 0.22-0.54 against each other and at most 0.13 against
#: the Kurdistan withdrawal of the same month; the two accounts of ISIS losing
#: its territory in 2017 score 0.31, distinct 2014 events 0.09-0.13.
MERGE_SIMILARITY = {"day": 0.15, "month": 0.2, "year": 0.3}
#: Relative weight of a date by precision when ranking dates. Timeline
#: benchmarks (timeline17, crisis) are built of days; a year is a background
#: date that many articles repeat, so a mention of it weighs less than a day's.
PRECISION_WEIGHT = {"day": 1.0, "month": 0.7, "year": 0.4}
#: What a derived article (a copy or summary) adds to its independent
#: source's count for a date, per article. Independence is the point of the
#: brief: four copies of one wire story are one witness, slightly reinforced.
DERIVED_WEIGHT = 0.25
#: Extra weight of an article that mentions a date in several sentences:
#: this times log(number of sentences). The sentence count is a feature of
#: Tran et al. 2013 and news-tls's supervised ranker; it is damped so one long
#: article cannot outweigh a second source.
REPEAT_WEIGHT = 0.25
#: Weight of an article published on a day or the day after (it reports on
#: that day): news-tls's PubCount and its pub_end=2 window. Only an article's
#: own date counts, not one the annotate stage borrowed from the batch.
REPORTING_WEIGHT = 0.5
#: Days after a date during which an article still reports on it (news-tls
#: counts the publication day and the day before as reported days).
REPORTING_LAG_DAYS = 1
#: Mentions of a date far from their article's own date weigh less: a
#: mention's weight halves, down to :data:`PROXIMITY_FLOOR`, every this many
#: days of distance. Background dates years away stay in the timeline but
#: lose budgeted selection to the story's own days and milestones.
PROXIMITY_HALF_LIFE_DAYS = 90
PROXIMITY_FLOOR = 0.5
#: Trust in a time expression's resolution enters a mention's weight as
#: FLOOR + (1 - FLOOR) * confidence: a weekday resolved against an uncertain
#: reference date is still most likely right (the seeds' "Friday" is
#: resolved with confidence 0.36 and is correct in all four articles).
CONFIDENCE_FLOOR = 0.5
#: Maximal-marginal-relevance trade-off between relevance and novelty when
#: choosing a date's entries (0.7 is the common setting since Carbonell &
#: Goldstein 1998).
MMR_LAMBDA = 0.7
#: How far before a date (in characters, and within its clause) future
#: wording makes it announced ("will be held on Friday"): about six words, so
#: "troops will remain in Iraq, officials said Friday" stays a report of what
#: was said that day.
FUTURE_WINDOW_CHARS = 40
#: Characters a word stem keeps: after dropping one inflection ("-ed",
#: "-ing", "-s") and a final "e", prefix truncation is a cheap stemmer that
#: joins "announcement"/"announced", "vote"/"voted", "operations"/"operate".
STEM_LENGTH = 6
#: Most existing groups a sentence is compared with, found through the
#: inverted index of their stems (keeps grouping near-linear on big stories).
MAX_CANDIDATE_GROUPS = 40
#: Terms of a sentence used to look up candidate groups: its highest-weighted (rarest) ones.
LOOKUP_TERMS = 8
#: Weight of a cross-article entity name relative to a word stem: a shared
#: name ("Antony Blinken") is stronger evidence of one event than a shared word.
ENTITY_WEIGHT = 2.0

#: Bounds that place an event at or before the date (a deadline, an end).
END_BOUNDS = frozenset({"by", "until", "through", "at_least_until", "to", "before"})
#: Bounds that place an event at or after the date (a start).
START_BOUNDS = frozenset({"from", "since", "after"})

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-(?:\d|WE))?$")
_PART_OF_YEAR = re.compile(r"^(\d{4})-(?:SP|SU|FA|AU|WI|Q[1-4]|H[12])$")
_WORD = re.compile(r"[^\W_]+(?:[’'.,\-][^\W_]+)*")
_DIGIT = re.compile(r"\d")
_SUFFIXES = ("ing", "ed", "es", "ly", "s")
#: A leading list marker ("- ", "• ", "1. ") or dateline ("WASHINGTON — ").
_LEAD = re.compile(r"^(?:[-–—•*·]\s+|\d{1,2}[.)]\s+|[A-Z][A-Z .,'’-]{2,40}\s+[—–-]{1,2}\s+)")
#: Words of a time expression that place it before the writing (in "earlier this month").
_PAST_CUE = re.compile(r"\b(?:earlier|last|ago|past|previous|recent(?:ly)?|former)\b", re.IGNORECASE)
#: Words of a time expression that place it after the writing (in "later this year").
_FUTURE_CUE = re.compile(r"\b(?:later this|next|coming|upcoming|rest of|remainder of)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()—–]")
#: Wording that announces something for later.
_FUTURE_WORDING = re.compile(
    r"\b(?:will|shall|would|won[’']t|going to|expected to|set to|scheduled|slated|due to|plans? to|planned|"
    r"intends? to|to be held|is to|are to)\b|[’']ll\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CalendarDate:
    """A TIMEX3 value read as a calendar date: ISO at its precision, and the days it covers."""

    iso: str
    precision: str  # day | month | year
    first: date
    last: date


@dataclass
class _Mention:
    """One sentence of one article stating one date."""

    article: str
    group: str
    derived: bool
    order: int
    position: int
    start: int
    end: int
    text: str
    when: CalendarDate
    bound: str | None
    kind: EventKind
    weight: float
    vector: dict[str, float] = field(default_factory=dict)


@dataclass
class _Group:
    """Mentions of one date taken as one event, with their summed vector."""

    mentions: list[_Mention]
    vector: dict[str, float]
    norm_sq: float
    family: str  # start | end | point


def calendar_date(value: str) -> CalendarDate | None:
    """The calendar date a TIMEX3 ``value`` names, or None when it names none (durations, ``PRESENT_REF``, ``XXXX``)."""
    value = (value or "").strip()
    try:
        if match := _DAY.match(value):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return CalendarDate(day.isoformat(), "day", day, day)
        if match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            last = calendar.monthrange(year, month)[1]
            return CalendarDate(f"{year:04d}-{month:02d}", "month", date(year, month, 1), date(year, month, last))
        if match := _WEEK.match(value):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            sunday = monday + timedelta(days=6)
            if monday.month == sunday.month:
                return calendar_date(f"{monday.year:04d}-{monday.month:02d}")
            return calendar_date(f"{int(match[1]):04d}")
        if (match := _YEAR.match(value)) or (match := _PART_OF_YEAR.match(value)):
            year = int(match[1])
            if year < 1:
                return None
            return CalendarDate(f"{year:04d}", "year", date(year, 1, 1), date(year, 12, 31))
    except ValueError:
        return None
    return None


def event_kind(
    when: CalendarDate, reference: date | None, *, bound: str | None, timex_text: str, sentence: str,
    timex_start: int = -1, reference_confidence: float = 1.0,
) -> EventKind:
    """Whether a dated statement tells of something that had happened (``past``) or is announced (``planned``).

    Against the source's reference date: a date wholly after it is planned,
    wholly before it past. A date that contains the reference (this month,
    this year, today), or any date when the reference is unknown, is read from
    its words: "earlier"/"last" make it past, "later this"/"next" planned, and
    so do future wording ("will", "expected to") with a deadline bound ("by",
    "until"), or future wording just before the date in its clause ("will be
    held on Friday"; ``timex_start`` is the date's offset in ``sentence``). When the
    reference itself is uncertain (``reference_confidence`` below the extract
    stage's LOW_CONFIDENCE), a later date counts as planned only if the
    sentence says so (a bound or future wording): "her June 2012 car accident"
    against a reference wrongly inferred as 2011 stays past.
    """
    if reference is not None:
        if when.first > reference:
            announced = bound is not None or _FUTURE_WORDING.search(sentence)
            if reference_confidence >= LOW_CONFIDENCE or announced:
                return "planned"
        elif when.last < reference:
            return "past"
    if _PAST_CUE.search(timex_text):
        return "past"
    if _FUTURE_CUE.search(timex_text):
        return "planned"
    if bound in END_BOUNDS and _FUTURE_WORDING.search(sentence):
        return "planned"
    if timex_start >= 0:
        before = _CLAUSE_BREAK.split(sentence[max(0, timex_start - FUTURE_WINDOW_CHARS):timex_start])[-1]
        if _FUTURE_WORDING.search(before):
            return "planned"
    return "past"


def build_timeline(
    annotated: Sequence[AnnotatedArticle],
    groups: Mapping[str, str],
    *,
    max_dates: int | None = None,
    per_date: int | None = None,
) -> tuple[TimelineEntry, ...]:
    """Dated events merged across sources, in date order; ``max_dates``/``per_date`` keep the most important."""
    _check_budget("max_dates", max_dates)
    _check_budget("per_date", per_date)
    ids = [item.article.id for item in annotated]
    if len(set(ids)) != len(ids):
        repeated = sorted(identifier for identifier, count in Counter(ids).items() if count > 1)
        raise UsageError(f"the same article id appears more than once: {', '.join(repeated)}")
    mentions = _dated_mentions(annotated, groups)
    if not mentions:
        return ()
    _add_vectors(mentions, annotated)
    scores = _date_importance(mentions, annotated, groups)
    by_date: dict[str, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        by_date[mention.when.iso].append(mention)
    chosen_dates = sorted(by_date, key=lambda iso: (-scores[iso], iso))
    if max_dates is not None:
        chosen_dates = chosen_dates[:max_dates]
    entries: list[tuple[tuple, TimelineEntry]] = []
    for iso in chosen_dates:
        clusters = _group_mentions(by_date[iso])
        for rank, cluster in enumerate(_choose_groups(clusters, groups, per_date)):
            entry = _entry(cluster, scores[iso])
            entries.append((_sort_key(cluster, entry, rank), entry))
    entries.sort(key=lambda pair: pair[0])
    return tuple(entry for _, entry in entries)


def _date_importance(
    mentions: Sequence[_Mention], annotated: Sequence[AnnotatedArticle], groups: Mapping[str, str]
) -> dict[str, float]:
    """Importance of each mentioned date: mentions and reports per independent source, weighted by precision."""
    per_article: dict[str, dict[str, list[_Mention]]] = defaultdict(lambda: defaultdict(list))
    for mention in mentions:
        per_article[mention.when.iso][mention.article].append(mention)
    reported_by: dict[date, set[str]] = defaultdict(set)
    for item in annotated:
        written = _written_on(item)
        if written is None or item.reference.source == "batch":
            continue  # a date borrowed from the batch says nothing of which day this article reports
        for lag in range(REPORTING_LAG_DAYS + 1):
            reported_by[written - timedelta(days=lag)].add(item.article.id)
    scores: dict[str, float] = {}
    for iso, by_article in per_article.items():
        when = next(iter(by_article.values()))[0].when
        article_scores: dict[str, float] = {}
        for article, own in by_article.items():
            sentences = len({mention.position for mention in own})
            article_scores[article] = max(m.weight for m in own) + REPEAT_WEIGHT * math.log(sentences)
        if when.precision == "day":
            for article in reported_by.get(when.first, ()):
                article_scores[article] = article_scores.get(article, 0.0) + REPORTING_WEIGHT
        scores[iso] = round(PRECISION_WEIGHT[when.precision] * _independent_total(article_scores, groups), 4)
    return scores


def _check_budget(name: str, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError(f"{name} must be a positive whole number, not {value!r}")


def _independent_total(article_scores: Mapping[str, float], groups: Mapping[str, str]) -> float:
    """Sum over independent sources: the best article of each counts fully, the others of its group a share."""
    by_group: dict[str, list[float]] = defaultdict(list)
    for article, score in article_scores.items():
        by_group[groups.get(article, article)].append(score)
    total = 0.0
    for scores in by_group.values():
        scores.sort(reverse=True)
        total += scores[0] + DERIVED_WEIGHT * sum(scores[1:])
    return total


def _written_on(item: AnnotatedArticle) -> date | None:
    """The date an article was written: its reference date, else its publication date."""
    if item.reference.value is not None:
        return item.reference.value
    when = calendar_date(item.article.published or "")
    return when.first if when and when.precision == "day" else None


def _written_confidence(item: AnnotatedArticle) -> float:
    """How far the date an article was written can be trusted."""
    if item.reference.value is not None:
        return item.reference.confidence
    return item.article.published_confidence


def _dated_mentions(annotated: Sequence[AnnotatedArticle], groups: Mapping[str, str]) -> list[_Mention]:
    """One mention per (article, sentence, date), in input order."""
    mentions: list[_Mention] = []
    for order, item in enumerate(annotated):
        article = item.article
        group = groups.get(article.id, article.id)
        written = _written_on(item)
        sentences = _sentence_spans(item)
        seen: set[tuple[int, str]] = set()
        for timex in sorted(item.times, key=lambda t: t.start):
            if timex.type not in {"DATE", "TIME"}:
                continue
            when = calendar_date(timex.value)
            if when is None:
                continue
            position = _containing(sentences, timex.start, timex.end)
            if position is None or (position, when.iso) in seen:
                continue
            seen.add((position, when.iso))
            sentence = sentences[position]
            if not _tells_event(article.text, sentence, item.times):
                continue
            start, end = _trimmed(article.text, sentence.start, sentence.end)
            mentions.append(
                _Mention(
                    article=article.id,
                    group=group,
                    derived=group != article.id,
                    order=order,
                    position=position,
                    start=start,
                    end=end,
                    text=article.text[start:end],
                    when=when,
                    bound=timex.bound,
                    kind=event_kind(
                        when, written, bound=timex.bound, timex_text=timex.text,
                        sentence=article.text[sentence.start:sentence.end], timex_start=timex.start - sentence.start,
                        reference_confidence=_written_confidence(item),
                    ),
                    weight=_mention_weight(when, written, timex.confidence),
                )
            )
    return mentions


def _tells_event(text: str, sentence: Span, times: Sequence[TimeExpression]) -> bool:
    """False for page stamps, web addresses and lines that hold little but a date."""
    spans = [(t.start, t.end) for t in times if t.start < sentence.end and t.end > sentence.start]
    return not is_stamp_or_address(text, sentence.start, sentence.end, spans)


def _sentence_spans(item: AnnotatedArticle) -> list[Span]:
    """The article's sentences, or its paragraphs when the annotate stage gave none."""
    return list(item.sentences) if item.sentences else item.article.paragraphs()


def _containing(spans: Sequence[Span], start: int, end: int) -> int | None:
    """Index of the span holding ``start``; a time expression across a boundary belongs to its first sentence."""
    low, high = 0, len(spans) - 1
    while low <= high:
        middle = (low + high) // 2
        span = spans[middle]
        if start < span.start:
            high = middle - 1
        elif start >= span.end:
            low = middle + 1
        else:
            return middle
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence without surrounding space, a leading list marker or a dateline."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    lead = _LEAD.match(text, start, end)
    if lead and end - lead.end() >= 20:
        start = lead.end()
    return start, end


def _mention_weight(when: CalendarDate, written: date | None, confidence: float) -> float:
    trust = CONFIDENCE_FLOOR + (1 - CONFIDENCE_FLOOR) * max(0.0, min(1.0, confidence))
    if written is None:
        return trust * PROXIMITY_FLOOR
    if when.first <= written <= when.last:
        distance = 0
    else:
        distance = min(abs((when.first - written).days), abs((when.last - written).days))
    closeness = PROXIMITY_FLOOR + (1 - PROXIMITY_FLOOR) * 0.5 ** (distance / PROXIMITY_HALF_LIFE_DAYS)
    return trust * closeness


# --- Content vectors -------------------------------------------------------


@lru_cache(maxsize=65536)
def _stem(word: str) -> str | None:
    """A word's stem (lower case, one inflection and a final "e" dropped, truncated), or None for stop words."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in STOP_WORDS or len(word) < 3:
        return None
    if _DIGIT.search(word):
        return word.replace(",", "")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word[:STEM_LENGTH]


def _unmasked(text: str, start: int, end: int, masks: Iterable[tuple[int, int]]) -> list[str]:
    """The pieces of ``text[start:end]`` outside the masked ranges."""
    pieces = []
    cursor = start
    for mask_start, mask_end in sorted(masks):
        if mask_end <= cursor or mask_start >= end:
            continue
        pieces.append(text[cursor:max(cursor, mask_start)])
        cursor = max(cursor, mask_end)
    pieces.append(text[cursor:end])
    return pieces


def _masked_terms(text: str, start: int, end: int, masks: Iterable[tuple[int, int]]) -> list[str]:
    """Word stems of ``text[start:end]`` outside the masked ranges (dates, entity names)."""
    terms = []
    for piece in _unmasked(text, start, end, masks):
        for match in _WORD.finditer(piece):
            stem = _stem(match.group())
            if stem:
                terms.append(stem)
    return terms


def _sentence_terms(item: AnnotatedArticle) -> list[Counter[str]]:
    """Each sentence's content: word stems outside dates and names, plus the names' cross-article entities."""
    sentences = _sentence_spans(item)
    masks: list[list[tuple[int, int]]] = [[] for _ in sentences]
    names: list[list[str]] = [[] for _ in sentences]
    for timex in item.times:
        position = _containing(sentences, timex.start, timex.end)
        if position is not None:
            masks[position].append((timex.start, timex.end))
    for index, mention in enumerate(item.entities):
        position = _containing(sentences, mention.start, mention.end)
        if position is None:
            continue
        masks[position].append((mention.start, mention.end))
        cluster = item.entity_clusters[index] if index < len(item.entity_clusters) else None
        names[position].append("§" + (cluster or mention.canonical or mention.text).lower())
    terms = []
    for sentence, own_masks, own_names in zip(sentences, masks, names):
        counts = Counter(_masked_terms(item.article.text, sentence.start, sentence.end, own_masks))
        counts.update(own_names)
        terms.append(counts)
    return terms


def _add_vectors(mentions: Sequence[_Mention], annotated: Sequence[AnnotatedArticle]) -> None:
    """TF-IDF vectors (unit length) of the dated sentences; IDF over all sentences of the batch."""
    terms_of: dict[str, list[Counter[str]]] = {}
    document_frequency: Counter[str] = Counter()
    for item in annotated:
        terms = _sentence_terms(item)
        terms_of[item.article.id] = terms
        for counts in terms:
            document_frequency.update(counts.keys())
    total = sum(len(terms) for terms in terms_of.values())
    for mention in mentions:
        vector: dict[str, float] = {}
        for term, count in terms_of[mention.article][mention.position].items():
            idf = math.log((1 + total) / (1 + document_frequency[term])) + 1
            vector[term] = (1 + math.log(count)) * idf * (ENTITY_WEIGHT if term.startswith("§") else 1.0)
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        mention.vector = {term: value / norm for term, value in vector.items()}


# --- Grouping one date's mentions into events ------------------------------


def _family(bound: str | None) -> str:
    if bound in START_BOUNDS:
        return "start"
    if bound in END_BOUNDS:
        return "end"
    return "point"


def _compatible(family: str, other: str) -> bool:
    """A start ("from") and an end ("by") of the same date are different events; a plain date goes with either."""
    return family == other or "point" in (family, other)


def _dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    if len(small) > len(large):
        small, large = large, small
    return sum(value * large.get(term, 0.0) for term, value in small.items())


def _group_mentions(mentions: Sequence[_Mention]) -> list[_Group]:
    """Mentions of one date grouped into events: one pass, each joining the closest compatible group above the cut."""
    if not mentions:
        return []
    threshold = MERGE_SIMILARITY[mentions[0].when.precision]
    ordered = sorted(mentions, key=lambda m: (m.derived, m.position, m.order))
    groups: list[_Group] = []
    index: dict[str, list[int]] = defaultdict(list)
    for mention in ordered:
        family = _family(mention.bound)
        lookup = sorted(mention.vector, key=lambda term: -mention.vector[term])[:LOOKUP_TERMS]
        hits: Counter[int] = Counter()
        for term in lookup:
            hits.update(index.get(term, ()))
        best, best_similarity = None, threshold
        for candidate, _ in hits.most_common(MAX_CANDIDATE_GROUPS):
            group = groups[candidate]
            if not _compatible(group.family, family):
                continue
            similarity = _dot(mention.vector, group.vector) / math.sqrt(group.norm_sq or 1.0)
            if similarity >= best_similarity:
                best, best_similarity = candidate, similarity
        if best is None:
            groups.append(_Group([mention], dict(mention.vector), 1.0 if mention.vector else 0.0, family))
            best = len(groups) - 1
        else:
            group = groups[best]
            cross = _dot(mention.vector, group.vector)
            group.norm_sq += 2 * cross + (1.0 if mention.vector else 0.0)
            for term, value in mention.vector.items():
                group.vector[term] = group.vector.get(term, 0.0) + value
            group.mentions.append(mention)
            if group.family == "point":
                group.family = family
        for term in lookup:
            if not index[term] or index[term][-1] != best:
                index[term].append(best)
    return groups


def _support(group: _Group, groups: Mapping[str, str]) -> float:
    """Independent sources behind a group: one per independent source, a share for each further article."""
    articles = {m.article for m in group.mentions}
    return _independent_total({article: 1.0 for article in articles}, groups)


def _cosine_groups(a: _Group, b: _Group) -> float:
    norm = math.sqrt((a.norm_sq or 1.0) * (b.norm_sq or 1.0))
    return _dot(a.vector, b.vector) / norm


def _choose_groups(clusters: list[_Group], groups: Mapping[str, str], per_date: int | None) -> list[_Group]:
    """A date's groups in order of choice: support and centrality, made diverse by MMR; at most ``per_date``."""
    if not clusters:
        return []
    centroid: dict[str, float] = defaultdict(float)
    for cluster in clusters:
        for term, value in cluster.vector.items():
            centroid[term] += value
    centroid_norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    supports = [_support(cluster, groups) for cluster in clusters]
    top_support = max(supports)
    relevance = []
    for cluster, support in zip(clusters, supports):
        centrality = _dot(cluster.vector, centroid) / (centroid_norm * math.sqrt(cluster.norm_sq or 1.0))
        relevance.append(0.5 * support / top_support + 0.5 * centrality)
    limit = len(clusters) if per_date is None else min(per_date, len(clusters))
    chosen: list[int] = []
    remaining = set(range(len(clusters)))
    while len(chosen) < limit:
        def marginal(i: int) -> tuple[float, int]:
            redundancy = max((_cosine_groups(clusters[i], clusters[j]) for j in chosen), default=0.0)
            return (MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * redundancy, -i)

        best = max(remaining, key=marginal)
        chosen.append(best)
        remaining.discard(best)
    return [clusters[i] for i in chosen]


# --- Entries ---------------------------------------------------------------


def _representative(group: _Group) -> _Mention:
    """The mention that words the event best: closest to the group's centroid, independent sources first."""
    norm = math.sqrt(group.norm_sq or 1.0)
    return max(
        group.mentions,
        key=lambda m: (not m.derived, round(_dot(m.vector, group.vector) / norm, 6), -m.order, -m.position),
    )


def _entry(group: _Group, importance: float) -> TimelineEntry:
    first = _representative(group)
    others = sorted((m for m in group.mentions if m is not first), key=lambda m: (m.order, m.position))
    ordered = [first, *others]
    sources = tuple(dict.fromkeys(m.article for m in sorted(group.mentions, key=lambda m: m.order)))
    return TimelineEntry(
        date=first.when.iso,
        kind=_group_kind(group.mentions),
        text=first.text,
        sources=sources,
        evidence=tuple(Evidence(m.article, m.start, m.end, m.text) for m in ordered),
        bound=_shared_bound(group.mentions),
        importance=importance,
    )


def _shared_bound(mentions: Sequence[_Mention]) -> str | None:
    """The bound more than half the mentions give ("until" when most say "until September 2026"), else None."""
    counts = Counter(m.bound for m in mentions)
    bound, count = max(counts.items(), key=lambda pair: (pair[1], pair[0] is not None, pair[0] or ""))
    return bound if 2 * count > len(mentions) else None


def _group_kind(mentions: Sequence[_Mention]) -> EventKind:
    """Past when any source tells it as done (a later report overrides an earlier plan), else planned."""
    if any(m.kind == "past" for m in mentions):
        return "past"
    return "planned"


def _sort_key(group: _Group, entry: TimelineEntry, rank: int) -> tuple:
    """Date order; a deadline ("by 2025") sits at the end of its span, other dates at its start; coarse after fine."""
    when = group.mentions[0].when
    point = when.last if group.family == "end" else when.first
    return (point, _PRECISION_RANK[when.precision], entry.date, rank)


__all__ = ["CalendarDate", "build_timeline", "calendar_date", "event_kind"]
