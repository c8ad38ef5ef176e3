"""Source independence: which articles of a batch copy, rewrite or summarize another.

Several outlets agreeing means little when one of them is another's text
reprinted, a wire story run twice, or an aggregator's summary of a third. This
module finds such derivations so a derived article is not counted as an
independent witness (what it adds of its own still counts, and the shared
passages say which part is borrowed).

How it works, per batch:

1. **Candidates (MinHashLSH).** Every body sentence, and every line of the
   blocks the extractor removed (linked-story lists with snippets), becomes a
   MinHash over its content-word stems (datasketch). One LSH index over all
   body sentences finds, for each sentence, the sentences of other articles
   with similar content, without comparing all pairs. Two articles become a
   candidate pair when several of their sentences meet, or when one article's
   removed blocks show the other's text.
2. **Evidence per candidate pair.** Verbatim passages: maximal runs of at least
   :data:`MIN_RUN_WORDS` identical words, found through a word-shingle index,
   in any order. Paraphrase: a one-to-one alignment of sentences by overlap of
   content-word stems (Dice), with numbers and names among them, plus how well
   the aligned sentences keep the same order. Quoted words are left out of both:
   two outlets quoting the same official verbatim share evidence, they do not
   copy each other. Explicit links: a snippet of the other article's text in a
   removed "linked stories" block (an aggregator listing its sources).
3. **Decision.** A pair is a derivation when most of one article's own content
   is found in the other (less is needed when it also links to it). The
   direction comes, in order of trust, from an explicit link, from trusted
   publication dates, from which text holds the other's passages (the derived
   one is covered more), and from length (a summary is shorter). The kind is
   ``copy`` (near-identical), ``syndicated`` (mostly verbatim both ways, each
   with its own edits), ``rewrite`` (verbatim passages cut or edited, or a
   paraphrase of similar length) or ``summary`` (a shorter paraphrase, or an
   aggregator page that links to its source).
4. **Sources.** Each article keeps at most its strongest derivation, and an
   edge that would close a cycle is dropped, so derivations form a DAG; chains
   resolve to their root in :func:`independent_groups`.

Sentence splitting and stemming are small regex rules here rather than the
spaCy pipeline of the annotate stage: this stage must stay fast on batches of
hundreds of articles, and only needs rough sentences and word stems, not
parses. MinHash and LSH come from datasketch, stop words from spaCy's list.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from corroborate.compare.words import WORD as _WORD
from corroborate.compare.words import content_stems as _stems_of
from corroborate.compare.words import normalize_word as _normalize
from corroborate.compare.words import quoted_ranges as _quoted_ranges
from corroborate.compare.words import word_stem as _stem
from corroborate.errors import UsageError
from corroborate.extract.dates import LOW_CONFIDENCE
from corroborate.model import Article, RemovedBlock

# --- Tuned constants. Values were set on the five bundled Iraq seeds (four
# independent reports of one announcement, one aggregator summary of seed 004)
# and checked on 300 ECB+ texts (several outlets per event, plus planted
# copies, cuts, splices and reorderings), so that independent same-event
# reporting stays below each threshold. ECB+ also holds real wire copy (12_2ecb
# and 12_13ecb run one Reuters story with edits), which is found.

#: Shortest run of identical words taken as a verbatim passage. Independent
#: reports of one event share stock phrases of up to 5-6 words ("the U.S.-led
#: coalition against the Islamic State group"); 8 words rarely recur by chance.
MIN_RUN_WORDS = 8
#: A word occurring in both texts more often than this is not used to seed runs
#: (keeps repeated boilerplate from making the run search quadratic).
MAX_SHINGLE_POSITIONS = 20
#: Dice overlap of content stems at which two sentences are aligned as saying
#: the same thing. On the seeds, 003's paraphrases of 004 score 0.35-0.6 while
#: independent outlets' sentences on the same fact mostly score 0.25-0.45; the
#: pair-level coverage below, not this cut, separates the two.
SENTENCE_SIMILARITY = 0.34
#: Fewest shared content stems for two sentences to align: short sentences share
#: "U.S. troops Iraq" by topic alone.
MIN_SHARED_STEMS = 4
#: Share of the derived article's own (unquoted) content that must sit in
#: sentences aligned with the source, in the source's order, for a derivation.
#: Independent seeds cover each other at 0.07-0.37; 003 is covered by 004 at
#: 0.44 (enough only with its link, below), a verbatim rewrite at 0.8 and more.
DERIVED_SHARE = 0.5
#: The same share when the derived article's removed blocks also show a snippet
#: of the source (a page that links its sources): the link is explicit evidence,
#: the body only has to be clearly about the same content.
LINKED_DERIVED_SHARE = 0.3
#: Share of the derived article's content weight, each stem weighted by its
#: rarity in the batch (log((N+1)/df)), that it shares with the source in aligned
#: sentences. Facts of the event every outlet reports weigh little; a source's
#: own wording and details weigh much. On the seeds 003 shares 0.12 of its weight
#: with 004, independent pairs 0.01-0.065.
DISTINCTIVE_SHARE = 0.09
#: Share of words in verbatim runs (either side) above which the pair is a
#: copy/rewrite/syndication regardless of sentence alignment.
VERBATIM_SHARE = 0.5
#: Both sides at least this much verbatim-covered: near-identical, a copy.
COPY_SHARE = 0.9
#: Least difference between the two sides' coverage that says which one holds
#: the other (the derived side is covered more). Below it the overlap is
#: symmetric: both edited a common original (syndication) or direction unknown.
DIRECTION_MARGIN = 0.1
#: A paraphrase this much shorter (in characters) than its source is a summary;
#: the same ratio makes the shorter text the derived one when coverage is even.
SUMMARY_LENGTH_RATIO = 0.8
#: Least share of aligned sentence pairs in the same relative order: a derived
#: text keeps its source's sequence of facts; independent reports order the
#: facts of one event in their own way. 003 keeps 004's order at 0.83.
MIN_ORDER_SHARE = 0.6
#: Fewest aligned sentences for a paraphrase derivation (one or two sentences
#: on the same fact are agreement, not derivation).
MIN_ALIGNED_SENTENCES = 3
#: A paraphrase also needs this share of its own words in verbatim runs, or an
#: explicit link: on ECB+, short independent reports of one narrow event (five
#: outlets on one celebrity's rehab) align sentence by sentence as well as a
#: summary does, but share at most a stray run of MIN_RUN_WORDS words (a name
#: with a title, a court's wording), well under a tenth of their words.
PARAPHRASE_VERBATIM_SUPPORT = 0.1
#: Publication dates are compared only from this confidence on: the extract
#: stage's LOW_CONFIDENCE, below which a date is only a guess (a re-posting
#: date in site chrome, a date read from the text).
TRUSTED_DATE_CONFIDENCE = LOW_CONFIDENCE
#: MinHash permutations and LSH Jaccard threshold on sentence stem sets: 64
#: permutations keep the index small; 0.3 Jaccard (about 0.46 Dice) finds
#: paraphrased sentences while passing few unrelated ones.
NUM_PERM = 64
LSH_THRESHOLD = 0.3
#: Fewest sentence hits between two articles for a candidate pair.
MIN_CANDIDATE_HITS = 2
#: Sentences with fewer content stems are not indexed (too generic to tell).
MIN_INDEXED_STEMS = 4
#: Highest similarity given to two sentences whose words differ (1.0 means identical words).
MAX_REWORDED_SIMILARITY = 0.99
#: Confidence added for explicit link evidence and for trusted dates agreeing.
LINK_CONFIDENCE_BONUS = 0.3
DATE_CONFIDENCE_BONUS = 0.1

Kind = str  # "copy" | "rewrite" | "summary" | "syndicated"
_KIND_PHRASES = {
    "copy": "a copy of",
    "rewrite": "a rewrite of",
    "summary": "a summary of",
    "syndicated": "the same syndicated story as",
}


@dataclass(frozen=True)
class SharedPassage:
    """A passage two articles share.

    ``source_start``/``source_end`` slice the original's (the source's) text;
    ``derived_start``/``derived_end`` slice the derived article's text, or are
    -1 when the evidence sits in its removed blocks (``where`` says which).
    ``similarity`` is 1.0 for identical words, else the content-word overlap
    (Dice of stems, below 1.0); a snippet's is the share of the source
    sentence it shows.
    """

    source_start: int
    source_end: int
    derived_start: int
    derived_end: int
    similarity: float
    where: str


@dataclass(frozen=True)
class Derivation:
    """One article derived from another, with the evidence and a one-line reason.

    ``similarity`` is the share of the derived article's own content found in
    the source; ``kind`` is "copy", "rewrite", "summary" or "syndicated".
    """

    article: str
    derived_from: str
    kind: Kind
    confidence: float
    similarity: float
    passages: tuple[SharedPassage, ...]
    reason: str


# --- Text profile: words, sentences, stems, quotes --------------------------

_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.)+[A-Za-z]?|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|Maj|St|Jr|Sr|"
    r"Inc|Corp|Co|Ltd|No|vs|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Prof|Rev|Ft|Mt)\.)$"
)


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    first_token: int
    end_token: int
    stems: frozenset[str]


@dataclass(frozen=True)
class _Profile:
    article: Article
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    quoted: tuple[bool, ...]
    sentences: tuple[_Sentence, ...]
    content_size: int


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans: line breaks, and sentence-final punctuation before a capital."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end_mark in _SENTENCE_END.finditer(text, line.start(), line.end()):
            before = text[start : end_mark.end()]
            if _ABBREVIATION.search(before.rstrip("\"”’)]")):
                continue
            spans.append((start, end_mark.end()))
            start = end_mark.end()
        spans.append((start, line.end()))
    trimmed = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            offset = start + len(chunk) - len(chunk.lstrip())
            trimmed.append((offset, offset + len(stripped)))
    return trimmed


def _profile(article: Article) -> _Profile:
    text = article.text
    matches = list(_WORD.finditer(text))
    words = tuple(_normalize(m.group()) for m in matches)
    spans = tuple((m.start(), m.end()) for m in matches)
    quotes = _quoted_ranges(text)
    quote_starts = [q[0] for q in quotes]
    quoted = []
    for start, _ in spans:
        index = bisect_right(quote_starts, start) - 1
        quoted.append(index >= 0 and quotes[index][0] <= start < quotes[index][1])
    starts = [s for s, _ in spans]
    sentences = []
    for start, end in _sentence_spans(text):
        first = bisect_left(starts, start)
        last = bisect_left(starts, end)
        stems = frozenset(
            stem
            for position in range(first, last)
            if not quoted[position] and (stem := _stem(words[position]))
        )
        sentences.append(_Sentence(start, end, first, last, stems))
    content_size = sum(len(s.stems) for s in sentences)
    return _Profile(article, words, spans, tuple(quoted), tuple(sentences), content_size)


# --- Verbatim runs -----------------------------------------------------------


@dataclass(frozen=True)
class _Run:
    a_start: int  # token index in a
    b_start: int  # token index in b
    length: int  # words


def _shared_runs(a: Sequence[str], b: Sequence[str], min_words: int = MIN_RUN_WORDS) -> list[_Run]:
    """Maximal runs of at least ``min_words`` identical words, non-overlapping, any order."""
    if len(a) < min_words or len(b) < min_words:
        return []
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(b) - min_words + 1):
        index[tuple(b[j : j + min_words])].append(j)
    runs: list[_Run] = []
    previous: dict[int, tuple[int, int]] = {}
    for i in range(len(a) - min_words + 1):
        positions = index.get(tuple(a[i : i + min_words]), ())
        if len(positions) > MAX_SHINGLE_POSITIONS:
            positions = ()
        current: dict[int, tuple[int, int]] = {}
        for j in positions:
            current[j] = previous.get(j - 1, (i, j))
        for j, (si, sj) in previous.items():
            if j + 1 not in current:
                runs.append(_Run(si, sj, (i - 1 - si) + min_words))
        previous = current
    last = len(a) - min_words
    for j, (si, sj) in previous.items():
        runs.append(_Run(si, sj, (last - si) + min_words))
    chosen: list[_Run] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for run in sorted(runs, key=lambda r: (-r.length, r.a_start, r.b_start)):
        # A run overlapping a longer one (a shared word at a seam, a repeated
        # phrase) keeps its free stretches of at least min_words.
        free = [
            offset
            for offset in range(run.length)
            if run.a_start + offset not in used_a and run.b_start + offset not in used_b
        ]
        for piece in _consecutive_stretches(free):
            if len(piece) < min_words:
                continue
            kept = _Run(run.a_start + piece[0], run.b_start + piece[0], len(piece))
            used_a.update(range(kept.a_start, kept.a_start + kept.length))
            used_b.update(range(kept.b_start, kept.b_start + kept.length))
            chosen.append(kept)
    return sorted(chosen, key=lambda r: r.a_start)


def _consecutive_stretches(numbers: Sequence[int]) -> list[list[int]]:
    stretches: list[list[int]] = []
    for number in numbers:
        if stretches and stretches[-1][-1] == number - 1:
            stretches[-1].append(number)
        else:
            stretches.append([number])
    return stretches


def _is_shared_quote(run: _Run, a: _Profile, b: _Profile) -> bool:
    """True when the run is a quote both texts carry, with less than a run's worth of own words."""
    own_a = run.length - sum(a.quoted[run.a_start : run.a_start + run.length])
    own_b = run.length - sum(b.quoted[run.b_start : run.b_start + run.length])
    return min(own_a, own_b) < MIN_RUN_WORDS


