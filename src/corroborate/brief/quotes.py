"""Who said what: the quotes of a batch grouped by speaker and statement, across outlets.

Part of the ``brief`` stage. :func:`group_quotes` takes the quotes the
``annotate`` stage found in each article (direct and indirect speech, each with
its content span and a resolved speaker) and returns one
:class:`~corroborate.model.QuoteGroup` per statement: the same speaker saying
the same thing, however many outlets report it and in whatever words.

Two questions are answered separately:

* **Who is speaking.** A named speaker (a person or an organization) is the
  cross-article entity its mention is linked to, so "Sudani", "Prime Minister
  Al-Sudani" and "Mohammed Shia al-Sudani" in different outlets are one
  speaker. A described speaker ("a U.S. official who spoke on the condition of
  anonymity", "the joint statement") is only known inside its own article;
  across articles two descriptions *may* be one speaker when they are of the
  same kind, name the same kind of source and do not name different countries
  -- and then only the content decides (two anonymous officials are never
  merged just because both are "an official").
* **Is it the same statement.** Contents are compared on their content-word
  stems, the entities they name (by cross-article name, so "the United
  States" and "the U.S." agree), their dates and their numbers. Each term is
  weighted by how rare it is in the batch's sentences (a story's ubiquitous
  names -- "Iraq", "ISIS" -- say little), and stems in different spellings
  are matched with rapidfuzz. Quotes of one speaker that score at least
  :data:`SAME_STATEMENT_SIMILARITY` (:data:`SAME_SPEAKER_SIMILARITY` for a
  named speaker) are one statement; groups are built by merging the best
  pairs first with average linkage, never joining two speakers known to differ.

There is no paraphrase model here (none is installed, and none may be
downloaded), so statements reworded with synonyms ("no need for a coalition"
/ "not required anymore") are found only with the help of a shared occasion:
the same named speaker quoted from the same named venue ("in an interview
with Bloomberg") is one statement as soon as the two contents share a
content word.

Every cited passage is an exact slice of its article's text: the group's
evidence cites each quote's whole attribution, each variant its content.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from corroborate.annotate.cues import ANONYMITY_MARKERS
from corroborate.annotate.names import STEM_PREFIX_MIN, spelling_key
from corroborate.compare.words import weighted_dice
from corroborate.extract.textlines import STOPWORDS
from corroborate.model import AnnotatedArticle, EntityMention, Evidence, Quote, QuoteGroup, QuoteVariant, Span

#: Two quotes of one *described* speaker (or of two descriptions that may be one
#: source) are one statement when their content similarity (IDF-weighted Dice
#: over stems, names, dates and numbers, 0..1) is at least this. Measured on the
#: bundled example over every pair of quotes whose speakers could be one: pairs a
#: reader calls one statement score 0.28-1.00 (the defense official's "not going
#: to speak to our plans concerning specific base locations" vs "not going to
#: discuss specific plans regarding the location of bases": 0.66; "the United
#: States is not withdrawing from Iraq" vs "This is an evolution ... the U.S. is
#: not withdrawing from Iraq": 0.47; "two-phased transition" vs "two-phase
#: transition plan": 0.41), different statements score up to 0.34 ("not a
#: negotiation about the withdrawal of U.S. forces" vs "not withdrawing"), and
#: both kinds mix in 0.28-0.37. 0.38 is the bottom of the band with no wrong
#: merge: for a described speaker a merge also asserts that two descriptions are
#: one person, so a missed pair (shown twice) is the cheaper error. Missed on the
#: example: "ISIS remains a threat" (003) vs "It continues to pose a real threat"
#: (004), 0.37; "the wind-down would involve two phases" vs "a two-phase
#: transition plan", 0.35.
SAME_STATEMENT_SIMILARITY = 0.38

#: The bar for one *named* speaker, whose identity is not in doubt: only the
#: statement is. On the example, the named speaker's same-statement pair
#: (Abbassi's Kurdistan timetable, 001 vs 002) scores 0.36 and his or her
#: different statements at most 0.21 (Sabrina Singh's "express invitation ...
#: working partnership" vs "we certainly value the partnership"); 0.30 is
#: between the two.
SAME_SPEAKER_SIMILARITY = 0.30

#: Two stems that are not equal are one word (see :func:`spelling_classes`) when
#: they begin with the same SPELLING_BLOCK letters, are at least MIN_FUZZY_STEM
#: letters long and rapidfuzz's ratio (0..100) is at least this: derivations the
#: stemmer leaves apart ("significantly"/"significant": 92). Set on the example's
#: quote vocabulary: at 85 different words pair up ("continu"/"contain" 86,
#: "present"/"presenc" 86, "country"/"counter"); at 90 none do. British and
#: American spellings are folded before, by the annotate stage's spelling_key.
FUZZY_STEM_RATIO = 90.0
#: Shorter stems must match exactly ("plan"/"plant" must not match).
MIN_FUZZY_STEM = 6
#: Stems are only compared with stems that begin with the same letters.
SPELLING_BLOCK = 4

#: Words that carry no content in a quote, on top of the English function words
#: of :data:`corroborate.extract.textlines.STOPWORDS`: contraction fragments left
#: by splitting on apostrophes, and fillers that reword freely ("very", "really").
QUOTE_STOPWORDS: frozenset[str] = STOPWORDS | frozenset(
    """also just very really now even still quite s t re ve ll d m
    said say says told tell""".split()
)

#: Words that spell a number: inside a quantity they are counted as its value, not as words.
NUMBER_WORDS: frozenset[str] = frozenset(
    """one two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds
    thousand thousands million millions billion billions half third quarter""".split()
)

#: Entity labels that name countries, places and nationalities: two described
#: speakers attached to different ones ("Iraqi officials", "U.S. officials")
#: are different people.
PLACE_LABELS: frozenset[str] = frozenset({"PLACE", "GPE", "NORP", "LOC", "OTHER"})

#: Speaker kinds that name someone; the others describe a source.
NAMED_KINDS: frozenset[str] = frozenset({"person", "organization"})

#: Words after which a description goes on about its head noun ("official *from*
#: the administration *who* briefed reporters", "statement *by* Washington").
DESCRIPTION_BREAKS: frozenset[str] = frozenset({"by", "from", "of", "who", "at", "with", "in", "for", "that"})

#: Display name of a quote the annotate stage could not attribute.
UNKNOWN_SPEAKER = "unidentified speaker"

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_CONTRACTION = re.compile(r"(?:'(?:s|re|ve|ll|d|m)|n't)$")
_DETERMINER = re.compile(r"^(?:a|an|the|another)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class SpeakerIdentity:
    """Who said a quote, as far as the batch can tell (a working record of this module).

    ``key`` is a batch-wide identity for a named speaker and an article-level
    one for a described speaker; ``places`` are the cross-article names of the
    countries a description names; ``head`` its head noun, singular.
    """

    key: str
    name: str
    kind: str | None
    named: bool
    head: str = ""
    places: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Said:
    """One quote of the batch with what grouping needs to know about it."""

    order: int
    source: str
    quote: Quote
    speaker: SpeakerIdentity
    description: str
    terms: frozenset[str]
    occasion: frozenset[str]


def group_quotes(annotated: Sequence[AnnotatedArticle], groups: Mapping[str, str]) -> tuple[QuoteGroup, ...]:
    """Who said what: the batch's quotes grouped by speaker and statement, most widely reported first.

    ``groups`` maps each article id to the id of the independent source it
    counts as (:func:`corroborate.compare.independent_groups`); a group's rank
    counts independent sources only. A quote whose spans are not exact slices
    of its article's text cannot be cited and is left out.
    """
    said = _collect(annotated)
    classes = spelling_classes(term for item in said for term in item.terms)
    said = [dataclasses.replace(item, terms=respell(item.terms, classes)) for item in said]
    weights = term_weights(annotated, classes)
    clusters = _cluster(said, weights)
    built = [_quote_group(members) for members in clusters]
    ranked = sorted(
        zip(built, clusters),
        key=lambda pair: (
            -len({groups.get(source, source) for source in pair[0].sources}),
            -len(pair[0].sources),
            pair[0].speaker.casefold(),
            min(member.order for member in pair[1]),
        ),
    )
    return tuple(group for group, _ in ranked)


# --- speakers ---


def resolve_speaker(item: AnnotatedArticle, quote: Quote) -> SpeakerIdentity:
    """The speaker of a quote: a batch-wide entity for a named one, an article-level description otherwise."""
    kind = quote.speaker_kind
    name = (quote.speaker_name or (quote.speaker.text if quote.speaker else "")).strip()
    if not name:
        return SpeakerIdentity(f"{item.article.id}@{quote.start}", UNKNOWN_SPEAKER, kind, named=False)
    if kind in NAMED_KINDS:
        entity = speaker_entity(item, quote)
        display = entity or name
        return SpeakerIdentity(f"named:{display.casefold()}", display, kind, named=True)
    places = frozenset(
        cluster
        for mention, cluster in _entity_links(item)
        if quote.speaker and mention.label in PLACE_LABELS
        and quote.speaker.start <= mention.start and mention.end <= quote.speaker.end
    )
    return SpeakerIdentity(
        f"{item.article.id}:{name.casefold()}", name, kind, named=False,
        head=description_head(name), places=places,
    )


def speaker_entity(item: AnnotatedArticle, quote: Quote) -> str | None:
    """The cross-article name of a named speaker, or None when no entity mention stands for it.

    Tried in order: a mention inside the speaker span whose article-level name
    is the speaker's name; any mention in the article with that name (a
    pronoun speaker, "He", resolved to "Thabet al-Abbassi"); for coordinated
    speakers ("Washington and Baghdad") the mentions inside the span joined
    with "and"; else the last name-like mention inside the span (its head:
    "Pentagon spokeswoman Sabrina Singh").
    """
    links = _entity_links(item)
    name = (quote.speaker_name or "").casefold()
    span = quote.speaker
    inside = [
        (mention, cluster) for mention, cluster in links
        if span and span.start <= mention.start and mention.end <= span.end
    ]
    for mention, cluster in inside:
        if mention.canonical.casefold() == name:
            return cluster
    for mention, cluster in links:
        if name and mention.canonical.casefold() == name:
            return cluster
    wanted = ("PERSON",) if quote.speaker_kind == "person" else ("ORG", "PLACE", "GPE", "NORP")
    candidates = [(mention, cluster) for mention, cluster in inside if mention.label in wanted]
    if len(candidates) > 1 and " and " in f" {name} ":
        return " and ".join(dict.fromkeys(cluster for _, cluster in candidates))
    if candidates:
        return candidates[-1][1]
    return None


def description_head(description: str) -> str:
    """The head noun of a source's description, singular: "senior U.S. defense officials" -> "official"."""
    words = _WORD.findall(description.split("(")[0])
    cut = next((i for i, word in enumerate(words) if word.casefold() in DESCRIPTION_BREAKS), len(words))
    head = words[:cut][-1].casefold() if words[:cut] else ""
    if head.endswith("ies") and len(head) > 4:
        return head[:-3] + "y"
    if head.endswith("s") and not head.endswith("ss") and len(head) > 3:
        return head[:-1]
    return head


