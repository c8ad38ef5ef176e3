"""Briefs of stored stories, made once per version of a story and kept in memory.

A brief takes seconds (the spaCy parse of every article), a page view must
take milliseconds, so the web app briefs a story once and serves that brief
until the story changes. A brief is keyed by the story and the exact versions
of its articles (store row id, text hash, revision): a new article or a new
revision changes the key, and the next view (or the refresh that follows an
upload) makes a new brief. Nothing has to be invalidated by hand.

Briefs are made one at a time, under one lock: the spaCy pipeline is shared
and a second brief running beside the first would only halve the speed of
both. Callers run this in a worker thread, never on the event loop.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from corroborate.errors import StoryNotFoundError
from corroborate.model import Article, Brief, InputReport
from corroborate.pipeline import brief_articles
from corroborate.store import Store, StoredArticle

#: The versions a brief was made from: (store row id, text hash, revision) per article.
StorySignature = tuple[tuple[int, str, int], ...]

#: Makes a brief from a story's articles and their input reports (``pipeline.brief_articles``).
BriefMaker = Callable[[list[Article], list[InputReport]], Brief]


@dataclass
class StoryBrief:
    """One story's brief with the stored articles it was made from."""

    story: int
    signature: StorySignature
    articles: list[StoredArticle]
    brief: Brief
    #: What pages derived from this brief (their view models), made on first use.
    views: dict[str, Any] = field(default_factory=dict)


def story_signature(articles: Sequence[StoredArticle]) -> StorySignature:
    """The versions of a story's articles, in story order."""
    return tuple((article.id, article.content_hash, article.revision) for article in articles)


def _brief_articles(articles: list[Article], reports: list[InputReport]) -> Brief:
    return brief_articles(articles, reports)


class BriefCache:
    """The latest brief of each recently viewed story, at most ``capacity`` of them (least recently used go)."""

    def __init__(self, capacity: int, make_brief: BriefMaker = _brief_articles) -> None:
        self.capacity = capacity
        self._make_brief = make_brief
        self._entries: OrderedDict[int, StoryBrief] = OrderedDict()
        self._entries_lock = threading.Lock()
        self._briefing = threading.Lock()
        #: How many briefs were made (for tests and the load benchmark).
        self.made = 0

    def get(self, store: Store, story: int) -> StoryBrief:
        """The brief of the story's current articles, made now if the story changed since the last one."""
        articles = store.story_articles(story)
        if not articles:
            count = store.counts().stories
            raise StoryNotFoundError(f"no story {story} in this store (it holds {count} stories)")
        signature = story_signature(articles)
        cached = self._cached(story, signature)
        if cached is not None:
            return cached
        with self._briefing:
            # Another request may have made this very brief while we waited.
            cached = self._cached(story, signature)
            if cached is not None:
                return cached
            reports = [InputReport(article.input, "processed", "", 1) for article in articles]
            brief = self._make_brief([article.article for article in articles], reports)
            self.made += 1
        entry = StoryBrief(story, signature, articles, brief)
        with self._entries_lock:
            self._entries[story] = entry
            self._entries.move_to_end(story)
            while len(self._entries) > self.capacity:
                self._entries.popitem(last=False)
        return entry

    def refresh(self, store: Store, stories: Sequence[int]) -> None:
        """Brief again every story in ``stories`` whose articles changed (after an upload)."""
        for story in stories:
            try:
                self.get(store, story)
            except StoryNotFoundError:
                continue

    def _cached(self, story: int, signature: StorySignature) -> StoryBrief | None:
        with self._entries_lock:
            entry = self._entries.get(story)
            if entry is None or entry.signature != signature:
                return None
            self._entries.move_to_end(story)
            return entry
