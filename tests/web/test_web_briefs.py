"""The brief cache: one brief per story version, made again when the story's articles change."""

from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path

import pytest

from corroborate.errors import StoryNotFoundError
from corroborate.store import ingest_into_store, open_store
from corroborate.web.briefs import BriefCache, story_signature
from corroborate.web.command import add_arguments, settings_from_args


class _CountingBriefs:
    """Stands in for the brief stage: records each call and returns a token brief."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, articles, reports):
        self.calls.append([article.id for article in articles])
        return f"brief {len(self.calls)}"


def test_a_story_is_briefed_once_per_version(upload_store: Path, stories, tmp_path: Path) -> None:
    maker = _CountingBriefs()
    cache = BriefCache(4, maker)
    story = stories["example"]["id"]
    with open_store(upload_store) as store:
        first = cache.get(store, story)
        assert cache.get(store, story) is first
        assert len(maker.calls) == 1 and len(maker.calls[0]) == 5
        assert first.signature == story_signature(store.story_articles(story))

        # a new revision of a stored article (same address, new text) makes its story's brief again
        record = {"id": "ferry", "url": "https://example.org/ferry", "title": "Ferry fares rise",
                  "text": "The ferry company raised fares by 10 percent on Monday, its chair said."}
        path = tmp_path / "ferry.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        ingest_into_store([str(path)], store)
        ferry = next(a.story for a in store.articles() if a.input_id == "ferry")
        before = cache.get(store, ferry)
        path.write_text(json.dumps({**record, "text": record["text"] + " Commuters protested."}) + "\n", encoding="utf-8")
        assert ingest_into_store([str(path)], store).new_revisions == 1
        after = cache.get(store, ferry)
        assert after is not before and [rev for _, _, rev in after.signature if rev > 1] == [2]
        assert cache.get(store, story) is first  # the other story did not change
    assert cache.made == 3


def test_the_cache_forgets_the_least_recently_used_story(upload_store: Path, stories) -> None:
    maker = _CountingBriefs()
    cache = BriefCache(1, maker)
    with open_store(upload_store) as store:
        cache.get(store, stories["example"]["id"])
        cache.get(store, stories["hostile"]["id"])
        cache.get(store, stories["example"]["id"])
    assert len(maker.calls) == 3


def test_concurrent_views_of_a_new_story_brief_it_once(upload_store: Path, stories) -> None:
    maker = _CountingBriefs()
    cache = BriefCache(4, maker)
    results = []

    def view() -> None:
        with open_store(upload_store) as store:
            results.append(cache.get(store, stories["example"]["id"]).brief)

    threads = [threading.Thread(target=view) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["brief 1"] * 6 and len(maker.calls) == 1


def test_unknown_story_is_refused(upload_store: Path) -> None:
    with open_store(upload_store) as store, pytest.raises(StoryNotFoundError, match="no story 77 in this store"):
        BriefCache(2, _CountingBriefs()).get(store, 77)


def test_serve_options(monkeypatch) -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    monkeypatch.delenv("CORROBORATE_UPLOAD_TOKEN", raising=False)
    monkeypatch.delenv("CORROBORATE_DB", raising=False)
    defaults = settings_from_args(parser.parse_args([]))
    assert (defaults.database, defaults.read_only, defaults.max_upload_files) == ("corroborate.db", True, 20)
    monkeypatch.setenv("CORROBORATE_DB", "from-env.db")
    assert settings_from_args(parser.parse_args([])).database == "from-env.db"
    args = parser.parse_args(["--db", "news.db", "--host", "0.0.0.0", "--port", "9000", "--upload-token", "t"])
    assert (args.host, args.port) == ("0.0.0.0", 9000)
    settings = settings_from_args(args)
    assert (settings.database, settings.upload_token, settings.read_only) == ("news.db", "t", False)
    assert settings.fetch_queue_path() == Path("news.db.fetch-queue.jsonl")
    monkeypatch.setenv("CORROBORATE_UPLOAD_TOKEN", "from-env")
    assert settings_from_args(parser.parse_args([])).upload_token == "from-env"
    with pytest.raises(SystemExit):
        parser.parse_args(["--port", "70000"])