def speakers_compatible(first: SpeakerIdentity, second: SpeakerIdentity, same_article: bool) -> bool:
    """Whether two quotes' speakers could be one person or source.

    Named speakers are one exactly when they are the same entity. Inside one
    article the annotator has already told its sources apart, so described
    speakers are one only under the same description. Across articles two
    descriptions may be one source when they are of the same kind with the same
    head noun ("official") and name no different countries; the content must
    then decide.
    """
    if first.named or second.named:
        return first.key == second.key
    if first.name == UNKNOWN_SPEAKER or second.name == UNKNOWN_SPEAKER:
        return False
    if same_article:
        return first.key == second.key
    if first.kind != second.kind or not first.head or first.head != second.head:
        return False
    if first.places and second.places and not _places_agree(first.places, second.places):
        return False
    return True


def _places_agree(first: frozenset[str], second: frozenset[str]) -> bool:
    """True when some place of one is a place of the other ("Iraq"/"Iraqi" are one stem)."""
    for one in first:
        for other in second:
            short, long = sorted((one.casefold(), other.casefold()), key=len)
            if short == long or (len(short) >= STEM_PREFIX_MIN and long.startswith(short)):
                return True
    return False


def speaker_description(quote: Quote) -> str:
    """How a source describes the speaker: the speaker mention without its leading article."""
    if quote.speaker is None:
        return quote.speaker_name or UNKNOWN_SPEAKER
    return _DETERMINER.sub("", quote.speaker.text.strip().rstrip(",;:")).strip()


