"""Words for comparing texts: tokens, rough stems, quoted stretches.

The compare stage matches passages across articles by their content words.
Stems here are a few suffix rules rather than spaCy lemmas: comparison runs
over whole batches and needs only "withdrawal"/"withdrawals" and
"conclude"/"concluded" to meet, not a parse. Stop words come from spaCy's list.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from spacy.lang.en.stop_words import STOP_WORDS

#: A word: letters/digits, with inner apostrophes, dots, commas (1,500) and hyphens.
WORD = re.compile(r"[^\W_]+(?:[’'.,\-][^\W_]+)*")
#: A quoted stretch in curly or straight double quotes (bounded so a stray mark cannot swallow a page).
QUOTED = re.compile(r"“[^“”]{1,3000}”|\"[^\"\n]{1,3000}\"")
_SUFFIXES = ("ing", "ies", "es", "ed", "ly", "s")


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


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every quoted stretch, marks included."""
    return [(m.start(), m.end()) for m in QUOTED.finditer(text)]
