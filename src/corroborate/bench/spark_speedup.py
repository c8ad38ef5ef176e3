"""Benchmark: the Spark batch on ``local[1]`` against ``local[2]``, same input, same partitions.

Issue 6 asks for the speedup of the distributed batch from one core to two.
The input is the first ECB+ news texts (``stories-ecbplus/articles.jsonl``,
:data:`ARTICLES` of them, several stories) written to one JSON Lines file;
the job is :func:`corroborate.spark.run_spark_batch` (read, extract, story
clustering, annotate per story, Parquet). Each master gets a fresh Spark
session; its start-up is timed apart, the job's wall time includes the Python
workers' start and their spaCy load, as a real run pays them. Both runs use
the same number of partitions, so only the cores differ, and their Parquet
rows are compared: they must be identical.
"""

from __future__ import annotations

import itertools
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from corroborate.bench.report import BenchReport
from corroborate.errors import BenchmarkDataMissing

DATA_FILE = Path("stories-ecbplus") / "articles.jsonl"
#: Articles per run: a few hundred ECB+ texts keep the local[1] run near a minute
#: on this class of machine while holding many stories of different sizes.
ARTICLES = 300
#: Partitions for both runs: more than the cores, so the two cores share the work evenly.
PARTITIONS = 4
MASTERS = ("local[1]", "local[2]")
#: Runs per master: the machine may be shared, and the best of two runs is far
#: less disturbed than one (single runs of local[2] took 60 to 77 s here).
REPEATS = 2


def run(data_root: Path, limit: int | None = None) -> BenchReport:
    """Seconds for the Spark batch on one and on two local cores, and the speedup."""
    from corroborate.spark import java_available

    source = data_root / DATA_FILE
    if not source.is_file():
        raise BenchmarkDataMissing(f"spark-speedup needs the ECB+ texts in {source}")
    if not java_available():
        raise BenchmarkDataMissing("spark-speedup needs a Java runtime (java on the PATH or JAVA_HOME)")
    count = min(limit or ARTICLES, ARTICLES)
    runs: dict[str, list[dict[str, Any]]] = {master: [] for master in MASTERS}
    outputs: dict[str, list[dict[str, Any]]] = {}  # output folder name -> its rows
    with tempfile.TemporaryDirectory(prefix="spark-speedup-") as folder:
        articles = Path(folder) / "articles.jsonl"
        with source.open(encoding="utf-8") as lines:
            articles.write_text("".join(itertools.islice(lines, count)), encoding="utf-8")
        # Interleaved, so a burst of other work on the machine hits both masters alike.
        for repeat, master in itertools.product(range(REPEATS), MASTERS):
            runs[master].append(_timed_run(master, articles, Path(folder) / f"out-{repeat}-{master[6]}", outputs))

    best = {master: min(timings, key=lambda timing: timing["job"]) for master, timings in runs.items()}
    speedup = best[MASTERS[0]]["job"] / best[MASTERS[1]]["job"]
    rows = [
        {"master": master, "cores": int(master[6]), "partitions": PARTITIONS,
         "job (s), best": round(best[master]["job"], 1),
         "job (s), each run": ", ".join(f"{timing['job']:.1f}" for timing in runs[master]),
         "articles/s": round(best[master]["articles"] / best[master]["job"], 1),
         "speedup": "1.00" if master == MASTERS[0] else f"{speedup:.2f}"}
        for master in MASTERS
    ]
    first = next(iter(outputs.values()))
    identical = all(output == first for output in outputs.values())
    words = sum(len(row["text"].split()) for row in first)
    loads = ", ".join(f"{timing['load']:.1f}" for timing in sorted(
        (timing for timings in runs.values() for timing in timings), key=lambda timing: timing["order"]))
    notes = [
        f"{len(first)} ECB+ articles ({words / max(1, len(first)):.0f} words on average) in "
        f"{best[MASTERS[0]]['stories']} stories, one JSON Lines file; read, extract, cluster, annotate per story, "
        f"Parquet. {REPEATS} runs per master, interleaved; the best is compared.",
        "Job time includes starting the Python workers and loading spaCy in each; starting the Spark session "
        f"is not included (first start, with the JVM launch: {runs[MASTERS[0]][0]['start']:.1f} s).",
        f"Parquet rows of all runs identical: {'yes' if identical else 'NO'}.",
        f"1-minute load average before each run, in order: {loads} (it includes the previous run's own tail); "
        "runs are noisy when other work shares the cores, so the best of each is compared.",
    ]
    return BenchReport("spark-speedup", rows, notes)


def _timed_run(master: str, articles: Path, output: Path, outputs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """One run of the job on ``master`` in a fresh session; its rows go into ``outputs``."""
    from corroborate.spark import run_spark_batch, start_session

    load = os.getloadavg()[0]
    started = time.perf_counter()
    spark = start_session(master, app_name="corroborate-spark-speedup")
    start_seconds = time.perf_counter() - started
    try:
        started = time.perf_counter()
        summary = run_spark_batch(spark, [str(articles)], str(output), partitions=PARTITIONS)
        job_seconds = time.perf_counter() - started
        rows = spark.read.parquet(f"{output}/articles").collect()
        outputs[output.name] = sorted((row.asDict() for row in rows), key=lambda row: row["position"])
    finally:
        spark.stop()
    return {"start": start_seconds, "job": job_seconds, "load": load, "order": time.perf_counter(),
            "articles": summary.articles, "stories": summary.stories}
