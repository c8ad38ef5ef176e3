"""Benchmark: throughput and peak memory of ``ingest`` with story clustering at 1k, 10k and 100k articles.

Issue 6 asks that cost grow near-linearly with the stream and that memory
stay bounded. No shared data set is that large, so the stream is built by
re-mixing the ECB+ news texts (``stories-ecbplus``) into a dated stream:

- every article is a *variant* of an ECB+ text: its sentences shuffled, about
  one word in ten dropped, and its capitalized names rewritten for the
  story *instance* it belongs to (the same ECB+ story told again months
  later about other people), so the stream holds many distinct stories, not
  one text repeated;
- one article in ten is an exact copy of an earlier one under a new id, and
  one in ten a lightly edited copy (a few words changed), as syndication does;
- publication dates advance through one year in stream order, as in a real
  feed: old stories go quiet, and the open-story cap bounds memory.

This is a load test: its stories are synthetic, so it measures speed and
memory, not clustering quality (that is ``corroborate bench stories``).
Each size runs in its own process, ingesting a folder of JSON Lines files
(1,000 records each) into a new SQLite file with story clustering, so its
peak resident memory is its own.
"""

from __future__ import annotations

import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from corroborate.bench.report import BenchReport
from corroborate.bench.stories import read_gold_stories
from corroborate.errors import BenchmarkDataMissing

DATA_FOLDER = Path("stories-ecbplus")
#: The stream sizes the issue names.
SIZES = (1_000, 10_000, 100_000)
#: Fixed seed: every run builds the same stream.
STREAM_SEED = 20240927
#: How many times an ECB+ story is retold (as a new instance with other names) over the stream's year.
INSTANCES_PER_STORY = 40
#: Shares of exact copies and lightly edited copies of earlier articles.
COPY_SHARE = 0.1
NEAR_COPY_SHARE = 0.1
#: Share of words dropped from a variant, and words changed in a near-copy.
DROP_SHARE = 0.1
EDITED_WORDS = 3
#: The year the stream's publication dates cover.
STREAM_START = datetime(2024, 1, 1)
STREAM_DAYS = 365
#: Records per stream file: a stream arrives as many files, and ingest holds one file at a time.
RECORDS_PER_FILE = 1_000
#: Copies are of articles published at most this many days earlier (syndication is quick).
COPY_WITHIN_DAYS = 3

_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SYLLABLES = ("ka", "lo", "mi", "ra", "ve", "tan", "sor", "del", "bri", "gu", "non", "pel")


def run(data_root: Path, limit: int | None = None) -> BenchReport:
    """Ingest streams of 1k, 10k and 100k articles (each at most ``limit``); speed and peak memory per size."""
    texts = _ecb_texts(data_root / DATA_FOLDER)
    sizes = sorted({min(size, limit) for size in SIZES}) if limit else list(SIZES)
    rows = []
    with tempfile.TemporaryDirectory(prefix="corroborate-scale-") as folder:
        for size in sizes:
            stream = write_stream_files(Path(folder) / f"stream-{size}", synthetic_stream(texts, size, STREAM_SEED))
            result = _measure_in_child(stream, Path(folder) / f"store-{size}.db")
            rows.append({
                "articles": size,
                "seconds": round(result["seconds"], 1),
                "articles/s": round(size / result["seconds"], 1),
                "peak memory (MB)": round(result["peak_rss_mb"]),
                "stored": result["articles"],
                "stories": result["stories"],
                "near-copies linked": result["derived"],
                "store size (MB)": round(result["database_mb"], 1),
            })
    notes = [
        f"Synthetic dated stream re-mixed from {len(texts)} ECB+ texts (seed {STREAM_SEED}): variants with shuffled "
        f"sentences, {DROP_SHARE:.0%} of words dropped and names rewritten per story instance; "
        f"{COPY_SHARE:.0%} exact copies and {NEAR_COPY_SHARE:.0%} edited copies (under new ids) of articles of the "
        f"previous {COPY_WITHIN_DAYS} days; one year of dates.",
        "Each size: `ingest_into_store` (extract, store, cluster) into a new SQLite file in its own process; "
        "peak memory is that process's maximum resident set.",
        "Load test only: the stories are synthetic, so quality is measured by `corroborate bench stories`.",
    ]
    for smaller, larger in zip(rows, rows[1:]):
        notes.append(
            f"{smaller['articles']:,} -> {larger['articles']:,} articles: time x{larger['seconds'] / smaller['seconds']:.1f} "
            f"for x{larger['articles'] / smaller['articles']:.0f} the articles; peak memory "
            f"{smaller['peak memory (MB)']} -> {larger['peak memory (MB)']} MB."
        )
    return BenchReport("scale", rows, notes)


