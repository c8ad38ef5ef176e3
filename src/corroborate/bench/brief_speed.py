"""Benchmark: time to write the brief of a 50-article story, after models are loaded.

Issue 5's speed goal is a 50-article brief in under 10 s on one core once the
models are loaded. The articles are ECB+ news texts (``stories-ecbplus``),
taken topic by topic (each topic holds two related stories, as a real batch
about one event would) until 50 are gathered. Annotation (the spaCy parse)
and the brief itself (independence, claims, conflicts, timeline, quotes,
summary, citation check) are timed apart, so the cost of each is visible.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

from corroborate.annotate import annotate_articles
from corroborate.annotate.nlp import load_pipeline
from corroborate.bench.report import BenchReport
from corroborate.bench.stories import read_gold_stories
from corroborate.brief import make_brief
from corroborate.brief.citations import verify_citations
from corroborate.errors import BenchmarkDataMissing
from corroborate.model import Article

DATA_FOLDER = Path("stories-ecbplus")
#: The story size the goal is stated for.
STORY_SIZE = 50
#: The goal of issue 5, in seconds for the whole 50-article brief.
GOAL_SECONDS = 10.0


def run(data_root: Path, limit: int | None = None) -> BenchReport:
    """Seconds to annotate and to brief a 50-article batch (``limit`` caps the size)."""
    articles = _story_articles(data_root / DATA_FOLDER, min(limit or STORY_SIZE, STORY_SIZE))
    started = time.perf_counter()
    load_pipeline()
    load_seconds = time.perf_counter() - started

    started = time.perf_counter()
    annotated = annotate_articles(articles)
    annotate_seconds = time.perf_counter() - started
    started = time.perf_counter()
    brief = make_brief(annotated)
    problems = verify_citations(brief)
    brief_seconds = time.perf_counter() - started

    total = annotate_seconds + brief_seconds
    rows = [
        {"step": "annotate (spaCy parse and annotators)", "seconds": round(annotate_seconds, 2)},
        {"step": "brief (compare, claims, conflicts, timeline, quotes, summary, citation check)",
         "seconds": round(brief_seconds, 2)},
        {"step": "whole brief after model load", "seconds": round(total, 2)},
    ]
    words = sum(len(article.text.split()) for article in articles)
    notes = [
        f"{len(articles)} ECB+ articles ({words / max(1, len(articles)):.0f} words each on average), one process.",
        f"Brief: {len(brief.claims)} claims ({sum(c.status == 'corroborated' for c in brief.claims)} corroborated), "
        f"{len(brief.conflicts)} conflicts, {len(brief.timeline)} timeline entries, {len(brief.quotes)} quote groups; "
        f"citation problems: {len(problems)}.",
        f"Model load (cold, once per process): {load_seconds:.2f} s, not included.",
        "ECB+ texts are short; for 800-word articles the annotate stage dominates (see annotate-speed).",
        f"Goal: a {STORY_SIZE}-article brief in under {GOAL_SECONDS:.0f} s after the model is loaded: "
        + ("met" if total < GOAL_SECONDS else "not met") + f" ({total:.1f} s).",
    ]
    return BenchReport("brief-speed", rows, notes)


def _story_articles(folder: Path, size: int) -> list[Article]:
    """Articles of whole ECB+ topics, in file order, until ``size`` are gathered."""
    texts, stories = folder / "articles.jsonl", folder / "stories.tsv"
    if not texts.is_file() or not stories.is_file():
        raise BenchmarkDataMissing(f"brief-speed needs the ECB+ texts in {folder}")
    topic_of = {
        article_id: story.rstrip("abcdefghijklmnopqrstuvwxyz") for article_id, story in read_gold_stories(stories).items()
    }
    by_topic: dict[str, list[Article]] = defaultdict(list)
    with texts.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            by_topic[topic_of.get(record["id"], "")].append(
                Article(id=record["id"], input=f"{texts}#{record['id']}", text=record["text"])
            )
    chosen: list[Article] = []
    for topic in by_topic.values():
        chosen.extend(topic)
        if len(chosen) >= size:
            break
    return chosen[:size]
