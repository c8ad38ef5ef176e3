"""Story clustering over a store: each newly stored article joins a story or starts one.

:class:`StoryAssigner` wraps the online clusterer of :mod:`corroborate.cluster`
for :func:`~corroborate.store.ingest.ingest_into_store`. It resumes from
the store: every article already placed is replayed, in the order it was
placed, from the features stored beside it, so a run after a crash or on
another day places new articles exactly as one uninterrupted run would
have. Story numbers are the clusterer's, stored as the ``stories`` rows' ids.

A changed version of a stored article (a revision) keeps the story and the
features of its first version: the story is about the article, not one
wording of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from corroborate.cluster import DEFAULT_SETTINGS, ClusterSettings, StoryClusterer, StoryFeatures, story_features
from corroborate.model import Article
from corroborate.store.database import ArticleVersion, ClusteredArticle, StoryPlacement

#: Longest story label kept when the founding article has no title.
LABEL_WORDS = 14


class StoryAssigner:
    """Places articles into stories online; the store feeds it what other writers placed meanwhile."""

    def __init__(self, settings: ClusterSettings = DEFAULT_SETTINGS) -> None:
        self._clusterer = StoryClusterer(settings)
        #: The highest article id whose placement this assigner knows.
        self.seen_up_to = 0
        #: How many stored placements were replayed (resumed from the store).
        self.replayed = 0

    def catch_up(self, history: Iterable[ClusteredArticle]) -> None:
        """Replay stored placements newer than :attr:`seen_up_to`, in the order they were stored."""
        for past in history:
            if past.article <= self.seen_up_to:
                continue
            features = StoryFeatures.from_dict(json.loads(past.features))
            self._clusterer.restore(past.key, features, past.story, past.derived_from_key)
            self.seen_up_to = past.article
            self.replayed += 1

    def place(self, article_id: int, version: ArticleVersion) -> StoryPlacement:
        """Cluster one new article; the placement is written in the batch's transaction."""
        features = story_features(version.article)
        assignment = self._clusterer.add(version.key, features)
        self.seen_up_to = max(self.seen_up_to, article_id)
        encoded = json.dumps(features.to_dict(), ensure_ascii=False, sort_keys=True)
        label = story_label(version.article) if assignment.new_story else None
        return StoryPlacement(assignment.story, assignment.new_story, assignment.derived_from, encoded, label)


def story_label(article: Article) -> str:
    """A headline for a story: its founding article's title, else the opening words of its text."""
    if article.title and article.title.strip():
        return " ".join(article.title.split())
    words = article.text.split()
    opening = " ".join(words[:LABEL_WORDS])
    return opening + (" …" if len(words) > LABEL_WORDS else "")
