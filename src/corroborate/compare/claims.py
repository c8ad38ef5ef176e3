"""Claims: atomic factual statements, aligned across sources.

Articles are cut into *statements* (clauses of sentences: sentences split at
semicolons and at contrasting conjunctions), each keeping its exact span and
the entities, times and quantities the annotate stage found in it. A sentence
often carries several facts ("about 2,500 troops in Iraq or the additional 900
in Syria"), so facts are compared as *units*:

* an **anchored unit** is one time or quantity of a statement together with
  its *slot*: the content words and entities around it in the same statement
  (up to the neighbouring anchor), which say what the date or number is of;
* a **text unit** is a whole statement, compared by its content words.

Two units of different articles say the same thing when their anchors agree
(compatible dates: equal, or one a refinement of the other, "2025" and
"2025-09"; equal numbers) and their slots share enough words, or, for text
units, when their content words overlap strongly (rarity-weighted Dice).
Matching pairs are merged best-first into claims, at most one unit per
article (a repeat inside one article is kept as extra evidence), so chains of
weak links do not fuse unrelated facts. Each claim counts the *independent*
sources among its articles: a copy or summary adds its evidence, not a vote.

Word overlap, not sentence embeddings: DEPENDENCIES.md records that the only
offline PyPI embedding model needs torch (several hundred MB) at 12-16 ms per
sentence; with anchors carrying most of the signal in news facts, that cost
is not justified until a benchmark shows it helps.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from corroborate.annotate.cues import ANONYMOUS_NOUNS, CUE_FORMS
from corroborate.compare.words import (
    WORD,
    is_stamp_or_address,
    normalize_word,
    quoted_ranges,
    weighted_dice,
    word_stem,
)
from corroborate.model import AnnotatedArticle, Claim, Quantity, Statement, TimeExpression

#: Statements shorter than this many words carry no checkable fact ("He added.").
MIN_STATEMENT_WORDS = 5
#: Clause breaks inside a sentence: semicolons, and a comma before a
#: contrasting conjunction ("..., while Iraq's statement indicated ...").
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?=(?:while|whereas|but)\s)")
#: A list item's bullet and label ("- Timeline: ") is not part of the fact.
_ITEM_LABEL = re.compile(r"^(?:[-•*–]\s+)?(?:[A-Z][\w ]{0,30}:\s+)?")
#: Calendar values a date anchor can have (TIMEX3: year, month, day, week, season, quarter, half).
_CALENDAR_VALUE = re.compile(r"^\d{4}(?:-(?:\d\d(?:-\d\d)?|W\d\d|WI|SP|SU|FA|Q[1-4]|H[12]))?$")

#: News wording varies most in its verbs: outlets write "end", "conclude" or
#: "wind down" for one event. These general English synonym sets (not words
#: of any one story) map to one word before slots and statements are compared.
EVENT_SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "end ends ended ending conclude concludes concluded concluding conclusion finish finished complete completed "
        "wind winding close closed",
        "begin begins began begun start starts started launch launched launches initiate initiated",
        "meet meets met meeting talks",
        "kill killed kills killing slay slain",
        "increase increased increases rise rose risen grow grew grown",
        "decrease decreased decreases reduce reduced reduces reduction cut cuts fall fell drop dropped",
        "withdraw withdrew withdrawn withdrawing withdrawal pull",
        "troops forces soldiers personnel",
    )
)
_SYNONYM = {word: min(group) for group in EVENT_SYNONYMS for word in group}
#: Two date anchors with compatible values are the same fact when their slots
#: share at least this many distinctive words (used in under
#: ``COMMON_WORD_SHARE`` of the batch's statements; "Iraq" and "U.S." are in
#: most of them) and this rarity-weighted Dice overlap. On the example,
#: same-fact pairs share 3-6 slot words (weighted Dice 0.3-0.7); unrelated
#: facts of the same year or month share 0-1.
MIN_SHARED_SLOT_WORDS = 2
MIN_SLOT_DICE = 0.25
COMMON_WORD_SHARE = 0.3
#: Two groups of units merge only when at least this share of their cross
#: pairs match too (average linkage): a chain of weak links through a
#: sentence holding two facts must not fuse both facts' claims.
MIN_LINKED_SHARE = 0.5
#: Equal numbers need less: a specific number plus one shared slot word
#: ("900 ... Syria") is strong evidence; round numbers are common, so not none.
MIN_SHARED_QUANTITY_WORDS = 1
#: Relative tolerance for two numbers to be equal ("about 2,500" vs "2,500").
NUMBER_TOLERANCE = 0.01
#: Whole statements with rarity-weighted Dice of content stems at least this
#: are the same claim (paraphrases of one fact in the example reach 0.45-0.8;
#: different facts about the same story stay under 0.35).
MIN_TEXT_SIMILARITY = 0.45
#: Text units are compared only when they share this many stems, found
#: through an index of stems rarer than ``MAX_INDEX_SHARE`` of statements.
MIN_SHARED_STEMS = 3
MAX_INDEX_SHARE = 0.2
#: A claim's weight (for ranking) grows with independent sources and falls
#: with its statements' distance from the article's top (the lede carries
#: the main facts): position weight is 1 / (1 + index / LEDE_DECAY).
LEDE_DECAY = 4.0

#: Words that say who said something, not what: reporting verbs and the
#: generic nouns for unnamed sources. They are left out of slots and stems.
_NOT_CONTENT = frozenset(CUE_FORMS) | frozenset(ANONYMOUS_NOUNS) | {"according"}


@dataclass(frozen=True)
class Unit:
    """One comparable fact of a statement: an anchor (date, number) with its slot, or the whole statement."""

    statement: int
    kind: str  # "time" | "quantity" | "text"
    value: str
    slot: frozenset[str]
    time: TimeExpression | None = None
    quantity: Quantity | None = None


@dataclass
class ClaimSet:
    """Statements, units and claims of a batch, with the links between them (for conflicts and briefs)."""

    statements: list[Statement]
    units: list[Unit]
    vocabulary: Vocabulary
    #: statement index -> its content tokens (stems with their offsets)
    tokens: list[list[Token]] = field(default_factory=list)
    #: entity tokens ("@Name") of people
    people: frozenset[str] = frozenset()
    #: stems of the titles that come with names ("Prime Minister")
    titles: frozenset[str] = frozenset()
    claims: list[Claim] = field(default_factory=list)
    #: unit index -> index of the claim it belongs to
    claim_of_unit: dict[int, int] = field(default_factory=dict)
    #: claim index -> statement indexes
    members: list[list[int]] = field(default_factory=list)


# --- Statements -------------------------------------------------------------


def find_statements(item: AnnotatedArticle) -> list[Statement]:
    """The statements of one annotated article, in text order."""
    text = item.article.text
    entity_names = _entity_names(item)
    quotes = quoted_ranges(text)
    statements = []
    for index, sentence in enumerate(item.sentences):
        for start, end in _clauses(text, sentence.start, sentence.end):
            if len(WORD.findall(text, start, end)) < MIN_STATEMENT_WORDS:
                continue
            times = tuple(t for t in item.times if start <= t.start and t.end <= end)
            if is_stamp_or_address(text, start, end, [(t.start, t.end) for t in times]):
                continue
            statements.append(
                Statement(
                    source=item.article.id,
                    start=start,
                    end=end,
                    text=text[start:end],
                    sentence=index,
                    entities=tuple(dict.fromkeys(name for (s, e), name in entity_names.items() if start <= s and e <= end)),
                    times=times,
                    quantities=tuple(q for q in item.quantities if start <= q.start and q.end <= end),
                    quoted=_quoted_share(quotes, start, end) > 0.5,
                )
            )
    return statements


def _entity_names(item: AnnotatedArticle) -> dict[tuple[int, int], str]:
    names = item.entity_clusters or tuple(m.canonical for m in item.entities)
    return {(m.start, m.end): name for m, name in zip(item.entities, names)}


def _clauses(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Clause spans of a sentence, trimmed, without a list item's bullet and label."""
    position = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        yield from _trimmed(text, position, match.start())
        position = match.end()
    yield from _trimmed(text, position, end)


