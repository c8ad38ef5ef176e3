"""Conflicts: sources (or one source) giving incompatible values for the same thing.

Three kinds, each shown as positions side by side with their sources and passages:

* **date** -- two dates of the same slot (see :mod:`.claims`: the words around
  a date say what it is the date of) that cannot name the same time: "said
  Sept. 15 in an interview with Bloomberg" vs "in a September 17 interview with
  Bloomberg". Dates of different precision that agree ("2025" and "2025-09")
  are no conflict, nor are a start and an end ("from September 2025" and
  "until September 2026"), nor two dates of one sentence (a sentence listing
  dates contrasts them: "by September 2025 ... by September 2026").
* **quantity** -- two numbers of the same slot and unit whose ranges do not
  overlap (approximate numbers get 10% slack).
* **name** -- one entity named differently by different outlets ("Higher
  Military Commission" vs "High Military Committee"), from the annotate
  stage's cross-article entity linking.

A conflict found inside one article (its statements disagree with each
other) is marked ``within`` that article. Whether a conflict sets independent
witnesses against each other is decided in :func:`genuine`: when every source
of one side derives from a source of the other, the outlets do not disagree,
one of them mangled the other's text.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from corroborate.compare.claims import ClaimSet, Unit, compatible_dates, numbers_agree, same_slot, slot_overlap
from corroborate.model import AnnotatedArticle, Claim, Conflict, EntityCluster, Evidence, Position

#: Bounds that open a period and bounds that close one: a start and an end
#: date of the same thing are different slots, never a conflict.
START_BOUNDS = frozenset({"from", "since", "after"})
END_BOUNDS = frozenset({"by", "until", "through", "to", "at_least_until", "before"})
#: Slot words shown to say what a conflict is about.
MAX_ABOUT_WORDS = 8
#: Disagreeing values need stronger evidence of being about the same thing
#: than agreeing ones (a wrong conflict is worse than a missed one): slots
#: sharing at least this many distinctive words at this weighted Dice, and,
#: among the ``NEAR_WORDS`` words on either side of each anchor, at least
#: ``MIN_SHARED_NEAR_WORDS`` in common. On the example, the two dates of the
#: Prime Minister's Bloomberg interview share 5 slot words (Dice 0.51) and 3
#: near words; a January "talks began" and a September "met" share 4 slot
#: #: words but no near word. Title words ("Prime Minister") do not count as
#: near words: they come with a name, not with an event; at least one near
#: word must be an ordinary word, not a name (two statements naming the same
#: people are not yet about the same event).
MIN_CONFLICT_SHARED_WORDS = 3
MIN_CONFLICT_SLOT_DICE = 0.3
NEAR_WORDS = 4
MIN_SHARED_NEAR_WORDS = 3


def find_conflicts(
    claim_set: ClaimSet, annotated: Sequence[AnnotatedArticle], clusters: Sequence[EntityCluster] = ()
) -> list[Conflict]:
    """Date, quantity and name conflicts of a batch, each with its positions and evidence."""
    references = {
        item.article.id: item.reference.value.isoformat() for item in annotated if item.reference.value is not None
    }
    conflicts = [*_value_conflicts(claim_set, "time", references), *_value_conflicts(claim_set, "quantity", references)]
    conflicts.extend(_name_conflicts(annotated, clusters))
    return conflicts


def _value_conflicts(claim_set: ClaimSet, kind: str, references: Mapping[str, str]) -> list[Conflict]:
    units, statements = claim_set.units, claim_set.statements
    anchored = [index for index, unit in enumerate(units) if unit.kind == kind]
    disagree: dict[int, set[int]] = defaultdict(set)
    agree: dict[int, set[int]] = defaultdict(set)
    for a, b in _slot_pairs(anchored, claim_set):
        unit_a, unit_b = units[a], units[b]
        if statements[unit_a.statement].sentence == statements[unit_b.statement].sentence and (
            statements[unit_a.statement].source == statements[unit_b.statement].source
        ):
            continue
        if not _comparable(a, b, claim_set, references):
            continue
        if _values_agree(unit_a, unit_b):
            agree[a].add(b)
            agree[b].add(a)
        else:
            disagree[a].add(b)
            disagree[b].add(a)
    conflicts = []
    for component in _components(disagree):
        members = set(component)
        for unit in component:
            members |= {other for other in agree[unit] if any(other in disagree[m] or m in agree[other] for m in component)}
        conflict = _conflict(sorted(members), kind, claim_set)
        conflicts.append(conflict)
        if conflict.within is None:
            conflicts.extend(_self_contradictions(component, disagree, kind, claim_set))
    return [conflict for conflict in conflicts if len(conflict.positions) > 1]


def _self_contradictions(
    component: Sequence[int], disagree: Mapping[int, set[int]], kind: str, claim_set: ClaimSet
) -> list[Conflict]:
    """Within a conflict, each source whose own statements disagree with each other."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for unit in component:
        by_source[claim_set.statements[claim_set.units[unit].statement].source].append(unit)
    found = []
    for source, units in sorted(by_source.items()):
        own = [unit for unit in units if disagree[unit] & set(units)]
        if len(own) > 1:
            found.append(_conflict(own, kind, claim_set))
    return found


