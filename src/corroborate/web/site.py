"""What every request of one web server shares: its settings, the store it opens, and its caches.

A store holds one database connection, which must not cross threads, so
each worker thread opens its own store on first use and keeps it: opening
one checks the schema inside a write transaction, which readers would
otherwise queue for on every request (and wait behind an upload's ingest).
A thread's store is closed when the thread ends or a database error leaves
it in doubt. The caches (briefs, the story index) are shared and thread-safe.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from corroborate.store import Store, StoreError, StorySummary, open_store
from corroborate.web.briefs import BriefCache, BriefMaker
from corroborate.web.settings import WebSettings

#: What the story index was built from: article, revision and story counts.
IndexGeneration = tuple[int, int, int]


@dataclass(frozen=True)
class StoryIndex:
    """Every story with the outlets and titles of its articles, for searching and filtering the list."""

    generation: IndexGeneration
    stories: tuple[StorySummary, ...]
    outlets: dict[int, tuple[str, ...]]
    titles: dict[int, tuple[str, ...]]

    def story(self, story: int) -> StorySummary | None:
        """One story's summary, or None when the store does not hold it."""
        return next((summary for summary in self.stories if summary.id == story), None)

    def all_outlets(self) -> list[str]:
        """Every outlet named by some story's article, sorted."""
        return sorted({outlet for names in self.outlets.values() for outlet in names}, key=str.casefold)


def build_story_index(store: Store, generation: IndexGeneration) -> StoryIndex:
    """Read every story and its articles' outlets and titles (no article text)."""
    outlets: dict[int, dict[str, None]] = {}
    titles: dict[int, dict[str, None]] = {}
    for row in store.export_rows():
        if row.story is None:
            continue
        if row.outlet:
            outlets.setdefault(row.story, {})[row.outlet] = None
        if row.title:
            titles.setdefault(row.story, {})[row.title] = None
    return StoryIndex(
        generation,
        tuple(store.stories()),
        {story: tuple(names) for story, names in outlets.items()},
        {story: tuple(names) for story, names in titles.items()},
    )


class Site:
    """One server's settings, store access and caches."""

    def __init__(self, settings: WebSettings, make_brief: BriefMaker | None = None) -> None:
        self.settings = settings
        self.briefs = (
            BriefCache(settings.brief_cache_size, make_brief)
            if make_brief is not None
            else BriefCache(settings.brief_cache_size)
        )
        #: One upload ingests at a time (the store would serialize them anyway; this keeps reports apart).
        self.write_lock = threading.Lock()
        self._thread = threading.local()
        self._index: StoryIndex | None = None
        self._index_lock = threading.Lock()

    @contextmanager
    def store(self) -> Iterator[Store]:
        """This thread's store (opened on first use); dropped if the database fails under it."""
        store = getattr(self._thread, "store", None)
        if store is None:
            store = open_store(self.settings.database)
            self._thread.store = store
        try:
            yield store
        except StoreError:
            self._thread.store = None
            store.close()
            raise

    def story_index(self, store: Store) -> StoryIndex:
        """The story index, read again only when articles or stories were added since."""
        counts = store.counts()
        generation = (counts.articles, counts.revisions, counts.stories)
        index = self._index
        if index is not None and index.generation == generation:
            return index
        with self._index_lock:
            index = self._index
            if index is None or index.generation != generation:
                index = build_story_index(store, generation)
                self._index = index
        return index
