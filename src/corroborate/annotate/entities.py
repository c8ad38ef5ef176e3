"""Named entities: who and what each article mentions, resolved within and across articles.

Part of ``annotate``. :func:`find_entities` turns one article's clean text into
:class:`EntityMention` records with exact offsets: spaCy's named entities
(mapped to PERSON | ORG | PLACE | OTHER; dates and numbers are left to other
annotators) plus light rules where the small English model is weak -- very
common aliases ("ISIS", "the Pentagon"), stand-alone acronyms ("CENTCOM"),
capitalized names of bodies ("Higher Military Commission") and titles before
names ("Iraqi Defence Minister Thabet al-Abbassi" -> role "Defence Minister").
Mentions of one entity in an article form a chain and share a ``canonical``
name: the most complete name in the chain, without titles.

:func:`link_entities` then links the articles' chains into
:class:`EntityCluster` records: one per entity across the batch, with the names
each outlet used and a flag when outlets name the same body differently
("Higher Military Commission" / "High Military Committee").

spaCy finds entities; the resolution logic is ours because no maintained
library does news-style coreference of names (surname + particle forms,
acronyms, outlet-to-outlet name variants) on top of spaCy's small model.
String comparison is in :mod:`corroborate.annotate.names`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from corroborate.annotate import names
from corroborate.annotate.nlp import parse_text
from corroborate.model import EntityCluster, EntityMention

#: spaCy label -> our label; labels not listed (DATE, TIME, CARDINAL, QUANTITY,
#: MONEY, PERCENT, ORDINAL) are handled by other annotators and dropped here.
LABEL_MAP: dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "NORP": "OTHER",
    "EVENT": "OTHER",
    "LAW": "OTHER",
    "PRODUCT": "OTHER",
    "WORK_OF_ART": "OTHER",
    "LANGUAGE": "OTHER",
}

#: When a chain's mentions carry different labels (the small model calls
#: "Biden" a GPE in "Biden administration"), ties are broken in this order.
LABEL_PREFERENCE = ("PERSON", "ORG", "PLACE", "OTHER")

#: Mentions this close (in characters) to an entity's mentions are its context.
#: 400 characters is about two news sentences: enough to catch the entities a
#: body is discussed with, short enough not to take in the whole article.
CONTEXT_WINDOW = 400

#: Weight of shared context against name similarity when linking two
#: organization names that are not the same string (see FUZZY_LINK_THRESHOLD).
CONTEXT_WEIGHT = 0.25

#: Minimum linking score (0..100) for two different organization names:
#: (1 - CONTEXT_WEIGHT) * token-level name similarity + CONTEXT_WEIGHT * 100 *
#: context overlap (Jaccard of the entities mentioned nearby). Names must first
#: pass names.aligned_name_similarity (same word count, agreeing heads, every
#: word a spelling variant), so similarities lie in 80..100. The value is set
#: so that a name alone links only when every word matches exactly or by head
#: family ("Military Commission"/"Military Committee": 75), a three-word name
#: with one spelling difference needs a context overlap of 0.1 (70 + 2.5) and a
#: two-word one 0.2 (67.5 + 5). On the bundled example "Higher Military
#: Commission" (001) and "High Military Committee" (002) score 93.3 on the
#: name with a context overlap of 0.33: 78.3. Different bodies are kept apart
#: by the alignment's vetoes, not by this number: "Senate"/"House" and
#: "Iraqi"/"Iranian" are not spelling variants, so no score is computed.
FUZZY_LINK_THRESHOLD = 72.5

#: Person names with the same surname and this word-level similarity of the
#: other words are one person spelled two ways ("Antony"/"Anthony" 92); the
#: floor rejects different people of one family ("Joe"/"Hunter" Biden 20).
PERSON_SIMILARITY_FLOOR = names.TOKEN_SIMILARITY_FLOOR

_ROLE_MODIFIERS = (
    r"Prime|Foreign|Defen[cs]e|Interior|Finance|Economy|Justice|Health|Energy|Trade|Home|"
    r"Deputy|Vice|Acting|Assistant|Chief|Press|Security|National|Lieutenant|Lt\.|"
    r"Major|Maj\.|Brigadier|Brig\.|Rear|Attorney|Army|Navy|Air|Marine|Military|Staff|"
    r"Majority|Minority|Senate|House|State|Supreme|Grand|Opposition|Top|Special|District|"
    r"General|Head|Team|Police|Executive|Homeland|White[^\S\n]+House|Communications"
)
_ROLE_HEADS = (
    r"Minister|Secretary(?:-General)?|Vice-President|President|Premier|Chancellor|"
    r"Spokes(?:man|woman|person)|Advis[eo]r|Ambassador|Envoy|General|Gen\.|Admiral|Adm\.|"
    r"Colonel|Col\.|Sergeant|Sgt\.|Captain|Capt\.|Senator|Sen\.|Representative|Rep\.|"
    r"Governor|Gov\.|Mayor|Director|Chair(?:man|woman)?|Commander|King|Queen|Prince|Princess|"
    r"Pope|Judge|Justice|Speaker|Leader|CEO|Emir|Sheikh|Ayatollah|Marshal|Coordinator|Lieutenant|Lt\.|"
    r"Coach|Manager|GM|Attorney|D\.A\.|Prosecutor|Sheriff|Detective|Inspector|Superintendent|"
    r"Bishop|Archbishop|Cardinal|Rabbi|Imam|Officer"
)
_SPACE = r"[^\S\n]+"
#: A title before a name: modifiers, a head, an optional "of State"-style complement.
_ROLE = (
    rf"(?i:(?:(?:{_ROLE_MODIFIERS}){_SPACE}){{0,3}}(?:{_ROLE_HEADS}))"
    rf"(?:{_SPACE}of{_SPACE}(?:the{_SPACE})?[A-Z][a-z]+(?:{_SPACE}[A-Z][a-z]+)?)?"
)
_ROLE_BEFORE_NAME = re.compile(rf"(?<![\w.\-])(?:(?i:then|ex)-|(?i:former){_SPACE})?(?P<role>{_ROLE}){_SPACE}$")
_ROLE_AT_SPAN_START = re.compile(rf"^(?:(?i:then|ex)-|(?i:former){_SPACE})?(?P<role>{_ROLE}){_SPACE}")
_HONORIFIC_AT_SPAN_START = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame)\.?[^\S\n]+(?=[A-Z])")

#: Head words of capitalized names of bodies the small model often misses.
_BODY_HEADS = (
    "Commission|Committee|Council|Command|Ministry|Department|Agency|Authority|Assembly|"
    "Parliament|Court|Tribunal|Party|Front|Forces|Army|Navy|Guard|Corps|Brigades?|Bureau|"
    "Board|Organi[sz]ation|Union|Coalition|Government|Directorate|Movement"
)
_NAME_WORD = r"(?:[A-Z][a-z\u2019'\-]+|[A-Z]{2,}|U\.S\.|U\.K\.)"
_BODY_NAME = re.compile(
    rf"(?<![\w\-])(?:{_NAME_WORD}[^\S\n]+){{1,5}}(?:{_BODY_HEADS})\b"
)
#: Capitalized words that start sentences rather than names; trimmed from body names.
_LEADING_NON_NAME = frozenset(
    {
        "The", "A", "An", "This", "That", "These", "Those", "Both", "Each", "Its", "Their", "His",
        "Her", "Our", "Then", "When", "While", "But", "And", "After", "Before", "In", "On", "At",
        "For", "As", "If", "Under", "Last", "Next", "Monday", "Tuesday", "Wednesday", "Thursday",
        "Friday", "Saturday", "Sunday",
    }
)  # fmt: skip

#: A stand-alone all-capitals word: an acronym the model may miss ("CENTCOM").
_ACRONYM = re.compile(r"(?<![\w.])[A-Z][A-Z0-9&]{2,7}(?![\w.]|-\d)")
#: All-capitals words that are not names (headline shouting, roman numerals, units).
_NOT_ACRONYMS = frozenset(
    {
        "THE", "AND", "FOR", "BUT", "NOT", "NEW", "UPDATE", "UPDATED", "BREAKING", "LIVE",
        "WATCH", "READ", "MORE", "VIDEO", "PHOTOS", "EXCLUSIVE", "OPINION", "ANALYSIS",
        "II", "III", "IV", "VI", "VII", "VIII", "XI", "XII", "GMT", "UTC", "EST", "EDT", "PST",
        "CEO", "CFO", "FAQ", "PDF", "URL", "HTML", "OK",
    }
)  # fmt: skip
#: Lines where more than this share of letters are capitals are headlines or
#: chrome written in capitals: their all-capitals words are not acronyms.
_SHOUTING_SHARE = 0.5

#: Lines where more than this share of words longer than three letters are
#: capitalized are headlines in title case; the body-name rule skips them.
_TITLE_CASE_SHARE = 0.8

#: Last words of names whose capital "The" belongs to the name ("The Washington
#: Times", "The Hague"); elsewhere "the"/"The" before a name is dropped.
_THE_NAME_ENDINGS = frozenset(
    {"Times", "Post", "News", "Journal", "Guardian", "Observer", "Economist", "Telegraph",
     "Independent", "Hill", "Hague", "Atlantic", "Gambia", "Bahamas", "Chronicle", "Herald",
     "Tribune", "Globe", "Mirror", "Sun", "Star", "Beatles"}
)  # fmt: skip
_TRAILING_JUNK = "/\\,;:!?\"'\u201c\u201d\u2018\u2019()[]{}\u2014\u2013-|*"
_LEADING_JUNK = "/\\,;:!?\"'\u201c\u201d\u2018\u2019()[]{}\u2014\u2013-|*"


@dataclass
class _Found:
    """A candidate mention while an article is being annotated."""

    start: int
    end: int
    label: str
    source: str  # "ner" or a rule name
    role: str | None = None
    role_start: int = -1


def find_entities(text: str, doc=None) -> list[EntityMention]:  # type: ignore[no-untyped-def]
    """Named-entity mentions of text, resolved within the text, ordered by offset."""
    if not text.strip():
        return []
    if doc is None:
        doc = parse_text(text)
    candidates = list(_model_candidates(text, doc))
    candidates += _alias_candidates(text) + _acronym_candidates(text, doc) + _body_name_candidates(text)
    found = _without_overlaps(candidates)
    found = _with_roles(text, found)
    return _resolve_article(text, found)


def _model_candidates(text: str, doc) -> Iterable[_Found]:  # type: ignore[no-untyped-def]
    for entity in doc.ents:
        label = LABEL_MAP.get(entity.label_)
        if label is None:
            continue
        entity_start = entity.start_char
        if label == "PERSON":
            # "Naturally Scott Boras": words the tagger does not call names (or
            # capitalized titles, left for the role rule) do not open a name.
            for token in entity:
                if token.pos_ == "PROPN" or token.lower_ in names.NAME_PARTICLES:
                    break
                if token.is_title and token.pos_ == "NOUN":
                    break
                entity_start = token.idx + len(token.text)
        # A name never runs across a line break or a headline colon ("National
        # Interests: The Human Rights Council"); "bin Laden and Beethoven": the
        # small model sometimes runs two people's names together.
        separator = r"\s*\n\s*|:\s+"
        if label == "PERSON":
            separator += r"|\s+(?:and|&)\s+"
        pieces = re.split(separator, text[entity_start : entity.end_char])
        position = entity_start
        for piece in pieces:
            start = text.index(piece, position)
            position = start + len(piece)
            span = _clean_span(text, start, position)
            if span is not None:
                yield _Found(span[0], span[1], label, "ner")


def _alias_candidates(text: str) -> list[_Found]:
    found = []
    for group in names.ALIAS_GROUPS:
        for surface in group.detect:
            for match in re.finditer(rf"(?<![\w]){re.escape(surface)}(?![\w])", text):
                found.append(_Found(match.start(), match.end(), group.label, "alias"))
    return found


def _acronym_candidates(text: str, doc) -> list[_Found]:  # type: ignore[no-untyped-def]
    found = []
    for match in _ACRONYM.finditer(text):
        word = match.group()
        if word in _NOT_ACRONYMS or _is_shouting(text, match.start()):
            continue
        # The tagger tells a name ("CENTCOM", NNP) from a shouted word ("MONTH", NN).
        span = doc.char_span(match.start(), match.end())
        if span is None or any(token.pos_ != "PROPN" for token in span):
            continue
        # "PENCE:" in a transcript is a speaker label, "FLINT, Mich." a dateline:
        # a capitalized name also written normally in the text is not an acronym.
        if text[match.end() : match.end() + 1] == ":" or re.search(rf"\b{re.escape(word.capitalize())}\b", text):
            continue
        group = names.alias_group(word)
        found.append(_Found(match.start(), match.end(), group.label if group else "ORG", "acronym"))
    return found


def _is_shouting(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = [char for char in line if char.isalpha()]
    return sum(char.isupper() for char in letters) > _SHOUTING_SHARE * len(letters)


def _is_title_case_line(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", text[line_start : line_end if line_end >= 0 else len(text)])
    long_words = [word for word in words if len(word) > 3]
    capitalized = sum(word[0].isupper() for word in long_words)
    return len(long_words) >= 4 and capitalized > _TITLE_CASE_SHARE * len(long_words)


def _body_name_candidates(text: str) -> list[_Found]:
    found = []
    for match in _BODY_NAME.finditer(text):
        start, end = match.start(), match.end()
        if _is_title_case_line(text, start):
            continue  # "Wealthy Voters Abandon Republican Party": a headline, not a name
        while True:
            first_word = re.match(r"\S+", text[start:end])
            if first_word is None or first_word.group() not in _LEADING_NON_NAME:
                break
            start = start + first_word.end()
            start += len(text[start:end]) - len(text[start:end].lstrip())
        if len(text[start:end].split()) >= 2:
            found.append(_Found(start, end, "ORG", "body"))
    return found


def _clean_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets of the name inside a raw entity span (junk, possessive, leading "the" removed)."""
    while True:
        before = (start, end)
        while start < end and (text[start].isspace() or text[start] in _LEADING_JUNK):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_JUNK):
            end -= 1
        if end - start > 2 and text[end - 2 : end] in ("'s", "\u2019s"):
            end -= 2
        if text.startswith(("the ", "the\n"), start) or (
            text.startswith(("The ", "The\n"), start) and _drops_capital_the(text, start, end)
        ):
            start += 4
        if (start, end) == before:
            break
    if end <= start or not any(char.isalpha() for char in text[start:end]):
        return None
    return start, end


