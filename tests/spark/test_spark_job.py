"""The Spark job on local[2] gives exactly the rows and reports of the single-machine batch on the same inputs."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

import pytest
from spark_inputs import BAD_LINE, DUPLICATE_ID, write_batch_inputs

from corroborate.batch import BATCH_COLUMNS, BatchResult, run_batch
from corroborate.spark import command


def _args(inputs: list[str], output: Path, *extra: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    return parser.parse_args([*inputs, "-o", str(output), *extra])


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return write_batch_inputs(tmp_path_factory.mktemp("batch-inputs"))


@pytest.fixture(scope="module")
def reference(inputs: list[str]) -> BatchResult:
    return run_batch(inputs)


@pytest.fixture(scope="module")
def spark_run(spark: Any, inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    output = tmp_path_factory.mktemp("spark-run") / "out"
    err = io.StringIO()
    status = command.run(_args(inputs, output, "--partitions", "2"), io.StringIO(), err)
    articles = sorted((row.asDict() for row in spark.read.parquet(str(output / "articles")).collect()),
                      key=lambda row: row["position"])
    reports = [row.asDict() for row in spark.read.parquet(str(output / "inputs")).collect()]
    return {"status": status, "err": err.getvalue(), "articles": articles, "reports": reports, "output": output}


def test_rows_are_identical_to_the_single_machine_batch(spark_run: dict[str, Any], reference: BatchResult) -> None:
    assert [row.to_dict() for row in reference.rows] == spark_run["articles"]
    assert list(spark_run["articles"][0]) == list(BATCH_COLUMNS)
    assert (spark_run["output"] / "articles" / "_SUCCESS").is_file()


def test_every_reader_contributes_articles_in_stream_order(spark_run: dict[str, Any]) -> None:
    articles = spark_run["articles"]
    inputs = [Path(row["input"]).name for row in articles]
    assert inputs[:5] == sorted(path.name for path in (Path(__file__).parents[2] / "examples/iraq-coalition-2024").iterdir())
    # Line 2 repeats line 1's id and is skipped (reported below); line 3 is broken JSON.
    assert inputs[5:8] == [f"articles.jsonl:{line}" for line in (1, 4, 5)]
    assert inputs[8:] == ["crawl.warc.gz#2", "crawl.warc.gz#4"]
    assert articles[5]["id"] == DUPLICATE_ID
    assert [row["position"] for row in articles] == list(range(10))


def test_stories_are_numbered_in_stream_order_and_spread_over_partitions(spark_run: dict[str, Any]) -> None:
    articles = spark_run["articles"]
    stories = [row["story"] for row in articles]
    opened = [row["story"] for row in articles if row["new_story"]]
    assert opened == sorted(set(stories)) and len(opened) > 1
    assert {row["derived_from"] for row in articles} - {None} <= {row["id"] for row in articles}
    parts = list((spark_run["output"] / "articles").glob("part-*.parquet"))
    assert len(parts) == min(2, len(opened))


def test_annotations_are_the_annotate_records(spark_run: dict[str, Any]) -> None:
    for row in spark_run["articles"]:
        record = json.loads(row["annotations"])
        assert (record["id"], record["input"], record["text"]) == (row["id"], row["input"], row["text"])
        assert all(record["text"][e["start"]:e["end"]] == e["text"] for e in record["entities"])
    stated = next(json.loads(row["annotations"]) for row in spark_run["articles"] if row["id"] == DUPLICATE_ID)
    assert (stated["reference_date"], stated["reference_source"]) == ("2024-09-27", "published")


def test_bad_inputs_are_reported_not_lost(spark_run: dict[str, Any], reference: BatchResult) -> None:
    assert spark_run["reports"] == [vars(report) for report in reference.reports]
    skipped = {Path(r["input"]).name: r["reason"] for r in spark_run["reports"] if r["status"] == "skipped"}
    assert skipped[f"articles.jsonl:{BAD_LINE}"].startswith("invalid JSON (Unterminated string")
    assert skipped["articles.jsonl:2"] == f"duplicate id {DUPLICATE_ID!r} (line 1 has the same id); not read"
    assert skipped["empty.html"] == "empty file (0 bytes)"
    assert skipped["missing.jsonl"] == "no such file or directory"
    partial = next(r for r in spark_run["reports"] if r["input"].endswith("articles.jsonl"))
    assert (partial["status"], partial["documents"]) == ("partial", 3)
    assert spark_run["status"] == command.EXIT_INPUT_PROBLEMS
    assert "10 article(s) in" in spark_run["err"] and "5 input(s) skipped or partial" in spark_run["err"]
    assert f"skipped   {[r['input'] for r in spark_run['reports'] if r['input'].endswith('missing.jsonl')][0]}" in spark_run["err"]


def test_the_time_limit_holds_in_the_executors(spark: Any, tmp_path: Path) -> None:
    # Signals reach the executors' Python workers: a page that needs minutes is dropped at the limit.
    paragraph = "<p>The harbour council voted on Tuesday to raise ferry fares by 12 percent, its chair said.</p>\n"
    slow = tmp_path / "slow.html"
    slow.write_text("<html><body><article>" + paragraph * 40_000 + "</article></body></html>", encoding="utf-8")
    err = io.StringIO()
    status = command.run(_args([str(slow)], tmp_path / "out", "--time-limit", "1"), io.StringIO(), err)
    assert err.getvalue().splitlines()[0] == (
        f"skipped   {slow}: extracting the article took longer than 1 s (limit --time-limit)"
    )
    assert status == command.EXIT_INPUT_PROBLEMS