# --- Pair evidence ------------------------------------------------------------


@dataclass
class _PairEvidence:
    a: _Profile
    b: _Profile
    runs: list[_Run]
    verbatim: dict[str, float]
    alignment: list[tuple[int, int, float]]  # (sentence in a, sentence in b, dice)
    aligned: dict[str, float]
    order: float
    distinctive: dict[str, float]
    links: dict[str, list[SharedPassage]]  # derived id -> snippet passages of the other


def _dice(x: frozenset[str], y: frozenset[str]) -> tuple[float, int]:
    shared = len(x & y)
    return (2 * shared / (len(x) + len(y)) if shared else 0.0), shared


def _align_sentences(a: _Profile, b: _Profile) -> list[tuple[int, int, float]]:
    """One-to-one sentence alignment by content-stem overlap, best pairs first."""
    pairs = []
    for i, sa in enumerate(a.sentences):
        if len(sa.stems) < MIN_SHARED_STEMS:
            continue
        for j, sb in enumerate(b.sentences):
            if len(sb.stems) < MIN_SHARED_STEMS:
                continue
            score, shared = _dice(sa.stems, sb.stems)
            if shared >= MIN_SHARED_STEMS and score >= SENTENCE_SIMILARITY and not _numbers_conflict(sa, sb):
                pairs.append((score, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    alignment = []
    for score, i, j in pairs:
        if i in taken_a or j in taken_b:
            continue
        taken_a.add(i)
        taken_b.add(j)
        alignment.append((i, j, score))
    return sorted(alignment)


def _numbers_conflict(a: _Sentence, b: _Sentence) -> bool:
    """Both sentences give figures and share none: they report different facts.

    A rewrite or summary keeps its source's numbers (2,500 troops, September
    2026); two sentences with the same words around different figures are
    about different things.
    """
    numbers_a = {stem for stem in a.stems if stem.isdigit()}
    numbers_b = {stem for stem in b.stems if stem.isdigit()}
    return bool(numbers_a and numbers_b and not numbers_a & numbers_b)


def _order_share(alignment: Sequence[tuple[int, int, float]]) -> float:
    """Share of aligned pairs in one increasing order (longest increasing subsequence)."""
    if not alignment:
        return 0.0
    tails: list[int] = []
    for _, j, _ in sorted(alignment):
        position = bisect_left(tails, j)
        if position == len(tails):
            tails.append(j)
        else:
            tails[position] = j
    return len(tails) / len(alignment)


def _link_passages(linker: Article, source: _Profile) -> list[SharedPassage]:
    """Snippets of ``source`` shown in ``linker``'s removed blocks, as source sentences."""
    passages = []
    for block in linker.removed:
        block_words = [_normalize(m.group()) for m in _WORD.finditer(block.text)]
        for run in _shared_runs(source.words, block_words):
            own_words = run.length - sum(source.quoted[run.a_start : run.a_start + run.length])
            if own_words < MIN_RUN_WORDS:
                continue  # a pull quote or a quote the page shares, not the source's own text
            start = source.spans[run.a_start][0]
            end = source.spans[run.a_start + run.length - 1][1]
            sentence_start, sentence_end = _covering_sentences(source, start, end)
            sentence_words = sum(
                1 for s, _ in source.spans if sentence_start <= s < sentence_end
            )
            passages.append(
                SharedPassage(
                    sentence_start,
                    sentence_end,
                    -1,
                    -1,
                    round(run.length / max(sentence_words, 1), 3),
                    _where_removed(block),
                )
            )
    return passages


def _where_removed(block: RemovedBlock) -> str:
    reason = block.reason.lower()
    if "link" in reason or "related" in reason:
        return "linked-story snippet"
    return f"removed block ({block.reason})"


def _covering_sentences(profile: _Profile, start: int, end: int) -> tuple[int, int]:
    covering = [s for s in profile.sentences if s.start < end and start < s.end]
    if not covering:
        return start, end
    return covering[0].start, covering[-1].end


def _distinctive_share(
    profile: _Profile, other: _Profile, pairs: Iterable[tuple[int, int]], weights: Mapping[str, float]
) -> float:
    # Exact sums: the stems are sets, whose order (and a plain sum's rounding) changes between runs.
    total = math.fsum(weights.get(stem, 0.0) for sentence in profile.sentences for stem in sentence.stems)
    shared = math.fsum(
        weights.get(stem, 0.0)
        for mine, theirs in pairs
        for stem in profile.sentences[mine].stems & other.sentences[theirs].stems
    )
    return shared / total if total else 0.0


def _unquoted_share(profile: _Profile, runs: Iterable[tuple[int, int]]) -> float:
    """Share of the profile's unquoted words that lie inside the given (start, length) runs."""
    own = len(profile.quoted) - sum(profile.quoted)
    inside = sum(length - sum(profile.quoted[start : start + length]) for start, length in runs)
    return inside / own if own else 0.0


def _pair_evidence(a: _Profile, b: _Profile, weights: Mapping[str, float]) -> _PairEvidence:
    runs = [run for run in _shared_runs(a.words, b.words) if not _is_shared_quote(run, a, b)]
    # Quoted words are left out of both sides of the share: a shared quote is evidence, not copying.
    verbatim = {
        a.article.id: _unquoted_share(a, [(run.a_start, run.length) for run in runs]),
        b.article.id: _unquoted_share(b, [(run.b_start, run.length) for run in runs]),
    }
    alignment = _align_sentences(a, b)
    aligned = {
        a.article.id: sum(len(a.sentences[i].stems) for i, _, _ in alignment) / max(a.content_size, 1),
        b.article.id: sum(len(b.sentences[j].stems) for _, j, _ in alignment) / max(b.content_size, 1),
    }
    links = {
        a.article.id: _link_passages(a.article, b),
        b.article.id: _link_passages(b.article, a),
    }
    distinctive = {
        a.article.id: _distinctive_share(a, b, [(i, j) for i, j, _ in alignment], weights),
        b.article.id: _distinctive_share(b, a, [(j, i) for i, j, _ in alignment], weights),
    }
    return _PairEvidence(a, b, runs, verbatim, alignment, aligned, _order_share(alignment), distinctive, links)


def _rarity_weights(profiles: Sequence[_Profile]) -> dict[str, float]:
    """log((N+1)/df) per stem over the batch: what every article says weighs least."""
    frequency: Counter[str] = Counter()
    for profile in profiles:
        frequency.update({stem for sentence in profile.sentences for stem in sentence.stems})
    size = len(profiles)
    return {stem: math.log((size + 1) / count) for stem, count in frequency.items()}


# --- Candidates through MinHashLSH --------------------------------------------


def _minhashes(stem_sets: Sequence[Iterable[str]]) -> list[MinHash]:
    return MinHash.bulk(
        [[stem.encode("utf-8") for stem in stems] for stems in stem_sets], num_perm=NUM_PERM
    )


def _candidate_pairs(profiles: Sequence[_Profile]) -> list[tuple[int, int]]:
    """Article pairs (by index) that share several similar sentences or a linked snippet."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    keys: list[tuple[int, int]] = []
    stem_sets: list[frozenset[str]] = []
    for a, profile in enumerate(profiles):
        for s, sentence in enumerate(profile.sentences):
            if len(sentence.stems) >= MIN_INDEXED_STEMS:
                keys.append((a, s))
                stem_sets.append(sentence.stems)
    hashes = _minhashes(stem_sets)
    with lsh.insertion_session() as session:
        for key, minhash in zip(keys, hashes):
            session.insert(key, minhash)
    hits: Counter[tuple[int, int]] = Counter()
    for (a, _), minhash in zip(keys, hashes):
        for b, _ in lsh.query(minhash):
            if b != a:
                hits[(min(a, b), max(a, b))] += 1
    # Each sentence match is counted from both sides; an article with a single
    # indexed sentence (a brief) needs only that one.
    indexed = Counter(a for a, _ in keys)
    pairs = {
        (a, b)
        for (a, b), count in hits.items()
        if count >= 2 * min(MIN_CANDIDATE_HITS, indexed[a], indexed[b])
    }
    # Removed blocks (linked-story lists) are queried line by line.
    lines: list[tuple[int, frozenset[str]]] = []
    for a, profile in enumerate(profiles):
        for block in profile.article.removed:
            for line in block.text.split("\n"):
                stems = _stems_of(line)
                if len(stems) >= MIN_INDEXED_STEMS:
                    lines.append((a, stems))
    for (a, _), minhash in zip(lines, _minhashes([stems for _, stems in lines])):
        for b, _ in lsh.query(minhash):
            if b != a:
                pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


# --- Decision -----------------------------------------------------------------


def _trusted_date(article: Article) -> str | None:
    if article.published and article.published_confidence >= TRUSTED_DATE_CONFIDENCE:
        return article.published
    return None


def _derived_share(evidence: _PairEvidence, article_id: str) -> tuple[float, str]:
    """Share of ``article_id``'s content found in the other, and whether verbatim or paraphrase."""
    verbatim = evidence.verbatim[article_id]
    paraphrase = 0.0
    if (
        (verbatim >= PARAPHRASE_VERBATIM_SUPPORT or evidence.links[article_id])
        and len(evidence.alignment) >= MIN_ALIGNED_SENTENCES
        and evidence.order >= MIN_ORDER_SHARE
        and evidence.distinctive[article_id] >= DISTINCTIVE_SHARE
    ):
        paraphrase = evidence.aligned[article_id]
    if verbatim >= VERBATIM_SHARE or verbatim >= paraphrase:
        return verbatim, "verbatim"
    return paraphrase, "paraphrase"


def _direction(evidence: _PairEvidence) -> tuple[Article, str]:
    """The article taken as derived, and why (empty when nothing shows a direction).

    In order of trust: an explicit link to the other's story, trusted
    publication dates, which text holds more of the other's, which is shorter.
    Without any sign the longer text (then the smaller id) stands as the source.
    """
    a, b = evidence.a.article, evidence.b.article
    share_a, share_b = (_derived_share(evidence, x.id)[0] for x in (a, b))
    linked = [x for x in (a, b) if evidence.links[x.id]]
    date_a, date_b = _trusted_date(a), _trusted_date(b)
    if len(linked) == 1:
        return linked[0], "its page links to the other's story with a snippet"
    if date_a and date_b and date_a != date_b:
        return (a if date_a > date_b else b), "it was published later"
    if abs(share_a - share_b) >= DIRECTION_MARGIN:
        return (a if share_a > share_b else b), "more of its text is found in the other than the reverse"
    if min(len(a.text), len(b.text)) <= SUMMARY_LENGTH_RATIO * max(len(a.text), len(b.text)):
        return (a if len(a.text) < len(b.text) else b), "it is the shorter text"
    kept_source = min((a, b), key=lambda x: (-len(x.text), x.id))
    return (b if kept_source is a else a), ""


def _kind(evidence: _PairEvidence, derived: Article, source: Article, basis: str, linked: bool) -> Kind:
    verbatim_derived = evidence.verbatim[derived.id]
    verbatim_source = evidence.verbatim[source.id]
    if min(verbatim_derived, verbatim_source) >= COPY_SHARE:
        return "copy"
    if basis == "verbatim":
        balanced = abs(verbatim_derived - verbatim_source) < DIRECTION_MARGIN
        return "syndicated" if (balanced and not linked) else "rewrite"
    if linked or len(derived.text) <= SUMMARY_LENGTH_RATIO * len(source.text):
        return "summary"
    return "rewrite"


def _decide(evidence: _PairEvidence) -> Derivation | None:
    """The derivation one article of the pair shows of the other, or None."""
    derived, direction_note = _direction(evidence)
    source = evidence.b.article if derived is evidence.a.article else evidence.a.article
    share, basis = _derived_share(evidence, derived.id)
    link_passages = evidence.links[derived.id]
    needed = LINKED_DERIVED_SHARE if link_passages else (VERBATIM_SHARE if basis == "verbatim" else DERIVED_SHARE)
    if share < needed:
        return None
    kind = _kind(evidence, derived, source, basis, bool(link_passages))
    confidence = share
    if link_passages:
        confidence += LINK_CONFIDENCE_BONUS
    derived_date, source_date = _trusted_date(derived), _trusted_date(source)
    if derived_date and source_date and derived_date > source_date:
        confidence += DATE_CONFIDENCE_BONUS
    passages = _passages(evidence, derived.id) + link_passages
    passages.sort(key=lambda p: (p.source_start, p.derived_start))
    return Derivation(
        article=derived.id,
        derived_from=source.id,
        kind=kind,
        confidence=round(min(confidence, 1.0), 3),
        similarity=round(share, 3),
        passages=tuple(passages),
        reason=_reason(derived, source, kind, share, basis, evidence, link_passages, direction_note),
    )


def _passages(evidence: _PairEvidence, derived_id: str) -> list[SharedPassage]:
    """Verbatim runs, then aligned sentences not already inside a run, as source/derived offsets."""
    derived_is_a = evidence.a.article.id == derived_id
    source_profile = evidence.b if derived_is_a else evidence.a
    derived_profile = evidence.a if derived_is_a else evidence.b
    passages = []
    covered_source: set[int] = set()  # source token indices inside verbatim runs
    for run in evidence.runs:
        d_start, s_start = (run.a_start, run.b_start) if derived_is_a else (run.b_start, run.a_start)
        source_span = (source_profile.spans[s_start][0], source_profile.spans[s_start + run.length - 1][1])
        derived_span = (derived_profile.spans[d_start][0], derived_profile.spans[d_start + run.length - 1][1])
        covered_source.update(range(s_start, s_start + run.length))
        passages.append(SharedPassage(*source_span, *derived_span, 1.0, "body"))
    for i, j, score in evidence.alignment:
        d_index, s_index = (i, j) if derived_is_a else (j, i)
        source_sentence = source_profile.sentences[s_index]
        derived_sentence = derived_profile.sentences[d_index]
        tokens = range(source_sentence.first_token, source_sentence.end_token)
        if sum(token in covered_source for token in tokens) * 2 >= len(tokens):
            continue  # already shown as (mostly) verbatim
        passages.append(
            SharedPassage(
                source_sentence.start,
                source_sentence.end,
                derived_sentence.start,
                derived_sentence.end,
                _paraphrase_similarity(score, source_profile, source_sentence, derived_profile, derived_sentence),
                "body",
            )
        )
    return passages


def _paraphrase_similarity(
    score: float, source: _Profile, source_sentence: _Sentence, derived: _Profile, derived_sentence: _Sentence
) -> float:
    """The sentences' stem overlap, kept below 1.0 unless their words are identical."""
    same_words = (
        source.words[source_sentence.first_token : source_sentence.end_token]
        == derived.words[derived_sentence.first_token : derived_sentence.end_token]
    )
    return 1.0 if same_words else min(round(score, 3), MAX_REWORDED_SIMILARITY)


def _reason(
    derived: Article,
    source: Article,
    kind: str,
    share: float,
    basis: str,
    evidence: _PairEvidence,
    link_passages: Sequence[SharedPassage],
    direction_note: str,
) -> str:
    if basis == "verbatim":
        what = f"{share:.0%} of its words are in runs of {MIN_RUN_WORDS}+ words identical to {source.id}"
    else:
        what = (
            f"{len(evidence.alignment)} of its sentences restate {source.id}'s "
            f"({evidence.order:.0%} in the same order), covering {share:.0%} of its content"
        )
    if link_passages:
        shown = "a snippet" if len(link_passages) == 1 else f"{len(link_passages)} snippets"
        what += f", and its page shows {shown} of {source.id}"
    if not direction_note:
        direction = "nothing shows who came first, so both are grouped as one source"
    else:
        direction = f"it is taken as the derived one because {direction_note}"
    return f"{derived.id} is {_KIND_PHRASES[kind]} {source.id}: {what}; {direction}."


def find_derivations(articles: Sequence[Article]) -> list[Derivation]:
    """Which articles copy, rewrite, syndicate or summarize another of the batch (a DAG)."""
    repeated = sorted(article_id for article_id, count in Counter(a.id for a in articles).items() if count > 1)
    if repeated:
        raise UsageError(f"article ids must be unique to compare sources; repeated: {', '.join(repeated)}")
    profiles = [_profile(article) for article in articles]
    weights = _rarity_weights(profiles)
    decisions = []
    for a, b in _candidate_pairs(profiles):
        decision = _decide(_pair_evidence(profiles[a], profiles[b], weights))
        if decision is not None:
            decisions.append(decision)
    decisions.sort(key=lambda d: (-d.confidence, -d.similarity, d.article, d.derived_from))
    parent: dict[str, str] = {}
    kept = []
    for decision in decisions:
        if decision.article in parent:
            continue
        if _root(parent, decision.derived_from) == decision.article:
            continue  # would close a cycle
        parent[decision.article] = decision.derived_from
        kept.append(decision)
    order = {article.id: position for position, article in enumerate(articles)}
    return sorted(kept, key=lambda d: order.get(d.article, len(order)))


def _root(parent: Mapping[str, str], article_id: str) -> str:
    seen = {article_id}
    while article_id in parent:
        article_id = parent[article_id]
        if article_id in seen:
            break
        seen.add(article_id)
    return article_id


def independent_groups(articles: Sequence[Article], derivations: Sequence[Derivation]) -> dict[str, str]:
    """Article id -> id of the independent source it belongs to (itself when independent)."""
    parent = {d.article: d.derived_from for d in derivations}
    return {article.id: _root(parent, article.id) for article in articles}