def _drops_capital_the(text: str, start: int, end: int) -> bool:
    """True when "The" is not part of the name ("The United States", not "The Washington Times")."""
    words = text[start:end].split()
    return len(words) > 1 and words[-1] not in _THE_NAME_ENDINGS


def _without_overlaps(candidates: list[_Found]) -> list[_Found]:
    """Longest candidates first; rules win ties because they fix the model's labels."""
    ordered = sorted(candidates, key=lambda found: (-(found.end - found.start), found.source == "ner", found.start))
    kept: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for found in ordered:
        if any(found.start < end and start < found.end for start, end in taken):
            continue
        kept.append(found)
        taken.append((found.start, found.end))
    return sorted(kept, key=lambda found: found.start)


def _with_roles(text: str, found: list[_Found]) -> list[_Found]:
    """Titles moved out of person spans into ``role``; model entities inside titles dropped."""
    title_spans: list[tuple[int, int]] = []
    for mention in found:
        if mention.label != "PERSON":
            if _is_titled_name(text, mention):
                mention.label = "PERSON"  # "Chancellor Olaf Scholz" tagged ORG by the model
            else:
                continue
        inside = mention.start
        while True:
            span_text = text[inside : mention.end]
            match = _ROLE_AT_SPAN_START.match(span_text) or _HONORIFIC_AT_SPAN_START.match(span_text)
            if match is None or match.end() >= len(span_text):
                break
            if "role" in match.groupdict():
                mention.role = _plain(match.group("role"))
                mention.role_start = inside + match.start("role")
            inside += match.end()
        if inside != mention.start:
            title_spans.append((mention.start, inside))
            mention.start = inside
        if mention.role is None:
            window_start = max(0, mention.start - 120)
            before = _ROLE_BEFORE_NAME.search(text, window_start, mention.start)
            if before is not None and before.end() == mention.start:
                mention.role = _plain(before.group("role"))
                mention.role_start = before.start("role")
                title_spans.append((before.start(), mention.start))
    return [
        mention
        for mention in found
        if mention.label == "PERSON"
        or not any(start <= mention.start and mention.end <= end for start, end in title_spans)
    ]


