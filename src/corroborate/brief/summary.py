"""The summary: the best-supported claims, each a source's own sentence with its certainty.

Extractive on purpose: every summary sentence is a statement of a source,
cited by its exact offsets, followed (in ``certainty``, not in the text) by
how well it is supported. Nothing is paraphrased, so nothing can be invented.

Selection is greedy over claims ranked by support (independent sources
first, then position in the articles; see :mod:`corroborate.compare.claims`),
skipping a claim whose statement repeats one already chosen (content-word
overlap, as in maximal marginal relevance) or that is in conflict. Under a
word budget (``--summary-words``) each claim is worded by its shortest
statement that fits, and claims that fit in no wording are skipped; the
budget is never exceeded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from corroborate.compare.words import content_stems
from corroborate.model import Claim, Evidence, Source, SummarySentence

#: Summary length without a budget: the lede facts of a story (about the
#: length of a news brief's opening paragraph of five sentences).
DEFAULT_SENTENCES = 5
#: A candidate sharing this share of its content words with a chosen sentence repeats it.
MAX_REDUNDANCY = 0.5
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def summarize(
    claims: Sequence[Claim], sources: Sequence[Source], *, max_words: int | None = None
) -> tuple[SummarySentence, ...]:
    """Summary sentences, most established first, within ``max_words`` words when given."""
    labels = {source.id: source.outlet or source.id for source in sources}
    roots = {source.id: source.independent_source or source.id for source in sources}
    chosen: list[SummarySentence] = []
    chosen_words: list[frozenset[str]] = []
    used_words = 0
    for claim in sorted(claims, key=_rank):
        if claim.status == "conflicting":
            continue
        if max_words is None and len(chosen) >= DEFAULT_SENTENCES:
            break
        wording = _wording(claim, None if max_words is None else max_words - used_words)
        if wording is None:
            continue
        stems = content_stems(wording.text)
        if any(_overlap(stems, other) > MAX_REDUNDANCY for other in chosen_words):
            continue
        chosen.append(SummarySentence(wording.text, claim.sources, (wording, *_other_evidence(claim, wording)),
                                      certainty(claim, labels, roots), claim.id))
        chosen_words.append(stems)
        used_words += word_count(wording.text)
    return tuple(chosen)


def _rank(claim: Claim) -> tuple[float, str]:
    return (-claim.weight, claim.id)


def _wording(claim: Claim, budget: int | None) -> Evidence | None:
    """The claim's own wording, or under a budget its shortest statement from an independent source that fits."""
    if budget is None:
        return claim.evidence[0]
    independent = [e for e in claim.evidence if e.source not in claim.derived_sources] or list(claim.evidence)
    fitting = [e for e in independent if word_count(e.text) <= budget]
    return min(fitting, key=lambda e: (word_count(e.text), e.source)) if fitting else None


def _other_evidence(claim: Claim, wording: Evidence) -> list[Evidence]:
    return [e for e in claim.evidence if e != wording]


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def word_count(text: str) -> int:
    """Words as a reader counts them (whitespace-separated)."""
    return len(text.split())


def certainty(claim: Claim, labels: Mapping[str, str], roots: Mapping[str, str] | None = None) -> str:
    """How well a claim is supported, in words: "reported by four independent sources (...)".

    A derived source is named among the witnesses only when the source it
    derives from does not carry the claim (then the claim is its own addition).
    """
    roots = roots or {}
    independent = claim.independent_sources
    own_roots = {roots.get(s, s) for s in claim.sources if s not in claim.derived_sources}
    not_counted = [s for s in claim.derived_sources if roots.get(s, s) in own_roots]
    counted = [s for s in claim.sources if s not in not_counted]
    names = ", ".join(dict.fromkeys(labels.get(source, source) for source in counted))
    if independent >= 2:
        count = _NUMBER_WORDS[independent] if independent < len(_NUMBER_WORDS) else str(independent)
        phrase = f"reported by {count} independent sources ({names})"
    else:
        phrase = f"only one source ({names})"
    if not_counted:
        derived = ", ".join(labels.get(s, s) for s in not_counted)
        phrase += f"; also in {derived}, which derives from another source and is not counted"
    return phrase