def _slot_pairs(anchored: Sequence[int], claim_set: ClaimSet) -> Iterable[tuple[int, int]]:
    """Anchored units sharing at least one distinctive slot word (an index keeps this near-linear)."""
    index: dict[str, list[int]] = defaultdict(list)
    for unit in anchored:
        for word in claim_set.units[unit].slot - claim_set.vocabulary.common:
            index[word].append(unit)
    seen = set()
    for members in index.values():
        for position, a in enumerate(members):
            for b in members[position + 1 :]:
                if (a, b) not in seen:
                    seen.add((a, b))
                    yield a, b


def _comparable(a: int, b: int, claim_set: ClaimSet, references: Mapping[str, str]) -> bool:
    """True when two anchored units are surely about the same date or number."""
    unit_a, unit_b = claim_set.units[a], claim_set.units[b]
    if not same_slot(unit_a, unit_b, claim_set.vocabulary):
        return False
    if _bound_kind(unit_a) != _bound_kind(unit_b) or _tense(unit_a, claim_set, references) * _tense(unit_b, claim_set, references) < 0:
        return False  # a deadline and a point in time, a start and an end, the past and the future
    shared, dice = slot_overlap(unit_a, unit_b, claim_set.vocabulary)
    if shared < MIN_CONFLICT_SHARED_WORDS or dice < MIN_CONFLICT_SLOT_DICE:
        return False
    near = (_near_words(unit_a, claim_set) & _near_words(unit_b, claim_set)) - claim_set.vocabulary.common - claim_set.titles
    ordinary = {word for word in near if not word.startswith("@")}
    return len(near) >= MIN_SHARED_NEAR_WORDS and bool(ordinary) and not _different_people(unit_a, unit_b, claim_set)


def _bound_kind(unit: Unit) -> str:
    bound = unit.time.bound if unit.time is not None else None
    return "start" if bound in START_BOUNDS else "end" if bound in END_BOUNDS else "point"


def _tense(unit: Unit, claim_set: ClaimSet, references: Mapping[str, str]) -> int:
    """-1 before the source's reference date, 1 after it, 0 unknown or the same period."""
    reference = references.get(claim_set.statements[unit.statement].source)
    if unit.time is None or reference is None:
        return 0
    value = unit.value[:10]
    head = reference[: len(value)]
    return -1 if value < head else 1 if value > head else 0


def _near_words(unit: Unit, claim_set: ClaimSet) -> frozenset[str]:
    """The content words right around an anchor (the words that say what it is the date or number of)."""
    anchor = unit.time if unit.time is not None else unit.quantity
    assert anchor is not None
    tokens = claim_set.tokens[unit.statement]
    before = [t.word for t in tokens if t.end <= anchor.start][-NEAR_WORDS:]
    after = [t.word for t in tokens if t.start >= anchor.end][:NEAR_WORDS]
    return frozenset(before + after)


def _different_people(a: Unit, b: Unit, claim_set: ClaimSet) -> bool:
    """True when each slot names a person the other does not: events with other participants."""
    people_a = a.slot & claim_set.people
    people_b = b.slot & claim_set.people
    return bool(people_a - people_b) and bool(people_b - people_a)


def _values_agree(a: Unit, b: Unit) -> bool:
    if a.kind == "time":
        return compatible_dates(a.value, b.value)
    return numbers_agree(a.quantity, b.quantity)  # type: ignore[arg-type]


def _components(edges: Mapping[int, set[int]]) -> list[list[int]]:
    seen: set[int] = set()
    components = []
    for start in sorted(edges):
        if start in seen:
            continue
        stack, component = [start], []
        seen.add(start)
        while stack:
            node = stack.pop()
            component.append(node)
            for neighbour in edges[node]:
                if neighbour not in seen:
                    seen.add(neighbour)
                    stack.append(neighbour)
        components.append(sorted(component))
    return components