def _is_titled_name(text: str, mention: _Found) -> bool:
    """True for a model ORG/PLACE of two to four capitalized words right after a title."""
    words = text[mention.start : mention.end].split()
    if mention.source != "ner" or mention.label not in ("ORG", "PLACE") or not 2 <= len(words) <= 4:
        return False
    if not all(word[0].isupper() for word in words if word.casefold() not in names.NAME_PARTICLES):
        return False
    if re.search(rf"\b(?:{_BODY_HEADS})\b", text[mention.start : mention.end]):
        return False
    if names.alias_group(text[mention.start : mention.end]) is not None:
        return False
    before = _ROLE_BEFORE_NAME.search(text, max(0, mention.start - 120), mention.start)
    return before is not None and before.end() == mention.start


def _plain(name: str) -> str:
    return " ".join(name.split())


class _Chains:
    """Union-find over mention indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, first: int, second: int) -> None:
        first_root, second_root = self.root(first), self.root(second)
        if first_root != second_root:
            self.parent[max(first_root, second_root)] = min(first_root, second_root)

    def groups(self) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = defaultdict(list)
        for index in range(len(self.parent)):
            groups[self.root(index)].append(index)
        return groups


def _resolve_article(text: str, found: list[_Found]) -> list[EntityMention]:
    surfaces = [_plain(text[mention.start : mention.end]) for mention in found]
    chains = _Chains(len(found))
    _join_equated_names(text, found, chains)
    _join_people(found, surfaces, chains)
    _join_named_things(text, found, surfaces, chains)

    mentions: list[EntityMention] = []
    for members in chains.groups().values():
        label = _chain_label([found[index] for index in members], [surfaces[index] for index in members])
        canonical = _canonical_name([surfaces[index] for index in members], label)
        roles = sorted((found[index].role_start, found[index].role) for index in members if found[index].role)
        chain_role = roles[0][1] if roles else None
        for index in members:
            mention = found[index]
            mentions.append(
                EntityMention(
                    start=mention.start,
                    end=mention.end,
                    text=text[mention.start : mention.end],
                    label=label,
                    canonical=canonical,
                    role=mention.role or chain_role,
                )
            )
    return sorted(mentions, key=lambda mention: mention.start)


def _join_equated_names(text: str, found: list[_Found], chains: _Chains) -> None:
    """Names the text itself equates: "ISIL (ISIS)", "X, also known as Y"."""
    for previous, current in zip(range(len(found)), range(1, len(found))):
        if found[previous].label == "PERSON":
            continue
        between = text[found[previous].end : found[current].start]
        after = text[found[current].end : found[current].end + 3]
        equated = re.fullmatch(r"\s*\(\s*", between) and after.lstrip().startswith(")")
        if equated or re.fullmatch(r",?\s+(?:also\s+)?(?:known|referred\s+to)\s+as\s+", between):
            # The text says the two names are one: the second takes the first's label.
            found[current].label = found[previous].label
            chains.join(previous, current)


def _join_people(found: list[_Found], surfaces: list[str], chains: _Chains) -> None:
    """Full names with their shortened forms: "Sudani", "Al-Sudani", "Ms. Singh"."""
    people = [index for index, mention in enumerate(found) if mention.label == "PERSON"]
    full: dict[tuple[str, ...], int] = {}
    for index in people:
        words = tuple(names.person_words(surfaces[index]))
        if len(words) >= 2:
            if words in full:
                chains.join(full[words], index)
            else:
                full[words] = index
    for words, index in full.items():
        # "Mohammed al-Sudani" is "Mohammed Shia al-Sudani" when no other full name fits.
        longer = {
            chains.root(other)
            for other_words, other in full.items()
            if other_words != words
            and other_words[-1] == words[-1]
            and names.is_subsequence(list(words), list(other_words))
        }
        if len(longer) == 1:
            chains.join(longer.pop(), index)
    by_surname: dict[str, set[int]] = defaultdict(set)
    for words, index in full.items():
        by_surname[words[-1]].add(chains.root(index))
    titles: dict[int, set[str]] = defaultdict(set)
    for index in people:
        if found[index].role and len(names.person_words(surfaces[index])) >= 2:
            titles[chains.root(index)].add(names.role_head(found[index].role or ""))
    shorts: dict[str, int] = {}
    for index in people:
        words = names.person_words(surfaces[index])
        if len(words) != 1:
            continue
        owners = {chains.root(root) for root in by_surname.get(words[0], set())}
        if found[index].role:
            # "President Clinton" in a story that names only Hillary Clinton is
            # someone else: a titled surname joins a full name only under the same title.
            owners = {owner for owner in owners if names.role_head(found[index].role or "") in titles[owner]}
        if len(owners) == 1:
            chains.join(owners.pop(), index)
        elif words[0] in shorts:
            chains.join(shorts[words[0]], index)
        else:
            shorts[words[0]] = index
    for index, mention in enumerate(found):
        # The small model labels some names of people as GPE or ORG ("Biden
        # administration", "Liam Payne"): a "place" or "organization" that is the
        # full name or surname of a person named in the same article is that person.
        if mention.source != "ner" or mention.label not in ("ORG", "PLACE"):
            continue
        if names.alias_group(surfaces[index]) is not None:
            continue
        words = tuple(names.person_words(surfaces[index]))
        if len(words) >= 2:
            owners = {chains.root(full[words])} if words in full else set()
        elif len(words) == 1:
            owners = {chains.root(root) for root in by_surname.get(words[0], set())}
            if not owners and words[0] in shorts:
                owners = {chains.root(shorts[words[0]])}
        else:
            continue
        if len(owners) == 1:
            chains.join(owners.pop(), index)
            mention.label = "PERSON"


def _join_named_things(text: str, found: list[_Found], surfaces: list[str], chains: _Chains) -> None:
    """Organizations, places and others: same key, alias, acronym, near-identical or shortened body names."""
    things = [index for index, mention in enumerate(found) if mention.label != "PERSON"]
    first_by_key: dict[str, int] = {}
    first_by_alias: dict[str, int] = {}
    for index in things:
        key = names.name_key(surfaces[index])
        if key in first_by_key:
            chains.join(first_by_key[key], index)
        else:
            first_by_key[key] = index
        group = names.alias_group(surfaces[index])
        if group is not None:
            if group.canonical in first_by_alias:
                chains.join(first_by_alias[group.canonical], index)
            else:
                first_by_alias[group.canonical] = index
    distinct = list(first_by_key.values())
    for short in distinct:
        if not names.looks_like_acronym(surfaces[short]):
            continue
        expansions = {
            chains.root(long)
            for long in distinct
            if long != short and names.is_acronym_of(surfaces[short], surfaces[long])
        }
        if len(expansions) == 1:
            chains.join(expansions.pop(), short)
    organizations = [index for index in distinct if found[index].label == "ORG"]
    words = {index: names.content_words(surfaces[index]) for index in organizations}
    for position, first in enumerate(organizations):
        for second in organizations[position + 1 :]:
            if chains.root(first) == chains.root(second):
                continue
            # Within one article the context is shared by construction.
            similarity = names.aligned_name_similarity(surfaces[first], surfaces[second])
            if similarity is not None and _link_score(similarity, 1.0) >= FUZZY_LINK_THRESHOLD:
                chains.join(first, second)
    for short in organizations:
        if len(words[short]) < 2:
            continue
        longer = {
            chains.root(long)
            for long in organizations
            if len(words[long]) > len(words[short])
            and words[long][-1] == words[short][-1]
            and names.is_subsequence(words[short], words[long])
        }
        if len(longer) == 1:
            chains.join(longer.pop(), short)


def _link_score(name_similarity: float, context_overlap: float) -> float:
    return (1 - CONTEXT_WEIGHT) * name_similarity + CONTEXT_WEIGHT * 100 * context_overlap


def _chain_label(members: list[_Found], surfaces: list[str]) -> str:
    for surface in surfaces:
        group = names.alias_group(surface)
        if group is not None:
            return group.label
    counts = Counter(member.label for member in members)
    return max(counts, key=lambda label: (counts[label], -LABEL_PREFERENCE.index(label)))


def _canonical_name(surfaces: list[str], label: str) -> str:
    """The most complete name among a chain's surface forms (alias-table name for known aliases)."""
    for surface in surfaces:
        group = names.alias_group(surface)
        if group is not None:
            return group.canonical
    counts = Counter(surfaces)

    def completeness(surface: str) -> tuple[int, int, bool, int]:
        words = names.person_words(surface) if label == "PERSON" else names.name_words(surface)
        return (len(words), len(surface), not surface.isupper(), counts[surface])

    return max(counts, key=completeness)