def description_specificity(description: str) -> int:
    """How much a description says about who spoke: its content words, minus an anonymity clause.

    "a U.S. official who spoke on the condition of anonymity" counts as much
    as "a U.S. official" (2); "a senior administration official" says more (3).
    """
    lowered = description.split("(")[0].casefold()
    for marker in ANONYMITY_MARKERS:
        at = lowered.find(marker)
        if at >= 0:
            clause = max(lowered.rfind(" who ", 0, at), lowered.rfind(",", 0, at))
            lowered = lowered[:clause] if clause > 0 else lowered
            break
    return len([w for w in _WORD.findall(lowered) if w not in QUOTE_STOPWORDS])


# --- content ---


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A crude English stem of a word ("" for a function word): plural, -ing, -ed, -al and final -e removed.

    The stems only need to agree between wordings of one statement
    ("withdrawing"/"withdrawal", "locations"/"location", "required"/"require"),
    not to be words; a full Porter stemmer would need a new dependency.
    British spellings are folded to American first.
    """
    word = _CONTRACTION.sub("", word.casefold().replace("’", "'"))
    if word in QUOTE_STOPWORDS or not word:
        return ""
    if word.isalpha():
        word = spelling_key(word)  # "defence" -> "defense", "organisation" -> "organization"
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    for suffix, shortest in (("ing", 6), ("ed", 5)):
        if word.endswith(suffix) and len(word) >= shortest:
            word = word[: -len(suffix)]
            if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if word.endswith("al") and len(word) > 6:
        word = word[:-2]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def content_terms(item: AnnotatedArticle, start: int, end: int) -> frozenset[str]:
    """The terms of ``text[start:end]`` compared between quotes.

    Word stems, plus ``@name`` for each entity mentioned (its cross-article
    name), ``t:value`` for each calendar date (TIMEX3 value) and ``#value`` for
    each number; the words of those mentions are not counted again as stems.
    """
    text = item.article.text
    covered: list[tuple[int, int]] = []
    facts: set[str] = set()
    for mention, cluster in _entity_links(item):
        if start <= mention.start and mention.end <= end:
            covered.append((mention.start, mention.end))
            facts.add("@" + cluster.casefold())
    for time in item.times:
        if start <= time.start and time.end <= end and time.value[:1].isdigit():
            covered.append((time.start, time.end))
            facts.add("t:" + time.value)
    for quantity in item.quantities:
        if start <= quantity.start and quantity.end <= end:
            values = (quantity.value,) if quantity.value is not None else (quantity.low, quantity.high)
            facts.update(f"#{value:g}" for value in values if value is not None)
            covered.extend(
                (match.start(), match.end())
                for match in _WORD.finditer(text, quantity.start, quantity.end)
                if match.group().casefold() in NUMBER_WORDS or match.group()[0].isdigit()
            )
    stems = {
        stem(match.group())
        for match in _WORD.finditer(text, start, end)
        if not any(low <= match.start() < high for low, high in covered)
    }
    stems.discard("")
    return frozenset(stems | facts)


def term_weights(annotated: Sequence[AnnotatedArticle], classes: Mapping[str, str] | None = None) -> dict[str, float]:
    """Inverse sentence frequency of every term in the batch: ``log((N+1)/(df+1)) + 1``.

    Stems are counted under their spelling class when ``classes`` is given.
    A term seen in no sentence (one running across a sentence break) is not in
    the table: weigh it as the rarest (``unseen`` of :func:`content_similarity`).
    """
    frequency: Counter[str] = Counter()
    sentences = 0
    for item in annotated:
        spans: Iterable[Span] = item.sentences or item.article.paragraphs()
        for sentence in spans:
            sentences += 1
            frequency.update(respell(content_terms(item, sentence.start, sentence.end), classes or {}))
    return {term: math.log((sentences + 1) / (count + 1)) + 1.0 for term, count in frequency.items()}


def spelling_classes(terms: Iterable[str]) -> dict[str, str]:
    """Stems that are one word spelled or inflected differently, mapped to one of them.

    Two alphabetic stems of at least :data:`MIN_FUZZY_STEM` letters that begin
    alike (:data:`SPELLING_BLOCK` letters) and have a rapidfuzz ratio of at
    least :data:`FUZZY_STEM_RATIO` are one ("significantly"/"significant"); each
    maps to the alphabetically first of its class. Comparing only stems that
    begin alike keeps this near linear in the batch's vocabulary.
    """
    blocks: dict[str, list[str]] = {}
    for term in sorted(set(terms)):
        if term.isalpha() and len(term) >= MIN_FUZZY_STEM:
            blocks.setdefault(term[:SPELLING_BLOCK], []).append(term)
    parent: dict[str, str] = {}

    def root(term: str) -> str:
        while parent.get(term, term) != term:
            term = parent[term]
        return term

    for block in blocks.values():
        for i, term in enumerate(block):
            for other in block[i + 1:]:
                if fuzz.ratio(term, other) >= FUZZY_STEM_RATIO:
                    first, second = sorted((root(term), root(other)))
                    if first != second:
                        parent[second] = first
    return {term: root(term) for term in parent}


def respell(terms: frozenset[str], classes: Mapping[str, str]) -> frozenset[str]:
    """Terms with each stem replaced by its spelling class (see :func:`spelling_classes`)."""
    return frozenset(classes.get(term, term) for term in terms)


def content_similarity(
    first: frozenset[str], second: frozenset[str], weights: Mapping[str, float], *, unseen: float = 1.0
) -> float:
    """IDF-weighted Dice similarity (0..1) of two term sets; a term missing from ``weights`` weighs ``unseen``."""
    return weighted_dice(first, second, weights, unseen=unseen)


def occasion_names(item: AnnotatedArticle, quote: Quote) -> frozenset[str]:
    """Where a quote was said: entities named in its cue's sentence outside any quoted words and its speaker.

    "“…,” Prime Minister al-Sudani said Sept. 15 in an interview with
    Bloomberg." -> {"bloomberg"}.
    """
    if quote.cue is None:
        return frozenset()
    sentence = next(
        (s for s in item.sentences if s.start <= quote.cue.start < s.end),
        Span(quote.start, quote.end, quote.text),
    )
    cue = quote.cue.start
    excluded = [  # quoted words, except an outer report this attribution sits in
        (other.content.start, other.content.end) for other in item.quotes
        if not other.content.start <= cue < other.content.end
    ]
    if quote.speaker:
        excluded.append((quote.speaker.start, quote.speaker.end))
    return frozenset(
        cluster.casefold()
        for mention, cluster in _entity_links(item)
        if sentence.start <= mention.start and mention.end <= sentence.end
        and not any(low <= mention.start < high for low, high in excluded)
    )


# --- grouping ---


def _collect(annotated: Sequence[AnnotatedArticle]) -> list[_Said]:
    """Every citable quote of the batch, in batch order, with its speaker and terms."""
    said: list[_Said] = []
    for item in annotated:
        text = item.article.text
        citable = [
            quote for quote in item.quotes
            if text[quote.start:quote.end] == quote.text
            and text[quote.content.start:quote.content.end] == quote.content.text
        ]
        speakers = [resolve_speaker(item, quote) for quote in citable]
        descriptions = _article_descriptions(citable, speakers)
        for quote, speaker in zip(citable, speakers):
            said.append(_Said(
                order=len(said), source=item.article.id, quote=quote, speaker=speaker,
                description=descriptions[speaker.key],
                terms=content_terms(item, quote.content.start, quote.content.end),
                occasion=occasion_names(item, quote) - {speaker.name.casefold()},
            ))
    return said


def _article_descriptions(quotes: Sequence[Quote], speakers: Sequence[SpeakerIdentity]) -> dict[str, str]:
    """Each speaker of one article under its most specific description there.

    A named speaker is its entity name. A described one is the most specific of
    the ways the article refers to it ("the official" is the "senior official
    from US President Joe Biden's administration who briefed reporters" named
    earlier; "It" is the "joint statement by Washington and Baghdad").
    """
    options: dict[str, list[str]] = {}
    for quote, speaker in zip(quotes, speakers):
        if speaker.named or speaker.name == UNKNOWN_SPEAKER:
            options[speaker.key] = [speaker.name]
        else:
            options.setdefault(speaker.key, [speaker.name]).append(speaker_description(quote))
    return {key: most_specific(values) for key, values in options.items()}


def most_specific(descriptions: Sequence[str]) -> str:
    """The description that says most about who spoke; ties go to the more used, then the first."""
    counts = Counter(descriptions)
    return max(
        dict.fromkeys(descriptions),
        key=lambda text: (description_specificity(text), counts[text], -descriptions.index(text)),
    )


def _may_join(first: _Said, second: _Said) -> bool:
    """Whether two quotes could be one statement by one speaker (before comparing what they say).

    Two pieces of one quotation (the same cue: "“A,” she said. “B.”") are
    different statements; so are nested attributions whose contents overlap.
    """
    same_article = first.source == second.source
    if same_article:
        if first.quote.cue and second.quote.cue and first.quote.cue == second.quote.cue:
            return False
        a, b = first.quote.content, second.quote.content
        if a.start < b.end and b.start < a.end:
            return False
    return speakers_compatible(first.speaker, second.speaker, same_article)


def _statement_similarity(
    first: _Said, second: _Said, weights: Mapping[str, float], unseen: float
) -> tuple[float, float]:
    """The content similarity of two quotes and the bar it must reach for them to be one statement.

    A named speaker's bar is :data:`SAME_SPEAKER_SIMILARITY`, a described
    one's :data:`SAME_STATEMENT_SIMILARITY`. One named speaker quoted from the
    same named occasion needs only a shared content word (bar 0, reached by any
    shared stem): outlets reword such remarks with synonyms.
    """
    score = content_similarity(first.terms, second.terms, weights, unseen=unseen)
    if not first.speaker.named:
        return score, SAME_STATEMENT_SIMILARITY
    if first.occasion & second.occasion and any(term[0].isalpha() and term in second.terms for term in first.terms):
        return score, 0.0
    return score, SAME_SPEAKER_SIMILARITY


def _cluster(said: list[_Said], weights: Mapping[str, float]) -> list[list[_Said]]:
    """Statements: quotes merged best pair first, average linkage, never joining two speakers that differ.

    Two groups merge only when, over all their cross pairs, the speakers could
    be one and the mean similarity reaches the mean bar. Joining on the best
    pair alone (single linkage) chains statements through a middle one: "the
    navy sank a pirate mother ship in the Gulf of Aden" -> "... mother vessel in
    the Gulf of Aden" -> "captured 23 pirates in the Gulf of Aden".
    """
    buckets: dict[tuple[str, ...], list[_Said]] = {}
    for item in said:  # only quotes that could share a speaker are compared
        speaker = item.speaker
        bucket = (speaker.key,) if speaker.named else ("described", speaker.kind or "", speaker.head)
        buckets.setdefault(bucket, []).append(item)
    unseen = max(weights.values(), default=1.0)
    scored: dict[tuple[int, int], tuple[float, float]] = {}

    def similarity(first: _Said, second: _Said) -> tuple[float, float]:
        key = (min(first.order, second.order), max(first.order, second.order))
        if key not in scored:
            scored[key] = _statement_similarity(first, second, weights, unseen)
        return scored[key]

    pairs: list[tuple[float, int, int]] = []
    for bucket in buckets.values():
        for i, first in enumerate(bucket):
            for second in bucket[i + 1:]:
                if first.terms.isdisjoint(second.terms) or not _may_join(first, second):
                    continue  # with nothing in common no bar is reached
                score, bar = similarity(first, second)
                if score >= bar:
                    pairs.append((score, first.order, second.order))
    owner = list(range(len(said)))
    members: dict[int, list[_Said]] = {index: [item] for index, item in enumerate(said)}
    for _, i, j in sorted(pairs, key=lambda pair: (-pair[0], pair[1], pair[2])):
        left, right = owner[i], owner[j]
        if left == right:
            continue
        cross = [(a, b) for a in members[left] for b in members[right]]
        if not all(_may_join(a, b) for a, b in cross):
            continue
        scores = [similarity(a, b) for a, b in cross]
        if sum(score for score, _ in scores) < sum(bar for _, bar in scores):
            continue
        for item in members[right]:
            owner[item.order] = left
        members[left].extend(members.pop(right))
    return [sorted(group, key=lambda item: item.order) for group in members.values()]


def _quote_group(members: list[_Said]) -> QuoteGroup:
    """One statement's record: the speaker's most specific description, each source's wording and attribution."""
    first = members[0]
    if first.speaker.named or first.speaker.name == UNKNOWN_SPEAKER:
        speaker = first.speaker.name
    else:
        speaker = most_specific([item.description for item in members])
    shown = next((item for item in members if item.quote.kind == "direct"), first)
    return QuoteGroup(
        speaker=speaker,
        speaker_kind=first.speaker.kind,
        text=shown.quote.content.text,
        sources=tuple(dict.fromkeys(item.source for item in members)),
        evidence=tuple(Evidence(item.source, item.quote.start, item.quote.end, item.quote.text) for item in members),
        variants=tuple(
            QuoteVariant(
                source=item.source,
                text=item.quote.content.text,
                kind=item.quote.kind,
                evidence=Evidence(item.source, item.quote.content.start, item.quote.content.end, item.quote.content.text),
            )
            for item in members
        ),
    )


def _entity_links(item: AnnotatedArticle) -> list[tuple[EntityMention, str]]:
    """Each entity mention with its cross-article name (its own name when the batch linked none)."""
    clusters = item.entity_clusters or tuple(mention.canonical for mention in item.entities)
    return list(zip(item.entities, clusters))


__all__ = [
    "SAME_SPEAKER_SIMILARITY",
    "SAME_STATEMENT_SIMILARITY",
    "content_similarity",
    "content_terms",
    "description_head",
    "description_specificity",
    "group_quotes",
    "most_specific",
    "occasion_names",
    "resolve_speaker",
    "speaker_description",
    "speaker_entity",
    "speakers_compatible",
    "spelling_classes",
    "respell",
    "SpeakerIdentity",
    "stem",
    "term_weights",
]