def _conflict(members: Sequence[int], kind: str, claim_set: ClaimSet) -> Conflict:
    """Positions of a conflict: members grouped by agreeing values, most precise value first."""
    units, statements = claim_set.units, claim_set.statements
    ordered = sorted(members, key=lambda m: (-len(units[m].value), units[m].value, m))
    positions: list[list[int]] = []
    for member in ordered:
        home = next((p for p in positions if _values_agree(units[p[0]], units[member])), None)
        if home is None:
            positions.append([member])
        else:
            home.append(member)
    made = []
    for position in sorted(positions, key=lambda p: -len({statements[units[m].statement].source for m in p})):
        evidence = tuple(dict.fromkeys(statements[units[m].statement].evidence() for m in position))
        sources = tuple(dict.fromkeys(item.source for item in evidence))
        made.append(Position(_position_value(units[position[0]]), sources, evidence))
    all_sources = {source for position in made for source in position.sources}
    claims = sorted({claim_set.claims[claim_set.claim_of_unit[m]].id for m in members if m in claim_set.claim_of_unit})
    return Conflict(
        about=_about(members, kind, claim_set),
        positions=tuple(made),
        kind="date" if kind == "time" else "quantity",
        within=next(iter(all_sources)) if len(all_sources) == 1 else None,
        claims=tuple(claims),
    )


def _position_value(unit: Unit) -> str:
    if unit.time is not None:
        bound = f"{unit.time.bound.replace('_', ' ')} " if unit.time.bound else ""
        return f"{bound}{unit.value}"
    assert unit.quantity is not None
    return unit.quantity.text


def _about(members: Sequence[int], kind: str, claim_set: ClaimSet) -> str:
    """What the positions disagree on: the slot words the disagreeing statements share, as written."""
    units = claim_set.units
    shared = frozenset.intersection(*(units[m].slot for m in members[:2])) - claim_set.vocabulary.common
    first = units[members[0]]
    words = []
    for token in claim_set.tokens[first.statement]:
        if token.word in shared and token.word not in claim_set.titles and token.word not in {w for w, _ in words}:
            surface = claim_set.statements[first.statement]
            text = surface.text[token.start - surface.start : token.end - surface.start]
            words.append((token.word, text))
    described = " ".join(text for _, text in words[:MAX_ABOUT_WORDS]) or "the same event"
    return f"{'date' if kind == 'time' else 'number'} of: {described}"


def _name_conflicts(annotated: Sequence[AnnotatedArticle], clusters: Sequence[EntityCluster]) -> list[Conflict]:
    """One entity named differently across outlets, each name with the passages that use it."""
    by_id = {item.article.id: item for item in annotated}
    conflicts = []
    for cluster in clusters:
        if not cluster.name_conflict:
            continue
        positions = []
        for variant, article_ids in cluster.variants.items():
            evidence = []
            for article_id in article_ids:
                item = by_id.get(article_id)
                mention = next((m for m in item.entities if m.canonical == variant), None) if item else None
                if item is not None and mention is not None:
                    evidence.append(Evidence(article_id, mention.start, mention.end, mention.text))
            if evidence:
                positions.append(Position(variant, tuple(e.source for e in evidence), tuple(evidence)))
        if len(positions) > 1:
            conflicts.append(Conflict(f"name of: {cluster.canonical}", tuple(positions), "name"))
    return conflicts


def genuine(conflict: Conflict, groups: Mapping[str, str]) -> bool:
    """True when at least two positions rest on independent sources the other positions lack."""
    independents = [{groups.get(source, source) for source in position.sources} for position in conflict.positions]
    own = 0
    for index, sources in enumerate(independents):
        others = set().union(*(s for i, s in enumerate(independents) if i != index))
        if sources - others:
            own += 1
    return own >= 2


def apply_conflicts(claims: Sequence[Claim], conflicts: Sequence[Conflict], groups: Mapping[str, str]) -> list[Claim]:
    """Claims with their status and notes updated from the conflicts that touch them.

    A claim touched by a genuine conflict is ``conflicting``. One touched only
    by a derived source's different value keeps its status, with a note.
    """
    updated = []
    for claim in claims:
        touching = [c for c in conflicts if claim.id in c.claims]
        notes = list(claim.notes)
        status = claim.status
        for conflict in touching:
            if genuine(conflict, groups):
                status = "conflicting"
                notes.append(f"sources disagree on the {conflict.about}: " + _positions_text(conflict))
            else:
                notes.append(f"a derived source differs on the {conflict.about}: " + _positions_text(conflict))
        updated.append(dataclasses.replace(claim, status=status, notes=tuple(dict.fromkeys(notes))))
    return updated


def _positions_text(conflict: Conflict) -> str:
    return "; ".join(f"{position.value} ({', '.join(position.sources)})" for position in conflict.positions)


__all__ = ["apply_conflicts", "find_conflicts", "genuine"]