@dataclass
class _ArticleEntity:
    """One article's chain, as seen by the cross-article linker."""

    article: str
    canonical: str
    label: str
    mentions: int
    context: set[str]


def link_entities(mentions_by_article: dict[str, list[EntityMention]]) -> list[EntityCluster]:
    """Entities across articles: one cluster per entity with the names each article used."""
    nodes = _article_entities(mentions_by_article)
    chains = _Chains(len(nodes))
    representatives = _link_same_names(nodes, chains)
    _link_acronyms(nodes, representatives, chains)
    _link_people(nodes, representatives, chains)
    _link_near_identical_bodies(nodes, representatives, chains)
    clusters = [_cluster([nodes[index] for index in members]) for members in chains.groups().values()]
    return sorted(clusters, key=lambda cluster: (-len(cluster.articles), cluster.label, cluster.canonical))


def _entity_key(name: str, label: str) -> str:
    group = names.alias_group(name)
    if group is not None:
        return names.name_key(group.canonical)
    if label == "PERSON":
        return " ".join(names.person_words(name))
    return names.name_key(name)


def _article_entities(mentions_by_article: dict[str, list[EntityMention]]) -> list[_ArticleEntity]:
    nodes: list[_ArticleEntity] = []
    for article, mentions in mentions_by_article.items():
        by_name: dict[str, list[EntityMention]] = defaultdict(list)
        for mention in mentions:
            by_name[mention.canonical].append(mention)
        ordered = sorted(mentions, key=lambda mention: mention.start)
        starts = [mention.start for mention in ordered]
        for canonical, chain in by_name.items():
            labels = Counter(mention.label for mention in chain)
            label = max(labels, key=lambda item: (labels[item], -LABEL_PREFERENCE.index(item)))
            context: set[str] = set()
            for mention in chain:
                low = bisect_left(starts, mention.start - CONTEXT_WINDOW)
                high = bisect_right(starts, mention.start + CONTEXT_WINDOW)
                context.update(
                    _entity_key(other.canonical, other.label)
                    for other in ordered[low:high]
                    if other.canonical != canonical
                )
            nodes.append(_ArticleEntity(article, canonical, label, len(chain), context))
    return nodes


