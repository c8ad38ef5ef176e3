"""Benchmark: online story clustering on ECB+ against a TF-IDF + agglomerative baseline.

ECB+ (``stories-ecbplus``) holds 772 news texts in 66 stories, two per topic
(``1ecb`` and ``1ecbplus`` are two celebrities' rehab stays, ``3ecb`` and
``3ecbplus`` two prison escapes ...), so telling a topic's two events apart
is the hard part. The articles are read the way ``corroborate extract`` reads
a JSON Lines file, streamed through :class:`~corroborate.cluster.StoryClusterer`
in three fixed shuffled orders, and scored with B-cubed precision, recall
and F1 (Bagga and Baldwin 1998: per article, the share of its predicted
story that is in its true story, and the reverse).

To keep the tuning honest, thresholds were tuned on the odd-numbered topics
only; the even-numbered topics are held out and reported apart, each half
clustered on its own, beside the run over all topics. The baseline, TF-IDF
vectors (scikit-learn) with average-linkage agglomerative clustering on
cosine distance, sees every article at once (not online) and has its
distance threshold tuned the same way, on the odd topics, in every run.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from corroborate.bench.report import BenchReport
from corroborate.cluster import DEFAULT_SETTINGS, ClusterSettings, StoryFeatures, cluster_stream, story_features
from corroborate.errors import BenchmarkDataMissing
from corroborate.model import Article

DATA_FOLDER = Path("stories-ecbplus")
#: Fixed stream orders; three, so one lucky order cannot carry the result.
SEEDS = (1, 2, 3)
#: Baseline cosine-distance thresholds tried on the tuning half.
BASELINE_THRESHOLDS = tuple(round(0.50 + 0.02 * step, 2) for step in range(24))
#: The issue's goal for B-cubed F1 on data the method was not tuned on.
GOAL_F1 = 0.93


@dataclass(frozen=True)
class StoryData:
    """The benchmark's articles, their gold story, and each article's topic."""

    articles: list[Article]
    gold: dict[str, str]

    def topic(self, article_id: str) -> int:
        """ECB+ topic number: the id's prefix before ``_``."""
        return int(article_id.split("_", 1)[0])

    def half(self, parity: int) -> StoryData:
        """Only the topics with this parity (1: odd, tuning; 0: even, held out)."""
        articles = [article for article in self.articles if self.topic(article.id) % 2 == parity]
        return StoryData(articles, {article.id: self.gold[article.id] for article in articles})


def load_story_data(data_root: Path, limit: int | None = None) -> StoryData:
    """ECB+ articles read through the library's JSON Lines path, with their gold stories."""
    from corroborate.pipeline import extract_inputs

    folder = data_root / DATA_FOLDER
    texts, stories = folder / "articles.jsonl", folder / "stories.tsv"
    if not texts.is_file() or not stories.is_file():
        raise BenchmarkDataMissing(f"stories needs the ECB+ texts and stories in {folder}")
    gold = read_gold_stories(stories)
    articles = [article for article in extract_inputs([str(texts)]).articles if article.id in gold]
    if limit is not None:
        # Whole topics, so every story kept is complete.
        topics = sorted({int(article.id.split("_", 1)[0]) for article in articles})
        kept = set(topics[: max(2, limit)])
        articles = [article for article in articles if int(article.id.split("_", 1)[0]) in kept]
    return StoryData(articles, {article.id: gold[article.id] for article in articles})


def read_gold_stories(path: Path) -> dict[str, str]:
    """ECB+ ``stories.tsv``: article id -> the story it belongs to."""
    gold: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            article_id, story = line.split("\t")[:2]
            gold[article_id] = story.strip()
    return gold


def b_cubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (``item -> cluster``) against gold.

    Items missing from ``predicted`` count as singletons.
    """
    if not gold:
        return 0.0, 0.0, 0.0
    predicted_members: dict[Hashable, set[str]] = defaultdict(set)
    gold_members: dict[Hashable, set[str]] = defaultdict(set)
    clusters = {item: predicted.get(item, ("singleton", item)) for item in gold}
    for item, cluster in clusters.items():
        predicted_members[cluster].add(item)
        gold_members[gold[item]].add(item)
    precision = recall = 0.0
    for item, cluster in clusters.items():
        shared = len(predicted_members[cluster] & gold_members[gold[item]])
        precision += shared / len(predicted_members[cluster])
        recall += shared / len(gold_members[gold[item]])
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def shuffled(items: Sequence[tuple[str, StoryFeatures]], seed: int) -> list[tuple[str, StoryFeatures]]:
    """The stream in a fixed random order."""
    order = list(items)
    random.Random(seed).shuffle(order)
    return order


def score_ours(
    features: Mapping[str, StoryFeatures], data: StoryData, seed: int, settings: ClusterSettings = DEFAULT_SETTINGS
) -> tuple[float, float, float]:
    """B-cubed of the online clusterer over ``data``'s articles, streamed in order ``seed``."""
    stream = shuffled([(article.id, features[article.id]) for article in data.articles], seed)
    assignments = cluster_stream(stream, settings)
    return b_cubed({a.key: a.story for a in assignments}, data.gold)


