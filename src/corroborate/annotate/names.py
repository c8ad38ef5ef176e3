"""Name normalization: the comparison keys behind entity resolution.

``annotate.entities`` decides which mentions name the same person, body or
place; this module holds the pure string logic it uses: comparison keys that
ignore case, accents, dots and name particles ("al-", "bin", "van"), surname
extraction, acronym matching ("CENTCOM" = "Central Command", "U.S." = "United
States"), a small table of very common aliases, and the token-level fuzzy
comparison of organization names (rapidfuzz for the character similarity).

rapidfuzz compares whole strings well but cannot tell "Senate Armed Services
Committee" from "House Armed Services Committee" (89/100, higher than the
78 of a genuine variant such as "Higher Military Commission" / "High
Military Committee"), so names are aligned token by token here: every word
must have a close counterpart, and the head word (Commission, Committee,
Ministry...) must agree or belong to the same family of body names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

#: Particles that are part of a surname's spelling but not of its identity:
#: "al-Sudani", "Al Sudani" and "Sudani" are the same name.
NAME_PARTICLES = frozenset(
    {
        "al", "el", "ad", "ar", "as", "ash", "at", "az", "bin", "ibn", "ben", "bint", "abu",
        "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du",
        "la", "le", "ter", "ten", "st",
    }
)  # fmt: skip

#: Honorifics: they say nothing about a role, only address the person.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam", "mme", "m"})

#: Function words ignored when comparing organization names and acronyms.
NAME_STOPWORDS = frozenset({"of", "the", "and", "for", "on", "in", "&"})

#: Families of head words that name the same kind of body; outlets translating
#: or paraphrasing an official name often swap one for another.
HEAD_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"commission", "committee", "council", "board", "panel", "body"}),
    frozenset({"ministry", "department", "office", "secretariat"}),
    frozenset({"agency", "service", "bureau", "authority", "directorate"}),
    frozenset({"forces", "force", "army", "military"}),
    frozenset({"court", "tribunal"}),
    frozenset({"parliament", "assembly", "congress", "legislature"}),
    frozenset({"party", "movement", "front"}),
)

#: Two words are spelling variants when rapidfuzz's ratio reaches this.
#: Chosen on word pairs from news: "Defence"/"Defense" 86, "Higher"/"High" 80,
#: "Abbassi"/"Abbasi" 92 must pass; "Iraqi"/"Iranian" 67, "Kurdish"/"Kurdistan"
#: 71 and "Commission"/"Committee" 53 must not (the last is a head-family
#: swap, handled by HEAD_FAMILIES instead).
TOKEN_SIMILARITY_FLOOR = 80.0

#: British -> American spelling endings, folded on both sides when deciding
#: whether two names differ ("Defence"/"Defense" is spelling, not a new name).
_SPELLING_VARIANTS: tuple[tuple[str, str], ...] = (
    (r"isation$", "ization"),
    (r"is(e|ed|es|ing)$", r"iz\1"),
    (r"ys(e|ed|es|ing)$", r"yz\1"),
    (r"ence$", "ense"),
    (r"our$", "or"),
    (r"tre$", "ter"),
    (r"ogue$", "og"),
)

#: A shorter word that is the start of a longer one of at least this length is
#: the same stem ("Iraq"/"Iraqi", "High"/"Higher").
STEM_PREFIX_MIN = 4


@dataclass(frozen=True)
class AliasGroup:
    """Names that denote one entity, with the name and label we report for it."""

    canonical: str
    label: str
    names: tuple[str, ...]
    #: Surface forms safe to find by exact pattern in text when the model misses them.
    detect: tuple[str, ...] = ()


#: Very common aliases that neither acronym rules nor fuzzy matching can find.
#: Keep this small and generic: entries are names any wire story uses without
#: explaining them. Story-specific equations ("ISIL (ISIS)") come from the text.
ALIAS_GROUPS: tuple[AliasGroup, ...] = (
    AliasGroup(
        "United States",
        "PLACE",
        ("United States", "United States of America", "U.S.", "U.S", "US", "USA", "U.S.A.", "America"),
    ),
    AliasGroup("United Kingdom", "PLACE", ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain")),
    AliasGroup("United Nations", "ORG", ("United Nations", "UN", "U.N.")),
    AliasGroup("European Union", "ORG", ("European Union", "EU", "E.U.")),
    AliasGroup(
        "Islamic State",
        "ORG",
        (
            "Islamic State", "ISIS", "ISIL", "Daesh", "Daish",
            "Islamic State of Iraq and Syria", "Islamic State of Iraq and the Levant",
        ),
        detect=("Islamic State", "ISIS", "ISIL", "Daesh"),
    ),  # fmt: skip
    AliasGroup(
        "Department of Defense",
        "ORG",
        ("Department of Defense", "Defense Department", "Pentagon", "DoD", "U.S. Department of Defense"),
        detect=("Pentagon",),
    ),
    AliasGroup("Department of State", "ORG", ("Department of State", "State Department")),
)


def fold(text: str) -> str:
    """Casefolded text without accents, with typographic quotes and dashes made plain."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = plain.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-").replace("\u2011", "-")
    return plain.casefold()