def _link_same_names(nodes: list[_ArticleEntity], chains: _Chains) -> dict[tuple[str, bool], list[int]]:
    """Same name key (or alias group) in different articles; returns the nodes of each key."""
    by_key: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for index, node in enumerate(nodes):
        by_key[(_entity_key(node.canonical, node.label), node.label == "PERSON")].append(index)
    for members in by_key.values():
        for index in members[1:]:
            chains.join(members[0], index)
    return by_key


def _link_acronyms(
    nodes: list[_ArticleEntity], representatives: dict[tuple[str, bool], list[int]], chains: _Chains
) -> None:
    """An acronym in one article to its unique expansion in another ("CENTCOM" / "Central Command")."""
    distinct = [members[0] for (_, is_person), members in representatives.items() if not is_person]
    by_initial: dict[str, list[int]] = defaultdict(list)
    for index in distinct:
        if " " in nodes[index].canonical.strip():
            by_initial[names.fold(nodes[index].canonical)[:1]].append(index)
    for short in distinct:
        if not names.looks_like_acronym(nodes[short].canonical):
            continue
        expansions = {
            chains.root(long)
            for long in by_initial.get(names.fold(nodes[short].canonical)[:1], [])
            if names.is_acronym_of(nodes[short].canonical, nodes[long].canonical)
        }
        if len(expansions) == 1:
            chains.join(expansions.pop(), short)


