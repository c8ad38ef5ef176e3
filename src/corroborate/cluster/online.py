"""Online story clustering: each article joins an open story or starts a new one.

One pass in stream order, as topic detection and tracking systems do it: an
article is compared with the profiles (centroids) of the stories it shares
distinctive terms with, and joins the best one when the score clears the
threshold. The score is the cosine of TF-IDF vectors of content stems and of
name phrases, weighted together, nudged by whether the calendar dates named
agree and by time: a story with no article within ``quiet_days`` of the new
article's date has gone quiet, and joining it costs ``quiet_penalty`` (a
clear follow-up still joins, a merely similar later event does not). IDF comes
from the stream seen so far, counted in a fixed-size hashed table so memory
does not grow with the vocabulary.

Bounded work per article: candidate stories come from an inverted index over
the article's most distinctive stems and names; terms too common are not
looked up, each term remembers only its most recently updated stories, and
only the best-matched few candidates are scored. Bounded memory: beyond
``max_active_stories`` open stories, the one updated longest ago is closed,
index entries and all. Time never closes a story by itself: streams are not
always in date order (an archive ingested folder by folder), and closing by
the latest date seen would cut every story an older article still belongs
to. Near-copies are found by MinHash LSH (datasketch) over the open stories'
latest articles; a copy joins its original's story and names it in
``derived_from``.

Everything iterates in sorted or insertion order and hashes with fixed
functions (crc32, datasketch's seeded MinHash), never Python's per-process
string hash, so the same stream gives the same assignments in any process.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from corroborate.cluster.features import (
    MINHASH_PERMUTATIONS,
    MINHASH_SEED,
    StoryFeatures,
    estimated_jaccard,
    log_weight,
)
from corroborate.cluster.settings import DEFAULT_SETTINGS, ClusterSettings
from corroborate.errors import UsageError

#: The MinHash scheme of the signatures :func:`story_features` makes (datasketch 2).
_MINHASH_SCHEME = "affine32"
#: Index-key prefixes keeping stems and names apart ("ford" the word, "ford" the name).
_STEM, _NAME = "s:", "n:"


@dataclass(frozen=True)
class Assignment:
    """Where one article went: its story, whether new, the score, and its original if a copy."""

    key: str
    story: int
    new_story: bool
    similarity: float
    derived_from: str | None = None


@dataclass
class _Story:
    """An open story's profile: summed unit vectors of its articles, dates, activity."""

    number: int
    stems: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    stems_norm2: float = 0.0
    names_norm2: float = 0.0
    years: Counter[str] = field(default_factory=Counter)
    days: Counter[str] = field(default_factory=Counter)
    articles: int = 0
    first_time: int | None = None
    last_time: int | None = None
    last_sequence: int = 0
    indexed: set[str] = field(default_factory=set)
    signed: list[str] = field(default_factory=list)


@dataclass
class _Vectors:
    """An article's unit TF-IDF vectors and its lookup terms, worked out once per step."""

    stems: dict[str, float]
    names: dict[str, float]
    query: list[str]
    time: int | None