def baseline_clusters(articles: Sequence[Article], threshold: float) -> dict[str, int]:
    """TF-IDF (sublinear, English stop words) + average-linkage agglomerative clustering on cosine distance."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(
        [article.text for article in articles]
    )
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    ).fit_predict(vectors.toarray())
    return {article.id: int(label) for article, label in zip(articles, labels)}


def tune_baseline(data: StoryData) -> tuple[float, float]:
    """The baseline threshold with the best B-cubed F1 on ``data`` (ties: the lower), and that F1."""
    best = (-1.0, 0.0)
    for threshold in BASELINE_THRESHOLDS:
        f1 = b_cubed(baseline_clusters(data.articles, threshold), data.gold)[2]
        if f1 > best[0]:
            best = (f1, threshold)
    return best[1], best[0]


def run(data_root: Path, limit: int | None = None) -> BenchReport:
    """B-cubed P/R/F1 of online clustering and of the baseline, all topics, tuning and held-out halves."""
    data = load_story_data(data_root, limit)
    halves = {"all topics": data, "tuning (odd topics)": data.half(1), "held out (even topics)": data.half(0)}
    started = time.perf_counter()
    features = {article.id: story_features(article) for article in data.articles}
    feature_seconds = time.perf_counter() - started

    rows: list[dict[str, object]] = []
    means: dict[str, list[float]] = defaultdict(list)
    cluster_seconds = 0.0
    for seed in SEEDS:
        for label, subset in halves.items():
            started = time.perf_counter()
            precision, recall, f1 = score_ours(features, subset, seed)
            if label == "all topics":
                cluster_seconds += time.perf_counter() - started
            means[label].append(f1)
            rows.append(_row("online (ours)", label, f"seed {seed}", precision, recall, f1, subset))
    for label, subset in halves.items():
        rows.append({"system": "online (ours)", "topics": label, "order": "mean of 3",
                     "B3 F1": round(statistics.mean(means[label]), 3)})

    threshold, tuned_f1 = tune_baseline(halves["tuning (odd topics)"])
    for label, subset in halves.items():
        precision, recall, f1 = b_cubed(baseline_clusters(subset.articles, threshold), subset.gold)
        rows.append(_row("TF-IDF + agglomerative", label, "any (batch)", precision, recall, f1, subset))

    count = len(data.articles)
    dated = sum(1 for item in features.values() if item.time)
    held_out = statistics.mean(means["held out (even topics)"])
    notes = [
        f"{count} ECB+ articles in {len(set(data.gold.values()))} stories; streamed in shuffled order, seeds {SEEDS}.",
        f"Ours: features {count / feature_seconds:.0f} articles/s ({feature_seconds:.1f} s, one core, "
        f"no spaCy); clustering {len(SEEDS) * count / max(cluster_seconds, 1e-9):.0f} articles/s; "
        f"end to end {count / (feature_seconds + cluster_seconds / len(SEEDS)):.0f} articles/s.",
        f"Ours: settings tuned once on the odd topics ({_settings_summary(DEFAULT_SETTINGS)}); "
        "held-out numbers use them unchanged.",
        f"Baseline: cosine distance threshold {threshold} chosen on the odd topics (F1 {tuned_f1:.3f} there) "
        f"from {BASELINE_THRESHOLDS[0]}-{BASELINE_THRESHOLDS[-1]}; it sees all articles at once, so order does not matter.",
        f"{dated} of {count} articles have a publication date trusted as their time (a date line at the top of "
        "the text, nearly all on the ECB+ side of each topic): a story quiet for "
        f"{DEFAULT_SETTINGS.quiet_days} days costs {DEFAULT_SETTINGS.quiet_penalty} (docs/clustering.md).",
        f"Goal: B3 F1 >= {GOAL_F1} on held-out topics: " + ("met" if held_out >= GOAL_F1 else "not met")
        + f" ({held_out:.3f}).",
    ]
    return BenchReport("stories", rows, notes)


def _row(system: str, label: str, order: str, precision: float, recall: float, f1: float,
         subset: StoryData) -> dict[str, object]:
    return {
        "system": system, "topics": label, "order": order,
        "articles": len(subset.articles), "stories": len(set(subset.gold.values())),
        "B3 P": round(precision, 3), "B3 R": round(recall, 3), "B3 F1": round(f1, 3),
    }


def _settings_summary(settings: ClusterSettings) -> str:
    return (f"threshold {settings.threshold}, name weight {settings.name_weight}, "
            f"date bonus/penalty {settings.date_bonus}/{settings.date_penalty}, "
            f"quiet after {settings.quiet_days} days costs {settings.quiet_penalty}")