def name_words(name: str) -> list[str]:
    """The words of a name, folded, split on spaces and hyphens, dots and possessives removed."""
    return list(_name_words(name))


#: Names met in one batch repeat many times; keys are cached per process.
_KEY_CACHE_SIZE = 65_536


@lru_cache(maxsize=_KEY_CACHE_SIZE)
def _name_words(name: str) -> tuple[str, ...]:
    # Name resolution compares every pair of names in an article, so each
    # name's words are asked for many times.
    folded = fold(name).replace(".", "")
    folded = re.sub(r"'s\b", "", folded)
    return tuple(word for word in re.split(r"[\s\-/]+", folded) if word and re.search(r"\w", word))


@lru_cache(maxsize=_KEY_CACHE_SIZE)
def name_key(name: str) -> str:
    """The comparison key of a name: "The U.S." and "US" share the key "us"."""
    words = name_words(name)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(re.sub(r"[^\w&]", "", word) for word in words)


def person_words(name: str) -> list[str]:
    """The words that identify a person: honorifics and particles dropped ("al-Sudani" -> ["sudani"])."""
    return list(_person_words(name))


@lru_cache(maxsize=_KEY_CACHE_SIZE)
def _person_words(name: str) -> tuple[str, ...]:
    words = [re.sub(r"[^\w]", "", word) for word in name_words(name)]
    words = [word for word in words if word]
    while words and words[0] in HONORIFICS and len(words) > 1:
        words = words[1:]
    kept = [word for word in words if word not in NAME_PARTICLES]
    return tuple(kept or words)


def surname(name: str) -> str:
    """The folded surname of a person's name ("" when the name has no letters)."""
    words = person_words(name)
    return words[-1] if words else ""


def is_subsequence(short: list[str], long: list[str]) -> bool:
    """True when every word of short appears in long, in the same order."""
    iterator = iter(long)
    return all(any(word == candidate for candidate in iterator) for word in short)


def person_names_compatible(short: str, long: str) -> bool:
    """True when short is a shortened form of long: same surname, other words kept in order."""
    short_words, long_words = person_words(short), person_words(long)
    if not short_words or not long_words or short_words[-1] != long_words[-1]:
        return False
    return is_subsequence(short_words, long_words)


#: Abbreviated titles, spelled out so "Gov. Pence" and "Governor Pence" agree.
_TITLE_ABBREVIATIONS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
    "adm": "admiral", "col": "colonel", "sgt": "sergeant", "capt": "captain",
    "lt": "lieutenant", "maj": "major", "brig": "brigadier", "pres": "president",
}  # fmt: skip


def role_head(role: str) -> str:
    """The word a title is about: "Prime Minister" -> "minister", "Secretary of State" -> "secretary"."""
    words = [word.strip(".") for word in fold(role).replace("-", " ").split()]
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    head = words[-1] if words else ""
    return _TITLE_ABBREVIATIONS.get(head, head)


def alias_group(name: str) -> AliasGroup | None:
    """The alias group a name belongs to, if it is one of the very common aliases."""
    return _ALIAS_INDEX.get(name_key(name))


def is_acronym_of(acronym: str, expansion: str) -> bool:
    """True when acronym abbreviates expansion: "UN"/"United Nations", "CENTCOM"/"Central Command".

    Letters of the acronym must be consumed as non-empty prefixes of the
    expansion's words in order; every content word must contribute, function
    words may, and a leading abbreviated word ("U.S. Central Command") may be
    skipped.
    """
    letters = re.sub(r"[^A-Za-z]", "", acronym)
    if len(letters) < 2 or not looks_like_acronym(acronym) or any(char.isdigit() for char in acronym):
        return False
    words = [re.sub(r"[^\w]", "", word) for word in fold(expansion).split()]
    words = [word for word in words if word]
    if len(words) < 2:
        return False
    if _matches_prefixes(letters.casefold(), words):
        return True
    first = expansion.split()[0]
    return len(words) > 2 and ("." in first or first.isupper()) and _matches_prefixes(letters.casefold(), words[1:])