class StoryClusterer:
    """Assign articles to stories one at a time, in stream order (see the module docstring)."""

    def __init__(self, settings: ClusterSettings = DEFAULT_SETTINGS, *, first_story: int = 1) -> None:
        self.settings = settings
        self._next_story = first_story
        self._stories: dict[int, _Story] = {}
        self._postings: dict[str, list[int]] = {}
        self._frequencies = np.zeros(settings.frequency_buckets, dtype=np.int64)
        self._documents = 0
        self._sequence = 0
        self._recency: dict[int, int] = {}  # story -> last sequence, in update order
        self._lsh = MinHashLSH(threshold=settings.duplicate_threshold, num_perm=MINHASH_PERMUTATIONS)
        self._signatures: dict[str, tuple[int, tuple[int, ...]]] = {}  # key -> (story, signature)
        self._order: dict[str, int] = {}  # key -> sequence number, so the earliest original wins ties
        self._keys: set[str] = set()

    # -- public steps --------------------------------------------------------

    def add(self, key: str, features: StoryFeatures) -> Assignment:
        """Assign one article: join the best open story, or start a new one."""
        vectors = self._prepare(key, features)
        original = self._original_of(features)
        scores = self._candidate_scores(features, vectors)
        if original is not None:
            story = self._signatures[original][0]
            similarity = scores.get(story)
            if similarity is None:
                similarity = self._score(self._stories[story], features, vectors)
        elif scores:
            story, similarity = max(scores.items(), key=lambda item: (item[1], -item[0]))
            if similarity < self.settings.threshold:
                story, similarity = self._next_story, 0.0
        else:
            story, similarity = self._next_story, 0.0
        new_story = story not in self._stories
        self._apply(key, features, vectors, story)
        return Assignment(key, story, new_story, round(similarity, 6) if not new_story else 0.0, original)

    def restore(self, key: str, features: StoryFeatures, story: int, derived_from: str | None = None) -> None:
        """Replay a known past assignment, leaving the state as :meth:`add` would have.

        Used to resume from a database: replay the articles of the still-open
        stories in their original order, then :meth:`add` the new ones. Later
        new stories are numbered above every restored one. ``derived_from``
        is accepted for symmetry with :class:`Assignment`; the state does not
        depend on it.
        """
        vectors = self._prepare(key, features)
        self._apply(key, features, vectors, story)

    def active_stories(self) -> list[int]:
        """Numbers of the stories still open to new articles, ascending."""
        return sorted(self._stories)

    # -- one step, shared by add and restore ----------------------------------

    def _prepare(self, key: str, features: StoryFeatures) -> _Vectors:
        """Count the article's terms and build its vectors."""
        if key in self._keys:
            raise UsageError(f"article key {key!r} was already clustered; keys must be unique")
        self._sequence += 1
        self._documents += 1
        for term in _prefixed(features):
            self._frequencies[self._bucket(term)] += 1
        time = date.fromisoformat(features.time).toordinal() if features.time else None
        stems = self._unit_vector(features.stems, _STEM)
        names = self._unit_vector(features.names, _NAME)
        query = self._query_terms(stems, names)
        return _Vectors(stems, names, query, time)

    def _apply(self, key: str, features: StoryFeatures, vectors: _Vectors, number: int) -> None:
        settings = self.settings
        story = self._stories.get(number)
        if story is None:
            story = self._stories[number] = _Story(number)
            self._next_story = max(self._next_story, number + 1)
        self._keys.add(key)
        story.stems_norm2 = _add_vector(story.stems, vectors.stems, story.stems_norm2)
        story.names_norm2 = _add_vector(story.names, vectors.names, story.names_norm2)
        if len(story.stems) > 2 * settings.story_terms:
            story.stems_norm2 = _prune(story.stems, settings.story_terms)
        if len(story.names) > 2 * settings.story_terms:
            story.names_norm2 = _prune(story.names, settings.story_terms)
        story.years.update({value[:4] for value in features.dates})
        story.days.update(value for value in features.dates if len(value) == 10)
        story.articles += 1
        story.last_sequence = self._sequence
        self._recency.pop(number, None)
        self._recency[number] = self._sequence
        if vectors.time is not None:
            story.first_time = vectors.time if story.first_time is None else min(story.first_time, vectors.time)
            story.last_time = vectors.time if story.last_time is None else max(story.last_time, vectors.time)
        for term in vectors.query:
            self._post(term, story)
        if features.minhash:
            self._remember_signature(key, features.minhash, story)
        while len(self._stories) > settings.max_active_stories:
            oldest = next(iter(self._recency))
            self._close(oldest)

    # -- scoring -------------------------------------------------------------

    def _bucket(self, term: str) -> int:
        return zlib.crc32(term.encode("utf-8")) % self.settings.frequency_buckets

    def _idf(self, term: str) -> float:
        frequency = int(self._frequencies[self._bucket(term)])
        return math.log((self._documents + 1) / (frequency + 1)) + 1.0

    def _unit_vector(self, terms: tuple[tuple[str, int], ...], prefix: str) -> dict[str, float]:
        weights = {term: log_weight(count) * self._idf(prefix + term) for term, count in terms}
        norm = math.sqrt(sum(weight * weight for weight in weights.values()))
        return {term: weight / norm for term, weight in weights.items()} if norm else {}

    def _query_terms(self, stems: dict[str, float], names: dict[str, float]) -> list[str]:
        """The article's most distinctive stems and names, common terms left out, as index keys."""
        settings = self.settings
        common_limit = None
        if self._documents >= settings.min_documents_for_share:
            common_limit = settings.common_term_share * self._documents
        chosen: list[str] = []
        for vector, prefix, count in ((stems, _STEM, settings.query_stems), (names, _NAME, settings.query_names)):
            ranked = sorted(vector.items(), key=lambda item: (-item[1], item[0]))
            taken = 0
            for term, _weight in ranked:
                if taken >= count:
                    break
                key = prefix + term
                if common_limit is not None and self._frequencies[self._bucket(key)] > common_limit:
                    continue
                chosen.append(key)
                taken += 1
        return chosen

    def _candidate_scores(self, features: StoryFeatures, vectors: _Vectors) -> dict[int, float]:
        """Scores of the open stories sharing most lookup terms with the article."""
        hits: Counter[int] = Counter()
        for term in vectors.query:
            for number in self._postings.get(term, ()):
                hits[number] += 1
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))[: self.settings.max_candidates]
        scores: dict[int, float] = {}
        for number, _count in ranked:
            scores[number] = self._score(self._stories[number], features, vectors)
        return scores

    def _quiet(self, story: _Story, time: int | None) -> bool:
        """True when the story has no article within ``quiet_days`` of ``time`` (both dated)."""
        if time is None or story.first_time is None or story.last_time is None:
            return False
        quiet = self.settings.quiet_days
        return time - story.last_time > quiet or story.first_time - time > quiet

    def _score(self, story: _Story, features: StoryFeatures, vectors: _Vectors) -> float:
        settings = self.settings
        stems = _cosine(vectors.stems, story.stems, story.stems_norm2)
        if vectors.names and story.names:
            names = _cosine(vectors.names, story.names, story.names_norm2)
            score = (1.0 - settings.name_weight) * stems + settings.name_weight * names
        else:
            score = stems
        if features.dates:
            days = {value for value in features.dates if len(value) == 10}
            years = {value[:4] for value in features.dates}
            if any(day in story.days for day in days):
                score += settings.date_bonus
            elif story.years and not any(year in story.years for year in years):
                score -= settings.date_penalty
        if self._quiet(story, vectors.time):
            score -= settings.quiet_penalty
        return score

    # -- near-copies -----------------------------------------------------------

    def _original_of(self, features: StoryFeatures) -> str | None:
        """The earlier open-story article this one is a near-copy of, if any (a copy is one at any date)."""
        if not features.minhash:
            return None
        found = self._lsh.query(_lean(features.minhash))
        best: tuple[float, int, str] | None = None
        for key in found:
            number, signature = self._signatures[key]
            similarity = estimated_jaccard(features.minhash, signature)
            if similarity < self.settings.duplicate_threshold:
                continue
            candidate = (similarity, -self._order[key], key)
            if best is None or candidate > best:
                best = candidate
        return best[2] if best else None

    def _remember_signature(self, key: str, signature: tuple[int, ...], story: _Story) -> None:
        self._lsh.insert(key, _lean(signature))
        self._signatures[key] = (story.number, signature)
        self._order[key] = self._sequence
        story.signed.append(key)
        if len(story.signed) > self.settings.max_story_signatures:
            self._forget_signature(story.signed.pop(0))

    def _forget_signature(self, key: str) -> None:
        self._lsh.remove(key)
        del self._signatures[key]
        del self._order[key]

    # -- index and closing ---------------------------------------------------

    def _post(self, term: str, story: _Story) -> None:
        postings = self._postings.setdefault(term, [])
        if story.number in postings:
            postings.remove(story.number)
        postings.append(story.number)
        story.indexed.add(term)
        if len(postings) > self.settings.max_postings:
            dropped = self._stories[postings.pop(0)]
            dropped.indexed.discard(term)

    def _close(self, number: int) -> None:
        story = self._stories.pop(number)
        self._recency.pop(number, None)
        for term in sorted(story.indexed):
            postings = self._postings.get(term)
            if postings is None:
                continue
            if number in postings:
                postings.remove(number)
            if not postings:
                del self._postings[term]
        for key in story.signed:
            self._forget_signature(key)


