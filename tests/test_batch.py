"""run_batch: the single-machine batch the Spark job must match, on the bundled example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate.annotate import annotate_articles
from corroborate.batch import BATCH_COLUMNS, BatchResult, run_batch, stories_of
from corroborate.cluster import Assignment, cluster_stream, story_features
from corroborate.pipeline import extract_inputs

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "iraq-coalition-2024"


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> BatchResult:
    missing = tmp_path_factory.mktemp("batch") / "missing.jsonl"
    return run_batch([str(EXAMPLE), str(missing)])


def test_one_row_per_article_in_stream_order(batch: BatchResult) -> None:
    articles = extract_inputs([str(EXAMPLE)]).articles
    assert [(row.position, row.id, row.input) for row in batch.rows] == [
        (number, article.id, article.input) for number, article in enumerate(articles)
    ]
    assert list(batch.rows[0].to_dict()) == list(BATCH_COLUMNS)
    assert batch.rows[0].title == "US to end anti-ISIL operation in Iraq but unclear if troops will remain"


def test_stories_and_copies_come_from_the_clusterer(batch: BatchResult) -> None:
    articles = extract_inputs([str(EXAMPLE)]).articles
    assignments = cluster_stream((article.id, story_features(article)) for article in articles)
    assert [(row.story, row.new_story, row.similarity, row.derived_from) for row in batch.rows] == [
        (a.story, a.new_story, a.similarity, a.derived_from) for a in assignments
    ]


def test_each_story_is_annotated_as_one_batch(batch: BatchResult) -> None:
    articles = extract_inputs([str(EXAMPLE)]).articles
    for story in {row.story for row in batch.rows}:
        members = [article for article, row in zip(articles, batch.rows) if row.story == story]
        expected = [json.dumps(record.to_dict(), ensure_ascii=False) for record in annotate_articles(members)]
        assert [row.annotations for row in batch.rows if row.story == story] == expected


def test_every_input_is_reported(batch: BatchResult) -> None:
    assert [report.status for report in batch.reports] == ["processed"] * 5 + ["skipped"]
    assert batch.reports[-1].reason == "no such file or directory"
    assert batch.failed


def test_stories_of_groups_in_stream_order() -> None:
    articles = extract_inputs([str(EXAMPLE)]).articles[:3]
    assignments = [Assignment("a", 1, True, 0.0), Assignment("b", 2, True, 0.0), Assignment("c", 1, False, 0.5)]
    groups = stories_of(list(enumerate(articles)), assignments)
    assert {story: [position for position, _, _ in members] for story, members in groups.items()} == {1: [0, 2], 2: [1]}


def test_no_inputs_give_an_empty_batch() -> None:
    empty = run_batch([])
    assert (empty.rows, empty.reports, empty.failed) == ([], [], False)
