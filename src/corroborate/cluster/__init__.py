"""Story clustering: group a stream of articles into stories, online and time-aware.

Sits beside ``compare``: before a brief is written about one event, a stream
of articles about many events is split into stories. :func:`story_features`
reads cheap features from an :class:`~corroborate.model.Article` (content
stems, name phrases, dates, a MinHash; no spaCy), and :class:`StoryClusterer`
assigns each article, in stream order, to an open story or a new one;
near-copies join their original and name it. See ``docs/clustering.md``.
"""

from __future__ import annotations

from corroborate.cluster.features import StoryFeatures, story_features
from corroborate.cluster.online import Assignment, StoryClusterer, cluster_stream
from corroborate.cluster.settings import DEFAULT_SETTINGS, ClusterSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "Assignment",
    "ClusterSettings",
    "StoryClusterer",
    "StoryFeatures",
    "cluster_stream",
    "story_features",
]