def cluster_stream(
    items: Iterable[tuple[str, StoryFeatures]], settings: ClusterSettings = DEFAULT_SETTINGS
) -> list[Assignment]:
    """Cluster ``(key, features)`` pairs in the order given; one assignment per item."""
    clusterer = StoryClusterer(settings)
    return [clusterer.add(key, features) for key, features in items]


def _prefixed(features: StoryFeatures) -> list[str]:
    return [_STEM + term for term, _ in features.stems] + [_NAME + term for term, _ in features.names]


def _add_vector(profile: dict[str, float], vector: dict[str, float], norm2: float) -> float:
    """Add ``vector`` into ``profile`` in place; returns the new squared norm."""
    for term in sorted(vector):
        old = profile.get(term, 0.0)
        new = old + vector[term]
        profile[term] = new
        norm2 += new * new - old * old
    return norm2


def _prune(profile: dict[str, float], keep: int) -> float:
    """Keep the ``keep`` heaviest terms (ties by term); returns the new squared norm."""
    kept = sorted(profile.items(), key=lambda item: (-item[1], item[0]))[:keep]
    profile.clear()
    profile.update(sorted(kept))
    return sum(weight * weight for _, weight in kept)


def _cosine(vector: dict[str, float], profile: dict[str, float], norm2: float) -> float:
    if norm2 <= 0.0:
        return 0.0
    dot = sum(weight * profile.get(term, 0.0) for term, weight in vector.items())
    return dot / math.sqrt(norm2)


def _lean(signature: tuple[int, ...]) -> LeanMinHash:
    return LeanMinHash(seed=MINHASH_SEED, hashvalues=np.asarray(signature, dtype=np.uint64), scheme=_MINHASH_SCHEME)