def _link_people(
    nodes: list[_ArticleEntity], representatives: dict[tuple[str, bool], list[int]], chains: _Chains
) -> None:
    """Full names spelled or shortened differently; surnames alone to the one full name they fit."""
    people = [members[0] for (_, is_person), members in representatives.items() if is_person]
    full = [index for index in people if len(names.person_words(nodes[index].canonical)) >= 2]
    # Compare only names whose surnames start alike: spelling variants of a
    # surname keep its first letters ("Abbassi"/"Abbasi"), and it keeps large
    # batches from comparing every pair of people.
    blocks: dict[str, list[int]] = defaultdict(list)
    for index in full:
        blocks[names.surname(nodes[index].canonical)[:2]].append(index)
    for block in blocks.values():
        for position, first in enumerate(block):
            for second in block[position + 1 :]:
                if _same_person(nodes[first].canonical, nodes[second].canonical):
                    chains.join(first, second)
    owners: dict[str, set[int]] = defaultdict(set)
    for index in full:
        owners[names.surname(nodes[index].canonical)].add(chains.root(index))
    for index in people:
        words = names.person_words(nodes[index].canonical)
        if len(words) != 1:
            continue
        roots = {chains.root(root) for root in owners.get(words[0], set())}
        if len(roots) == 1:
            chains.join(roots.pop(), index)


