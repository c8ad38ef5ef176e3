"""Crash safety: a real ingest process killed mid-batch, then run again, loses nothing and stores nothing twice.

Each test starts ``store_ingest_child.py`` as a separate Python process on
200 ECB+ news texts, kills it with SIGKILL and compares the store, after a
re-run, with the store an uninterrupted run makes (the same for both back
ends, so the comparison also checks that SQLite and PostgreSQL agree).
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import new_postgres_database, snapshot, write_jsonl

from corroborate.store import ingest_into_store, open_store

CHILD = Path(__file__).with_name("store_ingest_child.py")

#: 200 texts in batches of 20: ten transactions, about half a second of extraction in all.
ARTICLES = 200
BATCH_SIZE = 20

#: Seconds to wait for a line from the child before calling it stuck (it needs ~2 s in all).
LINE_TIMEOUT_SECONDS = 60


@pytest.fixture(scope="module")
def ecb_input(ecb_records, tmp_path_factory) -> str:
    """200 ECB+ texts as one JSON Lines file, shared by the tests of this module."""
    return str(write_jsonl(tmp_path_factory.mktemp("crash") / "ecb.jsonl", ecb_records[:ARTICLES]))


@pytest.fixture(scope="module")
def clean_run(ecb_input, tmp_path_factory) -> dict[str, list]:
    """What one uninterrupted run stores."""
    with open_store(tmp_path_factory.mktemp("clean") / "clean.db") as store:
        summary = ingest_into_store([ecb_input], store, batch_size=BATCH_SIZE)
        assert (summary.new_articles, summary.duplicates) == (ARTICLES, 0)
        return snapshot(store)


def start_child(database: str, input: str, hang_at: int | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, str(CHILD), database, input, str(BATCH_SIZE)]
    if hang_at is not None:
        command.append(str(hang_at))
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def read_line(child: subprocess.Popen[str]) -> str:
    """The child's next line of output; fails the test if it dies or stalls first."""
    ready, _, _ = select.select([child.stdout], [], [], LINE_TIMEOUT_SECONDS)
    line = child.stdout.readline() if ready else ""
    if not line:
        child.kill()
        _, errors = child.communicate()
        pytest.fail(f"the child ingest process stopped talking (exit {child.returncode}): {errors.strip()[-500:]}")
    return line.strip()


def kill(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL
    child.stdout.close()
    child.stderr.close()


def committed_articles(database: str) -> int:
    with open_store(database) as store:
        return store.counts().articles


def test_killed_inside_a_batch_transaction_keeps_the_committed_batches_only(database, ecb_input, clean_run):
    child = start_child(database, ecb_input, hang_at=3 * BATCH_SIZE + 5)
    lines = [read_line(child) for _ in range(4)]
    assert lines == ["committed 20 200", "committed 40 200", "committed 60 200", "hanging"]
    kill(child)  # five rows of the fourth batch are written but not committed

    assert committed_articles(database) == 60

    with open_store(database) as store:
        rerun = ingest_into_store([ecb_input], store, batch_size=BATCH_SIZE)
        assert (rerun.new_articles, rerun.duplicates, rerun.new_revisions) == (ARTICLES - 60, 60, 0)
        assert snapshot(store) == clean_run
        keys = [article.key for article in store.articles()]
        assert len(keys) == len(set(keys)) == ARTICLES


def test_killed_at_any_moment_after_some_batches_a_rerun_completes_the_store(database, ecb_input, clean_run):
    child = start_child(database, ecb_input)
    assert [read_line(child) for _ in range(2)] == ["committed 20 200", "committed 40 200"]
    kill(child)  # wherever it is now: extracting, writing or committing the third batch, or later

    committed = committed_articles(database)
    assert committed >= 2 * BATCH_SIZE
    assert committed % BATCH_SIZE == 0  # whole batches only

    with open_store(database) as store:
        rerun = ingest_into_store([ecb_input], store, batch_size=BATCH_SIZE)
        assert (rerun.new_articles, rerun.duplicates) == (ARTICLES - committed, committed)
        assert snapshot(store) == clean_run


def test_two_processes_ingesting_the_same_input_at_once_store_each_article_once(database, ecb_input, clean_run):
    children = [start_child(database, ecb_input) for _ in range(2)]
    summaries = []
    for child in children:
        output, errors = child.communicate(timeout=120)
        assert child.returncode == 0, errors
        summaries.append(json.loads(output.strip().splitlines()[-1]))
    assert sum(summary["new"] for summary in summaries) == ARTICLES
    assert sum(summary["duplicates"] for summary in summaries) == ARTICLES
    assert sum(summary["revisions"] for summary in summaries) == 0
    with open_store(database) as store:
        assert snapshot(store) == clean_run


def test_a_killed_postgres_client_releases_the_write_lock_at_once(postgres_server, ecb_input):
    database = new_postgres_database(postgres_server)
    child = start_child(database, ecb_input, hang_at=1)
    assert read_line(child) == "hanging"  # holding the advisory write lock inside its first batch
    kill(child)
    with open_store(database) as store:
        # An empty batch still takes the write lock; a lock left held would end in the "is busy" error.
        assert store.write_batch([], []) == []
        assert store.counts().articles == 0


def test_two_processes_ingesting_different_inputs_share_one_set_of_stories(database, ecb_records, tmp_path):
    # Alternate records between two files, so both processes meet articles of the same stories.
    records = ecb_records[:120]
    halves = [write_jsonl(tmp_path / f"half-{n}.jsonl", records[n::2]) for n in (0, 1)]
    children = [start_child(database, str(half)) for half in halves]
    for child in children:
        _, errors = child.communicate(timeout=120)
        assert child.returncode == 0, errors
    with open_store(database) as store:
        articles = list(store.articles())
        assert len(articles) == len(records)
        assert all(article.story is not None for article in articles)
        stories = {article.story for article in articles}
        # Each process replays the other's placements under the write lock: no story number twice,
        assert store.counts().stories == len(stories)
        # and stories are shared across the two inputs rather than formed twice.
        inputs_of_story = {story: {a.input.rsplit(":", 1)[0] for a in articles if a.story == story} for story in stories}
        assert any(len(inputs) == 2 for inputs in inputs_of_story.values())
