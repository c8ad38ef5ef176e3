"""Benchmark: speed of the annotate stage on real news articles.

Uses the PolNeAR dev texts (84 US political news articles, about 800 words
each, the size the speed goal is stated for). The run is one process, so the
rate is per core. Model load time is measured apart, cold, and each annotator's
share of the time is reported so the slow step is visible.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from corroborate.annotate import choose_references
from corroborate.annotate.entities import find_entities, link_entities
from corroborate.annotate.nlp import load_pipeline, parse_texts
from corroborate.annotate.quantities import find_quantities
from corroborate.annotate.quotes import find_quotes
from corroborate.annotate.times import find_times
from corroborate.bench.report import BenchReport
from corroborate.errors import BenchmarkDataMissing
from corroborate.model import Article

#: Where the texts sit under the data root.
TEXT_FOLDER = Path("quotes-polnear") / "dev" / "text"
#: The speed goal of issue 4, in articles per second per core (800-word articles).
GOAL_ARTICLES_PER_SECOND = 20.0


def run(data_root: Path, limit: int | None = None) -> BenchReport:
    """Articles per second of each annotator and of the whole stage."""
    folder = data_root / TEXT_FOLDER
    if not folder.is_dir():
        raise BenchmarkDataMissing(f"annotate-speed needs the PolNeAR texts in {folder}")
    paths = sorted(folder.glob("*.txt"))[:limit]
    articles = [Article(id=p.stem, input=str(p), text=p.read_text(encoding="utf-8")) for p in paths]
    words = sum(len(article.text.split()) for article in articles)

    load_pipeline.cache_clear()
    started = time.perf_counter()
    load_pipeline()
    load_seconds = time.perf_counter() - started

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    references = choose_references(articles)
    seconds["reference dates"] = time.perf_counter() - started
    started = time.perf_counter()
    docs = list(parse_texts(article.text for article in articles))
    seconds["spaCy parse"] = time.perf_counter() - started
    steps = {
        "entities": lambda a, d, r: find_entities(a.text, d),
        "times": lambda a, d, r: find_times(a.text, r.value or date.today()),
        "quantities": lambda a, d, r: find_quantities(a.text, d),
        "quotes": lambda a, d, r: find_quotes(a.text, d),
    }
    mentions = {}
    for name, step in steps.items():
        started = time.perf_counter()
        for article, doc, reference in zip(articles, docs, references):
            result = step(article, doc, reference)
            if name == "entities":
                mentions[article.id] = result
        seconds[name] = time.perf_counter() - started
    started = time.perf_counter()
    link_entities(mentions)
    seconds["cross-article linking"] = time.perf_counter() - started

    total = sum(seconds.values())
    rows = [
        {"step": name, "seconds": round(value, 2), "articles/s": round(len(articles) / value, 1) if value else "-",
         "share": f"{value / total:.0%}"}
        for name, value in seconds.items()
    ]
    rows.append({"step": "whole annotate stage", "seconds": round(total, 2),
                 "articles/s": round(len(articles) / total, 1), "share": "100%"})
    notes = [
        f"{len(articles)} articles, {words / max(len(articles), 1):.0f} words each on average, one process (one core).",
        f"Model load (cold, once per process): {load_seconds:.2f} s, not included above.",
        f"Goal: {GOAL_ARTICLES_PER_SECOND:.0f} articles/s per core for 800-word articles.",
    ]
    return BenchReport("annotate-speed", rows, notes)
