"""Online story clustering on real text: joins, splits, copies, quiet stories, arrival order, restore, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from corroborate.cluster import (
    DEFAULT_SETTINGS,
    Assignment,
    StoryClusterer,
    StoryFeatures,
    cluster_stream,
    story_features,
)
from corroborate.errors import UsageError
from corroborate.model import Article
from corroborate.pipeline import extract_inputs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "iraq-coalition-2024"
ECB_TEXTS = ROOT.parent / "shared" / "bench" / "stories-ecbplus" / "articles.jsonl"
#: Example page 000 (Al Jazeera's report), copied below with a new headline and its last paragraph cut.
FIRST_PAGE = "000_5402e81212a35571"


def _example() -> list[Article]:
    return extract_inputs([str(EXAMPLE)]).articles


def _ecb(*ids: str) -> list[Article]:
    if not ECB_TEXTS.is_file():
        pytest.skip(f"ECB+ texts not on this machine ({ECB_TEXTS}); they come with /work/shared/bench")
    wanted = set(ids)
    by_id = {article.id: article for article in extract_inputs([str(ECB_TEXTS)]).articles if article.id in wanted}
    return [by_id[identifier] for identifier in ids]


def _features(articles: list[Article]) -> list[tuple[str, StoryFeatures]]:
    return [(article.id, story_features(article)) for article in articles]


def _near_copy(article: Article, key: str) -> Article:
    paragraphs = article.text.split("\n\n")
    text = "\n\n".join(["Coalition to wind down in Iraq by 2025, US says"] + paragraphs[1:-1])
    return replace(article, id=key, text=text)


def test_the_example_pages_are_one_story() -> None:
    assignments = cluster_stream(_features(_example()))
    assert [a.story for a in assignments] == [1, 1, 1, 1, 1]
    assert [a.new_story for a in assignments] == [True, False, False, False, False]
    assert assignments[0].similarity == 0.0
    assert all(a.similarity >= DEFAULT_SETTINGS.threshold for a in assignments[1:])
    # Page 003 rewrites another outlet's story: same story, but no copy.
    assert all(a.derived_from is None for a in assignments)


def test_a_near_copy_names_its_original() -> None:
    articles = _example()
    copy = _near_copy(articles[0], "copy-of-000")
    assignments = cluster_stream(_features([*articles, copy]))
    assert assignments[-1] == Assignment("copy-of-000", 1, False, assignments[-1].similarity, FIRST_PAGE)


def test_different_events_do_not_join() -> None:
    # Tara Reid's rehab stay (1ecb), a courthouse killer's sentence (3ecb), Lindsay Lohan's rehab stay (1ecbplus).
    articles = _ecb("1_10ecb", "1_11ecb", "3_1ecb", "3_3ecb", "1_13ecb", "1_10ecbplus", "1_11ecbplus")
    assignments = cluster_stream(_features(articles))
    assert [a.story for a in assignments] == [1, 1, 2, 2, 1, 3, 3]


def _dated(article: Article, day: str) -> Article:
    return replace(article, published=day, published_confidence=0.9)


def test_joining_a_quiet_story_costs_the_quiet_penalty() -> None:
    first, second = _example()[:2]
    stream = _features([_dated(first, "2024-09-27"), _dated(second, "2024-10-20")])
    # 23 days later story 1 has gone quiet (after 7): the same pages score the penalty less.
    late = cluster_stream(stream)
    unpenalized = cluster_stream(stream, replace(DEFAULT_SETTINGS, quiet_penalty=0.0))
    assert [a.story for a in late] == [a.story for a in unpenalized] == [1, 1]
    assert unpenalized[1].similarity - late[1].similarity == pytest.approx(DEFAULT_SETTINGS.quiet_penalty)
    within = _features([_dated(first, "2024-09-27"), _dated(second, "2024-09-30")])
    assert cluster_stream(within)[1].similarity == cluster_stream(within, replace(DEFAULT_SETTINGS, quiet_penalty=0.0))[1].similarity


def test_a_weak_match_to_a_quiet_story_starts_a_new_one() -> None:
    first, second = _example()[:2]
    strict = replace(DEFAULT_SETTINGS, quiet_penalty=1.0)
    assert [a.story for a in cluster_stream(_features([_dated(first, "2024-09-27"), _dated(second, "2024-10-20")]), strict)] == [1, 2]
    assert [a.story for a in cluster_stream(_features([_dated(first, "2024-09-27"), _dated(second, "2024-09-30")]), strict)] == [1, 1]


def test_articles_out_of_date_order_still_join_their_story() -> None:
    # An archive read folder by folder: a much later article arrives between two of one week.
    first, later, third = _example()[:3]
    clusterer = StoryClusterer()
    clusterer.add("a", story_features(_dated(first, "2024-09-27")))
    clusterer.add("b", story_features(_dated(later, "2025-06-01")))
    assignment = clusterer.add("c", story_features(_dated(third, "2024-09-28")))
    assert assignment.story == 1 and not assignment.new_story
    assert 1 in clusterer.active_stories()


def test_the_open_story_cap_closes_the_least_recently_updated() -> None:
    articles = _ecb("1_10ecb", "3_1ecb", "1_11ecb", "13_1ecb")
    clusterer = StoryClusterer(replace(DEFAULT_SETTINGS, max_active_stories=2))
    stories = [clusterer.add(key, features).story for key, features in _features(articles)]
    assert stories == [1, 2, 1, 3]
    assert clusterer.active_stories() == [1, 3]


def test_restore_then_add_equals_one_run() -> None:
    articles = _example()
    items = _features([*articles, _near_copy(articles[0], "copy")])
    whole = cluster_stream(items)
    resumed = StoryClusterer()
    for (key, features), assignment in zip(items[:3], whole[:3]):
        resumed.restore(key, features, assignment.story, assignment.derived_from)
    assert [resumed.add(key, features) for key, features in items[3:]] == whole[3:]


def test_restored_story_numbers_are_not_reused() -> None:
    first, second = _ecb("1_10ecb", "3_1ecb")
    clusterer = StoryClusterer(first_story=10)
    clusterer.restore("old", story_features(first), 41)
    assert clusterer.add("new", story_features(second)) == Assignment("new", 42, True, 0.0, None)
    assert clusterer.active_stories() == [41, 42]


def test_first_story_number() -> None:
    assignments = [StoryClusterer(first_story=7).add(key, f) for key, f in _features(_example()[:1])]
    assert assignments[0].story == 7


def test_a_key_cannot_be_added_twice() -> None:
    clusterer = StoryClusterer()
    features = story_features(_example()[0])
    clusterer.add("a", features)
    with pytest.raises(UsageError, match="'a' was already clustered"):
        clusterer.add("a", features)


_CHILD = """
import json, sys
from corroborate.cluster import StoryFeatures, cluster_stream
items = [(key, StoryFeatures.from_dict(record)) for key, record in json.load(sys.stdin)]
print(json.dumps([[a.key, a.story, a.new_story, a.similarity, a.derived_from] for a in cluster_stream(items)]))
"""


def test_same_order_gives_same_assignments_in_other_processes() -> None:
    articles = _example()
    items = _features([*articles, _near_copy(articles[0], "copy"), *reversed(articles[1:])][:8])
    items = [(f"{key}-{number}", features) for number, (key, features) in enumerate(items)]
    payload = json.dumps([[key, features.to_dict()] for key, features in items])
    outputs = []
    for seed in ("1", "987"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", _CHILD], input=payload, capture_output=True,
                                text=True, env=environment, check=True)
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]
    assert outputs[0] == [[a.key, a.story, a.new_story, a.similarity, a.derived_from] for a in cluster_stream(items)]
