"""Benchmark: speed of the annotate stage on real news articles.

Uses the PolNeAR dev texts (84 US political news articles, about 800 words
each, the size the speed goal is stated for). The run is one process, so the
rate is per core. Each step is timed in wall-clock and in CPU time of this
process: on a machine shared with other jobs the wall time includes waiting
for a core, the CPU time does not, so the per-core rate is read from CPU time.

The steps are those of ``annotate.annotate_articles``, in its order, with the
spaCy pipeline run one component at a time over all texts so each
component's cost is visible (the same results as ``parse_texts``: in
prediction each component reads only what the previous ones set on the docs).
Model load time is measured apart, cold.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from corroborate.annotate import choose_references
from corroborate.annotate.entities import find_entities, link_entities
from corroborate.annotate.nlp import BATCH_SIZE, load_pipeline, tokenize_text
from corroborate.annotate.quantities import find_quantities
from corroborate.annotate.quotes import find_quotes
from corroborate.annotate.times import date_evidence, find_times
from corroborate.bench.report import BenchReport
from corroborate.errors import BenchmarkDataMissing
from corroborate.model import Article

#: Where the texts sit under the data root.
TEXT_FOLDER = Path("quotes-polnear") / "dev" / "text"
#: The speed goal of issue 4, in articles per second per core (800-word articles).
GOAL_ARTICLES_PER_SECOND = 20.0
#: Prefix of the rows that time one spaCy component.
SPACY_PREFIX = "spaCy "


class StepTimes:
    """Wall-clock and CPU seconds per named step, in the order the steps ran."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time the body of the ``with`` block as one step."""
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall
        self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - cpu


def run(data_root: Path, limit: int | None = None) -> BenchReport:
    """Articles per second of each annotator, each spaCy component and the whole stage."""
    folder = data_root / TEXT_FOLDER
    if not folder.is_dir():
        raise BenchmarkDataMissing(f"annotate-speed needs the PolNeAR texts in {folder}")
    paths = sorted(folder.glob("*.txt"))[:limit]
    articles = [Article(id=p.stem, input=str(p), text=p.read_text(encoding="utf-8")) for p in paths]
    words = sum(len(article.text.split()) for article in articles)
    load_at_start = os.getloadavg()[0]

    load_pipeline.cache_clear()
    started = time.perf_counter()
    nlp = load_pipeline()
    load_seconds = time.perf_counter() - started

    times = StepTimes()
    with times.step("time expressions found, reference dates"):
        # The texts have no captions, so the evidence text is the article text.
        evidence = [date_evidence(article.text) for article in articles]
        references = choose_references(articles, evidence=evidence)
    with times.step(SPACY_PREFIX + "tokenizer"):
        docs = [tokenize_text(article.text) for article in articles]
    for name, component in nlp.pipeline:
        with times.step(SPACY_PREFIX + name):
            docs = list(component.pipe(docs, batch_size=BATCH_SIZE))
    steps: dict[str, Callable[[int], object]] = {
        "entities": lambda i: find_entities(articles[i].text, docs[i]),
        "times resolved": lambda i: find_times(
            articles[i].text, references[i].value, reference_confidence=references[i].confidence or 0.5,
            candidates=evidence[i].candidates,
        ),
        "quantities": lambda i: find_quantities(articles[i].text, docs[i]),
        "quotes": lambda i: find_quotes(articles[i].text, docs[i]),
    }
    mentions = {}
    for name, step in steps.items():
        with times.step(name):
            for index, article in enumerate(articles):
                result = step(index)
                if name == "entities":
                    mentions[article.id] = result
    with times.step("cross-article linking"):
        link_entities(mentions)
    published_words_per_second = float(nlp.meta.get("performance", {}).get("speed") or 0.0)
    return _report(times, len(articles), words, load_seconds, load_at_start, published_words_per_second)


def _report(
    times: StepTimes, count: int, words: int, load_seconds: float, load_at_start: float, published_speed: float
) -> BenchReport:
    total_cpu = sum(times.cpu.values())
    spacy_steps = [name for name in times.cpu if name.startswith(SPACY_PREFIX)]
    rows = [_row(name, times.wall[name], times.cpu[name], count, total_cpu) for name in times.cpu]
    spacy_cpu = sum(times.cpu[name] for name in spacy_steps)
    spacy_wall = sum(times.wall[name] for name in spacy_steps)
    rows.insert(
        list(times.cpu).index(spacy_steps[-1]) + 1,
        _row("spaCy parse (the components above)", spacy_wall, spacy_cpu, count, total_cpu),
    )
    rows.append(_row("whole annotate stage", sum(times.wall.values()), total_cpu, count, total_cpu))
    # The named-entity recognizer has its own token vectors; with the tokenizer
    # it is the least any use of this model's entities costs.
    floor = times.cpu[SPACY_PREFIX + "tokenizer"] + times.cpu.get(SPACY_PREFIX + "ner", 0.0)
    notes = [
        f"{count} articles, {words / max(count, 1):.0f} words each on average, one process (one core).",
        "articles/s (CPU) is articles per second of this process's CPU time, the per-core rate; "
        f"wall time also counts waiting for a core (load average {load_at_start:.1f} on "
        f"{os.cpu_count()} cores at the start).",
        f"Model load (cold, once per process): {load_seconds:.2f} s, not included above.",
        f"Goal: {GOAL_ARTICLES_PER_SECOND:.0f} articles/s per core for 800-word articles; "
        f"the whole stage runs at {count / total_cpu:.1f} (CPU).",
        f"Ceiling: the tokenizer and the entity recognizer alone run at {count / floor:.1f} articles/s (CPU) "
        "with the pinned model on this CPU"
        + (", so the goal is out of reach while entities come from this model." if count / floor < GOAL_ARTICLES_PER_SECOND else "."),
    ]
    if published_speed:
        average_words = words / max(count, 1)
        notes.append(
            f"The model's own meta.json gives {published_speed:,.0f} words/s for the whole pipeline on Explosion's "
            f"benchmark machine: {published_speed / average_words:.1f} articles/s of {average_words:.0f} words."
        )
    return BenchReport("annotate-speed", rows, notes)


def _row(name: str, wall: float, cpu: float, count: int, total_cpu: float) -> dict[str, object]:
    return {
        "step": name,
        "wall s": round(wall, 2),
        "CPU s": round(cpu, 2),
        "articles/s (CPU)": round(count / cpu, 1) if cpu else "-",
        "CPU share": f"{cpu / total_cpu:.0%}" if total_cpu else "-",
    }