def synthetic_stream(texts: list[tuple[str, str]], size: int, seed: int) -> Iterator[dict[str, str]]:
    """``size`` JSON Lines records (id, text, published) re-mixed from ``(story, text)`` pairs."""
    rng = random.Random(seed)
    recent: list[dict[str, str]] = []
    recent_window = max(1, round(size * COPY_WITHIN_DAYS / STREAM_DAYS))
    for number in range(size):
        published = (STREAM_START + timedelta(days=STREAM_DAYS * number / size)).strftime("%Y-%m-%dT%H:%M:%S")
        roll = rng.random()
        if recent and roll < COPY_SHARE:
            record = {"text": rng.choice(recent)["text"]}
        elif recent and roll < COPY_SHARE + NEAR_COPY_SHARE:
            record = {"text": _edited(rng.choice(recent)["text"], rng)}
        else:
            story, text = texts[rng.randrange(len(texts))]
            instance = int(number / size * INSTANCES_PER_STORY)
            record = {"text": _variant(text, f"{story}/{instance}", rng)}
        record = {"id": f"s{number:06d}", "published": published, **record}
        recent.append(record)
        if len(recent) > recent_window:
            recent.pop(0)
        yield record


def write_stream_files(folder: Path, records: Iterator[dict[str, str]]) -> Path:
    """Write records as numbered JSON Lines files of :data:`RECORDS_PER_FILE` each, as a feed's daily dumps."""
    folder.mkdir(parents=True)
    output = None
    for number, record in enumerate(records):
        if number % RECORDS_PER_FILE == 0:
            if output is not None:
                output.close()
            output = (folder / f"part-{number // RECORDS_PER_FILE:05d}.jsonl").open("w", encoding="utf-8")
        output.write(json.dumps(record, ensure_ascii=False) + "\n")
    if output is not None:
        output.close()
    return folder


def _variant(text: str, instance: str, rng: random.Random) -> str:
    """The text retold: sentences shuffled, some words dropped, names rewritten for this story instance."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    rng.shuffle(sentences)
    kept = []
    for sentence in sentences:
        words = [w for w in sentence.split() if rng.random() >= DROP_SHARE] or sentence.split()
        kept.append(" ".join(words))
    return _NAME.sub(lambda match: _renamed(match.group(0), instance), "\n".join(kept))


def _renamed(name: str, instance: str) -> str:
    """A made-up name, the same for this name within one story instance (string hashing is seeded per process)."""
    digest = sum((index + 1) * ord(char) for index, char in enumerate(name + "|" + instance))
    first = _SYLLABLES[digest % len(_SYLLABLES)]
    second = _SYLLABLES[(digest // len(_SYLLABLES)) % len(_SYLLABLES)]
    return name[:3] + first + second


def _edited(text: str, rng: random.Random) -> str:
    """A copy with a few words changed, as an outlet re-running a wire story does."""
    words = text.split(" ")
    for _ in range(EDITED_WORDS):
        position = rng.randrange(len(words))
        words[position] = rng.choice(("said", "reported", "on", "new", "the", "officials"))
    return " ".join(words)


def _ecb_texts(folder: Path) -> list[tuple[str, str]]:
    texts, stories = folder / "articles.jsonl", folder / "stories.tsv"
    if not texts.is_file() or not stories.is_file():
        raise BenchmarkDataMissing(f"scale needs the ECB+ texts in {folder}")
    story_of = read_gold_stories(stories)
    with texts.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [(story_of.get(record["id"], record["id"]), record["text"]) for record in records]


def _measure_in_child(stream: Path, database: Path) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, "-m", "corroborate.bench.scale", str(stream), str(database)],
        capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"scale worker failed: {completed.stderr.strip()[-800:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def measure_ingest(stream: Path, database: Path) -> dict[str, float]:
    """Ingest one stream into a new store with clustering; time, peak memory and what was stored."""
    from corroborate.store import ingest_into_store, open_store

    started = time.perf_counter()
    with open_store(database) as store:
        ingest_into_store([str(stream)], store)
        counts = store.counts()
        derived = sum(1 for row in store.export_rows() if row.derived_from_id is not None)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": seconds,
        "peak_rss_mb": peak_kb / 1024,
        "articles": counts.articles,
        "stories": counts.stories,
        "derived": derived,
        "database_mb": database.stat().st_size / 1e6,
    }


if __name__ == "__main__":
    print(json.dumps(measure_ingest(Path(sys.argv[1]), Path(sys.argv[2]))))