def _same_person(first: str, second: str) -> bool:
    """Same surname (or its spelling variant) and compatible other names."""
    if names.person_names_compatible(first, second) or names.person_names_compatible(second, first):
        return True
    first_words, second_words = names.person_words(first), names.person_words(second)
    if len(first_words) != len(second_words):
        return False
    return all(
        fuzz.ratio(left, right) >= PERSON_SIMILARITY_FLOOR
        for left, right in zip(first_words, second_words, strict=True)
    )


def _link_near_identical_bodies(
    nodes: list[_ArticleEntity], representatives: dict[tuple[str, bool], list[int]], chains: _Chains
) -> None:
    """Organization names that differ in spelling or head family (backed by shared context), or shortened."""
    bodies = [members for (_, is_person), members in representatives.items() if not is_person]
    bodies = [members for members in bodies if nodes[members[0]].label == "ORG"]
    contexts = [set().union(*(nodes[index].context for index in members)) for members in bodies]
    words = [names.content_words(nodes[members[0]].canonical) for members in bodies]
    # Only names of the same length and head family can pass the alignment.
    blocks: dict[tuple[int, str], list[int]] = defaultdict(list)
    for position, body_words in enumerate(words):
        if body_words:
            blocks[(len(body_words), names.head_family(body_words[-1]))].append(position)
    for block in blocks.values():
        for offset, first in enumerate(block):
            for second in block[offset + 1 :]:
                first_node, second_node = bodies[first][0], bodies[second][0]
                if chains.root(first_node) == chains.root(second_node):
                    continue
                similarity = names.aligned_name_similarity(nodes[first_node].canonical, nodes[second_node].canonical)
                if similarity is None:
                    continue
                overlap = _context_overlap(contexts[first], contexts[second])
                if _link_score(similarity, overlap) >= FUZZY_LINK_THRESHOLD:
                    chains.join(first_node, second_node)
    by_head: dict[str, list[int]] = defaultdict(list)
    for position, body_words in enumerate(words):
        if body_words:
            by_head[body_words[-1]].append(position)
    for position, body_words in enumerate(words):
        if len(body_words) < 2:
            continue
        longer = {
            chains.root(bodies[other][0])
            for other in by_head[body_words[-1]]
            if len(words[other]) > len(body_words) and names.is_subsequence(body_words, words[other])
        }
        if len(longer) == 1:
            chains.join(longer.pop(), bodies[position][0])