def _trimmed(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    label = _ITEM_LABEL.match(text, start, end)
    if label and label.end() < end and label.group().strip():
        start = label.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _quoted_share(quotes: Sequence[tuple[int, int]], start: int, end: int) -> float:
    inside = sum(max(0, min(end, q_end) - max(start, q_start)) for q_start, q_end in quotes)
    return inside / max(1, end - start)


# --- Units ------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str  # a stem, or "@Entity Name"


def statement_tokens(
    statement: Statement,
    text: str,
    entity_names: Mapping[tuple[int, int], str],
    quoted: Sequence[tuple[int, int]],
) -> list[Token]:
    """Content tokens of a statement outside quotes: stems, and one token per entity mention.

    ``entity_names`` and ``quoted`` are the article's entity names by span and
    quoted stretches, worked out once per article by the caller.
    """
    entities = sorted((s, e, name) for (s, e), name in entity_names.items() if statement.start <= s and e <= statement.end)
    quotes = [(s, e) for s, e in quoted if s < statement.end and e > statement.start]
    tokens: list[Token] = []
    entity_at = 0
    for match in WORD.finditer(text, statement.start, statement.end):
        start, end = match.span()
        if any(q_start <= start < q_end for q_start, q_end in quotes):
            continue
        while entity_at < len(entities) and entities[entity_at][1] <= start:
            entity_at += 1
        if entity_at < len(entities) and entities[entity_at][0] <= start < entities[entity_at][1]:
            s, e, name = entities[entity_at]
            if not tokens or tokens[-1].start != s:
                tokens.append(Token(s, e, "@" + name))
            continue
        normal = normalize_word(match.group())
        if normal in _NOT_CONTENT:
            continue
        stem = word_stem(_SYNONYM.get(normal, normal))
        if stem:
            tokens.append(Token(start, end, stem))
    return tokens


def statement_units(index: int, statement: Statement, tokens: Sequence[Token]) -> list[Unit]:
    """The units of one statement: one per calendar date and per number, plus the whole statement."""
    anchors: list[tuple[int, int, str, TimeExpression | None, Quantity | None]] = []
    for time in statement.times:
        if time.type == "DATE" and _CALENDAR_VALUE.match(time.value):
            anchors.append((time.start, time.end, "time", time, None))
    for quantity in statement.quantities:
        if quantity.value is not None or quantity.low is not None:
            if not any(a_start < quantity.end and quantity.start < a_end for a_start, a_end, *_ in anchors):
                anchors.append((quantity.start, quantity.end, "quantity", None, quantity))
    anchors.sort(key=lambda anchor: anchor[0])
    units = []
    for position, (start, end, kind, time, quantity) in enumerate(anchors):
        # The slot runs to the neighbouring anchors: with two dates in a
        # sentence ("from bases in Baghdad by September 2025 and from the
        # Kurdistan region by September 2026") each keeps its own words.
        before_limit = anchors[position - 1][1] if position > 0 else statement.start
        after_limit = anchors[position + 1][0] if position + 1 < len(anchors) else statement.end
        slot = frozenset(t.word for t in tokens if before_limit <= t.start and t.end <= after_limit and not start <= t.start < end)
        if quantity is not None and quantity.counted:
            slot |= {stem for word in quantity.counted.split() if (stem := word_stem(normalize_word(word)))}
        value = time.value if time is not None else _number_value(quantity)  # type: ignore[arg-type]
        units.append(Unit(index, kind, value, slot, time, quantity))
    units.append(Unit(index, "text", "", frozenset(t.word for t in tokens)))
    return units


def _number_value(quantity: Quantity) -> str:
    value = quantity.value if quantity.value is not None else quantity.low
    unit = f" {quantity.unit}" if quantity.unit else ""
    return f"{value:g}{unit}"


# --- Comparing units ----------------------------------------------------------


def compatible_dates(a: str, b: str) -> bool:
    """True when two TIMEX3 calendar values can name the same time ("2025" and "2025-09" can)."""
    shorter, longer = sorted((a, b), key=len)
    return longer == shorter or (longer.startswith(shorter) and longer[len(shorter)] == "-")


def close_precision(a: str, b: str) -> bool:
    """True when two values differ by at most one level of precision (year/month, month/day).

    A year alone says little about which event of that year is meant, so a
    year is not matched to a single day ("2024" to "2024-09-27").
    """
    return abs(a.count("-") - b.count("-")) <= 1


def numbers_agree(a: Quantity, b: Quantity) -> bool:
    """True when two quantities can be the same number (ranges overlap; approximations within 10%)."""
    a_low, a_high = _bounds(a)
    b_low, b_high = _bounds(b)
    return a_low <= b_high and b_low <= a_high


def _bounds(quantity: Quantity) -> tuple[float, float]:
    low = quantity.low if quantity.low is not None else quantity.value
    high = quantity.high if quantity.high is not None else quantity.value
    assert low is not None and high is not None
    slack = 0.1 if quantity.approx else NUMBER_TOLERANCE
    return low * (1 - slack), high * (1 + slack)


@dataclass(frozen=True)
class Vocabulary:
    """How rare each word is in the batch: rarity weights and the words too common to tell facts apart."""

    weights: Mapping[str, float]
    common: frozenset[str]


def slot_overlap(a: Unit, b: Unit, vocabulary: Vocabulary) -> tuple[int, float]:
    """Distinctive slot words two units share, and their rarity-weighted Dice overlap."""
    shared = len((a.slot & b.slot) - vocabulary.common)
    return shared, weighted_dice(a.slot, b.slot, vocabulary.weights)


def same_slot(a: Unit, b: Unit, vocabulary: Vocabulary) -> bool:
    """True when two anchored units are about the same date or number, whatever their values."""
    if a.kind != b.kind or a.kind == "text":
        return False
    if a.kind == "quantity" and (a.quantity.unit or "") != (b.quantity.unit or ""):  # type: ignore[union-attr]
        return False
    shared, dice = slot_overlap(a, b, vocabulary)
    return shared >= MIN_SHARED_SLOT_WORDS and dice >= MIN_SLOT_DICE


def unit_match(a: Unit, b: Unit, vocabulary: Vocabulary) -> float:
    """How strongly two units of different articles state the same fact (0 = not at all)."""
    if a.kind != b.kind:
        return 0.0
    if a.kind == "time":
        if not compatible_dates(a.value, b.value) or not close_precision(a.value, b.value):
            return 0.0
        shared, dice = slot_overlap(a, b, vocabulary)
        return 0.5 + dice if shared >= MIN_SHARED_SLOT_WORDS and dice >= MIN_SLOT_DICE else 0.0
    if a.kind == "quantity":
        if not numbers_agree(a.quantity, b.quantity) or (a.quantity.unit or "") != (b.quantity.unit or ""):  # type: ignore[arg-type,union-attr]
            return 0.0
        shared, dice = slot_overlap(a, b, vocabulary)
        return 0.5 + dice if shared >= MIN_SHARED_QUANTITY_WORDS else 0.0
    similarity = weighted_dice(a.slot, b.slot, vocabulary.weights)
    return similarity if similarity >= MIN_TEXT_SIMILARITY else 0.0


def batch_vocabulary(units: Sequence[Unit]) -> Vocabulary:
    """Inverse document frequency of words over the batch's statements, and its common words."""
    counts = Counter(word for unit in units if unit.kind == "text" for word in unit.slot)
    total = sum(1 for unit in units if unit.kind == "text")
    weights = {word: math.log(1 + total / count) for word, count in counts.items()}
    common = frozenset(word for word, count in counts.items() if count > COMMON_WORD_SHARE * total)
    return Vocabulary(weights, common)


def candidate_pairs(units: Sequence[Unit], statements: Sequence[Statement]) -> Iterable[tuple[int, int]]:
    """Pairs of units of different articles worth comparing (a blocking index keeps this near-linear)."""
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    text_units = [index for index, unit in enumerate(units) if unit.kind == "text"]
    document_frequency = Counter(word for index in text_units for word in units[index].slot)
    limit = max(2, MAX_INDEX_SHARE * len(text_units))
    for index, unit in enumerate(units):
        if unit.kind == "time":
            buckets[("time", unit.value[:4])].append(index)
        elif unit.kind == "quantity":
            buckets[("quantity", f"{round(math.log10(abs(float(unit.value.split()[0])) + 1), 0)}")].append(index)
        else:
            for word in unit.slot:
                if document_frequency[word] <= limit:
                    buckets[("text", word)].append(index)
    seen: Counter[tuple[int, int]] = Counter()
    for (kind, _), members in buckets.items():
        for position, a in enumerate(members):
            for b in members[position + 1 :]:
                if statements[units[a].statement].source == statements[units[b].statement].source:
                    continue
                pair = (a, b) if a < b else (b, a)
                seen[pair] += 1
                if kind != "text" or seen[pair] == MIN_SHARED_STEMS:
                    yield pair


# --- Claims -------------------------------------------------------------------


def find_claims(annotated: Sequence[AnnotatedArticle], groups: Mapping[str, str]) -> ClaimSet:
    """Statements of every article, aligned into claims with their independent-source counts."""
    statements: list[Statement] = []
    units: list[Unit] = []
    token_lists: list[list[Token]] = []
    for item in annotated:
        entity_names = _entity_names(item)
        quoted = quoted_ranges(item.article.text)
        for statement in find_statements(item):
            tokens = statement_tokens(statement, item.article.text, entity_names, quoted)
            units.extend(statement_units(len(statements), statement, tokens))
            statements.append(statement)
            token_lists.append(tokens)
    vocabulary = batch_vocabulary(units)
    scored = {}
    for a, b in candidate_pairs(units, statements):
        score = unit_match(units[a], units[b], vocabulary)
        if score > 0:
            scored[(a, b)] = score
    members = _merge(units, statements, scored)
    people = frozenset(
        "@" + name
        for item in annotated
        for mention, name in zip(item.entities, item.entity_clusters or [m.canonical for m in item.entities])
        if mention.label == "PERSON"
    )
    titles = frozenset(
        stem
        for item in annotated
        for mention in item.entities
        if mention.role
        for word in WORD.findall(mention.role)
        if (stem := word_stem(normalize_word(word)))
    )
    claim_set = ClaimSet(statements, units, vocabulary, token_lists, people=people, titles=titles)
    _build_claims(claim_set, members, groups)
    return claim_set


def _merge(units: Sequence[Unit], statements: Sequence[Statement], scored: Mapping[tuple[int, int], float]) -> list[list[int]]:
    """Best-first, average-linkage merging of matching units into groups holding one unit per article."""
    group_of = list(range(len(units)))
    groups: dict[int, list[int]] = {index: [index] for index in range(len(units))}
    articles: dict[int, set[str]] = {index: {statements[unit.statement].source} for index, unit in enumerate(units)}
    extra: dict[int, list[int]] = defaultdict(list)
    for a, b in sorted(scored, key=lambda pair: (-scored[pair], pair)):
        group_a, group_b = group_of[a], group_of[b]
        if group_a == group_b or not _linked(groups[group_a], groups[group_b], scored):
            continue
        if articles[group_a] & articles[group_b]:
            # The same article already speaks in the other group: keep this
            # unit as extra evidence when it is alone (a repeated statement).
            if len(groups[group_b]) == 1 and units[b].statement not in {units[m].statement for m in groups[group_a]}:
                extra[group_a].append(b)
            elif len(groups[group_a]) == 1 and units[a].statement not in {units[m].statement for m in groups[group_b]}:
                extra[group_b].append(a)
            continue
        for member in groups[group_b]:
            group_of[member] = group_a
        groups[group_a].extend(groups.pop(group_b))
        articles[group_a] |= articles.pop(group_b)
        extra[group_a].extend(extra.pop(group_b, []))
    result = []
    for root, members in groups.items():
        joined = members + [unit for unit in extra.get(root, []) if group_of[unit] == unit and len(groups.get(unit, [])) == 1]
        result.append(sorted(set(joined)))
    return result


def _linked(a: Sequence[int], b: Sequence[int], scored: Mapping[tuple[int, int], float]) -> bool:
    """True when enough cross pairs of two groups match (average linkage)."""
    matching = sum(1 for x in a for y in b if (min(x, y), max(x, y)) in scored)
    return matching >= MIN_LINKED_SHARE * len(a) * len(b)


def _build_claims(claim_set: ClaimSet, unit_groups: Sequence[Sequence[int]], groups: Mapping[str, str]) -> None:
    """Turn unit groups into claims: one per distinct set of statements, strongest first."""
    statements, units = claim_set.statements, claim_set.units
    by_statements: dict[tuple[int, ...], list[int]] = {}
    for members in unit_groups:
        key = tuple(sorted({units[m].statement for m in members}))
        by_statements.setdefault(key, []).extend(members)
    # A single statement's text unit adds nothing when the statement already
    # stands in a claim with others (its date or number matched).
    keys = sorted(by_statements, key=len, reverse=True)
    kept: list[tuple[int, ...]] = []
    for key in keys:
        # A claim whose statements all stand in a larger claim repeats it
        # (its date matched where the larger one's number did): fold it in.
        home = next((larger for larger in kept if set(key) <= set(larger)), None)
        if home is None:
            kept.append(key)
        else:
            by_statements[home].extend(by_statements[key])
    candidates = [(key, by_statements[key]) for key in kept]
    drafts = []
    for key, members in candidates:
        sources = tuple(dict.fromkeys(statements[index].source for index in key))
        independent = {groups.get(source, source) for source in sources}
        weight = len(independent) + sum(_position_weight(statements[index]) for index in key) / len(key)
        drafts.append((weight, key, members, sources, independent))
    drafts.sort(key=lambda draft: (-draft[0], draft[1]))
    for number, (weight, key, members, sources, independent) in enumerate(drafts, start=1):
        representative = _representative(key, statements, groups)
        ordered = [representative] + [index for index in key if index != representative]
        derived = tuple(source for source in sources if groups.get(source, source) != source)
        claim = Claim(
            id=f"c{number}",
            text=statements[representative].text,
            status="corroborated" if len(independent) >= 2 else "single-source",
            sources=sources,
            independent_sources=len(independent),
            evidence=tuple(statements[index].evidence() for index in ordered),
            derived_sources=derived,
            notes=tuple(_precision_notes(members, units, statements)),
            weight=round(weight, 3),
        )
        for member in members:
            claim_set.claim_of_unit.setdefault(member, len(claim_set.claims))
        claim_set.claims.append(claim)
        claim_set.members.append(list(ordered))


def _position_weight(statement: Statement) -> float:
    return 1.0 / (1.0 + statement.sentence / LEDE_DECAY)


def _representative(key: Sequence[int], statements: Sequence[Statement], groups: Mapping[str, str]) -> int:
    """The statement that words the claim: from an independent source, early in its article, not a quote."""

    def rank(index: int) -> tuple[bool, bool, int, int]:
        statement = statements[index]
        derived = groups.get(statement.source, statement.source) != statement.source
        return (derived, statement.quoted, statement.sentence, len(statement.text))

    return min(key, key=rank)


def _precision_notes(members: Sequence[int], units: Sequence[Unit], statements: Sequence[Statement]) -> list[str]:
    """Compatible dates of different sources given at different precision ("2025" and "2025-09")."""
    dated = [units[m] for m in members if units[m].kind == "time"]
    notes = []
    for coarse in sorted({unit.value for unit in dated}, key=len):
        finer = [
            u for u in dated
            if len(u.value) > len(coarse) and compatible_dates(u.value, coarse) and close_precision(u.value, coarse)
            and u.time is not None and not u.time.anchor
        ]
        coarse_units = [u for u in dated if u.value == coarse]
        finer = [u for u in finer if statements[u.statement].source != statements[coarse_units[0].statement].source]
        if not finer:
            continue
        wording = [_wording(unit, statements) for unit in (coarse_units[0], *finer)]
        notes.append("the same date at different precision, which agree: " + ", ".join(dict.fromkeys(wording)))
    return notes


def _wording(unit: Unit, statements: Sequence[Statement]) -> str:
    assert unit.time is not None
    return f"“{unit.time.text}” ({statements[unit.statement].source}: {unit.value})"


__all__ = [
    "ClaimSet",
    "Unit",
    "compatible_dates",
    "find_claims",
    "find_statements",
    "numbers_agree",
    "same_slot",
    "slot_overlap",
]