def looks_like_acronym(name: str) -> bool:
    """True for one word written mostly in capitals: "CENTCOM", "U.S.", "DoD"."""
    compact = re.sub(r"[.\s]", "", name)
    if not compact.isalnum() or " " in name.strip():
        return False
    upper = sum(1 for char in compact if char.isupper())
    return compact[0].isupper() and upper >= max(2, len(compact) // 2)


def _matches_prefixes(letters: str, words: list[str]) -> bool:
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    optional = word in NAME_STOPWORDS
    if not letters:
        return all(other in NAME_STOPWORDS for other in words)
    if optional and _matches_prefixes(letters, rest):
        return True
    for size in range(min(len(word), len(letters)), 0, -1):
        if word[:size] == letters[:size] and _matches_prefixes(letters[size:], rest):
            return True
    return False


def head_word(words: list[str]) -> str:
    """The last content word of a name's words (its head in English noun phrases)."""
    content = [word for word in words if word not in NAME_STOPWORDS]
    return content[-1] if content else ""


def content_words(name: str) -> list[str]:
    """A name's folded words without punctuation or function words."""
    words = [re.sub(r"[^\w]", "", word) for word in name_words(name)]
    return [word for word in words if word and word not in NAME_STOPWORDS]


def head_family(word: str) -> str:
    """A key shared by head words of one family ("committee" and "commission" give the same)."""
    for family in HEAD_FAMILIES:
        if word in family:
            return min(family)
    return word


def heads_agree(first: str, second: str) -> bool:
    """True when two head words are spellings of one word or belong to one family."""
    if words_match(first, second):
        return True
    return any(first in family and second in family for family in HEAD_FAMILIES)


def words_match(first: str, second: str) -> bool:
    """True when two folded words are the same word or spelling variants of it."""
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) >= STEM_PREFIX_MIN and longer.startswith(shorter):
        return True
    return fuzz.ratio(first, second) >= TOKEN_SIMILARITY_FLOOR


def aligned_name_similarity(first: str, second: str) -> float | None:
    """Token-level similarity (0..100) of two organization names, or None if they cannot be one body.

    The names must have the same number of content words, agreeing heads, and
    every other word must be a spelling variant of its counterpart; the score
    is the mean word similarity, with a head-family swap counted as a match.
    """
    first_content, second_content = content_words(first), content_words(second)
    if not first_content or len(first_content) != len(second_content):
        return None
    if not heads_agree(first_content[-1], second_content[-1]):
        return None
    scores = [100.0]
    for left, right in zip(first_content[:-1], second_content[:-1], strict=True):
        if not words_match(left, right):
            return None
        scores.append(100.0 if left == right else max(fuzz.ratio(left, right), TOKEN_SIMILARITY_FLOOR))
    return sum(scores) / len(scores)


def spelling_key(name: str) -> str:
    """name_key with British/American spellings and plural endings folded ("Recognised" = "Recognized")."""
    words = []
    for word in name_key(name).split():
        for british, american in _SPELLING_VARIANTS:
            word = re.sub(british, american, word)
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return " ".join(words)


def names_compatible(first: str, second: str, label: str) -> bool:
    """True when two names are forms of one name (spelling, acronym, alias, shortening), not a conflict."""
    if spelling_key(first) == spelling_key(second):
        return True
    if label == "PERSON":
        return person_words(first) == person_words(second) or (
            person_names_compatible(first, second) or person_names_compatible(second, first)
        )
    group = alias_group(first)
    if group is not None and group is alias_group(second):
        return True
    if is_acronym_of(first, second) or is_acronym_of(second, first):
        return True
    first_words, second_words = name_words(first), name_words(second)
    shorter, longer = sorted((first_words, second_words), key=len)
    return bool(shorter) and head_word(shorter) == head_word(longer) and is_subsequence(shorter, longer)


_ALIAS_INDEX: dict[str, AliasGroup] = {name_key(name): group for group in ALIAS_GROUPS for name in group.names}