def _context_overlap(first: set[str], second: set[str]) -> float:
    """Jaccard overlap of the entities mentioned near two names (0 when either has none)."""
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def _cluster(members: list[_ArticleEntity]) -> EntityCluster:
    """The cluster of linked article entities: the fullest name, then the most used, names it."""
    labels: Counter[str] = Counter()
    variants: dict[str, set[str]] = defaultdict(set)
    for member in members:
        labels[member.label] += member.mentions
        variants[member.canonical].add(member.article)
    label = max(labels, key=lambda item: (labels[item], -LABEL_PREFERENCE.index(item)))
    group = next((names.alias_group(name) for name in variants if names.alias_group(name)), None)
    if group is not None:
        canonical = group.canonical
    else:
        canonical = max(
            variants,
            key=lambda name: (
                len(names.person_words(name) if label == "PERSON" else names.name_words(name)),
                len(variants[name]),
                len(name),
                name,
            ),
        )
    return EntityCluster(
        canonical=canonical,
        label=label,
        variants={name: sorted(articles) for name, articles in sorted(variants.items())},
        articles=sorted({member.article for member in members}),
        name_conflict=_has_name_conflict(list(variants), label),
    )


def _has_name_conflict(variants: list[str], label: str) -> bool:
    """True when the variants fall into more than one group of mutually compatible names."""
    groups = _Chains(len(variants))
    for position, first in enumerate(variants):
        for offset, second in enumerate(variants[position + 1 :], start=position + 1):
            if names.names_compatible(first, second, label):
                groups.join(position, offset)
    return len(groups.groups()) > 1
